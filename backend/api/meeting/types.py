"""Meetings as GraphQL types. The agenda, the focus, decisions and action items are cut to what
the viewer may see now (read/meetings.py); what an item said when the agenda was built is kept
(title, owner, numbers), and `objective`/`keyResult`/`task` give the thing as it is now."""

from datetime import datetime
from typing import Any

import strawberry
from strawberry import Private

from ...domain import agenda as domain
from ...domain.errors import NotFound
from ...domain.meetings import can_take_notes
from ...live.presence import meeting_room
from ...live.runtime import get_presence
from ...models import Cycle as CycleRow
from ...models import MeetingDecision as DecisionRow
from ...models import Team as TeamRow
from ...read import meetings as reads
from ...read.meetings import MeetingReach
from ...read.seq import org_seq
from ..context import Info
from ..enums import AgendaItemKind, MeetingKind, MeetingState, StatusReason, TrackStatus
from ..ids import encode
from ..okr.types import Cycle, KeyResult, Objective
from ..org.types import Team, User
from ..work.loaders import loaders, user_of, users_of
from ..work.types import Task


def _id(type_name: str, pk: int | None) -> strawberry.ID | None:
    return strawberry.ID(encode(type_name, pk)) if pk is not None else None


async def objective_now(info: Info, cycle_id: int, objective_id: int | None) -> Objective | None:
    """The objective as the viewer sees it now (None: archived since, or hidden)."""
    if objective_id is None:
        return None
    snap = await info.context.snapshot(cycle_id)
    row = snap.objectives.get(objective_id)
    return Objective.of(row, snap) if row is not None else None


@strawberry.type(
    description="One question of a meeting's agenda, as it was when the agenda was built."
)
class AgendaItem:
    id: strawberry.ID
    kind: AgendaItemKind  # type: ignore[valid-type]
    title: str = strawberry.field(description="The objective's, key result's or task's title then.")
    objective_id: strawberry.ID
    key_result_id: strawberry.ID | None
    task_id: strawberry.ID | None
    progress: float | None = strawberry.field(
        description="Progress then (of the key result for its items)."
    )
    status: TrackStatus | None  # type: ignore[valid-type]
    status_reasons: list[StatusReason]  # type: ignore[valid-type]
    delta: float | None = strawberry.field(
        description="MOVER: the change in progress since the team's previous progress meeting."
    )
    weight_sum: float | None = strawberry.field(description="WEIGHTS_OFF: the weights' sum then.")
    hints: list[str] = strawberry.field(
        description="DRAFT: its writing problems then (HintCode values); `objective.hints` has "
        "them as they are now."
    )
    score: float | None = strawberry.field(
        description="SCORE_KEY_RESULT: its final score then (null: not scored yet)."
    )
    spent_seconds: int = strawberry.field(
        description="How long the meeting had it open (not counting the open item's running time: "
        "add now − focus.openedAt for that one)."
    )
    item: Private[domain.AgendaItem]
    cycle_id: Private[int]

    @classmethod
    def of(cls, item: domain.AgendaItem, cycle_id: int, spent: int) -> "AgendaItem":
        return cls(
            id=strawberry.ID(item.id),
            kind=item.kind,
            title=item.title,
            objective_id=strawberry.ID(encode("Objective", item.objective_id)),
            key_result_id=_id("KeyResult", item.key_result_id),
            task_id=_id("Task", item.task_id),
            progress=item.progress,
            status=item.status,
            status_reasons=list(item.reasons),
            delta=item.delta,
            weight_sum=item.weight_sum,
            hints=list(item.hints),
            score=item.score,
            spent_seconds=spent,
            item=item,
            cycle_id=cycle_id,
        )

    @strawberry.field(description="Who answered for it then (owner, key result owner, assignee).")
    async def owner(self, info: Info) -> User | None:
        return await user_of(info, self.item.owner_id)

    @strawberry.field(description="The objective as it is now (null once archived).")
    async def objective(self, info: Info) -> Objective | None:
        return await objective_now(info, self.cycle_id, self.item.objective_id)

    @strawberry.field(description="The key result as it is now.")
    async def key_result(self, info: Info) -> KeyResult | None:
        if self.item.key_result_id is None:
            return None
        snap = await info.context.snapshot(self.cycle_id)
        row = snap.key_results.get(self.item.key_result_id)
        return KeyResult.of(row, snap) if row is not None else None

    @strawberry.field(description="The task as it is now (null once deleted).")
    async def task(self, info: Info) -> Task | None:
        if self.item.task_id is None:
            return None
        row = await loaders(info).tasks.load(self.item.task_id)
        return Task.of(row) if row is not None else None


@strawberry.type(description="What every screen in the meeting shows: the facilitator's choice.")
class MeetingFocus:
    agenda_item_id: strawberry.ID | None = strawberry.field(
        description="Null when no item is open, or when it is about something you may not see."
    )
    objective_id: strawberry.ID | None
    opened_at: datetime = strawberry.field(
        description="When the open item (with no item, the objective) was opened: the timer."
    )
    agenda_item: AgendaItem | None
    cycle_id: Private[int]
    objective_pk: Private[int | None]

    @strawberry.field
    async def objective(self, info: Info) -> Objective | None:
        return await objective_now(info, self.cycle_id, self.objective_pk)


@strawberry.type
class MeetingNotes:
    text: str
    version: int = strawberry.field(
        description="Send it back with setMeetingNotes: a save since answers CONFLICT."
    )
    edited_at: datetime | None
    edited_by_id: Private[int | None]

    @strawberry.field
    async def edited_by(self, info: Info) -> User | None:
        return await user_of(info, self.edited_by_id)


@strawberry.type
class MeetingDecision:
    id: strawberry.ID
    text: str = strawberry.field(description="Plain text as typed: render as text, not HTML.")
    objective_id: strawberry.ID | None
    agenda_item_id: strawberry.ID | None
    created_at: datetime
    edited_at: datetime | None
    row: Private[DecisionRow]
    cycle_id: Private[int]

    @classmethod
    def of(cls, row: DecisionRow, cycle_id: int) -> "MeetingDecision":
        return cls(
            id=strawberry.ID(encode("MeetingDecision", row.id)),
            text=row.text,
            objective_id=_id("Objective", row.objective_id),
            agenda_item_id=strawberry.ID(row.agenda_item) if row.agenda_item else None,
            created_at=row.created_at,
            edited_at=row.edited_at,
            row=row,
            cycle_id=cycle_id,
        )

    @strawberry.field
    async def author(self, info: Info) -> User | None:
        return await user_of(info, self.row.author_id)

    @strawberry.field
    async def objective(self, info: Info) -> Objective | None:
        return await objective_now(info, self.cycle_id, self.row.objective_id)


@strawberry.type
class MeetingViewerCan:
    run: bool = strawberry.field(
        description="Start and end it, lead it (focus), build its agenda again, change its time, "
        "facilitator and attendees, record decisions and action items."
    )
    take_notes: bool


@strawberry.type
class Meeting:
    id: strawberry.ID
    kind: MeetingKind  # type: ignore[valid-type]
    state: MeetingState  # type: ignore[valid-type]
    starts_at: datetime
    started_at: datetime | None
    ended_at: datetime | None
    agenda_built_at: datetime | None
    agenda_since: datetime | None = strawberry.field(
        description="PROGRESS: movers moved since then (the team's previous progress meeting, "
        "or the cycle's start)."
    )
    created_at: datetime
    seq: int = strawberry.field(
        description="The event seq this answer reflects: subscribe meetingEvents (and boardEvents "
        "for the numbers) with `since` = it."
    )
    scope: Private[MeetingReach]
    memo: Private[dict[str, Any]]

    @classmethod
    def of(cls, scope: MeetingReach, seq: int) -> "Meeting":
        row = scope.meeting
        return cls(
            id=strawberry.ID(encode("Meeting", row.id)),
            kind=row.kind,
            state=row.state,
            starts_at=row.starts_at,
            started_at=row.started_at,
            ended_at=row.ended_at,
            agenda_built_at=row.agenda_built_at,
            agenda_since=row.agenda_since,
            created_at=row.created_at,
            seq=seq,
            scope=scope,
            memo={},
        )

    async def _agenda(self) -> list[AgendaItem]:
        if "agenda" not in self.memo:
            row = self.scope.meeting
            self.memo["agenda"] = [
                AgendaItem.of(item, row.cycle_id, int(row.item_seconds.get(item.id, 0)))
                for item in await reads.visible_agenda(self.scope)
            ]
        found: list[AgendaItem] = self.memo["agenda"]
        return found

    @strawberry.field
    async def cycle(self, info: Info) -> Cycle:
        return Cycle.of(await CycleRow.get(id=self.scope.meeting.cycle_id))

    @strawberry.field(description="Null: the whole company's meeting.")
    async def team(self, info: Info) -> Team | None:
        team_id = self.scope.meeting.team_id
        return Team.of(await TeamRow.get(id=team_id)) if team_id is not None else None

    @strawberry.field
    async def facilitator(self, info: Info) -> User | None:
        return await user_of(info, self.scope.meeting.facilitator_id)

    @strawberry.field(
        description="Who attended: whoever had it open while it ran, and whoever its runners added."
    )
    async def attendees(self, info: Info) -> list[User]:
        return await users_of(info, self.scope.attendee_ids)

    @strawberry.field(description="Who has the meeting open now (live through meetingEvents).")
    async def present(self, info: Info) -> list[User]:
        ids = await get_presence().who(self.scope.actor.org_id, meeting_room(self.scope.meeting.id))
        return await users_of(info, ids)

    @strawberry.field(
        description="Built from the data at meeting time and kept; only the items "
        "about objectives you may see."
    )
    async def agenda(self) -> list[AgendaItem]:
        return await self._agenda()

    @strawberry.field(description="Null: nothing open.")
    async def focus(self) -> MeetingFocus | None:
        row = self.scope.meeting
        if row.focus_opened_at is None:
            return None
        shown = {i.item.id: i for i in await self._agenda()}
        seen = {i.item.objective_id for i in shown.values()}
        objective_id = row.focus_objective_id
        if objective_id is not None and objective_id not in seen:
            visible = await reads.visible_objectives(
                self.scope.actor, self.scope.directory, [objective_id]
            )
            objective_id = objective_id if visible else None
        item = shown.get(row.focus_item) if row.focus_item else None
        return MeetingFocus(
            agenda_item_id=item.id if item else None,
            objective_id=_id("Objective", objective_id),
            opened_at=row.focus_opened_at,
            agenda_item=item,
            cycle_id=row.cycle_id,
            objective_pk=objective_id,
        )

    @strawberry.field
    def notes(self) -> MeetingNotes:
        row = self.scope.meeting
        return MeetingNotes(
            text=row.notes,
            version=row.notes_version,
            edited_at=row.notes_edited_at,
            edited_by_id=row.notes_edited_by_id,
        )

    @strawberry.field(
        description="In the order taken; those about objectives you may not see are left out."
    )
    async def decisions(self) -> list[MeetingDecision]:
        cycle_id = self.scope.meeting.cycle_id
        return [MeetingDecision.of(d, cycle_id) for d in await reads.decisions(self.scope)]

    @strawberry.field(description="The tasks it decided, in the order added.")
    async def action_items(self) -> list[Task]:
        return [Task.of(t) for t in await reads.action_items(self.scope)]

    @strawberry.field
    def viewer_can(self) -> MeetingViewerCan:
        return MeetingViewerCan(
            run=self.scope.runs, take_notes=can_take_notes(self.scope.actor, self.scope.access)
        )


async def meeting_of(info: Info, meeting_id: int | None) -> Meeting | None:
    """A meeting the viewer may see, or None."""
    actor = info.context.actor
    if meeting_id is None or actor is None:
        return None
    try:
        scope = await reads.meeting(actor, meeting_id, info.context.directory)
    except NotFound:
        return None
    return Meeting.of(scope, await org_seq(actor.org_id))
