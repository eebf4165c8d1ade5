"""The activity log: the audit trail and the replay source for live clients."""

from tortoise import fields
from tortoise.models import Model

from .org import Organization, User


class ActivityEvent(Model):
    id = fields.BigIntField(primary_key=True)
    organization: fields.ForeignKeyRelation[Organization] = fields.ForeignKeyField(
        "models.Organization", related_name="activity", on_delete=fields.CASCADE
    )
    organization_id: int
    seq = fields.BigIntField()
    kind = fields.CharField(max_length=40)
    actor: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="activity", null=True, on_delete=fields.SET_NULL
    )
    actor_id: int | None
    # plain ids (not foreign keys): the log outlives what it describes
    cycle_id = fields.IntField(null=True)
    objective_id = fields.IntField(null=True)
    key_result_id = fields.IntField(null=True)
    payload: dict[str, object] = fields.JSONField(default=dict)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "activity_event"
        unique_together = (("organization", "seq"),)
        indexes = (("organization_id", "cycle_id", "seq"),)
