"""Reaching people: a team's robots (admins and the team's leads set them up, edit, pause,
remove and test them), each person's choice of what reaches them where, and the
organization's reminder schedule (admins). Changes to robots and the schedule are on the
activity log; a person's preferences are theirs alone (no event, as notification mutes)."""

from contextlib import suppress
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from tortoise.exceptions import IntegrityError
from tortoise.expressions import Q

from ..domain.accounts import clean_locale
from ..domain.clock import zone
from ..domain.errors import Forbidden, InvalidInput, NotFound, RateLimited
from ..domain.policy import Actor
from ..domain.reach import notices
from ..domain.reach.access import can_manage_webhooks
from ..domain.reach.im import Outcome, WebhookKind, check_secret, check_url
from ..domain.reach.preferences import SUPPORTED, Channel, Topic, resolve, stored
from ..domain.reach.schedule import check_weekday, parse_time
from ..domain.validation import LIMITS, validate_text
from ..events.kinds import EventKind
from ..events.unit import write
from ..jobs import im
from ..models import Organization, ReachPreference, Team, Webhook
from ..read.lookup import get_in_org, require_actor, require_admin
from ..settings import Settings

MAX_MUTE = timedelta(days=366)
TEST_EVERY = timedelta(seconds=10)  # a test message at most this often: the chat is people's


@dataclass
class WebhookInput:
    team_id: int | None = None
    kind: WebhookKind | None = None
    url: str | None = None
    secret: str | None = None
    name: str | None = None
    locale: str | None = None
    warnings: bool | None = None
    reminders: bool | None = None
    paused: bool | None = None


def _default_locale(kind: WebhookKind) -> str:
    return "en" if kind is WebhookKind.SLACK else "zh-CN"


async def _managed(actor: Actor | None, webhook_id: int) -> tuple[Actor, Webhook]:
    """The robot, if the actor may manage it; one they may not is NOT_FOUND (an id probe
    learns nothing)."""
    actor = require_actor(actor)
    webhook = await Webhook.get_or_none(id=webhook_id, organization_id=actor.org_id)
    if webhook is None or not can_manage_webhooks(actor, actor.org_id, webhook.team_id):
        raise NotFound()
    return actor, webhook


async def create_webhook(settings: Settings, actor: Actor | None, data: WebhookInput) -> Webhook:
    actor = require_actor(actor)
    if data.team_id is None:
        raise InvalidInput("teamId", "input.required")
    if data.kind is None:
        raise InvalidInput("kind", "input.required")
    team = await get_in_org(Team, data.team_id, actor.org_id)
    if not can_manage_webhooks(actor, actor.org_id, team.id):
        raise Forbidden()
    kind = WebhookKind(data.kind)
    url = check_url(kind, data.url or "", allow_local_http=settings.webhook_allow_http)
    secret = check_secret(kind, data.secret)
    name = validate_text(data.name, "name", max_len=LIMITS["name"]) or ""
    locale = clean_locale(data.locale) if data.locale else _default_locale(kind)
    async with write(actor.org_id, actor.user_id) as unit:
        webhook = await Webhook.create(
            organization_id=actor.org_id,
            team_id=team.id,
            kind=kind,
            url=url,
            secret=secret,
            name=name,
            locale=locale,
            warnings=data.warnings if data.warnings is not None else True,
            reminders=data.reminders if data.reminders is not None else True,
            created_by_id=actor.user_id,
        )
        await unit.record(
            EventKind.REACH_WEBHOOK_CHANGED,
            {"webhookId": webhook.id, "teamId": team.id, "change": "created"},
        )
    return webhook


async def update_webhook(
    settings: Settings, actor: Actor | None, webhook_id: int, data: WebhookInput
) -> Webhook:
    """A new address or secret, or `paused: false`, resumes a paused robot (its count of
    failures starts again)."""
    actor, webhook = await _managed(actor, webhook_id)
    kind = WebhookKind(webhook.kind)
    changes: dict[str, object] = {}
    if data.url is not None:
        changes["url"] = check_url(kind, data.url, allow_local_http=settings.webhook_allow_http)
    if data.secret is not None:
        changes["secret"] = check_secret(kind, data.secret)
    if data.name is not None:
        changes["name"] = validate_text(data.name, "name", max_len=LIMITS["name"]) or ""
    if data.locale is not None:
        changes["locale"] = clean_locale(data.locale)
    for field in ("warnings", "reminders"):
        if (value := getattr(data, field)) is not None:
            changes[field] = value
    if data.paused is True:
        changes["paused_at"] = webhook.paused_at or datetime.now(UTC)
    elif data.paused is False or "url" in changes or "secret" in changes:
        changes.update(paused_at=None, failures=0)
    if not changes:
        return webhook
    async with write(actor.org_id, actor.user_id) as unit:
        await Webhook.filter(id=webhook.id).update(**changes)
        await unit.record(
            EventKind.REACH_WEBHOOK_CHANGED,
            {"webhookId": webhook.id, "teamId": webhook.team_id, "change": "changed"},
        )
    return await Webhook.get(id=webhook.id)


async def delete_webhook(actor: Actor | None, webhook_id: int) -> None:
    actor, webhook = await _managed(actor, webhook_id)
    async with write(actor.org_id, actor.user_id) as unit:
        await Webhook.filter(id=webhook.id).delete()
        await unit.record(
            EventKind.REACH_WEBHOOK_CHANGED,
            {"webhookId": webhook.id, "teamId": webhook.team_id, "change": "deleted"},
        )


@dataclass(frozen=True)
class TestResult:
    ok: bool
    error: str
    webhook: Webhook


async def send_test_message(settings: Settings, actor: Actor | None, webhook_id: int) -> TestResult:
    """Posts "connected" to the robot now and says whether it took it (the one send a person
    waits for: the button is asking exactly that). Success resumes a paused robot."""
    actor, webhook = await _managed(actor, webhook_id)
    now = datetime.now(UTC)
    recent = Q(tested_at__gt=now - TEST_EVERY) & Q(tested_at__lte=now)
    # the claim of this test: whoever clicks twice at once, one request sends
    if not await Webhook.filter(Q(tested_at=None) | ~recent, id=webhook.id).update(tested_at=now):
        raise RateLimited("reach.test_too_soon", seconds=int(TEST_EVERY.total_seconds()))
    team = await Team.get(id=webhook.team_id)
    notice = notices.connected(webhook.locale, settings.public_url.rstrip("/"), team.name)
    outcome, error, _ = await im.post(
        WebhookKind(webhook.kind), webhook.url, webhook.secret, notice
    )
    if outcome is Outcome.SENT:
        await Webhook.filter(id=webhook.id).update(
            paused_at=None, failures=0, last_error="", last_sent_at=now
        )
    else:
        await Webhook.filter(id=webhook.id).update(last_error=error[:300])
    return TestResult(outcome is Outcome.SENT, error, await Webhook.get(id=webhook.id))


# --- a person's preferences ----------------------------------------------------------------


@dataclass(frozen=True)
class TopicChoice:
    topic: Topic
    channels: frozenset[Channel]


async def set_preferences(
    actor: Actor | None,
    choices: list[TopicChoice],
    *,
    muted_until: datetime | None = None,
    set_mute: bool = False,
) -> ReachPreference:
    """Changes the topics given (the others keep what they were) and, with `set_mute`, the
    mute (None: unmuted). Written on the row read under its lock: two screens changing
    different topics both count."""
    actor = require_actor(actor)
    for index, choice in enumerate(choices):
        unsupported = choice.channels - SUPPORTED[choice.topic]
        if unsupported:
            raise InvalidInput(
                f"topics.{index}",
                "reach.unsupported_channel",
                topic=choice.topic.value,
                channel=sorted(unsupported)[0].value,
            )
    if set_mute and muted_until is not None:
        now = datetime.now(UTC)
        if not now < muted_until <= now + MAX_MUTE:
            raise InvalidInput("mutedUntil", "input.out_of_range", min="now", max="+366 days")
    with suppress(IntegrityError):  # two first saves at once: one creates the row
        await ReachPreference.get_or_create(
            user_id=actor.user_id, defaults={"organization_id": actor.org_id}
        )
    async with write(actor.org_id, actor.user_id):
        row = await ReachPreference.select_for_update().get(user_id=actor.user_id)
        current = resolve(row.channels)
        for choice in choices:
            current[choice.topic] = choice.channels
        row.channels = stored(current)
        if set_mute:
            row.muted_until = muted_until
        await row.save(update_fields=["channels", "muted_until", "updated_at"])
    return row


# --- the organization's schedule -------------------------------------------------------------


@dataclass
class ScheduleInput:
    time_zone: str | None = None
    check_in_weekday: int | None = None
    check_in_time: str | None = None
    digest_weekday: int | None = None
    digest_time: str | None = None
    milestone_days: int | None = None


async def update_schedule(actor: Actor | None, data: ScheduleInput) -> Organization:
    actor = require_admin(actor)
    changes: dict[str, object] = {}
    if data.time_zone is not None:
        name = data.time_zone.strip()
        if len(name) > 64:
            raise InvalidInput("timeZone", "org.unknown_time_zone")
        zone(name)  # InvalidInput naming timeZone when unknown
        changes["time_zone"] = name
    if data.check_in_weekday is not None:
        changes["reminder_weekday"] = check_weekday(data.check_in_weekday, "checkInWeekday")
    if data.check_in_time is not None:
        changes["reminder_minute"] = parse_time(data.check_in_time, "checkInTime")
    if data.digest_weekday is not None:
        changes["digest_weekday"] = check_weekday(data.digest_weekday, "digestWeekday")
    if data.digest_time is not None:
        changes["digest_minute"] = parse_time(data.digest_time, "digestTime")
    if data.milestone_days is not None:
        if not 0 <= data.milestone_days <= 30:
            raise InvalidInput("milestoneDays", "input.out_of_range", min=0, max=30)
        changes["milestone_days"] = data.milestone_days
    async with write(actor.org_id, actor.user_id) as unit:
        if changes:
            await Organization.filter(id=actor.org_id).update(**changes)
            await unit.record(EventKind.REACH_SETTINGS_CHANGED, {})
    return await Organization.get(id=actor.org_id)
