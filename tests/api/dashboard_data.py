"""An organization's cycle for the dashboard tests, and the figures recomputed from its raw
rows and the viewer's board — the independent answer the `dashboard` query must equal.

The cycle (owner, visibility, state), 30 days in, 60 to go:

    Company      ada  PUBLIC  PUBLISHED   growth KR (check-ins 20, 10, 2 days ago) + ALIGNED KR
    ├─ Dept      leo  TEAM (Engineering)  converted from the ALIGNED KR; count KR
    │  └─ Mine   mia  PRIVATE             decrease KR (a check-in 16 days ago)
    ├─ Squad     leo  PUBLIC (Platform)   two KRs scored 0.7 and not yet, none checked in
    ├─ Ceiling   pat  PUBLIC              a limit held from the start, a milestone
    ├─ Archived  pat  PUBLIC  ARCHIVED    counts nowhere
    Year-bound   lou  PUBLIC  DRAFT       aligned to the annual cycle's objective
    Loose        pat  PUBLIC              personal, aligned to nothing; converted into the year
"""

from datetime import UTC, date, datetime, timedelta
from typing import Any

from backend.domain.clock import as_utc, day_end, day_start
from backend.domain.dashboard import FRESHNESS_DAYS, STATUS_ORDER
from backend.domain.enums import (
    CyclePhase,
    KRKind,
    ObjectiveLevel,
    ObjectiveState,
    ProgressSource,
    Visibility,
)
from backend.domain.expected import expected_progress
from backend.domain.progress import is_ceiling, objective_progress
from backend.domain.scoring import round1
from backend.models import CheckIn, Cycle, KeyResult, Objective, User
from tests.api.helpers import Api, World, gid

NOW = datetime.now(UTC)


async def objective(
    world: World,
    title: str,
    owner: User,
    level: ObjectiveLevel = ObjectiveLevel.PERSONAL,
    cycle: Cycle | None = None,
    **kw: Any,
) -> Objective:
    kw.setdefault("state", ObjectiveState.PUBLISHED)
    return await Objective.create(
        organization=world.org,
        cycle=cycle or world.cycle,
        title=title,
        level=level,
        owner=owner,
        **kw,
    )


async def key_result(o: Objective, title: str, **kw: Any) -> KeyResult:
    kw.setdefault("kind", KRKind.INCREASE)
    if kw["kind"] in (KRKind.INCREASE, KRKind.COUNT):
        kw.setdefault("start_value", 0)
        kw.setdefault("target_value", 100)
    kw.setdefault("weight", 100)
    kw.setdefault("owner_id", o.owner_id)
    return await KeyResult.create(organization_id=o.organization_id, objective=o, title=title, **kw)


async def check_in(
    kr: KeyResult, author: User, value: float, progress: float, days_ago: float
) -> None:
    at = NOW - timedelta(days=days_ago)
    await CheckIn.create(
        organization_id=kr.organization_id,
        key_result=kr,
        author=author,
        value=value,
        progress=progress,
        raw_progress=progress,
        created_at=at,
    )
    if kr.last_check_in_at is None or as_utc(kr.last_check_in_at) < at:
        kr.current_value, kr.last_check_in_at = value, at
        await kr.save(update_fields=["current_value", "last_check_in_at"])


async def build(world: World) -> dict[str, Any]:
    """The cycle above; returns its rows by name."""
    w = world
    year = await Cycle.create(
        organization=w.org,
        name="The year",
        starts_on=date.today() - timedelta(days=120),
        ends_on=date.today() + timedelta(days=240),
        phase=CyclePhase.TRACKING,
    )
    annual = await objective(w, "Annual", w.admin, ObjectiveLevel.COMPANY, cycle=year)
    company = await objective(w, "Company", w.admin, ObjectiveLevel.COMPANY)
    growth = await key_result(company, "Grow", weight=60)
    for value, days in ((10, 20), (30, 10), (50, 2)):
        await check_in(growth, w.admin, value, value / 100, days)
    rolled = await key_result(
        company, "Rolled up", weight=40, progress_source=ProgressSource.ALIGNED
    )
    dept = await objective(
        w,
        "Dept",
        w.lead,
        ObjectiveLevel.TEAM,
        team=w.dept,
        visibility=Visibility.TEAM,
        parent=company,
        source_key_result=rolled,
    )
    hires = await key_result(dept, "Hire", kind=KRKind.COUNT, target_value=10, owner_id=w.peer.id)
    await check_in(hires, w.peer, 2, 0.2, 25)
    await check_in(hires, w.peer, 4, 0.4, 5)
    mine = await objective(w, "Mine", w.member, parent=dept, visibility=Visibility.PRIVATE)
    churn = await key_result(mine, "Churn", kind=KRKind.DECREASE, start_value=20, target_value=10)
    await check_in(churn, w.member, 15, 0.5, 16)
    squad = await objective(w, "Squad", w.lead, ObjectiveLevel.TEAM, team=w.squad)
    await key_result(
        squad, "Ship", weight=50, score=0.7, difficulty=0.8, effort=0.6, score_reason="=Shipped"
    )
    await key_result(squad, "Train", weight=50, owner_id=w.member.id)
    ceiling = await objective(w, "Ceiling", w.peer, parent=company)
    await key_result(
        ceiling, "Keep costs", kind=KRKind.DECREASE, start_value=3, target_value=5, weight=0
    )
    await key_result(
        ceiling,
        "Launch",
        kind=KRKind.MILESTONE,
        due_date=date.today() + timedelta(days=20),
        weight=0,
    )
    archived = await objective(w, "Archived", w.peer, state=ObjectiveState.ARCHIVED)
    await check_in(await key_result(archived, "Gone"), w.peer, 90, 0.9, 3)
    bound = await objective(w, "Year-bound", w.loner, parent=annual, state=ObjectiveState.DRAFT)
    await key_result(bound, "Band", kind=KRKind.RANGE, start_value=30, range_min=60, range_max=90)
    loose = await objective(w, "Loose", w.peer)
    loose_kr = await key_result(loose, "Loose KR", score=0.2)
    await check_in(loose_kr, w.peer, 5, 0.05, 40)  # before the cycle began
    # the year's objective converted from Loose's key result
    await objective(w, "Yearly child", w.peer, cycle=year, parent=loose, source_key_result=loose_kr)
    return {"year": year, "company": company, "dept": dept, "mine": mine, "squad": squad}


DASHBOARD = """query($c: ID!, $t: ID, $o: ID, $s: Date) {
  dashboard(cycleId: $c, teamId: $t, ownerId: $o, since: $s) {
    asOf since objectiveCount keyResultCount averageProgress averageExpected objectiveIds
    cycle { id } team { id } owner { id }
    progressDistribution { bucket count lower upper objectiveIds }
    statusCounts { bucket status count objectiveIds objectives { id status } }
    freshness { bucket minDays maxDays count keyResultCount personIds
      people { user { id } silentDays lastCheckInAt
        keyResults { silentDays lastCheckInAt keyResult { id } } } }
    alignment { level count share aligned { bucket count objectiveIds }
      unaligned { bucket count objectiveIds } }
    unalignedKeyResults { count keyResultIds }
    scores { scoredCount averageScore unscored { count keyResultIds }
      buckets { bucket score count finalCount suggestedCount keyResultIds } }
    progressOverTime { at expected actual }
    topMovers(first: 100) { before after delta objective { id } }
  }
}"""

FLAT = """query($c: ID!, $t: ID, $o: ID) { objectives(cycleId: $c, teamId: $t, ownerId: $o) {
  id progress status level state parent { id } sourceKeyResult { id }
  keyResults { id weight progress expectedProgress status score suggestedScore
    owner { id } } owner { id } } }"""


def instant(value: str) -> datetime:
    return as_utc(datetime.fromisoformat(value.replace("Z", "+00:00")))


def pk(gid_: str) -> int:
    return int(gid_.rsplit("_", 1)[1])


async def dashboard(api: Api, cycle: Cycle, **filters: str | None) -> dict[str, Any]:
    variables = {"c": gid("cycle", cycle.id), "t": None, "o": None, "s": None}
    variables.update({k[0]: v for k, v in filters.items()})
    return (await api.ok(DASHBOARD, variables))["dashboard"]


async def board(api: Api, cycle: Cycle, **filters: str | None) -> list[dict[str, Any]]:
    variables = {"c": gid("cycle", cycle.id), "t": None, "o": None}
    variables.update({k[0]: v for k, v in filters.items()})
    return (await api.ok(FLAT, variables))["objectives"]


def mean(xs: list[float]) -> float:
    return sum(xs) / len(xs) if xs else 0.0


class Recomputed:
    """The figures, recomputed from the viewer's board (its evaluated numbers and what it
    shows) and the raw rows of the cycle, the simple way."""

    def __init__(
        self,
        flat: list[dict[str, Any]],
        visible_elsewhere: set[str],
        objectives: list[Objective],
        key_results: list[KeyResult],
        check_ins: list[CheckIn],
        cycle: Cycle,
        as_of: datetime,
    ):
        self.flat, self.cycle, self.as_of = flat, cycle, as_of
        self.visible_elsewhere = visible_elsewhere  # ids of other cycles' objectives one sees
        self.objectives = {o.id: o for o in objectives}
        self.krs = key_results
        self.check_ins = sorted(check_ins, key=lambda c: (as_utc(c.created_at), c.id))

    @staticmethod
    def mean(xs: list[float]) -> float:
        return mean(xs)

    def ids(self) -> list[str]:
        return [o["id"] for o in self.flat]

    def krs_shown(self) -> list[dict[str, Any]]:
        return [kr for o in self.flat for kr in o["keyResults"]]

    def status_counts(self) -> dict[str, list[str]]:
        return {
            s.value: [o["id"] for o in self.flat if o["status"] == s.value] for s in STATUS_ORDER
        }

    def progress_distribution(self) -> list[list[str]]:
        bars: list[list[str]] = [[] for _ in range(10)]
        for o in self.flat:
            bars[min(int(o["progress"] * 10 + 1e-9), 9)].append(o["id"])
        return bars

    def alignment(self) -> dict[str, tuple[list[str], list[str]]]:
        out = {}
        for level in ("TEAM", "PERSONAL"):
            of = [o for o in self.flat if o["level"] == level]
            out[level] = (
                [o["id"] for o in of if o["parent"] is not None],
                [o["id"] for o in of if o["parent"] is None],
            )
        return out

    def unaligned_krs(self) -> list[str]:
        converted = {o["sourceKeyResult"]["id"] for o in self.flat if o["sourceKeyResult"]}
        converted |= {
            gid("kr", o.source_key_result_id)
            for o in self.objectives.values()
            if o.source_key_result_id and gid("obj", o.id) in self.visible_elsewhere
        }
        return [
            kr["id"]
            for o in self.flat
            if o["level"] in ("COMPANY", "TEAM")
            for kr in o["keyResults"]
            if kr["id"] not in converted
        ]

    def scores(self) -> dict[str, tuple[list[str], list[str]]]:
        out: dict[str, tuple[list[str], list[str]]] = {f"{i / 10:.1f}": ([], []) for i in range(11)}
        for kr in self.krs_shown():
            if kr["score"] is not None:
                out[f"{round1(kr['score']):.1f}"][0].append(kr["id"])
            out[f"{kr['suggestedScore']:.1f}"][1].append(kr["id"])
        return out

    def last_check_in(self, kr_id: int, until: datetime) -> CheckIn | None:
        found = None
        for c in self.check_ins:
            if c.key_result_id == kr_id and as_utc(c.created_at) <= until:
                found = c
        return found

    def freshness(self) -> dict[str, dict[str, tuple[int, list[tuple[str, int]]]]]:
        """bucket -> person -> (their most silent days, [(kr, days) silent ≥ the bucket's])."""
        start = day_start(self.cycle.starts_on)
        silent: dict[str, list[tuple[str, int]]] = {}
        by_id = {kr.id: kr for kr in self.krs}
        for o in self.flat:
            if o["state"] != "PUBLISHED":
                continue
            for kr in o["keyResults"]:
                if kr["status"] == "DONE" or kr["score"] is not None:
                    continue
                row = by_id[pk(kr["id"])]
                last = self.last_check_in(row.id, self.as_of)
                began = max(start, as_utc(last.created_at if last else row.created_at))
                days = max((self.as_of - began) // timedelta(days=1), 0)
                person = (kr["owner"] or o["owner"])["id"]
                silent.setdefault(person, []).append((kr["id"], days))
        bounds = (0, *FRESHNESS_DAYS)
        out: dict[str, dict[str, tuple[int, list[tuple[str, int]]]]] = {str(b): {} for b in bounds}
        for person, krs in silent.items():
            worst = max(d for _, d in krs)
            low = max(b for b in bounds if worst >= b)
            out[str(low)][person] = (worst, sorted((k, d) for k, d in krs if d >= low))
        return out

    # --- H(t): progress as check-ins left it, the plain recursive way ---

    def kr_progress_at(self, kr: KeyResult, t: datetime, seen: frozenset[int]) -> float:
        if kr.progress_source == ProgressSource.ALIGNED:
            converted = [
                o
                for o in self.objectives.values()
                if o.source_key_result_id == kr.id
                and o.cycle_id == self.cycle.id
                and o.state != ObjectiveState.ARCHIVED
            ]
            return mean([self.progress_at(o.id, t, seen) for o in converted])
        last = self.last_check_in(kr.id, t)
        if last is not None:
            return last.progress
        held = is_ceiling(kr.kind, kr.start_value, kr.target_value) or (
            kr.kind == KRKind.RANGE
            and kr.range_min is not None
            and kr.range_max is not None
            and kr.start_value is not None
            and kr.range_min <= kr.start_value <= kr.range_max
        )
        return self.expected(kr, t) if held else 0.0

    def live_krs(self, objective_id: int) -> list[KeyResult]:
        return [k for k in self.krs if k.objective_id == objective_id and not k.archived]

    def progress_at(
        self, objective_id: int, t: datetime, seen: frozenset[int] = frozenset()
    ) -> float:
        if objective_id in seen:
            return 0.0
        seen = seen | {objective_id}
        return objective_progress(
            [(k.weight, self.kr_progress_at(k, t, seen)) for k in self.live_krs(objective_id)]
        )

    def expected(self, kr: KeyResult, t: datetime) -> float:
        c = self.cycle
        return expected_progress(
            t, c.starts_on, c.ends_on, kr.due_date, kr.kind, kr.progress_source
        )

    def expected_at(self, objective_id: int, t: datetime) -> float:
        return objective_progress(
            [(k.weight, self.expected(k, t)) for k in self.live_krs(objective_id)]
        )

    def timeline(self, instants: list[datetime]) -> list[tuple[float, float | None]]:
        scope = [pk(i) for i in self.ids()]
        return [
            (
                mean([self.expected_at(o, t) for o in scope]),
                mean([self.progress_at(o, t) for o in scope]) if t <= self.as_of else None,
            )
            for t in instants
        ]

    def movers(self, since: datetime) -> list[tuple[str, float, float]]:
        moves = []
        for i in self.ids():
            before, after = self.progress_at(pk(i), since), self.progress_at(pk(i), self.as_of)
            if abs(after - before) > 1e-9:
                moves.append((i, before, after))
        return sorted(moves, key=lambda m: -abs(m[2] - m[1]))


async def recompute(
    api: Api, cycle: Cycle, as_of: datetime, others: list[Cycle], **filters: str | None
) -> Recomputed:
    elsewhere = {o["id"] for other in others for o in await board(api, other)}
    return Recomputed(
        await board(api, cycle, **filters),
        elsewhere,
        await Objective.all(),
        await KeyResult.filter(objective__cycle_id=cycle.id),
        await CheckIn.all(),
        cycle,
        as_of,
    )


def cycle_end(cycle: Cycle) -> datetime:
    return day_end(cycle.ends_on)
