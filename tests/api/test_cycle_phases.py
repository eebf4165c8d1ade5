"""A cycle walked through its five phases through the API: in each, what the phase allows
works and what it does not is refused (FORBIDDEN, naming the phases that allow it, nothing
written); a closed cycle's numbers never move again."""

from datetime import date, timedelta
from typing import Any

from backend.models import ActivityEvent, Notification
from tests.api.helpers import Api, World, fingerprint, gid

TODAY = date.today()

CREATE_CYCLE = """mutation($i: CycleInput!) { createCycle(input: $i) { id phase } }"""
MOVE = """mutation($id: ID!, $p: CyclePhase!, $why: String) {
  setCyclePhase(id: $id, phase: $p, reason: $why) { phase } }"""
CREATE_OBJ = """mutation($i: CreateObjectiveInput!) { createObjective(input: $i) { id state } }"""
UPDATE_OBJ = """mutation($id: ID!, $t: String!) {
  updateObjective(id: $id, input: {title: $t}) { title } }"""
PUBLISH = "mutation($id: ID!) { publishObjective(id: $id) { state } }"
ARCHIVE = "mutation($id: ID!) { archiveObjective(id: $id) { state } }"
CREATE_KR = """mutation($o: ID!, $w: Float!) { createKeyResult(input: {objectiveId: $o,
  title: "Signups", kind: INCREASE, startValue: 0, targetValue: 100, weight: $w}) { id } }"""
UPDATE_KR = """mutation($id: ID!) { updateKeyResult(id: $id, input: {targetValue: 120}) {
  targetValue } }"""
WEIGHTS = """mutation($o: ID!, $kr: ID!, $w: Float!) {
  setWeights(objectiveId: $o, weights: [{keyResultId: $kr, weight: $w}]) { id } }"""
CHECK_IN = """mutation($kr: ID!, $v: Float!) { checkIn(input: {keyResultId: $kr, value: $v}) {
  currentValue progress } }"""
CREATE_TASK = """mutation($kr: ID!) { createTask(input: {keyResultId: $kr, title: "Call"}) {
  id } }"""
UPDATE_TASK = """mutation($id: ID!) { updateTask(id: $id, input: {status: DONE}) { status } }"""
COMMENT = """mutation($t: ID!) { addComment(input: {targetId: $t, body: "Nice"}) { id } }"""
LIKE = "mutation($t: ID!, $l: Boolean!) { like(targetId: $t, liked: $l) { count } }"
COMMIT = "mutation($id: ID!) { commitObjective(id: $id) { committed } }"
SCORE = """mutation($kr: ID!) { scoreKeyResult(id: $kr, input: {difficulty: 0.7, effort: 0.6}) {
  score suggestedScore completion scoreBand } }"""
REVIEWERS = """mutation($o: ID!, $u: [ID!]!) { setReviewers(objectiveId: $o, reviewerIds: $u) {
  reviewers { handle } } }"""
REVIEW = """mutation($kr: ID!) { reviewKeyResult(id: $kr, input: {score: 0.3, comment: "Hm"}) {
  score ownScore gapFlagged } }"""
LESSONS = """mutation($o: ID!) { setLessons(objectiveId: $o, input: {wentWell: "Focus"}) {
  version } }"""
CARRY = """mutation($ids: [ID!]!, $to: ID!) { carryForward(objectiveIds: $ids, toCycleId: $to) {
  id state } }"""
NUMBERS = """query($o: ID!) { objective(id: $o) { progress status score scoreBand
  keyResults { progress currentValue score } } }"""
ASKS = "query { cycles { id phase viewerAsks { kind count } } }"


class Walk:
    """The API as the admin (who moves the cycle) and as mia (who owns the OKR)."""

    def __init__(self, admin: Api, mia: Api, cycle: str) -> None:
        self.admin, self.mia, self.cycle = admin, mia, cycle

    async def move(self, phase: str, reason: str | None = None) -> None:
        moved = await self.admin.ok(MOVE, {"id": self.cycle, "p": phase, "why": reason})
        assert moved["setCyclePhase"]["phase"] == phase

    async def refused(self, doc: str, variables: dict[str, Any], says: str) -> None:
        """FORBIDDEN, in words naming what allows it, and nothing written."""
        before = await fingerprint()
        error = await self.mia.error(doc, variables)
        assert error["code"] == "FORBIDDEN", error
        assert says in error["message"], error["message"]
        assert await fingerprint() == before

    async def asks(self) -> list[dict[str, Any]]:
        cycles = (await self.mia.ok(ASKS))["cycles"]
        return next(c["viewerAsks"] for c in cycles if c["id"] == self.cycle)


async def test_a_cycle_through_its_five_phases(world: World) -> None:
    admin, mia, pat = [await world.as_(u) for u in (world.admin, world.member, world.peer)]
    made = await admin.ok(
        CREATE_CYCLE,
        {
            "i": {
                "name": "Q-walk",
                "startsOn": (TODAY - timedelta(days=80)).isoformat(),
                "endsOn": (TODAY - timedelta(days=1)).isoformat(),
            }
        },
    )
    cycle = made["createCycle"]["id"]
    assert made["createCycle"]["phase"] == "DRAFTING"
    walk = Walk(admin, mia, cycle)
    next_quarter = (
        await admin.ok(
            CREATE_CYCLE,
            {
                "i": {
                    "name": "Q-next",
                    "startsOn": TODAY.isoformat(),
                    "endsOn": (TODAY + timedelta(days=90)).isoformat(),
                }
            },
        )
    )["createCycle"]["id"]

    # --- DRAFTING (圆桌会): drafts are written and discussed ----------------------------
    obj = (await mia.ok(CREATE_OBJ, {"i": {"cycleId": cycle, "title": "Grow"}}))["createObjective"]
    o = obj["id"]
    kr = (await mia.ok(CREATE_KR, {"o": o, "w": 60}))["createKeyResult"]["id"]
    await mia.ok(WEIGHTS, {"o": o, "kr": kr, "w": 100})
    await mia.ok(UPDATE_OBJ, {"id": o, "t": "Grow signups"})
    task = (await mia.ok(CREATE_TASK, {"kr": kr}))["createTask"]["id"]
    await mia.ok(COMMENT, {"t": o})
    await pat.ok(LIKE, {"t": o, "l": True})
    assert await walk.asks() == [{"kind": "DRAFTS_TO_DISCUSS", "count": 1}]
    await walk.refused(
        PUBLISH,
        {"id": o},
        "You can't publish objectives while the cycle is in drafting (roundtable); that "
        "happens in: consensus, progress tracking, retrospective.",
    )
    await walk.refused(CHECK_IN, {"kr": kr, "v": 10}, "update progress")
    await walk.refused(SCORE, {"kr": kr}, "that happens in: retrospective")
    await walk.refused(LESSONS, {"o": o}, "that happens in: retrospective")
    await walk.refused(CARRY, {"ids": [o], "to": next_quarter}, "carry objectives forward")

    # --- ALIGNING (共识会): published and committed to ----------------------------------
    await walk.move("ALIGNING")
    assert (await mia.ok(PUBLISH, {"id": o}))["publishObjective"]["state"] == "PUBLISHED"
    assert await walk.asks() == [{"kind": "OBJECTIVES_TO_COMMIT", "count": 1}]
    assert (await mia.ok(COMMIT, {"id": o}))["commitObjective"]["committed"] is True
    assert await walk.asks() == []
    await mia.ok(UPDATE_OBJ, {"id": o, "t": "Grow signups fast"})
    await walk.refused(CHECK_IN, {"kr": kr, "v": 10}, "update progress")
    await walk.refused(REVIEWERS, {"o": o, "u": [gid("user", world.peer.id)]}, "review others")

    # --- TRACKING (推进会): check-ins ----------------------------------------------------
    await walk.move("TRACKING")
    assert (await mia.ok(CHECK_IN, {"kr": kr, "v": 40}))["checkIn"]["progress"] == 0.4
    await mia.ok(UPDATE_TASK, {"id": task})
    await mia.ok(UPDATE_KR, {"id": kr})
    await walk.refused(SCORE, {"kr": kr}, "score key results")
    await walk.refused(LESSONS, {"o": o}, "write lessons learned")

    # --- REVIEWING (复盘会): late check-ins until scored, scores, reviews, lessons ---------
    await walk.move("REVIEWING")
    late = await mia.ok(CHECK_IN, {"kr": kr, "v": 60})
    assert late["checkIn"] == {"currentValue": 60, "progress": 0.5}  # of 120 since tracking
    await walk.refused(UPDATE_OBJ, {"id": o, "t": "Moved goalposts"}, "change published OKRs")
    await walk.refused(UPDATE_KR, {"id": kr}, "change published OKRs")
    await walk.refused(CREATE_KR, {"o": o, "w": 0}, "change published OKRs")
    await walk.refused(WEIGHTS, {"o": o, "kr": kr, "w": 100}, "change published OKRs")
    await walk.refused(COMMIT, {"id": o}, "commit to objectives")
    # a draft may still be written (a team adds an objective late)
    draft = await mia.ok(CREATE_OBJ, {"i": {"cycleId": cycle, "title": "Late idea"}})
    assert draft["createObjective"]["state"] == "DRAFT"
    assert await walk.asks() == [
        {"kind": "KRS_TO_SCORE", "count": 1},
        {"kind": "LESSONS_TO_WRITE", "count": 1},
    ]
    scored = (await mia.ok(SCORE, {"kr": kr}))["scoreKeyResult"]
    # completion 0.5: 0.6·0.5 + 0.2·0.7 + 0.2·0.6 = 0.56 → 0.6
    assert scored == {"score": 0.6, "suggestedScore": 0.6, "completion": 0.5, "scoreBand": "YELLOW"}
    await walk.refused(CHECK_IN, {"kr": kr, "v": 90}, "final score")
    await mia.ok(REVIEWERS, {"o": o, "u": [gid("user", world.peer.id)]})
    review = (await pat.ok(REVIEW, {"kr": kr}))["reviewKeyResult"]
    assert review == {"score": 0.3, "ownScore": 0.6, "gapFlagged": True}
    assert (await mia.ok(LESSONS, {"o": o}))["setLessons"]["version"] == 1
    assert await walk.asks() == []
    # one step back needs a reason, and the way forward is open again
    error = await admin.error(MOVE, {"id": cycle, "p": "TRACKING"})
    assert (error["code"], error["field"]) == ("BAD_USER_INPUT", "reason")
    await walk.move("TRACKING", "sales numbers came in late")
    await walk.move("REVIEWING")

    # --- CLOSED: read-only but for comments and likes; the numbers are frozen -----------
    await walk.move("CLOSED")
    numbers = await mia.ok(NUMBERS, {"o": o})
    closed = "This cycle is closed and read-only (comments and likes aside)"
    await walk.refused(CHECK_IN, {"kr": kr, "v": 100}, closed)
    await walk.refused(SCORE, {"kr": kr}, closed)
    await walk.refused(CREATE_OBJ, {"i": {"cycleId": cycle, "title": "Too late"}}, closed)
    await walk.refused(CREATE_TASK, {"kr": kr}, closed)
    await walk.refused(UPDATE_TASK, {"id": task}, closed)
    await walk.refused(ARCHIVE, {"id": o}, closed)
    await walk.refused(LESSONS, {"o": o}, closed)
    await mia.ok(COMMENT, {"t": kr})
    assert (await pat.ok(LIKE, {"t": o, "l": False}))["like"]["count"] == 0
    assert await mia.ok(NUMBERS, {"o": o}) == numbers
    error = await admin.error(MOVE, {"id": cycle, "p": "REVIEWING", "why": "reopen"})
    assert error["code"] == "BAD_USER_INPUT"
    assert error["message"] == "A closed cycle stays closed: its numbers are final."
    # what was left unfinished goes on, as a draft of the next quarter
    copies = (await mia.ok(CARRY, {"ids": [o], "to": next_quarter}))["carryForward"]
    assert [c["state"] for c in copies] == ["DRAFT"]

    # the phase moves are on record, with the phase left and the reason; everyone heard
    history = await mia.ok(
        "query { cycles { id phaseChanges { phase previous reason actor { handle } } } }"
    )
    moves = next(c["phaseChanges"] for c in history["cycles"] if c["id"] == cycle)
    assert [(m["previous"], m["phase"]) for m in reversed(moves)] == [
        ("DRAFTING", "ALIGNING"),
        ("ALIGNING", "TRACKING"),
        ("TRACKING", "REVIEWING"),
        ("REVIEWING", "TRACKING"),
        ("TRACKING", "REVIEWING"),
        ("REVIEWING", "CLOSED"),
    ]
    assert moves[2]["reason"] == "sales numbers came in late"
    assert {m["actor"]["handle"] for m in moves} == {"ada"}
    members = {world.lead.id, world.member.id, world.peer.id, world.loner.id}
    for user_id in members:
        assert await Notification.filter(user_id=user_id, kind="PHASE").count() == 6
    assert not await Notification.filter(user_id=world.admin.id, kind="PHASE").exists()
    assert not await Notification.filter(user_id=world.outsider.id).exists()
    assert await ActivityEvent.filter(kind="cycle.phase_changed").count() == 6
