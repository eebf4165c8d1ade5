"""Reminders, on the organization's schedule in its zone:

- check-ins (weekly, default Friday 16:00): each owner of a live key result without a check-in
  this week gets one reminder listing them, linking to My OKRs (the phone check-in); each team
  chat gets the list of its members' key results still waiting (only what the whole team may
  see, only people who let the chat name them);
- milestones (daily at the same time): a milestone due within the organization's
  `milestoneDays` and not done, once per milestone and due date;
- phase deadlines: drafts still unpublished once consensus is over (the cycle is TRACKING), once
  per cycle; key results not scored while the retrospective runs (REVIEWING), weekly.

Key results driven by aligned objectives take no check-in and are left out; so is what is
done. Each person only hears of objectives they may see.
"""

from collections import defaultdict
from collections.abc import Callable, Sequence
from datetime import timedelta
from functools import partial

from ..domain.clock import as_utc, local_date
from ..domain.enums import CyclePhase, KRKind, ObjectiveState, ProgressSource, TrackStatus
from ..domain.evaluate import KRResult
from ..domain.reach import notices
from ..domain.reach.audience import visible_to_whole_team
from ..domain.reach.notices import About, Line
from ..domain.reach.preferences import Channel, Topic
from ..domain.reach.schedule import Weekly, daily_period, week_start, weekly_period
from ..domain.reach.texts import progress_words
from ..models import Cycle, KeyResult, Objective, Team
from ..read.tracked import Tracked, load_tracked
from .claims import claim_run, deliver_once, finish_run
from .tell import Build, Context, channels, to_channel, to_person

# (locale, base URL, the reader's lines) -> the message
BuildFor = Callable[[str, str, Sequence[Line]], notices.Notice]


async def _cycles(ctx: Context, phase: CyclePhase) -> list[Tracked]:
    today = local_date(ctx.now, ctx.tz)
    rows = await Cycle.filter(
        organization_id=ctx.org.id, phase=phase, starts_on__lte=today
    ).order_by("id")
    return [await load_tracked(c, ctx.now) for c in rows]


def _line(tracked: Tracked, kr: KeyResult, detail: str = "") -> Line:
    return Line(kr.objective_id, kr.title, detail)


async def _tell_each(
    ctx: Context,
    job: str,
    period: str,
    wanted: dict[int, list[tuple[Objective, Line]]],
    topic: Topic,
    about: About,
    build_for: BuildFor,
    cycle_id: int | None = None,
) -> int:
    """One message per person with what they may see of their lines; returns how many were
    delivered now."""
    people = await ctx.people()
    sent = 0
    for user_id, entries in sorted(wanted.items()):
        lines = [line for objective, line in entries if people.can_see(user_id, objective)]
        if not lines:
            continue

        key = f"{job}:{ctx.org.id}:{period}:user{user_id}"
        build = _bound(build_for, lines)
        deliver = to_person(ctx, user_id, topic, build, key, about=about, cycle_id=cycle_id)
        sent += await deliver_once(ctx.org.id, job, period, f"user:{user_id}", ctx.now, deliver)
    return sent


def _bound(build_for: BuildFor, lines: list[Line]) -> Build:
    return lambda locale, base: build_for(locale, base, lines)


async def check_ins(ctx: Context) -> int:
    weekly = Weekly(ctx.org.reminder_weekday, ctx.org.reminder_minute)
    period = weekly_period(ctx.now, ctx.tz, weekly)
    if period is None or not await claim_run(ctx.org.id, "checkin", period, ctx.now):
        return 0
    since = week_start(ctx.now, ctx.tz, ctx.org.week_start)
    waiting: dict[int, list[tuple[Objective, Line]]] = defaultdict(list)
    all_waiting: list[tuple[Tracked, KeyResult]] = []
    for tracked in await _cycles(ctx, CyclePhase.TRACKING):
        for kr in tracked.live_krs():
            result = tracked.evaluation.key_results[kr.id]
            if kr.progress_source == ProgressSource.ALIGNED or result.status == TrackStatus.DONE:
                continue
            if kr.last_check_in_at is not None and as_utc(kr.last_check_in_at) >= since:
                continue
            objective = tracked.objectives[kr.objective_id]
            waiting[tracked.owner_of(kr)].append((objective, _line(tracked, kr)))
            all_waiting.append((tracked, kr))
    sent = await _tell_each(
        ctx,
        "checkin",
        period,
        waiting,
        Topic.REMINDER,
        About.CHECK_IN_DUE,
        notices.check_in_due,
    )
    sent += await _nudge_teams(ctx, period, all_waiting)
    await finish_run(ctx.org.id, "checkin", period, ctx.now)
    return sent


async def _nudge_teams(ctx: Context, period: str, waiting: list[tuple[Tracked, KeyResult]]) -> int:
    people = await ctx.people()
    teams = {t.id: t for t in await Team.filter(organization_id=ctx.org.id)}
    sent = 0
    for webhook in await channels(ctx.org.id, reminders=True):
        members = people.members_of(webhook.team_id)
        picked: list[tuple[int, KeyResult, Tracked]] = []
        for tracked, kr in waiting:
            objective = tracked.objectives[kr.objective_id]
            owner = tracked.owner_of(kr)
            access = people.directory.access(objective)
            in_team = objective.team_id == webhook.team_id or (
                objective.team_id is None and owner in members
            )
            if (
                in_team
                and visible_to_whole_team(access, webhook.team_id)
                and people.wants(owner, Topic.REMINDER, Channel.IM, ctx.now)
            ):
                picked.append((owner, kr, tracked))
        if not picked:
            continue

        lines = [
            (
                kr.objective_id,
                kr.title,
                people.name_of(owner),
                tracked.evaluation.key_results[kr.id],
            )
            for owner, kr, tracked in picked
        ]
        build = partial(_nudge, team=teams[webhook.team_id].name, lines=lines)
        deliver = to_channel(ctx, webhook, build, f"checkin:{ctx.org.id}:{period}")
        sent += await deliver_once(
            ctx.org.id, "checkin", period, f"webhook:{webhook.id}", ctx.now, deliver
        )
    return sent


def _nudge(
    locale: str, base: str, team: str, lines: list[tuple[int, str, str, KRResult]]
) -> notices.Notice:
    """The team chat's nudge: each key result with its owner and progress, in `locale`."""
    return notices.nudge(
        locale,
        base,
        team,
        [
            Line(objective_id, title, f"{owner} · {progress_words(r.progress, r.expected, locale)}")
            for objective_id, title, owner, r in lines
        ],
    )


async def milestones(ctx: Context) -> int:
    period = daily_period(ctx.now, ctx.tz, ctx.org.reminder_minute)
    if period is None or not await claim_run(ctx.org.id, "milestone", period, ctx.now):
        return 0
    today = local_date(ctx.now, ctx.tz)
    horizon = today + timedelta(days=ctx.org.milestone_days)
    people = await ctx.people()
    sent = 0
    for tracked in await _cycles(ctx, CyclePhase.TRACKING):
        for kr in tracked.live_krs():
            if (
                kr.kind != KRKind.MILESTONE
                or kr.due_date is None
                or not today <= kr.due_date <= horizon
            ):
                continue
            if tracked.evaluation.key_results[kr.id].status == TrackStatus.DONE:
                continue
            owner = tracked.owner_of(kr)
            objective = tracked.objectives[kr.objective_id]
            if not people.can_see(owner, objective):
                continue
            due, line = kr.due_date, _line(tracked, kr)
            milestone = f"kr{kr.id}@{due.isoformat()}"

            build = partial(notices.milestone_due, line=line, due=due)
            key = f"milestone:{ctx.org.id}:{milestone}"
            deliver = to_person(
                ctx,
                owner,
                Topic.REMINDER,
                build,
                key,
                about=About.MILESTONE_DUE,
                objective_id=line.objective_id,
            )
            sent += await deliver_once(
                ctx.org.id, "milestone", milestone, f"user:{owner}", ctx.now, deliver
            )
    await finish_run(ctx.org.id, "milestone", period, ctx.now)
    return sent


async def drafts(ctx: Context) -> int:
    """Once consensus is over (the cycle is tracked), owners of drafts still unpublished."""
    period = daily_period(ctx.now, ctx.tz, ctx.org.reminder_minute)
    if period is None or not await claim_run(ctx.org.id, "drafts", period, ctx.now):
        return 0
    sent = 0
    for cycle in await Cycle.filter(organization_id=ctx.org.id, phase=CyclePhase.TRACKING).order_by(
        "id"
    ):
        found = await Objective.filter(cycle_id=cycle.id, state=ObjectiveState.DRAFT).order_by("id")
        wanted: dict[int, list[tuple[Objective, Line]]] = defaultdict(list)
        for objective in found:
            wanted[objective.owner_id].append((objective, Line(objective.id, objective.title)))
        sent += await _tell_each(
            ctx,
            "drafts",
            f"cycle{cycle.id}",
            wanted,
            Topic.REMINDER,
            About.DRAFTS_UNPUBLISHED,
            partial(notices.drafts_unpublished, cycle=cycle.name),
            cycle_id=cycle.id,
        )
    await finish_run(ctx.org.id, "drafts", period, ctx.now)
    return sent


async def scores(ctx: Context) -> int:
    """While the retrospective runs, weekly on the check-in schedule: key results not scored."""
    weekly = Weekly(ctx.org.reminder_weekday, ctx.org.reminder_minute)
    period = weekly_period(ctx.now, ctx.tz, weekly)
    if period is None or not await claim_run(ctx.org.id, "scores", period, ctx.now):
        return 0
    sent = 0
    for tracked in await _cycles(ctx, CyclePhase.REVIEWING):
        wanted: dict[int, list[tuple[Objective, Line]]] = defaultdict(list)
        for kr in tracked.live_krs():
            if kr.score is None:
                wanted[tracked.owner_of(kr)].append(
                    (tracked.objectives[kr.objective_id], _line(tracked, kr))
                )
        cycle = tracked.cycle
        sent += await _tell_each(
            ctx,
            "scores",
            f"{period}:cycle{cycle.id}",
            wanted,
            Topic.REMINDER,
            About.SCORES_MISSING,
            partial(notices.scores_missing, cycle=cycle.name),
            cycle_id=cycle.id,
        )
    await finish_run(ctx.org.id, "scores", period, ctx.now)
    return sent
