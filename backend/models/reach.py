"""Reaching people outside the open tab: team IM webhooks, the outbox of messages to send,
the claims that make every scheduled run happen once, the last status each item was seen in,
and each person's choice of what reaches them where."""

from tortoise import fields
from tortoise.models import Model

from .org import Organization, Team, User


class Webhook(Model):
    # A team's group-chat robot (Feishu, DingTalk, WeCom, Slack). The secret signs requests
    # (Feishu, DingTalk) and is never returned by the API once set.
    id = fields.IntField(primary_key=True)
    organization: fields.ForeignKeyRelation[Organization] = fields.ForeignKeyField(
        "models.Organization", related_name="webhooks", on_delete=fields.CASCADE
    )
    organization_id: int
    team: fields.ForeignKeyRelation[Team] = fields.ForeignKeyField(
        "models.Team", related_name="webhooks", on_delete=fields.CASCADE
    )
    team_id: int
    kind = fields.CharField(max_length=10)
    name = fields.CharField(max_length=100, default="")
    url = fields.CharField(max_length=500)
    secret = fields.CharField(max_length=200, default="")
    locale = fields.CharField(max_length=8, default="zh-CN")  # the language the chat is written in
    # what the channel hears: status warnings and the weekly check-in nudge
    warnings = fields.BooleanField(default=True)
    reminders = fields.BooleanField(default=True)
    # set after repeated failures (the admins are told); cleared by an edit or a test message
    paused_at = fields.DatetimeField(null=True)
    failures = fields.IntField(default=0)  # consecutive failed deliveries
    last_error = fields.CharField(max_length=300, default="")
    last_sent_at = fields.DatetimeField(null=True)
    tested_at = fields.DatetimeField(null=True)  # the last test message (at most one per 10 s)
    created_by: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="webhooks", null=True, on_delete=fields.SET_NULL
    )
    created_by_id: int | None
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "webhook"


class OutboxMessage(Model):
    # One message to send (an e-mail or an IM post), written in the transaction of its cause
    # and sent after commit by the jobs; `key` makes writing it twice impossible.
    id = fields.BigIntField(primary_key=True)
    organization: fields.ForeignKeyRelation[Organization] = fields.ForeignKeyField(
        "models.Organization", related_name="outbox", on_delete=fields.CASCADE
    )
    organization_id: int
    key = fields.CharField(max_length=200, unique=True)
    channel = fields.CharField(max_length=10)  # EMAIL | WEBHOOK
    user: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="outbox", null=True, on_delete=fields.CASCADE
    )
    user_id: int | None
    webhook: fields.ForeignKeyNullableRelation[Webhook] = fields.ForeignKeyField(
        "models.Webhook", related_name="outbox", null=True, on_delete=fields.CASCADE
    )
    webhook_id: int | None
    message: dict[str, object] = fields.JSONField()  # the rendered content (domain.reach.notice)
    state = fields.CharField(max_length=8, default="PENDING")  # PENDING SENT FAILED
    attempts = fields.IntField(default=0)
    next_attempt_at = fields.DatetimeField()
    # a sender's claim: another process takes the message over once it has expired
    lease_until = fields.DatetimeField(null=True)
    lease_owner = fields.CharField(max_length=40, default="")
    last_error = fields.CharField(max_length=300, default="")
    created_at = fields.DatetimeField()  # the cause's time (a job's `now`): its age counts from it
    sent_at = fields.DatetimeField(null=True)

    class Meta:
        table = "outbox_message"
        indexes = (("state", "next_attempt_at"),)


class JobClaim(Model):
    # One scheduled run (job × period) or one delivery of it (× recipient), unique: the row
    # is the claim. A run's row carries a lease a dead process lets expire; a recipient's row is
    # written with its notification and outbox messages, in one transaction, so exactly once.
    id = fields.BigIntField(primary_key=True)
    organization: fields.ForeignKeyRelation[Organization] = fields.ForeignKeyField(
        "models.Organization", related_name="job_claims", on_delete=fields.CASCADE
    )
    organization_id: int
    job = fields.CharField(max_length=40)
    period = fields.CharField(max_length=60)
    recipient = fields.CharField(max_length=40, default="")  # "" for the run itself
    lease_until = fields.DatetimeField(null=True)
    owner = fields.CharField(max_length=40, default="")
    done_at = fields.DatetimeField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "job_claim"
        unique_together = (("organization", "job", "period", "recipient"),)


class WatchedStatus(Model):
    # The status (and reasons) a key result or objective was last seen in by the warnings:
    # a worse one seen next is a transition, told once (a compare-and-set on this row).
    id = fields.BigIntField(primary_key=True)
    organization: fields.ForeignKeyRelation[Organization] = fields.ForeignKeyField(
        "models.Organization", related_name="watched", on_delete=fields.CASCADE
    )
    organization_id: int
    cycle_id = fields.IntField()
    item = fields.CharField(max_length=24)  # "kr:12" or "obj:3"
    status = fields.CharField(max_length=12)
    reasons: list[str] = fields.JSONField(default=list)
    changed_at = fields.DatetimeField()
    version = fields.IntField(default=1)  # what a transition's compare-and-set compares

    class Meta:
        table = "watched_status"
        unique_together = (("organization", "item"),)
        indexes = (("organization_id", "cycle_id"),)


class ReachPreference(Model):
    # What reaches one person where: {topic: [channels]} for the topics they changed (the
    # others keep their defaults, domain.reach.preferences), and a mute until a moment.
    id = fields.IntField(primary_key=True)
    organization: fields.ForeignKeyRelation[Organization] = fields.ForeignKeyField(
        "models.Organization", related_name="reach_preferences", on_delete=fields.CASCADE
    )
    organization_id: int
    user: fields.OneToOneRelation[User] = fields.OneToOneField(
        "models.User", related_name="reach_preference", on_delete=fields.CASCADE
    )
    user_id: int
    channels: dict[str, list[str]] = fields.JSONField(default=dict)
    muted_until = fields.DatetimeField(null=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "reach_preference"
