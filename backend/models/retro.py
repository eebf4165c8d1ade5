"""The retrospective and the consensus around a cycle's OKRs: the reviewers an objective's
owner or lead chose (互评), their reviews of its key results, likes on anything one can see
(互赞), and an objective's lessons. Commitments and final scores live on the objective and the
key result themselves (models/okr.py)."""

from tortoise import fields
from tortoise.models import Model

from .okr import KeyResult, Objective
from .org import Organization, User


class ReviewerChoice(Model):
    """Someone asked to review an objective's key results."""

    id = fields.IntField(primary_key=True)
    organization: fields.ForeignKeyRelation[Organization] = fields.ForeignKeyField(
        "models.Organization", related_name="reviewer_choices", on_delete=fields.CASCADE
    )
    organization_id: int
    objective: fields.ForeignKeyRelation[Objective] = fields.ForeignKeyField(
        "models.Objective", related_name="reviewer_choices", on_delete=fields.CASCADE
    )
    objective_id: int
    reviewer: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="review_duties", on_delete=fields.CASCADE
    )
    reviewer_id: int
    chosen_by: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="reviewers_chosen", null=True, on_delete=fields.SET_NULL
    )
    chosen_by_id: int | None
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "reviewer_choice"
        unique_together = (("objective", "reviewer"),)


class PeerReview(Model):
    """One reviewer's score and comment on one key result (editable, one per reviewer)."""

    id = fields.IntField(primary_key=True)
    organization: fields.ForeignKeyRelation[Organization] = fields.ForeignKeyField(
        "models.Organization", related_name="peer_reviews", on_delete=fields.CASCADE
    )
    organization_id: int
    # the key result's objective (who may see the review), for reads by objective
    objective: fields.ForeignKeyRelation[Objective] = fields.ForeignKeyField(
        "models.Objective", related_name="peer_reviews", on_delete=fields.CASCADE
    )
    objective_id: int
    key_result: fields.ForeignKeyRelation[KeyResult] = fields.ForeignKeyField(
        "models.KeyResult", related_name="peer_reviews", on_delete=fields.CASCADE
    )
    key_result_id: int
    reviewer: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="peer_reviews", on_delete=fields.CASCADE
    )
    reviewer_id: int
    score = fields.FloatField()
    comment = fields.TextField(default="")
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "peer_review"
        unique_together = (("key_result", "reviewer"),)
        indexes = (("objective_id",),)


class Like(Model):
    """One person's like of an objective, key result, check-in or comment."""

    id = fields.IntField(primary_key=True)
    organization: fields.ForeignKeyRelation[Organization] = fields.ForeignKeyField(
        "models.Organization", related_name="likes", on_delete=fields.CASCADE
    )
    organization_id: int
    user: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="likes", on_delete=fields.CASCADE
    )
    user_id: int
    # the liked item's objective: who may see the like
    objective: fields.ForeignKeyRelation[Objective] = fields.ForeignKeyField(
        "models.Objective", related_name="likes", on_delete=fields.CASCADE
    )
    objective_id: int
    target_type = fields.CharField(max_length=12)  # Objective | KeyResult | CheckIn | Comment
    target_id = fields.IntField()
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "item_like"
        unique_together = (("user", "target_type", "target_id"),)
        indexes = (("target_type", "target_id"),)


class Lessons(Model):
    """An objective's lessons: what went well, what to improve, what to carry on."""

    id = fields.IntField(primary_key=True)
    organization: fields.ForeignKeyRelation[Organization] = fields.ForeignKeyField(
        "models.Organization", related_name="lessons", on_delete=fields.CASCADE
    )
    organization_id: int
    objective: fields.OneToOneRelation[Objective] = fields.OneToOneField(
        "models.Objective", related_name="lessons", on_delete=fields.CASCADE
    )
    objective_id: int
    went_well = fields.TextField(default="")
    to_improve = fields.TextField(default="")
    to_carry_on = fields.TextField(default="")
    version = fields.IntField(default=1)
    updated_by: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="lessons_written", null=True, on_delete=fields.SET_NULL
    )
    updated_by_id: int | None
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "lessons"
