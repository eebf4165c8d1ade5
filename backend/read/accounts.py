"""Who a session or API token belongs to, a person's tokens, the open invitations."""

import hashlib
import hmac
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cache

from ..domain.policy import Actor
from ..models import AccountLink, AuthToken, User
from ..settings import Settings
from .lookup import require_admin
from .rows import build, columns, fetch_rows

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
    # the organization's event counter, read with the credential: the directory its rights
    # are built from is current if read at this seq or later (`SharedDirectories`)
    org_seq: int = 0


@cache
def _with_user(column: str) -> tuple[str, int]:
    """The token, its user and their organization's event counter in one statement, raw —
    every signed-in request and socket operation reads it first (the query builder and
    select_related cost more than the statement) — and where the user's columns begin. Built
    once the models are initialized."""
    sql = (
        f"SELECT {columns(AuthToken, 't')}, {columns(User, 'u')}, o.last_seq FROM auth_token t "
        f'JOIN "user" u ON u.id = t.user_id JOIN organization o ON o.id = u.organization_id '
        f"WHERE t.{column} = ?"
    )
    return sql, len(AuthToken._meta.fields_db_projection)


async def _token_with_user(column: str, value: object) -> tuple[AuthToken, User, int] | None:
    sql, split = _with_user(column)
    rows = await fetch_rows(sql, [value])
    if not rows:
        return None
    row = tuple(rows[0])  # the drivers' rows (sqlite3.Row, asyncpg.Record) do not slice
    token = build(AuthToken, [row[:split]])[0]
    return token, build(User, [row[split:-1]])[0], int(row[-1])


async def _live(found: tuple[AuthToken, User, int] | None) -> tuple[User, Credential] | None:
    """The token's user and credential, unless revoked, expired or deactivated; notes the use."""
    if found is None:
        return None
    row, user, org_seq = found
    if row.revoked_at is not None or not user.is_active:
        return None
    now = datetime.now(UTC)
    if row.expires_at is not None and row.expires_at <= now:
        return None
    if row.last_used_at is None or now - row.last_used_at >= TOUCH_EVERY:
        await AuthToken.filter(id=row.id).update(last_used_at=now)
    return user, Credential(row.id, row.user_id, row.is_session, row.expires_at, org_seq)


async def credential_for(settings: Settings, token: str | None) -> tuple[User, Credential] | None:
    if not token or len(token) > 200:
        return None
    return await _live(await _token_with_user("token_hash", token_hash(settings, token)))


async def credential_again(credential: Credential) -> tuple[User, Credential] | None:
    """The same credential read afresh (a socket's, before each operation)."""
    return await _live(await _token_with_user("id", credential.token_id))


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
