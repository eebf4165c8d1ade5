"""A client's view of a board: load it flat, fold live events into it, compare two of them.

This is what the web app does with `objectives(cycleId)` + `boardSeq` and `boardEvents`:
events carry absolute numbers and summaries, so applying them to the old board must give the
new board, with no refetch.
"""

from __future__ import annotations

import copy
from typing import Any

from .client import KR_FIELDS, Gql

_KR_FIELDS = KR_FIELDS.replace("objectiveId", "objective { id }")
BOARD = f"""
query Board($cycleId: ID!) {{
  boardSeq(cycleId: $cycleId)
  objectives(cycleId: $cycleId) {{
    id title level state visibility version progress status
    parent {{ id }} sourceKeyResult {{ id }} team {{ id }} owner {{ id displayName handle }}
    keyResults {{
      {_KR_FIELDS}
      progress rawProgress expectedProgress status statusReasons
    }}
  }}
}}
"""

Board = dict[str, dict[str, Any]]  # objective id -> fields, with "keyResults": {id: fields}

OBJECTIVE_NUMBERS = ("progress", "status")
KR_NUMBERS = ("progress", "rawProgress", "expectedProgress", "status", "statusReasons", "weight")


def _ref(value: dict[str, Any] | None) -> str | None:
    return value["id"] if value else None


async def load_board(api: Gql, cycle_id: str) -> tuple[int, Board]:
    """The board and the seq it reflects, read in one request (subscribe with since=seq)."""
    data = await api.ok(BOARD, cycleId=cycle_id)
    board: Board = {}
    for o in data["objectives"]:
        entry = {k: v for k, v in o.items() if k not in ("parent", "sourceKeyResult", "team")}
        entry["parentId"] = _ref(o["parent"])
        entry["sourceKeyResultId"] = _ref(o["sourceKeyResult"])
        entry["teamId"] = _ref(o["team"])
        entry["keyResults"] = {}
        for kr in o["keyResults"]:
            item = {k: v for k, v in kr.items() if k != "objective"}
            item["objectiveId"] = kr["objective"]["id"]
            entry["keyResults"][kr["id"]] = item
        board[o["id"]] = entry
    return int(data["boardSeq"]), board


def fold(board: Board, events: list[dict[str, Any]]) -> Board:
    """Apply events, in order, to a copy of `board`, the way a client updates its screen."""
    board = copy.deepcopy(board)
    for event in events:
        kind = event["__typename"]
        if kind == "ResyncRequired":
            raise AssertionError(f"asked to resync: {event}")
        if kind == "ObjectiveRemoved":
            board.pop(event["objectiveId"], None)
        summary = event.get("objective")
        if summary is not None:
            if summary["state"] == "ARCHIVED":
                board.pop(summary["id"], None)  # archived objectives leave the board
            else:
                if summary["id"] not in board:  # new to this viewer: its key results come along
                    krs = (kr for kr in summary["keyResults"] if not kr["archived"])
                    board[summary["id"]] = {"keyResults": {kr["id"]: dict(kr) for kr in krs}}
                board[summary["id"]].update({k: v for k, v in summary.items() if k != "keyResults"})
        kr = event.get("keyResult")
        if kr is not None and kr["objectiveId"] in board:
            krs = board[kr["objectiveId"]]["keyResults"]
            if kr["archived"]:
                krs.pop(kr["id"], None)
            else:
                krs.setdefault(kr["id"], {}).update(kr)
        for numbers in event.get("objectives", ()):
            if numbers["objectiveId"] in board:
                board[numbers["objectiveId"]].update({k: numbers[k] for k in OBJECTIVE_NUMBERS})
        for numbers in event.get("keyResults", ()):
            entry = board.get(numbers["objectiveId"])
            if entry is not None and numbers["keyResultId"] in entry["keyResults"]:
                entry["keyResults"][numbers["keyResultId"]].update(
                    {k: numbers[k] for k in KR_NUMBERS}
                )
    return board


def differences(
    folded: Board, fresh: Board, *, ignore: tuple[str, ...] = (), tolerance: float = 1e-4
) -> list[str]:
    """Where the folded board differs from a fresh one ([] when equal). Expected progress
    moves with the clock, so it is compared with a tolerance (1e-4 of a quarter ≈ 13 min)."""
    out: list[str] = []

    def same(key: str, a: Any, b: Any) -> bool:
        if key == "expectedProgress" and a is not None and b is not None:
            return abs(a - b) <= tolerance
        return bool(a == b)

    def compare(where: str, a: dict[str, Any], b: dict[str, Any]) -> None:
        for key in sorted(set(a) | set(b)):
            if key in ignore or key == "keyResults":
                continue
            if key not in a or key not in b:
                out.append(
                    f"{where}.{key}: folded {a.get(key, '<missing>')!r}, fresh "
                    f"{b.get(key, '<missing>')!r}"
                )
            elif not same(key, a[key], b[key]):
                out.append(f"{where}.{key}: folded {a[key]!r}, fresh {b[key]!r}")

    for oid in sorted(set(folded) | set(fresh)):
        if oid not in folded or oid not in fresh:
            out.append(f"{oid}: {'only folded' if oid in folded else 'only fresh'}")
            continue
        compare(oid, folded[oid], fresh[oid])
        a, b = folded[oid]["keyResults"], fresh[oid]["keyResults"]
        for kid in sorted(set(a) | set(b)):
            if kid not in a or kid not in b:
                out.append(f"{oid}/{kid}: {'only folded' if kid in a else 'only fresh'}")
            else:
                compare(f"{oid}/{kid}", a[kid], b[kid])
    return out
