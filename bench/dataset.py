"""A fresh organisation of N objectives in a fresh database, written in bulk.

The shape follows how companies run OKRs: a few company objectives, department and team
objectives aligned to them, personal objectives aligned to the team ones (alignment chains 3–4
deep, a few unaligned), about a third converted from a parent's key result (half of those key
results then take their progress from the converted objectives), 3–4 key results each of every
kind, a few check-ins per key result, tasks (most on task-driven key results). Mostly public and
published; some team-only, private, draft and archived rows so that the visibility and state
filters do real work. Everything is seeded: the same size gives the same organisation.

Rows get explicit ids (the database is fresh), are inserted with `bulk_create` in batches, and
on PostgreSQL the id sequences are moved past them afterwards.
"""

import asyncio
import math
import random
import secrets
import uuid
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from tortoise import Tortoise, connections
from tortoise.backends.base.executor import EXECUTOR_CACHE

from backend.db import tortoise_config
from backend.domain.enums import (
    CyclePhase,
    KRKind,
    ObjectiveLevel,
    ObjectiveState,
    ProgressSource,
    Role,
    TaskStatus,
    Visibility,
)
from backend.domain.people import search_text
from backend.models import (
    AuthToken,
    CheckIn,
    Cycle,
    KeyResult,
    Objective,
    Organization,
    Task,
    Team,
    TeamMember,
    User,
)
from backend.passwords import hash_now
from backend.read.accounts import token_hash

# the servers the bench starts use this key, so tokens can be written straight into the db
SECRET_KEY = "lodestar-bench-secret-key-not-for-production"
PASSWORD = "bench-password"
PG_ADMIN_DSN = "postgres://postgres@127.0.0.1:5432/postgres"
BATCH = 2000
# objectives per depth of the alignment tree (the rest are personal, depth 3)
DEPTH_SHARE = (0.01, 0.07, 0.22)
UNALIGNED_SHARE = 0.02
CONVERTED_SHARE = 0.33
KIND_MIX = (
    (KRKind.INCREASE, 30),
    (KRKind.COUNT, 20),
    (KRKind.DECREASE, 12),
    (KRKind.MILESTONE, 12),
    (KRKind.BASELINE, 10),
    (KRKind.RANGE, 8),
    (KRKind.MISSION, 8),
)
UNITS = {KRKind.INCREASE: "%", KRKind.MISSION: "%", KRKind.DECREASE: "%", KRKind.RANGE: "min"}


@dataclass
class Dataset:
    """What the parts need to know about a generated organisation."""

    size: int
    engine: str  # sqlite | postgres
    url: str
    org_id: int
    cycle_id: int
    admin_id: int
    admin_email: str
    admin_token: str  # API token of the admin (sees every objective)
    # API tokens of member users (one per user), for the live subscribers
    member_tokens: list[str] = field(default_factory=list)
    session_token: str = ""  # a browser session of the admin (cookie value)
    objectives: int = 0  # rows in the cycle (every state)
    board_objectives: int = 0  # what the admin's board shows (not archived)
    key_results: int = 0
    check_ins: int = 0
    tasks: int = 0
    users: int = 0
    max_depth: int = 0  # deepest alignment level shown on the board (0 = roots)
    shown_at_open: int = 0  # rows the web app shows on first load (levels 0–2 open)
    # MANUAL numeric key results of public, published objectives: safe to check in to and
    # seen by every subscriber. (kr id, start, target)
    checkin_krs: list[tuple[int, float, float]] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def cycle_gid(self) -> str:
        return f"cycle_{self.cycle_id}"


def _kind(rng: random.Random) -> KRKind:
    return rng.choices([k for k, _ in KIND_MIX], weights=[w for _, w in KIND_MIX])[0]


def _weights(rng: random.Random, n: int) -> list[float]:
    # integer weights summing to 100 (a published objective's rule)
    cuts = sorted(rng.sample(range(5, 96, 5), n - 1))
    parts = [b - a for a, b in zip([0, *cuts], [*cuts, 100], strict=True)]
    return [float(p) for p in parts]


def _numbers(rng: random.Random, kind: KRKind) -> dict[str, float | None]:
    """start, target, range, and a current value somewhere along the way."""
    share = rng.uniform(-0.1, 1.15)
    if kind in (KRKind.INCREASE, KRKind.MISSION):
        start = float(rng.randint(0, 50))
        target = start + rng.randint(10, 200)
        return {
            "start": start,
            "target": target,
            "current": round(start + share * (target - start), 1),
        }
    if kind is KRKind.COUNT:
        target = float(rng.randint(5, 60))
        return {"start": 0.0, "target": target, "current": float(max(0, round(share * target)))}
    if kind is KRKind.DECREASE:
        start = float(rng.randint(20, 60))
        target = float(rng.randint(1, int(start) - 5))
        return {
            "start": start,
            "target": target,
            "current": round(start - share * (start - target), 1),
        }
    if kind is KRKind.RANGE:
        return {
            "start": 30.0,
            "range_min": 60.0,
            "range_max": 90.0,
            "current": float(rng.randint(20, 110)),
        }
    return {"start": None, "target": None, "current": float(rng.random() < share)}


def _raw(kind: KRKind, n: dict[str, float | None], value: float) -> float:
    start, target = n.get("start"), n.get("target")
    if kind in (KRKind.BASELINE, KRKind.MILESTONE):
        return 1.0 if value >= 1 else 0.0
    if kind is KRKind.RANGE:
        lo, hi = n["range_min"] or 0.0, n["range_max"] or 0.0
        if lo <= value <= hi:
            return 1.0
        bound = lo if value < lo else hi
        return 1 - abs(value - bound) / abs((start or 0.0) - bound) if value < lo else 0.0
    assert start is not None and target is not None
    return (value - start) / (target - start)


class _Row(dict[str, Any]):
    """A row before Tortoise is initialised (models cannot be built before that)."""

    def __getattr__(self, name: str) -> Any:
        return self[name]

    def __setattr__(self, name: str, value: Any) -> None:
        self[name] = value


_RowList = list[_Row]


@dataclass
class _Rows:
    users: _RowList = field(default_factory=list)
    teams: _RowList = field(default_factory=list)
    members: _RowList = field(default_factory=list)
    objectives: _RowList = field(default_factory=list)
    key_results: _RowList = field(default_factory=list)
    check_ins: _RowList = field(default_factory=list)
    tasks: _RowList = field(default_factory=list)
    tokens: _RowList = field(default_factory=list)


def build(size: int, member_tokens: int, seed: int = 6) -> tuple[_Rows, Dataset]:
    """The rows of an organisation of `size` objectives (nothing written yet)."""
    rng = random.Random(seed * 1_000_003 + size)
    now = datetime.now(UTC)
    today = now.date()
    starts_on, ends_on = today - timedelta(days=40), today + timedelta(days=50)
    cycle_start = datetime.combine(starts_on, datetime.min.time(), UTC)
    org_id, cycle_id = 1, 1
    rows = _Rows()
    password_hash = hash_now(PASSWORD)  # argon2 once; every bench user shares it

    # people and teams: company → departments → teams, ~3 objectives per person
    n_users = max(12, size // 3, member_tokens + 2)
    n_depts = max(2, round(math.sqrt(size) / 3))
    n_teams = max(n_depts * 2, size // 30)
    for uid in range(1, n_users + 1):
        handle = "admin" if uid == 1 else f"u{uid}"
        name = "Bench Admin" if uid == 1 else f"Person {uid}"
        rows.users.append(
            _Row(
                id=uid,
                organization_id=org_id,
                email=f"{handle}@bench.example.com",
                password_hash=password_hash,
                display_name=name,
                handle=handle,
                search_text=search_text(handle, name),
                role=Role.ADMIN if uid == 1 else Role.MEMBER,
                created_at=cycle_start,
            )
        )
    company = _Row(id=1, organization_id=org_id, name="Company", parent_id=None)
    rows.teams.append(company)
    depts = list(range(2, 2 + n_depts))
    for tid in depts:
        rows.teams.append(
            _Row(id=tid, organization_id=org_id, name=f"Department {tid}", parent_id=1)
        )
    leaf_teams = list(range(2 + n_depts, 2 + n_depts + n_teams))
    dept_of: dict[int, int] = {}
    for i, tid in enumerate(leaf_teams):
        dept_of[tid] = depts[i % n_depts]
        rows.teams.append(
            _Row(id=tid, organization_id=org_id, name=f"Team {tid}", parent_id=dept_of[tid])
        )
    team_of: dict[int, int] = {}
    members_of: dict[int, list[int]] = {t: [] for t in leaf_teams}
    for uid in range(2, n_users + 1):
        tid = leaf_teams[(uid - 2) % n_teams]
        team_of[uid] = tid
        members_of[tid].append(uid)
    mid = 0
    for tid, uids in members_of.items():
        for i, uid in enumerate(uids):
            mid += 1
            rows.members.append(_Row(id=mid, team_id=tid, user_id=uid, is_lead=i == 0))
    for tid in depts:  # department heads: the first lead of one of its teams
        head = next(
            (members_of[t][0] for t in leaf_teams if dept_of[t] == tid and members_of[t]), None
        )
        if head is not None:
            mid += 1
            rows.members.append(_Row(id=mid, team_id=tid, user_id=head, is_lead=True))
    lead_of = {t: uids[0] for t, uids in members_of.items() if uids}

    # objectives by depth
    n0 = max(2, round(size * DEPTH_SHARE[0]))
    n1 = max(2, round(size * DEPTH_SHARE[1]))
    n2 = max(2, round(size * DEPTH_SHARE[2]))
    n3 = max(0, size - n0 - n1 - n2)
    depth_of: dict[int, int] = {}
    by_depth: list[list[int]] = [[], [], [], []]
    krs_of: dict[int, list[int]] = {}
    kr_numbers: dict[int, dict[str, float | None]] = {}
    kr_kind: dict[int, KRKind] = {}
    next_kr = 1
    oid = 0
    visible_to_all: set[int] = set()

    def add_objective(depth: int) -> None:
        nonlocal oid, next_kr
        oid += 1
        level = (
            ObjectiveLevel.COMPANY
            if depth == 0
            else (ObjectiveLevel.TEAM if depth < 3 else ObjectiveLevel.PERSONAL)
        )
        team_id: int | None
        if depth == 0:
            owner, team_id = 1, 1
        elif depth == 1:
            team_id = depts[(oid) % n_depts]
            owner = next((lead_of[t] for t in leaf_teams if dept_of[t] == team_id), 1)
        elif depth == 2:
            team_id = leaf_teams[oid % n_teams]
            owner = lead_of.get(team_id, 1)
        else:
            owner, team_id = rng.randint(2, n_users), None
        # parent: an objective one level up, in the same part of the company when there is one
        parent_id: int | None = None
        source_kr: int | None = None
        if depth > 0 and rng.random() >= UNALIGNED_SHARE:
            parent_id = rng.choice(by_depth[depth - 1])
            if rng.random() < CONVERTED_SHARE:
                source_kr = rng.choice(krs_of[parent_id])
        r = rng.random()
        visibility = (
            Visibility.PUBLIC
            if r < 0.85 or depth == 0
            else Visibility.TEAM
            if r < 0.95
            else Visibility.PRIVATE
        )
        r = rng.random()
        state = (
            ObjectiveState.PUBLISHED
            if r < 0.90 or depth == 0
            else ObjectiveState.DRAFT
            if r < 0.99
            else ObjectiveState.ARCHIVED
        )
        rows.objectives.append(
            _Row(
                id=oid,
                organization_id=org_id,
                cycle_id=cycle_id,
                title=f"Objective {oid}: make the {level.value.lower()} outcome real",
                description="Why this matters and what done looks like." if oid % 3 == 0 else "",
                level=level,
                state=state,
                visibility=visibility,
                owner_id=owner,
                team_id=team_id,
                parent_id=parent_id,
                source_key_result_id=source_kr,
                version=1,
                created_at=cycle_start,
            )
        )
        depth_of[oid] = depth
        by_depth[depth].append(oid)
        if visibility is Visibility.PUBLIC and state is ObjectiveState.PUBLISHED:
            visible_to_all.add(oid)
        n_krs = rng.choice((3, 4))
        weights = _weights(rng, n_krs)
        krs_of[oid] = []
        for position in range(n_krs):
            kid = next_kr
            next_kr += 1
            kind = _kind(rng)
            numbers = _numbers(rng, kind)
            source = ProgressSource.MANUAL
            if kind in (KRKind.COUNT, KRKind.BASELINE) and rng.random() < 0.25:
                source = ProgressSource.TASKS
            kr_numbers[kid], kr_kind[kid] = numbers, kind
            checked = rng.random() < 0.9
            rows.key_results.append(
                _Row(
                    id=kid,
                    organization_id=org_id,
                    objective_id=oid,
                    title=f"KR {kid}: {kind.value.lower()} the measure",
                    kind=kind,
                    unit=UNITS.get(kind, ""),
                    start_value=numbers.get("start"),
                    target_value=numbers.get("target"),
                    range_min=numbers.get("range_min"),
                    range_max=numbers.get("range_max"),
                    current_value=numbers["current"]
                    if checked and source is ProgressSource.MANUAL
                    else None,
                    due_date=(starts_on + timedelta(days=rng.randint(20, 90)))
                    if kind in (KRKind.MILESTONE, KRKind.BASELINE) or rng.random() < 0.2
                    else None,
                    weight=weights[position],
                    owner_id=owner if rng.random() < 0.7 else rng.randint(2, n_users),
                    confidence=rng.randint(2, 10) if checked else None,
                    progress_source=source,
                    position=position,
                    created_at=cycle_start,
                    last_check_in_at=None,
                )
            )
            krs_of[oid].append(kid)

    for depth, n in enumerate((n0, n1, n2, n3)):
        for _ in range(n):
            add_objective(depth)

    kr_by_id = {kr.id: kr for kr in rows.key_results}
    # half the key results something was converted from take their progress from it
    for o in rows.objectives:
        if o.source_key_result_id is not None and rng.random() < 0.5:
            kr = kr_by_id[o.source_key_result_id]
            kr.progress_source = ProgressSource.ALIGNED
            kr.current_value = None

    # check-in history, tasks
    ci_id = task_id = 0
    span = (now - cycle_start).total_seconds()
    for kr in rows.key_results:
        numbers, kind = kr_numbers[kr.id], kr_kind[kr.id]
        if kr.current_value is not None:
            final = kr.current_value
            n_ci = rng.randint(2, 4)
            times = sorted(
                cycle_start + timedelta(seconds=rng.uniform(0, span)) for _ in range(n_ci)
            )
            for i, at in enumerate(times):
                value = final if i == n_ci - 1 else _partial(rng, kind, numbers, final, i, n_ci)
                raw = _raw(kind, numbers, value)
                ci_id += 1
                rows.check_ins.append(
                    _Row(
                        id=ci_id,
                        organization_id=org_id,
                        key_result_id=kr.id,
                        author_id=kr.owner_id or 1,
                        value=value,
                        confidence=kr.confidence,
                        note="Weekly update." if i % 2 else "",
                        progress=min(max(raw, 0.0), 1.0),
                        raw_progress=raw,
                        created_at=at,
                    )
                )
            kr.last_check_in_at = times[-1]
        n_tasks = (
            rng.randint(3, 6)
            if kr.progress_source is ProgressSource.TASKS
            else (rng.randint(1, 2) if rng.random() < 0.25 else 0)
        )
        for i in range(n_tasks):
            task_id += 1
            status = rng.choice(
                (TaskStatus.TODO, TaskStatus.DOING, TaskStatus.DONE, TaskStatus.DONE)
            )
            rows.tasks.append(
                _Row(
                    id=task_id,
                    organization_id=org_id,
                    objective_id=kr.objective_id,
                    key_result_id=kr.id,
                    title=f"Task {task_id}",
                    status=status,
                    creator_id=kr.owner_id or 1,
                    assignee_id=kr.owner_id,
                    due_date=ends_on - timedelta(days=rng.randint(0, 40)),
                    position=i,
                    created_at=cycle_start,
                )
            )
        if kr.progress_source is ProgressSource.TASKS and kind is KRKind.COUNT:
            kr.target_value = float(max(n_tasks, 1))

    # tokens: the admin's API token and browser session, one API token per member user
    def token(user_id: int, session: bool) -> str:
        value = secrets.token_urlsafe(24) if session else "lst_" + secrets.token_urlsafe(24)
        rows.tokens.append(
            _Row(
                id=len(rows.tokens) + 1,
                user_id=user_id,
                is_session=session,
                name="" if session else "bench",
                token_hash=token_hash_for(value),
                expires_at=now + timedelta(days=2) if session else None,
            )
        )
        return value

    admin_token = token(1, False)
    session = token(1, True)
    members = [token(uid, False) for uid in range(2, 2 + member_tokens)]

    # what the admin's board shows, and what the web app opens on first load (levels 0–2)
    shown = {o.id: o for o in rows.objectives if o.state is not ObjectiveState.ARCHIVED}
    level: dict[int, int] = {}
    for o in rows.objectives:  # parents come first (ids grow with depth)
        if o.id in shown:
            level[o.id] = level[o.parent_id] + 1 if o.parent_id in shown else 0
    ds = Dataset(
        size=size,
        engine="",
        url="",
        org_id=org_id,
        cycle_id=cycle_id,
        admin_id=1,
        admin_email=rows.users[0].email,
        admin_token=admin_token,
        member_tokens=members,
        session_token=session,
        objectives=len(rows.objectives),
        board_objectives=len(shown),
        key_results=len(rows.key_results),
        check_ins=len(rows.check_ins),
        tasks=len(rows.tasks),
        users=len(rows.users),
        max_depth=max(level.values()),
        shown_at_open=sum(1 for v in level.values() if v <= 2),
        checkin_krs=[
            (kr.id, kr.start_value or 0.0, kr.target_value or 0.0)
            for kr in rows.key_results
            if kr.objective_id in visible_to_all
            and kr.progress_source is ProgressSource.MANUAL
            and kr_kind[kr.id] in (KRKind.INCREASE, KRKind.COUNT, KRKind.MISSION, KRKind.DECREASE)
        ],
    )
    ds.counts = {
        "objectives": ds.objectives,
        "key_results": ds.key_results,
        "check_ins": ds.check_ins,
        "tasks": ds.tasks,
        "users": ds.users,
        "teams": len(rows.teams),
    }
    return rows, ds


def _partial(
    rng: random.Random, kind: KRKind, numbers: dict[str, float | None], final: float, i: int, n: int
) -> float:
    if kind in (KRKind.BASELINE, KRKind.MILESTONE):
        return 0.0
    start = numbers.get("start") or 0.0
    return round(start + (final - start) * (i + 1) / n * rng.uniform(0.7, 1.0), 1)


def token_hash_for(token: str) -> str:
    class _S:  # token_hash reads only settings.secret_key
        secret_key = SECRET_KEY

    return token_hash(_S, token)  # type: ignore[arg-type]


# --- writing ---------------------------------------------------------------------------------


async def _create_pg_database(prefix: str) -> str:
    import asyncpg

    name = f"{prefix}_{uuid.uuid4().hex[:8]}"
    conn = await asyncpg.connect(PG_ADMIN_DSN, timeout=3)
    try:
        await conn.execute(f'CREATE DATABASE "{name}"')
    finally:
        await conn.close()
    return PG_ADMIN_DSN.rsplit("/", 1)[0] + "/" + name


async def drop_pg_database(url: str) -> None:
    import asyncpg

    conn = await asyncpg.connect(PG_ADMIN_DSN, timeout=3)
    try:
        await conn.execute(f'DROP DATABASE IF EXISTS "{url.rsplit("/", 1)[1]}" WITH (FORCE)')
    finally:
        await conn.close()


async def postgres_reachable() -> str | None:
    """None when reachable, else the reason."""
    try:
        import asyncpg

        conn = await asyncpg.connect(PG_ADMIN_DSN, timeout=3)
        await conn.close()
        return None
    except Exception as exc:
        return f"{PG_ADMIN_DSN}: {exc.__class__.__name__}: {exc}"


async def write(rows: _Rows, ds: Dataset, url: str) -> None:
    from tortoise.migrations.api import migrate

    config = tortoise_config(url)
    EXECUTOR_CACHE.clear()
    await migrate(config=config)
    await Tortoise.close_connections()
    await Tortoise.init(config=config)
    try:
        cycle_start = datetime.combine(date.today() - timedelta(days=40), datetime.min.time(), UTC)
        await Organization.create(
            id=ds.org_id, name=f"Bench {ds.size}", slug=f"bench-{ds.size}", created_at=cycle_start
        )
        await Cycle.create(
            id=ds.cycle_id,
            organization_id=ds.org_id,
            name="Bench quarter",
            starts_on=date.today() - timedelta(days=40),
            ends_on=date.today() + timedelta(days=50),
            phase=CyclePhase.TRACKING,
        )
        table: tuple[tuple[Any, list[_Row]], ...] = (
            (User, rows.users),
            (Team, rows.teams),
            (TeamMember, rows.members),
            (Objective, rows.objectives),
            (KeyResult, rows.key_results),
            (CheckIn, rows.check_ins),
            (Task, rows.tasks),
            (AuthToken, rows.tokens),
        )
        for model, objs in table:
            if model is Objective:
                # source_key_result points at key results written after the objectives
                objs = [_Row(o, source_key_result_id=None) for o in objs]
            for i in range(0, len(objs), BATCH):
                await model.bulk_create([model(**row) for row in objs[i : i + BATCH]])
        sources = [
            (o.id, o.source_key_result_id) for o in rows.objectives if o.source_key_result_id
        ]
        conn = connections.get("default")
        for sql in _source_update_sql(url, len(sources)):
            await conn.execute_many(sql, [[kr, oid] for oid, kr in sources])
        if url.startswith("postgres"):
            for name in (
                "organization",
                "cycle",
                "user",
                "team",
                "team_member",
                "objective",
                "key_result",
                "check_in",
                "task",
                "auth_token",
            ):
                await conn.execute_script(
                    f"SELECT setval(pg_get_serial_sequence('\"{name}\"', 'id'), "
                    f'(SELECT COALESCE(MAX(id), 1) FROM "{name}"))'
                )
            await conn.execute_script("ANALYZE")
        else:
            await conn.execute_script("ANALYZE")
    finally:
        await Tortoise.close_connections()


def _source_update_sql(url: str, n: int) -> list[str]:
    if not n:
        return []
    if url.startswith("postgres"):
        return ['UPDATE "objective" SET "source_key_result_id" = $1 WHERE "id" = $2']
    return ['UPDATE "objective" SET "source_key_result_id" = ? WHERE "id" = ?']


async def generate(size: int, engine: str, workdir: Path, member_tokens: int = 2) -> Dataset:
    """A fresh database (a new SQLite file, or a new PostgreSQL database) holding the
    organisation of `size` objectives."""
    rows, ds = build(size, member_tokens)
    if engine == "sqlite":
        path = workdir / f"bench-{size}-{uuid.uuid4().hex[:6]}.sqlite3"
        url = f"sqlite://{path}"
    else:
        url = await _create_pg_database(f"lodestar_bench_{size}")
    ds.engine, ds.url = engine, url
    try:
        await write(rows, ds, url)
    except BaseException:
        if engine == "postgres":
            await drop_pg_database(url)
        raise
    return ds


if __name__ == "__main__":  # a quick look: python -m bench.dataset 1000
    import sys
    import tempfile
    import time

    async def _main() -> None:
        t0 = time.perf_counter()
        with tempfile.TemporaryDirectory() as tmp:
            ds = await generate(
                int(sys.argv[1]), sys.argv[2] if len(sys.argv) > 2 else "sqlite", Path(tmp)
            )
            print(
                ds.counts,
                "depth",
                ds.max_depth,
                "open",
                ds.shown_at_open,
                f"{time.perf_counter() - t0:.1f}s",
            )
            if ds.engine == "postgres":
                await drop_pg_database(ds.url)

    asyncio.run(_main())
