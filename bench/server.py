"""Start and stop Lodestar servers (`bench.probe`, i.e. the real `lodestar serve` with probes)
on 127.0.0.1; a started server is always stopped."""

import contextlib
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx

from .dataset import SECRET_KEY, Dataset

REPO = Path(__file__).resolve().parent.parent
STARTUP_TIMEOUT = 60.0 * (4 if os.environ.get("BENCH_SERVER_TRACEMALLOC") else 1)  # tracing crawls


@dataclass
class Server:
    base: str
    proc: subprocess.Popen[bytes]
    log: Path

    @property
    def pid(self) -> int:
        return self.proc.pid

    @property
    def ws(self) -> str:
        return self.base.replace("http://", "ws://") + "/graphql"

    def rss_kib(self) -> int:
        from .probe import rss_kib

        return rss_kib(self.pid)

    def tail(self, lines: int = 30) -> str:
        try:
            return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return "(no log)"


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


# the run's own switches the servers follow: `LODESTAR_WS_IMPL=websockets python -m bench …`
# measures uvicorn's other websocket implementation
PASSED_ON = ("LODESTAR_WS_IMPL",)


def server_env(ds: Dataset, workdir: Path, broker: str = "memory://") -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("LODESTAR_") or k in PASSED_ON}
    env.update(
        LODESTAR_DATABASE_URL=ds.url,
        LODESTAR_BROKER_URL=broker,
        LODESTAR_SECRET_KEY=SECRET_KEY,
        LODESTAR_VAR_DIR=str(workdir),
        LODESTAR_JOBS="0",  # scheduled jobs would re-evaluate the cycles under measurement
        PYTHONUNBUFFERED="1",
    )
    # the server alone traces its allocations (the bench's own process would crawl)
    if frames := os.environ.get("BENCH_SERVER_TRACEMALLOC"):
        env["PYTHONTRACEMALLOC"] = frames
    return env


# set by `python -m bench --profile-server DIR`: every server profiles itself into DIR
PROFILE_DIR: Path | None = None


@contextlib.contextmanager
def running(
    ds: Dataset, workdir: Path, name: str = "server", broker: str = "memory://"
) -> Iterator[Server]:
    """A server on `ds`; several share their events through `broker` (redis://…)."""
    port = free_port()
    log = workdir / f"{name}-{ds.engine}-{ds.size}-{port}.log"
    env = server_env(ds, workdir, broker)
    if PROFILE_DIR is not None:
        PROFILE_DIR.mkdir(parents=True, exist_ok=True)
        env["BENCH_PROFILE"] = str(PROFILE_DIR / f"{name}-{ds.engine}-{ds.size}.txt")
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "bench.probe",
                "serve",
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
            ],
            cwd=REPO,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    server = Server(f"http://127.0.0.1:{port}", proc, log)
    try:
        deadline = time.monotonic() + STARTUP_TIMEOUT
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"the server exited with {proc.returncode}:\n{server.tail()}")
            try:
                if httpx.get(server.base + "/healthz", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(
                    f"the server was not ready in {STARTUP_TIMEOUT:.0f} s:\n{server.tail()}"
                )
            time.sleep(0.1)
        yield server
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=60 if PROFILE_DIR is not None else 10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=5)
