"""Accessibility (issue 16): axe-core finds no critical or serious fault on any page of the app,
in English and Chinese, on a desk and on a phone. One browser context per language × viewport
visits every page; the Chinese ones in dark mode, so that contrast is checked in both schemes.
The counts per page are printed in the terminal summary (tests/e2e/conftest.py)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.servers import REPO

from .helpers import ADMIN, Api, default_cycle, sign_in

pytestmark = pytest.mark.e2e

AXE = REPO / "frontend" / "node_modules" / "axe-core" / "axe.min.js"
Q_IDS = """query($c: ID!) { board(cycleId: $c) { id } meetings(cycleId: $c) { id } }"""
VIEWPORTS = {"desktop": (1280, 800), "phone": (390, 844)}
SIGNED_OUT = ["/", "/forgot"]
ADMIN_TABS = ["org", "teams", "people", "cycles", "objectives", "log"]
CYCLE_SCREENS = ["consensus", "scoring", "reviews", "report", "carry", "meetings", "dashboard"]
# the terminal summary's table: (language, viewport, path) → faults per impact
RESULTS: dict[tuple[str, str, str], dict[str, int]] = {}


def _signed_in_pages(api: Api) -> list[str]:
    cycle = default_cycle(api)
    ids = api(Q_IDS, {"c": cycle})
    objective = ids["board"][0]["id"]
    pages = ["/", f"/wall/{cycle}", f"/objective/{objective}", "/new"]
    pages += [f"/objective/{objective}/edit", "/me", "/cycles"]
    pages += [f"/cycle/{cycle}/{screen}" for screen in CYCLE_SCREENS]
    pages += [f"/meeting/{m['id']}" for m in ids["meetings"][:1]]
    pages += ["/settings/notifications", "/settings/webhooks", "/security"]
    pages += ["/admin" + ("" if tab == "org" else f"/{tab}") for tab in ADMIN_TABS]
    return [*pages, "/admin/sso", "/admin/import"]


def _settled(page: Any) -> None:
    """The page's main region is there and nothing in it is still loading."""
    page.wait_for_selector("main#main:not(.boot)")
    page.wait_for_function("!document.querySelector('#main .loading')")
    page.wait_for_timeout(150)  # let the last paint (bars gliding in) settle


def _audit(page: Any, lang: str, viewport: str, path: str) -> list[str]:
    page.add_script_tag(path=str(AXE))
    violations = page.evaluate(
        """async () => (await axe.run(document, {resultTypes: ['violations']})).violations
          .map((v) => ({id: v.id, impact: v.impact,
            nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')), count: v.nodes.length,
            why: v.nodes[0].failureSummary.split('\\n').slice(1, 2).join(' ')}))"""
    )
    counts = {"critical": 0, "serious": 0, "moderate": 0, "minor": 0}
    for v in violations:
        counts[v["impact"]] += v["count"]
    RESULTS[(lang, viewport, path)] = counts
    return [
        f"{lang} {viewport} {path}: {v['impact']} {v['id']} ×{v['count']} {v['nodes']} {v['why']}"
        for v in violations
        if v["impact"] in ("critical", "serious")
    ]


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
@pytest.mark.parametrize("lang", ["en", "zh-CN"])
def test_no_serious_accessibility_faults(
    new_page: Any, live_server: str, lang: str, viewport: str
) -> None:
    width, height = VIEWPORTS[viewport]
    page = new_page(width=width, height=height, mobile=viewport == "phone")
    if lang == "zh-CN":
        page.emulate_media(color_scheme="dark")
    page.add_init_script(f"localStorage.setItem('lodestar.lang', '{lang}')")
    faults: list[str] = []
    for path in SIGNED_OUT:
        page.goto(path)
        page.wait_for_selector("#signin-email" if path == "/" else "main#main form")
        _settled(page)
        faults += _audit(page, lang, viewport, "sign-in" if path == "/" else path)
    page.goto("/")
    sign_in(page, *ADMIN)
    page.wait_for_selector(".node")
    for path in _signed_in_pages(Api(live_server, ADMIN)):
        page.goto(path)
        _settled(page)
        faults += _audit(page, lang, viewport, path)
    assert not faults, "\n".join(faults)
