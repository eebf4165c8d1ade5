"""Accounts: passwords, sign-in with rate limiting, sessions and personal API tokens."""

import secrets
from datetime import UTC, datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from ..domain.errors import InvalidInput, NotFound, RateLimited, Unauthenticated
from ..domain.validation import LIMITS, validate_text
from ..models import AuthToken, LoginFailure, User
from ..read.accounts import token_hash
from ..settings import Settings

_hasher = PasswordHasher()
# verified against when the email is unknown, so both paths cost the same
_DUMMY_HASH = _hasher.hash("lodestar-timing-equaliser")
MIN_PASSWORD = 8


def hash_password(password: str) -> str:
    if len(password) < MIN_PASSWORD:
        raise InvalidInput("password", "input.too_short", min=MIN_PASSWORD)
    if len(password) > 200:
        raise InvalidInput("password", "input.too_long", max=200)
    return _hasher.hash(password)


def _verify(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


async def _check_rate(settings: Settings, keys: list[str]) -> None:
    since = datetime.now(UTC) - timedelta(seconds=settings.login_window)
    for key in keys:
        if await LoginFailure.filter(key=key, created_at__gte=since).count() >= (
            settings.login_attempts
        ):
            raise RateLimited("auth.rate_limited", seconds=settings.login_window)


async def sign_in(settings: Settings, email: str, password: str, address: str) -> tuple[User, str]:
    """Returns the user and a new session token (the cookie's value)."""
    email = (email or "").strip().lower()
    validate_text(email, "email", max_len=254, required=True)
    keys = [f"account:{email}", f"address:{address}"]
    await _check_rate(settings, keys)
    user = await User.get_or_none(email=email, is_active=True)
    if not _verify(user.password_hash if user else _DUMMY_HASH, password or "") or user is None:
        await LoginFailure.bulk_create([LoginFailure(key=k) for k in keys])
        raise Unauthenticated("auth.bad_credentials")
    await LoginFailure.filter(key=keys[0]).delete()
    return user, await start_session(settings, user)


async def start_session(settings: Settings, user: User) -> str:
    """A new session for `user`; returns its token (the cookie's value)."""
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
