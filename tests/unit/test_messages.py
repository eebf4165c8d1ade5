import ast
import re
import string
from pathlib import Path

import pytest

import backend.domain
from backend.domain.enums import Locale
from backend.domain.messages import MESSAGES, translate

KEYS = sorted(MESSAGES)
BACKEND_DIR = Path(backend.domain.__file__).parent.parent
KEY_SHAPE = re.compile(r"^(input|kr|okr|hint|auth|conflict|checkin|people|org)\.[a-z0-9_]+$")


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}


@pytest.mark.parametrize("key", KEYS)
def test_both_languages_with_same_placeholders(key: str) -> None:
    en, zh = MESSAGES[key]
    assert en.strip() and zh.strip()
    assert en != zh
    assert placeholders(en) == placeholders(zh)


@pytest.mark.parametrize("key", KEYS)
def test_translate_fills_every_placeholder(key: str) -> None:
    params = {name: f"<{name}>" for name in placeholders(MESSAGES[key][0])}
    for locale in (Locale.EN, Locale.ZH_CN):
        text = translate(key, locale, params)
        assert "{" not in text
        # a field is named by its label (tests/unit/test_field_labels.py), the rest as given
        assert all(value in text for name, value in params.items() if name != "field")


ERRORS = {"InvalidInput", "Conflict", "Forbidden", "NotFound", "Unauthenticated", "RateLimited"}
KEY_LIKE = re.compile(r"^[a-z_]+\.[a-z0-9_.]+$")


def used_keys() -> set[str]:
    """Every message key the backend can raise: literals shaped like keys of the known
    prefixes, and every key-like string passed to an error's constructor (whatever its
    prefix — `task.created` as an activity kind is not a message, `task.one_target` is)."""
    keys: set[str] = set()
    for path in BACKEND_DIR.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                if KEY_SHAPE.match(node.value):
                    keys.add(node.value)
            elif isinstance(node, ast.Call) and getattr(node.func, "id", None) in ERRORS:
                keys.update(
                    arg.value
                    for arg in node.args
                    if isinstance(arg, ast.Constant)
                    and isinstance(arg.value, str)
                    and KEY_LIKE.match(arg.value)
                )
    return keys


def test_every_key_the_backend_raises_exists() -> None:
    used = used_keys()
    assert {"kr.range_order", "hint.weights_not_100", "okr.weights_not_100"} <= used
    assert sorted(used - set(MESSAGES)) == []


def test_unknown_key_falls_back_to_internal() -> None:
    assert translate("no.such.key", Locale.EN, {"request_id": "r1"}) == (
        "Internal error (request r1)."
    )
