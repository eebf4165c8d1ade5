"""Error messages name fields as the forms label them, in both languages — never by the API's
name (rangeMin, targetValue)."""

import ast
from pathlib import Path

import pytest

from backend.domain.fields import LABELS
from backend.domain.messages import translate

BACKEND = Path(__file__).resolve().parents[2] / "backend"


def _fields_named_in_code() -> set[str]:
    """Every field name written as a literal where an input error is raised or a value checked."""
    found: set[str] = set()
    for path in BACKEND.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            # a field name kept in a module constant: `FIELD = "objectiveIds"`
            if (
                isinstance(node, ast.Assign)
                and isinstance(node.value, ast.Constant)
                and any(isinstance(t, ast.Name) and t.id == "FIELD" for t in node.targets)
            ):
                found.add(str(node.value.value))
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
            if name == "InvalidInput":
                args = node.args[:1]
            elif name.startswith("validate_") or name == "_within":
                args = node.args[1:2]
            elif name.startswith("decode") or name == "_ids":  # (value, type, field)
                args = node.args[2:3]
            else:
                continue
            args += [k.value for k in node.keywords if k.arg == "field"]
            found |= {
                a.value for a in args if isinstance(a, ast.Constant) and isinstance(a.value, str)
            }
    return found


def test_every_field_an_error_can_name_has_a_label() -> None:
    named = _fields_named_in_code()
    assert len(named) > 40  # the scan sees the code
    assert sorted(named - LABELS.keys()) == []


@pytest.mark.parametrize(
    ("field", "locale", "message"),
    [
        ("rangeMin", "en", "Band from must be between 0 and 100."),
        ("rangeMin", "zh-CN", "区间下限必须介于 0 与 100 之间。"),
        ("targetValue", "en", "Target must be between 0 and 100."),
        ("confidence", "zh-CN", "信心指数必须介于 0 与 100 之间。"),
        ("somethingNew", "en", "This field must be between 0 and 100."),
    ],
)
def test_messages_name_the_field_as_labelled(field: str, locale: str, message: str) -> None:
    assert (
        translate("input.out_of_range", locale, {"field": field, "min": 0, "max": 100}) == message
    )


def test_labels_in_both_languages() -> None:
    for field, (en, zh) in LABELS.items():
        assert en.strip() and zh.strip(), field
        assert en != field, f"{field}: the English label is the API name"
