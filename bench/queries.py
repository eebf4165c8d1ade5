"""The GraphQL operations the bench sends (the web app's fields, nested for `board`)."""

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
# what the web app sends (frontend/src/api/okr.js Q_BOARD): flat, with `parent { id }`
OBJECTIVES = f"query Objectives($c: ID!) {{ objectives(cycleId: $c) {{ {_OBJ} parent {{ id }} }} }}"
BOARD_SEQ = "query Seq($c: ID!) { boardSeq(cycleId: $c) }"
CHECK_IN = """mutation CheckIn($k: ID!, $v: Float!, $c: Int) {
  checkIn(input: { keyResultId: $k, value: $v, confidence: $c }) {
    id currentValue progress status objective { id progress status } } }"""
BOARD_EVENTS = """subscription Live($c: ID!, $s: Int) { boardEvents(cycleId: $c, since: $s) {
  __typename
  ... on LiveBoardEvent { seq at objectives { objectiveId progress status }
    keyResults { keyResultId objectiveId progress rawProgress expectedProgress status
      statusReasons } }
  ... on KeyResultCheckedIn { keyResult { id currentValue confidence } note }
  ... on ResyncRequired { reason seq } } }"""
# the web app's (frontend/src/api/live.js S_PRESENCE)
PRESENCE = (
    "subscription Presence($c: ID!) { presence(cycleId: $c) "
    "{ count watchers { id displayName handle } } }"
)
