"""Part 5 — the web app: the first screen's JavaScript, gzipped, and the time in headless Chromium
from navigation until the board of the organisation shows its first rows.

First screen = what `frontend/build.mjs` weighs and writes to `dist/first-screen.json` for each
language (one definition: the build's): the scripts index.html loads, the chunks they import
statically (its modulepreloads) and that language's dictionary, gzipped (level 9). The browser run
names any other script fetched before the first rows.

"First rows" = the board's rows fill the window (the last `li.node[data-id]` in the DOM reaches
its bottom edge), or every row the app opens on first load (levels 0–2 of the alignment tree,
computed from the generated organisation) is there when they are fewer. "All rows" = every one of
those is in the DOM. The clock is the page's own (`performance.now()`, whose origin is the
navigation start), read in the animation frame the rows are counted in. Each run uses a fresh
browser context (cold cache), signed in by its session cookie; the requests of each run are
recorded (start and end on the same clock, GraphQL ones by operation name, with the server's
Server-Timing), and the page's own part is the time from the board's answer to its first rows.
"""

import json
import re
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .dataset import Dataset
from .server import REPO, Server
from .stats import median

if TYPE_CHECKING:
    from playwright.async_api import ViewportSize

DIST = REPO / "frontend" / "dist"
FIRST_SCREEN = DIST / "first-screen.json"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
]
ROW = "li.node[data-id]"
BOARD_QUERY = "Board"  # the operation name of the web app's `Q_BOARD`
TIMEOUT_MS = 120_000
VIEWPORT: "ViewportSize" = {"width": 1280, "height": 800}
OPERATION = re.compile(r"^\s*(?:query|mutation|subscription)\s+(\w+)")

# One poll per animation frame: [first rows, all rows] on the page's clock (performance.now())
# once all `n` are there; the first time the rows filled the window is kept on `window` meanwhile.
ROWS_JS = """([sel, n]) => {
  const rows = document.querySelectorAll(sel);
  const now = performance.now();
  if (rows.length && window.__benchFirstRows === undefined &&
      (rows.length >= n || rows[rows.length - 1].getBoundingClientRect().top >= innerHeight))
    window.__benchFirstRows = now;
  return rows.length >= n ? [window.__benchFirstRows, now] : false;
}"""


def js_size() -> dict[str, Any] | None:
    """The first screen's JS per language and the lazy chunks, gzipped, as the build weighs them."""
    if not FIRST_SCREEN.exists():
        return None
    sizes = json.loads(FIRST_SCREEN.read_text())
    langs = {
        lang: {"files": v["files"], "gzip_kib": v["gzipBytes"] / 1024}
        for lang, v in sizes["firstScreen"].items()
    }
    worst = max(langs, key=lambda lang: float(langs[lang]["gzip_kib"]))
    return {
        "languages": langs,
        "worst": worst,
        "gzip_kib": langs[worst]["gzip_kib"],
        "lazy_gzip_kib": sizes["lazy"]["gzipBytes"] / 1024,
        "lazy_files": len(sizes["lazy"]["files"]),
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


def _what(request: Any) -> str:
    """A GraphQL request by its operation name, anything else by its path."""
    path = request.url.split("?", 1)[0].split("/", 3)[-1]
    if request.method == "POST" and path == "graphql":
        try:
            found = OPERATION.match(json.loads(request.post_data or "{}").get("query", ""))
        except ValueError:
            found = None
        return found.group(1) if found else "graphql"
    return path


def _server_timing(headers: dict[str, str]) -> dict[str, float]:
    """`Server-Timing: app;dur=…, cpu;dur=…` (bench/probe.py) as {"app_ms": …, "cpu_ms": …}."""
    out = {}
    for part in headers.get("server-timing", "").split(","):
        name, _, dur = part.strip().partition(";dur=")
        if name and dur:
            out[f"{name}_ms"] = float(dur)
    return out


async def board_on_screen(ds: Dataset, server: Server, runs: int) -> dict[str, Any]:
    from playwright.async_api import async_playwright

    expected = ds.shown_at_open
    listed: dict[str, list[str]] = (
        {
            lang: v["files"]
            for lang, v in json.loads(FIRST_SCREEN.read_text())["firstScreen"].items()
        }
        if FIRST_SCREEN.exists()
        else {}
    )
    samples: list[dict[str, Any]] = []
    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            for _ in range(runs):
                ctx = await browser.new_context(viewport=VIEWPORT)
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
                    finished: list[Any] = []
                    sockets: list[float] = []
                    page.on("pageerror", lambda exc: errors.append(str(exc)))  # noqa: B023
                    page.on("requestfinished", lambda r: finished.append(r))  # noqa: B023
                    page.on("websocket", lambda _ws: sockets.append(time.time() * 1000))  # noqa: B023
                    await page.goto(f"{server.base}/board/{ds.cycle_gid}", wait_until="commit")
                    origin = float(await page.evaluate("performance.timeOrigin"))
                    handle = await page.wait_for_function(
                        ROWS_JS, arg=[ROW, expected], polling="raf", timeout=TIMEOUT_MS
                    )
                    first_ms, all_ms = (float(t) for t in await handle.json_value())
                    shown = await page.evaluate("document.documentElement.lang")
                    if errors:
                        raise RuntimeError(f"errors in the page: {errors[:3]}")
                    requests = []
                    for r in finished:
                        tm = r.timing
                        start = tm["startTime"] - origin
                        resp = await r.response()
                        requests.append(
                            {
                                "what": _what(r),
                                "start_ms": start,
                                "end_ms": start + tm["responseEnd"],
                                **_server_timing(resp.headers if resp else {}),
                            }
                        )
                    requests.sort(key=lambda r: r["start_ms"])
                    scripts = {
                        r["what"]
                        for r in requests
                        if r["what"].endswith(".js") and r["start_ms"] < first_ms
                    }
                    board = [r["end_ms"] for r in requests if r["what"] == BOARD_QUERY]
                    samples.append(
                        {
                            "first_ms": first_ms,
                            # the page's own part: the board's answer in → its first rows shown
                            "after_board_ms": first_ms - board[0] if board else None,
                            "all_ms": all_ms,
                            "lang": shown,
                            "requests": requests,
                            "other_js": sorted(scripts - set(listed.get(shown, []))),
                            "sockets_ms": [s - origin for s in sockets],
                        }
                    )
                finally:
                    await ctx.close()
        finally:
            await browser.close()
    mid = sorted(samples, key=lambda s: s["first_ms"])[len(samples) // 2]
    return {
        "size": ds.size,
        "rows": expected,
        "runs": runs,
        "median_ms": median([s["first_ms"] for s in samples]),
        "all_median_ms": median([s["all_ms"] for s in samples]),
        "after_board_median_ms": median(
            [s["after_board_ms"] for s in samples if s["after_board_ms"] is not None]
        ),
        "samples_ms": [s["first_ms"] for s in samples],
        "median_run": mid,
    }
