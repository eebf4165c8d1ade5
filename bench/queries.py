"""The GraphQL operations the bench sends: the web app's own (`app`, read from
frontend/src/api/*.js through frontend/tools/operations.mjs — never a copy), the nested
`board` the first floor was built for, and what the instrument needs beyond the app's
(`boardEvents` with each event's `at`, to time deliveries)."""

import functools
import subprocess
import uuid
from pathlib import Path
from typing import Any

import orjson

REPO = Path(__file__).resolve().parent.parent


@functools.cache
def _operations() -> dict[str, dict[str, str]]:
    out = subprocess.run(
        ["node", "tools/operations.mjs"],
        cwd=REPO / "frontend",
        capture_output=True,
        check=True,
        timeout=60,
    ).stdout
    return dict(orjson.loads(out))


def app(area: str, name: str) -> str:
    """The document the web app sends: `app("okr.js", "Q_BOARD")`."""
    return _operations()[area][name]


def check_in(kr_id: int, value: float, confidence: int) -> tuple[str, dict[str, Any]]:
    """The check-in as the web app sends it (`M_CHECK_IN`) and its variables: every check-in
    named by a fresh `clientId`, as the app's outbox does."""
    data = {
        "keyResultId": f"kr_{kr_id}",
        "value": value,
        "confidence": confidence,
        "clientId": str(uuid.uuid4()),
    }
    return app("okr.js", "M_CHECK_IN"), {"input": data}


_KR = """id title kind unit weight progress rawProgress expectedProgress status statusReasons
  currentValue startValue targetValue rangeMin rangeMax dueDate confidence"""
_OBJ = f"""id title level state visibility progress status statusReasons score version
  owner {{ id displayName handle }} team {{ id name }} keyResults {{ {_KR} }}"""
BOARD_DEPTH = 6  # children levels asked for: the deepest chain generated is 4 levels


def _nested(depth: int) -> str:
    inner = "...O"
    for _ in range(depth):
        inner = f"...O children {{ {inner} }}"
    return inner


BOARD = (
    f"query Board($c: ID!) {{ board(cycleId: $c) {{ {_nested(BOARD_DEPTH)} }} }}\n"
    f"fragment O on Objective {{ {_OBJ} }}"
)
BOARD_EVENTS = """subscription Live($c: ID!, $s: Int) { boardEvents(cycleId: $c, since: $s) {
  __typename
  ... on LiveBoardEvent { seq at objectives { objectiveId progress status }
    keyResults { keyResultId objectiveId progress rawProgress expectedProgress status
      statusReasons } }
  ... on KeyResultCheckedIn { keyResult { id currentValue confidence } note }
  ... on ResyncRequired { reason seq } } }"""
