"""The floors: what the same work costs with nothing but the database driver.

Board floor: the rows the board query reads (the token and its user, the organisation's teams
and memberships, the cycle, the organisation, every objective and key result of the cycle,
the task counts, the owners), fetched with the raw driver (aiosqlite / asyncpg) over one open
connection, nested into the board's JSON shape in Python (roots → children, key results,
owner, team), and serialised with `orjson.dumps`. No evaluation, no GraphQL.

Check-in floor: the writes a check-in makes, as raw SQL in one transaction — the key result's
new value, the check-in row, the organisation's event counter (increment, read back) and the
activity event with a payload of the size the real one has.
"""

import re
import time
from collections import defaultdict
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

import orjson

from .dataset import Dataset, token_hash_for

OBJ_COLS = (
    "id, title, description, level, state, visibility, owner_id, team_id, parent_id, "
    "source_key_result_id, score, version, organization_id, cycle_id, created_at, updated_at"
)
KR_COLS = (
    "kr.id, kr.objective_id, kr.title, kr.kind, kr.unit, kr.weight, kr.current_value, "
    "kr.start_value, kr.target_value, kr.range_min, kr.range_max, kr.due_date, kr.confidence, "
    "kr.archived, kr.progress_source, kr.score, kr.position, kr.owner_id, kr.difficulty, "
    "kr.effort, kr.last_check_in_at, kr.created_at, kr.updated_at, kr.organization_id"
)


def _kr(k: Any, source: bool = False) -> dict[str, Any]:
    """A key result row shaped as the answer has it (the numbers as placeholders: the floor
    measures fetching and shaping, not evaluation); `source`: with its progressSource, read
    after those columns by the web app's query, which asks for it."""
    row = {
        "id": f"kr_{k[0]}",
        "title": k[2],
        "kind": k[3],
        "unit": k[4],
        "weight": k[5],
        "progress": 0.0,
        "rawProgress": 0.0,
        "expectedProgress": 0.0,
        "status": "ON_TRACK",
        "statusReasons": [],
        "currentValue": k[6],
        "startValue": k[7],
        "targetValue": k[8],
        "rangeMin": k[9],
        "rangeMax": k[10],
        "dueDate": str(k[11]) if k[11] is not None else None,
        "confidence": k[12],
    }
    if source:
        row["progressSource"] = k[13]
    return row


def _pg(sql: str) -> str:
    n = iter(range(1, 1000))
    return re.sub(r"\?", lambda _: f"${next(n)}", sql)


class Driver:
    """One raw connection: `fetch(sql, args)` → tuples, `transaction()`; `?` placeholders."""

    def __init__(self, ds: Dataset) -> None:
        self.ds = ds
        self.conn: Any = None

    async def __aenter__(self) -> "Driver":
        if self.ds.engine == "sqlite":
            import aiosqlite

            self.conn = await aiosqlite.connect(
                self.ds.url.removeprefix("sqlite://"), isolation_level=None
            )
            await self.conn.execute("PRAGMA journal_mode=WAL")
            await self.conn.execute("PRAGMA busy_timeout=5000")
            await self.conn.execute("PRAGMA foreign_keys=ON")
        else:
            import asyncpg

            self.conn = await asyncpg.connect(self.ds.url)
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.conn.close()

    @property
    def sqlite(self) -> bool:
        return self.ds.engine == "sqlite"

    async def fetch(self, sql: str, args: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        if self.sqlite:
            return list(await self.conn.execute_fetchall(sql, args))
        return [tuple(r) for r in await self.conn.fetch(_pg(sql), *args)]

    async def execute(self, sql: str, args: Sequence[Any] = ()) -> None:
        if self.sqlite:
            await self.conn.execute(sql, args)
        else:
            await self.conn.execute(_pg(sql), *args)

    def ids_in(self, column: str, ids: list[int]) -> tuple[str, list[Any]]:
        if self.sqlite:
            return f"{column} IN ({','.join('?' * len(ids))})", list(ids)
        return f"{column} = ANY(?)", [ids]


# --- board -----------------------------------------------------------------------------------


async def board_floor(db: Driver) -> bytes:
    """The board's JSON from raw rows (the admin sees every objective that is not archived)."""
    ds = db.ds
    (
        await db.fetch(
            'SELECT t.*, u.* FROM auth_token t JOIN "user" u ON u.id = t.user_id '
            "WHERE t.token_hash = ? AND t.revoked_at IS NULL LIMIT 1",
            [token_hash_for(ds.admin_token)],
        )
    )
    teams = {
        r[0]: r
        for r in await db.fetch(
            "SELECT id, name, parent_id FROM team WHERE organization_id = ?", [ds.org_id]
        )
    }
    await db.fetch(
        "SELECT m.user_id, m.team_id, m.is_lead FROM team_member m "
        "JOIN team t ON t.id = m.team_id WHERE t.organization_id = ?",
        [ds.org_id],
    )
    await db.fetch(
        "SELECT * FROM cycle WHERE id = ? AND organization_id = ?", [ds.cycle_id, ds.org_id]
    )
    await db.fetch("SELECT * FROM organization WHERE id = ?", [ds.org_id])
    objectives = await db.fetch(
        f"SELECT {OBJ_COLS} FROM objective WHERE cycle_id = ? ORDER BY level, id", [ds.cycle_id]
    )
    krs = await db.fetch(
        f"SELECT {KR_COLS} FROM key_result kr JOIN objective o ON o.id = kr.objective_id "
        "WHERE o.cycle_id = ? ORDER BY kr.position, kr.id",
        [ds.cycle_id],
    )
    await db.fetch(
        "SELECT t.key_result_id, t.status, COUNT(t.id) FROM task t "
        "JOIN key_result kr ON kr.id = t.key_result_id JOIN objective o ON o.id = kr.objective_id "
        "WHERE o.cycle_id = ? AND kr.progress_source = 'TASKS' AND t.deleted_at IS NULL "
        "GROUP BY t.key_result_id, t.status",
        [ds.cycle_id],
    )
    owner_ids = sorted({o[6] for o in objectives} | {k[17] for k in krs if k[17] is not None})
    where, args = db.ids_in("id", owner_ids)
    users = {
        r[0]: {"id": f"user_{r[0]}", "displayName": r[1], "handle": r[2]}
        for r in await db.fetch(f'SELECT id, display_name, handle FROM "user" WHERE {where}', args)
    }

    krs_of: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for k in krs:
        if k[13]:  # archived
            continue
        krs_of[k[1]].append(_kr(k))
    nodes: dict[int, dict[str, Any]] = {}
    parent_of: dict[int, int | None] = {}
    for o in objectives:
        if o[4] == "ARCHIVED":
            continue
        team = teams.get(o[7])
        nodes[o[0]] = {
            "id": f"obj_{o[0]}",
            "title": o[1],
            "level": o[3],
            "state": o[4],
            "visibility": o[5],
            "progress": 0.0,
            "status": "ON_TRACK",
            "statusReasons": [],
            "score": o[10],
            "version": o[11],
            "owner": users[o[6]],
            "team": {"id": f"team_{team[0]}", "name": team[1]} if team else None,
            "keyResults": krs_of.get(o[0], []),
            "children": [],
        }
        parent_of[o[0]] = o[8]
    roots = []
    for oid, node in nodes.items():
        parent = parent_of[oid]
        if parent in nodes:
            nodes[parent]["children"].append(node)
        else:
            roots.append(node)
    return orjson.dumps({"data": {"board": roots}})


async def app_board_floor(db: Driver) -> bytes:
    """The tight floor of the web app's `Q_BOARD` (flat objectives with `parent { id }`, the
    likes, `boardSeq`, `viewer`, `teams`): only the columns its answer needs, read with the
    raw driver, shaped into its JSON, `orjson.dumps`. No evaluation (the numbers are
    placeholders), no GraphQL."""
    ds = db.ds
    (viewer,) = await db.fetch(
        "SELECT user_id FROM auth_token WHERE token_hash = ? AND revoked_at IS NULL LIMIT 1",
        [token_hash_for(ds.admin_token)],
    )
    (seq,) = await db.fetch("SELECT last_seq FROM organization WHERE id = ?", [ds.org_id])
    teams = await db.fetch("SELECT id, name FROM team WHERE organization_id = ?", [ds.org_id])
    objectives = await db.fetch(
        "SELECT id, title, level, state, visibility, score, owner_id, team_id, parent_id "
        "FROM objective WHERE cycle_id = ? AND state != 'ARCHIVED' ORDER BY level, id",
        [ds.cycle_id],
    )
    krs = await db.fetch(
        "SELECT kr.id, kr.objective_id, kr.title, kr.kind, kr.unit, kr.weight, kr.current_value, "
        "kr.start_value, kr.target_value, kr.range_min, kr.range_max, kr.due_date, "
        "kr.confidence, kr.progress_source FROM key_result kr "
        "JOIN objective o ON o.id = kr.objective_id "
        "WHERE o.cycle_id = ? AND NOT kr.archived ORDER BY kr.position, kr.id",
        [ds.cycle_id],
    )
    likes = {
        r[0]: (r[1], bool(r[2]))
        for r in await db.fetch(
            "SELECT l.target_id, COUNT(*), MAX(CASE WHEN l.user_id = ? THEN 1 ELSE 0 END) "
            "FROM item_like l JOIN objective o ON o.id = l.objective_id "
            "WHERE o.cycle_id = ? AND l.target_type = 'Objective' GROUP BY l.target_id",
            [viewer[0], ds.cycle_id],
        )
    }
    where, args = db.ids_in("id", sorted({o[6] for o in objectives}))
    users = {
        r[0]: {"id": f"user_{r[0]}", "displayName": r[1], "handle": r[2]}
        for r in await db.fetch(f'SELECT id, display_name, handle FROM "user" WHERE {where}', args)
    }
    team_of = {t[0]: {"id": f"team_{t[0]}", "name": t[1]} for t in teams}
    krs_of: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for k in krs:
        krs_of[k[1]].append(_kr(k, source=True))
    flat = []
    for o in objectives:
        count, mine = likes.get(o[0], (0, False))
        flat.append(
            {
                "id": f"obj_{o[0]}",
                "title": o[1],
                "level": o[2],
                "state": o[3],
                "visibility": o[4],
                "progress": 0.0,
                "status": "ON_TRACK",
                "statusReasons": [],
                "score": o[5],
                "likeCount": count,
                "likedByViewer": mine,
                "parent": {"id": f"obj_{o[8]}"} if o[8] is not None else None,
                "owner": users[o[6]],
                "team": team_of.get(o[7]),
                "keyResults": krs_of.get(o[0], []),
            }
        )
    data = {
        "boardSeq": seq[0],
        "viewer": {"id": f"user_{viewer[0]}"},
        "teams": list(team_of.values()),
        "objectives": flat,
    }
    return orjson.dumps({"data": data})


# --- check-in --------------------------------------------------------------------------------


async def checkin_floor(
    db: Driver, kr_id: int, objective_id: int, value: float, payload: bytes
) -> None:
    """One check-in's writes as raw SQL in one transaction."""
    ds = db.ds
    now = datetime.now(UTC)
    at: Any = now.isoformat(sep=" ") if db.sqlite else now
    body: Any = payload.decode()
    if db.sqlite:
        await db.execute("BEGIN")
        try:
            await _checkin_writes(db, ds, kr_id, objective_id, value, at, body)
            await db.conn.commit()
        except BaseException:
            await db.conn.rollback()
            raise
    else:
        async with db.conn.transaction():
            await _checkin_writes(db, ds, kr_id, objective_id, value, at, body)


async def _checkin_writes(
    db: Driver, ds: Dataset, kr_id: int, objective_id: int, value: float, at: Any, body: str
) -> None:
    await db.execute(
        "UPDATE key_result SET current_value = ?, last_check_in_at = ?, confidence = ? "
        "WHERE id = ?",
        [value, at, 7, kr_id],
    )
    await db.execute(
        "INSERT INTO check_in (value, confidence, note, progress, raw_progress, created_at, "
        "author_id, key_result_id, organization_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [value, 7, "", 0.5, 0.5, at, ds.admin_id, kr_id, ds.org_id],
    )
    await db.execute("UPDATE organization SET last_seq = last_seq + 1 WHERE id = ?", [ds.org_id])
    seq = (await db.fetch("SELECT last_seq FROM organization WHERE id = ?", [ds.org_id]))[0][0]
    await db.execute(
        "INSERT INTO activity_event (seq, kind, cycle_id, objective_id, key_result_id, payload, "
        "created_at, actor_id, organization_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [seq, "bench.floor", ds.cycle_id, objective_id, kr_id, body, at, ds.admin_id, ds.org_id],
    )


async def timed(fn: Any, *args: Any) -> float:
    t0 = time.perf_counter()
    await fn(*args)
    return time.perf_counter() - t0


async def timed_cpu(fn: Any, *args: Any) -> tuple[float, float]:
    """(wall, CPU of this process — the driver's thread included) seconds."""
    t0, c0 = time.perf_counter(), time.process_time()
    await fn(*args)
    return time.perf_counter() - t0, time.process_time() - c0
