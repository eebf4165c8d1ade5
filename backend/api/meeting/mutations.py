"""Meetings: each mutation calls one action and answers the meeting (or what it added) as the
viewer sees it after the write."""

import strawberry

from ...actions import meetings
from ...domain.policy import Actor
from ...read import meetings as reads
from ...read.seq import org_seq
from ..context import Info
from ..ids import decode, decode_optional, encode
from ..work.loaders import after_write
from ..work.types import Task
from .inputs import (
    ActionItemInput,
    MeetingDecisionInput,
    MeetingInput,
    UpdateMeetingInput,
    action_item,
    item_id,
    meeting_input,
    meeting_patch,
)
from .types import Meeting, MeetingDecision


async def _answer(info: Info, meeting_id: int) -> Meeting:
    after_write(info)
    actor: Actor | None = info.context.actor
    assert actor is not None  # the action required it
    seq = await org_seq(actor.org_id)
    return Meeting.of(await reads.meeting(actor, meeting_id), seq)


def _meeting_id(value: strawberry.ID, field: str = "id") -> int:
    return decode(value, "Meeting", field)


@strawberry.type
class MeetingMutation:
    @strawberry.mutation(
        description="By an admin, or a lead for a team they lead. The agenda is "
        "built from the data now, and again when the meeting starts."
    )
    async def create_meeting(self, info: Info, input: MeetingInput) -> Meeting:
        row = await meetings.create_meeting(info.context.actor, meeting_input(input))
        return await _answer(info, row.id)

    @strawberry.mutation
    async def update_meeting(
        self, info: Info, id: strawberry.ID, input: UpdateMeetingInput
    ) -> Meeting:
        row = await meetings.update_meeting(
            info.context.actor, _meeting_id(id), meeting_patch(input)
        )
        return await _answer(info, row.id)

    @strawberry.mutation(description="It begins: the agenda is built from the data as it is now.")
    async def start_meeting(self, info: Info, id: strawberry.ID) -> Meeting:
        row = await meetings.start_meeting(info.context.actor, _meeting_id(id))
        return await _answer(info, row.id)

    @strawberry.mutation(
        description="It ends: the agenda, the time spent per item, notes and "
        "decisions stay as they are."
    )
    async def end_meeting(self, info: Info, id: strawberry.ID) -> Meeting:
        row = await meetings.end_meeting(info.context.actor, _meeting_id(id))
        return await _answer(info, row.id)

    @strawberry.mutation(
        description="Builds the agenda again from the data as it is now (until "
        "the meeting ends); open questions keep their ids."
    )
    async def rebuild_meeting_agenda(self, info: Info, id: strawberry.ID) -> Meeting:
        row = await meetings.rebuild_agenda(info.context.actor, _meeting_id(id))
        return await _answer(info, row.id)

    @strawberry.mutation(
        description="The facilitator's screen leads: opens an agenda item (its "
        "objective comes into focus unless another one is named), or only an objective of the "
        "cycle; both null closes it. Only while the meeting runs."
    )
    async def set_meeting_focus(
        self,
        info: Info,
        id: strawberry.ID,
        agenda_item_id: strawberry.ID | None = None,
        objective_id: strawberry.ID | None = None,
    ) -> Meeting:
        row = await meetings.set_focus(
            info.context.actor,
            _meeting_id(id),
            item_id(agenda_item_id),
            decode_optional(objective_id, "Objective", "objectiveId"),
        )
        return await _answer(info, row.id)

    @strawberry.mutation(
        description="Saves the whole notes, edited from `version`. When someone "
        "saved since: CONFLICT, with the notes as they are now in `extensions.current` "
        "({notes, version}) — show both, merge, save against that version."
    )
    async def set_meeting_notes(
        self, info: Info, id: strawberry.ID, notes: str, version: int
    ) -> Meeting:
        row = await meetings.set_notes(info.context.actor, _meeting_id(id), notes, version)
        return await _answer(info, row.id)

    @strawberry.mutation
    async def add_meeting_decision(
        self, info: Info, meeting_id: strawberry.ID, input: MeetingDecisionInput
    ) -> MeetingDecision:
        row = await meetings.add_decision(
            info.context.actor,
            _meeting_id(meeting_id, "meetingId"),
            input.text,
            decode_optional(input.objective_id, "Objective", "objectiveId"),
            item_id(input.agenda_item_id),
        )
        after_write(info)
        meeting = await reads.meeting(info.context.actor, row.meeting_id)
        return MeetingDecision.of(row, meeting.meeting.cycle_id)

    @strawberry.mutation
    async def update_meeting_decision(
        self, info: Info, id: strawberry.ID, text: str
    ) -> MeetingDecision:
        pk = decode(id, "MeetingDecision", "id")
        row = await meetings.edit_decision(info.context.actor, pk, text)
        after_write(info)
        meeting = await reads.meeting(info.context.actor, row.meeting_id)
        return MeetingDecision.of(row, meeting.meeting.cycle_id)

    @strawberry.mutation(description="Returns the removed decision's id.")
    async def remove_meeting_decision(self, info: Info, id: strawberry.ID) -> strawberry.ID:
        row = await meetings.remove_decision(
            info.context.actor, decode(id, "MeetingDecision", "id")
        )
        after_write(info)
        return strawberry.ID(encode("MeetingDecision", row.id))

    @strawberry.mutation(
        description="A task the meeting decided, with an assignee, under an "
        "objective or key result it covers; change or delete it as any task."
    )
    async def add_meeting_action_item(
        self, info: Info, meeting_id: strawberry.ID, input: ActionItemInput
    ) -> Task:
        row = await meetings.add_action_item(
            info.context.actor, _meeting_id(meeting_id, "meetingId"), action_item(input)
        )
        after_write(info)
        return Task.of(row)
