"""Issue 13's reported cases through the API: the value a key result reports, the
organization's time zone, tasks as a sign of life, a kind or source change re-validating the
value, a milestone's date, level order in alignment, and a converted KR made ALIGNED."""

from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest

from backend.domain.enums import KRKind, ObjectiveLevel, ProgressSource, Visibility
from backend.models import KeyResult, Objective, Task
from backend.read.snapshot import load_cycle_rows
from tests.api.helpers import Api, World, fingerprint, gid
from tests.api.test_numbers_api import check_in, key_result, objective

KR = """query($id: ID!) { keyResult(id: $id) { currentValue progress status statusReasons
  progressSource } }"""
UPDATE_KR = """mutation($id: ID!, $i: UpdateKeyResultInput!) { updateKeyResult(id: $id, input: $i) {
  currentValue progress status kind } }"""
UPDATE_OBJ = """mutation($id: ID!, $i: UpdateObjectiveInput!) {
  updateObjective(id: $id, input: $i) { id } }"""
CREATE_OBJ = """mutation($i: CreateObjectiveInput!) { createObjective(input: $i) { id
  sourceKeyResult { id progressSource currentValue } } }"""
CREATE_TASK = """mutation($i: CreateTaskInput!) { createTask(input: $i) { id } }"""
UPDATE_TASK = (
    """mutation($id: ID!, $i: UpdateTaskInput!) { updateTask(id: $id, input: $i) { id } }"""
)


@pytest.fixture
async def admin(world: World) -> Api:
    return await world.as_(world.admin)


async def read_kr(api: Api, kr: str) -> dict[str, Any]:
    return (await api.ok(KR, {"id": kr}))["keyResult"]


def pk(id_: str) -> int:
    return int(id_.split("_")[1])


async def test_current_value_is_what_the_key_result_reports(world: World, admin: Api) -> None:
    """No check-in: its start, not null. A task-driven COUNT: its done tasks ("4 of 6", not
    the old stored reading). ALIGNED: the value its derived progress stands for."""
    o = await objective(admin, world, "Values")
    fresh = await key_result(admin, o, "Fresh", startValue=3, targetValue=10, weight=30)
    assert (await read_kr(admin, fresh))["currentValue"] == 3

    count = await key_result(
        admin, o, "Calls", kind="COUNT", progressSource="TASKS", targetValue=6, weight=30
    )
    await KeyResult.filter(id=pk(count)).update(current_value=5)  # a leftover reading
    for i in range(6):
        task = await admin.ok(CREATE_TASK, {"i": {"keyResultId": count, "title": f"Call {i}"}})
        if i < 4:
            await admin.ok(UPDATE_TASK, {"id": task["createTask"]["id"], "i": {"status": "DONE"}})
    got = await read_kr(admin, count)
    assert got["currentValue"] == 4 and got["progress"] == pytest.approx(4 / 6)

    aligned = await key_result(
        admin, o, "Followed", startValue=0, targetValue=200, progressSource="ALIGNED", weight=40
    )
    child = await objective(admin, world, "Child", sourceKeyResultId=aligned)
    child_kr = await key_result(admin, child, "Child KR", weight=100)
    await check_in(admin, child_kr, 5)  # 0 → 10: half way
    got = await read_kr(admin, aligned)
    assert got["progress"] == pytest.approx(0.5) and got["currentValue"] == pytest.approx(100)


async def test_dates_follow_the_organizations_zone(world: World) -> None:
    """Due on a day in Beijing: overdue from the next day's 00:00 Beijing time (16:00 UTC),
    not from 00:00 UTC — and not 8 hours later either."""
    world.org.time_zone = "Asia/Shanghai"
    await world.org.save()
    due = date.today() - timedelta(days=2)
    o = await Objective.create(
        organization=world.org,
        cycle=world.cycle,
        title="Zone",
        owner=world.admin,
        level=ObjectiveLevel.PERSONAL,
        visibility=Visibility.PUBLIC,
    )
    kr = await KeyResult.create(
        organization=world.org,
        objective=o,
        title="Ship",
        kind=KRKind.MILESTONE,
        due_date=due,
        weight=100,
    )
    midnight_beijing = datetime(due.year, due.month, due.day, 16, tzinfo=UTC)
    cases = [
        (midnight_beijing - timedelta(minutes=1), False),
        (midnight_beijing, True),
    ]
    for at, overdue in cases:
        rows = await load_cycle_rows(world.cycle, at)
        assert ("OVERDUE" in rows.evaluation.key_results[kr.id].reasons) is overdue, at
    world.org.time_zone = None  # the server's zone (UTC here): 8 hours later
    await world.org.save()
    rows = await load_cycle_rows(world.cycle, midnight_beijing)
    assert "OVERDUE" not in rows.evaluation.key_results[kr.id].reasons


async def test_work_on_tasks_keeps_a_key_result_from_going_stale(world: World, admin: Api) -> None:
    o = await objective(admin, world, "Busy")
    kr = await key_result(admin, o, "Quiet on check-ins", weight=100)
    await check_in(admin, kr, 5)
    await KeyResult.filter(id=pk(kr)).update(last_check_in_at=datetime.now(UTC) - timedelta(10))
    assert "STALE" in (await read_kr(admin, kr))["statusReasons"]
    await admin.ok(CREATE_TASK, {"i": {"keyResultId": kr, "title": "Moved this week"}})
    assert "STALE" not in (await read_kr(admin, kr))["statusReasons"]


async def test_a_kind_or_source_change_revalidates_the_value(world: World, admin: Api) -> None:
    """An INCREASE at 5 made a BASELINE is not done (a check-in of 5 on it is refused)."""
    o = await objective(admin, world, "Kinds")
    kr = await key_result(admin, o, "Signups", startValue=0, targetValue=10, weight=100)
    await check_in(admin, kr, 5)
    got = (await admin.ok(UPDATE_KR, {"id": kr, "i": {"kind": "BASELINE"}}))["updateKeyResult"]
    assert got["kind"] == "BASELINE" and got["status"] != "DONE" and got["progress"] == 0
    assert got["currentValue"] == 0  # back to its start
    refused = await admin.error(
        "mutation($i: CheckInInput!) { checkIn(input: $i) { id } }",
        {"i": {"keyResultId": kr, "value": 5}},
    )
    assert refused["code"] == "BAD_USER_INPUT" and refused["field"] == "value"

    # a number stays a number: an INCREASE at 4 made a DECREASE keeps its reading
    other = await key_result(admin, o, "Latency", startValue=0, targetValue=10, weight=0)
    await check_in(admin, other, 4)
    moved = await admin.ok(
        UPDATE_KR, {"id": other, "i": {"kind": "DECREASE", "startValue": 10, "targetValue": 0}}
    )
    assert moved["updateKeyResult"]["currentValue"] == 4
    # to tasks and back: the tasks drove it meanwhile, nothing stale comes back
    count = await key_result(admin, o, "Visits", kind="COUNT", targetValue=10, weight=0)
    await check_in(admin, count, 7)
    await admin.ok(UPDATE_KR, {"id": count, "i": {"progressSource": "TASKS"}})
    back = await admin.ok(UPDATE_KR, {"id": count, "i": {"progressSource": "MANUAL"}})
    assert back["updateKeyResult"]["currentValue"] == 0  # its start


async def test_a_milestone_needs_a_due_date(world: World, admin: Api) -> None:
    o = await objective(admin, world, "Dates")
    before = await fingerprint()
    err = await admin.error(
        "mutation($i: CreateKeyResultInput!) { createKeyResult(input: $i) { id } }",
        {"i": {"objectiveId": o, "title": "Launch", "kind": "MILESTONE"}},
    )
    assert (err["code"], err["field"]) == ("BAD_USER_INPUT", "dueDate")
    kr = await key_result(admin, o, "Signups", weight=100)
    err = await admin.error(UPDATE_KR, {"id": kr, "i": {"kind": "MILESTONE"}})
    assert (err["code"], err["field"]) == ("BAD_USER_INPUT", "dueDate")
    milestone = await key_result(admin, o, "Launch", kind="MILESTONE", weight=0)
    err = await admin.error(UPDATE_KR, {"id": milestone, "i": {"dueDate": None}})
    assert (err["code"], err["field"]) == ("BAD_USER_INPUT", "dueDate")
    assert (await read_kr(admin, kr))["currentValue"] == 0
    assert before != await fingerprint()  # only the accepted ones were written


LEVELS = [
    # (child level, parent level, allowed)
    ("COMPANY", "TEAM", False),
    ("COMPANY", "PERSONAL", False),
    ("TEAM", "PERSONAL", False),
    ("COMPANY", "COMPANY", True),
    ("TEAM", "COMPANY", True),
    ("PERSONAL", "TEAM", True),
]


async def test_level_order_in_alignment(
    world: World, admin: Api, subtests: pytest.Subtests
) -> None:
    team = {"teamId": gid("team", world.squad.id)}

    def level(name: str) -> dict[str, Any]:
        return {"level": name, **(team if name == "TEAM" else {})}

    for child, parent, allowed in LEVELS:
        with subtests.test(msg=f"{child} under {parent}"):
            up = await objective(admin, world, f"{parent} parent", **level(parent))
            up_kr = await key_result(admin, up, "Parent KR", weight=100)
            for field, via in (("parentId", up), ("sourceKeyResultId", up_kr)):
                data = {"cycleId": gid("cycle", world.cycle.id), "title": "Child", field: via}
                data |= level(child)
                if allowed:
                    await admin.ok(CREATE_OBJ, {"i": data})
                    continue
                before = await fingerprint()
                err = await admin.error(CREATE_OBJ, {"i": data})
                assert (err["code"], err["field"]) == ("BAD_USER_INPUT", field)
                assert "cannot align under" in err["message"]
                assert before == await fingerprint()
            # re-aligning an existing objective is checked the same way
            lone = await objective(admin, world, "Lone", **level(child))
            if not allowed:
                err = await admin.error(UPDATE_OBJ, {"id": lone, "i": {"parentId": up}})
                assert (err["code"], err["field"]) == ("BAD_USER_INPUT", "parentId")

    # an objective changing level still fits between its parent and its children
    company = await objective(admin, world, "Company", level="COMPANY")
    mid = await objective(admin, world, "Mid", parentId=company, **level("TEAM"))
    await objective(admin, world, "Below", parentId=mid, **level("TEAM"))
    err = await admin.error(UPDATE_OBJ, {"id": mid, "i": {"level": "PERSONAL"}})
    assert (err["code"], err["field"]) == ("BAD_USER_INPUT", "level")
    err = await admin.error(UPDATE_OBJ, {"id": company, "i": {"level": "PERSONAL"}})
    assert (err["code"], err["field"]) == ("BAD_USER_INPUT", "level")


async def test_converting_a_key_result_can_make_it_aligned(world: World, admin: Api) -> None:
    parent = await objective(admin, world, "Parent")
    kr = await key_result(admin, parent, "Users", startValue=0, targetValue=10, weight=100)
    await check_in(admin, kr, 3)
    data = {
        "cycleId": gid("cycle", world.cycle.id),
        "title": "Child",
        "sourceKeyResultId": kr,
        "alignSourceKeyResult": True,
    }
    made = (await admin.ok(CREATE_OBJ, {"i": data}))["createObjective"]
    assert made["sourceKeyResult"]["progressSource"] == "ALIGNED"
    stored = await KeyResult.get(id=pk(kr))
    assert stored.progress_source is ProgressSource.ALIGNED and stored.current_value is None
    child_kr = await key_result(admin, made["id"], "Child KR", weight=100)
    await check_in(admin, child_kr, 8)
    got = await read_kr(admin, kr)
    assert got["progress"] == pytest.approx(0.8) and got["currentValue"] == pytest.approx(8)

    # left MANUAL when not asked; asking on an update converts it then
    other = await key_result(admin, parent, "Revenue", weight=0)
    plain = {**data, "sourceKeyResultId": other, "alignSourceKeyResult": False}
    later = (await admin.ok(CREATE_OBJ, {"i": plain}))["createObjective"]
    assert later["sourceKeyResult"]["progressSource"] == "MANUAL"
    await admin.ok(UPDATE_OBJ, {"id": later["id"], "i": {"alignSourceKeyResult": True}})
    assert (await read_kr(admin, other))["progressSource"] == "ALIGNED"


async def test_aligning_a_key_result_needs_the_right_to_edit_it(world: World) -> None:
    """A member converting the admin's KR into their own objective may not change that KR;
    asking without a converted KR is an input error; signed out and other organizations
    reach nothing. Nothing changes on any refusal."""
    admin = await world.as_(world.admin)
    parent = await objective(admin, world, "Company's")
    kr = await key_result(admin, parent, "Users", weight=100)
    member = await world.as_(world.member)
    data = {
        "cycleId": gid("cycle", world.cycle.id),
        "title": "Mine",
        "sourceKeyResultId": kr,
        "alignSourceKeyResult": True,
    }
    for who, code in (
        (world.member, "FORBIDDEN"),
        (None, "UNAUTHENTICATED"),
        (world.outsider, "BAD_USER_INPUT"),  # the cycle is not in their organization
    ):
        api = await world.as_(who)
        before = await fingerprint()
        err = await api.error(CREATE_OBJ, {"i": data})
        assert err["code"] == code, who
        assert before == await fingerprint()
    mine = await objective(member, world, "Mine, unaligned")
    before = await fingerprint()
    err = await member.error(UPDATE_OBJ, {"id": mine, "i": {"alignSourceKeyResult": True}})
    assert (err["code"], err["field"]) == ("BAD_USER_INPUT", "alignSourceKeyResult")
    assert before == await fingerprint()


MINE = """query($c: ID!, $o: ID!) { keyResults(cycleId: $c, ownerId: $o) { title
  objective { title owner { handle } } }
  assignedTasks(cycleId: $c) { title objective { title } } }"""


async def test_my_okrs_list_my_key_results_and_tasks_under_others_objectives(
    world: World, statements: list[str]
) -> None:
    """The lead's objective holds a KR the member owns and a task assigned to them; a private
    objective of the admin's holds another (the member cannot see it: not listed)."""
    lead = await world.as_(world.lead)
    admin = await world.as_(world.admin)
    member_id = gid("user", world.member.id)
    theirs = await objective(lead, world, "Lead's")
    await key_result(lead, theirs, "Lead's own", weight=50)
    mine = await key_result(lead, theirs, "Mine there", weight=50, ownerId=member_id)
    await lead.ok(
        CREATE_TASK, {"i": {"keyResultId": mine, "title": "Do it", "assigneeId": member_id}}
    )
    await lead.ok(CREATE_TASK, {"i": {"objectiveId": theirs, "title": "Not mine"}})
    hidden = await objective(admin, world, "Private", visibility="PRIVATE")
    secret = await key_result(admin, hidden, "Secret", weight=100, ownerId=member_id)
    await Task.create(  # assigned before the objective went private
        organization=world.org,
        objective_id=pk(hidden),
        key_result_id=pk(secret),
        title="Hidden",
        creator=world.admin,
        assignee=world.member,
    )
    cycle = gid("cycle", world.cycle.id)
    member = await world.as_(world.member)
    got = await member.ok(MINE, {"c": cycle, "o": member_id})
    assert got["keyResults"] == [
        {"title": "Mine there", "objective": {"title": "Lead's", "owner": {"handle": "leo"}}}
    ]
    assert got["assignedTasks"] == [{"title": "Do it", "objective": {"title": "Lead's"}}]

    # a constant number of statements, however many there are
    counts = []
    for n in (1, 8):
        for i in range(n):
            await lead.ok(
                CREATE_TASK,
                {"i": {"keyResultId": mine, "title": f"More {i}", "assigneeId": member_id}},
            )
        statements.clear()
        await member.ok(MINE, {"c": cycle, "o": member_id})
        counts.append(len(statements))
    assert counts[0] == counts[1]

    # signed out, or from another organization: no such cycle (as for `objectives`)
    tasks = "query($c: ID!) { assignedTasks(cycleId: $c) { id } }"
    for api in (Api(world.app), await world.as_(world.outsider)):
        assert (await api.error(MINE, {"c": cycle, "o": member_id}))["code"] == "NOT_FOUND"
    assert (await Api(world.app).ok(tasks, {"c": cycle}))["assignedTasks"] == []
    outsider = await world.as_(world.outsider)
    assert (await outsider.error(tasks, {"c": cycle}))["code"] == "NOT_FOUND"
