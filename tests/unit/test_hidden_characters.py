"""E-mail addresses and display names refuse what cannot be seen or reorders what follows
(domain/accounts.py), and ids are ASCII digits (api/ids.py)."""

import pytest

from backend.api.ids import decode
from backend.domain.accounts import clean_display_name, clean_email, hidden_character
from backend.domain.errors import InvalidInput


@pytest.mark.parametrize(
    ("text", "hidden"),
    [
        ("Zhang San 张三", None),
        ("Émilie O'Brien-Müller", None),
        ("李四 🚀", None),
        ("a\x00b", "\x00"),  # NUL
        ("a\x07b", "\x07"),  # a bell: control
        ("tab\there", "\t"),
        ("zero\u200bwidth", "\u200b"),  # zero-width space
        ("join\u200dme", "\u200d"),  # zero-width joiner
        ("mark\u200fer", "\u200f"),  # right-to-left mark
        ("admin\u202egnp.exe", "\u202e"),  # right-to-left override
        ("iso\u2066late", "\u2066"),  # left-to-right isolate
        ("\ufeffbom", "\ufeff"),
        ("line\u2028break", "\u2028"),
        ("lone\ud800", "\ud800"),  # a lone surrogate
    ],
)
def test_hidden_character(text: str, hidden: str | None) -> None:
    assert hidden_character(text) == hidden


@pytest.mark.parametrize(
    ("name", "expected"),
    [("  Mia Member ", "Mia Member"), ("张三", "张三")],
)
def test_display_names_kept(name: str, expected: str) -> None:
    assert clean_display_name(name) == expected


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Mia\u202e", "input.hidden_characters"),
        ("Mi\u200ba", "input.hidden_characters"),
        ("Mia\x1b[31m", "input.hidden_characters"),
        ("   ", "input.required"),
        ("x" * 81, "input.too_long"),
    ],
)
def test_display_names_refused(name: str, key: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        clean_display_name(name)
    assert (refused.value.field, refused.value.key) == ("displayName", key)


@pytest.mark.parametrize(
    "email",
    [
        "mia\u200b@acme.test",
        "mia@acme\u202e.test",
        "mia\x00@acme.test",
        "mi\x7fa@acme.test",
        "\ufeffmia@acme.test",
    ],
)
def test_emails_refused(email: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        clean_email(email)
    assert refused.value.key == "input.invalid_email"


def test_a_plain_email_is_kept() -> None:
    assert clean_email(" Mia@Acme.test ") == "mia@acme.test"


@pytest.mark.parametrize(
    ("value", "pk"),
    [
        ("obj_12", 12),
        ("obj_²", None),  # a superscript two: isdigit() holds, int() refuses it
        ("obj_١٢", None),  # Arabic-Indic digits would read as 12
        ("obj_１２", None),  # full-width digits
        ("obj_-1", None),
        ("obj_", None),
        ("obj_2147483648", None),  # past PostgreSQL's integer
        ("kr_12", None),  # another type
    ],
)
def test_ids(value: str, pk: int | None) -> None:
    if pk is None:
        with pytest.raises(InvalidInput):
            decode(value, "Objective", "id")
    else:
        assert decode(value, "Objective", "id") == pk
