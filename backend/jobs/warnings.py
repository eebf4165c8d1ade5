"""Warnings: when a key result or an objective gets worse, its owner and the nearest team lead
are told once, with the reasons — and the team's chat, when the whole team may see it.

The job re-evaluates each TRACKING cycle (every WATCH_EVERY, and soon after a write touched
it) and compares every published objective's and live key result's status with the last one
it recorded (models.WatchedStatus). Whatever caused the change — a check-in, or days passing
without one — a worse status is a transition, told once: the recorded row moves from one
version to the next by compare-and-set in the transaction that writes the notifications, so a
second process seeing the same change finds the row moved and tells no one. The first look at
a cycle records what it sees without telling: warnings are about what changes from then on.
"""

from collections import defaultdict
from contextlib import suppress
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from tortoise.exceptions import IntegrityError

from ..domain.enums import CyclePhase, TrackStatus
from ..domain.reach import notices
from ..domain.reach.audience import visible_to_whole_team
from ..domain.reach.notices import About, Change
from ..domain.reach.preferences import Channel, Topic
from ..domain.reach.transitions import UNSEEN, Seen, worsened
from ..events.kinds import EventKind, Notified
from ..events.unit import write
from ..models import Cycle, Objective, WatchedStatus
from ..read.tracked import Tracked, load_tracked
from .tell import Context, channels, tell_channel, tell_person

WATCH_EVERY = timedelta(minutes=10)


def slot(now: datetime) -> str:
    """The WATCH_EVERY slot `now` falls in: the period of a periodic scan."""
    step = int(WATCH_EVERY.total_seconds())
    return datetime.fromtimestamp(int(now.timestamp()) // step * step, UTC).strftime(
        "%Y-%m-%dT%H:%M"
    )


@dataclass
class _Seen:
    item: str
    objective_id: int
    title: str
    is_objective: bool
    seen: Seen
    progress: float
    expected: float | None


def _observe(tracked: Tracked) -> list[_Seen]:
    evaluation = tracked.evaluation
    out: list[_Seen] = []
    for objective in tracked.published():
        o = evaluation.objectives[objective.id]
        out.append(
            _Seen(
                f"obj:{objective.id}",
                objective.id,
                objective.title,
                True,
                Seen(o.status),
                o.progress,
                None,
            )
        )
        for kr in tracked.live_krs(objective.id):
            r = evaluation.key_results[kr.id]
            out.append(
                _Seen(
                    f"kr:{kr.id}",
                    objective.id,
                    kr.title,
                    False,
                    Seen(r.status, frozenset(r.reasons)),
                    r.progress,
                    r.expected,
                )
            )
    return out


class _Moved(Exception):
    """Another process recorded this change first."""


async def watch_cycle(ctx: Context, cycle: Cycle) -> int:
    """Re-evaluates one cycle and tells of what got worse; returns the transitions told."""
    if cycle.phase != CyclePhase.TRACKING:
        return 0
    tracked = await load_tracked(cycle, ctx.now)
    observed = _observe(tracked)
    rows = {
        w.item: w for w in await WatchedStatus.filter(organization_id=ctx.org.id, cycle_id=cycle.id)
    }
    if not rows:
        await _record_all(ctx, cycle, observed)
        return 0
    by_objective: defaultdict[int, list[tuple[_Seen, WatchedStatus | None]]] = defaultdict(list)
    for seen in observed:
        row = rows.get(seen.item)
        before = Seen.of(row.status, row.reasons) if row else UNSEEN
        if row is None or before != seen.seen:
            by_objective[seen.objective_id].append((seen, row))
    told = 0
    for objective_id, changed in by_objective.items():
        told += await _settle(ctx, tracked, tracked.objectives[objective_id], changed)
    return told


async def _record_all(ctx: Context, cycle: Cycle, observed: list[_Seen]) -> None:
    # another process may take the first look at the same moment
    with suppress(IntegrityError):
        await WatchedStatus.bulk_create(
            [
                WatchedStatus(
                    organization_id=ctx.org.id,
                    cycle_id=cycle.id,
                    item=s.item,
                    status=s.seen.status,
                    reasons=sorted(s.seen.reasons),
                    changed_at=ctx.now,
                )
                for s in observed
            ]
        )


async def _settle(
    ctx: Context,
    tracked: Tracked,
    objective: Objective,
    changed: list[tuple[_Seen, WatchedStatus | None]],
) -> int:
    """Records the changes of one objective's items and tells of those that got worse, in
    one transaction; 0 when another process recorded them first."""
    worse = [
        s
        for s, row in changed
        if worsened(Seen.of(row.status, row.reasons) if row else UNSEEN, s.seen)
    ]
    before = {
        s.item: (Seen.of(row.status, row.reasons).status if row else UNSEEN.status)
        for s, row in changed
    }
    try:
        async with write(ctx.org.id, None) as unit:
            for seen, row in changed:
                await _record(ctx, tracked.cycle.id, seen, row)
            if not worse:
                return 0
            notified = await _tell(ctx, tracked, objective, worse, before)
            if notified:
                await unit.record(
                    EventKind.REACH_NOTIFIED, {"job": "warnings", "notified": notified}
                )
    except (_Moved, IntegrityError):
        return 0
    return len(worse)


async def _record(ctx: Context, cycle_id: int, seen: _Seen, row: WatchedStatus | None) -> None:
    values: dict[str, Any] = {
        "status": seen.seen.status,
        "reasons": sorted(seen.seen.reasons),
        "changed_at": ctx.now,
    }
    if row is None:
        await WatchedStatus.create(
            organization_id=ctx.org.id, cycle_id=cycle_id, item=seen.item, **values
        )
    elif not await WatchedStatus.filter(id=row.id, version=row.version).update(
        version=row.version + 1, **values
    ):
        raise _Moved()


async def _tell(
    ctx: Context,
    tracked: Tracked,
    objective: Objective,
    worse: list[_Seen],
    before: dict[str, TrackStatus],
) -> list[Notified]:
    people = await ctx.people()
    changes = [
        Change(
            objective_id=objective.id,
            title=s.title,
            is_objective=s.is_objective,
            before=before[s.item],
            after=s.seen.status,
            reasons=tuple(sorted(s.seen.reasons)),
            progress=s.progress,
            expected=s.expected,
        )
        for s in worse
    ]
    status = tracked.evaluation.objectives[objective.id].status

    def build(locale: str, base: str) -> notices.Notice:
        return notices.warning(locale, base, objective.id, objective.title, status, changes)

    key = f"warn:{ctx.org.id}:obj{objective.id}:{ctx.now.isoformat()}"
    worse_items = {s.item for s in worse}
    kr_owners = {
        tracked.owner_of(kr)
        for kr in tracked.live_krs(objective.id)
        if f"kr:{kr.id}" in worse_items
    }
    candidates = [objective.owner_id, *sorted(kr_owners), *sorted(people.leads_of(objective))]
    notified: list[Notified] = []
    for user_id in dict.fromkeys(candidates):
        if people.can_see(user_id, objective):  # a lead never hears of a member's private objective
            notified += await tell_person(
                ctx,
                user_id,
                Topic.WARNING,
                build,
                f"{key}:user{user_id}",
                about=About.STATUS_WORSENED,
                objective_id=objective.id,
            )
    if people.wants(objective.owner_id, Topic.WARNING, Channel.IM, ctx.now):
        access = people.directory.access(objective)
        for webhook in await channels(ctx.org.id, warnings=True):
            if webhook.team_id in access.team_ids and visible_to_whole_team(
                access, webhook.team_id
            ):
                await tell_channel(ctx, webhook, build, key)
    return notified
