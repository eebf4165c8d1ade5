"""The scheduler every process runs (started in the app's lifespan, off with LODESTAR_JOBS=0):
every LODESTAR_JOBS_INTERVAL seconds it runs what is due for each organization, then sends
what the outbox holds. A write that moves a tracked cycle's numbers pokes it (events.unit's
after-commit hook): that cycle's warnings are looked at within seconds, not at the next round.
`run_due(settings, at)` is also `lodestar jobs run-once --at`."""

import asyncio
import logging
from collections.abc import Awaitable, Callable, Collection
from dataclasses import dataclass, field
from datetime import UTC, datetime

from ..domain.enums import CyclePhase
from ..events import unit as units
from ..events.kinds import EventKind
from ..models import ActivityEvent, Cycle, Organization
from ..observability.metrics import job_run
from ..settings import Settings
from . import digest, reminders, warnings
from .claims import claim_run, finish_run
from .delivery import deliver_due
from .tell import Context

log = logging.getLogger("lodestar.jobs")
# an invitation or a password reset is sent at once, not at the next round
MAILED_AT_ONCE = frozenset({EventKind.USER_INVITED, EventKind.USER_RESET_REQUESTED})
POKE_DELAY = 2.0  # seconds: a burst of writes to one cycle is looked at once

Job = Callable[[Context], Awaitable[int]]


async def _watch(ctx: Context) -> int:
    """Every WATCH_EVERY, one process re-evaluates the organization's tracked cycles."""
    period = warnings.slot(ctx.now)
    if not await claim_run(ctx.org.id, "warnings", period, ctx.now):
        return 0
    told = 0
    for cycle in await Cycle.filter(organization_id=ctx.org.id, phase=CyclePhase.TRACKING).order_by(
        "id"
    ):
        told += await warnings.watch_cycle(ctx, cycle)
    await finish_run(ctx.org.id, "warnings", period, ctx.now)
    return told


JOBS: dict[str, Job] = {
    "warnings": _watch,
    "checkin": reminders.check_ins,
    "milestone": reminders.milestones,
    "drafts": reminders.drafts,
    "scores": reminders.scores,
    "digest": digest.digests,
}


async def run_due(
    settings: Settings, at: datetime, only: Collection[str] | None = None
) -> dict[str, int]:
    """Runs every job due at `at` (or only those named) for every organization, then sends
    the outbox as of `at`. Returns what each job delivered (and `sent`: messages handed to
    SMTP or a robot)."""
    names = [n for n in JOBS if only is None or n in only]
    done = dict.fromkeys([*names, "sent"], 0)
    for org in await Organization.all().order_by("id"):
        for name in names:
            job = JOBS[name]
            with job_run(name):
                done[name] += await job(Context(settings, org, at))
    with job_run("delivery"):
        done["sent"] = await deliver_due(settings, at)
    return done


@dataclass
class Scheduler:
    settings: Settings
    _task: asyncio.Task[None] | None = None
    _wake: asyncio.Event = field(default_factory=asyncio.Event)
    _poked: set[tuple[int, int]] = field(default_factory=set)  # (org, cycle)
    _mail: bool = False  # an account link was mailed: someone is waiting for it

    def start(self) -> None:
        units.AFTER_COMMIT.append(self._after_commit)
        self._task = asyncio.create_task(self._loop(), name="lodestar-scheduler")

    async def close(self) -> None:
        if self._after_commit in units.AFTER_COMMIT:
            units.AFTER_COMMIT.remove(self._after_commit)
        if self._task is not None:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)

    def _after_commit(self, org_id: int, events: list[ActivityEvent]) -> None:
        """Never blocks the writer: notes the cycles whose numbers moved, wakes the loop."""
        cycles = {
            (org_id, e.cycle_id)
            for e in events
            if e.cycle_id is not None and "numbers" in e.payload
        }
        if cycles:
            self._poked |= cycles
            self._wake.set()
        if any(e.kind in MAILED_AT_ONCE for e in events):
            self._mail = True
            self._wake.set()

    async def _loop(self) -> None:
        last_round: datetime | None = None
        while True:
            now = datetime.now(UTC)
            try:
                await self._poked_cycles(now)
                if (
                    last_round is None
                    or (now - last_round).total_seconds() >= self.settings.jobs_interval
                ):
                    last_round = now
                    await run_due(self.settings, now)
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("scheduled jobs failed; trying again next round")
            self._wake.clear()
            try:
                await asyncio.wait_for(self._wake.wait(), self.settings.jobs_interval)
                await asyncio.sleep(POKE_DELAY)
            except TimeoutError:
                pass

    async def _poked_cycles(self, now: datetime) -> None:
        """The warnings of the cycles writes touched since the last look (no run claim: the
        compare-and-set of each recorded status keeps a transition told once), then the
        outbox."""
        poked, self._poked = self._poked, set()
        mail, self._mail = self._mail, False
        if not poked and not mail:
            return
        with job_run("warnings"):
            for org_id, cycle_id in sorted(poked):
                org = await Organization.get_or_none(id=org_id)
                cycle = await Cycle.get_or_none(id=cycle_id, organization_id=org_id)
                if org is not None and cycle is not None:
                    await warnings.watch_cycle(Context(self.settings, org, now), cycle)
        with job_run("delivery"):
            await deliver_due(self.settings, now)
