"""What the reach mutations take."""

from datetime import datetime

import strawberry
from strawberry import UNSET

from .types import ReachTopic, WebhookKind


@strawberry.input
class WebhookInput:
    team_id: strawberry.ID
    kind: WebhookKind  # type: ignore[valid-type]
    url: str = strawberry.field(description="The robot's address (https, on the platform's host).")
    secret: str | None = strawberry.field(
        default=None, description="Feishu / DingTalk signing secret (SEC…); never read back."
    )
    name: str | None = None
    locale: str | None = strawberry.field(default=None, description="zh-CN or en.")
    warnings: bool = True
    reminders: bool = True


@strawberry.input
class UpdateWebhookInput:
    url: str | None = None
    secret: str | None = strawberry.field(default=None, description='"" removes it.')
    name: str | None = None
    locale: str | None = None
    warnings: bool | None = None
    reminders: bool | None = None
    paused: bool | None = strawberry.field(
        default=None, description="false resumes a paused robot; a new url or secret does too."
    )


@strawberry.input
class TopicChannelsInput:
    topic: ReachTopic  # type: ignore[valid-type]
    in_app: bool
    email: bool
    im: bool


@strawberry.input
class ReachPreferencesInput:
    topics: list[TopicChannelsInput] = strawberry.field(
        default_factory=list, description="Only the topics given change."
    )
    muted_until: datetime | None = strawberry.field(
        default=UNSET, description="Silence everything until then (within a year); null unmutes."
    )


@strawberry.input
class ReminderScheduleInput:
    time_zone: str | None = None
    check_in_weekday: int | None = None
    check_in_time: str | None = strawberry.field(default=None, description="HH:MM, local.")
    digest_weekday: int | None = None
    digest_time: str | None = None
    milestone_days: int | None = None
