"""Part 6 — the managers' dashboard (DESIGN §8: its statement count is constant): the company
dashboard of the largest organisation over HTTP (server time p50 / p99, as the admin, who
sees everything), and its SQL statements in-process at every size."""

from pathlib import Path
from typing import Any

import httpx

from . import gql
from .dataset import Dataset
from .server import Server
from .sqlcount import counting, in_process_app
from .stats import percentile

# every figure with its counts and drill-down ids, the movers with their titles: what the
# dashboard screen shows before anyone clicks a bar
DASHBOARD = """query Dashboard($c: ID!) { dashboard(cycleId: $c) {
  asOf since objectiveCount keyResultCount averageProgress averageExpected
  progressDistribution { bucket count lower upper objectiveIds }
  statusCounts { bucket status count objectiveIds }
  freshness { bucket minDays maxDays count keyResultCount personIds
    people { silentDays lastCheckInAt user { id displayName } } }
  alignment { level count share aligned { count objectiveIds } unaligned { count objectiveIds } }
  unalignedKeyResults { count keyResultIds }
  scores { scoredCount averageScore unscored { count }
    buckets { bucket score finalCount suggestedCount keyResultIds } }
  progressOverTime { at expected actual }
  topMovers(first: 10) { before after delta objective { id title owner { displayName } } }
} }"""


def _figures(d: dict[str, Any]) -> dict[str, Any]:
    """What the dashboard said, briefly (the report shows it, a reader can sanity-check it)."""
    fresh = {b["bucket"]: b["count"] for b in d["freshness"]}
    actual = [p["actual"] for p in d["progressOverTime"] if p["actual"] is not None]
    return {
        "objectives": d["objectiveCount"],
        "key_results": d["keyResultCount"],
        "average_progress": d["averageProgress"],
        "average_expected": d["averageExpected"],
        "status": {s["status"]: s["count"] for s in d["statusCounts"]},
        "silent_7": fresh.get("7", 0),
        "silent_14": fresh.get("14", 0),
        "aligned": {c["level"]: c["share"] for c in d["alignment"]},
        "unaligned_key_results": d["unalignedKeyResults"]["count"],
        "points": len(d["progressOverTime"]),
        "last_actual": actual[-1] if actual else None,
        "movers": len(d["topMovers"]),
    }


async def run(ds: Dataset, server: Server, runs: int) -> dict[str, Any]:
    """`runs` company dashboards one after another, after a warm-up."""
    vars_ = {"c": ds.cycle_gid}
    async with httpx.AsyncClient(base_url=server.base, timeout=300) as client:
        first = await gql.call(client, DASHBOARD, vars_, ds.admin_token)
        board = first.data["dashboard"]
        if board["objectiveCount"] != ds.board_objectives:
            raise RuntimeError(
                f"the dashboard counts {board['objectiveCount']} objectives, "
                f"the board shows {ds.board_objectives}"
            )
        replies = [await gql.call(client, DASHBOARD, vars_, ds.admin_token) for _ in range(runs)]
    server_ms = [r.server_s * 1000 for r in replies]
    return {
        "size": ds.size,
        "engine": ds.engine,
        "objectives": ds.board_objectives,
        "key_results": ds.key_results,
        "check_ins": ds.check_ins,
        "runs": runs,
        "p50_ms": percentile(server_ms, 50),
        "p99_ms": percentile(server_ms, 99),
        "cpu_p50_ms": percentile([r.server_cpu_s * 1000 for r in replies], 50),
        "response_kib": first.size / 1024,
        "figures": _figures(board),
    }


async def statements(ds: Dataset, workdir: Path) -> int:
    """SQL statements of one company dashboard, in-process, after a warm-up request."""
    async with in_process_app(ds, workdir) as client:
        await gql.call(client, "{ viewer { id } }", None, ds.admin_token)
        with counting() as counter:
            await gql.call(client, DASHBOARD, {"c": ds.cycle_gid}, ds.admin_token)
            return counter.count
