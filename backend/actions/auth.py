"""Accounts: passwords, sign-in with rate limiting, sessions and personal API tokens.

Whatever ends a session or token also closes the sockets it opened, on every process
(`live/access.py`): the cut is published once the change is committed."""

import secrets
from datetime import UTC, datetime, timedelta

from ..domain.enums import Role
from ..domain.errors import Forbidden, InvalidInput, NotFound, Unauthenticated
from ..domain.passwords import check_password
from ..domain.validation import LIMITS, validate_text
from ..live.access import SESSION_GONE, Cut, publish_cuts
from ..live.broker import get_broker
from ..models import AuthToken, SsoConfig, User
from ..passwords import DUMMY_HASH, hash_off_loop
from ..passwords import verify as _verify  # off the event loop, bounded
from ..read.accounts import Credential, credential_for, token_hash
from ..settings import Settings
from . import login_attempts

MAX_API_TOKENS = 50
# the password hash of an account that signs in only through the provider: argon2 cannot parse
# it, so no password matches it
NO_PASSWORD = "!"


async def hash_password(password: str, field: str = "password") -> str:
    """A new password, checked against the policy, hashed off the event loop."""
    check_password(password, field)
    return await hash_off_loop(password)


async def verify_current(
    settings: Settings, user: User, password: str, field: str, address: str = "-"
) -> None:
    """The signed-in person proves it is them (a password or e-mail change): each try counts
    against the same limit as a sign-in, before the password is checked."""
    await login_attempts.admit(settings, user.email, address)
    if not await _verify(user.password_hash, password or ""):
        raise InvalidInput(field, "auth.wrong_password")
    await login_attempts.succeeded(user.email, address)


async def _end(cuts: list[Cut], revoked: int) -> int:
    if revoked:
        await publish_cuts(get_broker(), cuts)
    return revoked


async def revoke_sessions(
    user_id: int, *, keep: int | None = None, only: int | None = None
) -> list[int]:
    """Revokes a person's live sessions (all, all but `keep`, or just `only`); their ids."""
    rows = AuthToken.filter(user_id=user_id, is_session=True, revoked_at=None)
    if keep is not None:
        rows = rows.exclude(id=keep)
    if only is not None:
        rows = rows.filter(id=only)
    ids: list[int] = await rows.values_list("id", flat=True)  # type: ignore[assignment]
    if ids:
        await AuthToken.filter(id__in=ids).update(revoked_at=datetime.now(UTC))
    return ids


def sessions_cut(user_id: int, ids: list[int]) -> Cut:
    return Cut(SESSION_GONE, user_id, tuple(ids))


async def sign_in(
    settings: Settings, email: str, password: str, address: str, replacing: str | None = None
) -> tuple[User, str]:
    """Returns the user and a new session token (the cookie's value). `replacing` is the
    session cookie the same browser sent, if any: signing in there again ends that session
    (whoever it belonged to), so one browser holds one session."""
    email = (email or "").strip().lower()
    validate_text(email, "email", max_len=254, required=True)
    await login_attempts.admit(settings, email, address)  # counted before the check
    user = await User.get_or_none(email=email, is_active=True)
    if not await _verify(user.password_hash if user else DUMMY_HASH, password or "") or not user:
        raise Unauthenticated("auth.bad_credentials")
    await login_attempts.succeeded(email, address)
    if user.role != Role.ADMIN and await SsoConfig.exists(
        organization_id=user.organization_id, enabled=True, password_sign_in=False
    ):
        raise Unauthenticated("auth.password_disabled")
    token = await new_session(settings, user)
    old = await credential_for(settings, replacing)
    if old is not None and old[1].is_session:
        await sign_out(old[1])
    return user, token


async def new_session(settings: Settings, user: User) -> str:
    """A session for `user`; the token is the cookie's value (only its hash is kept)."""
    token = secrets.token_urlsafe(32)
    now = datetime.now(UTC)
    await AuthToken.create(
        user=user,
        is_session=True,
        token_hash=token_hash(settings, token),
        expires_at=now + timedelta(days=settings.session_days),
        last_used_at=now,  # signing in is a use
    )
    return token


async def sign_out(credential: Credential | None) -> None:
    """Ends the session that asked (an API token is revoked on its own, not signed out)."""
    if credential is not None and credential.is_session:
        ended = await revoke_sessions(credential.user_id, only=credential.token_id)
        await _end([sessions_cut(credential.user_id, ended)], len(ended))


async def sign_out_everywhere(credential: Credential | None) -> int:
    """Ends every session of the person, this one included; API tokens stay. How many."""
    if credential is None:
        raise Unauthenticated()
    ended = await revoke_sessions(credential.user_id)
    return await _end([sessions_cut(credential.user_id, ended)], len(ended))


async def change_password(
    settings: Settings, credential: Credential | None, current: str, new: str
) -> int:
    """Needs the current password; ends the person's other sessions (how many)."""
    if credential is None:
        raise Unauthenticated()
    user = await User.get(id=credential.user_id)
    await verify_current(settings, user, current, "currentPassword")
    new_hash = await hash_password(new or "", "newPassword")
    await User.filter(id=user.id).update(password_hash=new_hash)
    keep = credential.token_id if credential.is_session else None
    ended = await revoke_sessions(user.id, keep=keep)
    return await _end([sessions_cut(user.id, ended)], len(ended))


async def mint_api_token(
    settings: Settings, credential: Credential | None, name: str, expires_at: datetime | None
) -> tuple[AuthToken, str]:
    """A person creates a token for themselves, from a signed-in session only: a leaked
    token must not be able to mint its own successors."""
    if credential is None:
        raise Unauthenticated()
    if not credential.is_session:
        raise Forbidden("auth.token_cannot_mint")
    return await create_api_token(settings, credential.user_id, name, expires_at)


async def create_api_token(
    settings: Settings, user: User | int, name: str, expires_at: datetime | None = None
) -> tuple[AuthToken, str]:
    user_id = user if isinstance(user, int) else user.id
    clean = validate_text(name, "name", max_len=LIMITS["name"], required=True)
    if expires_at is not None:
        if expires_at.tzinfo is None:
            expires_at = expires_at.replace(tzinfo=UTC)
        if expires_at <= datetime.now(UTC):
            raise InvalidInput("expiresAt", "auth.expiry_past")
    live = AuthToken.filter(user_id=user_id, is_session=False, revoked_at=None)
    if await live.count() >= MAX_API_TOKENS:
        raise InvalidInput("name", "input.out_of_range", min=0, max=MAX_API_TOKENS)
    token = "lst_" + secrets.token_urlsafe(32)
    row = await AuthToken.create(
        user_id=user_id,
        is_session=False,
        name=clean,
        token_hash=token_hash(settings, token),
        expires_at=expires_at,
    )
    return row, token


async def revoke_api_token(user_id: int, token_id: int) -> None:
    updated = await AuthToken.filter(
        id=token_id, user_id=user_id, is_session=False, revoked_at=None
    ).update(revoked_at=datetime.now(UTC))
    if not updated:
        raise NotFound()
    await _end([Cut(SESSION_GONE, user_id, (token_id,))], updated)
