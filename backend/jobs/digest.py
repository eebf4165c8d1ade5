"""The weekly e-mail digest (default Monday 09:00, the organization's zone), for each person
who wants it: my key results (status and progress against expected), what changed this week
(progress gained or lost, check-ins on my objectives), and what needs me (check-ins due,
milestones, scores, unpublished drafts, tasks due, unread notifications). Nobody gets an empty
one. Only what the reader may see is in it."""

from collections import defaultdict
from datetime import timedelta

from tortoise.functions import Count

from ..domain.clock import as_utc, local_date
from ..domain.enums import (
    CyclePhase,
    KRKind,
    ObjectiveState,
    ProgressSource,
    TaskStatus,
    TrackStatus,
)
from ..domain.reach import notices
from ..domain.reach.notices import Digest, Line, MyKeyResult
from ..domain.reach.preferences import Channel, Topic
from ..domain.reach.schedule import Weekly, week_start, weekly_period
from ..domain.reach.texts import text
from ..events.kinds import Notified
from ..events.unit import Unit
from ..models import CheckIn, Cycle, KeyResult, Notification, Task
from ..read.recipients import People
from ..read.tracked import Tracked, load_tracked
from .claims import claim_run, deliver_once, finish_run
from .tell import Context, tell_person

SOON = timedelta(days=7)  # what is due within a week needs you now


async def digests(ctx: Context) -> int:
    if not ctx.settings.smtp_url:
        return 0
    period = weekly_period(ctx.now, ctx.tz, Weekly(ctx.org.digest_weekday, ctx.org.digest_minute))
    if period is None or not await claim_run(ctx.org.id, "digest", period, ctx.now):
        return 0
    people = await ctx.people()
    readers = [u for u in people.users if people.wants(u, Topic.DIGEST, Channel.EMAIL, ctx.now)]
    cycles = await Cycle.filter(
        organization_id=ctx.org.id, phase__in=[CyclePhase.TRACKING, CyclePhase.REVIEWING]
    ).order_by("id")
    tracked = [await load_tracked(c, ctx.now) for c in cycles]
    facts = await _Facts.load(ctx, tracked, people)
    sent = 0
    for user_id in readers:
        digest = facts.digest(user_id)
        if digest is None:
            continue

        async def deliver(
            unit: Unit, user_id: int = user_id, digest: Digest = digest
        ) -> list[Notified]:
            await tell_person(
                ctx,
                user_id,
                Topic.DIGEST,
                lambda locale, base: notices.digest(locale, base, digest),
                f"digest:{ctx.org.id}:{period}:user{user_id}",
                about="DIGEST",
            )
            return []

        sent += await deliver_once(
            ctx.org.id, "digest", period, f"user:{user_id}", ctx.now, deliver
        )
    await finish_run(ctx.org.id, "digest", period, ctx.now)
    return sent


class _Facts:
    """What the digests of one organization are made of, read once for everyone."""

    def __init__(self, ctx: Context, tracked: list[Tracked], people: People) -> None:
        self.ctx = ctx
        self.tracked = tracked
        self.people = people
        self.since = week_start(ctx.now, ctx.tz, ctx.org.week_start)
        self.today = local_date(ctx.now, ctx.tz)
        self.week_start_progress: dict[int, float] = {}
        self.check_ins_on: defaultdict[int, int] = defaultdict(int)  # objective id -> this week
        self.tasks: list[Task] = []
        self.unread: dict[int, int] = {}
        self.objectives = {o.id: o for t in tracked for o in t.objectives.values()}

    @classmethod
    async def load(cls, ctx: Context, tracked: list[Tracked], people: People) -> "_Facts":
        facts = cls(ctx, tracked, people)
        kr_ids = [kr.id for t in tracked for kr in t.live_krs()]
        objective_of = {kr.id: kr.objective_id for t in tracked for kr in t.live_krs()}
        if kr_ids:
            earlier = (
                await CheckIn.filter(
                    key_result_id__in=kr_ids, created_at__lt=facts.since, retracted_at=None
                )
                .order_by("key_result_id", "created_at", "id")
                .values_list("key_result_id", "progress")
            )
            facts.week_start_progress = dict(earlier)  # the last one before the week wins
            this_week = await CheckIn.filter(
                key_result_id__in=kr_ids, created_at__gte=facts.since, retracted_at=None
            ).values_list("key_result_id", flat=True)
            for kr_id in this_week:
                facts.check_ins_on[objective_of[kr_id]] += 1  # type: ignore[index]
        facts.tasks = await Task.filter(
            organization_id=ctx.org.id,
            deleted_at=None,
            status__not=TaskStatus.DONE,
            assignee_id__not_isnull=True,
            due_date__lte=facts.today + SOON,
        ).order_by("due_date", "id")
        facts.unread = dict(
            await Notification.filter(organization_id=ctx.org.id, read_at=None)
            .group_by("user_id")
            .annotate(n=Count("id"))
            .values_list("user_id", "n")
        )
        return facts

    def digest(self, user_id: int) -> Digest | None:
        mine: list[MyKeyResult] = []
        needs: list[Line] = []
        owned: set[int] = set()
        for t in self.tracked:
            for objective in t.objectives.values():
                if objective.owner_id == user_id:
                    owned.add(objective.id)
                    if (
                        objective.state == ObjectiveState.DRAFT
                        and t.cycle.phase == CyclePhase.TRACKING
                    ):
                        needs.append(
                            Line(objective.id, objective.title, self._say("digest.draft", user_id))
                        )
            for kr in t.live_krs():
                objective = t.objectives[kr.objective_id]
                if t.owner_of(kr) != user_id or not self.people.can_see(user_id, objective):
                    continue
                r = t.evaluation.key_results[kr.id]
                moved = r.progress - self.week_start_progress.get(
                    kr.id, r.progress if kr.last_check_in_at is None else 0.0
                )
                mine.append(
                    MyKeyResult(kr.objective_id, kr.title, r.status, r.progress, r.expected, moved)
                )
                needs.extend(self._needs(t, kr, r.status, user_id))
        for task in self.tasks:
            if task.assignee_id == user_id:
                under = self.objectives.get(task.objective_id)
                if under is not None and self.people.can_see(user_id, under):
                    detail = self._say(
                        "digest.task",
                        user_id,
                        due=task.due_date.isoformat() if task.due_date else "",
                    )
                    needs.append(Line(task.objective_id, task.title, detail))
        if not mine and not needs:
            return None
        check_ins = sum(self.check_ins_on.get(o, 0) for o in owned)
        name = self.people.users[user_id].display_name
        return Digest(name, tuple(mine), check_ins, tuple(needs), self.unread.get(user_id, 0))

    def _needs(self, t: Tracked, kr: KeyResult, status: TrackStatus, user_id: int) -> list[Line]:
        out: list[Line] = []
        if t.cycle.phase == CyclePhase.REVIEWING:
            if kr.score is None:
                out.append(Line(kr.objective_id, kr.title, self._say("digest.not_scored", user_id)))
            return out
        if status == TrackStatus.DONE:
            return out
        if kr.progress_source != ProgressSource.ALIGNED and (
            kr.last_check_in_at is None or as_utc(kr.last_check_in_at) < self.since
        ):
            out.append(Line(kr.objective_id, kr.title, self._say("digest.no_check_in", user_id)))
        if (
            kr.kind == KRKind.MILESTONE
            and kr.due_date is not None
            and self.today <= kr.due_date <= self.today + SOON
        ):
            out.append(
                Line(
                    kr.objective_id,
                    kr.title,
                    self._say("digest.due", user_id, due=kr.due_date.isoformat()),
                )
            )
        return out

    def _say(self, key: str, user_id: int, **params: object) -> str:
        return text(key, self.people.users[user_id].locale, **params)
