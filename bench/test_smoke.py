"""`make bench-smoke` (run by .ci/run after `make test`): the bench instrument itself must not
rot — `python -m bench --quick` on the smallest size runs every part end to end. This is not a
performance test — no budget is asserted (budgets are measured by the bench, never by timed
tests), only that each part measured something and that no live message was lost."""

import json
import math
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def test_quick_bench_on_the_smallest_size(tmp_path: Path) -> None:
    out = tmp_path / "latest.md"
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "bench",
            "--quick",
            "--size",
            "100",
            "--engine",
            "sqlite",
            "--subscribers",
            "20",
            "--wide",
            "40",
            "--cluster-subscribers",
            "40",
            "--out",
            str(out),
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert proc.returncode == 0, f"{proc.stdout[-3000:]}\n{proc.stderr[-5000:]}"
    res = json.loads(out.with_suffix(".json").read_text())
    table = out.read_text()
    assert "| 1 board |" in table and "| 3 fan-out |" in table
    assert "| 6 hints |" in table and "| 7 soak |" in table
    assert "| 8 dashboard |" in table and "| 9 presence |" in table

    (board,) = res["board"]
    assert board["objectives"] > 0 and board["server_ms"] > 0 and board["floor_ms"] > 0
    assert math.isfinite(board["ratio"])
    assert res["statements"]["100"]["board"] > 0
    (checkin,) = res["checkin"]
    assert checkin["ops"] >= 5 and checkin["floor_p50_ms"] > 0

    live = res["live"]
    assert live["single"]["lost"] == 0, live["single"]
    assert not live["single"]["errors"], live["single"]["errors"]
    assert live["sustained"]["events"] > 0
    assert live["memory"]["rss_with_kib"] > 0
    wide = res["wide"]["single"]
    assert wide["lost"] == 0 and not wide["errors"] and wide["cpu"]["servers_cpu_s"] >= 0, wide
    cluster = res.get("cluster")  # needs PostgreSQL and Redis, else a note says why
    assert cluster or any("cluster skipped" in n for n in res["notes"]), res["notes"]
    if cluster:
        assert cluster["sustained"]["lost"] == 0 and cluster["servers"] == 2, cluster

    hints = res["hints"]
    assert hints["lint"]["wall"]["n"] > 0 and hints["lint"]["wall"]["p99_ms"] > 0
    assert hints["http"]["query"]["n"] == hints["http"]["floor"]["n"] > 0
    assert hints["http"]["query"]["p99_ms"] > 0

    soak = res["soak"]
    assert soak["delivery"]["lost"] == 0 and soak["delivery"]["events"] > 0, soak["delivery"]
    assert math.isfinite(soak["mib_per_hour"]) and soak["rss_end_kib"] > 0
    dashboard = res["dashboard"]
    assert dashboard["largest"]["p50_ms"] > 0 and dashboard["statements"]["100"] > 0
    assert dashboard["largest"]["figures"]["objectives"] == board["objectives"]

    storm = res["presence"]
    assert storm["presence"]["settled"] and storm["presence"]["messages"] > 0, storm
    assert not storm["presence"]["errors"] and storm["control"]["messages"] == 0
    assert board["app"]["ratio"] > 0 and board["compression"]["gzip_kib"] > 0
    assert live["writer"]["watched"]["n"] > 0

    assert res["frontend"]["js"]["gzip_kib"] > 0
    skipped = any("frontend timing skipped" in n for n in res["notes"])
    assert skipped or res["frontend"]["screen"]["median_ms"] > 0
