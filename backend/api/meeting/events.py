"""A meeting's live events as GraphQL types, cut to what one subscriber may see: made once per
event per view (the objectives the viewer may see among those it names) and shared."""

from datetime import datetime
from typing import Annotated, Any

import strawberry

from ...domain.policy import Actor
from ...events.feed import view_key
from ...events.kinds import EventKind, Topic
from ...live.events import LiveEvent
from ..engine.sharing import shareable
from ..ids import encode
from ..live.events import _id, shared_typed
from ..live.events import _person as person
from ..live.types import PersonSummary, ResyncRequired, TaskChanged


@strawberry.interface
class LiveMeetingEvent:
    seq: int = strawberry.field(
        description="The event's seq (presence: the last one delivered before it)."
    )
    meeting_id: strawberry.ID
    actor_id: strawberry.ID | None
    at: datetime


@strawberry.type
class MeetingSummary:
    id: strawberry.ID
    kind: str
    state: str
    team_id: strawberry.ID | None
    starts_at: datetime
    started_at: datetime | None
    ended_at: datetime | None
    agenda_built_at: datetime | None
    facilitator: PersonSummary
    attendees: list[PersonSummary]


@strawberry.type
class MeetingChanged(LiveMeetingEvent):
    """Created, changed (time, facilitator, attendees), started, ended, or its agenda built
    again (agenda_built; started builds it too): refetch `meeting { agenda }` then."""

    change: str  # created | changed | started | ended | agenda_built
    changed_fields: list[str]
    meeting: MeetingSummary


@strawberry.type
class FocusSummary:
    agenda_item_id: strawberry.ID | None = strawberry.field(
        description="Null: no item open, or one about something you may not see."
    )
    objective_id: strawberry.ID | None
    opened_at: datetime


@strawberry.type
class AgendaItemTime:
    agenda_item_id: strawberry.ID
    seconds: int = strawberry.field(description="All the time the item has been open.")


@strawberry.type
class MeetingFocusChanged(LiveMeetingEvent):
    focus: FocusSummary | None = strawberry.field(description="Null: nothing open.")
    left: AgendaItemTime | None = strawberry.field(description="The item the focus just left.")


@strawberry.type
class MeetingNotesChanged(LiveMeetingEvent):
    notes: str
    version: int
    edited_by: PersonSummary


@strawberry.type
class DecisionSummary:
    id: strawberry.ID
    text: str = strawberry.field(description="Plain text as typed: render as text, not HTML.")
    objective_id: strawberry.ID | None
    agenda_item_id: strawberry.ID | None
    author: PersonSummary
    created_at: datetime
    edited_at: datetime | None


@strawberry.type
class MeetingDecisionChanged(LiveMeetingEvent):
    change: str  # added | changed | removed
    decision: DecisionSummary


@strawberry.type
class MeetingPresenceChanged(LiveMeetingEvent):
    """Who has the meeting open now (sent first, then whenever someone comes or goes)."""

    present: list[PersonSummary]


MeetingEvent = Annotated[
    MeetingChanged
    | MeetingFocusChanged
    | MeetingNotesChanged
    | MeetingDecisionChanged
    | MeetingPresenceChanged
    | TaskChanged
    | ResyncRequired,
    strawberry.union("MeetingEvent"),
]


def _at(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def _summary(data: dict[str, Any]) -> MeetingSummary:
    return MeetingSummary(
        id=strawberry.ID(encode("Meeting", data["id"])),
        kind=data["kind"],
        state=data["state"],
        team_id=_id("Team", data["teamId"]),
        starts_at=datetime.fromisoformat(data["startsAt"]),
        started_at=_at(data["startedAt"]),
        ended_at=_at(data["endedAt"]),
        agenda_built_at=_at(data["agendaBuiltAt"]),
        facilitator=person(data["facilitator"]),
        attendees=[person(p) for p in data["attendees"]],
    )


def _focus(payload: dict[str, Any], seen: frozenset[int]) -> dict[str, Any]:
    """The focus as someone who sees the objectives `seen` may: an item or an objective they may
    not see is not named."""
    focus, left = payload.get("focus"), payload.get("left")
    shown = None
    if focus is not None:
        item = focus["itemId"] if focus["itemObjectiveId"] in seen else None
        objective = focus["objectiveId"] if focus["objectiveId"] in seen else None
        shown = FocusSummary(
            agenda_item_id=strawberry.ID(item) if item else None,
            objective_id=_id("Objective", objective),
            opened_at=datetime.fromisoformat(focus["openedAt"]),
        )
    gone = None
    if left is not None and left["objectiveId"] in seen:
        gone = AgendaItemTime(agenda_item_id=strawberry.ID(left["itemId"]), seconds=left["seconds"])
    return {"focus": shown, "left": gone}


def _decision(data: dict[str, Any]) -> DecisionSummary:
    return DecisionSummary(
        id=strawberry.ID(encode("MeetingDecision", data["id"])),
        text=data["text"],
        objective_id=_id("Objective", data["objectiveId"]),
        agenda_item_id=strawberry.ID(data["agendaItemId"]) if data["agendaItemId"] else None,
        author=person(data["author"]),
        created_at=datetime.fromisoformat(data["createdAt"]),
        edited_at=_at(data["editedAt"]),
    )


_MEETING_CHANGES = {
    EventKind.MEETING_CREATED,
    EventKind.MEETING_CHANGED,
    EventKind.MEETING_STARTED,
    EventKind.MEETING_ENDED,
    EventKind.MEETING_AGENDA_BUILT,
}


def _typed(event: LiveEvent, seen: frozenset[int]) -> Any:
    payload, kind = event.payload, event.kind
    common: dict[str, Any] = {
        "seq": event.seq,
        "meeting_id": strawberry.ID(encode("Meeting", payload["meetingId"])),
        "actor_id": _id("User", event.actor_id),
        "at": event.at,
    }
    if kind in _MEETING_CHANGES:
        return MeetingChanged(
            change=kind.change,
            changed_fields=list(payload.get("changed", [])),
            meeting=_summary(payload["meeting"]),
            **common,
        )
    if kind == EventKind.MEETING_FOCUS_CHANGED:
        return MeetingFocusChanged(**_focus(payload, seen), **common)
    if kind == EventKind.MEETING_NOTES_CHANGED:
        return MeetingNotesChanged(
            notes=payload["notes"],
            version=payload["version"],
            edited_by=person(payload["editedBy"]),
            **common,
        )
    decision = payload["decision"]
    if decision["objectiveId"] is not None and decision["objectiveId"] not in seen:
        return None  # about an objective this viewer may not see
    change = kind.change.removeprefix("decision_")
    return MeetingDecisionChanged(change=change, decision=_decision(decision), **common)


def meeting_typed(event: LiveEvent, actor: Actor, meeting_id: int) -> Any:
    """The event as this subscriber of the meeting may see it, or None (another meeting's, or
    nothing of it theirs to see). An action item's task events come as the board's TaskChanged."""
    if event.kind.topic is Topic.TASK:
        task = event.payload.get("task") or {}
        if task.get("meetingId") != meeting_id:
            return None
        typed = shared_typed(event, actor)
        return typed if isinstance(typed, TaskChanged) else None
    if event.kind.topic is not Topic.MEETING or event.payload.get("meetingId") != meeting_id:
        return None
    cut = view_key(event, actor)
    if cut is None:
        return None
    key = ("meeting-view", cut[0])
    memo = event.shared
    if key not in memo:
        typed = _typed(event, cut[0])
        memo[key] = shareable(typed) if typed is not None else None
    return memo[key]
