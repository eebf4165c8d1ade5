"""`python -m bench.hints` — the writing-hint lint's time per call (DESIGN §8: p99 ≤ 5 ms).

Times `lint` itself, in-process, over the unit tests' table of cases (tests/unit/hint_cases.py)
in both languages, each call timed alone. No warm-up: the patterns are compiled at import, so
the first call costs what the others do. Wall time is the budget's measure; the thread's CPU
time beside it shows how much of a bad p99 was the machine being busy with something else.

    python -m bench.hints              # 200 rounds
    python -m bench.hints --rounds 20
"""

import argparse
import time
from collections.abc import Callable

from tests.unit.hint_cases import CASES

from .stats import summary_ms

LOCALES = ("en", "zh-CN")


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


def main() -> None:
    p = argparse.ArgumentParser(prog="python -m bench.hints", description=__doc__)
    p.add_argument("--rounds", type=int, default=200)
    rounds = p.parse_args().rounds
    for name, clock in (("wall", time.perf_counter), ("cpu", time.thread_time)):
        s = measure(rounds, clock)
        print(
            f"writing hints ({name}): {s['n']} calls, p50 {s['p50_ms']:.3f} ms, "
            f"p99 {s['p99_ms']:.3f} ms, max {s['max_ms']:.3f} ms (budget p99 ≤ 5 ms)"
        )


if __name__ == "__main__":
    main()
