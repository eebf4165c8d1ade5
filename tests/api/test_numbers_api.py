"""DESIGN §4 observed through the API: roll-up with weights, normalised drafts, raw progress
beyond the bounds, ALIGNED key results up a converted chain, archiving, expected progress,
status reasons (organization thresholds included) and the check-in history."""

import asyncio
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest

from backend.api import context
from backend.models import ActivityEvent, CheckIn, KeyResult
from backend.read.snapshot import load_snapshot
from tests.api.helpers import Api, World, gid

CREATE_OBJ = """mutation($i: CreateObjectiveInput!) { createObjective(input: $i) { id } }"""
CREATE_KR = """mutation($i: CreateKeyResultInput!) { createKeyResult(input: $i) { id } }"""
CHECK_IN = """mutation($i: CheckInInput!) { checkIn(input: $i) {
  progress rawProgress status statusReasons objective { progress } } }"""
OBJECTIVE = """query($id: ID!) { objective(id: $id) { progress status statusReasons
  hints { code } weightTotal keyResults { title progress rawProgress } } }"""
KR = """query($id: ID!) { keyResult(id: $id) { progress rawProgress expectedProgress status
  statusReasons } }"""


@pytest.fixture
async def admin(world: World) -> Api:
    return await world.as_(world.admin)


async def objective(api: Api, world: World, title: str, **fields: Any) -> str:
    data = {"cycleId": gid("cycle", world.cycle.id), "title": title, **fields}
    return (await api.ok(CREATE_OBJ, {"i": data}))["createObjective"]["id"]


async def key_result(api: Api, objective_id: str, title: str, **fields: Any) -> str:
    fields.setdefault("kind", "INCREASE")
    if fields["kind"] == "MILESTONE":  # a milestone is a date (DESIGN §4)
        fields.setdefault("dueDate", (date.today() + timedelta(days=30)).isoformat())
    if fields["kind"] in ("INCREASE", "COUNT", "MISSION") and "progressSource" not in fields:
        fields.setdefault("startValue", 0)
        fields.setdefault("targetValue", 10)
    data = {"objectiveId": objective_id, "title": title, **fields}
    return (await api.ok(CREATE_KR, {"i": data}))["createKeyResult"]["id"]


async def check_in(api: Api, kr: str, value: float | None, **extra: Any) -> dict[str, Any]:
    data = {"keyResultId": kr, "value": value, **extra}
    return (await api.ok(CHECK_IN, {"i": data}))["checkIn"]


async def read(api: Api, doc: str, id_: str) -> dict[str, Any]:
    return next(iter((await api.ok(doc, {"id": id_})).values()))


async def test_weighted_progress(world: World, admin: Api) -> None:
    o = await objective(admin, world, "Weighted")
    users = await key_result(admin, o, "Users", weight=70)
    launch = await key_result(admin, o, "Launch", kind="MILESTONE", weight=30)
    await check_in(admin, users, 5)
    assert (await check_in(admin, launch, 1))["objective"]["progress"] == pytest.approx(0.65)
    got = await read(admin, OBJECTIVE, o)
    assert got["progress"] == pytest.approx(0.7 * 0.5 + 0.3 * 1)
    assert got["hints"] == [] and got["weightTotal"] == 100
    assert [k["progress"] for k in got["keyResults"]] == [0.5, 1]


async def test_draft_weights_normalise_with_a_hint(world: World, admin: Api) -> None:
    o = await objective(admin, world, "Draft")
    assert (await read(admin, OBJECTIVE, o))["hints"] == [{"code": "NO_KEY_RESULTS"}]
    assert (await read(admin, OBJECTIVE, o))["progress"] == 0
    a = await key_result(admin, o, "A", weight=30)
    b = await key_result(admin, o, "B", weight=10)
    await check_in(admin, a, 5)
    await check_in(admin, b, 10)
    got = await read(admin, OBJECTIVE, o)
    assert got["hints"] == [{"code": "WEIGHTS"}]
    assert got["weightTotal"] == 40
    assert got["progress"] == pytest.approx((30 * 0.5 + 10 * 1) / 40)
    # every weight 0: the plain mean
    await admin.ok(
        """mutation($o: ID!, $w: [WeightInput!]!) {
          setWeights(objectiveId: $o, weights: $w) { id } }""",
        {"o": o, "w": [{"keyResultId": a, "weight": 0}, {"keyResultId": b, "weight": 0}]},
    )
    assert (await read(admin, OBJECTIVE, o))["progress"] == pytest.approx(0.75)


BOUNDS = [
    ({"kind": "INCREASE", "startValue": 0, "targetValue": 100}, 150, 1.5, 1),
    ({"kind": "INCREASE", "startValue": 100, "targetValue": 200}, 50, -0.5, 0),
    ({"kind": "DECREASE", "startValue": 100, "targetValue": 50}, 20, 1.6, 1),
    ({"kind": "RANGE", "startValue": 0, "rangeMin": 40, "rangeMax": 60}, 20, 0.5, 0.5),
    ({"kind": "RANGE", "startValue": 50, "rangeMin": 40, "rangeMax": 60}, 70, 0, 0),
    ({"kind": "COUNT", "startValue": 0, "targetValue": 4}, 5, 1.25, 1),
]


async def test_raw_progress_beyond_the_bounds(
    world: World, admin: Api, subtests: pytest.Subtests
) -> None:
    """(KR fields, check-in value, rawProgress, progress); one objective per KR."""
    for fields, value, raw, progress in BOUNDS:
        with subtests.test(msg=f"{fields} ← {value}"):
            o = await objective(admin, world, "Bounds")
            kr = await key_result(admin, o, "KR", weight=100, **fields)
            after = await check_in(admin, kr, value)
            assert after["rawProgress"] == pytest.approx(raw)
            assert after["progress"] == pytest.approx(progress)
            assert after["objective"]["progress"] == pytest.approx(progress)
            if progress == 1:
                assert after["status"] == "DONE" and after["statusReasons"] == []


async def test_a_limit_to_hold(world: World, admin: Api) -> None:
    """DESIGN §4 *hold*: 反向控制 "keep churn <= 5%" while it is 4% is accepted and on track;
    数量区间 "stay within 60-90 minutes" is not DONE on day one; a breach is OUT_OF_BOUNDS.
    The cycle is a third through: expected progress about 0.33."""
    o = await objective(admin, world, "Limits")
    churn = await key_result(
        admin, o, "Churn", kind="DECREASE", startValue=4, targetValue=5, weight=50
    )
    minutes = await key_result(
        admin, o, "Minutes", kind="RANGE", startValue=70, rangeMin=60, rangeMax=90, weight=50
    )
    for kr in (churn, minutes):
        got = await read(admin, KR, kr)
        assert got["progress"] == pytest.approx(got["expectedProgress"])
        assert 0.3 < got["progress"] < 0.4
        assert got["status"] == "ON_TRACK" and got["statusReasons"] == []
    after = await check_in(admin, minutes, 75)
    assert after["status"] == "ON_TRACK" and after["progress"] < 1

    breached = await check_in(admin, churn, 6)
    assert breached["progress"] == 0 and breached["rawProgress"] == 0
    # a third of the way in is past behindGap (0.30): BEHIND, and why
    assert breached["status"] == "BEHIND"
    assert breached["statusReasons"] == ["BEHIND_SCHEDULE", "OUT_OF_BOUNDS"]
    left = await check_in(admin, minutes, 95)
    assert left["progress"] == 0 and "OUT_OF_BOUNDS" in left["statusReasons"]
    assert "OUT_OF_BOUNDS" in (await read(admin, OBJECTIVE, o))["statusReasons"]


BOARD = """query($c: ID!) { board(cycleId: $c) { title progress keyResults { title progress }
  children { title progress keyResults { title progress }
    children { title progress keyResults { title progress } } } } }"""


async def test_aligned_chain_moves_every_level(world: World, admin: Api) -> None:
    """Company ── KR "Company aligned" (ALIGNED, 50) + "Company own" (manual, 50)
    ├─ Team A, converted from it ── KR "Team aligned" (ALIGNED)
    │    └─ Person, converted from "Team aligned" ── KR "Person KR" (manual 0→10)
    └─ Team B, converted from it ── KR "Team B KR" (manual 0→10)"""
    company = await objective(admin, world, "Company", level="COMPANY")
    company_aligned = await key_result(
        admin, company, "Company aligned", progressSource="ALIGNED", weight=50
    )
    await key_result(admin, company, "Company own", weight=50)
    team_a = await objective(admin, world, "Team A", sourceKeyResultId=company_aligned)
    team_aligned = await key_result(
        admin, team_a, "Team aligned", progressSource="ALIGNED", weight=100
    )
    team_b = await objective(admin, world, "Team B", sourceKeyResultId=company_aligned)
    team_b_kr = await key_result(admin, team_b, "Team B KR", weight=100)
    person = await objective(admin, world, "Person", sourceKeyResultId=team_aligned)
    person_kr = await key_result(admin, person, "Person KR", weight=100)
    cycle = {"c": gid("cycle", world.cycle.id)}

    async def numbers() -> dict[str, float]:
        out: dict[str, float] = {}
        stack = list((await admin.ok(BOARD, cycle))["board"])
        while stack:
            node = stack.pop()
            out[node["title"]] = node["progress"]
            out.update({k["title"]: k["progress"] for k in node["keyResults"]})
            stack.extend(node.get("children") or [])
        return out

    assert set((await numbers()).values()) == {0}
    await check_in(admin, person_kr, 4)
    got = await numbers()
    assert got["Person KR"] == got["Person"] == pytest.approx(0.4)
    assert got["Team aligned"] == got["Team A"] == pytest.approx(0.4)
    assert got["Company aligned"] == pytest.approx((0.4 + 0) / 2)  # mean of Team A, Team B
    assert got["Company"] == pytest.approx(0.5 * 0.2 + 0.5 * 0)

    await check_in(admin, team_b_kr, 10)
    got = await numbers()
    assert got["Company aligned"] == pytest.approx((0.4 + 1) / 2)
    assert got["Company"] == pytest.approx(0.5 * 0.7)
    assert (await read(admin, KR, company_aligned))["progress"] == pytest.approx(0.7)

    # an archived objective stops counting toward the KR it was converted from
    await admin.ok("mutation($id: ID!) { archiveObjective(id: $id) { state } }", {"id": team_b})
    got = await numbers()
    assert "Team B" not in got
    assert got["Company aligned"] == pytest.approx(0.4)
    assert got["Company"] == pytest.approx(0.2)
    # ... and counts again once restored
    await admin.ok(
        "mutation($id: ID!) { archiveObjective(id: $id, restore: true) { state } }", {"id": team_b}
    )
    assert (await numbers())["Company"] == pytest.approx(0.35)


async def test_archived_key_result_stops_counting(world: World, admin: Api) -> None:
    o = await objective(admin, world, "Two KRs")
    done = await key_result(admin, o, "Done", kind="MILESTONE", weight=50)
    idle = await key_result(admin, o, "Idle", weight=50)
    await check_in(admin, done, 1)
    assert (await read(admin, OBJECTIVE, o))["progress"] == pytest.approx(0.5)
    await admin.ok("mutation($id: ID!) { archiveKeyResult(id: $id) { archived } }", {"id": idle})
    got = await read(admin, OBJECTIVE, o)
    assert got["progress"] == 1 and [k["title"] for k in got["keyResults"]] == ["Done"]
    with_archived = await admin.ok(
        "query($id: ID!) { objective(id: $id) { keyResults(includeArchived: true) { title } } }",
        {"id": o},
    )
    assert [k["title"] for k in with_archived["objective"]["keyResults"]] == ["Done", "Idle"]


async def test_expected_progress_and_status(world: World, admin: Api) -> None:
    """The cycle began 30 days ago and ends in 60: a KR is expected at about a third."""
    o = await objective(admin, world, "Timing")
    kr = await key_result(admin, o, "Linear", weight=50)
    got = await read(admin, KR, kr)
    assert 30 / 90 <= got["expectedProgress"] <= 31 / 90
    # nothing done a third of the way in: more than behindGap (0.30) behind
    assert got["status"] == "BEHIND" and got["statusReasons"] == ["BEHIND_SCHEDULE"]
    after = await check_in(admin, kr, 4)
    assert after["status"] == "ON_TRACK" and after["statusReasons"] == []

    yesterday = (date.today() - timedelta(days=1)).isoformat()
    milestone = await key_result(admin, o, "Ship", kind="MILESTONE", weight=25)
    overdue = await key_result(admin, o, "Late", kind="MILESTONE", weight=25, dueDate=yesterday)
    assert (await read(admin, KR, milestone))["expectedProgress"] == 0  # before its date
    late = await read(admin, KR, overdue)
    assert late["expectedProgress"] == 1
    assert late["status"] == "BEHIND"
    assert set(late["statusReasons"]) == {"BEHIND_SCHEDULE", "OVERDUE"}
    obj = await read(admin, OBJECTIVE, o)
    assert obj["status"] == "BEHIND" and "OVERDUE" in obj["statusReasons"]


async def test_stale_and_low_confidence_reasons(world: World, admin: Api) -> None:
    o = await objective(admin, world, "Reasons")
    quiet = await key_result(admin, o, "Quiet", weight=50)
    unsure = await key_result(admin, o, "Unsure", weight=50)
    # ahead of schedule but silent for 10 days (more than staleDays = 7)
    await check_in(admin, quiet, 5)
    ten_days_ago = datetime.now(UTC) - timedelta(days=10)
    await KeyResult.filter(id=int(quiet.split("_")[1])).update(last_check_in_at=ten_days_ago)
    got = await read(admin, KR, quiet)
    assert got["status"] == "AT_RISK" and got["statusReasons"] == ["STALE"]

    after = await check_in(admin, unsure, 5, confidence=2)
    assert after["status"] == "AT_RISK" and after["statusReasons"] == ["LOW_CONFIDENCE"]
    obj = await read(admin, OBJECTIVE, o)
    assert obj["status"] == "AT_RISK"
    assert set(obj["statusReasons"]) == {"STALE", "LOW_CONFIDENCE"}

    # staleDays is an organization setting
    await admin.ok("mutation { updateOrganization(input: {staleDays: 14}) { staleDays } }")
    got = await read(admin, KR, quiet)
    assert got["status"] == "ON_TRACK" and got["statusReasons"] == []


HISTORY = """query($id: ID!, $n: Int) { keyResult(id: $id) { progress
  checkIns(first: $n) { id value confidence note progress rawProgress createdAt
    author { handle } } } }"""


async def test_check_in_history_is_newest_first_and_append_only(world: World) -> None:
    mia = await world.as_(world.member)
    o = await objective(mia, world, "History")
    kr = await key_result(mia, o, "Count", weight=100)
    await check_in(mia, kr, 2, note="first")
    first = (await mia.ok(HISTORY, {"id": kr, "n": None}))["keyResult"]["checkIns"]
    await check_in(mia, kr, 5, confidence=7, note="second")
    await check_in(mia, kr, 3, note="third")

    full = (await mia.ok(HISTORY, {"id": kr, "n": None}))["keyResult"]["checkIns"]
    assert [(c["value"], c["note"]) for c in full] == [(3, "third"), (5, "second"), (2, "first")]
    assert [c["progress"] for c in full] == [0.3, 0.5, 0.2]
    assert full[1]["confidence"] == 7 and {c["author"]["handle"] for c in full} == {"mia"}
    assert full[-1] == first[0]  # the first check-in is exactly as it was
    two = (await mia.ok(HISTORY, {"id": kr, "n": 2}))["keyResult"]["checkIns"]
    assert two == full[:2]

    # changing the KR moves its progress but not the history's recorded numbers
    await mia.ok(
        "mutation($id: ID!) { updateKeyResult(id: $id, input: {targetValue: 20}) { id } }",
        {"id": kr},
    )
    now = (await mia.ok(HISTORY, {"id": kr, "n": None}))["keyResult"]
    assert now["progress"] == pytest.approx(0.15)
    assert now["checkIns"] == full
    assert await CheckIn.all().count() == 3


RESPONSE_UP = """progress status objective { id progress weightTotal score
  keyResults { title progress } sourceKeyResult { progress objective { progress
    sourceKeyResult { progress objective { progress keyResults { title progress } } } } } }"""
RESPONSE_DOWN = """progress objective { progress children { id } sourceKeyResult {
  alignedObjectives { title progress } } }"""


@pytest.mark.parametrize("selection", [RESPONSE_UP, RESPONSE_DOWN], ids=["up", "down"])
async def test_check_in_response_equals_a_fresh_read(
    world: World, admin: Api, selection: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The response is built from the alignment chain alone unless it asks for `children` or
    `alignedObjectives`: either way it says what a read of the whole cycle says."""
    company = await objective(admin, world, "Company", level="COMPANY")
    aligned = await key_result(admin, company, "Aligned", progressSource="ALIGNED", weight=60)
    await key_result(admin, company, "Own", weight=40)
    team = await objective(admin, world, "Team", sourceKeyResultId=aligned)
    team_kr = await key_result(admin, team, "Team KR", weight=100)
    sibling = await objective(admin, world, "Sibling", sourceKeyResultId=aligned)
    await check_in(admin, await key_result(admin, sibling, "Sibling KR", weight=100), 10)

    whole_cycle_loads = []

    async def counted(*args: Any, **kwargs: Any) -> Any:
        whole_cycle_loads.append(args)
        return await load_snapshot(*args, **kwargs)

    monkeypatch.setattr(context, "load_snapshot", counted)
    doc = f"mutation($i: CheckInInput!) {{ checkIn(input: $i) {{ {selection} }} }}"
    response = (await admin.ok(doc, {"i": {"keyResultId": team_kr, "value": 5}}))["checkIn"]
    assert len(whole_cycle_loads) == (0 if selection is RESPONSE_UP else 1)
    read_doc = f"query($id: ID!) {{ keyResult(id: $id) {{ {selection} }} }}"
    assert response == await read(admin, read_doc, team_kr)
    company_progress = 0.6 * (0.5 + 1) / 2
    if selection is RESPONSE_UP:
        top = response["objective"]["sourceKeyResult"]["objective"]
        assert top["progress"] == pytest.approx(company_progress)
    else:
        titles = {o["title"] for o in response["objective"]["sourceKeyResult"]["alignedObjectives"]}
        assert titles == {"Team", "Sibling"}


CHECK_IN_ONCE = """mutation($i: CheckInInput!) { checkIn(input: $i) { currentValue progress
  checkIns(first: 5) { value note } } }"""


async def test_a_check_in_sent_again_with_its_client_id_is_written_once(world: World) -> None:
    """The offline outbox resends a check-in whose answer was lost: same answer, one row,
    one event — also when the key result was archived in between, and when both copies race."""
    mia = await world.as_(world.member)
    kr = await key_result(mia, await objective(mia, world, "Outbox"), "Count", weight=100)
    send = {"keyResultId": kr, "value": 4, "note": "from the train", "clientId": "k3x-a1b2c3-1"}

    first = (await mia.ok(CHECK_IN_ONCE, {"i": send}))["checkIn"]
    again = (await mia.ok(CHECK_IN_ONCE, {"i": send}))["checkIn"]
    assert again == first and first["currentValue"] == 4
    assert await CheckIn.all().count() == 1
    events = ActivityEvent.filter(kind="key_result.checked_in")
    assert await events.count() == 1

    # a different check-in (another clientId, or none) is written as usual
    await check_in(mia, kr, 6, clientId="k3x-a1b2c3-2")
    await check_in(mia, kr, 7)
    assert await CheckIn.all().count() == 3

    # racing copies of one new check-in
    race = {**send, "value": 9, "clientId": "k3x-race"}
    answers = await asyncio.gather(*(mia.ok(CHECK_IN_ONCE, {"i": race}) for _ in range(3)))
    assert await CheckIn.filter(client_id="k3x-race").count() == 1
    assert {a["checkIn"]["currentValue"] for a in answers} == {9}

    # accepted before the key result was archived: the resend still gets its answer
    await mia.ok(
        "mutation($id: ID!) { archiveKeyResult(id: $id) { id } }",
        {"id": kr},
    )
    assert (await mia.ok(CHECK_IN_ONCE, {"i": race}))["checkIn"]["currentValue"] == 9
    assert await CheckIn.all().count() == 4


async def test_client_ids_belong_to_their_author_and_key_result(world: World) -> None:
    mia, lou = await world.as_(world.member), await world.as_(world.loner)
    o = await objective(mia, world, "Shared")
    kr1 = await key_result(mia, o, "One", weight=50)
    kr2 = await key_result(mia, o, "Two", weight=50)
    await check_in(mia, kr1, 3, clientId="same")
    state = "query($id: ID!) { keyResult(id: $id) { currentValue progress checkIns { id } } }"
    kr2_before = await read(mia, state, kr2)
    # reused for another key result: refused, nothing written
    error = await mia.error(CHECK_IN, {"i": {"keyResultId": kr2, "value": 5, "clientId": "same"}})
    assert (error["code"], error["field"]) == ("BAD_USER_INPUT", "clientId")
    assert "another key result" in error["message"]
    assert await read(mia, state, kr2) == kr2_before
    assert await CheckIn.all().count() == 1
    # another person's ids are theirs
    lou_kr = await key_result(lou, await objective(lou, world, "Lou's"), "Mine", weight=100)
    await check_in(lou, lou_kr, 5, clientId="same")
    assert await CheckIn.all().count() == 2


@pytest.mark.parametrize("client_id", ["", "has space", "x" * 65, "é"])
async def test_a_malformed_client_id_is_refused(world: World, client_id: str) -> None:
    mia = await world.as_(world.member)
    kr = await key_result(mia, await objective(mia, world, "Bad ids"), "Count", weight=100)
    data = {"keyResultId": kr, "value": 5, "clientId": client_id}
    error = await mia.error(CHECK_IN, {"i": data})
    assert (error["code"], error["field"]) == ("BAD_USER_INPUT", "clientId")
    assert "64" in error["message"]
    assert await CheckIn.all().count() == 0
