"""Meetings: create and schedule one, start and end it, build its agenda again, lead it (the
focus every screen follows), take its notes, record its decisions and action items, and who
attended.

Who may do what is domain/meetings.py; every write also asks the cycle's phase (HOLD_MEETING:
every phase but CLOSED), before it writes and again with its first event (events/phase.py) —
except ending a meeting, which closes nothing but the meeting (one left running when its cycle
closed can still be ended). Each action records one event on the
meeting's cycle; none reaches the board (the meeting has its own stream, `meetingEvents`). An
action item is a task under an objective or key result the meeting covers, with an assignee: it
records the task's own event, which names the meeting.
"""

from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from tortoise.exceptions import IntegrityError

from ..domain import phases
from ..domain.agenda import AgendaItem, Focus, build, refocus
from ..domain.clock import as_utc
from ..domain.enums import MeetingKind, MeetingState
from ..domain.errors import Conflict, Forbidden, InvalidInput
from ..domain.meetings import (
    DECISION_LIMIT,
    MAX_ATTENDEES,
    NOTES_LIMIT,
    can_create_meeting,
    can_facilitate,
    ended,
    require_state,
    started,
)
from ..domain.patch import KEEP, Patch
from ..domain.policy import Actor
from ..domain.validation import validate_text
from ..events.kinds import EventKind, ItemTime
from ..events.meetings import decision_payload, focus_payload, meeting_payload, notes_payload
from ..events.phase import PhaseGuard, guard
from ..events.unit import Unit, write
from ..models import Cycle, Meeting, MeetingDecision, Objective, Task, User
from ..read import meetings as reads
from ..read.agenda import agenda_facts, movers_since
from ..read.board import team_scope
from ..read.cycles import get_cycle
from ..read.directory import Directory, load_directory
from ..read.lookup import require_actor
from ..read.meetings import MeetingReach, access_of, visible_objectives
from ..read.tasks import task_target
from .changes import Edit
from .tasks import TaskInput, add_task

A = phases.Activity


@dataclass
class MeetingInput:
    cycle_id: int
    kind: MeetingKind
    team_id: int | None = None
    starts_at: datetime | None = None  # None: now
    facilitator_id: int | None = None  # None: whoever creates it
    attendee_ids: list[int] = field(default_factory=list)  # who is expected


@dataclass
class MeetingPatch:
    starts_at: Patch[datetime] = KEEP
    facilitator_id: Patch[int] = KEEP
    attendee_ids: Patch[list[int]] = KEEP  # the whole list: who attended, corrected by hand


@dataclass
class ActionItemInput:
    title: str | None
    assignee_id: int | None
    key_result_id: int | None = None
    objective_id: int | None = None
    due_date: date | None = None
    description: str | None = None


# --- reading what a write needs --------------------------------------------------------------


async def _holding(scope: MeetingReach) -> PhaseGuard:
    """Meetings are held in every phase but CLOSED (HOLD_MEETING); checked again as it writes."""
    return await guard(scope.meeting.cycle_id, A.HOLD_MEETING)


async def _people(org_id: int, ids: list[int], field: str) -> list[User]:
    """Active people of the organization, each once, in the order given."""
    wanted = list(dict.fromkeys(ids))
    if len(wanted) > MAX_ATTENDEES:
        raise InvalidInput(field, "work.too_many", max=MAX_ATTENDEES)
    found = {
        u.id: u for u in await User.filter(id__in=wanted, organization_id=org_id, is_active=True)
    }
    if len(found) < len(wanted):
        raise InvalidInput(field, "work.unknown_person")
    return [found[i] for i in wanted]


async def _check_facilitator(meeting: Meeting, directory: Directory, attendees: list[int]) -> None:
    """The facilitator is an active person of the organization who may be (`can_facilitate`)."""
    (user,) = await _people(meeting.organization_id, [meeting.facilitator_id], "facilitatorId")
    if not can_facilitate(directory.actor(user), access_of(meeting, directory, attendees)):
        raise InvalidInput("facilitatorId", "meeting.cannot_view")


async def build_agenda(meeting: Meeting, cycle: Cycle, now: datetime) -> None:
    """The agenda from the data as it is now (and, for a progress meeting, what moved since
    the team's previous one). Reads the whole team's cycle: call it before the write."""
    since = None
    if meeting.kind is MeetingKind.PROGRESS:
        since = await movers_since(cycle, meeting.team_id, meeting.id, now)
    facts = await agenda_facts(cycle, meeting.team_id, meeting.kind, since)
    meeting.agenda = [item.to_json() for item in build(meeting.kind, facts)]
    meeting.agenda_built_at = now
    meeting.agenda_since = since


_AGENDA = ["agenda", "agenda_built_at", "agenda_since"]


async def _item(scope: MeetingReach, item_id: str | None) -> AgendaItem | None:
    """An item of the meeting's agenda the actor may see (bad input of agendaItemId else)."""
    if item_id is None:
        return None
    item = scope.item(item_id)
    if item is None or not await visible_objectives(
        scope.actor, scope.directory, [item.objective_id]
    ):
        raise InvalidInput("agendaItemId", "okr.unknown_target")
    return item


async def _objective(scope: MeetingReach, objective_id: int) -> Objective:
    """An objective of the meeting's cycle the actor may see (bad input of objectiveId else)."""
    row = await Objective.get_or_none(
        id=objective_id, organization_id=scope.actor.org_id, cycle_id=scope.meeting.cycle_id
    )
    if row is None or not await visible_objectives(scope.actor, scope.directory, [row.id]):
        raise InvalidInput("objectiveId", "okr.unknown_target")
    return row


async def _locked(meeting_id: int) -> Meeting:
    """The meeting's row as it is now, locked until the transaction ends (PostgreSQL; SQLite
    writes one transaction at a time): state moves and the focus clock are read and written
    by one writer at a time."""
    return await Meeting.select_for_update().get(id=meeting_id)


async def _record(
    unit: Unit,
    kind: EventKind,
    meeting: Meeting,
    attendee_ids: list[int],
    changed: list[str] | None = None,
) -> None:
    payload = await meeting_payload(meeting, attendee_ids, changed)
    await unit.record(kind, payload, cycle_id=meeting.cycle_id)


# --- the meeting --------------------------------------------------------------------------


async def create_meeting(actor: Actor | None, data: MeetingInput) -> Meeting:
    """By an admin, or a lead for a team they lead; the agenda is built now (and again when the
    meeting starts)."""
    actor = require_actor(actor)
    cycle = await get_cycle(actor.org_id, data.cycle_id)
    directory = await load_directory(actor.org_id)
    if data.team_id is not None and data.team_id not in directory.teams:
        raise InvalidInput("teamId", "okr.unknown_target")
    if not can_create_meeting(actor, actor.org_id, data.team_id):
        raise Forbidden()
    phase = await guard(cycle.id, A.HOLD_MEETING)
    now = datetime.now(UTC)
    attendees = await _people(actor.org_id, data.attendee_ids, "attendeeIds")
    attendee_ids = [u.id for u in attendees]
    meeting = Meeting(
        organization_id=actor.org_id,
        cycle_id=cycle.id,
        kind=data.kind,
        team_id=data.team_id,
        starts_at=as_utc(data.starts_at or now),
        facilitator_id=data.facilitator_id or actor.user_id,
        creator_id=actor.user_id,
    )
    await _check_facilitator(meeting, directory, attendee_ids)
    await build_agenda(meeting, cycle, now)
    async with write(actor.org_id, actor.user_id, phase) as unit:
        await meeting.save()
        if attendees:
            await meeting.attendees.add(*attendees)
        await _record(unit, EventKind.MEETING_CREATED, meeting, sorted(attendee_ids))
    return meeting


async def update_meeting(actor: Actor | None, meeting_id: int, data: MeetingPatch) -> Meeting:
    """Its time, facilitator, and who attended (by hand: someone in the room without a screen)."""
    scope = await reads.runnable(actor, meeting_id)
    phase = await _holding(scope)
    meeting = scope.meeting
    edit = Edit(meeting, ("starts_at", "facilitator_id"))
    changed: list[str] = []
    if data.starts_at is not KEEP and as_utc(data.starts_at) != meeting.starts_at:
        meeting.starts_at = as_utc(data.starts_at)
        changed.append("startsAt")
    attendees: list[User] | None = None
    attendee_ids = scope.attendee_ids
    if data.attendee_ids is not KEEP:
        attendees = await _people(meeting.organization_id, data.attendee_ids, "attendeeIds")
        if {u.id for u in attendees} != set(attendee_ids):
            attendee_ids = sorted(u.id for u in attendees)
            changed.append("attendeeIds")
    if data.facilitator_id is not KEEP and data.facilitator_id != meeting.facilitator_id:
        meeting.facilitator_id = data.facilitator_id
        changed.append("facilitatorId")
    if "facilitatorId" in changed or "attendeeIds" in changed:
        await _check_facilitator(meeting, scope.directory, attendee_ids)
    if not changed:
        return meeting
    async with write(scope.actor.org_id, scope.actor.user_id, phase) as unit:
        await edit.save()
        if "attendeeIds" in changed and attendees is not None:
            await meeting.attendees.clear()
            if attendees:
                await meeting.attendees.add(*attendees)
        await _record(unit, EventKind.MEETING_CHANGED, meeting, attendee_ids, changed)
    return meeting


async def start_meeting(actor: Actor | None, meeting_id: int) -> Meeting:
    """The meeting begins: its agenda is built from the data as it is now (meeting time)."""
    scope = await reads.runnable(actor, meeting_id)
    phase = await _holding(scope)
    require_state(scope.meeting.state, MeetingState.SCHEDULED)
    now = datetime.now(UTC)
    built = scope.meeting
    await build_agenda(built, await Cycle.get(id=built.cycle_id), now)
    async with write(scope.actor.org_id, scope.actor.user_id, phase) as unit:
        meeting = await _locked(meeting_id)
        meeting.state = started(meeting.state)  # refused if someone else started it meanwhile
        meeting.started_at = now
        for name in _AGENDA:
            setattr(meeting, name, getattr(built, name))
        await meeting.save(update_fields=["state", "started_at", *_AGENDA, "updated_at"])
        await _record(unit, EventKind.MEETING_STARTED, meeting, scope.attendee_ids)
    return meeting


async def end_meeting(actor: Actor | None, meeting_id: int) -> Meeting:
    """The meeting ends: the open item is credited with its time, and the agenda stays as it is."""
    scope = await reads.runnable(actor, meeting_id)
    require_state(scope.meeting.state, MeetingState.LIVE)
    now = datetime.now(UTC)
    async with write(scope.actor.org_id, scope.actor.user_id) as unit:
        meeting = await _locked(meeting_id)
        meeting.state = ended(meeting.state)
        meeting.ended_at = now
        was_open = _focus_of(meeting) is not None
        left = _move_focus(meeting, None, None, now)
        await meeting.save(update_fields=["state", "ended_at", *_FOCUS, "updated_at"])
        if was_open:
            left_time = _item_time(scope, left) if left is not None else None
            payload = focus_payload(meeting.id, None, None, left_time)
            await unit.record(EventKind.MEETING_FOCUS_CHANGED, payload, cycle_id=meeting.cycle_id)
        await _record(unit, EventKind.MEETING_ENDED, meeting, scope.attendee_ids)
    return meeting


async def rebuild_agenda(actor: Actor | None, meeting_id: int) -> Meeting:
    """Builds the agenda again from the data as it is now (until the meeting ends). Questions
    still open keep their ids, so the focus and the time spent stay with them."""
    scope = await reads.runnable(actor, meeting_id)
    phase = await _holding(scope)
    require_state(scope.meeting.state, MeetingState.SCHEDULED, MeetingState.LIVE)
    meeting = scope.meeting
    await build_agenda(meeting, await Cycle.get(id=meeting.cycle_id), datetime.now(UTC))
    async with write(scope.actor.org_id, scope.actor.user_id, phase) as unit:
        await meeting.save(update_fields=[*_AGENDA, "updated_at"])
        await _record(unit, EventKind.MEETING_AGENDA_BUILT, meeting, scope.attendee_ids)
    return meeting


# --- leading it -----------------------------------------------------------------------------


_FOCUS = ["focus_item", "focus_objective_id", "focus_opened_at", "item_seconds"]


def _focus_of(meeting: Meeting) -> Focus | None:
    if meeting.focus_opened_at is None:
        return None
    return Focus(meeting.focus_item, meeting.focus_objective_id, as_utc(meeting.focus_opened_at))


def _move_focus(
    meeting: Meeting, item_id: str | None, objective_id: int | None, now: datetime
) -> tuple[str, int] | None:
    """Moves the meeting's focus, adding the time the item left was open to its total; returns
    that item and its new total."""
    focus, left = refocus(_focus_of(meeting), item_id, objective_id, now)
    meeting.focus_item = focus.item_id if focus else None
    meeting.focus_objective_id = focus.objective_id if focus else None
    meeting.focus_opened_at = focus.opened_at if focus else None
    if left is None:
        return None
    item, seconds = left
    total = int(meeting.item_seconds.get(item, 0)) + seconds
    meeting.item_seconds = {**meeting.item_seconds, item: total}
    return item, total


def _item_time(scope: MeetingReach, left: tuple[str, int]) -> ItemTime | None:
    """What the event says of the item left (nothing when a rebuilt agenda dropped it)."""
    item = scope.item(left[0])
    if item is None:
        return None
    return {"itemId": item.id, "objectiveId": item.objective_id, "seconds": left[1]}


async def set_focus(
    actor: Actor | None, meeting_id: int, item_id: str | None, objective_id: int | None
) -> Meeting:
    """The facilitator opens an agenda item (its objective comes into focus unless another one
    of the cycle is named) or only an objective; both None: nothing open. Every screen
    follows, with a timer from when the item was opened."""
    scope = await reads.runnable(actor, meeting_id)
    phase = await _holding(scope)
    require_state(scope.meeting.state, MeetingState.LIVE)
    item = await _item(scope, item_id)
    if objective_id is not None:
        await _objective(scope, objective_id)
    elif item is not None:
        objective_id = item.objective_id
    now = datetime.now(UTC)
    async with write(scope.actor.org_id, scope.actor.user_id, phase) as unit:
        meeting = await _locked(meeting_id)
        require_state(meeting.state, MeetingState.LIVE)
        before = _focus_of(meeting)
        left = _move_focus(meeting, item_id, objective_id, now)
        focus = _focus_of(meeting)
        if focus == before:
            return meeting  # where it already is: nothing to tell
        await meeting.save(update_fields=[*_FOCUS, "updated_at"])
        payload = focus_payload(
            meeting.id,
            focus,
            item.objective_id if item is not None else None,
            _item_time(scope, left) if left is not None else None,
        )
        await unit.record(EventKind.MEETING_FOCUS_CHANGED, payload, cycle_id=meeting.cycle_id)
    return meeting


async def set_notes(actor: Actor | None, meeting_id: int, notes: str, version: int) -> Meeting:
    """Everyone who sees the meeting writes its notes. `version`: the notes' version the text
    was edited from; when someone saved since, nothing is written and the answer is CONFLICT
    carrying the notes as they are now (`extensions.current`), so the client can show both
    texts and save the merge against the new version."""
    scope = await reads.meeting(actor, meeting_id)
    phase = await _holding(scope)
    if len(notes) > NOTES_LIMIT:
        raise InvalidInput("notes", "input.too_long", max=NOTES_LIMIT)
    if version < 0:
        raise InvalidInput("version", "input.out_of_range", min=0, max="∞")
    meeting = scope.meeting
    if notes == meeting.notes and version == meeting.notes_version:
        return meeting
    now = datetime.now(UTC)
    async with write(scope.actor.org_id, scope.actor.user_id, phase) as unit:
        saved = await Meeting.filter(id=meeting.id, notes_version=version).update(
            notes=notes,
            notes_version=version + 1,
            notes_edited_at=now,
            notes_edited_by_id=scope.actor.user_id,
        )
        if not saved:
            current = await Meeting.get(id=meeting.id)
            conflict = Conflict("conflict.notes", "version", current=current.notes_version)
            raise conflict.carrying(
                current={"notes": current.notes, "version": current.notes_version}
            )
        meeting.notes, meeting.notes_version = notes, version + 1
        meeting.notes_edited_at, meeting.notes_edited_by_id = now, scope.actor.user_id
        payload = await notes_payload(meeting)
        await unit.record(EventKind.MEETING_NOTES_CHANGED, payload, cycle_id=meeting.cycle_id)
    return meeting


async def attend(actor: Actor | None, meeting_id: int) -> bool:
    """Someone who has a running meeting open attended it (called by `meetingEvents`): kept
    with the meeting once. True when this made them an attendee."""
    scope = await reads.meeting(actor, meeting_id)
    meeting = scope.meeting
    if meeting.state is not MeetingState.LIVE or scope.actor.user_id in scope.attendee_ids:
        return False
    try:
        phase = await _holding(scope)
    except Forbidden:
        return False  # the cycle is closed
    user = await User.get(id=scope.actor.user_id)
    try:
        async with write(scope.actor.org_id, scope.actor.user_id, phase) as unit:
            await meeting.attendees.add(user)
            attendee_ids = sorted([*scope.attendee_ids, user.id])
            await _record(unit, EventKind.MEETING_CHANGED, meeting, attendee_ids, ["attendeeIds"])
    except IntegrityError:
        return False  # another of their screens was first
    return True


# --- decisions and action items -------------------------------------------------------------


def _decision_text(text: str | None) -> str:
    return validate_text(text, "text", max_len=DECISION_LIMIT, required=True) or ""


async def add_decision(
    actor: Actor | None,
    meeting_id: int,
    text: str | None,
    objective_id: int | None = None,
    item_id: str | None = None,
) -> MeetingDecision:
    """A decision the meeting took, optionally about an objective of the cycle or an agenda item
    (then about the item's objective): only those who may see that objective see the decision."""
    scope = await reads.runnable(actor, meeting_id)
    phase = await _holding(scope)
    body = _decision_text(text)
    item = await _item(scope, item_id)
    if item is not None and objective_id not in (None, item.objective_id):
        raise InvalidInput("objectiveId", "meeting.item_objective")
    if objective_id is not None:
        await _objective(scope, objective_id)
    elif item is not None:
        objective_id = item.objective_id
    decision = MeetingDecision(
        organization_id=scope.actor.org_id,
        meeting_id=scope.meeting.id,
        author_id=scope.actor.user_id,
        text=body,
        objective_id=objective_id,
        agenda_item=item_id,
    )
    async with write(scope.actor.org_id, scope.actor.user_id, phase) as unit:
        await decision.save()
        await _record_decision(unit, EventKind.MEETING_DECISION_ADDED, decision, scope)
    return decision


async def _record_decision(
    unit: Unit, kind: EventKind, decision: MeetingDecision, scope: MeetingReach
) -> None:
    payload = await decision_payload(decision)
    await unit.record(kind, payload, cycle_id=scope.meeting.cycle_id)


async def edit_decision(actor: Actor | None, decision_id: int, text: str | None) -> MeetingDecision:
    decision, scope = await reads.decision(actor, decision_id)
    phase = await _holding(scope)
    body = _decision_text(text)
    if body == decision.text:
        return decision
    decision.text = body
    decision.edited_at = datetime.now(UTC)
    async with write(scope.actor.org_id, scope.actor.user_id, phase) as unit:
        await decision.save(update_fields=["text", "edited_at"])
        await _record_decision(unit, EventKind.MEETING_DECISION_CHANGED, decision, scope)
    return decision


async def remove_decision(actor: Actor | None, decision_id: int) -> MeetingDecision:
    decision, scope = await reads.decision(actor, decision_id)
    phase = await _holding(scope)
    async with write(scope.actor.org_id, scope.actor.user_id, phase) as unit:
        await _record_decision(unit, EventKind.MEETING_DECISION_REMOVED, decision, scope)
        await decision.delete()
    return decision


async def add_action_item(actor: Actor | None, meeting_id: int, data: ActionItemInput) -> Task:
    """A task the meeting decided, with an assignee, under an objective or key result the
    meeting covers (of its cycle, and of its team with the sub-teams). Those who run the
    meeting add them — the meeting's authority, not the task rules: a facilitator may give the
    owner of any covered objective a task. The assignee must be able to see the objective."""
    scope = await reads.runnable(actor, meeting_id)
    await _holding(scope)  # the task itself is checked for MANAGE_TASKS
    if (data.key_result_id is None) == (data.objective_id is None):
        raise InvalidInput("keyResultId", "task.one_target")
    target = await task_target(scope.actor, data.key_result_id, data.objective_id)
    meeting = scope.meeting
    in_team = meeting.team_id is None or team_scope(scope.directory, meeting.team_id).holds(
        target.objective
    )
    covered = target.objective.cycle_id == meeting.cycle_id and in_team
    if not covered:
        target_field = "keyResultId" if data.key_result_id is not None else "objectiveId"
        raise InvalidInput(target_field, "meeting.not_covered")
    if data.assignee_id is None:
        raise InvalidInput("assigneeId", "input.required")
    task = TaskInput(
        key_result_id=data.key_result_id,
        objective_id=data.objective_id,
        title=data.title,
        description=data.description,
        assignee_id=data.assignee_id,
        due_date=data.due_date,
    )
    return await add_task(target, task, meeting_id=meeting.id)
