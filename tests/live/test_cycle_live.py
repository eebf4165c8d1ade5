"""The cycle, live, on one real server process (SQLite, memory broker, the demo company): a
phase move, scores, peer reviews and likes reach every board that shows them through a real
websocket — with absolute values, and only to those who may see them.

As elsewhere in tests/live, "nothing arrived" is never shown by waiting: a later event the
subscriber may receive is made, and the stream's next item must be that one.

People (demo): emily and lily are in Growth (led by zhangsan); james is in Mobile and cannot
see a TEAM objective of emily's (lily, in her team, does).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import date, timedelta

from .client import ADMIN, Gql, Socket, board_seq, create_key_result, create_objective

EMILY = "emily@example.com"
LILY = "lily@example.com"
JAMES = "james@example.com"

BOARD = """
subscription($c: ID!, $since: Int) { boardEvents(cycleId: $c, since: $since) {
  __typename
  ... on LiveBoardEvent { seq actorId }
  ... on CyclePhaseChanged { phase previous reason }
  ... on KeyResultScored { objectiveScore score { keyResultId objectiveId completion difficulty
    effort suggestedScore score reason scoreBand } }
  ... on ReviewersChanged { objectiveId reviewers { handle } }
  ... on KeyResultReviewed { review { keyResultId reviewer { handle } score comment } }
  ... on LikeChanged { targetId objectiveId userId liked count }
  ... on LessonsChanged { objectiveId lessons { wentWell version } }
  ... on ObjectiveCommitted { objectiveId committed }
} }
"""
NOTIFICATIONS = """subscription($since: Int) { notifications(since: $since) {
  kind phase previousPhase reason cycle { id } actor { handle } } }"""
MOVE = """mutation($id: ID!, $p: CyclePhase!, $why: String) {
  setCyclePhase(id: $id, phase: $p, reason: $why) { phase } }"""

Api = Callable[[str], Awaitable[Gql]]
OpenSocket = Callable[[str], Awaitable[Socket]]


async def new_cycle(api: Api, name: str) -> str:
    today = date.today()
    made = await (await api(ADMIN)).ok(
        "mutation($i: CycleInput!) { createCycle(input: $i) { id } }",
        i={
            "name": name,
            "startsOn": (today - timedelta(days=80)).isoformat(),
            "endsOn": (today - timedelta(days=1)).isoformat(),
        },
    )
    return str(made["createCycle"]["id"])


async def move(api: Api, cycle: str, phase: str, why: str | None = None) -> None:
    await (await api(ADMIN)).ok(MOVE, id=cycle, p=phase, why=why)


async def reviewed_objective(api: Api, cycle: str, title: str, visibility: str) -> dict[str, str]:
    """A draft objective of emily's with one key result (0 → 10, weight 100)."""
    emily = await api(EMILY)
    objective = str((await create_objective(emily, cycle, title, visibility=visibility))["id"])
    kr = await create_key_result(emily, objective, f"{title}: signups")
    return {"objective": objective, "kr": kr}


async def test_a_phase_move_reaches_the_board_and_every_inbox(
    api: Api, sockets: OpenSocket
) -> None:
    cycle = await new_cycle(api, "Live: phases")
    since = await board_seq(await api(EMILY), cycle)
    board = await (await sockets(JAMES)).subscribe(BOARD, c=cycle, since=since)
    inbox = await (await sockets(LILY)).subscribe(NOTIFICATIONS, since=since)

    await move(api, cycle, "ALIGNING")
    moved = await board.next()
    assert (moved["__typename"], moved["phase"], moved["previous"], moved["reason"]) == (
        "CyclePhaseChanged",
        "ALIGNING",
        "DRAFTING",
        None,
    )
    note = await inbox.next()
    assert {k: v for k, v in note.items() if k != "_t"} == {
        "kind": "PHASE",
        "phase": "ALIGNING",
        "previousPhase": "DRAFTING",
        "reason": None,
        "cycle": {"id": cycle},
        "actor": {"handle": "admin"},
    }
    await move(api, cycle, "DRAFTING", "two teams are still writing")
    back = await board.next()
    assert (back["phase"], back["previous"], back["reason"]) == (
        "DRAFTING",
        "ALIGNING",
        "two teams are still writing",
    )
    assert (await inbox.next())["reason"] == "two teams are still writing"


async def test_scores_reviews_and_likes_reach_those_who_see_them(
    api: Api, sockets: OpenSocket
) -> None:
    cycle = await new_cycle(api, "Live: retrospective")
    public = await reviewed_objective(api, cycle, "Live: public", "PUBLIC")
    hidden = await reviewed_objective(api, cycle, "Live: the team's", "TEAM")
    emily, lily, james = await api(EMILY), await api(LILY), await api(JAMES)
    await move(api, cycle, "ALIGNING")
    for item in (public, hidden):
        await emily.ok(
            "mutation($id: ID!) { publishObjective(id: $id) { id } }", id=item["objective"]
        )
    await move(api, cycle, "TRACKING")
    for item in (public, hidden):
        await emily.ok(
            "mutation($kr: ID!) { checkIn(input: {keyResultId: $kr, value: 5}) { id } }",
            kr=item["kr"],
        )
    await move(api, cycle, "REVIEWING")
    since = await board_seq(emily, cycle)
    watching = await (await sockets(LILY)).subscribe(BOARD, c=cycle, since=since)
    outside = await (await sockets(JAMES)).subscribe(BOARD, c=cycle, since=since)

    async def score(kr: str) -> None:
        await emily.ok(
            """mutation($kr: ID!) { scoreKeyResult(id: $kr, input: {difficulty: 0.8,
              score: 0.7, reason: "hard market"}) { id } }""",
            kr=kr,
        )

    await score(hidden["kr"])  # james may not see this one …
    await score(public["kr"])  # … and sees this one next
    scored = await outside.next()
    assert scored["__typename"] == "KeyResultScored"
    assert scored["score"] == {
        "keyResultId": public["kr"],
        "objectiveId": public["objective"],
        "completion": 0.5,
        "difficulty": 0.8,
        "effort": 0.5,
        "suggestedScore": 0.6,  # 0.3 + 0.16 + 0.1 = 0.56
        "score": 0.7,
        "reason": "hard market",
        "scoreBand": "GREEN",
    }
    assert scored["objectiveScore"] == 0.7
    assert (await watching.next())["score"]["keyResultId"] == hidden["kr"]  # lily is in Growth
    assert (await watching.next())["score"]["keyResultId"] == public["kr"]

    lily_id = str((await lily.ok("{ viewer { id } }"))["viewer"]["id"])
    await emily.ok(
        "mutation($o: ID!, $u: [ID!]!) { setReviewers(objectiveId: $o, reviewerIds: $u) { id } }",
        o=public["objective"],
        u=[lily_id],
    )
    chosen = await watching.next()
    assert (chosen["__typename"], chosen["reviewers"]) == ("ReviewersChanged", [{"handle": "lily"}])
    assert (await outside.next())["__typename"] == "ReviewersChanged"
    await lily.ok(
        """mutation($kr: ID!) { reviewKeyResult(id: $kr, input: {score: 0.4,
          comment: "the market was harder than that"}) { id } }""",
        kr=public["kr"],
    )
    reviewed = await outside.next()
    assert reviewed["review"] == {
        "keyResultId": public["kr"],
        "reviewer": {"handle": "lily"},
        "score": 0.4,
        "comment": "the market was harder than that",
    }
    assert (await watching.next())["__typename"] == "KeyResultReviewed"

    like = "mutation($t: ID!, $l: Boolean) { like(targetId: $t, liked: $l) { count } }"
    await lily.ok(like, t=hidden["objective"])
    await james.ok(like, t=public["objective"])
    await lily.ok(like, t=public["objective"])
    first = await outside.next()  # not lily's like of the team's one
    assert (first["targetId"], first["liked"], first["count"]) == (public["objective"], True, 1)
    second = await outside.next()
    assert (second["count"], second["liked"]) == (2, True)
    await james.ok(like, t=public["objective"], l=False)
    taken = await outside.next()
    assert (taken["liked"], taken["count"]) == (False, 1)
    seen = [await watching.next() for _ in range(4)]
    assert [(e["targetId"], e["count"]) for e in seen] == [
        (hidden["objective"], 1),
        (public["objective"], 1),
        (public["objective"], 2),
        (public["objective"], 1),
    ]
    # what arrived live is what a fresh read says
    fresh = await lily.ok(
        "query($o: ID!) { objective(id: $o) { likeCount score keyResults { peerScore } } }",
        o=public["objective"],
    )
    assert fresh["objective"] == {
        "likeCount": 1,
        "score": 0.7,
        "keyResults": [{"peerScore": 0.4}],
    }
