"""Carrying unfinished objectives forward through the API: drafts in the new cycle whose key
results start where the old ones stopped, alignment re-pointed to the copies, nothing of the
old cycle's history copied, one event per copy — and what is refused."""

from datetime import date, timedelta

from backend.domain.enums import CyclePhase, KRKind, ObjectiveLevel, ObjectiveState
from backend.models import ActivityEvent, CheckIn, Cycle, KeyResult, Objective, Task
from tests.api.helpers import World, gid

CARRY = """mutation($ids: [ID!]!, $to: ID!) { carryForward(objectiveIds: $ids, toCycleId: $to) {
  id title state level owner { handle } team { name } cycle { name }
  parent { id title } sourceKeyResult { id title }
  keyResults { title kind startValue targetValue currentValue dueDate weight progress
    checkIns { value } } } }"""


async def _cycle(world: World, name: str, starts: date, phase: CyclePhase) -> Cycle:
    return await Cycle.create(
        organization=world.org,
        name=name,
        starts_on=starts,
        ends_on=starts + timedelta(days=90),
        phase=phase,
    )


async def test_unfinished_objectives_go_on_as_drafts(world: World) -> None:
    q1 = world.cycle
    q1.phase = CyclePhase.REVIEWING
    await q1.save()
    year = await _cycle(world, "The year", q1.starts_on, CyclePhase.TRACKING)
    q2 = await _cycle(world, "Next quarter", q1.ends_on + timedelta(days=1), CyclePhase.DRAFTING)
    annual = await Objective.create(
        organization=world.org,
        cycle=year,
        title="The year's",
        level=ObjectiveLevel.COMPANY,
        owner=world.admin,
        state=ObjectiveState.PUBLISHED,
    )

    async def objective(title: str, **fields: object) -> Objective:
        defaults = {"level": ObjectiveLevel.TEAM, "team_id": world.dept.id, "owner": world.lead}
        return await Objective.create(
            organization=world.org,
            cycle=q1,
            title=title,
            state=ObjectiveState.PUBLISHED,
            **{**defaults, **fields},
        )

    team = await objective("Ship faster", parent=annual)
    left = await objective("Left behind")
    growth = await KeyResult.create(
        organization=world.org,
        objective=team,
        title="Releases",
        kind=KRKind.COUNT,
        start_value=0,
        target_value=12,
        current_value=7,
        weight=60,
        owner=world.lead,
    )
    await CheckIn.create(
        organization=world.org,
        key_result=growth,
        author=world.lead,
        value=7,
        progress=7 / 12,
        raw_progress=7 / 12,
        created_at=q1.created_at,
    )
    await Task.create(
        organization=world.org, objective=team, key_result=growth, title="T", creator=world.lead
    )
    await KeyResult.create(  # done: it stays behind
        organization=world.org,
        objective=team,
        title="Runbook",
        kind=KRKind.BASELINE,
        current_value=1,
        weight=20,
    )
    await KeyResult.create(
        organization=world.org,
        objective=team,
        title="Launch",
        kind=KRKind.MILESTONE,
        due_date=q1.starts_on + timedelta(days=30),
        weight=20,
    )
    mine = await objective(
        "My part",
        level=ObjectiveLevel.PERSONAL,
        team_id=None,
        owner=world.member,
        parent=team,
        source_key_result=growth,
    )
    await KeyResult.create(
        organization=world.org,
        objective=mine,
        title="Reviews",
        kind=KRKind.DECREASE,
        start_value=10,
        target_value=2,
        current_value=6,
        weight=100,
    )
    orphan = await objective("Under one left behind", parent=left)
    await KeyResult.create(
        organization=world.org,
        objective=orphan,
        title="Latency",
        kind=KRKind.RANGE,
        start_value=900,
        range_min=100,
        range_max=200,
        current_value=400,
        weight=100,
    )

    leo = await world.as_(world.lead)
    ids = [gid("obj", i) for i in (mine.id, team.id, orphan.id)]  # the child first, on purpose
    copies = (await leo.ok(CARRY, {"ids": ids, "to": gid("cycle", q2.id)}))["carryForward"]
    my_copy, team_copy, orphan_copy = copies
    assert [c["title"] for c in copies] == ["My part", "Ship faster", "Under one left behind"]
    assert {(c["state"], c["cycle"]["name"]) for c in copies} == {("DRAFT", "Next quarter")}
    assert (team_copy["level"], team_copy["owner"], team_copy["team"]) == (
        "TEAM",
        {"handle": "leo"},
        {"name": "Engineering"},
    )
    # the year's objective lives on: kept; a parent carried too: its copy; one left behind: none
    assert team_copy["parent"] == {"id": gid("obj", annual.id), "title": "The year's"}
    assert my_copy["parent"] == {"id": team_copy["id"], "title": "Ship faster"}
    assert orphan_copy["parent"] is None
    releases, launch = team_copy["keyResults"]
    assert releases == {
        "title": "Releases",
        "kind": "COUNT",
        "startValue": 7,  # where it stopped
        "targetValue": 12,
        "currentValue": 7,  # no check-in yet: it reports its start
        "dueDate": None,
        "weight": 60,
        "progress": 0,
        "checkIns": [],  # the old cycle's history stays there
    }
    shifted = q1.starts_on + timedelta(days=30) + (q2.starts_on - q1.starts_on)
    assert (launch["title"], launch["dueDate"]) == ("Launch", shifted.isoformat())
    assert my_copy["sourceKeyResult"]["title"] == "Releases"
    assert my_copy["sourceKeyResult"]["id"] != gid("kr", growth.id)
    assert [(k["startValue"], k["targetValue"]) for k in my_copy["keyResults"]] == [(6, 2)]
    assert orphan_copy["keyResults"][0]["startValue"] == 400
    assert await Task.filter(objective__cycle=q2).count() == 0
    events = await ActivityEvent.filter(kind="objective.carried_forward").order_by("seq")
    # parents first: the child's copy aligns to its parent's
    assert [e.payload["carriedFrom"]["objectiveId"] for e in events] == [
        team.id,
        orphan.id,
        mine.id,
    ]
    assert {e.cycle_id for e in events} == {q2.id}
    # the originals are untouched
    assert await Objective.filter(cycle=q1).count() == 4
    assert (await KeyResult.get(id=growth.id)).start_value == 0


async def test_what_cannot_be_carried(world: World) -> None:
    world.cycle.phase = CyclePhase.CLOSED
    await world.cycle.save()
    closed = await _cycle(world, "Long gone", world.cycle.starts_on, CyclePhase.CLOSED)
    tracking = await _cycle(world, "Now", world.cycle.ends_on, CyclePhase.TRACKING)
    done = await Objective.create(
        organization=world.org,
        cycle=world.cycle,
        title="Done and dusted",
        level=ObjectiveLevel.PERSONAL,
        owner=world.member,
        state=ObjectiveState.PUBLISHED,
    )
    await KeyResult.create(
        organization=world.org,
        objective=done,
        title="K",
        kind=KRKind.MILESTONE,
        due_date=world.cycle.starts_on,
        current_value=1,
        weight=100,
    )
    elsewhere = await Objective.create(
        organization=world.org,
        cycle=tracking,
        title="Still running",
        level=ObjectiveLevel.PERSONAL,
        owner=world.member,
    )
    mia = await world.as_(world.member)
    error = await mia.error(CARRY, {"ids": [gid("obj", done.id)], "to": gid("cycle", tracking.id)})
    assert (error["code"], error["field"]) == ("BAD_USER_INPUT", "objectiveIds")
    assert "“Done and dusted” is finished" in error["message"]
    # into a closed cycle: the phase refuses
    error = await mia.error(CARRY, {"ids": [gid("obj", done.id)], "to": gid("cycle", closed.id)})
    assert error["code"] == "FORBIDDEN"
    # out of a cycle still running: the phase refuses too
    error = await mia.error(
        CARRY, {"ids": [gid("obj", elsewhere.id)], "to": gid("cycle", closed.id)}
    )
    assert error["code"] == "FORBIDDEN"
    error = await mia.error(
        CARRY,
        {"ids": [gid("obj", done.id), gid("obj", elsewhere.id)], "to": gid("cycle", tracking.id)},
    )
    assert (
        error["message"]
        == "Objectives to carry: carry objectives forward from one cycle at a time."
    )
    assert await Objective.filter(cycle=tracking).count() == 1
