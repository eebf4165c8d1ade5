"""Tenancy and people: organizations, users, nested teams, auth tokens."""

from tortoise import fields
from tortoise.models import Model

from ..domain.enums import Locale, Role


class Organization(Model):
    id = fields.IntField(primary_key=True)
    name = fields.CharField(max_length=100)
    slug = fields.CharField(max_length=64, unique=True)
    # The activity counter: incremented inside every writing transaction so that `seq`
    # orders commits (an autoincrement id would not on PostgreSQL).
    last_seq = fields.BigIntField(default=0)
    behind_gap = fields.FloatField(default=0.30)
    at_risk_gap = fields.FloatField(default=0.15)
    stale_days = fields.IntField(default=7)
    # null: the server's zone (LODESTAR_TIME_ZONE); dates, "today" and schedules follow it
    time_zone = fields.CharField(max_length=64, null=True)
    # the weekly check-in reminder and digest: ISO weekday (1 Monday … 7 Sunday) and local
    # minute of the day; milestones are announced this many days before they are due
    reminder_weekday = fields.IntField(default=5, db_default=5)
    reminder_minute = fields.IntField(default=16 * 60, db_default=16 * 60)
    digest_weekday = fields.IntField(default=1, db_default=1)
    digest_minute = fields.IntField(default=9 * 60, db_default=9 * 60)
    milestone_days = fields.IntField(default=3, db_default=3)
    # the first day of a week (ISO 1 Monday … 7 Sunday): "this week" in reminders and digests
    week_start = fields.IntField(default=1, db_default=1)
    # the join link: whoever opens it with an address of this domain may ask for an account
    # (the invitation is e-mailed to that address); no domain, no link
    join_domain = fields.CharField(max_length=189, null=True)
    join_key = fields.CharField(max_length=64, null=True, db_index=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "organization"


class User(Model):
    id = fields.IntField(primary_key=True)
    organization: fields.ForeignKeyRelation[Organization] = fields.ForeignKeyField(
        "models.Organization", related_name="users", on_delete=fields.CASCADE
    )
    organization_id: int
    email = fields.CharField(max_length=254, unique=True)
    password_hash = fields.CharField(max_length=255)
    display_name = fields.CharField(max_length=80)
    handle = fields.CharField(max_length=32)
    # handle, name, pinyin and pinyin initials, lower-cased: what @-autocomplete matches
    search_text = fields.CharField(max_length=400, default="")
    locale = fields.CharEnumField(Locale, max_length=8, default=Locale.EN)
    role = fields.CharEnumField(Role, max_length=8, default=Role.MEMBER)
    manager: fields.ForeignKeyNullableRelation["User"] = fields.ForeignKeyField(
        "models.User", related_name="reports", null=True, on_delete=fields.SET_NULL
    )
    manager_id: int | None
    is_active = fields.BooleanField(default=True)
    # notification settings: the NotificationKind values this person does not want
    muted_notification_kinds: list[str] = fields.JSONField(default=list, db_default="[]")
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "user"
        unique_together = (("organization", "handle"),)


class Team(Model):
    id = fields.IntField(primary_key=True)
    organization: fields.ForeignKeyRelation[Organization] = fields.ForeignKeyField(
        "models.Organization", related_name="teams", on_delete=fields.CASCADE
    )
    organization_id: int
    name = fields.CharField(max_length=100)
    parent: fields.ForeignKeyNullableRelation["Team"] = fields.ForeignKeyField(
        "models.Team", related_name="subteams", null=True, on_delete=fields.RESTRICT
    )
    parent_id: int | None
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "team"


class TeamMember(Model):
    id = fields.IntField(primary_key=True)
    team: fields.ForeignKeyRelation[Team] = fields.ForeignKeyField(
        "models.Team", related_name="memberships", on_delete=fields.CASCADE
    )
    team_id: int
    user: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="memberships", on_delete=fields.CASCADE
    )
    user_id: int
    is_lead = fields.BooleanField(default=False)

    class Meta:
        table = "team_member"
        unique_together = (("team", "user"),)


class AuthToken(Model):
    # A session (cookie) or a personal API token; only a hash of the secret is stored.
    id = fields.IntField(primary_key=True)
    user: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="tokens", on_delete=fields.CASCADE
    )
    user_id: int
    is_session = fields.BooleanField()
    name = fields.CharField(max_length=100, default="")
    token_hash = fields.CharField(max_length=64, unique=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    last_used_at = fields.DatetimeField(null=True)
    expires_at = fields.DatetimeField(null=True)
    revoked_at = fields.DatetimeField(null=True)

    class Meta:
        table = "auth_token"


class AccountLink(Model):
    # A one-time, expiring link e-mailed to someone: an invitation (the account is made when
    # it is accepted) or a password reset. Only a hash of its secret is stored.
    id = fields.IntField(primary_key=True)
    organization: fields.ForeignKeyRelation[Organization] = fields.ForeignKeyField(
        "models.Organization", related_name="account_links", on_delete=fields.CASCADE
    )
    organization_id: int
    purpose = fields.CharField(max_length=8)  # INVITE | RESET
    email = fields.CharField(max_length=254, db_index=True)
    # an invitation's account: name, role, manager and team it is made with
    display_name = fields.CharField(max_length=80, default="")
    role = fields.CharEnumField(Role, max_length=8, default=Role.MEMBER)
    manager_id = fields.IntField(null=True)
    team_id = fields.IntField(null=True)
    # a reset's account
    user: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="account_links", null=True, on_delete=fields.CASCADE
    )
    user_id: int | None
    invited_by: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="invitations_sent", null=True, on_delete=fields.SET_NULL
    )
    invited_by_id: int | None
    token_hash = fields.CharField(max_length=64, unique=True)
    created_at = fields.DatetimeField()
    expires_at = fields.DatetimeField()
    used_at = fields.DatetimeField(null=True)
    revoked_at = fields.DatetimeField(null=True)

    class Meta:
        table = "account_link"


class LoginFailure(Model):
    # One failed sign-in, keyed by account and by address; counted within a window.
    id = fields.IntField(primary_key=True)
    key = fields.CharField(max_length=300, db_index=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "login_failure"


class SsoConfig(Model):
    # An organization's OpenID Connect sign-in; the client secret never leaves the server.
    id = fields.IntField(primary_key=True)
    organization: fields.OneToOneRelation[Organization] = fields.OneToOneField(
        "models.Organization", related_name="sso", on_delete=fields.CASCADE
    )
    organization_id: int
    enabled = fields.BooleanField(default=False)
    discovery_url = fields.CharField(max_length=500, default="")
    client_id = fields.CharField(max_length=255, default="")
    client_secret = fields.CharField(max_length=500, default="")
    # e-mail domain whose unknown people get an account at their first SSO sign-in; "" = none
    jit_domain = fields.CharField(max_length=253, default="")
    # members sign in only through the provider (admins keep their password: a way back in)
    password_sign_in = fields.BooleanField(default=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "sso_config"
