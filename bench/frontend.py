"""Part 5 — the web app: gzipped JavaScript, and the time in headless Chromium from navigation
until the board of the organisation is on screen.

"On screen" = every row the app shows on first load is in the DOM: the app opens levels 0–2 of
the alignment tree, so that is the number of `li.node[data-id]` rows waited for (computed from
the generated organisation). The clock is the page's own (`performance.now()`, whose origin
is the navigation start), read in the same animation frame the rows are counted in. Each run
uses a fresh browser context (cold cache), signed in by its session cookie.
"""

import gzip
from pathlib import Path
from typing import Any

from .dataset import Dataset
from .server import REPO, Server
from .stats import median

DIST = REPO / "frontend" / "dist"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
]
ROW = "li.node[data-id]"
TIMEOUT_MS = 120_000


def js_size() -> dict[str, Any] | None:
    files = sorted(DIST.glob("*.js"))
    if not files:
        return None
    sizes = {f.name: len(gzip.compress(f.read_bytes(), compresslevel=9)) for f in files}
    return {
        "files": sizes,
        "raw_kib": sum(f.stat().st_size for f in files) / 1024,
        "gzip_kib": sum(sizes.values()) / 1024,
    }


def missing() -> str | None:
    if not (DIST / "index.html").exists():
        return "frontend/dist is not built (make install)"
    if not CHROMIUM.exists():
        return f"{CHROMIUM} is not installed"
    try:
        import playwright  # noqa: F401
    except ImportError:
        return "playwright (python) is not installed"
    return None


async def board_on_screen(ds: Dataset, server: Server, runs: int) -> dict[str, Any]:
    from playwright.async_api import async_playwright

    expected = ds.shown_at_open
    times: list[float] = []
    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            for _ in range(runs):
                ctx = await browser.new_context(viewport={"width": 1280, "height": 800})
                try:
                    await ctx.add_cookies(
                        [
                            {
                                "name": "lodestar_session",
                                "value": ds.session_token,
                                "url": server.base,
                                "httpOnly": True,
                                "sameSite": "Lax",
                            }
                        ]
                    )
                    page = await ctx.new_page()
                    errors: list[str] = []
                    page.on("pageerror", lambda exc: errors.append(str(exc)))  # noqa: B023
                    await page.goto(f"{server.base}/board/{ds.cycle_gid}", wait_until="commit")
                    handle = await page.wait_for_function(
                        """([sel, n]) => document.querySelectorAll(sel).length >= n
                             ? performance.now() : false""",
                        arg=[ROW, expected],
                        polling="raf",
                        timeout=TIMEOUT_MS,
                    )
                    times.append(float(await handle.json_value()) / 1000)
                    if errors:
                        raise RuntimeError(f"errors in the page: {errors[:3]}")
                finally:
                    await ctx.close()
        finally:
            await browser.close()
    return {
        "size": ds.size,
        "rows": expected,
        "runs": runs,
        "median_ms": median(times) * 1000,
        "samples_ms": [t * 1000 for t in times],
    }
