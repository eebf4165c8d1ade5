"""Telling one person (in the inbox, by e-mail) or one team's chat, as they chose, inside the
transaction of the job's delivery. A message is built per recipient, in their language, with
links into the web app (relative in the inbox, absolute in e-mails and chats)."""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, tzinfo
from typing import Any

from ..actions.notifications import notify
from ..domain.clock import zone
from ..domain.enums import NotificationKind
from ..domain.errors import InvalidInput
from ..domain.reach.notice import Notice, with_footer
from ..domain.reach.preferences import Channel, Topic
from ..events.kinds import Notified
from ..events.outbox import enqueue
from ..events.unit import Unit
from ..models import Organization, Webhook
from ..read.recipients import People, load_people
from ..settings import Settings
from .claims import Deliver

# (locale, base URL of links) -> the message
Build = Callable[[str, str], Notice]
# where a person changes what reaches them (the web app's settings screen)
SETTINGS_PATH = "/settings/notifications"


def org_zone(org: Organization, settings: Settings) -> tzinfo:
    try:
        return zone(org.time_zone or settings.time_zone)
    except InvalidInput:
        return zone("UTC")


@dataclass
class Context:
    """One organization at one instant, as a job run sees it."""

    settings: Settings
    org: Organization
    now: datetime
    _people: People | None = field(default=None, repr=False)

    @property
    def tz(self) -> tzinfo:
        return org_zone(self.org, self.settings)

    @property
    def base(self) -> str:
        return self.settings.public_url.rstrip("/")

    async def people(self) -> People:
        if self._people is None:
            self._people = await load_people(self.org.id)
        return self._people


async def tell_person(
    ctx: Context,
    user_id: int,
    topic: Topic,
    build: Build,
    key: str,
    *,
    about: str,
    objective_id: int | None = None,
    cycle_id: int | None = None,
) -> list[Notified]:
    """`about`: the notice's topic (domain.reach.notices.About) the inbox shows it by; `key`
    names this message uniquely (its outbox keys derive from it)."""
    people = await ctx.people()
    user = people.users.get(user_id)
    if user is None:
        return []
    notified: list[Notified] = []
    if people.wants(user_id, topic, Channel.IN_APP, ctx.now):
        kind = NotificationKind.WARNING if topic is Topic.WARNING else NotificationKind.REMINDER
        notice = build(user.locale, "")
        notified = await notify(
            ctx.org.id,
            [user_id],
            kind,
            actor_id=None,
            objective_id=objective_id,
            cycle_id=cycle_id,
            detail={"about": about, "notice": notice.to_json()},
        )
    if ctx.settings.smtp_url and people.wants(user_id, topic, Channel.EMAIL, ctx.now):
        notice = with_footer(build(user.locale, ctx.base), ctx.base + SETTINGS_PATH)
        await enqueue(ctx.org.id, f"{key}:email", notice, ctx.now, email=(user_id, user.email))
    return notified


async def tell_channel(ctx: Context, webhook: Webhook, build: Build, key: str) -> None:
    notice = build(webhook.locale, ctx.base)
    await enqueue(ctx.org.id, f"{key}:webhook{webhook.id}", notice, ctx.now, webhook_id=webhook.id)


async def channels(
    org_id: int, *, warnings: bool = False, reminders: bool = False
) -> list[Webhook]:
    """The organization's robots that are not paused and hear the given kind of message."""
    query = Webhook.filter(organization_id=org_id, paused_at=None)
    if warnings:
        query = query.filter(warnings=True)
    if reminders:
        query = query.filter(reminders=True)
    return await query.order_by("id")


def to_person(
    ctx: Context, user_id: int, topic: Topic, build: Build, key: str, **about: Any
) -> Deliver:
    """`tell_person` as a delivery for `claims.deliver_once`."""

    async def deliver(unit: Unit) -> list[Notified]:
        return await tell_person(ctx, user_id, topic, build, key, **about)

    return deliver


def to_channel(ctx: Context, webhook: Webhook, build: Build, key: str) -> Deliver:
    """`tell_channel` as a delivery for `claims.deliver_once`."""

    async def deliver(unit: Unit) -> list[Notified]:
        await tell_channel(ctx, webhook, build, key)
        return []

    return deliver
