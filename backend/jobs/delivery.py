"""Sending what the outbox holds: claim a batch (leased to this process), send each message
through its channel, record the outcome. A failure is retried with backoff (429, 5xx, network
errors, SMTP 4xx) until it gives up; a robot that fails PAUSE_AFTER times in a row is paused,
once, and the organization's admins are told (inbox, and e-mail as they chose). Nothing here
runs inside a user's request."""

import logging
from datetime import datetime, timedelta

from tortoise.expressions import F

from ..domain.enums import Role
from ..domain.reach import notices
from ..domain.reach.im import Outcome, WebhookKind
from ..domain.reach.notice import Notice
from ..domain.reach.notices import About
from ..domain.reach.preferences import Topic
from ..domain.reach.retry import PAUSE_AFTER, backoff, gives_up
from ..events.kinds import EventKind, Notified
from ..events.outbox import Channel, State, claim, settle
from ..events.unit import write
from ..models import Organization, OutboxMessage, Team, User, Webhook
from ..settings import Settings
from . import im, mail
from .claims import OWNER
from .tell import Context, tell_person

log = logging.getLogger("lodestar.jobs")
MAX_AGE = timedelta(days=2)  # a reminder that could not go out for two days is news no more


async def deliver_due(settings: Settings, now: datetime, owner: str = OWNER) -> int:
    """Sends every message due at `now`; returns how many were sent."""
    sent = 0
    while batch := await claim(owner, now):
        for message in batch:
            sent += await _deliver(settings, message, owner, now)
        if len(batch) < 20:
            break
    return sent


async def _deliver(settings: Settings, message: OutboxMessage, owner: str, now: datetime) -> int:
    notice = Notice.from_json(message.message["notice"])  # type: ignore[arg-type]
    if now - message.created_at > MAX_AGE:
        await settle(message, owner, state=State.FAILED, last_error="expired")
        return 0
    webhook: Webhook | None = None
    retry_after: float | None = None
    if message.channel == Channel.EMAIL:
        if not settings.smtp_url:
            await settle(message, owner, state=State.FAILED, last_error="e-mail is off")
            return 0
        email = mail.compose(notice, str(message.message["to"]), settings.mail_from, message.key)
        outcome, error = await mail.send(settings.smtp_url, email)
    else:
        webhook = await Webhook.get_or_none(id=message.webhook_id)
        if webhook is None or webhook.paused_at is not None:
            await settle(message, owner)  # left for when it is resumed (or deleted with it)
            return 0
        outcome, error, retry_after = await im.post(
            WebhookKind(webhook.kind), webhook.url, webhook.secret, notice
        )
    attempts = message.attempts + 1
    if outcome is Outcome.SENT:
        await settle(
            message, owner, state=State.SENT, attempts=attempts, sent_at=now, last_error=""
        )
    elif outcome is Outcome.RETRY and not gives_up(attempts):
        wait = backoff(attempts, retry_after)
        await settle(
            message, owner, attempts=attempts, next_attempt_at=now + wait, last_error=error
        )
    else:
        await settle(message, owner, state=State.FAILED, attempts=attempts, last_error=error)
    if outcome is not Outcome.SENT:
        log.warning("outbox %s %s not sent (%s): %s", message.id, message.channel, outcome, error)
    if webhook is not None:
        await _count(settings, webhook, outcome, error, now)
    return int(outcome is Outcome.SENT)


async def _count(
    settings: Settings, webhook: Webhook, outcome: Outcome, error: str, now: datetime
) -> None:
    if outcome is Outcome.SENT:
        await Webhook.filter(id=webhook.id).update(failures=0, last_error="", last_sent_at=now)
        return
    await Webhook.filter(id=webhook.id).update(failures=F("failures") + 1, last_error=error[:300])
    failures = (await Webhook.get(id=webhook.id)).failures
    if failures >= PAUSE_AFTER:
        await pause(settings, webhook, failures, error, now)


async def pause(
    settings: Settings, webhook: Webhook, failures: int, error: str, now: datetime
) -> bool:
    """Pauses the robot and tells the admins — once, whoever gets here first."""
    org = await Organization.get(id=webhook.organization_id)
    team = await Team.get(id=webhook.team_id)
    ctx = Context(settings, org, now)
    admins = [
        u.id for u in await User.filter(organization_id=org.id, role=Role.ADMIN, is_active=True)
    ]

    def build(locale: str, base: str) -> Notice:
        return notices.paused(locale, base, webhook.kind, team.name, failures, error)

    async with write(org.id, None) as unit:
        if not await Webhook.filter(id=webhook.id, paused_at=None).update(paused_at=now):
            return False
        notified: list[Notified] = []
        for admin in admins:
            notified += await tell_person(
                ctx,
                admin,
                Topic.WARNING,
                build,
                f"paused:{webhook.id}:{now.isoformat()}:user{admin}",
                about=About.WEBHOOK_PAUSED,
            )
        await unit.record(
            EventKind.REACH_WEBHOOK_CHANGED,
            {"webhookId": webhook.id, "teamId": webhook.team_id, "change": "paused"},
        )
        if notified:
            await unit.record(EventKind.REACH_NOTIFIED, {"job": "delivery", "notified": notified})
    return True
