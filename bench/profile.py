"""`python -m bench.profile` — where the board query's time goes, by pyinstrument.

    python -m bench.profile --size 1000 --size 3000            # board, text to stdout
    python -m bench.profile --size 3000 --query objectives --html bench/results/profile.html
    python -m bench.profile --size 1000 --query checkin

Generates the organisation (as the bench does), runs the app in this process (httpx ASGI
transport, no network), warms it up, then profiles `--runs` requests. pyinstrument is a dev
extra (`pip install -e ".[dev]"`).
"""

import argparse
import asyncio
import os
import random
import shutil
import tempfile
from pathlib import Path

from . import gql
from .dataset import generate
from .queries import BOARD, app, check_in
from .sqlcount import in_process_app


def _area(path: str) -> str:
    for marker, name in (
        ("/backend/", "backend"),
        ("/bench/", "bench"),
        ("site-packages/", None),
        ("/asyncio/", "asyncio"),
    ):
        if marker in path:
            if name:
                rest = path.split(marker, 1)[1]
                return f"{name}/{rest.split('/', 1)[0]}" if name == "backend" else name
            return path.split(marker, 1)[1].split("/", 1)[0]
    return "python"


def flat(root: object, top: int) -> str:
    """Self time by area (package, or backend/<layer>; built-ins and the standard library
    count for their nearest caller that has one) and by function, largest first."""
    by_fn: dict[tuple[str, str], float] = {}
    by_area: dict[str, float] = {}
    stack = [root]
    total = 0.0
    while stack:
        frame = stack.pop()
        stack.extend(frame.children)  # type: ignore[attr-defined]
        own = frame.total_self_time  # type: ignore[attr-defined]
        if not own:
            continue
        path = frame.file_path or ""  # type: ignore[attr-defined]
        key = (frame.function or "?", f"{frame.file_path_short}:{frame.line_no}")  # type: ignore[attr-defined]
        by_fn[key] = by_fn.get(key, 0.0) + own
        # built-ins and the standard library count for the package that called them
        area, up = _area(path), frame
        while area in ("python", "asyncio") and getattr(up, "parent", None) is not None:
            up = up.parent  # type: ignore[attr-defined]
            area = _area(up.file_path or "")
        by_area[area] = by_area.get(area, 0.0) + own
        total += own
    lines = ["self time by area:"]
    for area, t in sorted(by_area.items(), key=lambda kv: -kv[1])[:12]:
        lines.append(f"  {t / total:6.1%}  {area}")
    lines.append(f"self time by function (top {top}):")
    for (fn, where), t in sorted(by_fn.items(), key=lambda kv: -kv[1])[:top]:
        lines.append(f"  {t / total:6.1%}  {fn}  {where}")
    return "\n".join(lines)


async def profile(size: int, query: str, runs: int, html: Path | None, top: int = 25) -> None:
    from pyinstrument import Profiler

    workdir = Path(tempfile.mkdtemp(prefix="lodestar-profile-"))
    os.environ["LODESTAR_VAR_DIR"] = str(workdir)
    os.environ["LODESTAR_SECRET_KEY"] = "unused-in-process"
    os.environ["LODESTAR_JOBS"] = "0"  # no scheduled jobs beside what is profiled
    try:
        ds = await generate(size, "sqlite", workdir)
        rng = random.Random(1)

        async def once() -> None:
            if query == "checkin":
                kr, start, target = rng.choice(ds.checkin_krs)
                lo, hi = sorted((start, target))
                document, variables = check_in(kr, round(rng.uniform(lo, hi), 1), 6)
                await gql.call(client, document, variables, ds.admin_token)
            else:
                text = BOARD if query == "board" else app("okr.js", "Q_BOARD")
                await gql.call(client, text, {"c": ds.cycle_gid}, ds.admin_token)

        async with in_process_app(ds, workdir) as client:
            await once()
            profiler = Profiler(interval=0.0005, async_mode="enabled")
            with profiler:
                for _ in range(runs):
                    await once()
        print(f"== {query} · {size:,} objectives · {runs} runs")
        session = profiler.last_session
        assert session is not None
        print(f"wall {session.duration:.2f} s · CPU {session.cpu_time:.2f} s · {runs} runs")
        print(flat(session.root_frame(), top))
        print(profiler.output_text(unicode=True, color=False, show_all=False))
        if html is not None:
            target = html.with_name(f"{html.stem}-{query}-{size}{html.suffix}")
            target.write_text(profiler.output_html())
            print(f"written to {target}")
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def main() -> None:
    p = argparse.ArgumentParser(
        prog="python -m bench.profile",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--size", action="append", type=int, help="repeatable (default 1000, 3000)")
    p.add_argument("--query", choices=("board", "objectives", "checkin"), default="board")
    p.add_argument("--runs", type=int, default=3)
    p.add_argument("--html", type=Path, help="also write pyinstrument's HTML report(s) here")
    args = p.parse_args()
    for size in args.size or (1000, 3000):
        asyncio.run(profile(size, args.query, args.runs, args.html))


if __name__ == "__main__":
    main()
