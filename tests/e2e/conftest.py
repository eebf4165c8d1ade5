"""Browser tests: a real Lodestar server on a fresh SQLite database, driven by Debian's Chromium.

The server runs as subprocesses of the repository's virtualenv:
`python -m backend migrate`, `... seed-demo`, then `... serve` on a free port, and is stopped
at the end of the session. The web app must have been built first (frontend/dist/index.html,
`make` builds it). Chromium is `/usr/bin/chromium` (never `playwright install`); when it is
absent the tests are skipped, unless LODESTAR_REQUIRE_BROWSER=1, then they fail.

Set LODESTAR_E2E_BASE_URL=http://host:port to drive an already running (seeded) server
instead of starting one. Set LODESTAR_E2E_SCREENSHOTS=<dir> to save the board screenshots
(board-desktop.png, board-phone.png) into <dir>, e.g. docs/screenshots.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[2]
DIST_INDEX = REPO / "frontend" / "dist" / "index.html"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
STARTUP_TIMEOUT = 60.0


def _python() -> str:
    venv = REPO / ".venv" / "bin" / "python"
    return str(venv) if venv.exists() else sys.executable


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _tail(path: Path, lines: int = 40) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


def _require_browser() -> None:
    if CHROMIUM.exists():
        return
    reason = f"{CHROMIUM} is not installed (apt-get install -y chromium)"
    if os.environ.get("LODESTAR_REQUIRE_BROWSER") == "1":
        pytest.fail(f"LODESTAR_REQUIRE_BROWSER=1 but {reason}", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="package")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Base URL of a freshly migrated and seeded Lodestar server."""
    _require_browser()
    external = os.environ.get("LODESTAR_E2E_BASE_URL")
    if external:
        yield external.rstrip("/")
        return
    if not DIST_INDEX.exists():
        pytest.fail(
            f"{DIST_INDEX.relative_to(REPO)} is missing: build the web app first "
            "(`make install` or `cd frontend && npm ci && npm run build`).",
            pytrace=False,
        )

    tmp = tmp_path_factory.mktemp("lodestar-e2e")
    env = {
        **os.environ,
        "LODESTAR_DATABASE_URL": f"sqlite:///{tmp / 'lodestar.sqlite3'}",
        "PYTHONUNBUFFERED": "1",
    }
    env.pop("LODESTAR_BROKER_URL", None)
    log_path = tmp / "server.log"
    python = _python()

    for step in (["migrate"], ["seed-demo"]):
        proc = subprocess.run(
            [python, "-m", "backend", *step],
            cwd=REPO,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        if proc.returncode != 0:
            pytest.fail(
                f"`python -m backend {' '.join(step)}` exited {proc.returncode}:\n"
                f"{proc.stdout[-2000:]}\n{proc.stderr[-4000:]}",
                pytrace=False,
            )

    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    with log_path.open("wb") as log:
        server = subprocess.Popen(
            [python, "-m", "backend", "serve", "--host", "127.0.0.1", "--port", str(port)],
            cwd=REPO,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    try:
        deadline = time.monotonic() + STARTUP_TIMEOUT
        while True:
            if server.poll() is not None:
                pytest.fail(
                    f"the server exited with {server.returncode} before it was ready:\n"
                    f"{_tail(log_path)}",
                    pytrace=False,
                )
            try:
                with urllib.request.urlopen(base + "/healthz", timeout=2) as res:
                    if res.status == 200:
                        break
            except (urllib.error.URLError, OSError):
                pass
            if time.monotonic() > deadline:
                pytest.fail(
                    f"GET /healthz did not return 200 within {STARTUP_TIMEOUT:.0f} s:\n"
                    f"{_tail(log_path)}",
                    pytrace=False,
                )
            time.sleep(0.2)
        yield base
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=5)


@pytest.fixture(scope="package")
def browser(live_server: str) -> Iterator[Any]:
    # Package scope: Playwright's sync API keeps an event loop running in this thread while
    # it is open, which would break the asyncio tests that run after tests/e2e/.
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def new_page(browser: Any, live_server: str) -> Iterator[Any]:
    """Factory: new_page(viewport=..., locale=...) → a page in a fresh browser context.

    Every page fails the test on an uncaught script error.
    """
    contexts: list[Any] = []
    errors: list[str] = []

    def make(
        width: int = 1280, height: int = 800, locale: str = "en-US", mobile: bool = False
    ) -> Any:
        ctx = browser.new_context(
            base_url=live_server,
            viewport={"width": width, "height": height},
            locale=locale,
            has_touch=mobile,
            color_scheme="light",
        )
        ctx.set_default_timeout(10_000)
        contexts.append(ctx)
        page = ctx.new_page()
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        return page

    yield make
    for ctx in contexts:
        ctx.close()
    assert not errors, f"uncaught errors in the page: {errors}"


@pytest.fixture
def screenshot_dir() -> Path | None:
    value = os.environ.get("LODESTAR_E2E_SCREENSHOTS")
    if not value:
        return None
    path = Path(value)
    if not path.is_absolute():
        path = REPO / path
    path.mkdir(parents=True, exist_ok=True)
    return path
