"""Robots, preferences and the reminder schedule: each calls one action."""

import strawberry
from strawberry import UNSET

from ...actions import reach
from ...domain.reach.preferences import Channel, Topic
from ...read.lookup import require_actor
from ..context import Info
from ..ids import decode
from .inputs import (
    ReachPreferencesInput,
    ReminderScheduleInput,
    UpdateWebhookInput,
    WebhookInput,
)
from .types import ReachPreferences, ReminderSchedule, Webhook, WebhookTest


def _webhook_input(given: WebhookInput | UpdateWebhookInput, **more: object) -> reach.WebhookInput:
    """The fields both inputs share, plus `more`."""
    shared = ("url", "secret", "name", "locale", "warnings", "reminders")
    return reach.WebhookInput(**{f: getattr(given, f) for f in shared}, **more)  # type: ignore[arg-type]


@strawberry.type
class ReachMutation:
    @strawberry.mutation(description="Admins, and leads of the team.")
    async def create_webhook(self, info: Info, input: WebhookInput) -> Webhook:
        data = _webhook_input(
            input, team_id=decode(input.team_id, "Team", "teamId"), kind=input.kind
        )
        ctx = info.context
        return Webhook.of(await reach.create_webhook(ctx.settings, ctx.actor, data))

    @strawberry.mutation
    async def update_webhook(
        self, info: Info, id: strawberry.ID, input: UpdateWebhookInput
    ) -> Webhook:
        data = _webhook_input(input, paused=input.paused)
        ctx = info.context
        pk = decode(id, "Webhook", "id")
        return Webhook.of(await reach.update_webhook(ctx.settings, ctx.actor, pk, data))

    @strawberry.mutation
    async def delete_webhook(self, info: Info, id: strawberry.ID) -> bool:
        await reach.delete_webhook(info.context.actor, decode(id, "Webhook", "id"))
        return True

    @strawberry.mutation(description="Posts a test message now and says whether the robot took it.")
    async def send_test_message(self, info: Info, id: strawberry.ID) -> WebhookTest:
        ctx = info.context
        result = await reach.send_test_message(ctx.settings, ctx.actor, decode(id, "Webhook", "id"))
        return WebhookTest(ok=result.ok, error=result.error, webhook=Webhook.of(result.webhook))

    @strawberry.mutation(description="The viewer's own choices of what reaches them where.")
    async def set_reach_preferences(
        self, info: Info, input: ReachPreferencesInput
    ) -> ReachPreferences:
        choices = [
            reach.TopicChoice(
                Topic(t.topic),
                frozenset(
                    c
                    for c, on in (
                        (Channel.IN_APP, t.in_app),
                        (Channel.EMAIL, t.email),
                        (Channel.IM, t.im),
                    )
                    if on
                ),
            )
            for t in input.topics
        ]
        ctx = info.context
        row = await reach.set_preferences(
            ctx.actor,
            choices,
            muted_until=None if input.muted_until is UNSET else input.muted_until,
            set_mute=input.muted_until is not UNSET,
        )
        return ReachPreferences.of(row, bool(ctx.settings.smtp_url))

    @strawberry.mutation(description="Admins: the zone and the reminder and digest schedule.")
    async def update_reminder_schedule(
        self, info: Info, input: ReminderScheduleInput
    ) -> ReminderSchedule:
        data = reach.ScheduleInput(
            time_zone=input.time_zone,
            check_in_weekday=input.check_in_weekday,
            check_in_time=input.check_in_time,
            digest_weekday=input.digest_weekday,
            digest_time=input.digest_time,
            milestone_days=input.milestone_days,
        )
        ctx = info.context
        require_actor(ctx.actor)
        org = await reach.update_schedule(ctx.actor, data)
        return ReminderSchedule.of(org, ctx.settings.time_zone)
