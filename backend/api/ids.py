"""Opaque, typed IDs: `obj_12`, `kr_7`… A comment's target can be any of several types, so
an ID names its type; clients must not build them."""

from ..domain.errors import InvalidInput

PREFIX = {
    "Objective": "obj",
    "KeyResult": "kr",
    "Task": "task",
    "User": "user",
    "Cycle": "cycle",
    "Team": "team",
    "Webhook": "hook",
    "Comment": "cmt",
    "Notification": "ntf",
    "CheckIn": "ci",
    "ApiToken": "tok",
    "PeerReview": "rev",
    "Meeting": "mtg",
    "MeetingDecision": "dec",
    "Invitation": "inv",
}
_TYPE_OF = {v: k for k, v in PREFIX.items()}
MAX_PK = 2**31 - 1  # primary keys are 32-bit integers on PostgreSQL


def encode(type_name: str, pk: int) -> str:
    return f"{PREFIX[type_name]}_{pk}"


def decode_any(value: str, field: str) -> tuple[str, int]:
    prefix, _, number = str(value).partition("_")
    type_name = _TYPE_OF.get(prefix)
    # ASCII digits only: "²".isdigit() holds but int() refuses it, "١٢" would read as 12
    if type_name is None or not (number.isascii() and number.isdigit()) or int(number) > MAX_PK:
        raise InvalidInput(field, "input.invalid_id")
    return type_name, int(number)


def decode(value: str, type_name: str, field: str) -> int:
    decoded_type, pk = decode_any(value, field)
    if decoded_type != type_name:
        raise InvalidInput(field, "input.invalid_id")
    return pk


def decode_optional(value: str | None, type_name: str, field: str) -> int | None:
    return None if value is None else decode(value, type_name, field)
