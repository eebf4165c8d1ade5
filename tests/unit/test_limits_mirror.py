"""frontend/src/lib/limits.js (the forms' maxlength and counters) mirrors the server's limits."""

import re
from pathlib import Path

from backend.domain.meetings import DECISION_LIMIT, NOTES_LIMIT
from backend.domain.validation import LIMITS

LIMITS_JS = Path(__file__).resolve().parents[2] / "frontend/src/lib/limits.js"
FRONTEND_SRC = LIMITS_JS.parents[1]


def test_limits_js_equals_the_server_limits() -> None:
    body = re.search(r"LIMITS = \{(.*?)\};", LIMITS_JS.read_text(), re.S)
    assert body
    mirrored = {k: int(v) for k, v in re.findall(r"(\w+): (\d+),", body.group(1))}
    assert mirrored == {**LIMITS, "meetingNotes": NOTES_LIMIT, "decision": DECISION_LIMIT}


def test_no_form_writes_its_own_maxlength() -> None:
    written = [
        f"{p.relative_to(FRONTEND_SRC)}: {line.strip()}"
        for p in FRONTEND_SRC.rglob("*.js")
        for line in p.read_text().splitlines()
        if re.search(r"maxlength=\"\d+\"", line)
    ]
    assert written == []
