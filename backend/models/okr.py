"""Cycles, objectives, key results and their append-only check-ins."""

from tortoise import fields
from tortoise.models import Model

from ..domain.enums import (
    CyclePhase,
    KRKind,
    ObjectiveLevel,
    ObjectiveState,
    ProgressSource,
    Visibility,
)
from .org import Organization, Team, User


class Cycle(Model):
    id = fields.IntField(primary_key=True)
    organization: fields.ForeignKeyRelation[Organization] = fields.ForeignKeyField(
        "models.Organization", related_name="cycles", on_delete=fields.CASCADE
    )
    organization_id: int
    name = fields.CharField(max_length=100)
    starts_on = fields.DateField()
    ends_on = fields.DateField()
    phase = fields.CharEnumField(CyclePhase, max_length=12, default=CyclePhase.DRAFTING)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "cycle"


class Objective(Model):
    id = fields.IntField(primary_key=True)
    organization: fields.ForeignKeyRelation[Organization] = fields.ForeignKeyField(
        "models.Organization", related_name="objectives", on_delete=fields.CASCADE
    )
    organization_id: int
    cycle: fields.ForeignKeyRelation[Cycle] = fields.ForeignKeyField(
        "models.Cycle", related_name="objectives", on_delete=fields.CASCADE
    )
    cycle_id: int
    title = fields.CharField(max_length=200)
    description = fields.TextField(default="")
    level = fields.CharEnumField(ObjectiveLevel, max_length=10)
    state = fields.CharEnumField(ObjectiveState, max_length=10, default=ObjectiveState.DRAFT)
    visibility = fields.CharEnumField(Visibility, max_length=10, default=Visibility.PUBLIC)
    owner: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="objectives", on_delete=fields.RESTRICT
    )
    owner_id: int
    team: fields.ForeignKeyNullableRelation[Team] = fields.ForeignKeyField(
        "models.Team", related_name="objectives", null=True, on_delete=fields.SET_NULL
    )
    team_id: int | None
    parent: fields.ForeignKeyNullableRelation["Objective"] = fields.ForeignKeyField(
        "models.Objective", related_name="children", null=True, on_delete=fields.SET_NULL
    )
    parent_id: int | None
    source_key_result: fields.ForeignKeyNullableRelation["KeyResult"] = fields.ForeignKeyField(
        "models.KeyResult", related_name="converted", null=True, on_delete=fields.SET_NULL
    )
    source_key_result_id: int | None
    score = fields.FloatField(null=True)
    # the owner's "I commit" (共识会): it counts while they still own the objective
    committed_at = fields.DatetimeField(null=True)
    committed_by: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="commitments", null=True, on_delete=fields.SET_NULL
    )
    committed_by_id: int | None
    version = fields.IntField(default=1)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "objective"
        # the alignment chain is walked by parent and by the key result converted from
        indexes = (("organization_id", "cycle_id"), ("parent_id",), ("source_key_result_id",))


class KeyResult(Model):
    id = fields.IntField(primary_key=True)
    organization: fields.ForeignKeyRelation[Organization] = fields.ForeignKeyField(
        "models.Organization", related_name="key_results", on_delete=fields.CASCADE
    )
    organization_id: int
    objective: fields.ForeignKeyRelation[Objective] = fields.ForeignKeyField(
        "models.Objective", related_name="key_results", on_delete=fields.CASCADE
    )
    objective_id: int
    title = fields.CharField(max_length=200)
    kind = fields.CharEnumField(KRKind, max_length=10)
    unit = fields.CharField(max_length=20, default="")
    start_value = fields.FloatField(null=True)
    target_value = fields.FloatField(null=True)
    range_min = fields.FloatField(null=True)
    range_max = fields.FloatField(null=True)
    # the latest check-in's value (null = none yet); history lives in CheckIn
    current_value = fields.FloatField(null=True)
    due_date = fields.DateField(null=True)
    weight = fields.FloatField(default=0)
    owner: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="key_results", null=True, on_delete=fields.SET_NULL
    )
    owner_id: int | None
    confidence = fields.IntField(null=True)
    progress_source = fields.CharEnumField(
        ProgressSource, max_length=8, default=ProgressSource.MANUAL
    )
    difficulty = fields.FloatField(default=0.5)
    effort = fields.FloatField(default=0.5)
    score = fields.FloatField(null=True)  # the final score (复盘); None: not scored yet
    score_reason = fields.CharField(max_length=500, default="", db_default="")
    scored_at = fields.DatetimeField(null=True)
    scored_by: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="scored_key_results", null=True, on_delete=fields.SET_NULL
    )
    scored_by_id: int | None
    position = fields.IntField(default=0)
    archived = fields.BooleanField(default=False)
    last_check_in_at = fields.DatetimeField(null=True)
    # counts edits of the fields an editor writes (not check-ins, not scoring)
    version = fields.IntField(default=1, db_default=1)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "key_result"
        indexes = (("objective_id", "position"),)


class CheckIn(Model):
    # Append-only: a check-in is never deleted and its figures never change. Its author may
    # retract it — withdrawn, or corrected by a new check-in that takes its place in time
    # (`replaced_by`); the key result then stands at the newest check-in not retracted.
    id = fields.IntField(primary_key=True)
    organization: fields.ForeignKeyRelation[Organization] = fields.ForeignKeyField(
        "models.Organization", related_name="check_ins", on_delete=fields.CASCADE
    )
    organization_id: int
    key_result: fields.ForeignKeyRelation[KeyResult] = fields.ForeignKeyField(
        "models.KeyResult", related_name="check_ins", on_delete=fields.CASCADE
    )
    key_result_id: int
    author: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="check_ins", on_delete=fields.RESTRICT
    )
    author_id: int
    value = fields.FloatField()
    confidence = fields.IntField(null=True)
    note = fields.TextField(default="")
    progress = fields.FloatField()
    raw_progress = fields.FloatField()
    created_at = fields.DatetimeField()
    # picked by the client (its offline outbox): the same check-in sent twice is written once
    client_id = fields.CharField(max_length=64, null=True)
    retracted_at = fields.DatetimeField(null=True)
    retracted_by: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="retracted_check_ins", null=True, on_delete=fields.SET_NULL
    )
    retracted_by_id: int | None
    retract_reason = fields.CharField(max_length=500, default="", db_default="")
    # the correction that replaced this check-in (None while current, or when withdrawn)
    replaced_by: fields.ForeignKeyNullableRelation["CheckIn"] = fields.ForeignKeyField(
        "models.CheckIn", related_name="replaces", null=True, on_delete=fields.SET_NULL
    )
    replaced_by_id: int | None

    class Meta:
        table = "check_in"
        indexes = (("key_result_id", "created_at"),)
        unique_together = (("author", "client_id"),)
