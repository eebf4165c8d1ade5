"""A client's view of a board: load it as the web app does, fold live events into it with the
web app's own fold, compare two of them.

The app loads `objectives(cycleId)` + `boardSeq` with its board query and folds `boardEvents`
into it (frontend/src/lib/boardFold.js). Events carry absolute numbers and summaries, so folding
them into the old board must give the new board, with no refetch. `frontend/tools/fold-cli.mjs`
runs the app's query text and fold under node: nothing here restates their rules.
"""

from __future__ import annotations

import functools
import json
import shutil
import subprocess
import tempfile
from typing import Any

from tests.servers import REPO

from .client import Gql

FRONTEND = REPO / "frontend"
FOLD_CLI = FRONTEND / "tools" / "fold-cli.mjs"

Board = dict[str, Any]  # the board query's data: {"boardSeq": n, "objectives": [...], ...}


def _node(*args: str) -> str:
    node = shutil.which("node")
    assert node, "node is needed to run the web app's fold (it builds the frontend too)"
    done = subprocess.run(
        [node, str(FOLD_CLI), *args], cwd=FRONTEND, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, f"fold-cli.mjs {args[0]} failed:\n{done.stderr}"
    return done.stdout


@functools.cache
def board_query() -> str:
    """The board query of the web app (frontend/src/api/okr.js), variable `$c` the cycle."""
    return _node("query")


async def load_board(api: Gql, cycle_id: str) -> tuple[int, Board]:
    """The board and the seq it reflects, read in one request (subscribe with since=seq)."""
    data = await api.ok(board_query(), c=cycle_id)
    return int(data["boardSeq"]), data


def fold(board: Board, events: list[dict[str, Any]]) -> Board:
    """Fold events, in order, into `board` with the web app's fold, as its screen does."""
    with tempfile.NamedTemporaryFile("w", suffix=".json") as recorded:
        json.dump({"board": board, "events": events}, recorded)
        recorded.flush()
        out = json.loads(_node("fold", recorded.name))
    assert out["resync"] is None, f"the fold was asked to resync: {out['resync']}"
    assert not out["needsRefetch"], "the app would refetch: the events did not carry everything"
    return dict(out["board"])


def _shown(board: Board) -> dict[str, dict[str, Any]]:
    """Objective id → objective, as the board shows them (archived ones are not drawn)."""
    return {o["id"]: o for o in board["objectives"] if o["state"] != "ARCHIVED"}


def differences(folded: Board, fresh: Board, *, tolerance: float = 1e-4) -> list[str]:
    """Where the folded board differs from a fresh one in what the board query reads ([] when
    equal). Expected progress moves with the clock, so it is compared with a tolerance (1e-4 of
    a quarter ≈ 13 min)."""
    out: list[str] = []

    def same(key: str, a: Any, b: Any) -> bool:
        if key == "expectedProgress" and a is not None and b is not None:
            return bool(abs(a - b) <= tolerance)
        return bool(a == b)

    def compare(where: str, a: dict[str, Any], b: dict[str, Any]) -> None:
        for key in sorted(b):
            if key == "keyResults":
                continue
            if key not in a:
                out.append(f"{where}.{key}: folded <missing>, fresh {b[key]!r}")
            elif not same(key, a[key], b[key]):
                out.append(f"{where}.{key}: folded {a[key]!r}, fresh {b[key]!r}")

    a_objectives, b_objectives = _shown(folded), _shown(fresh)
    for oid in sorted(set(a_objectives) | set(b_objectives)):
        if oid not in a_objectives or oid not in b_objectives:
            out.append(f"{oid}: {'only folded' if oid in a_objectives else 'only fresh'}")
            continue
        a, b = a_objectives[oid], b_objectives[oid]
        compare(oid, a, b)
        a_krs = {kr["id"]: kr for kr in a["keyResults"]}
        b_krs = {kr["id"]: kr for kr in b["keyResults"]}
        for kid in sorted(set(a_krs) | set(b_krs)):
            if kid not in a_krs or kid not in b_krs:
                out.append(f"{oid}/{kid}: {'only folded' if kid in a_krs else 'only fresh'}")
            else:
                compare(f"{oid}/{kid}", a_krs[kid], b_krs[kid])
    return out
