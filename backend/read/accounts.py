"""Who a session or API token belongs to, a person's tokens, the open invitations."""

import hashlib
import hmac
from datetime import UTC, datetime

from ..domain.policy import Actor
from ..models import AccountLink, AuthToken, User
from ..settings import Settings
from .lookup import require_admin


def token_hash(settings: Settings, token: str) -> str:
    return hmac.new(settings.secret_key.encode(), token.encode(), hashlib.sha256).hexdigest()


async def user_for_token(settings: Settings, token: str | None) -> User | None:
    if not token or len(token) > 200:
        return None
    row = (
        await AuthToken.filter(token_hash=token_hash(settings, token), revoked_at=None)
        .select_related("user")
        .first()
    )
    if row is None or not row.user.is_active:
        return None
    now = datetime.now(UTC)
    if row.expires_at is not None and row.expires_at <= now:
        return None
    return row.user


async def list_api_tokens(user: User) -> list[AuthToken]:
    return await AuthToken.filter(user=user, is_session=False, revoked_at=None).order_by("id")


async def open_invitations(actor: Actor | None) -> list[AccountLink]:
    """The invitations not yet accepted, revoked or expired (admins only), newest first."""
    actor = require_admin(actor)
    return await AccountLink.filter(
        organization_id=actor.org_id,
        purpose="INVITE",
        used_at=None,
        revoked_at=None,
        expires_at__gt=datetime.now(UTC),
    ).order_by("-id")
