"""Meetings through the API: the agenda built from the data and kept, cut per viewer; meeting
mode (focus with its clock, notes with a version check, decisions, action items); who may do
what, and bad input, for every meeting mutation.

The squad (Platform, under Engineering led by leo) holds mia's objective that is behind, pat's
that nobody checked in on for ten days (stale) with a blocked task, pat's PRIVATE one that is
behind (only pat and admins see it), and mia's draft. lou is in no team; oscar is another
organization's admin.
"""

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from backend.domain.enums import (
    CyclePhase,
    ObjectiveState,
    TaskStatus,
    Visibility,
)
from backend.models import (
    ActivityEvent,
    CheckIn,
    Cycle,
    KeyResult,
    Meeting,
    MeetingDecision,
    Objective,
    Task,
    User,
)
from tests.api.helpers import Api, World, changed_directly, gid, kr_of, objective_of

MEETING = """
  id kind state startsAt startedAt endedAt seq agendaBuiltAt agendaSince
  cycle { id } team { id name } facilitator { handle } attendees { handle }
  agenda {
    id kind title objectiveId keyResultId taskId progress status statusReasons
    delta weightSum hints score spentSeconds owner { handle } objective { id title }
    keyResult { id } task { id status }
  }
  focus { agendaItemId objectiveId openedAt agendaItem { id } objective { id } }
  notes { text version editedBy { handle } }
  decisions { id text objectiveId agendaItemId author { handle } objective { id } }
  actionItems { id title assignee { handle } meeting { id } keyResult { id } }
  viewerCan { run takeNotes }
"""
CREATE = f"mutation($i: MeetingInput!) {{ createMeeting(input: $i) {{ {MEETING} }} }}"
GET = f"query($id: ID!) {{ meeting(id: $id) {{ {MEETING} }} }}"
LIST = "query($c: ID!, $t: ID) { meetings(cycleId: $c, teamId: $t) { id kind team { id } } }"
UPDATE = (
    f"mutation($id: ID!, $i: UpdateMeetingInput!) {{ updateMeeting(id: $id, input: $i) "
    f"{{ {MEETING} }} }}"
)
START = f"mutation($id: ID!) {{ startMeeting(id: $id) {{ {MEETING} }} }}"
END = f"mutation($id: ID!) {{ endMeeting(id: $id) {{ {MEETING} }} }}"
REBUILD = f"mutation($id: ID!) {{ rebuildMeetingAgenda(id: $id) {{ {MEETING} }} }}"
FOCUS = (
    "mutation($id: ID!, $item: ID, $o: ID) { setMeetingFocus(id: $id, agendaItemId: $item, "
    f"objectiveId: $o) {{ {MEETING} }} }}"
)
NOTES = (
    "mutation($id: ID!, $n: String!, $v: Int!) { setMeetingNotes(id: $id, notes: $n, "
    "version: $v) { notes { text version editedBy { handle } } } }"
)
DECIDE = """mutation($m: ID!, $i: MeetingDecisionInput!) { addMeetingDecision(meetingId: $m,
  input: $i) { id text objectiveId agendaItemId author { handle } } }"""
REDECIDE = (
    "mutation($id: ID!, $t: String!) { updateMeetingDecision(id: $id, text: $t) { id text } }"
)
UNDECIDE = "mutation($id: ID!) { removeMeetingDecision(id: $id) }"
ACTION = """mutation($m: ID!, $i: ActionItemInput!) { addMeetingActionItem(meetingId: $m,
  input: $i) { id title status assignee { handle } keyResult { id } objective { id }
  meeting { id kind } } }"""


@dataclass
class Squad:
    world: World
    behind: Objective
    behind_kr: KeyResult
    stale: Objective
    stale_kr: KeyResult
    secret: Objective
    draft: Objective
    blocked: Task
    elsewhere: Objective  # lou's: not the squad's

    @property
    def cycle_id(self) -> str:
        return gid("cycle", self.world.cycle.id)

    @property
    def squad_id(self) -> str:
        return gid("team", self.world.squad.id)

    async def api(self, who: str) -> Api:
        w = self.world
        users: dict[str, User | None] = {
            "anon": None,
            "admin": w.admin,
            "leo": w.lead,
            "mia": w.member,
            "pat": w.peer,
            "lou": w.loner,
            "oscar": w.outsider,
        }
        return await w.as_(users[who])

    async def create(
        self, who: str = "leo", kind: str = "PROGRESS", team: str | None = "squad", **more: Any
    ) -> dict[str, Any]:
        team_id = self.squad_id if team == "squad" else team
        data = {"cycleId": self.cycle_id, "kind": kind, "teamId": team_id, **more}
        return (await (await self.api(who)).ok(CREATE, {"i": data}))["createMeeting"]

    async def meeting(self, who: str, meeting_id: str) -> dict[str, Any] | None:
        found: dict[str, Any] | None = (await (await self.api(who)).ok(GET, {"id": meeting_id}))[
            "meeting"
        ]
        return found


@pytest.fixture
async def squad(world: World) -> Squad:
    ten_days_ago = datetime.now(UTC) - timedelta(days=10)
    behind = await objective_of(world, world.member, state=ObjectiveState.PUBLISHED, title="Behind")
    behind_kr = await kr_of(behind)  # 0 of 10 a third into the cycle
    stale = await objective_of(world, world.peer, state=ObjectiveState.PUBLISHED, title="Quiet")
    stale_kr = await kr_of(stale)
    await KeyResult.filter(id=stale_kr.id).update(current_value=5, last_check_in_at=ten_days_ago)
    secret = await objective_of(
        world, world.peer, Visibility.PRIVATE, ObjectiveState.PUBLISHED, "Secret"
    )
    await kr_of(secret)
    draft = await objective_of(world, world.member, title="Improve things")
    blocked = await Task.create(
        organization=world.org,
        objective=stale,
        key_result=stale_kr,
        title="Waiting on legal",
        status=TaskStatus.BLOCKED,
        creator=world.peer,
        assignee=world.peer,
    )
    # blocked for as long: a task that moved this week would keep its KR from being stale
    await Task.filter(id=blocked.id).update(updated_at=ten_days_ago)
    elsewhere = await objective_of(
        world, world.loner, state=ObjectiveState.PUBLISHED, title="Lou's"
    )
    await kr_of(elsewhere)
    return Squad(world, behind, behind_kr, stale, stale_kr, secret, draft, blocked, elsewhere)


def item_ids(meeting: dict[str, Any]) -> list[str]:
    return [i["id"] for i in meeting["agenda"]]


async def written() -> dict[str, int]:
    """How many rows the meeting mutations write: equal before and after a refused request."""
    return {
        "meetings": await Meeting.all().count(),
        "decisions": await MeetingDecision.all().count(),
        "tasks": await Task.all().count(),
        "events": await ActivityEvent.all().count(),
        "versions": sum(await Meeting.all().values_list("notes_version", flat=True)),
    }


# --- the agenda ---------------------------------------------------------------------------


async def test_a_lead_creates_a_progress_meeting_built_from_the_data(squad: Squad) -> None:
    created = await squad.create("leo")
    s = squad
    assert (created["kind"], created["state"], created["facilitator"]["handle"]) == (
        "PROGRESS",
        "SCHEDULED",
        "leo",
    )
    assert created["team"] == {"id": s.squad_id, "name": "Platform"}
    assert created["cycle"]["id"] == s.cycle_id and created["agendaBuiltAt"]
    behind, stale, task = f"behind-o{s.behind.id}", f"stale-o{s.stale.id}", f"task-t{s.blocked.id}"
    secret = f"behind-o{s.secret.id}"
    # leo may not see pat's private objective: neither may its item
    assert item_ids(created) == [behind, stale, task]
    first = created["agenda"][0]
    assert (first["title"], first["owner"]["handle"], first["status"]) == (
        "Behind",
        "mia",
        "BEHIND",
    )
    assert first["statusReasons"] == ["BEHIND_SCHEDULE"] and first["objective"]["title"] == "Behind"
    blocked = created["agenda"][2]
    assert blocked["task"] == {"id": gid("task", s.blocked.id), "status": "BLOCKED"}
    assert blocked["keyResult"] == {"id": gid("kr", s.stale_kr.id)}
    assert created["agenda"][1]["statusReasons"] == ["STALE"]
    assert created["viewerCan"] == {"run": True, "takeNotes": True}
    # kept whole with the meeting, cut per viewer when read
    row = await Meeting.get(id=int(created["id"].split("_")[1]))
    assert [i["id"] for i in row.agenda] == [behind, secret, stale, task]
    assert item_ids(await s.meeting("admin", created["id"]) or {}) == [behind, secret, stale, task]
    as_mia = await s.meeting("mia", created["id"])
    assert as_mia is not None and item_ids(as_mia) == [behind, stale, task]
    assert as_mia["viewerCan"] == {"run": False, "takeNotes": True}
    event = await ActivityEvent.get(kind="meeting.created")
    assert event.cycle_id == s.world.cycle.id and event.objective_id is None


async def test_who_sees_a_meeting(squad: Squad) -> None:
    team = await squad.create("leo")
    company = await squad.create("admin", team=None)
    for who in ("lou", "oscar", "anon"):  # lou is in no team
        assert await squad.meeting(who, team["id"]) is None
    assert (await squad.meeting("lou", company["id"]) or {}).get("id") == company["id"]
    listed = await (await squad.api("lou")).ok(LIST, {"c": squad.cycle_id})
    assert [m["id"] for m in listed["meetings"]] == [company["id"]]
    listed = await (await squad.api("mia")).ok(LIST, {"c": squad.cycle_id})
    assert {m["id"] for m in listed["meetings"]} == {team["id"], company["id"]}
    dept = gid("team", squad.world.dept.id)  # the department's: its sub-teams' meetings too
    listed = await (await squad.api("mia")).ok(LIST, {"c": squad.cycle_id, "t": dept})
    assert [m["id"] for m in listed["meetings"]] == [team["id"]]
    assert (await (await squad.api("anon")).ok(LIST, {"c": squad.cycle_id}))["meetings"] == []


@pytest.mark.parametrize(
    ("who", "team", "code"),
    [
        ("anon", "squad", "UNAUTHENTICATED"),
        ("oscar", "squad", "NOT_FOUND"),  # the cycle is another organization's
        ("mia", "squad", "FORBIDDEN"),  # a plain member asks their lead
        ("lou", None, "FORBIDDEN"),
        ("leo", None, "FORBIDDEN"),  # the company's meetings are the admins'
    ],
)
async def test_who_may_create_a_meeting(
    squad: Squad, who: str, team: str | None, code: str
) -> None:
    before = await written()
    data = {"cycleId": squad.cycle_id, "kind": "PROGRESS"}
    if team:
        data["teamId"] = squad.squad_id
    error = await (await squad.api(who)).error(CREATE, {"i": data})
    assert error["code"] == code
    assert await written() == before


@pytest.mark.parametrize(
    ("change", "code", "field"),
    [
        ({"cycleId": "cycle_999999"}, "NOT_FOUND", None),
        ({"cycleId": "obj_1"}, "BAD_USER_INPUT", "cycleId"),
        ({"teamId": "team_999999"}, "BAD_USER_INPUT", "teamId"),
        ({"teamId": "user_1"}, "BAD_USER_INPUT", "teamId"),
        ({"facilitatorId": "user_999999"}, "BAD_USER_INPUT", "facilitatorId"),
        ({"facilitatorId": "lou"}, "BAD_USER_INPUT", "facilitatorId"),  # cannot see it
        ({"attendeeIds": ["user_999999"]}, "BAD_USER_INPUT", "attendeeIds"),
        ({"attendeeIds": ["oscar"]}, "BAD_USER_INPUT", "attendeeIds"),  # another organization
        ({"kind": "WEEKLY"}, "BAD_USER_INPUT", None),
        ({"startsAt": "tomorrow"}, "BAD_USER_INPUT", None),
    ],
)
async def test_create_meeting_bad_input(
    squad: Squad, change: dict[str, Any], code: str, field: str | None
) -> None:
    people = {"lou": squad.world.loner, "oscar": squad.world.outsider}

    def resolved(value: Any) -> Any:
        if isinstance(value, list):
            return [resolved(v) for v in value]
        return gid("user", people[value].id) if value in people else value

    data = {"cycleId": squad.cycle_id, "kind": "PROGRESS", "teamId": squad.squad_id}
    data.update({k: resolved(v) for k, v in change.items()})
    before = await written()
    error = await (await squad.api("admin")).error(CREATE, {"i": data})
    assert (error["code"], error["field"]) == (code, field)
    assert await written() == before


async def test_a_closed_cycle_holds_no_meeting_but_a_running_one_can_end(squad: Squad) -> None:
    meeting = await squad.create("leo")
    leo = await squad.api("leo")
    await leo.ok(START, {"id": meeting["id"]})
    await Cycle.filter(id=squad.world.cycle.id).update(phase=CyclePhase.CLOSED)
    data = {"cycleId": squad.cycle_id, "kind": "PROGRESS", "teamId": squad.squad_id}
    error = await leo.error(CREATE, {"i": data})
    assert error["code"] == "FORBIDDEN" and "closed" in error["message"]
    refused = [
        (NOTES, {"id": meeting["id"], "n": "late", "v": 0}),
        (FOCUS, {"id": meeting["id"], "item": item_ids(meeting)[0]}),
        (REBUILD, {"id": meeting["id"]}),
        (DECIDE, {"m": meeting["id"], "i": {"text": "Ship it"}}),
    ]
    for document, variables in refused:
        assert (await leo.error(document, variables))["code"] == "FORBIDDEN"
    ended = (await leo.ok(END, {"id": meeting["id"]}))["endMeeting"]
    assert ended["state"] == "ENDED" and ended["endedAt"]


async def test_the_agenda_is_built_again_at_meeting_time_and_kept_after(squad: Squad) -> None:
    meeting = await squad.create("leo")
    leo = await squad.api("leo")
    late = await objective_of(squad.world, squad.world.peer, state=ObjectiveState.PUBLISHED)
    await kr_of(late)  # behind from the start
    started = (await leo.ok(START, {"id": meeting["id"]}))["startMeeting"]
    assert started["state"] == "LIVE"
    assert started["startedAt"] and f"behind-o{late.id}" in item_ids(started)
    assert started["agendaBuiltAt"] > meeting["agendaBuiltAt"]
    assert (await leo.error(START, {"id": meeting["id"]}))["field"] == "id"  # once
    ended = (await leo.ok(END, {"id": meeting["id"]}))["endMeeting"]
    assert (await leo.error(END, {"id": meeting["id"]}))["field"] == "id"
    assert (await leo.error(REBUILD, {"id": meeting["id"]}))["field"] == "id"
    # a past meeting reads as it was: the title then, the objective as it is now
    await Objective.filter(id=squad.behind.id).update(title="Renamed")
    await Objective.filter(id=late.id).update(state=ObjectiveState.ARCHIVED)
    await changed_directly(squad.world.org.id)
    again = await squad.meeting("leo", meeting["id"])
    assert again is not None and item_ids(again) == item_ids(ended)
    first = again["agenda"][0]
    assert (first["title"], first["objective"]["title"]) == ("Behind", "Renamed")
    archived = next(i for i in again["agenda"] if i["id"] == f"behind-o{late.id}")
    assert archived["objective"] is None and archived["title"] == "Ship the new onboarding"


async def test_rebuilding_keeps_the_ids_of_open_questions(squad: Squad) -> None:
    meeting = await squad.create("leo")
    await KeyResult.filter(id=squad.behind_kr.id).update(current_value=9)  # caught up
    rebuilt = await (await squad.api("leo")).ok(REBUILD, {"id": meeting["id"]})
    items = item_ids(rebuilt["rebuildMeetingAgenda"])
    assert items == [i for i in item_ids(meeting) if i != f"behind-o{squad.behind.id}"]


# --- meeting mode ---------------------------------------------------------------------------


async def test_the_facilitator_leads_the_focus_with_a_clock_per_item(squad: Squad) -> None:
    s = squad
    meeting = await s.create("leo")
    leo, mia = await s.api("leo"), await s.api("mia")
    assert (await leo.error(FOCUS, {"id": meeting["id"], "item": item_ids(meeting)[0]}))[
        "field"
    ] == "id"  # not started
    await leo.ok(START, {"id": meeting["id"]})
    stale = f"stale-o{s.stale.id}"
    focused = (await leo.ok(FOCUS, {"id": meeting["id"], "item": stale}))["setMeetingFocus"]
    focus = focused["focus"]
    assert focus["agendaItemId"] == stale and focus["objectiveId"] == gid("obj", s.stale.id)
    assert focus["agendaItem"]["id"] == stale and focus["openedAt"]
    seen = await s.meeting("mia", meeting["id"])
    assert seen is not None and seen["focus"] == focus  # every screen shows the same
    events = await ActivityEvent.filter(kind="meeting.focus_changed").count()
    await leo.ok(FOCUS, {"id": meeting["id"], "item": stale})  # where it is: nothing to tell
    assert await ActivityEvent.filter(kind="meeting.focus_changed").count() == events
    # the item was open 90 seconds when the focus moves on: it is credited with them
    row = await Meeting.get(id=int(meeting["id"].split("_")[1]))
    opened = row.focus_opened_at
    assert opened is not None
    await Meeting.filter(id=row.id).update(focus_opened_at=opened - timedelta(seconds=90))
    behind = f"behind-o{s.behind.id}"
    moved = (await leo.ok(FOCUS, {"id": meeting["id"], "item": behind}))["setMeetingFocus"]
    spent = {i["id"]: i["spentSeconds"] for i in moved["agenda"]}
    assert spent[stale] >= 90 and spent[behind] == 0
    # an objective of the cycle outside the agenda, with the item still open: its clock runs on
    outside = gid("obj", s.elsewhere.id)
    both = await leo.ok(FOCUS, {"id": meeting["id"], "item": behind, "o": outside})
    assert both["setMeetingFocus"]["focus"]["objectiveId"] == outside
    assert both["setMeetingFocus"]["focus"]["openedAt"] == moved["focus"]["openedAt"]
    closed = (await leo.ok(FOCUS, {"id": meeting["id"]}))["setMeetingFocus"]
    assert closed["focus"] is None
    assert {i["id"]: i["spentSeconds"] for i in closed["agenda"]}[stale] == spent[stale]
    assert (await mia.error(FOCUS, {"id": meeting["id"], "item": behind}))["code"] == "FORBIDDEN"


async def test_a_focus_on_what_a_viewer_may_not_see_names_nothing_to_them(squad: Squad) -> None:
    meeting = await squad.create("admin")
    admin = await squad.api("admin")
    await admin.ok(START, {"id": meeting["id"]})
    secret = f"behind-o{squad.secret.id}"
    await admin.ok(FOCUS, {"id": meeting["id"], "item": secret})
    seen = await squad.meeting("mia", meeting["id"])
    assert seen is not None and secret not in item_ids(seen)
    focus = seen["focus"]
    assert focus["agendaItemId"] is None and focus["objectiveId"] is None
    assert focus["agendaItem"] is None and focus["objective"] is None and focus["openedAt"]
    # nor can a facilitator who may not see it open it
    leo = await squad.api("leo")
    error = await leo.error(FOCUS, {"id": meeting["id"], "item": secret})
    assert (error["code"], error["field"]) == ("BAD_USER_INPUT", "agendaItemId")


@pytest.mark.parametrize(
    ("variables", "field"),
    [
        ({"item": "behind-o999999"}, "agendaItemId"),
        ({"item": "x" * 65}, "agendaItemId"),
        ({"o": "obj_999999"}, "objectiveId"),
        ({"o": "other-cycle"}, "objectiveId"),
        ({"o": "kr_1"}, "objectiveId"),
    ],
)
async def test_focus_bad_input(squad: Squad, variables: dict[str, str], field: str) -> None:
    meeting = await squad.create("leo")
    leo = await squad.api("leo")
    await leo.ok(START, {"id": meeting["id"]})
    if variables.get("o") == "other-cycle":
        other = await Cycle.create(
            organization=squad.world.org,
            name="Next",
            starts_on=squad.world.cycle.ends_on,
            ends_on=squad.world.cycle.ends_on + timedelta(days=90),
        )
        there = await objective_of(squad.world, squad.world.lead)
        await Objective.filter(id=there.id).update(cycle_id=other.id)
        variables = {"o": gid("obj", there.id)}
    before = await written()
    error = await leo.error(FOCUS, {"id": meeting["id"], **variables})
    assert (error["code"], error["field"]) == ("BAD_USER_INPUT", field)
    assert await written() == before


async def test_notes_keep_everyone_s_text(squad: Squad) -> None:
    meeting = await squad.create("leo")
    mia, pat = await squad.api("mia"), await squad.api("pat")
    saved = await mia.ok(NOTES, {"id": meeting["id"], "n": "Mia: ship Friday\n", "v": 0})
    assert saved["setMeetingNotes"]["notes"] == {
        "text": "Mia: ship Friday\n",  # as typed, trailing newline and all
        "version": 1,
        "editedBy": {"handle": "mia"},
    }
    # pat edited from version 0 too: refused, with the text as it is now to merge with
    body = await pat.raw(NOTES, {"id": meeting["id"], "n": "Pat: ask legal", "v": 0})
    (error,) = body["errors"]
    assert error["extensions"]["code"] == "CONFLICT" and error["extensions"]["field"] == "version"
    assert error["extensions"]["current"] == {"notes": "Mia: ship Friday\n", "version": 1}
    assert "version 1" in error["message"]
    merged = "Mia: ship Friday\nPat: ask legal"
    again = await pat.ok(NOTES, {"id": meeting["id"], "n": merged, "v": 1})
    assert again["setMeetingNotes"]["notes"]["version"] == 2
    events = await ActivityEvent.filter(kind="meeting.notes_changed").count()
    await pat.ok(NOTES, {"id": meeting["id"], "n": merged, "v": 2})  # unchanged: nothing to tell
    assert await ActivityEvent.filter(kind="meeting.notes_changed").count() == events == 2


@pytest.mark.parametrize(
    ("notes", "version", "field"),
    [("x" * 20_001, 0, "notes"), ("fine", -1, "version")],
)
async def test_notes_bad_input(squad: Squad, notes: str, version: int, field: str) -> None:
    meeting = await squad.create("leo")
    before = await written()
    error = await (await squad.api("mia")).error(
        NOTES, {"id": meeting["id"], "n": notes, "v": version}
    )
    assert (error["code"], error["field"]) == ("BAD_USER_INPUT", field)
    assert await written() == before


async def test_decisions_are_listed_and_cut_per_viewer(squad: Squad) -> None:
    s = squad
    meeting = await s.create("admin")
    admin, leo = await s.api("admin"), await s.api("leo")
    behind = f"behind-o{s.behind.id}"
    made = await leo.ok(
        DECIDE, {"m": meeting["id"], "i": {"text": " Pair on it ", "agendaItemId": behind}}
    )
    decision = made["addMeetingDecision"]
    assert decision["text"] == "Pair on it" and decision["agendaItemId"] == behind
    assert decision["objectiveId"] == gid("obj", s.behind.id)  # the item's
    await admin.ok(
        DECIDE,
        {"m": meeting["id"], "i": {"text": "Drop it", "objectiveId": gid("obj", s.secret.id)}},
    )
    general = await leo.ok(DECIDE, {"m": meeting["id"], "i": {"text": "Weekly at 10"}})
    assert general["addMeetingDecision"]["objectiveId"] is None
    for who, count in (("admin", 3), ("leo", 2), ("mia", 2), ("pat", 3)):
        found = await s.meeting(who, meeting["id"])
        assert found is not None and len(found["decisions"]) == count, who
    changed = await leo.ok(REDECIDE, {"id": decision["id"], "t": "Pair on it daily"})
    assert changed["updateMeetingDecision"]["text"] == "Pair on it daily"
    assert (await leo.ok(UNDECIDE, {"id": decision["id"]}))["removeMeetingDecision"] == decision[
        "id"
    ]
    found = await s.meeting("mia", meeting["id"])
    assert found is not None and [d["text"] for d in found["decisions"]] == ["Weekly at 10"]
    kinds = await ActivityEvent.filter(kind__startswith="meeting.decision").values_list(
        "kind", flat=True
    )
    assert sorted(kinds) == sorted(
        ["meeting.decision_added"] * 3 + ["meeting.decision_changed", "meeting.decision_removed"]
    )


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"text": "  "}, "text"),
        ({"text": "x" * 1001}, "text"),
        ({"text": "ok", "agendaItemId": "behind-o999999"}, "agendaItemId"),
        ({"text": "ok", "objectiveId": "obj_999999"}, "objectiveId"),
        ({"text": "ok", "objectiveId": "secret"}, "objectiveId"),  # leo may not see it
        ({"text": "ok", "agendaItemId": "behind", "objectiveId": "stale"}, "objectiveId"),
    ],
)
async def test_decision_bad_input(squad: Squad, data: dict[str, str], field: str) -> None:
    meeting = await squad.create("leo")
    named = {
        "secret": gid("obj", squad.secret.id),
        "stale": gid("obj", squad.stale.id),
        "behind": f"behind-o{squad.behind.id}",
    }
    data = {k: named.get(v, v) for k, v in data.items()}
    before = await written()
    error = await (await squad.api("leo")).error(DECIDE, {"m": meeting["id"], "i": data})
    assert (error["code"], error["field"]) == ("BAD_USER_INPUT", field)
    assert await written() == before


async def test_action_items_become_tasks_with_an_assignee(squad: Squad) -> None:
    s = squad
    # pat facilitates: a plain member who runs the meeting gives mia a task on mia's KR
    meeting = await s.create("leo", facilitatorId=gid("user", s.world.peer.id))
    pat = await s.api("pat")
    data = {"title": "Call the vendor", "assigneeId": gid("user", s.world.member.id)}
    made = await pat.ok(
        ACTION, {"m": meeting["id"], "i": {**data, "keyResultId": gid("kr", s.behind_kr.id)}}
    )
    task = made["addMeetingActionItem"]
    assert (task["title"], task["status"], task["assignee"]["handle"]) == (
        "Call the vendor",
        "TODO",
        "mia",
    )
    assert task["meeting"] == {"id": meeting["id"], "kind": "PROGRESS"}
    assert task["keyResult"]["id"] == gid("kr", s.behind_kr.id)
    found = await s.meeting("mia", meeting["id"])
    assert found is not None and [t["id"] for t in found["actionItems"]] == [task["id"]]
    event = await ActivityEvent.get(kind="task.created")
    assert event.payload["task"]["meetingId"] == int(meeting["id"].split("_")[1])
    assert event.payload["v"] == 2
    # the task rules would not have let pat (mia's is not pat's objective) add it directly
    direct = await pat.error(
        "mutation($i: CreateTaskInput!) { createTask(input: $i) { id } }",
        {"i": {**data, "keyResultId": gid("kr", s.behind_kr.id)}},
    )
    assert direct["code"] == "FORBIDDEN"


@pytest.mark.parametrize(
    ("target", "assignee", "code", "field"),
    [
        ("elsewhere", "mia", "BAD_USER_INPUT", "objectiveId"),  # not the squad's
        ("secret", "mia", "BAD_USER_INPUT", "assigneeId"),  # mia may not see it
        ("both", "mia", "BAD_USER_INPUT", "keyResultId"),
        ("neither", "mia", "BAD_USER_INPUT", "keyResultId"),
        ("behind", "user_999999", "BAD_USER_INPUT", "assigneeId"),
        ("obj_999999", "mia", "NOT_FOUND", None),
    ],
)
async def test_action_item_bad_input(
    squad: Squad, target: str, assignee: str, code: str, field: str | None
) -> None:
    s = squad
    meeting = await s.create("admin")
    targets = {
        "elsewhere": {"objectiveId": gid("obj", s.elsewhere.id)},
        "secret": {"objectiveId": gid("obj", s.secret.id)},
        "behind": {"objectiveId": gid("obj", s.behind.id)},
        "both": {"objectiveId": gid("obj", s.behind.id), "keyResultId": gid("kr", s.behind_kr.id)},
        "neither": {},
    }
    who = gid("user", s.world.member.id) if assignee == "mia" else assignee
    data = {"title": "Do it", "assigneeId": who, **targets.get(target, {"objectiveId": target})}
    before = await written()
    error = await (await s.api("admin")).error(ACTION, {"m": meeting["id"], "i": data})
    assert (error["code"], error["field"]) == (code, field)
    assert await written() == before


async def test_runners_change_time_facilitator_and_attendees(squad: Squad) -> None:
    s = squad
    meeting = await s.create("leo")
    leo = await s.api("leo")
    lou = gid("user", s.world.loner.id)
    error = await leo.error(UPDATE, {"id": meeting["id"], "i": {"facilitatorId": lou}})
    assert (error["code"], error["field"]) == ("BAD_USER_INPUT", "facilitatorId")
    changed = await leo.ok(
        UPDATE,
        {
            "id": meeting["id"],
            "i": {
                "attendeeIds": [lou],
                "facilitatorId": lou,
                "startsAt": "2030-01-02T03:04:05+00:00",
            },
        },
    )
    updated = changed["updateMeeting"]
    assert updated["facilitator"]["handle"] == "lou" and updated["attendees"] == [{"handle": "lou"}]
    assert updated["startsAt"].startswith("2030-01-02T03:04:05")
    found = await s.meeting("lou", meeting["id"])  # an attendee sees it, the facilitator runs it
    assert found is not None and found["viewerCan"]["run"] is True
    event = await ActivityEvent.filter(kind="meeting.changed").first()
    assert event is not None
    assert event.payload["changed"] == ["startsAt", "attendeeIds", "facilitatorId"]


# --- what each kind of meeting asks ---------------------------------------------------------


async def test_a_progress_meeting_shows_what_moved_since_the_previous_one(squad: Squad) -> None:
    s = squad
    previous = await s.create("leo")
    leo = await s.api("leo")
    await leo.ok(START, {"id": previous["id"]})
    week_ago = datetime.now(UTC) - timedelta(days=7)
    await Meeting.filter(id=int(previous["id"].split("_")[1])).update(started_at=week_ago)
    for days, value in ((10, 1), (1, 6)):  # 0.1 before the previous meeting, 0.6 since
        await CheckIn.create(
            organization=s.world.org,
            key_result=s.behind_kr,
            author=s.world.member,
            value=value,
            progress=value / 10,
            raw_progress=value / 10,
            created_at=datetime.now(UTC) - timedelta(days=days),
        )
    await KeyResult.filter(id=s.behind_kr.id).update(
        current_value=6, last_check_in_at=datetime.now(UTC) - timedelta(days=1)
    )
    meeting = await s.create("leo")
    assert datetime.fromisoformat(meeting["agendaSince"]) == week_ago
    movers = [i for i in meeting["agenda"] if i["kind"] == "MOVER"]
    assert [(i["id"], i["delta"]) for i in movers] == [
        (f"mover-o{s.behind.id}", pytest.approx(0.5))
    ]
    # the first progress meeting of another team measures from the cycle's start
    company = await s.create("admin", team=None)
    assert company["agendaSince"].startswith(s.world.cycle.starts_on.isoformat())


async def test_a_roundtable_lists_the_drafts_with_their_writing_problems(squad: Squad) -> None:
    meeting = await squad.create("leo", kind="ROUNDTABLE")
    (draft,) = meeting["agenda"]
    assert (draft["id"], draft["kind"]) == (f"draft-o{squad.draft.id}", "DRAFT")
    assert "NO_KEY_RESULTS" in draft["hints"]


async def test_a_consensus_meeting_lists_what_is_not_settled(squad: Squad) -> None:
    s = squad
    meeting = await s.create("leo", kind="CONSENSUS")
    kinds = {i["id"]: i["kind"] for i in meeting["agenda"]}
    # nothing in the squad aligns to anything; the draft has no key results (weights: 0)
    assert kinds[f"unaligned-o{s.behind.id}"] == "UNALIGNED"
    assert kinds[f"unaligned-o{s.draft.id}"] == "UNALIGNED"
    weights = next(i for i in meeting["agenda"] if i["id"] == f"weights_off-o{s.draft.id}")
    assert weights["weightSum"] == 0
    # nobody has committed yet; once mia commits, her objective is settled
    assert kinds[f"uncommitted-o{s.behind.id}"] == "UNCOMMITTED"
    commit = "mutation($id: ID!) { commitObjective(id: $id) { id } }"
    await (await s.api("mia")).ok(commit, {"id": gid("obj", s.behind.id)})
    rebuilt = await (await s.api("leo")).ok(REBUILD, {"id": meeting["id"]})
    items = item_ids(rebuilt["rebuildMeetingAgenda"])
    assert f"uncommitted-o{s.behind.id}" not in items and f"uncommitted-o{s.stale.id}" in items


async def test_a_retrospective_lists_the_key_results_to_score(squad: Squad) -> None:
    s = squad
    await KeyResult.filter(id=s.stale_kr.id).update(score=0.6)
    meeting = await s.create("leo", kind="RETROSPECTIVE")
    scores = {i["id"]: i["score"] for i in meeting["agenda"]}
    assert scores == {f"score-k{s.behind_kr.id}": None, f"score-k{s.stale_kr.id}": 0.6}
    assert all(i["kind"] == "SCORE_KEY_RESULT" for i in meeting["agenda"])


# --- who may run each mutation --------------------------------------------------------------


@dataclass
class Live:
    squad: Squad
    meeting: str
    decision: str


@pytest.fixture
async def live(squad: Squad) -> Live:
    meeting = await squad.create("leo")
    leo = await squad.api("leo")
    await leo.ok(START, {"id": meeting["id"]})
    decision = await leo.ok(DECIDE, {"m": meeting["id"], "i": {"text": "Ship Friday"}})
    return Live(squad, meeting["id"], decision["addMeetingDecision"]["id"])


def _vars(live: Live, name: str) -> dict[str, Any]:
    s = live.squad
    behind = f"behind-o{s.behind.id}"
    return {
        "update": {"id": live.meeting, "i": {"startsAt": "2030-01-01T00:00:00+00:00"}},
        "start": {"id": live.meeting},
        "end": {"id": live.meeting},
        "rebuild": {"id": live.meeting},
        "focus": {"id": live.meeting, "item": behind},
        "notes": {"id": live.meeting, "n": "mine", "v": 0},
        "decide": {"m": live.meeting, "i": {"text": "Another"}},
        "redecide": {"id": live.decision, "t": "Changed"},
        "undecide": {"id": live.decision},
        "action": {
            "m": live.meeting,
            "i": {
                "title": "Do it",
                "assigneeId": gid("user", s.world.member.id),
                "objectiveId": gid("obj", s.behind.id),
            },
        },
    }[name]


DOCUMENTS = {
    "update": UPDATE,
    "start": START,
    "end": END,
    "rebuild": REBUILD,
    "focus": FOCUS,
    "notes": NOTES,
    "decide": DECIDE,
    "redecide": REDECIDE,
    "undecide": UNDECIDE,
    "action": ACTION,
}


REFUSED = [
    ("anon", "UNAUTHENTICATED"),
    ("oscar", "NOT_FOUND"),  # another organization's admin
    ("lou", "NOT_FOUND"),  # may not see the squad's meeting
    ("mia", "FORBIDDEN"),  # sees it, does not run it
]


@pytest.mark.parametrize(
    ("name", "who", "code"),
    [
        (name, who, code)
        for name in sorted(DOCUMENTS)
        for who, code in REFUSED
        # everyone who sees a meeting writes its notes (test_notes_*)
        if (name, who) != ("notes", "mia")
    ],
)
async def test_who_may_run_a_meeting(live: Live, name: str, who: str, code: str) -> None:
    before = await written()
    error = await (await live.squad.api(who)).error(DOCUMENTS[name], _vars(live, name))
    assert error["code"] == code
    assert await written() == before


@pytest.mark.parametrize(
    "name",
    ["update", "end", "rebuild", "focus", "notes", "decide", "redecide", "undecide", "action"],
)
async def test_those_who_run_it_may(live: Live, name: str) -> None:
    before = await written()
    await (await live.squad.api("admin")).ok(DOCUMENTS[name], _vars(live, name))
    assert await written() != before


@pytest.mark.parametrize(
    ("name", "change", "code", "field"),
    [
        ("update", {"i": {"attendeeIds": ["user_999999"]}}, "BAD_USER_INPUT", "attendeeIds"),
        ("update", {"i": {"facilitatorId": "user_999999"}}, "BAD_USER_INPUT", "facilitatorId"),
        ("update", {"id": "mtg_999999"}, "NOT_FOUND", None),
        ("start", {"id": "obj_1"}, "BAD_USER_INPUT", "id"),
        ("start", {}, "BAD_USER_INPUT", "id"),  # running already
        ("end", {"id": "mtg_999999"}, "NOT_FOUND", None),
        ("rebuild", {"id": "dec_1"}, "BAD_USER_INPUT", "id"),
        ("notes", {"id": "mtg_999999"}, "NOT_FOUND", None),
        ("decide", {"m": "task_1"}, "BAD_USER_INPUT", "meetingId"),
        ("redecide", {"t": " "}, "BAD_USER_INPUT", "text"),
        ("redecide", {"id": "dec_999999"}, "NOT_FOUND", None),
        ("undecide", {"id": "mtg_1"}, "BAD_USER_INPUT", "id"),
        ("action", {"m": "mtg_999999"}, "NOT_FOUND", None),
    ],
)
async def test_meeting_mutations_bad_input(
    live: Live, name: str, change: dict[str, Any], code: str, field: str | None
) -> None:
    variables = _vars(live, name)
    for key, value in change.items():
        variables[key] = {**variables[key], **value} if isinstance(value, dict) else value
    before = await written()
    error = await (await live.squad.api("admin")).error(DOCUMENTS[name], variables)
    assert (error["code"], error["field"]) == (code, field)
    assert await written() == before
