"""Nothing lost under concurrent writes (issue 19), on SQLite and PostgreSQL: an edit writes only
the fields it changes, to the row as committed, so a check-in or another editor's change made
meanwhile stays; a stale version is refused; check-ins are timed in the order they apply; a
retried check-in, task or comment (same clientId) is written once and answered as the first time.

Each race runs many trials of concurrent requests through the app (`asyncio.gather`): the
interleavings that lost a change before (a row read, another write committed, the row written
back whole) come up in most of them."""

import asyncio
from datetime import datetime
from typing import Any

import pytest

from backend.models import (
    ActivityEvent,
    CheckIn,
    Comment,
    Cycle,
    KeyResult,
    Meeting,
    Organization,
    Task,
    Team,
    User,
)
from tests.api.helpers import Api, World, gid

TRIALS = 12

CREATE_OBJ = "mutation($i: CreateObjectiveInput!) { createObjective(input: $i) { id } }"
CREATE_KR = "mutation($i: CreateKeyResultInput!) { createKeyResult(input: $i) { id version } }"
EDIT_KR = """mutation($id: ID!, $i: UpdateKeyResultInput!, $v: Int) {
  updateKeyResult(id: $id, input: $i, version: $v) {
    title unit targetValue currentValue version } }"""
CHECK_IN = """mutation($i: CheckInInput!) { checkIn(input: $i) {
  currentValue confidence progress rawProgress lastCheckInAt version } }"""
KR = """query($id: ID!) { keyResult(id: $id) { title unit targetValue currentValue confidence
  lastCheckInAt version checkIns(first: 100) { value createdAt } } }"""
WEIGHTS = """mutation($id: ID!, $w: [WeightInput!]!) { setWeights(objectiveId: $id, weights: $w) {
  id } }"""
CREATE_TASK = """mutation($i: CreateTaskInput!) { createTask(input: $i) { id title } }"""
UPDATE_TASK = """mutation($id: ID!, $i: UpdateTaskInput!) { updateTask(id: $id, input: $i) {
  id title status } }"""
ADD_COMMENT = """mutation($i: AddCommentInput!) { addComment(input: $i) { id body } }"""


async def kr_in_objective(api: Api, world: World, **fields: Any) -> tuple[str, str]:
    data = {"cycleId": gid("cycle", world.cycle.id), "title": "Grow"}
    o = (await api.ok(CREATE_OBJ, {"i": data}))["createObjective"]["id"]
    kr = {"objectiveId": o, "title": "Users", "kind": "INCREASE", "startValue": 0}
    kr |= {"targetValue": 100, "weight": 100, **fields}
    return o, (await api.ok(CREATE_KR, {"i": kr}))["createKeyResult"]["id"]


async def read(api: Api, kr: str) -> dict[str, Any]:
    found: dict[str, Any] = (await api.ok(KR, {"id": kr}))["keyResult"]
    return found


# --- key results -----------------------------------------------------------------------------


async def test_an_edit_racing_a_check_in_never_rolls_it_back(world: World) -> None:
    mia = await world.as_(world.member)
    _, kr = await kr_in_objective(mia, world)
    for trial in range(TRIALS):
        edit = mia.ok(EDIT_KR, {"id": kr, "i": {"title": f"Users {trial}"}})
        check = mia.ok(CHECK_IN, {"i": {"keyResultId": kr, "value": trial, "confidence": 7}})
        await asyncio.gather(edit, check)
        state = await read(mia, kr)
        # the check-in's state and the edit's title, both
        assert (state["currentValue"], state["confidence"]) == (trial, 7), trial
        assert state["title"] == f"Users {trial}"
        assert state["lastCheckInAt"] == state["checkIns"][0]["createdAt"]


async def test_two_editors_of_different_fields_both_keep_their_change(world: World) -> None:
    mia, ada = await world.as_(world.member), await world.as_(world.admin)
    _, kr = await kr_in_objective(mia, world)
    for trial in range(TRIALS):
        await asyncio.gather(
            mia.ok(EDIT_KR, {"id": kr, "i": {"title": f"Users {trial}"}}),
            ada.ok(EDIT_KR, {"id": kr, "i": {"unit": f"u{trial}"}}),
            ada.ok(EDIT_KR, {"id": kr, "i": {"targetValue": 100 + trial}}),
        )
        state = await read(mia, kr)
        assert (state["title"], state["unit"], state["targetValue"]) == (
            f"Users {trial}",
            f"u{trial}",
            100 + trial,
        )


async def test_a_stale_version_is_refused_and_changes_nothing(world: World) -> None:
    mia, ada = await world.as_(world.member), await world.as_(world.admin)
    o, kr = await kr_in_objective(mia, world)
    read_version = (await read(mia, kr))["version"]
    assert read_version == 1
    saved = (await ada.ok(EDIT_KR, {"id": kr, "i": {"title": "Ada's"}, "v": 1}))["updateKeyResult"]
    assert saved["version"] == 2
    # mia edits from what she read: refused, nothing written, no event
    events = await ActivityEvent.all().count()
    error = await mia.error(EDIT_KR, {"id": kr, "i": {"title": "Mia's", "unit": "x"}, "v": 1})
    assert (error["code"], error["field"]) == ("CONFLICT", "version")
    assert "version 2" in error["message"]
    state = await read(mia, kr)
    assert (state["title"], state["unit"], state["version"]) == ("Ada's", "", 2)
    assert await ActivityEvent.all().count() == events
    # a check-in is not an edit: the version read before it still edits
    answer = (await mia.ok(CHECK_IN, {"i": {"keyResultId": kr, "value": 5}}))["checkIn"]
    assert answer["version"] == 2
    assert (await mia.ok(EDIT_KR, {"id": kr, "i": {"unit": "x"}, "v": 2}))["updateKeyResult"] == {
        "title": "Ada's",
        "unit": "x",
        "targetValue": 100,
        "currentValue": 5,
        "version": 3,
    }
    # new weights are an edit of the key result
    await ada.ok(WEIGHTS, {"id": o, "w": [{"keyResultId": kr, "weight": 100}]})
    error = await mia.error(EDIT_KR, {"id": kr, "i": {"unit": "y"}, "v": 3})
    assert (error["code"], error["field"]) == ("CONFLICT", "version")


async def test_editors_of_one_version_racing_one_wins_the_other_is_told(world: World) -> None:
    mia, ada = await world.as_(world.member), await world.as_(world.admin)
    _, kr = await kr_in_objective(mia, world)
    for trial in range(TRIALS):
        version = (await read(mia, kr))["version"]
        answers = await asyncio.gather(
            mia.raw(EDIT_KR, {"id": kr, "i": {"title": f"Mia {trial}"}, "v": version}),
            ada.raw(EDIT_KR, {"id": kr, "i": {"title": f"Ada {trial}"}, "v": version}),
        )
        won = [a["data"]["updateKeyResult"]["title"] for a in answers if not a.get("errors")]
        lost = [a["errors"][0]["extensions"]["code"] for a in answers if a.get("errors")]
        assert len(won) == 1 and lost == ["CONFLICT"]
        state = await read(mia, kr)
        assert (state["title"], state["version"]) == (won[0], version + 1)


async def test_check_ins_are_timed_in_the_order_they_apply(world: World) -> None:
    mia, ada = await world.as_(world.member), await world.as_(world.admin)
    _, kr = await kr_in_objective(mia, world)
    sends = [
        (mia if i % 2 else ada).ok(CHECK_IN, {"i": {"keyResultId": kr, "value": i}})
        for i in range(40)
    ]
    await asyncio.gather(*sends)
    applied = await CheckIn.filter(key_result_id=gid_pk(kr)).order_by("id")
    times = [c.created_at for c in applied]
    assert times == sorted(times)
    state = await read(mia, kr)
    shown = state["checkIns"]
    assert [datetime.fromisoformat(c["createdAt"]) for c in shown] == sorted(times, reverse=True)
    # the newest shown is the key result's value, and its check-in time
    assert shown[0]["value"] == state["currentValue"] == applied[-1].value
    assert state["lastCheckInAt"] == shown[0]["createdAt"]


def gid_pk(global_id: str) -> int:
    return int(global_id.rsplit("_", 1)[1])


async def test_a_resent_check_in_is_answered_as_the_first_time(world: World) -> None:
    mia = await world.as_(world.member)
    _, kr = await kr_in_objective(mia, world)
    first_send = {"keyResultId": kr, "value": 30, "confidence": 7, "clientId": "k-1"}
    first = (await mia.ok(CHECK_IN, {"i": first_send}))["checkIn"]
    assert (first["currentValue"], first["confidence"], first["progress"]) == (30, 7, 0.3)
    # later check-ins, one without a confidence
    await mia.ok(CHECK_IN, {"i": {"keyResultId": kr, "value": 80, "confidence": 2}})
    await mia.ok(CHECK_IN, {"i": {"keyResultId": kr, "value": 90}})
    again = (await mia.ok(CHECK_IN, {"i": first_send}))["checkIn"]
    assert again == first
    # the one without a confidence answers with the confidence it left (the one before)
    second_send = {"keyResultId": kr, "value": 95, "clientId": "k-2"}
    second = (await mia.ok(CHECK_IN, {"i": second_send}))["checkIn"]
    assert second["confidence"] == 2
    await mia.ok(CHECK_IN, {"i": {"keyResultId": kr, "value": 96, "confidence": 9}})
    assert (await mia.ok(CHECK_IN, {"i": second_send}))["checkIn"] == second
    assert await CheckIn.filter(key_result_id=gid_pk(kr)).count() == 5


# --- tasks and comments: written once per clientId ----------------------------------------------


async def test_a_retried_task_is_written_once(world: World) -> None:
    mia, ada = await world.as_(world.member), await world.as_(world.admin)
    o, kr = await kr_in_objective(mia, world)
    send = {"keyResultId": kr, "title": "Call ten users", "clientId": "t-1"}
    first = (await mia.ok(CREATE_TASK, {"i": send}))["createTask"]
    assert (await mia.ok(CREATE_TASK, {"i": send}))["createTask"] == first
    assert await Task.all().count() == 1
    assert await ActivityEvent.filter(kind="task.created").count() == 1
    # copies racing their first attempt
    race = {**send, "clientId": "t-race"}
    answers = await asyncio.gather(*(mia.ok(CREATE_TASK, {"i": race}) for _ in range(4)))
    assert len({a["createTask"]["id"] for a in answers}) == 1
    assert await Task.filter(client_id="t-race").count() == 1
    # the id used again for another target: refused, nothing written
    error = await mia.error(CREATE_TASK, {"i": {"objectiveId": o, "title": "x", "clientId": "t-1"}})
    assert (error["code"], error["field"]) == ("BAD_USER_INPUT", "clientId")
    assert await Task.all().count() == 2
    # ids are their author's: another person's same id is another task (never mia's answered)
    theirs = (await ada.ok(CREATE_TASK, {"i": send}))["createTask"]
    assert theirs["id"] != first["id"] and await Task.all().count() == 3
    bad = await mia.error(CREATE_TASK, {"i": {**send, "clientId": "x" * 65}})
    assert (bad["code"], bad["field"]) == ("BAD_USER_INPUT", "clientId")


async def test_a_retried_comment_is_written_once(world: World) -> None:
    mia, pat = await world.as_(world.member), await world.as_(world.peer)
    o, kr = await kr_in_objective(mia, world)
    send = {"targetId": kr, "body": "On track @pat", "clientId": "c-1"}
    first = (await mia.ok(ADD_COMMENT, {"i": send}))["addComment"]
    assert (await mia.ok(ADD_COMMENT, {"i": send}))["addComment"] == first
    assert await Comment.all().count() == 1
    assert await ActivityEvent.filter(kind="comment.added").count() == 1
    race = {**send, "clientId": "c-race"}
    answers = await asyncio.gather(*(mia.ok(ADD_COMMENT, {"i": race}) for _ in range(4)))
    assert len({a["addComment"]["id"] for a in answers}) == 1
    assert await Comment.filter(client_id="c-race").count() == 1
    error = await mia.error(ADD_COMMENT, {"i": {**send, "targetId": o}})
    assert (error["code"], error["field"]) == ("BAD_USER_INPUT", "clientId")
    assert await Comment.all().count() == 2
    theirs = (await pat.ok(ADD_COMMENT, {"i": send}))["addComment"]
    assert theirs["id"] != first["id"] and await Comment.all().count() == 3
    # signed out: refused before anything
    anon = await world.as_(None)
    assert (await anon.error(ADD_COMMENT, {"i": send}))["code"] == "UNAUTHENTICATED"


async def test_task_editors_of_different_fields_both_keep_their_change(world: World) -> None:
    mia, ada = await world.as_(world.member), await world.as_(world.admin)
    _, kr = await kr_in_objective(mia, world)
    task = (await mia.ok(CREATE_TASK, {"i": {"keyResultId": kr, "title": "Call"}}))["createTask"]
    for trial in range(TRIALS):
        status = "DOING" if trial % 2 else "DONE"
        await asyncio.gather(
            mia.ok(UPDATE_TASK, {"id": task["id"], "i": {"title": f"Call {trial}"}}),
            ada.ok(UPDATE_TASK, {"id": task["id"], "i": {"status": status}}),
        )
        row = await Task.get(id=gid_pk(task["id"]))
        assert (row.title, row.status) == (f"Call {trial}", status)
        # and the later event tells both (a live board shows no stale field)
        last = await ActivityEvent.filter(kind="task.changed").order_by("-seq").first()
        assert last is not None
        assert (last.payload["task"]["title"], last.payload["status"]) == (f"Call {trial}", status)


# --- people, teams, cycles, the organization, meetings ------------------------------------------

UPDATE_USER = "mutation($id: ID!, $i: UserInput!) { updateUser(id: $id, input: $i) { id } }"
MUTE = "mutation($m: [NotificationKind!]!) { updateNotificationSettings(muted: $m) { id } }"
UPDATE_TEAM = """mutation($id: ID!, $name: String, $p: ID) { updateTeam(id: $id, name: $name,
  parentId: $p) { id } }"""
UPDATE_ORG = "mutation($i: OrganizationInput!) { updateOrganization(input: $i) { name } }"
UPDATE_CYCLE = "mutation($id: ID!, $i: CycleInput!) { updateCycle(id: $id, input: $i) { id } }"
SET_PHASE = """mutation($id: ID!, $p: CyclePhase!) { setCyclePhase(id: $id, phase: $p,
  reason: "race") { phase } }"""


async def test_a_person_and_an_admin_editing_one_profile_both_keep_their_change(
    world: World,
) -> None:
    mia, ada = await world.as_(world.member), await world.as_(world.admin)
    me = gid("user", world.member.id)
    for trial in range(TRIALS):
        await asyncio.gather(
            mia.ok(UPDATE_USER, {"id": me, "i": {"displayName": f"Mia {trial}"}}),
            ada.ok(UPDATE_USER, {"id": me, "i": {"handle": f"mia{trial}"}}),
            mia.ok(MUTE, {"m": ["COMMENT"] if trial % 2 else ["MENTION"]}),
        )
        user = await User.get(id=world.member.id)
        assert (user.display_name, user.handle) == (f"Mia {trial}", f"mia{trial}")
        assert user.muted_notification_kinds == (["COMMENT"] if trial % 2 else ["MENTION"])
        # searched by both, as committed
        assert f"mia{trial}" in user.search_text and f"{trial}" in user.search_text


async def test_team_edits_keep_both_changes_and_never_close_a_loop(world: World) -> None:
    ada = await world.as_(world.admin)
    squad, dept = gid("team", world.squad.id), gid("team", world.dept.id)
    other = await Team.create(organization=world.org, name="Design")
    for trial in range(TRIALS):
        parent = dept if trial % 2 else gid("team", other.id)
        await asyncio.gather(
            ada.ok(UPDATE_TEAM, {"id": squad, "name": f"Platform {trial}", "p": parent}),
            ada.ok(UPDATE_TEAM, {"id": squad, "name": None, "p": parent}),
        )
        row = await Team.get(id=world.squad.id)
        assert (row.name, gid("team", row.parent_id or 0)) == (f"Platform {trial}", parent)
    # design under platform and platform under design, at once: one is refused
    await ada.ok(UPDATE_TEAM, {"id": squad, "p": dept})
    answers = await asyncio.gather(
        ada.raw(UPDATE_TEAM, {"id": gid("team", other.id), "p": squad}),
        ada.raw(UPDATE_TEAM, {"id": squad, "p": gid("team", other.id)}),
    )
    refused = [a["errors"][0]["extensions"]["field"] for a in answers if a.get("errors")]
    assert refused == ["parentId"]
    parents = dict(await Team.filter(organization_id=world.org.id).values_list("id", "parent_id"))
    assert not (parents[other.id] == world.squad.id and parents[world.squad.id] == other.id)


async def test_settings_edits_keep_both_changes(world: World) -> None:
    ada = await world.as_(world.admin)
    for trial in range(TRIALS):
        gap = 0.2 + trial / 100
        await asyncio.gather(
            ada.ok(UPDATE_ORG, {"i": {"name": f"Acme {trial}"}}),
            ada.ok(UPDATE_ORG, {"i": {"behindGap": gap}}),
            ada.ok(UPDATE_ORG, {"i": {"staleDays": 10 + trial}}),
        )
        org = await Organization.get(id=world.org.id)
        assert (org.name, org.behind_gap, org.stale_days) == (f"Acme {trial}", gap, 10 + trial)
    # the gaps' order holds against the other gap as committed
    answers = await asyncio.gather(
        ada.raw(UPDATE_ORG, {"i": {"behindGap": 0.25}}),
        ada.raw(UPDATE_ORG, {"i": {"atRiskGap": 0.28}}),
    )
    org = await Organization.get(id=world.org.id)
    assert org.at_risk_gap <= org.behind_gap
    assert [a["errors"][0]["extensions"]["field"] for a in answers if a.get("errors")] == [
        "atRiskGap"
    ]


async def test_a_cycle_edit_racing_a_phase_change_keeps_both(world: World) -> None:
    ada = await world.as_(world.admin)
    cycle = gid("cycle", world.cycle.id)
    phases = ["REVIEWING", "TRACKING"]
    for trial in range(TRIALS):
        phase = phases[trial % 2]
        await asyncio.gather(
            ada.ok(UPDATE_CYCLE, {"id": cycle, "i": {"name": f"Q {trial}"}}),
            ada.ok(SET_PHASE, {"id": cycle, "p": phase}),
        )
        row = await Cycle.get(id=world.cycle.id)
        assert (row.name, row.phase.value) == (f"Q {trial}", phase)


async def test_a_meeting_edit_of_time_racing_one_of_facilitator_keeps_both(world: World) -> None:
    leo = await world.as_(world.lead)
    data = {"cycleId": gid("cycle", world.cycle.id), "kind": "PROGRESS"}
    data["teamId"] = gid("team", world.squad.id)
    create = "mutation($i: MeetingInput!) { createMeeting(input: $i) { id } }"
    meeting = (await leo.ok(create, {"i": data}))["createMeeting"]["id"]
    update = (
        "mutation($id: ID!, $i: UpdateMeetingInput!) { updateMeeting(id: $id, input: $i) { id } }"
    )
    people = [gid("user", world.member.id), gid("user", world.lead.id)]
    for trial in range(TRIALS):
        when = f"2030-01-{trial + 1:02d}T09:00:00+00:00"
        await asyncio.gather(
            leo.ok(update, {"id": meeting, "i": {"startsAt": when}}),
            leo.ok(update, {"id": meeting, "i": {"facilitatorId": people[trial % 2]}}),
        )
        row = await Meeting.get(id=gid_pk(meeting))
        assert row.starts_at.day == trial + 1
        assert gid("user", row.facilitator_id or 0) == people[trial % 2]


@pytest.mark.parametrize("version", [0, 99])
async def test_a_version_that_never_was_is_a_conflict(world: World, version: int) -> None:
    mia = await world.as_(world.member)
    _, kr = await kr_in_objective(mia, world)
    error = await mia.error(EDIT_KR, {"id": kr, "i": {"title": "x"}, "v": version})
    assert error["code"] == "CONFLICT"
    assert (await read(mia, kr))["title"] == "Users"
    assert await KeyResult.filter(version=1).count() == 1


async def test_who_may_edit_a_key_result_with_a_version(world: World) -> None:
    """The version is compared only for those who may edit: others learn nothing from it."""
    mia = await world.as_(world.member)
    _, kr = await kr_in_objective(mia, world)
    for who, code in (
        (None, "UNAUTHENTICATED"),
        (world.outsider, "NOT_FOUND"),
        (world.loner, "FORBIDDEN"),
    ):
        api = await world.as_(who)
        for version in (1, 7):
            error = await api.error(EDIT_KR, {"id": kr, "i": {"title": "x"}, "v": version})
            assert error["code"] == code, (who, version)
    state = await read(mia, kr)
    assert (state["title"], state["version"]) == ("Users", 1)
