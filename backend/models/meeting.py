"""Meetings (圆桌会 共识会 推进会 复盘会): the agenda built from the data and kept, the
facilitator's focus, notes, decisions; action items are tasks that name their meeting."""

from typing import Any

from tortoise import fields
from tortoise.models import Model

from ..domain.enums import MeetingKind, MeetingState
from .okr import Cycle, Objective
from .org import Organization, Team, User


class Meeting(Model):
    id = fields.IntField(primary_key=True)
    organization: fields.ForeignKeyRelation[Organization] = fields.ForeignKeyField(
        "models.Organization", related_name="meetings", on_delete=fields.CASCADE
    )
    organization_id: int
    cycle: fields.ForeignKeyRelation[Cycle] = fields.ForeignKeyField(
        "models.Cycle", related_name="meetings", on_delete=fields.CASCADE
    )
    cycle_id: int
    kind = fields.CharEnumField(MeetingKind, max_length=16)
    # the team with its sub-teams; None: the whole company
    team: fields.ForeignKeyNullableRelation[Team] = fields.ForeignKeyField(
        "models.Team", related_name="meetings", null=True, on_delete=fields.RESTRICT
    )
    team_id: int | None
    state = fields.CharEnumField(MeetingState, max_length=10, default=MeetingState.SCHEDULED)
    starts_at = fields.DatetimeField()
    started_at = fields.DatetimeField(null=True)
    ended_at = fields.DatetimeField(null=True)
    facilitator: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="facilitated_meetings", on_delete=fields.RESTRICT
    )
    facilitator_id: int
    creator: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="created_meetings", on_delete=fields.RESTRICT
    )
    creator_id: int
    attendees: fields.ManyToManyRelation[User] = fields.ManyToManyField(
        "models.User", related_name="attended_meetings", through="meeting_attendee"
    )
    # domain.agenda.AgendaItem.to_json() of each item, as built (kept once the meeting ends)
    agenda: list[dict[str, Any]] = fields.JSONField(default=list)
    agenda_built_at = fields.DatetimeField(null=True)
    # PROGRESS: the movers are measured from here (the team's previous progress meeting)
    agenda_since = fields.DatetimeField(null=True)
    # agenda item id -> whole seconds it was open (added up each time the focus leaves it)
    item_seconds: dict[str, int] = fields.JSONField(default=dict)
    focus_item = fields.CharField(max_length=64, null=True)
    # plain id: the agenda item's objective, or another one of the cycle the facilitator opened
    focus_objective_id = fields.IntField(null=True)
    focus_opened_at = fields.DatetimeField(null=True)
    notes = fields.TextField(default="")
    notes_version = fields.IntField(default=0)
    notes_edited_at = fields.DatetimeField(null=True)
    notes_edited_by: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="meeting_notes", null=True, on_delete=fields.SET_NULL
    )
    notes_edited_by_id: int | None
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "meeting"
        indexes = (("organization_id", "cycle_id"),)


class MeetingDecision(Model):
    id = fields.IntField(primary_key=True)
    organization: fields.ForeignKeyRelation[Organization] = fields.ForeignKeyField(
        "models.Organization", related_name="meeting_decisions", on_delete=fields.CASCADE
    )
    organization_id: int
    meeting: fields.ForeignKeyRelation[Meeting] = fields.ForeignKeyField(
        "models.Meeting", related_name="decisions", on_delete=fields.CASCADE
    )
    meeting_id: int
    author: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="meeting_decisions", on_delete=fields.RESTRICT
    )
    author_id: int
    text = fields.TextField()
    # what it decides about, when it is about one objective: who may see that one sees it
    objective: fields.ForeignKeyNullableRelation[Objective] = fields.ForeignKeyField(
        "models.Objective", related_name="meeting_decisions", null=True, on_delete=fields.CASCADE
    )
    objective_id: int | None
    agenda_item = fields.CharField(max_length=64, null=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    edited_at = fields.DatetimeField(null=True)

    class Meta:
        table = "meeting_decision"
        indexes = (("meeting_id", "id"),)
