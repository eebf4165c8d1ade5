"""Who a session or API token belongs to, a person's tokens, the open invitations."""

import hashlib
import hmac
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from ..domain.policy import Actor
from ..models import AccountLink, AuthToken, User
from ..settings import Settings
from .lookup import require_admin

# `lastUsedAt` is written at most this often per token: a busy script costs one write a minute
TOUCH_EVERY = timedelta(minutes=1)


def token_hash(settings: Settings, token: str) -> str:
    return hmac.new(settings.secret_key.encode(), token.encode(), hashlib.sha256).hexdigest()


@dataclass(frozen=True, slots=True)
class Credential:
    """What authenticated a request or socket: a session (cookie) or an API token."""

    token_id: int
    user_id: int
    is_session: bool
    expires_at: datetime | None = None


async def _live(row: AuthToken | None) -> tuple[User, Credential] | None:
    """The row's user and credential, unless revoked, expired or deactivated; notes the use."""
    if row is None or row.revoked_at is not None or not row.user.is_active:
        return None
    now = datetime.now(UTC)
    if row.expires_at is not None and row.expires_at <= now:
        return None
    if row.last_used_at is None or now - row.last_used_at >= TOUCH_EVERY:
        await AuthToken.filter(id=row.id).update(last_used_at=now)
    return row.user, Credential(row.id, row.user_id, row.is_session, row.expires_at)


async def credential_for(settings: Settings, token: str | None) -> tuple[User, Credential] | None:
    if not token or len(token) > 200:
        return None
    row = (
        await AuthToken.filter(token_hash=token_hash(settings, token))
        .select_related("user")
        .first()
    )
    return await _live(row)


async def credential_again(credential: Credential) -> tuple[User, Credential] | None:
    """The same credential read afresh (a socket's, before each operation)."""
    return await _live(
        await AuthToken.filter(id=credential.token_id).select_related("user").first()
    )


async def user_for_token(settings: Settings, token: str | None) -> User | None:
    found = await credential_for(settings, token)
    return found[0] if found else None


async def list_api_tokens(user_id: int) -> list[AuthToken]:
    return await AuthToken.filter(user_id=user_id, is_session=False, revoked_at=None).order_by("id")


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
