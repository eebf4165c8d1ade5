"""The budgets (DESIGN §8), the one table, and the files it is written to."""

import math
import os
import platform
import subprocess
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import orjson

from .server import REPO

BOARD_RATIO_MAX = 10.0  # × the floor, at 3,000 objectives
BOARD_RATIO_SIZE = 3000
APP_BOARD_RATIO_MAX = 3.0  # the web app's own board query × its tight floor (DESIGN §8)
CHECKIN_SIZE = 3000  # the check-in budgets are set at 3,000 objectives
CHECKIN_CPU_MS = 10.0  # server CPU of one check-in
CHECKIN_P99_MS = 250.0  # each check-in's round trip, 8 clients at once
FANOUT_P50_MS = 50.0  # one check-in → 1,000 subscribers of one process
FANOUT_P99_MS = 100.0
WIDE_P99_MS = 250.0  # one check-in → 5,000 subscribers of one process
CLUSTER_P99_MS = 500.0  # 10 check-ins/s → 3,000 subscribers on two processes (PG + Redis)
SUBSCRIBER_KIB = 32.0
JS_GZIP_KIB = 40.0  # the first screen's, in each language
FIRST_ROWS_MS = 500.0  # navigation → the 1,000-objective board's first rows in Chromium
HINTS_P99_MS = 5.0  # the lint per call; over HTTP, what it adds to a signed-in request
SOAK_GROWTH_MIB = 5.0  # "RSS flat within a few MB after warm-up" (issue 19)
MET, NOT_MET = "met", "**not met**"


def machine() -> dict[str, Any]:
    cpu = "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        commit = (
            subprocess.run(
                ["git", "rev-parse", "--short", "HEAD"],
                cwd=REPO,
                capture_output=True,
                text=True,
                timeout=10,
            ).stdout.strip()
            or "?"
        )
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"],
            cwd=REPO,
            capture_output=True,
            text=True,
            timeout=10,
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        commit, dirty = "?", ""
    return {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "commit": commit + (" (+ uncommitted changes)" if dirty else ""),
        "nproc": os.cpu_count(),
        "cpu": cpu,
        "python": platform.python_version(),
        "platform": platform.platform(terse=True),
    }


def _n(x: Any) -> str:
    return f"{x:,.0f}"


def _ms(x: float) -> str:
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "—"
    return f"{x:,.1f} ms" if x < 100 else f"{x:,.0f} ms"


def _verdict(ok: bool) -> str:
    return MET if ok else NOT_MET


def rows(res: dict[str, Any]) -> list[tuple[str, ...]]:
    out: list[tuple[str, ...]] = []
    statements = res.get("statements", {})
    for b in res.get("board", []):
        size = b["size"]
        sql = statements.get(str(size), {}).get("board")
        case = (
            f"board · {_n(b['objectives'])} objectives, {_n(b['key_results'])} KRs ({b['engine']})"
        )
        figure = (
            f"median {_ms(b['server_ms'])} server ({_ms(b['wall_ms'])} round trip, "
            f"{b['runs']} runs, {b['response_kib']:,.0f} KiB)"
            + (f" · {sql} SQL" if sql is not None else "")
        )
        if size == BOARD_RATIO_SIZE:
            budget, verdict = (
                f"≤ {BOARD_RATIO_MAX:.0f}× floor",
                _verdict(b["ratio"] <= BOARD_RATIO_MAX),
            )
        else:
            budget, verdict = f"(≤ {BOARD_RATIO_MAX:.0f}× is set at {BOARD_RATIO_SIZE:,})", "—"
        figure += f" · CPU {_ms(b['server_cpu_ms'])}"
        floor = f"{_ms(b['floor_ms'])} (CPU {_ms(b['floor_cpu_ms'])})"
        ratio = f"{b['ratio']:.1f}× (CPU {b['cpu_ratio']:.1f}×)"
        out.append(("1 board", case, figure, floor, ratio, budget, verdict))
        a = b.get("app")
        if a:
            at_size = size == BOARD_RATIO_SIZE
            out.append(
                (
                    "1 board",
                    f"the web app's `Q_BOARD` (frontend/src/api/okr.js: flat `objectives` with "
                    f"`parent {{ id }}`, likes, `boardSeq`, `viewer`, `teams`) · "
                    f"{_n(b['objectives'])} objectives ({b['engine']}; floor: the columns it "
                    "needs, driver + shaping + orjson)",
                    f"median {_ms(a['server_ms'])} server · CPU {_ms(a['server_cpu_ms'])} · "
                    f"{a['response_kib']:,.0f} KiB",
                    f"{_ms(a['floor_ms'])} (CPU {_ms(a['floor_cpu_ms'])}, "
                    f"{a['floor_kib']:,.0f} KiB)",
                    f"{a['ratio']:.1f}× (CPU {a['cpu_ratio']:.1f}×)",
                    f"≤ {APP_BOARD_RATIO_MAX:.0f}× floor"
                    if at_size
                    else f"(≤ {APP_BOARD_RATIO_MAX:.0f}× is set at {BOARD_RATIO_SIZE:,})",
                    _verdict(a["ratio"] <= APP_BOARD_RATIO_MAX) if at_size else "—",
                )
            )
        z = b.get("compression")
        if z:
            out.append(
                (
                    "1 board",
                    f"{_n(b['objectives'])} objectives, the app's flat query gzipped "
                    "(Accept-Encoding: gzip; floor: the same answer plain)",
                    f"{z['gzip_kib']:,.0f} KiB on the wire · server CPU {_ms(z['gzip_cpu_ms'])}",
                    f"{z['plain_kib']:,.0f} KiB · server CPU {_ms(z['plain_cpu_ms'])}",
                    f"{z['plain_kib'] / z['gzip_kib']:.1f}× smaller · CPU "
                    f"{z['gzip_cpu_ms'] / z['plain_cpu_ms']:.2f}×",
                    "compressed, negotiated — its CPU measured",
                    _verdict(z["gzip_kib"] < z["plain_kib"]),
                )
            )
    if statements:
        counts = {int(k): v["board"] for k, v in statements.items()}
        figure = " · ".join(f"{_n(k)} → {v}" for k, v in sorted(counts.items()))
        flat = " · ".join(
            f"{_n(int(k))} → {v['objectives']}"
            for k, v in sorted(statements.items(), key=lambda kv: int(kv[0]))
        )
        same = len(set(counts.values())) == 1
        out.append(
            (
                "1 board",
                "SQL statements per board request",
                f"{figure} (the app's `Q_BOARD`: {flat})",
                "—",
                "—",
                "same for every size",
                _verdict(same) if len(counts) > 1 else "— (one size)",
            )
        )
    for c in res.get("checkin", []):
        sql = (
            statements.get(str(c["size"]), {}).get("check_in") if c["engine"] == "sqlite" else None
        )
        judged = c["size"] == CHECKIN_SIZE
        out.append(
            (
                "2 check-in",
                f"`checkIn` · {_n(c['size'])} objectives ({c['engine']}), one at a time: "
                "server CPU per check-in",
                f"CPU p50 {_ms(c['cpu_p50_ms'])} · p99 {_ms(c['cpu_p99_ms'])} · round trip p50 "
                f"{_ms(c['p50_ms'])} · p99 {_ms(c['p99_ms'])} ({c['ops']})"
                + (f" · {sql} SQL" if sql is not None else ""),
                f"p50 {_ms(c['floor_p50_ms'])} · p99 {_ms(c['floor_p99_ms'])} · "
                f"{c['floor_throughput']:,.0f}/s",
                f"{c['ratio']:,.0f}× (p50)",
                f"≤ {CHECKIN_CPU_MS:.0f} ms server CPU (p50)" if judged else "—",
                _verdict(c["cpu_p50_ms"] <= CHECKIN_CPU_MS) if judged else "—",
            )
        )
        out.append(
            (
                "2 check-in",
                f"`checkIn` · {_n(c['size'])} objectives ({c['engine']}), "
                f"{c['concurrency']} clients at once",
                f"p50 {_ms(c['concurrent_p50_ms'])} · p99 {_ms(c['concurrent_p99_ms'])} "
                f"({c['concurrent_ops']}) · {c['throughput']:,.1f}/s",
                "—",
                "—",
                f"{c['concurrency']} clients p99 ≤ {CHECKIN_P99_MS:.0f} ms" if judged else "—",
                _verdict(c["concurrent_p99_ms"] <= CHECKIN_P99_MS) if judged else "—",
            )
        )
    live = res.get("live") or {}
    subs = live.get("subscribers")
    for key, label in (("single", "one check-in at a time"), ("sustained", None)):
        f = live.get(key)
        if not f:
            continue
        if key == "sustained":
            label = f"{f['rate']:g} check-ins/s for {f['seconds']:g} s"
        figure = (
            f"p50 {_ms(f['p50_ms'])} · p99 {_ms(f['p99_ms'])} · max {_ms(f['max_ms'])} · "
            f"lost {f['lost']} of {_n(f['expected'])} ({f['events']} events; not received "
            f"{live.get('drain_s', 0):g} s after the last)"
        )
        if f.get("resyncs"):
            figure += f" · {f['resyncs']} resyncs"
        if key == "sustained":
            lag = f["loop_lag"]
            figure += (
                f" · loop lag p99 {_ms(lag['p99_ms'])} (max {_ms(lag['max_ms'])})"
                + (
                    f" · server CPU {lag['cpu_s'] / f['seconds']:.0%} of a core, GC pauses"
                    f" {_ms(lag['gc_ms'])} (longest {_ms(lag['gc_max_ms'])}; {lag['gc_full']}"
                    f" full, longest {_ms(lag['gc_full_max_ms'])})"
                    if "cpu_s" in lag
                    else ""
                )
                + " · "
                f"sent {f['achieved_rate']:.1f}/s"
                + (f", {f['skipped']} skipped (too many in flight)" if f["skipped"] else "")
                + (f", {f['unfinished']} unanswered at the end" if f.get("unfinished") else "")
                + f" · check-in p50 {_ms(f['checkin_p50_ms'])} p99 {_ms(f['checkin_p99_ms'])}"
            )
        ok = f["p50_ms"] <= FANOUT_P50_MS and f["p99_ms"] <= FANOUT_P99_MS and f["lost"] == 0
        out.append(
            (
                "3 fan-out",
                f"{label} → {_n(subs)} subscribers ({_n(live['size'])}-objective org)",
                figure,
                "—",
                "—",
                f"p50 ≤ {FANOUT_P50_MS:.0f} ms · p99 ≤ {FANOUT_P99_MS:.0f} ms · lost 0",
                _verdict(ok),
            )
        )
    writer = live.get("writer")
    if writer:
        alone, watched = writer["alone"], writer["watched"]
        out.append(
            (
                "3 fan-out",
                f"the writer's own check-in round trip while {_n(subs)} subscribers watch "
                "(floor: the same check-ins with nobody watching)",
                f"p50 {_ms(watched['p50_ms'])} · max {_ms(watched['max_ms'])}",
                f"p50 {_ms(alone['p50_ms'])} · max {_ms(alone['max_ms'])}",
                f"{watched['p50_ms'] / alone['p50_ms']:.1f}× (p50)",
                "never waits for the fan-out",
                "—",
            )
        )
    out += _wide_rows(res.get("wide"), "single", WIDE_P99_MS)
    out += _wide_rows(res.get("cluster"), "sustained", CLUSTER_P99_MS)
    mem = live.get("memory")
    if mem:
        out.append(
            (
                "4 memory",
                f"{_n(subs)} idle subscribers",
                f"{mem['per_subscriber_kib']:,.1f} KiB each "
                f"(server RSS {mem['rss_idle_kib'] / 1024:,.1f} → "
                f"{mem['rss_with_kib'] / 1024:,.1f} MiB)",
                "—",
                "—",
                f"≤ {SUBSCRIBER_KIB:.0f} KiB",
                _verdict(mem["per_subscriber_kib"] <= SUBSCRIBER_KIB),
            )
        )
    out += _frontend_rows(res.get("frontend") or {})
    out += _hint_rows(res.get("hints") or {})
    out += _soak_rows(res.get("soak"))
    out += _dashboard_rows(res.get("dashboard") or {})
    out += _presence_rows(res.get("presence"))
    return out


def _frontend_rows(fe: dict[str, Any]) -> list[tuple[str, ...]]:
    out: list[tuple[str, ...]] = []
    js = fe.get("js")
    if js:
        langs = js["languages"]
        out.append(
            (
                "5 frontend",
                "first-screen JavaScript, gzipped (the scripts index.html loads, their static "
                "chunks, one language's dictionary: `frontend/dist/first-screen.json`)",
                " · ".join(
                    f"{lang} {v['gzip_kib']:,.1f} KiB ({len(v['files'])} files)"
                    for lang, v in langs.items()
                )
                + f"; lazy {js['lazy_gzip_kib']:,.1f} KiB in {js['lazy_files']} chunks",
                "—",
                "—",
                f"≤ {JS_GZIP_KIB:.0f} KiB in each language",
                _verdict(js["gzip_kib"] <= JS_GZIP_KIB),
            )
        )
    screen = fe.get("screen")
    if screen:
        mid = screen["median_run"]
        other = mid.get("other_js") or []
        out.append(
            (
                "5 frontend",
                f"navigation → the board's first rows on screen, {_n(screen['size'])} objectives, "
                f"headless Chromium (all {_n(screen['rows'])} rows open: median "
                f"{_ms(screen['all_median_ms'])})",
                f"median {_ms(screen['median_ms'])} ({screen['runs']} cold runs; the board's "
                f"answer in → first rows: {_ms(screen['after_board_median_ms'])})"
                + (f"; also fetched before them: {', '.join(other)}" if other else ""),
                "—",
                "—",
                f"≤ {FIRST_ROWS_MS:.0f} ms",
                _verdict(screen["median_ms"] <= FIRST_ROWS_MS),
            )
        )
        shown = [
            f"{r['what']} {r['start_ms']:,.0f}–{r['end_ms']:,.0f}"
            + (f" (server {r['app_ms']:,.0f})" if "app_ms" in r else "")
            for r in mid["requests"]
            if not r["what"].endswith((".js", ".css")) and r["start_ms"] < screen["median_ms"]
        ]
        shown += [f"socket {t:,.0f}" for t in mid["sockets_ms"] if t < screen["median_ms"]]
        out.append(
            (
                "5 frontend",
                "its median run: requests before the first rows (ms after navigation, start–end; "
                "the server's part from its Server-Timing)",
                " · ".join(shown) or "—",
                "—",
                "—",
                "— (in parallel)",
                "—",
            )
        )
    return out


def _wide_rows(found: dict[str, Any] | None, key: str, p99_ms: float) -> list[tuple[str, ...]]:
    """One check-in → many subscribers on one process, or check-ins at a rate → subscribers
    of two processes: p99 and nothing lost, with the CPU split that says which side waited."""
    f = (found or {}).get(key)
    if not f:
        return []
    assert found is not None
    cpu = f["cpu"]
    where = (
        f"{found['servers']} processes, {found['engine']} + Redis"
        if found["servers"] > 1
        else f"one process, {found['engine']}"
    )
    what = (
        f"{f['rate']:g} check-ins/s for {f['seconds']:g} s"
        if key == "sustained"
        else "one check-in at a time"
    )
    figure = (
        f"p50 {_ms(f['p50_ms'])} · p99 {_ms(f['p99_ms'])} · max {_ms(f['max_ms'])} · "
        f"lost {f['lost']} of {_n(f['expected'])} ({f['events']} events)"
        + (f" · {f['resyncs']} resyncs" if f.get("resyncs") else "")
        + f" · CPU over {cpu['wall_s']:.0f} s: servers {cpu['servers_cpu_s']:.1f} s, "
        f"{cpu['processes']} subscriber processes {cpu['subscribers_cpu_s']:.1f} s"
    )
    if key == "sustained":
        figure += (
            f" · sent {f['achieved_rate']:.1f}/s · check-in p50 {_ms(f['checkin_p50_ms'])} "
            f"p99 {_ms(f['checkin_p99_ms'])}"
        )
    ok = f["p99_ms"] <= p99_ms and f["lost"] == 0 and not f.get("unfinished")
    return [
        (
            "3 fan-out",
            f"{what} → {_n(found['subscribers'])} subscribers ({where}, "
            f"{_n(found['size'])}-objective org)",
            figure,
            "—",
            "—",
            f"p99 ≤ {p99_ms:.0f} ms · lost 0",
            _verdict(ok),
        )
    ]


def _hint_rows(found: dict[str, Any]) -> list[tuple[str, ...]]:
    def figure(s: dict[str, float]) -> str:
        return f"p50 {s['p50_ms']:.2f} ms · p99 {s['p99_ms']:.2f} ms · max {_ms(s['max_ms'])}"

    out: list[tuple[str, ...]] = []
    lint, http = found.get("lint"), found.get("http")
    if lint:
        wall, cpu = lint["wall"], lint["cpu"]
        out.append(
            (
                "6 hints",
                f"the lint per call, in-process ({_n(wall['n'])} calls, zh-CN and en)",
                f"{figure(wall)} (CPU p99 {cpu['p99_ms']:.2f} ms)",
                "—",
                "—",
                f"p99 ≤ {HINTS_P99_MS:.0f} ms",
                _verdict(wall["p99_ms"] <= HINTS_P99_MS),
            )
        )
    if http:
        query, floor = http["query"], http["floor"]
        cpu = "CPU p50 {p50_ms:.2f} ms · p99 {p99_ms:.2f} ms"
        out.append(
            (
                "6 hints",
                f"`writingHints` per request, server time ({_n(query['n'])} requests, one at a "
                "time; floor: a signed-in `{ __typename }`, interleaved)",
                f"{figure(query)} ({cpu.format(**http['query_cpu'])})",
                f"{figure(floor)} ({cpu.format(**http['floor_cpu'])})",
                f"{query['p50_ms'] / floor['p50_ms']:.1f}× (p50)",
                f"p99 ≤ the floor's p99 + {HINTS_P99_MS:.0f} ms",
                _verdict(query["p99_ms"] <= floor["p99_ms"] + HINTS_P99_MS),
            )
        )
    return out


def _soak_rows(soak: dict[str, Any] | None) -> list[tuple[str, ...]]:
    if not soak:
        return []
    d = soak["delivery"]
    return [
        (
            "7 soak",
            f"{soak['rate']:g} check-ins/s for {soak['seconds']:,.0f} s → "
            f"{soak['subscribers']} subscribers ({_n(soak['size'])}-objective org)",
            f"RSS slope {soak['mib_per_hour']:+,.1f} MiB/hour after a "
            f"{soak['warmup_s']:,.0f} s warm-up (fitted growth "
            f"{soak['fitted_growth_mib']:+,.1f} MiB; {soak['rss_start_kib'] / 1024:,.1f} → "
            f"{soak['rss_end_kib'] / 1024:,.1f} MiB, range "
            f"{(soak['rss_max_kib'] - soak['rss_min_kib']) / 1024:,.1f} MiB) · "
            f"{soak['kib_per_event']:+,.2f} KiB and {soak['objects_per_event']:+,.2f} "
            f"tracked objects per event · sent {soak['achieved_rate']:.1f}/s · lost "
            f"{d['lost']} of {_n(d['expected'])}",
            "—",
            "—",
            f"≤ {SOAK_GROWTH_MIB:g} MiB growth after warm-up · lost 0",
            _verdict(soak["fitted_growth_mib"] <= SOAK_GROWTH_MIB and d["lost"] == 0),
        )
    ]


def _dashboard_rows(dash: dict[str, Any]) -> list[tuple[str, ...]]:
    out: list[tuple[str, ...]] = []
    big = dash.get("largest")
    if big:
        f = big["figures"]
        status = " ".join(f"{k.lower().replace('_', ' ')} {v}" for k, v in f["status"].items())
        shares = ", ".join(f"{k.lower()} {v:.0%}" for k, v in f["aligned"].items())
        out.append(
            (
                "8 dashboard",
                f"company dashboard · {_n(big['objectives'])} objectives, "
                f"{_n(big['key_results'])} KRs, {_n(big['check_ins'])} check-ins "
                f"({big['engine']})",
                f"p50 {_ms(big['p50_ms'])} · p99 {_ms(big['p99_ms'])} server "
                f"({big['runs']} runs, CPU p50 {_ms(big['cpu_p50_ms'])}, "
                f"{big['response_kib']:,.0f} KiB) · average progress "
                f"{f['average_progress']:.0%} (expected {f['average_expected']:.0%}) · {status} · "
                f"silent 7+ days {f['silent_7']} people, 14+ {f['silent_14']} · aligned "
                f"{shares} · {f['unaligned_key_results']} parent KRs nothing aligns to · "
                f"{f['points']} timeline points · {f['movers']} movers",
                "—",
                "—",
                "— (no time budget)",
                "—",
            )
        )
    counts = {int(k): v for k, v in (dash.get("statements") or {}).items()}
    if counts:
        out.append(
            (
                "8 dashboard",
                "SQL statements per dashboard request",
                " · ".join(f"{_n(k)} → {v}" for k, v in sorted(counts.items())),
                "—",
                "—",
                "same for every size",
                _verdict(len(set(counts.values())) == 1) if len(counts) > 1 else "— (one size)",
            )
        )
    return out


def _presence_rows(found: dict[str, Any] | None) -> list[tuple[str, ...]]:
    if not found:
        return []
    with_p, control = found["presence"], found["control"]
    tabs = found["tabs"]
    return [
        (
            "9 presence",
            f"{_n(tabs)} tabs of {_n(tabs)} people open one board at once (`boardEvents` + "
            "`presence`; floor: the same tabs without `presence`)",
            f"all subscribed in {with_p['subscribed_s']:.1f} s, every list counting everyone"
            f"{'' if with_p['settled'] else ' (NOT settled)'} at {with_p['seconds']:.1f} s · "
            f"server CPU {with_p['server_cpu_s']:.1f} s · "
            f"{_n(with_p['messages'])} presence messages, "
            f"{with_p['bytes'] / tabs / 1024:,.1f} KiB per tab",
            f"{control['subscribed_s']:.1f} s · server CPU {control['server_cpu_s']:.1f} s",
            f"{found['ratio']:.2f}× (CPU {found['cpu_ratio']:.2f}×; medians of "
            f"{len(found['ratios'])} each, pairs "
            + ", ".join(f"{r:.2f}×" for r in found["ratios"])
            + ")",
            "about the time without presence (≤ 1.25×, CPU too); ≤ 1 update per board per second",
            _verdict(found["ratio"] <= 1.25 and found["cpu_ratio"] <= 1.25 and with_p["settled"]),
        )
    ]


def markdown(res: dict[str, Any]) -> str:
    m = res["machine"]
    head = ("part", "case", "figure", "floor", "ratio", "budget (DESIGN §8)", "verdict")
    lines = [
        "# Lodestar bench",
        "",
        f"{m['date']} · commit `{m['commit']}` · {m['nproc']} × {m['cpu']} · "
        f"Python {m['python']} · {m['platform']} · mode: {res['mode']} · {res['seconds']:,.0f} s",
        "",
        "| " + " | ".join(head) + " |",
        "|" + "|".join("---" for _ in head) + "|",
    ]
    lines += ["| " + " | ".join(r) + " |" for r in rows(res)]
    notes = res.get("notes") or []
    if notes:
        lines += ["", "Notes:", *[f"- {n}" for n in notes]]
    lines += [
        "",
        "How: `python -m bench` (see `bench/__init__.py`). Server time = the `Server-Timing` the "
        "bench's server wrapper adds (arrival → response start); floor = raw driver fetch of the "
        "same rows + nesting + `orjson.dumps` in the bench process, interleaved run by run; SQL "
        "counted in-process by patching Tortoise's clients. Fan-out latency = receipt in the "
        "subscriber process − the event's `at` (stamped in the check-in's transaction, just "
        "before commit). Memory = server VmRSS with N idle subscribers − with none, ÷ N. "
        "Soak = server VmRSS after a full GC, sampled through the run, slope fitted after the "
        "warm-up (`bench/soak.py`). "
        "Figures drift on shared machines: compare ratios, not milliseconds.",
        "",
    ]
    return "\n".join(lines)


def write(res: dict[str, Any], md_path: Path) -> None:
    md_path.parent.mkdir(parents=True, exist_ok=True)
    md_path.write_text(markdown(res))
    md_path.with_suffix(".json").write_bytes(
        orjson.dumps(
            res, option=orjson.OPT_INDENT_2 | orjson.OPT_SERIALIZE_NUMPY | orjson.OPT_NON_STR_KEYS
        )
    )
