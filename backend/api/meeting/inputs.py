"""What the meeting mutations take, converted to the actions' inputs."""

from datetime import date, datetime

import strawberry
from strawberry import UNSET

from ...actions import meetings
from ...domain.errors import InvalidInput
from ..enums import MeetingKind
from ..ids import decode, decode_optional
from ..work.inputs import user_ids

MAX_ITEM_ID = 64


@strawberry.input
class MeetingInput:
    cycle_id: strawberry.ID
    kind: MeetingKind  # type: ignore[valid-type]
    team_id: strawberry.ID | None = strawberry.field(
        default=None, description="The team (with its sub-teams); null: the whole company."
    )
    starts_at: datetime | None = strawberry.field(default=None, description="Null: now.")
    facilitator_id: strawberry.ID | None = strawberry.field(
        default=None, description="Null: you. Someone who may see the meeting."
    )
    attendee_ids: list[strawberry.ID] | None = strawberry.field(
        default=None, description="Who is expected (people who open it while it runs are added)."
    )


@strawberry.input
class UpdateMeetingInput:
    """Fields left out stay as they are."""

    starts_at: datetime | None = UNSET
    facilitator_id: strawberry.ID | None = UNSET
    attendee_ids: list[strawberry.ID] | None = strawberry.field(
        default=UNSET, description="The whole list of who attended (replaces it)."
    )


@strawberry.input
class MeetingDecisionInput:
    text: str
    agenda_item_id: strawberry.ID | None = strawberry.field(
        default=None, description="The item it settles: then it is about the item's objective."
    )
    objective_id: strawberry.ID | None = strawberry.field(
        default=None,
        description="What it is about: only those who may see the objective see the decision.",
    )


@strawberry.input
class ActionItemInput:
    title: str
    assignee_id: strawberry.ID
    key_result_id: strawberry.ID | None = None
    objective_id: strawberry.ID | None = None
    due_date: date | None = None
    description: str | None = None


def meeting_input(data: MeetingInput) -> meetings.MeetingInput:
    return meetings.MeetingInput(
        cycle_id=decode(data.cycle_id, "Cycle", "cycleId"),
        kind=data.kind,
        team_id=decode_optional(data.team_id, "Team", "teamId"),
        starts_at=data.starts_at,
        facilitator_id=decode_optional(data.facilitator_id, "User", "facilitatorId"),
        attendee_ids=user_ids(data.attendee_ids, "attendeeIds"),
    )


def meeting_patch(data: UpdateMeetingInput) -> meetings.MeetingPatch:
    patch = meetings.MeetingPatch()
    if data.starts_at not in (UNSET, None):
        patch.starts_at = data.starts_at
    if data.facilitator_id not in (UNSET, None):
        patch.facilitator_id = decode(data.facilitator_id, "User", "facilitatorId")
    if data.attendee_ids is not UNSET:
        patch.attendee_ids = user_ids(data.attendee_ids, "attendeeIds")
    return patch


def action_item(data: ActionItemInput) -> meetings.ActionItemInput:
    return meetings.ActionItemInput(
        title=data.title,
        assignee_id=decode(data.assignee_id, "User", "assigneeId"),
        key_result_id=decode_optional(data.key_result_id, "KeyResult", "keyResultId"),
        objective_id=decode_optional(data.objective_id, "Objective", "objectiveId"),
        due_date=data.due_date,
        description=data.description,
    )


def item_id(value: strawberry.ID | None) -> str | None:
    """An agenda item's id: local to its meeting, as the agenda gave it."""
    if value is None:
        return None
    if not 0 < len(value) <= MAX_ITEM_ID:
        raise InvalidInput("agendaItemId", "input.invalid_id")
    return str(value)
