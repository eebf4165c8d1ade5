"""What a meeting's events carry (events/kinds.py says the shapes): absolute state — the meeting
as it is now, the focus, the whole notes, a decision — so applying one twice changes nothing.
Objectives they name are listed in `objectiveIds`: the feed decides per subscriber who may see
them (events/feed.py), as it does for the board's events."""

from datetime import datetime

from ..domain.agenda import Focus
from ..models import Meeting, MeetingDecision, User
from .kinds import (
    DecisionPayload,
    DecisionSummary,
    FocusPayload,
    FocusState,
    ItemTime,
    MeetingPayload,
    MeetingSummary,
    NotesPayload,
)
from .payloads import person


def _at(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


async def meeting_summary(meeting: Meeting, attendee_ids: list[int]) -> MeetingSummary:
    people = {u.id: u for u in await User.filter(id__in=[meeting.facilitator_id, *attendee_ids])}
    return {
        "id": meeting.id,
        "kind": meeting.kind.value,
        "state": meeting.state.value,
        "teamId": meeting.team_id,
        "startsAt": meeting.starts_at.isoformat(),
        "startedAt": _at(meeting.started_at),
        "endedAt": _at(meeting.ended_at),
        "facilitator": person(people[meeting.facilitator_id]),
        "attendees": [person(people[i]) for i in attendee_ids if i in people],
        "agendaBuiltAt": _at(meeting.agenda_built_at),
    }


async def meeting_payload(
    meeting: Meeting, attendee_ids: list[int], changed: list[str] | None = None
) -> MeetingPayload:
    payload: MeetingPayload = {
        "meetingId": meeting.id,
        "meeting": await meeting_summary(meeting, attendee_ids),
    }
    if changed is not None:
        payload["changed"] = changed
    return payload


def focus_payload(
    meeting_id: int,
    focus: Focus | None,
    item_objective_id: int | None,
    left: ItemTime | None,
) -> FocusPayload:
    state: FocusState | None = None
    named: list[int | None] = []
    if focus is not None:
        state = {
            "itemId": focus.item_id,
            "itemObjectiveId": item_objective_id,
            "objectiveId": focus.objective_id,
            "openedAt": focus.opened_at.isoformat(),
        }
        named += [item_objective_id, focus.objective_id]
    payload: FocusPayload = {"meetingId": meeting_id, "focus": state, "objectiveIds": []}
    if left is not None:
        payload["left"] = left
        named.append(left["objectiveId"])
    payload["objectiveIds"] = sorted({i for i in named if i is not None})
    return payload


async def notes_payload(meeting: Meeting) -> NotesPayload:
    """The whole notes as saved, with who saved them."""
    assert meeting.notes_edited_by_id is not None
    editor = await User.get(id=meeting.notes_edited_by_id)
    return {
        "meetingId": meeting.id,
        "notes": meeting.notes,
        "version": meeting.notes_version,
        "editedBy": person(editor),
    }


def decision_summary(decision: MeetingDecision, author: User) -> DecisionSummary:
    return {
        "id": decision.id,
        "text": decision.text,
        "objectiveId": decision.objective_id,
        "agendaItemId": decision.agenda_item,
        "author": person(author),
        "createdAt": decision.created_at.isoformat(),
        "editedAt": _at(decision.edited_at),
    }


async def decision_payload(decision: MeetingDecision) -> DecisionPayload:
    author = await User.get(id=decision.author_id)
    return {
        "meetingId": decision.meeting_id,
        "decision": decision_summary(decision, author),
        "objectiveIds": [decision.objective_id] if decision.objective_id is not None else [],
    }
