"""The numbers of one alignment chain, loaded alone (read/chain.py), equal those of a
whole-cycle evaluation — for every objective of every table row below, and of a seeded
random organisation — in a constant number of statements; a check-in announces them as
committed, also when check-ins on one chain run concurrently."""

import asyncio
import random
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from tortoise import connections
from tortoise.expressions import F

from backend.actions import checkins
from backend.actions.checkins import CheckInInput, check_in
from backend.domain.enums import (
    CyclePhase,
    KRKind,
    ObjectiveLevel,
    ObjectiveState,
    ProgressSource,
    TaskStatus,
)
from backend.events.payloads import chain_numbers
from backend.events.unit import write
from backend.models import (
    ActivityEvent,
    CheckIn,
    Cycle,
    KeyResult,
    Objective,
    Organization,
    Task,
)
from backend.read.chain import (
    evaluate_chains,
    load_chain_rows,
    load_chain_snapshot,
    written_key_result,
)
from backend.read.directory import keep_for_request, load_directory
from backend.read.request_scope import request_scope
from backend.read.snapshot import cycle_task_tallies, evaluate_cycle, load_snapshot
from tests.api.helpers import World, gid

NOW = datetime.now(UTC)


@dataclass
class Ob:
    """An objective: `parent` / `source` name another objective / key result of the table."""

    name: str
    parent: str | None = None
    source: str | None = None
    archived: bool = False
    other_cycle: bool = False


@dataclass
class Kr:
    name: str
    objective: str
    kind: KRKind = KRKind.INCREASE
    source: ProgressSource = ProgressSource.MANUAL
    weight: float = 50
    current: float | None = None
    archived: bool = False
    tasks: tuple[int, int, int] = (0, 0, 0)  # done, open, deleted
    confidence: int | None = 7
    checked_days_ago: int | None = 1
    due: date | None = None
    numbers: dict[str, float | None] = field(default_factory=dict)


A, M, T = ProgressSource.ALIGNED, ProgressSource.MANUAL, ProgressSource.TASKS

TABLE: dict[str, tuple[list[Ob], list[Kr]]] = {
    "aligned five levels deep": (
        [Ob("L0"), *(Ob(f"L{i}", f"L{i - 1}", f"k{i - 1}") for i in range(1, 5))],
        [
            *(Kr(f"k{i}", f"L{i}", source=A, weight=60) for i in range(4)),
            *(Kr(f"own{i}", f"L{i}", current=3 + i, weight=40) for i in range(4)),
            Kr("leaf", "L4", current=7, weight=100),
        ],
    ),
    "siblings, archived objectives and key results": (
        [
            Ob("top"),
            Ob("a", "top", "agg"),
            Ob("b", "top", "agg"),
            Ob("gone", "top", "agg", archived=True),
            Ob("plain", "top"),
            Ob("under-gone", "gone", "gone-agg"),
        ],
        [
            Kr("agg", "top", source=A, weight=70),
            Kr("old-agg", "top", source=A, weight=30, archived=True),
            Kr("mine", "top", current=2, weight=30),
            Kr("a1", "a", current=9, weight=100),
            Kr("b1", "b", current=1, weight=20),
            Kr("b2", "b", current=4, weight=80, archived=True),
            Kr("gone-agg", "gone", source=A, weight=100),
            Kr("gone1", "gone", current=10, weight=0),
            Kr("p1", "plain", current=5, weight=100),
            Kr("ug1", "under-gone", current=6, weight=100),
        ],
    ),
    "archived aligned key result still has converted objectives": (
        [Ob("top"), Ob("child", "top", "agg"), Ob("grandchild", "child", "child-agg")],
        [
            Kr("agg", "top", source=A, archived=True, weight=100),
            Kr("live", "top", current=5, weight=100),
            Kr("child-agg", "child", source=A, weight=100),
            Kr("g1", "grandchild", current=8, weight=100),
        ],
    ),
    "task-driven key results and every kind": (
        [Ob("top"), Ob("mid", "top", "agg"), Ob("low", "mid", "mid-agg")],
        [
            Kr("agg", "top", source=A, weight=50),
            Kr("ms", "top", KRKind.MILESTONE, T, weight=25, tasks=(2, 3, 1)),
            Kr("bl", "top", KRKind.BASELINE, M, weight=25, current=1),
            Kr("mid-agg", "mid", source=A, weight=40),
            Kr("cnt", "mid", KRKind.COUNT, T, weight=30, tasks=(4, 2, 2), numbers={"target": 10}),
            Kr(
                "dec",
                "mid",
                KRKind.DECREASE,
                weight=30,
                current=7,
                numbers={"start": 10, "target": 5},
            ),
            Kr(
                "rng",
                "low",
                KRKind.RANGE,
                weight=50,
                current=40,
                numbers={"start": 20, "min": 60, "max": 90},
            ),
            Kr("mis", "low", KRKind.MISSION, weight=50, current=None, checked_days_ago=None),
            Kr("bt", "low", KRKind.BASELINE, T, weight=0, tasks=(0, 0, 3)),
        ],
    ),
    "zero weights, no key results, stale and low confidence": (
        [Ob("top"), Ob("empty", "top", "agg"), Ob("zero", "top", "agg")],
        [
            Kr("agg", "top", source=A, weight=0),
            Kr("other", "top", current=1, weight=0, confidence=2),
            Kr("z1", "zero", current=2, weight=0, checked_days_ago=20),
            Kr("z2", "zero", current=8, weight=0, due=date.today() - timedelta(days=2)),
        ],
    ),
    "a parent in another cycle ends the chain": (
        [
            Ob("annual", other_cycle=True),
            Ob("quarter", "annual", "annual-agg"),
            Ob("team", "quarter", "q-agg"),
            Ob("elsewhere", "quarter", "q-agg", other_cycle=True),
        ],
        [
            Kr("annual-agg", "annual", source=A, weight=100),
            Kr("q-agg", "quarter", source=A, weight=100),
            Kr("t1", "team", current=5, weight=100),
            Kr("e1", "elsewhere", current=10, weight=100),
        ],
    ),
}


async def build(world: World, objectives: list[Ob], krs: list[Kr]) -> dict[str, int]:
    """Writes the table's rows (objectives in order, so parents first; a `source` may name a
    key result of an objective defined earlier). Returns name → id."""
    other = await Cycle.create(
        organization=world.org,
        name="Annual",
        starts_on=world.cycle.starts_on - timedelta(days=60),
        ends_on=world.cycle.ends_on + timedelta(days=200),
        phase=CyclePhase.TRACKING,
    )
    ids: dict[str, int] = {}
    pending = list(krs)
    for o in objectives:
        row = await Objective.create(
            organization=world.org,
            cycle_id=other.id if o.other_cycle else world.cycle.id,
            title=o.name,
            level=ObjectiveLevel.PERSONAL,
            owner=world.member,
            state=ObjectiveState.ARCHIVED if o.archived else ObjectiveState.PUBLISHED,
            parent_id=ids[o.parent] if o.parent else None,
            source_key_result_id=ids[o.source] if o.source else None,
        )
        ids[o.name] = row.id
        for k in [k for k in pending if k.objective == o.name]:
            pending.remove(k)
            ids[k.name] = await _key_result(world, k, row.id)
    assert not pending, pending
    return ids


async def _key_result(world: World, k: Kr, objective_id: int) -> int:
    n = k.numbers
    growth = k.kind in (KRKind.INCREASE, KRKind.MISSION, KRKind.COUNT)
    row = await KeyResult.create(
        organization=world.org,
        objective_id=objective_id,
        title=k.name,
        kind=k.kind,
        progress_source=k.source,
        start_value=n.get("start", 0 if growth else None),
        target_value=n.get("target", 10 if growth and k.source is not T else None),
        range_min=n.get("min"),
        range_max=n.get("max"),
        current_value=k.current,
        weight=k.weight,
        archived=k.archived,
        confidence=k.confidence,
        due_date=k.due,
        last_check_in_at=(
            NOW - timedelta(days=k.checked_days_ago) if k.checked_days_ago is not None else None
        ),
        owner=world.member,
    )
    done, open_, deleted = k.tasks
    statuses = [TaskStatus.DONE] * done + [TaskStatus.DOING] * open_ + [TaskStatus.DONE] * deleted
    for i, status in enumerate(statuses):
        await Task.create(
            organization=world.org,
            objective_id=objective_id,
            key_result_id=row.id,
            title=f"{k.name}-task-{i}",
            status=status,
            creator=world.member,
            deleted_at=NOW if i >= done + open_ else None,
        )
    return row.id


async def whole_cycle(cycle: Cycle, at: datetime) -> tuple[Any, dict[int, Objective], list[Any]]:
    """The reference: every objective and key result of the cycle through the ORM."""
    org = await Organization.get(id=cycle.organization_id)
    objectives = await Objective.filter(cycle_id=cycle.id)
    key_results = await KeyResult.filter(objective__cycle_id=cycle.id)
    evaluation = evaluate_cycle(
        cycle, org, objectives, key_results, await cycle_task_tallies(cycle.id), at
    )
    return evaluation, {o.id: o for o in objectives}, key_results


async def assert_chains_match(world: World) -> int:
    """For every objective of the cycle: chain-only numbers == whole-cycle numbers."""
    cycle = await Cycle.get(id=world.cycle.id)
    org = await Organization.get(id=world.org.id)
    whole = await whole_cycle(cycle, NOW)
    compared = 0
    for oid in whole[1]:
        expected = chain_numbers(*whole, oid)
        got = chain_numbers(*await evaluate_chains(cycle, org, [oid], NOW), oid)
        assert got == expected, f"objective {whole[1][oid].title}"
        assert expected["objectives"], "the chain holds at least the objective itself"
        compared += 1
    return compared


@pytest.mark.parametrize("case", list(TABLE))
async def test_chain_numbers_equal_a_whole_cycle_evaluation(world: World, case: str) -> None:
    objectives, krs = TABLE[case]
    await build(world, objectives, krs)
    assert await assert_chains_match(world) == sum(not o.other_cycle for o in objectives)


async def test_chain_numbers_of_a_random_organisation(world: World) -> None:
    """Seeded forest: roots with converted and plain children four levels down, every kind,
    archived rows and tasks sprinkled in."""
    rng = random.Random(7)
    objectives: list[Ob] = []
    krs: list[Kr] = []
    level: list[str] = []
    for depth in range(5):
        fresh: list[str] = []
        for i in range(4 if depth == 0 else len(level) * 2):
            name = f"o{depth}-{i}"
            parent = rng.choice(level) if level and rng.random() < 0.9 else None
            parent_krs = [k for k in krs if k.objective == parent and k.source is A]
            source = rng.choice(parent_krs).name if parent_krs and rng.random() < 0.7 else None
            objectives.append(Ob(name, parent, source, archived=rng.random() < 0.08))
            fresh.append(name)
            for j in range(rng.randint(0, 3)):
                kind = rng.choice(list(KRKind))
                src = A if rng.random() < 0.4 else M
                if kind in (KRKind.BASELINE, KRKind.MILESTONE, KRKind.COUNT) and rng.random() < 0.4:
                    src = T
                if kind in (KRKind.DECREASE, KRKind.RANGE) and src is A and rng.random() < 0.5:
                    src = M
                numbers: dict[str, float | None] = {}
                if kind is KRKind.DECREASE:
                    numbers = {"start": 10, "target": 2}
                elif kind is KRKind.RANGE:
                    numbers = {"start": 0, "min": 4, "max": 6}
                binary = kind in (KRKind.BASELINE, KRKind.MILESTONE)
                krs.append(
                    Kr(
                        f"{name}-k{j}",
                        name,
                        kind,
                        src,
                        weight=rng.choice([0, 10, 25, 50, 100]),
                        current=None
                        if src is not M
                        else float(rng.randint(0, 1 if binary else 12)),
                        archived=rng.random() < 0.1,
                        tasks=(rng.randint(0, 3), rng.randint(0, 3), rng.randint(0, 1))
                        if src is T
                        else (0, 0, 0),
                        confidence=rng.choice([None, 2, 7]),
                        checked_days_ago=rng.choice([None, 1, 10]),
                        numbers=numbers,
                    )
                )
        level = fresh
    await build(world, objectives, krs)
    assert await assert_chains_match(world) == len(objectives)


async def test_chain_load_takes_three_statements_at_any_depth(
    world: World, statements: list[str]
) -> None:
    objectives, krs = TABLE["aligned five levels deep"]
    ids = await build(world, objectives, krs)
    statements.clear()
    rows = await load_chain_rows(world.cycle.id, [ids["L4"]])
    # objectives, key results, and the tasks of any KR (their last change counts for staleness)
    assert len(rows.objectives) == 5 and len(statements) == 3
    objectives, krs = TABLE["task-driven key results and every kind"]
    ids = await build(world, objectives, krs)
    statements.clear()
    rows = await load_chain_rows(world.cycle.id, [ids["low"]])
    assert len(rows.objectives) == 3 and len(statements) == 3


async def test_check_in_event_carries_the_committed_chain(world: World) -> None:
    objectives, krs = TABLE["task-driven key results and every kind"]
    ids = await build(world, objectives, krs)
    actor = (await load_directory(world.org.id)).actor(world.admin)
    await check_in(actor, CheckInInput(key_result_id=ids["rng"], value=70, confidence=8))
    event = await ActivityEvent.filter(kind="key_result.checked_in").order_by("-seq").first()
    assert event is not None
    numbers = event.payload["numbers"]
    held = numbers["keyResults"][str(ids["rng"])]
    # inside its band the KR is held: exactly on schedule (DESIGN §4), not done on day one
    assert held["progress"] == held["rawProgress"] == held["expectedProgress"] < 1
    cycle = await Cycle.get(id=world.cycle.id)
    whole = await whole_cycle(cycle, datetime.now(UTC))
    expected = chain_numbers(*whole, ids["low"])
    # the same chain, the same progress (status may only differ by the clock)
    assert numbers["objectives"].keys() == expected["objectives"].keys()
    for oid, got in numbers["objectives"].items():
        assert got["progress"] == pytest.approx(expected["objectives"][oid]["progress"])
    assert numbers["keyResults"].keys() == expected["keyResults"].keys()
    row = await CheckIn.get(key_result_id=ids["rng"])
    assert (row.value, row.progress, row.raw_progress) == (70, held["progress"], held["progress"])


async def test_concurrent_check_ins_on_one_chain_end_with_the_committed_numbers(
    world: World,
) -> None:
    """Check-ins on sibling key results race (a real pool on PostgreSQL): events come out in
    seq order, and the last one's numbers are the cycle's numbers after all of them."""
    objectives = [Ob("top"), *(Ob(f"c{i}", "top", "agg") for i in range(3))]
    krs = [
        Kr("agg", "top", source=A, weight=100),
        *(Kr(f"c{i}-{j}", f"c{i}", current=0, weight=50) for i in range(3) for j in range(2)),
    ]
    ids = await build(world, objectives, krs)
    actor = (await load_directory(world.org.id)).actor(world.admin)
    targets = [ids[f"c{i}-{j}"] for i in range(3) for j in range(2)]
    await asyncio.gather(
        *(
            check_in(actor, CheckInInput(key_result_id=kr, value=float(v)))
            for v in range(1, 4)
            for kr in targets
        )
    )
    last = await ActivityEvent.filter(kind="key_result.checked_in").order_by("-seq").first()
    assert last is not None
    cycle = await Cycle.get(id=world.cycle.id)
    whole = await whole_cycle(cycle, datetime.now(UTC))
    top = str(ids["top"])
    assert last.payload["numbers"]["objectives"][top]["progress"] == pytest.approx(
        whole[0].objectives[ids["top"]].progress
    )
    # every check-in recorded the progress of the value it wrote
    for row in await CheckIn.filter(key_result_id__in=targets):
        assert row.progress == pytest.approx(row.value / 10)


async def test_postgres_connections_compile_no_statement(db: str) -> None:
    """JIT off on both connections: the chain's estimated cost passed jit_above_cost and a
    5 ms read paid 250 ms of compiling."""
    if db != "postgres":
        pytest.skip("PostgreSQL's setting")
    for name in ("default", "read"):
        _, rows = await connections.get(name).execute_query("SHOW jit")
        assert rows[0]["jit"] == "off"


async def test_a_check_in_reads_its_chain_again_when_an_event_lands_before_its_lock(
    db: str, world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    """PostgreSQL reads the chain before the organization's lock: a sibling's check-in that
    commits in between moves the counter, so the chain is read again under the lock and the
    event carries numbers with the sibling's value."""
    if db != "postgres":
        pytest.skip("SQLite's writer lock is held from the check-in's first statement")
    ids = await build(world, [Ob("top")], [Kr(k, "top", current=0, weight=50) for k in "ab"])
    actor = (await load_directory(world.org.id)).actor(world.admin)
    paused, sibling_done = asyncio.Event(), asyncio.Event()
    real = checkins.load_chain_rows
    reads = []

    async def stale_first(cycle_id: int, objective_ids: list[int]) -> Any:
        rows = await real(cycle_id, objective_ids)
        reads.append(len(reads))
        if len(reads) == 1:  # the first check-in's read before the lock: let the sibling in
            paused.set()
            await sibling_done.wait()
        return rows

    monkeypatch.setattr(checkins, "load_chain_rows", stale_first)
    first = asyncio.create_task(check_in(actor, CheckInInput(key_result_id=ids["a"], value=5)))
    await paused.wait()
    await check_in(actor, CheckInInput(key_result_id=ids["b"], value=10))
    sibling_done.set()
    await first
    assert len(reads) == 3  # the first check-in read twice, the sibling once
    last = await ActivityEvent.filter(kind="key_result.checked_in").order_by("-seq").first()
    assert last is not None and last.key_result_id == ids["a"]
    assert last.payload["numbers"]["objectives"][str(ids["top"])]["progress"] == pytest.approx(0.75)


async def test_chain_snapshot_agrees_with_the_full_snapshot(
    world: World, statements: list[str]
) -> None:
    """What a mutation's response may load instead of the whole cycle."""
    objectives, krs = TABLE["task-driven key results and every kind"]
    ids = await build(world, objectives, krs)
    await build(world, *TABLE["aligned five levels deep"])  # rows the chain does not need
    directory = await load_directory(world.org.id)
    actor = directory.actor(world.member)
    cycle = await Cycle.get(id=world.cycle.id)
    full = await load_snapshot(cycle, actor, directory=directory)
    statements.clear()
    part = await load_chain_snapshot(cycle, actor, [ids["low"]], directory=directory)
    assert len(statements) == 5  # organization, chain objectives, key results, tasks, owners
    assert part.partial and not full.partial
    assert list(part.objectives) == [ids[n] for n in ("top", "mid", "low")]
    assert set(part.key_results) == {k.id for k in full.key_results.values()} & {
        ids[k.name] for k in krs
    }
    for oid in part.objectives:
        assert part.evaluation.objectives[oid] == full.evaluation.objectives[oid]
        assert [k.id for k in part.krs_of.get(oid, [])] == [k.id for k in full.krs_of.get(oid, [])]
    for kid in part.key_results:
        assert (
            part.evaluation.key_results[kid].progress == full.evaluation.key_results[kid].progress
        )
        assert part.evaluation.key_results[kid].status == full.evaluation.key_results[kid].status
    assert part.users.keys() <= full.users.keys() and part.seq == full.seq


async def test_check_in_validates_again_when_the_key_result_changed_meanwhile(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The write only applies to the key result as validated: archived (or made task-driven)
    in between, the check-in is validated again against what is stored — and refused."""
    from backend.actions import checkins
    from backend.domain.errors import InvalidInput

    ids = await build(world, [Ob("o")], [Kr("k", "o", current=1, weight=100)])
    real = checkins.key_result
    calls = []

    async def stale_then_real(actor: Any, kr_id: int) -> Any:
        found = await real(actor, kr_id)
        if not calls:  # someone archives it right after we read it
            await KeyResult.filter(id=kr_id).update(archived=True)
        calls.append(kr_id)
        return found

    monkeypatch.setattr(checkins, "key_result", stale_then_real)
    actor = (await load_directory(world.org.id)).actor(world.admin)
    with pytest.raises(InvalidInput) as refused:
        await check_in(actor, CheckInInput(key_result_id=ids["k"], value=5))
    assert refused.value.key == "okr.archived" and len(calls) == 2
    assert (await KeyResult.get(id=ids["k"])).current_value == 1
    assert not await CheckIn.filter(key_result_id=ids["k"]).exists()


CHECK_IN_API = """mutation($i: CheckInInput!) { checkIn(input: $i) {
  id currentValue progress status objective { id progress status } } }"""


async def test_check_in_over_http_reads_the_directory_once_and_the_chain_once(
    db: str, world: World, statements: list[str]
) -> None:
    """The check-in the web app sends, at any depth: 19 statements (PostgreSQL: 20, the event
    counter read before the chain, which is read there before the lock) — the token, the directory
    (once: the access check reuses the one the rights came from), the key result, its
    objective and cycle; the write (key result locked and written, the event counter locked,
    the chain's objectives, key results and tasks, the check-in, the counter, the phase, the
    event); the response (the organization — the key result, objective, cycle and chain are the
    write's, nothing recorded since — the owners, and the confidence then unless this check-in
    gives one)."""
    objectives, krs = TABLE["aligned five levels deep"]
    ids = await build(world, objectives, krs)
    admin = await world.as_(world.admin)
    counts = []
    for leaf, value, confidence in (("leaf", 9, None), ("own0", 4, 7)):
        statements.clear()
        data = {"keyResultId": gid("kr", ids[leaf]), "value": value, "confidence": confidence}
        answer = (await admin.ok(CHECK_IN_API, {"i": data}))["checkIn"]
        counts.append(len(statements))
        assert sum('"team_member"' in s or "team_member m" in s for s in statements) == 1
        assert sum("WITH RECURSIVE" in s for s in statements) == 1
        cycle = await Cycle.get(id=world.cycle.id)
        evaluation, _, _ = await whole_cycle(cycle, datetime.now(UTC))
        objective = evaluation.objectives[ids["L4" if leaf == "leaf" else "L0"]]
        assert answer["objective"]["progress"] == pytest.approx(objective.progress)
        assert answer["progress"] == pytest.approx(evaluation.key_results[ids[leaf]].progress)
    expected = 20 if db == "postgres" else 19
    assert counts == [expected, expected - 1], "\n".join(statements)


async def test_a_response_reuses_its_writes_chain_only_while_nothing_was_recorded_since(
    world: World, statements: list[str]
) -> None:
    objectives, krs = TABLE["task-driven key results and every kind"]
    ids = await build(world, objectives, krs)
    directory = await load_directory(world.org.id)
    actor = directory.actor(world.admin)
    cycle = await Cycle.get(id=world.cycle.id)
    low = await KeyResult.get(id=ids["rng"])

    async def respond() -> int:
        statements.clear()
        snap = await load_chain_snapshot(cycle, actor, [low.objective_id], directory=directory)
        assert snap.partial and low.objective_id in snap.objectives
        return len(statements)

    with request_scope():
        await check_in(actor, CheckInInput(key_result_id=ids["rng"], value=60))
        assert await respond() == 2  # the organization (its seq), the owners
        assert await respond() == 5  # used once: afresh
    with request_scope():
        await check_in(actor, CheckInInput(key_result_id=ids["rng"], value=65))
        # someone recorded an event meanwhile: the numbers may have moved
        await Organization.filter(id=world.org.id).update(last_seq=F("last_seq") + 1)
        assert await respond() == 5
    # outside an HTTP request nothing is kept
    await check_in(actor, CheckInInput(key_result_id=ids["rng"], value=70))
    assert await respond() == 5


async def test_a_response_takes_the_writes_rows_only_while_nothing_was_recorded_since(
    world: World,
) -> None:
    objectives, krs = TABLE["task-driven key results and every kind"]
    ids = await build(world, objectives, krs)
    actor = (await load_directory(world.org.id)).actor(world.admin)
    with request_scope():
        await check_in(actor, CheckInInput(key_result_id=ids["rng"], value=60))
        written = await written_key_result(ids["rng"])
        assert written is not None and written.key_result.current_value == 60
        assert written.objective.id == written.key_result.objective_id
        assert written.org.last_seq == (await Organization.get(id=world.org.id)).last_seq
        assert await written_key_result(ids["rng"] + 10_000) is None  # not in the chain
    with request_scope():
        await check_in(actor, CheckInInput(key_result_id=ids["rng"], value=65))
        await Organization.filter(id=world.org.id).update(last_seq=F("last_seq") + 1)
        assert await written_key_result(ids["rng"]) is None
    await check_in(actor, CheckInInput(key_result_id=ids["rng"], value=70))
    assert await written_key_result(ids["rng"]) is None


async def test_a_requests_directory_serves_its_own_task_until_it_writes(world: World) -> None:
    kept = await load_directory(world.org.id)
    with request_scope():
        keep_for_request(world.org.id, kept)
        assert await load_directory(world.org.id) is kept
        assert await load_directory(world.outsider.organization_id) is not kept
        # a task the request starts reads afresh
        assert await asyncio.create_task(load_directory(world.org.id)) is not kept
        async with write(world.org.id, None):
            assert await load_directory(world.org.id) is not kept
        assert await load_directory(world.org.id) is not kept
        keep_for_request(world.org.id, kept)
    # outside the request: nothing kept
    assert await load_directory(world.org.id) is not kept
