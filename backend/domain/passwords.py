"""What a password must be: long enough, not blank, not one of the most common ones."""

from functools import cache
from importlib.resources import files

from .errors import InvalidInput

MIN_PASSWORD = 8
MAX_PASSWORD = 200


@cache
def common_passwords() -> frozenset[str]:
    """The bundled list (lower case), read once on first use."""
    text = files(__package__).joinpath("common_passwords.txt").read_text("utf-8")
    return frozenset(line for line in text.splitlines() if line and not line.startswith("#"))


def check_password(password: str, field: str = "password") -> None:
    if len(password) < MIN_PASSWORD:
        raise InvalidInput(field, "input.too_short", min=MIN_PASSWORD)
    if len(password) > MAX_PASSWORD:
        raise InvalidInput(field, "input.too_long", max=MAX_PASSWORD)
    if not password.strip():
        raise InvalidInput(field, "password.blank")
    if password.lower() in common_passwords():
        raise InvalidInput(field, "password.common")
