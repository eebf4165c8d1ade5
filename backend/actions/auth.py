"""Accounts: passwords, sign-in with rate limiting, sessions and personal API tokens."""

import secrets
from datetime import UTC, datetime, timedelta

from ..domain.enums import Role
from ..domain.errors import InvalidInput, NotFound, Unauthenticated
from ..domain.validation import LIMITS, validate_text
from ..models import AuthToken, SsoConfig, User
from ..passwords import DUMMY_HASH, hash_now
from ..passwords import verify as _verify  # off the event loop, bounded
from ..read.accounts import token_hash
from ..settings import Settings
from . import login_attempts

MIN_PASSWORD = 8
# the password hash of an account that signs in only through the provider: argon2 cannot parse
# it, so no password matches it
NO_PASSWORD = "!"


def hash_password(password: str) -> str:
    if len(password) < MIN_PASSWORD:
        raise InvalidInput("password", "input.too_short", min=MIN_PASSWORD)
    if len(password) > 200:
        raise InvalidInput("password", "input.too_long", max=200)
    return hash_now(password)


async def sign_in(settings: Settings, email: str, password: str, address: str) -> tuple[User, str]:
    """Returns the user and a new session token (the cookie's value)."""
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
    return user, await new_session(settings, user)


async def new_session(settings: Settings, user: User) -> str:
    """A session for `user`; the token is the cookie's value (only its hash is kept)."""
    token = secrets.token_urlsafe(32)
    await AuthToken.create(
        user=user,
        is_session=True,
        token_hash=token_hash(settings, token),
        expires_at=datetime.now(UTC) + timedelta(days=settings.session_days),
    )
    return token


async def sign_out(settings: Settings, token: str | None) -> None:
    if token:
        await AuthToken.filter(token_hash=token_hash(settings, token)).update(
            revoked_at=datetime.now(UTC)
        )


async def create_api_token(settings: Settings, user: User, name: str) -> tuple[AuthToken, str]:
    clean = validate_text(name, "name", max_len=LIMITS["name"], required=True)
    if await AuthToken.filter(user=user, is_session=False, revoked_at=None).count() >= 50:
        raise InvalidInput("name", "input.out_of_range", min=0, max=50)
    token = "lst_" + secrets.token_urlsafe(32)
    row = await AuthToken.create(
        user=user, is_session=False, name=clean, token_hash=token_hash(settings, token)
    )
    return row, token


async def revoke_api_token(user: User, token_id: int) -> None:
    updated = await AuthToken.filter(
        id=token_id, user=user, is_session=False, revoked_at=None
    ).update(revoked_at=datetime.now(UTC))
    if not updated:
        raise NotFound()
