import json
from pathlib import Path

import pytest

from backend.domain.enums import KRKind
from backend.domain.plausibility import Implausible, implausible

# the same table runs against the web app's mirror (frontend/test/plausibility.test.mjs)
CASES = json.loads((Path(__file__).parent / "plausibility_cases.json").read_text())["cases"]


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_implausible(case: list) -> None:
    _, kind, unit, value, start, target, range_min, range_max, expected = case
    got = implausible(KRKind(kind), unit, value, start, target, range_min, range_max)
    assert got == (Implausible(expected) if expected else None)


def test_every_kind_is_in_the_table() -> None:
    assert {c[1] for c in CASES} == set(KRKind)
