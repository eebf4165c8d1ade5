"""Browser tests: a real Lodestar server on a fresh SQLite database, driven by Debian's Chromium.

The server runs as subprocesses of the repository's virtualenv (tests/servers.py):
`python -m backend migrate`, `... seed-demo`, then `... serve` on a free port, and is stopped
at the end of the session. The web app must have been built first (frontend/dist/index.html,
`make` builds it). Chromium is `/usr/bin/chromium` (never `playwright install`); when it is
absent the tests are skipped, unless LODESTAR_REQUIRE_BROWSER=1, then they fail.

Set LODESTAR_E2E_BASE_URL=http://host:port to drive an already running (seeded) server
instead of starting one. Set LODESTAR_E2E_SCREENSHOTS=<dir> to save the README's screenshots
(board-desktop.png, board-phone.png, board-reconnecting.png, scoring-phone.png,
meeting-mode.png, meeting-phone.png, dashboard.png, wall-1920.png, wall-3840.png) into <dir>, e.g.
docs/screenshots.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import require_or_skip
from tests.servers import REPO, Server, run_cli, server_env

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


def _require_browser() -> None:
    if not CHROMIUM.exists():
        reason = f"{CHROMIUM} is not installed (apt-get install -y chromium)"
        require_or_skip("Chromium", "LODESTAR_REQUIRE_BROWSER", reason)


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
    env = server_env(tmp, f"sqlite:///{tmp / 'lodestar.sqlite3'}", web_app=True)
    env["LODESTAR_WEBHOOK_ALLOW_HTTP"] = "1"  # robots may post to the tests' local receivers
    run_cli(env, "migrate")
    run_cli(env, "seed-demo")
    server = Server("e2e", env, tmp).start()
    try:
        yield server.base
    finally:
        server.stop()


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
        width: int = 1280,
        height: int = 800,
        locale: str = "en-US",
        mobile: bool = False,
        enforce_csp: bool = False,
    ) -> Any:
        # Playwright evaluates string predicates (wait_for_function) with eval, which the app's
        # CSP forbids; test_security_headers runs the app under its CSP (enforce_csp=True)
        ctx = browser.new_context(
            bypass_csp=not enforce_csp,
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


def pytest_terminal_summary(terminalreporter: Any) -> None:
    """axe-core's counts per page (test_accessibility), one line per page and column per run."""
    module = sys.modules.get("tests.e2e.test_accessibility")
    results = getattr(module, "RESULTS", None)
    if not results:
        return
    runs = sorted({(lang, viewport) for lang, viewport, _ in results})
    pages = list(dict.fromkeys(path for _, _, path in results))
    write = terminalreporter.write_line
    terminalreporter.section("axe-core: critical/serious/moderate/minor per page")
    write(f"{'page':32}" + "".join(f"{lang + ' ' + viewport:>18}" for lang, viewport in runs))
    for path in pages:
        cells = []
        for lang, viewport in runs:
            c = results.get((lang, viewport, path))
            cells.append("-" if c is None else "/".join(str(c[k]) for k in c))
        write(f"{path:32}" + "".join(f"{cell:>18}" for cell in cells))
