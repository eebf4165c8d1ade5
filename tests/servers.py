"""Real `lodestar serve` processes for the live and browser tests: the environment they run
in, the CLI steps before serving, and a server that is ready once `/healthz` answers."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SECRET = "live-test-secret"
STARTUP_TIMEOUT = 60.0
# the test run's own switches the servers follow (`make test-stock` runs them on the stock executor;
# LODESTAR_WS_IMPL=websockets on uvicorn's other websocket implementation)
PASSED_ON = ("LODESTAR_REQUIRE", "LODESTAR_STOCK_EXECUTOR", "LODESTAR_WS_IMPL")


def python() -> str:
    venv = REPO / ".venv" / "bin" / "python"
    return str(venv) if venv.exists() else sys.executable


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def server_env(
    var_dir: Path, database_url: str, broker_url: str = "memory://", *, web_app: bool = False
) -> dict[str, str]:
    """`web_app`: serve the built frontend (frontend/dist), as the browser tests need."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("LODESTAR_") or k.startswith(PASSED_ON)
    }
    env.update(
        LODESTAR_DATABASE_URL=database_url,
        LODESTAR_BROKER_URL=broker_url,
        LODESTAR_SECRET_KEY=SECRET,  # every process of a cluster must share it
        LODESTAR_VAR_DIR=str(var_dir),
        LODESTAR_STATIC_DIR=str(var_dir / "no-frontend"),
        # no scheduled jobs: their notifications would add events to the boards under test
        # (the reach tests turn them on)
        LODESTAR_JOBS="0",
        PYTHONUNBUFFERED="1",
    )
    if web_app:
        del env["LODESTAR_STATIC_DIR"]
    return env


def run_cli(env: dict[str, str], *args: str) -> str:
    proc = subprocess.run(
        [python(), "-m", "backend", *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    if proc.returncode != 0:
        pytest.fail(
            f"`python -m backend {' '.join(args)}` exited {proc.returncode}:\n"
            f"{proc.stdout[-2000:]}\n{proc.stderr[-4000:]}",
            pytrace=False,
        )
    return proc.stdout


def tail(path: Path, lines: int = 40) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


class Server:
    """One `lodestar serve` process; can be killed and started again on the same port."""

    def __init__(self, name: str, env: dict[str, str], log_dir: Path, port: int | None = None):
        self.name = name
        self.env = env
        self.port = port or free_port()
        self.log = log_dir / f"{name}.log"
        self.proc: subprocess.Popen[bytes] | None = None
        self.tokens: dict[str, str] = {}  # email -> API token, made once per server's database

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def ws_url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/graphql"

    def start(self) -> Server:
        with self.log.open("ab") as log:
            self.proc = subprocess.Popen(
                [
                    python(),
                    "-m",
                    "backend",
                    "serve",
                    "--host",
                    "127.0.0.1",
                    "--port",
                    str(self.port),
                ],
                cwd=REPO,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        deadline = time.monotonic() + STARTUP_TIMEOUT
        while True:
            if self.proc.poll() is not None:
                pytest.fail(
                    f"server {self.name} exited with {self.proc.returncode}:\n{tail(self.log)}",
                    pytrace=False,
                )
            try:
                with urllib.request.urlopen(self.base + "/healthz", timeout=2) as res:
                    if res.status == 200:
                        return self
            except (urllib.error.URLError, OSError):
                pass
            if time.monotonic() > deadline:
                self.stop(kill=True)
                pytest.fail(f"server {self.name} not ready:\n{tail(self.log)}", pytrace=False)
            time.sleep(0.1)

    def stop(self, kill: bool = False) -> None:
        if self.proc is None or self.proc.poll() is not None:
            return
        self.proc.send_signal(signal.SIGKILL if kill else signal.SIGTERM)
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(timeout=5)
