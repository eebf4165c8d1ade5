"""Robots, preferences, the reminder schedule, and what a WARNING or REMINDER notification
says, as GraphQL types."""

from datetime import datetime

import strawberry

from ...domain.reach import im, notices, preferences
from ...domain.reach.notice import Notice as NoticeValue
from ...domain.reach.schedule import format_time
from ...models import Organization as OrganizationRow
from ...models import ReachPreference
from ...models import Webhook as WebhookRow
from ...read.webhooks import url_hint
from ..context import Info
from ..ids import encode

WebhookKind = strawberry.enum(im.WebhookKind, description="FEISHU DINGTALK WECOM SLACK")
ReachTopic = strawberry.enum(
    preferences.Topic, description="What reaches a person: warnings, reminders, the digest."
)
ReachChannel = strawberry.enum(
    preferences.Channel, description="Where: the inbox, e-mail, their team's group chat."
)
NoticeAbout = strawberry.enum(notices.About)


@strawberry.type(
    description="A team's group-chat robot. Its address and secret are never read back."
)
class Webhook:
    id: strawberry.ID
    team_id: strawberry.ID
    kind: WebhookKind  # type: ignore[valid-type]
    name: str
    url_hint: str = strawberry.field(description="Scheme, host and the last characters.")
    has_secret: bool
    locale: str = strawberry.field(description="The language messages to this chat are in.")
    warnings: bool = strawberry.field(description="The chat hears of status warnings.")
    reminders: bool = strawberry.field(description="The chat gets the weekly check-in nudge.")
    paused: bool
    paused_at: datetime | None
    failures: int = strawberry.field(description="Failed deliveries in a row.")
    last_error: str
    last_sent_at: datetime | None
    created_at: datetime

    @classmethod
    def of(cls, row: WebhookRow) -> "Webhook":
        return cls(
            id=strawberry.ID(encode("Webhook", row.id)),
            team_id=strawberry.ID(encode("Team", row.team_id)),
            kind=im.WebhookKind(row.kind),
            name=row.name,
            url_hint=url_hint(row.url),
            has_secret=bool(row.secret),
            locale=row.locale,
            warnings=row.warnings,
            reminders=row.reminders,
            paused=row.paused_at is not None,
            paused_at=row.paused_at,
            failures=row.failures,
            last_error=row.last_error,
            last_sent_at=row.last_sent_at,
            created_at=row.created_at,
        )


@strawberry.type
class WebhookTest:
    ok: bool
    error: str = strawberry.field(description="The platform's answer when it refused.")
    webhook: Webhook


@strawberry.type
class TopicChannels:
    topic: ReachTopic  # type: ignore[valid-type]
    in_app: bool
    email: bool
    im: bool
    supported: list[ReachChannel]  # type: ignore[valid-type]


@strawberry.type(description="What reaches the viewer where; defaults until they choose.")
class ReachPreferences:
    topics: list[TopicChannels]
    muted_until: datetime | None
    email_available: bool = strawberry.field(description="E-mail is set up on this server.")

    @classmethod
    def of(cls, row: ReachPreference, email_available: bool) -> "ReachPreferences":
        choices = preferences.resolve(row.channels)
        C = preferences.Channel
        return cls(
            topics=[
                TopicChannels(
                    topic=topic,
                    in_app=C.IN_APP in choices[topic],
                    email=C.EMAIL in choices[topic],
                    im=C.IM in choices[topic],
                    supported=[c for c in C if c in preferences.SUPPORTED[topic]],
                )
                for topic in preferences.Topic
            ],
            muted_until=row.muted_until,
            email_available=email_available,
        )


@strawberry.type(description="The organization's reminder schedule, in its time zone.")
class ReminderSchedule:
    time_zone: str
    check_in_weekday: int = strawberry.field(description="1 Monday … 7 Sunday.")
    check_in_time: str = strawberry.field(description="Local time, HH:MM.")
    digest_weekday: int
    digest_time: str
    milestone_days: int = strawberry.field(
        description="Milestones are announced this many days ahead."
    )

    @classmethod
    def of(cls, row: OrganizationRow, default_zone: str) -> "ReminderSchedule":
        return cls(
            time_zone=row.time_zone or default_zone,
            check_in_weekday=row.reminder_weekday,
            check_in_time=format_time(row.reminder_minute),
            digest_weekday=row.digest_weekday,
            digest_time=format_time(row.digest_minute),
            milestone_days=row.milestone_days,
        )


@strawberry.type
class NoticeItem:
    title: str
    detail: str
    link: str = strawberry.field(description="A path in the web app (e.g. /objective/obj_3).")


@strawberry.type
class NoticeSection:
    heading: str
    items: list[NoticeItem]


@strawberry.type(description="A warning's or reminder's content, in the recipient's language.")
class Notice:
    about: NoticeAbout  # type: ignore[valid-type]
    subject: str
    intro: str
    action: str
    link: str
    sections: list[NoticeSection]
    tone: str = strawberry.field(description="info | warning")

    @classmethod
    def of(cls, about: str, value: NoticeValue) -> "Notice":
        return cls(
            about=notices.About(about),
            subject=value.subject,
            intro=value.intro,
            action=value.action,
            link=value.link,
            sections=[
                NoticeSection(
                    heading=s.heading,
                    items=[
                        NoticeItem(title=i.title, detail=i.detail, link=i.link) for i in s.items
                    ],
                )
                for s in value.sections
            ],
            tone=value.tone,
        )


@strawberry.type
class NoticeFields:
    """Mixed into Notification (whose `row` it reads): what a WARNING or REMINDER says."""

    @strawberry.field(description="WARNING and REMINDER: what it says (null for other kinds).")
    def notice(self, info: Info) -> Notice | None:
        detail = getattr(getattr(self, "row", None), "detail", None) or {}
        about, value = detail.get("about"), detail.get("notice")
        if not isinstance(about, str) or about not in notices.About.__members__:
            return None
        if not isinstance(value, dict):
            return None
        return Notice.of(about, NoticeValue.from_json(value))
