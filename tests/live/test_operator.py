"""What an operator sees of a real server process: health endpoints, Prometheus metrics that
move with the traffic, one JSON log line per request carrying its request id, and
`lodestar migrate` saying what it did."""

from __future__ import annotations

import os
import socket
import subprocess
from pathlib import Path

import httpx
import pytest

from tests.servers import REPO, Server, python, run_cli, server_env

from .client import check_in
from .ops import WITHIN, eventually, log_lines, scrape, watching


async def test_health_endpoints(server: Server) -> None:
    async with httpx.AsyncClient(base_url=server.base, timeout=WITHIN) as http:
        health = await http.get("/healthz")
        ready = await http.get("/readyz")
    assert (health.status_code, health.json()) == (200, {"ok": True})
    assert (ready.status_code, ready.json()) == (
        200,
        {"ok": True, "database": "ok", "broker": "ok"},
    )


def _get(metrics: dict[str, float], name: str) -> float:
    return metrics.get(name, 0.0)


async def test_metrics_follow_requests_sockets_and_events(server: Server) -> None:
    ok_posts = 'lodestar_http_requests_total{method="POST",route="/graphql",status="200"}'
    zhangsan, _, seq0, socket, sub = await watching(server)
    before = await scrape(server)
    try:
        await check_in(zhangsan, "kr_27", 12)
        await sub.until_seq(seq0 + 1)
        await zhangsan.raw("{ nosuchfield }")
        during = await scrape(server)
    finally:
        await socket.close()

    assert _get(during, ok_posts) >= _get(before, ok_posts) + 2  # the check-in, the bad query
    assert _get(during, "lodestar_live_events_published_total") == (
        _get(before, "lodestar_live_events_published_total") + 1
    )
    assert _get(during, "lodestar_live_deliveries_total") >= (
        _get(before, "lodestar_live_deliveries_total") + 1
    )
    assert _get(during, 'lodestar_live_events_received_total{via="broker"}') >= 1
    assert _get(during, "lodestar_live_event_lag_seconds_count") >= 1
    assert _get(during, 'lodestar_graphql_errors_total{code="BAD_USER_INPUT"}') >= 1
    assert _get(during, "lodestar_websockets_open") >= 1
    assert _get(during, "lodestar_live_subscribers") >= 1
    assert 'lodestar_live_queue_depth{queue="publish"}' in during
    assert 'lodestar_http_request_duration_seconds_bucket{le="0.25",route="/graphql"}' in during

    # the socket's close is seen: no subscriber left behind
    await eventually(
        lambda: _closed(server), "the closed socket leaves the subscriber and socket gauges"
    )


async def _closed(server: Server) -> bool:
    metrics = await scrape(server)
    return metrics["lodestar_live_subscribers"] == metrics["lodestar_websockets_open"] == 0


async def test_one_json_log_line_per_request_with_its_request_id(server: Server) -> None:
    async with httpx.AsyncClient(base_url=server.base, timeout=WITHIN) as http:
        mine = await http.get("/healthz", headers={"X-Request-ID": "deploy-check-1"})
        theirs = await http.post("/graphql", json={"query": "{ viewer { id } }"})
    assert mine.headers["x-request-id"] == "deploy-check-1"
    request_id = theirs.headers["x-request-id"]
    assert len(request_id) == 12

    def line_of(rid: str) -> list[dict[str, object]]:
        return [line for line in log_lines(server) if line.get("request_id") == rid]

    async def both_logged() -> bool:
        return bool(line_of("deploy-check-1") and line_of(request_id))

    await eventually(both_logged, "the two requests are logged")
    (line,) = line_of(request_id)
    assert {k: line[k] for k in ("level", "message", "method", "path", "status")} == {
        "level": "info",
        "message": "request",
        "method": "POST",
        "path": "/graphql",
        "status": 200,
    }
    assert isinstance(line["duration_ms"], float)


def _tortoise_migrate(env: dict[str, str], *target: str) -> None:
    subprocess.run(
        [python(), "-m", "tortoise", "-c", "backend.db.TORTOISE_ORM", "migrate", *target],
        cwd=REPO,
        env=env,
        check=True,
        capture_output=True,
        timeout=120,
    )


@pytest.mark.parametrize("case", ["new", "behind"])
def test_migrate_says_what_it_applied(case: str, tmp_path: Path) -> None:
    env = server_env(tmp_path, f"sqlite://{tmp_path / 'db.sqlite3'}")
    if case == "new":
        first = run_cli(env, "migrate")
        assert first.startswith("created the tables: ")
        assert "0001_initial" in first and "0004_check_in_client_id" in first
    else:
        _tortoise_migrate(env, "models", "0002_notification_grouping_and_mute")
        later = sorted(p.stem for p in (REPO / "backend" / "migrations").glob("[0-9]*.py"))[2:]
        assert later[:2] == ["0003_chain_indexes", "0004_check_in_client_id"]
        assert run_cli(env, "migrate").splitlines() == [
            f"applied {len(later)} migration(s):",
            *(f"  {name}" for name in later),
        ]
    assert run_cli(env, "migrate").strip() == "database is up to date (no migration to apply)"


def test_serve_on_a_taken_port_says_so(tmp_path: Path) -> None:
    env = server_env(tmp_path, f"sqlite://{tmp_path / 'db.sqlite3'}")
    with socket.create_server(("127.0.0.1", 0)) as taken:
        port = taken.getsockname()[1]
        proc = subprocess.run(
            [python(), "-m", "backend", "serve", "--port", str(port)],
            cwd=REPO,
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert proc.returncode == 1
    assert f"cannot listen on 127.0.0.1:{port}" in proc.stderr
    assert "LODESTAR_PORT=" in proc.stderr and "Traceback" not in proc.stderr


def test_make_run_listens_on_lodestar_port() -> None:
    plan = subprocess.run(
        ["make", "-n", "run"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "LODESTAR_PORT": "8123", "LODESTAR_HOST": "0.0.0.0"},
    ).stdout
    assert "serve --host 0.0.0.0 --port 8123" in plan
