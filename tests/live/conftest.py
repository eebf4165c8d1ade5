"""Live tests run against REAL server processes (uvicorn via `python -m backend serve`), never
Starlette's TestClient: its websocket runs the app on another thread and cannot time out a
receive. Each module starts its servers once; every receive is bounded by a timeout.

SQLite servers start from a copy of one migrated, demo-seeded database (made once per
session). PostgreSQL and Redis are used only by the cluster test; when they are unreachable
those tests skip with the reason, unless LODESTAR_REQUIRE_SERVICES=1 (then they fail).
"""

from __future__ import annotations

import asyncio
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from .client import Gql

REPO = Path(__file__).resolve().parents[2]
SECRET = "live-test-secret"
STARTUP_TIMEOUT = 60.0


def python() -> str:
    venv = REPO / ".venv" / "bin" / "python"
    return str(venv) if venv.exists() else sys.executable


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def server_env(var_dir: Path, database_url: str, broker_url: str = "memory://") -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("LODESTAR_") or k.startswith("LODESTAR_REQUIRE")
    }
    env.update(
        LODESTAR_DATABASE_URL=database_url,
        LODESTAR_BROKER_URL=broker_url,
        LODESTAR_SECRET_KEY=SECRET,  # every process of a cluster must share it
        LODESTAR_VAR_DIR=str(var_dir),
        LODESTAR_STATIC_DIR=str(var_dir / "no-frontend"),
        PYTHONUNBUFFERED="1",
    )
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


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated database with the demo company, made once and copied per module."""
    var = tmp_path_factory.mktemp("live-template")
    db = var / "template.sqlite3"
    env = server_env(var, f"sqlite://{db}")
    run_cli(env, "migrate")
    run_cli(env, "seed-demo")
    return db


@pytest.fixture(scope="module")
def sqlite_server(
    request: pytest.FixtureRequest, sqlite_template: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Server]:
    """A single-process server (memory broker) on this module's own copy of the demo; a
    module may set more environment in a `SERVER_ENV` dict."""
    var = tmp_path_factory.mktemp("live")
    db = var / "lodestar.sqlite3"
    shutil.copyfile(sqlite_template, db)
    env = {**server_env(var, f"sqlite://{db}"), **getattr(request.module, "SERVER_ENV", {})}
    server = Server("sqlite", env, var).start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="module")
def server(sqlite_server: Server) -> Server:
    """The module's server: one SQLite process (the cluster module brings its own)."""
    return sqlite_server


@pytest.fixture(scope="module")
async def api(server: Server) -> AsyncIterator[Callable[[str], Awaitable[Gql]]]:
    """api(email) -> a GraphQL client acting as that person (bearer token)."""
    from .client import Gql, token_for  # client.py imports Server from here

    made: dict[str, Gql] = {}

    async def get(email: str) -> Gql:
        if email not in made:
            made[email] = Gql(server.base, await token_for(server, email))
        return made[email]

    yield get
    await asyncio.gather(*(c.close() for c in made.values()))
