"""Work under the OKRs: tasks, comments with mentions, notifications."""

from tortoise import fields
from tortoise.models import Model

from ..domain.enums import NotificationKind, TaskStatus
from .meeting import Meeting
from .okr import Cycle, KeyResult, Objective
from .org import Organization, User


class Task(Model):
    id = fields.IntField(primary_key=True)
    organization: fields.ForeignKeyRelation[Organization] = fields.ForeignKeyField(
        "models.Organization", related_name="tasks", on_delete=fields.CASCADE
    )
    organization_id: int
    objective: fields.ForeignKeyRelation[Objective] = fields.ForeignKeyField(
        "models.Objective", related_name="tasks", on_delete=fields.CASCADE
    )
    objective_id: int
    key_result: fields.ForeignKeyNullableRelation[KeyResult] = fields.ForeignKeyField(
        "models.KeyResult", related_name="tasks", null=True, on_delete=fields.CASCADE
    )
    key_result_id: int | None
    title = fields.CharField(max_length=200)
    description = fields.TextField(default="")
    status = fields.CharEnumField(TaskStatus, max_length=8, default=TaskStatus.TODO)
    creator: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="created_tasks", on_delete=fields.RESTRICT
    )
    creator_id: int
    assignee: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="assigned_tasks", null=True, on_delete=fields.SET_NULL
    )
    assignee_id: int | None
    collaborators: fields.ManyToManyRelation[User] = fields.ManyToManyField(
        "models.User", related_name="collaborating_tasks", through="task_collaborator"
    )
    due_date = fields.DateField(null=True)
    position = fields.IntField(default=0)
    # an action item: the meeting that decided it
    meeting: fields.ForeignKeyNullableRelation[Meeting] = fields.ForeignKeyField(
        "models.Meeting", related_name="action_items", null=True, on_delete=fields.SET_NULL
    )
    meeting_id: int | None
    deleted_at = fields.DatetimeField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)
    # picked by the client: the same task sent twice (a retry) is written once
    client_id = fields.CharField(max_length=64, null=True)

    class Meta:
        table = "task"
        unique_together = (("creator", "client_id"),)
        # a task-driven key result's counts; a meeting's action items
        indexes = (("key_result_id", "status"), ("meeting_id",))


class Comment(Model):
    # A comment on a task, key result or objective; `objective` decides who may see it.
    id = fields.IntField(primary_key=True)
    organization: fields.ForeignKeyRelation[Organization] = fields.ForeignKeyField(
        "models.Organization", related_name="comments", on_delete=fields.CASCADE
    )
    organization_id: int
    objective: fields.ForeignKeyRelation[Objective] = fields.ForeignKeyField(
        "models.Objective", related_name="comments", on_delete=fields.CASCADE
    )
    objective_id: int
    key_result: fields.ForeignKeyNullableRelation[KeyResult] = fields.ForeignKeyField(
        "models.KeyResult", related_name="comments", null=True, on_delete=fields.CASCADE
    )
    key_result_id: int | None
    task: fields.ForeignKeyNullableRelation[Task] = fields.ForeignKeyField(
        "models.Task", related_name="comments", null=True, on_delete=fields.CASCADE
    )
    task_id: int | None
    author: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="comments", on_delete=fields.RESTRICT
    )
    author_id: int
    body = fields.TextField()
    mentions: fields.ManyToManyRelation[User] = fields.ManyToManyField(
        "models.User", related_name="mentioned_in", through="comment_mention"
    )
    created_at = fields.DatetimeField(auto_now_add=True)
    edited_at = fields.DatetimeField(null=True)
    deleted_at = fields.DatetimeField(null=True)
    # picked by the client: the same comment sent twice (a retry) is written once
    client_id = fields.CharField(max_length=64, null=True)

    class Meta:
        table = "comment"
        unique_together = (("author", "client_id"),)


class Notification(Model):
    id = fields.IntField(primary_key=True)
    organization: fields.ForeignKeyRelation[Organization] = fields.ForeignKeyField(
        "models.Organization", related_name="notifications", on_delete=fields.CASCADE
    )
    organization_id: int
    user: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="notifications", on_delete=fields.CASCADE
    )
    user_id: int
    kind = fields.CharEnumField(NotificationKind, max_length=12)
    actor: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="caused_notifications", null=True, on_delete=fields.SET_NULL
    )
    actor_id: int | None
    objective: fields.ForeignKeyNullableRelation[Objective] = fields.ForeignKeyField(
        "models.Objective", related_name="notifications", null=True, on_delete=fields.CASCADE
    )
    objective_id: int | None
    task: fields.ForeignKeyNullableRelation[Task] = fields.ForeignKeyField(
        "models.Task", related_name="notifications", null=True, on_delete=fields.CASCADE
    )
    task_id: int | None
    comment: fields.ForeignKeyNullableRelation[Comment] = fields.ForeignKeyField(
        "models.Comment", related_name="notifications", null=True, on_delete=fields.CASCADE
    )
    comment_id: int | None
    # a notification about a whole cycle (its phase moved)
    cycle: fields.ForeignKeyNullableRelation[Cycle] = fields.ForeignKeyField(
        "models.Cycle", related_name="notifications", null=True, on_delete=fields.CASCADE
    )
    cycle_id: int | None
    # what the recipient reads in it besides the rows it names (a phase move: the phases
    # and the reason), rendered in their language by whoever shows it
    detail: dict[str, object] | None = fields.JSONField(null=True)
    read_at = fields.DatetimeField(null=True)
    # a burst about one item updates one notification: how many events it stands for
    count = fields.IntField(default=1, db_default=1)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "notification"
        indexes = (("user_id", "read_at"),)
