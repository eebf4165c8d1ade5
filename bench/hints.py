"""Part 6 — writing hints: the lint's time per call (DESIGN §8: `writingHints` p99 ≤ 5 ms).

Two figures over the unit tests' table of cases (tests/unit/hint_cases.py), in both languages:
- the lint itself, in-process, each call timed alone. No warm-up: the patterns are compiled at
  import, so the first call costs what the others do. Wall time is the budget's measure; the
  thread's CPU time beside it shows how much of a bad p99 was the machine being busy elsewhere;
- the `writingHints` query through a running server (`python -m bench --part hints`): the
  Server-Timing app time of each request (arrival → response start: the token, parsing,
  the lint, the JSON), as the editor meets it while typing; beside it, interleaved, its floor:
  a signed-in `{ __typename }` (what every request costs before any field is resolved). Its
  budget is what the lint adds to that floor (p99 ≤ the floor's p99 + 5 ms): the floor itself is
  the HTTP, token and GraphQL path every request pays, which the lint cannot make cheaper.

    python -m bench --part hints         # both, in the bench's table
    python -m bench.hints                # the lint alone, 200 rounds
    python -m bench.hints --rounds 20
"""

import argparse
import time
from collections.abc import Callable
from typing import Any

import httpx

from tests.unit.hint_cases import CASES

from . import gql
from .dataset import Dataset
from .server import Server
from .stats import summary_ms

LOCALES = ("en", "zh-CN")

QUERY = """query Hints($text: String!, $target: HintTarget!, $kind: KRKind, $due: Date,
  $measured: Boolean!) { writingHints(text: $text, target: $target, kind: $kind, dueDate: $due,
  measured: $measured) { code severity message start end } }"""
FLOOR = "query Floor { __typename }"


def measure(rounds: int = 200, clock: Callable[[], float] = time.perf_counter) -> dict[str, float]:
    """p50 / p99 / max in ms of one `lint` call, over every case × locale × round."""
    samples = []
    for _ in range(rounds):
        for case in CASES:
            for locale in LOCALES:
                t0 = clock()
                case.lint(locale)
                samples.append(clock() - t0)
    return summary_ms(samples)


def in_process(rounds: int) -> dict[str, dict[str, float]]:
    return {"wall": measure(rounds), "cpu": measure(rounds, time.thread_time)}


async def over_http(ds: Dataset, server: Server, rounds: int) -> dict[str, dict[str, float]]:
    """p50 / p99 / max in ms of the server's time per `writingHints` request (every case ×
    locale × round, one request at a time, as one person types) and per floor request, each
    also in the server process's CPU time (what a busy machine does not inflate as much)."""
    samples: dict[str, list[float]] = {"query": [], "query_cpu": [], "floor": [], "floor_cpu": []}
    for locale in LOCALES:
        async with httpx.AsyncClient(
            base_url=server.base, timeout=60, headers={"accept-language": locale}
        ) as client:
            await gql.call(client, QUERY, _variables(CASES[0]), ds.admin_token)  # warm-up
            for _ in range(rounds):
                for case in CASES:
                    for name, doc, variables in (
                        ("query", QUERY, _variables(case)),
                        ("floor", FLOOR, None),
                    ):
                        reply = await gql.call(client, doc, variables, ds.admin_token)
                        samples[name].append(reply.server_s)
                        samples[name + "_cpu"].append(reply.server_cpu_s)
    return {name: summary_ms(values) for name, values in samples.items()}


def _variables(case: Any) -> dict[str, Any]:
    return {
        "text": case.text,
        "target": case.target.value,
        "kind": case.kind.value if case.kind else None,
        "due": case.due_date.isoformat() if case.due_date else None,
        "measured": case.measured,
    }


def main() -> None:
    p = argparse.ArgumentParser(prog="python -m bench.hints", description=__doc__)
    p.add_argument("--rounds", type=int, default=200)
    found = in_process(p.parse_args().rounds)
    for name, s in found.items():
        print(
            f"writing hints ({name}): {s['n']} calls, p50 {s['p50_ms']:.3f} ms, "
            f"p99 {s['p99_ms']:.3f} ms, max {s['max_ms']:.3f} ms (budget p99 ≤ 5 ms)"
        )


if __name__ == "__main__":
    main()
