"""`python -m bench` — measure Lodestar against its floor and the budgets of DESIGN §8.

    python -m bench                      # everything: ~20 minutes + the 30-minute soak
    python -m bench --quick              # under two minutes: sizes 100 and 1,000, 100 subscribers
    python -m bench --part board --size 3000
    python -m bench --part fanout --part memory --subscribers 500
    python -m bench --part wide --part cluster --size 1000  # 5,000 on one; 3,000 on two (PG+Redis)
    python -m bench --part hints             # the writing lint, in-process and over HTTP
    python -m bench --part soak --soak 600   # a board left open: RSS slope over 10 minutes
    python -m bench --part dashboard --quick # the largest organisation's company dashboard
    python -m bench --part presence --tabs 1000  # a presence storm of 1,000 tabs

Prints one table and writes it to bench/results/latest.md (--quick: quick.md), the raw figures
next to it as .json.
Exit status 1 when a part could not be measured (a broken instrument), not for a missed budget.
"""

import argparse
import asyncio
import os
import shutil
import sys
import tempfile
import time
import traceback
from pathlib import Path
from typing import Any

RESULTS = Path(__file__).parent / "results"
PARTS = (
    "board",
    "checkin",
    "fanout",
    "wide",
    "cluster",
    "memory",
    "frontend",
    "hints",
    "soak",
    "dashboard",
    "presence",
)
ENGINES = ("sqlite", "postgres")
FULL_SIZES = (100, 1000, 3000, 10000)
QUICK_SIZES = (100, 1000)
# the organisation the live and frontend parts use, when that size is measured (else the
# smallest); --quick runs the live parts on the smallest, whose check-ins are cheap
LIVE_SIZE = 1000


def parse(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(
        prog="python -m bench",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--part", action="append", choices=PARTS, help="repeatable; default: all")
    p.add_argument(
        "--size",
        action="append",
        type=int,
        help="objectives per organisation, repeatable (100, 1000, 3000, 10000; "
        "default: all four, --quick: 100 and 1000)",
    )
    p.add_argument("--subscribers", type=int, help="live subscribers (default 1000, --quick 100)")
    p.add_argument(
        "--wide",
        type=int,
        help="subscribers of the one-process 'wide' part (default 5000, --quick 500)",
    )
    p.add_argument(
        "--cluster-subscribers",
        type=int,
        help="subscribers of the two-process 'cluster' part (default 3000, --quick 300)",
    )
    p.add_argument(
        "--subscriber-processes",
        type=int,
        default=4,
        help="subscriber processes of the fan-out parts (default 4)",
    )
    p.add_argument(
        "--tabs",
        type=int,
        help="tabs of the presence storm, one person each (default 300 — a 2-core machine; "
        "--quick 30)",
    )
    p.add_argument(
        "--engine",
        action="append",
        choices=ENGINES,
        help="check-in engines, repeatable (default: both; PostgreSQL when reachable)",
    )
    p.add_argument(
        "--sustained",
        type=float,
        metavar="SECONDS",
        help="length of the sustained fan-out phase (default 30, --quick 5; 0 skips it)",
    )
    p.add_argument(
        "--soak",
        type=float,
        metavar="SECONDS",
        help="length of the soak (steady check-ins to 50 subscribers, RSS sampled; "
        "default 1800, --quick 10)",
    )
    p.add_argument("--quick", action="store_true", help="the whole run in under two minutes")
    p.add_argument(
        "--out",
        type=Path,
        help="the table (markdown; the raw figures go next to it as .json). Default: "
        "bench/results/latest.md, or bench/results/quick.md with --quick (a quick run never "
        "replaces the full table)",
    )
    p.add_argument("--keep", action="store_true", help="keep the work directory (databases, logs)")
    p.add_argument(
        "--profile-server",
        type=Path,
        metavar="DIR",
        help="profile every server process with pyinstrument into DIR (slows it down: "
        "the figures of such a run are not comparable)",
    )
    args = p.parse_args(argv)
    args.parts = tuple(args.part or PARTS)
    args.sizes = sorted(set(args.size or (QUICK_SIZES if args.quick else FULL_SIZES)))
    if any(s < 10 for s in args.sizes):
        p.error("--size must be at least 10")
    args.subscribers = args.subscribers or (100 if args.quick else 1000)
    args.tabs = args.tabs or (30 if args.quick else 300)
    args.wide = args.wide or (500 if args.quick else 5000)
    args.cluster_subscribers = args.cluster_subscribers or (300 if args.quick else 3000)
    if args.soak is None:
        args.soak = 10.0 if args.quick else 1800.0
    if args.soak < 2:
        p.error("--soak must be at least 2 seconds")
    args.engines = tuple(args.engine or ENGINES)
    if args.out is None:
        args.out = RESULTS / ("quick.md" if args.quick else "latest.md")
    return args


def dashboard_runs(quick: bool) -> int:
    return 5 if quick else 20


def board_runs(size: int, quick: bool) -> int:
    if quick:
        return 5 if size <= 1000 else 3
    return 20 if size <= 100 else 10 if size <= 1000 else 7 if size <= 3000 else 5


async def main(args: argparse.Namespace) -> int:
    from . import board, checkin, dashboard, frontend, hints, live, presence, report, soak
    from . import server as server_module
    from .dataset import drop_pg_database, generate, postgres_reachable
    from .server import running

    server_module.PROFILE_DIR = args.profile_server

    t_start = time.perf_counter()
    workdir = Path(tempfile.mkdtemp(prefix="lodestar-bench-"))
    # the in-process app reads settings from the environment: keep it off the repo's var/
    os.environ["LODESTAR_VAR_DIR"] = str(workdir)
    os.environ["LODESTAR_SECRET_KEY"] = "unused-in-process"
    os.environ["LODESTAR_JOBS"] = "0"  # no scheduled jobs beside what is measured
    res: dict[str, Any] = {
        "machine": report.machine(),
        "mode": "quick" if args.quick else "full",
        "parts": list(args.parts),
        "sizes": args.sizes,
        "profiled": bool(args.profile_server),
        "board": [],
        "statements": {},
        "checkin": [],
        "dashboard": {"statements": {}},
        "notes": [],
    }
    failed = False
    quick = args.quick
    processes = args.subscriber_processes
    tokens = live.tokens_needed(max(args.subscribers, soak.SUBSCRIBERS), processes)
    if "presence" in args.parts:
        tokens = max(tokens, args.tabs)
    if "wide" in args.parts:
        tokens = max(tokens, live.tokens_needed(args.wide, processes))
    cluster_tokens = live.tokens_needed(args.cluster_subscribers, processes)
    wants_live = {"fanout", "wide", "memory", "frontend", "soak", "presence"} & set(args.parts)
    screen_size = LIVE_SIZE if LIVE_SIZE in args.sizes else min(args.sizes)
    live_size = min(args.sizes) if quick else screen_size
    live_ds = screen_ds = None
    # the `writingHints` query over HTTP on the smallest organisation (it reads no rows)
    hints_size = min(args.sizes) if "hints" in args.parts else None

    def step(what: str) -> None:
        print(f"[{time.perf_counter() - t_start:6.1f}s] {what}", file=sys.stderr, flush=True)

    def fail(what: str, exc: BaseException) -> None:
        nonlocal failed
        failed = True
        res["notes"].append(f"{what} failed: {type(exc).__name__}: {exc}"[:600])
        traceback.print_exc()

    pg_reason = None
    if "checkin" in args.parts and "postgres" in args.engines:
        pg_reason = await postgres_reachable()
        if pg_reason:
            res["notes"].append(f"PostgreSQL check-in skipped: not reachable ({pg_reason})")

    try:
        if "hints" in args.parts:
            step("writing hints: the lint in-process")
            try:
                res.setdefault("hints", {})["lint"] = hints.in_process(10 if quick else 50)
            except Exception as exc:
                fail("writing hints", exc)
        for size in args.sizes:
            need = (
                {"board", "checkin", "dashboard"} & set(args.parts)
                or (wants_live and size in (live_size, screen_size))
                or size == hints_size
            )
            if not need:
                continue
            step(f"generating {size:,} objectives (sqlite)")
            t0 = time.perf_counter()
            ds = await generate(size, "sqlite", workdir, member_tokens=tokens)
            step(f"  {ds.counts} in {time.perf_counter() - t0:.1f}s")
            if size == live_size:
                live_ds = ds
            if size == screen_size:
                screen_ds = ds
            if {"board", "checkin"} & set(args.parts) or size == hints_size:
                with running(ds, workdir) as server:
                    if "board" in args.parts:
                        step(f"board {size:,}")
                        try:
                            res["board"].append(
                                await board.run(
                                    ds, server, board_runs(size, quick), 6 if quick else 60
                                )
                            )
                        except Exception as exc:
                            fail(f"board {size}", exc)
                    if "checkin" in args.parts and "sqlite" in args.engines:
                        step(f"check-in {size:,} sqlite")
                        try:
                            res["checkin"].append(
                                await checkin.run(
                                    ds, server, 15 if quick else 60, 4 if quick else 20
                                )
                            )
                        except Exception as exc:
                            fail(f"check-in {size} sqlite", exc)
                    if size == hints_size:
                        step(f"writingHints over HTTP ({size:,}-objective org)")
                        try:
                            res.setdefault("hints", {})["http"] = await hints.over_http(
                                ds, server, 2 if quick else 5
                            )
                        except Exception as exc:
                            fail("writingHints over HTTP", exc)
            if {"board", "checkin"} & set(args.parts):
                step(f"SQL statements {size:,}")
                try:
                    res["statements"][str(size)] = await board.statements(ds, workdir)
                except Exception as exc:
                    fail(f"statements {size}", exc)
            if "dashboard" in args.parts:
                step(f"dashboard {size:,}")
                try:
                    if size == max(args.sizes):
                        with running(ds, workdir, "dashboard") as server:
                            res["dashboard"]["largest"] = await dashboard.run(
                                ds, server, dashboard_runs(quick)
                            )
                    res["dashboard"]["statements"][str(size)] = await dashboard.statements(
                        ds, workdir
                    )
                except Exception as exc:
                    fail(f"dashboard {size}", exc)
            if "checkin" in args.parts and "postgres" in args.engines and not pg_reason:
                step(f"generating {size:,} objectives (postgres)")
                pg = None
                try:
                    pg = await generate(size, "postgres", workdir, member_tokens=1)
                    with running(pg, workdir) as server:
                        step(f"check-in {size:,} postgres")
                        res["checkin"].append(
                            await checkin.run(pg, server, 15 if quick else 60, 4 if quick else 20)
                        )
                except Exception as exc:
                    fail(f"check-in {size} postgres", exc)
                finally:
                    if pg is not None:
                        await drop_pg_database(pg.url)

        singles = 5 if quick else 20  # check-ins timed one at a time by the fan-out parts

        def phases(single_events: int, sustained_s: float) -> live.Phases:
            return live.Phases(single_events, sustained_s, rate=10, drain_s=15 if quick else 60)

        if {"fanout", "memory"} & set(args.parts) and live_ds is not None:
            step(f"live: {args.subscribers:,} subscribers on the {live_ds.size:,}-objective org")
            try:
                with running(live_ds, workdir, "live") as server:
                    res["live"] = await live.run(
                        live_ds,
                        server,
                        workdir,
                        subscribers=args.subscribers,
                        memory="memory" in args.parts,
                        fanout="fanout" in args.parts,
                        phases=phases(
                            singles,
                            args.sustained if args.sustained is not None else (5 if quick else 30),
                        ),
                        processes=processes,
                    )
            except Exception as exc:
                fail("live", exc)

        if "wide" in args.parts and live_ds is not None:
            step(
                f"wide: one check-in → {args.wide:,} subscribers ({processes} subscriber "
                f"processes) on the {live_ds.size:,}-objective org"
            )
            try:
                with running(live_ds, workdir, "wide") as server:
                    res["wide"] = await live.run_wide(
                        live_ds,
                        [server],
                        workdir,
                        subscribers=args.wide,
                        processes=processes,
                        phases=phases(singles, 0),
                    )
            except Exception as exc:
                fail("wide", exc)

        if "cluster" in args.parts:
            reason = await postgres_reachable() or await live.redis_reachable(live.BENCH_REDIS)
            size = live_size
            if reason:
                res["notes"].append(f"cluster skipped: {reason}")
            else:
                seconds = args.sustained if args.sustained else (5 if quick else 60)
                step(
                    f"cluster: 10 check-ins/s for {seconds:g} s → {args.cluster_subscribers:,} "
                    f"subscribers on two processes (PostgreSQL + Redis), {size:,} objectives"
                )
                pg = None
                try:
                    pg = await generate(size, "postgres", workdir, member_tokens=cluster_tokens)
                    with (
                        running(pg, workdir, "cluster-a", live.BENCH_REDIS) as a,
                        running(pg, workdir, "cluster-b", live.BENCH_REDIS) as b,
                    ):
                        res["cluster"] = await live.run_wide(
                            pg,
                            [a, b],
                            workdir,
                            subscribers=args.cluster_subscribers,
                            processes=processes,
                            phases=phases(0, seconds),
                        )
                except Exception as exc:
                    fail("cluster", exc)
                finally:
                    if pg is not None:
                        await drop_pg_database(pg.url)

        if "soak" in args.parts and live_ds is not None:
            step(
                f"soak: {soak.RATE:g} check-ins/s for {args.soak:g} s to {soak.SUBSCRIBERS} "
                f"subscribers on the {live_ds.size:,}-objective org"
            )
            try:
                with running(live_ds, workdir, "soak") as server:
                    res["soak"] = await soak.run(
                        live_ds, server, workdir, seconds=args.soak, drain_s=15 if quick else 60
                    )
            except Exception as exc:
                fail("soak", exc)

        if "presence" in args.parts and live_ds is not None:
            step(f"presence storm: {args.tabs:,} tabs on the {live_ds.size:,}-objective org")
            try:
                with running(live_ds, workdir, "presence") as server:
                    res["presence"] = await presence.run(live_ds, server, workdir, args.tabs)
            except Exception as exc:
                fail("presence", exc)

        if "frontend" in args.parts:
            res["frontend"] = {"js": frontend.js_size()}
            if res["frontend"]["js"] is None:
                res["notes"].append("frontend JS size skipped: frontend/dist has no .js")
            reason = frontend.missing()
            if reason:
                res["notes"].append(f"frontend timing skipped: {reason}")
            elif screen_ds is not None:
                step(f"frontend: board of {screen_ds.size:,} objectives in Chromium")
                try:
                    with running(screen_ds, workdir, "frontend") as server:
                        res["frontend"]["screen"] = await frontend.board_on_screen(
                            screen_ds, server, 2 if quick else 5
                        )
                except Exception as exc:
                    fail("frontend", exc)
    finally:
        res["seconds"] = time.perf_counter() - t_start
        report.write(res, args.out)
        print(report.markdown(res))
        print(f"written to {args.out}", file=sys.stderr)
        if args.keep:
            print(f"work directory kept: {workdir}", file=sys.stderr)
        else:
            shutil.rmtree(workdir, ignore_errors=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main(parse(None))))
