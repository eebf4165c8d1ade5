"""Single sign-on rules: what an organization's OpenID Connect settings must look like, and
whom a provider's verified e-mail signs in (or gets an account just in time)."""

import re
from dataclasses import dataclass
from enum import StrEnum
from urllib.parse import urlsplit

from .errors import InvalidInput, Unauthenticated

_DOMAIN = re.compile(r"^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")
# plain http only for a provider on this machine (development, the tests' provider)
_LOOPBACK = ("127.0.0.1", "localhost", "::1")


def clean_discovery_url(value: str) -> str:
    url = value.strip()
    if not url:
        return ""
    parts = urlsplit(url)
    secure = parts.scheme == "https" or (parts.scheme == "http" and parts.hostname in _LOOPBACK)
    if not secure or not parts.hostname or len(url) > 500:
        raise InvalidInput("discoveryUrl", "sso.bad_discovery_url")
    return url


def clean_domain(value: str) -> str:
    domain = value.strip().lower().removeprefix("@")
    if domain and not _DOMAIN.match(domain):
        raise InvalidInput("jitDomain", "sso.bad_domain")
    return domain


@dataclass(frozen=True)
class SsoSettings:
    enabled: bool
    discovery_url: str
    client_id: str
    has_secret: bool
    jit_domain: str
    password_sign_in: bool


def check_settings(s: SsoSettings) -> None:
    """Turned on only when complete; password sign-in off only while SSO is on (else members
    would have no way in)."""
    if s.enabled and not (s.discovery_url and s.client_id and s.has_secret):
        raise InvalidInput("enabled", "sso.incomplete")
    if not s.password_sign_in and not s.enabled:
        raise InvalidInput("passwordSignIn", "sso.password_needs_sso")


def email_domain(email: str) -> str:
    return email.rpartition("@")[2]


@dataclass(frozen=True)
class Known:
    """The account that already has the provider's e-mail address, if any."""

    user_id: int
    org_id: int
    is_active: bool


class Outcome(StrEnum):
    SIGN_IN = "SIGN_IN"
    CREATE = "CREATE"


def verified_email(claims: dict[str, object]) -> str:
    """The ID token's e-mail, only when the provider says it verified it."""
    email = claims.get("email")
    if not isinstance(email, str) or "@" not in email:
        raise Unauthenticated("sso.email_missing")
    # some providers send the flag as a string
    if claims.get("email_verified") not in (True, "true"):
        raise Unauthenticated("sso.email_unverified")
    return email.strip().lower()


def decide(org_id: int, email: str, known: Known | None, jit_domain: str) -> Outcome:
    """Matched by verified e-mail within the organization; an unknown address gets an account
    only when just-in-time accounts are on for its domain."""
    if known is not None:
        if known.org_id != org_id:
            raise Unauthenticated("sso.other_org")
        if not known.is_active:
            raise Unauthenticated("sso.inactive")
        return Outcome.SIGN_IN
    if not jit_domain:
        raise Unauthenticated("sso.no_account")
    if email_domain(email) != jit_domain:
        raise Unauthenticated("sso.wrong_domain")
    return Outcome.CREATE


def handle_base(email: str) -> str:
    """A handle for a just-in-time account from its e-mail's local part (digits are appended
    by the caller when it is taken)."""
    local = re.sub(r"[^a-z0-9_.-]", "", email.partition("@")[0].lower()).strip(".-")[:24]
    if len(local) < 2:
        local = f"user{local}"
    return local
