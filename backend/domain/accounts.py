"""Rules for account fields: emails, @handles, locales, organization slugs."""

import re
import unicodedata

from .enums import Locale
from .errors import InvalidInput
from .validation import LIMITS, validate_text

_EMAIL = re.compile(r"^[^@\s]{1,64}@[^@\s]{1,189}\.[^@\s.]{1,24}$")
HANDLE = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.-]{1,31}$")
SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{0,62}[a-z0-9]$")


# control characters, format characters (zero-width spaces and joiners, direction marks and
# overrides, the BOM), lone surrogates, line and paragraph separators: invisible in a name or
# an address, or able to make one read as another
_HIDDEN = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})


def hidden_character(text: str) -> str | None:
    """The first character of `text` that is invisible or reorders what follows, if any."""
    return next((c for c in text if unicodedata.category(c) in _HIDDEN), None)


def clean_email(value: str | None, field: str = "email") -> str:
    email = (value or "").strip().lower()
    if not email:
        raise InvalidInput(field, "input.required")
    if not _EMAIL.match(email) or hidden_character(email):
        raise InvalidInput(field, "input.invalid_email")
    return email


def clean_display_name(value: str | None, field: str = "displayName") -> str:
    name = validate_text(value, field, max_len=LIMITS["displayName"], required=True) or ""
    if hidden_character(name):
        raise InvalidInput(field, "input.hidden_characters")
    return name


def clean_handle(value: str | None, field: str = "handle") -> str:
    handle = (value or "").strip().removeprefix("@")
    if not HANDLE.match(handle) or handle.endswith((".", "-")):
        raise InvalidInput(field, "input.invalid_handle")
    return handle.lower()


def clean_locale(value: str | None, field: str = "locale") -> Locale:
    try:
        return Locale(value or "")
    except ValueError:
        raise InvalidInput(field, "input.unknown_locale") from None


def clean_slug(value: str | None, field: str = "slug") -> str:
    slug = (value or "").strip().lower()
    if not SLUG.match(slug):
        raise InvalidInput(field, "input.invalid_slug")
    return slug


# how long an e-mailed link works: an invitation waits for a week, a password reset is used
# at once (a mailbox read later by someone else must not open the account)
INVITE_LIFETIME_HOURS = 7 * 24
RESET_LIFETIME_HOURS = 1
_DOMAIN = re.compile(r"^(?=.{3,189}$)[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,24}$")


def clean_domain(value: str | None, field: str = "joinDomain") -> str:
    """ "@Example.COM " → "example.com"; anything that is not a domain name is refused."""
    domain = (value or "").strip().lower().removeprefix("@")
    if not _DOMAIN.match(domain):
        raise InvalidInput(field, "input.invalid_domain")
    return domain


def email_domain(email: str) -> str:
    return email.rpartition("@")[2].lower()


def suggested_handle(email: str, taken: set[str]) -> str:
    """A free @handle made from an address: its local part, cleaned, numbered when taken."""
    base = re.sub(r"[^a-z0-9_.-]", "", email.partition("@")[0].lower()).strip(".-")[:28]
    base = base if len(base) >= 2 else f"user{base}"
    handle, n = base, 1
    while handle in taken:
        n += 1
        handle = f"{base}{n}"
    return handle
