"""Accessibility (issue 16): axe-core finds no critical or serious fault on any page of the app,
in English and Chinese, on a desk and on a phone. One browser context per language × viewport
visits every page; the Chinese ones in dark mode, so that contrast is checked in both schemes.
The counts per page are printed in the terminal summary (tests/e2e/conftest.py)."""

from __future__ import annotations

import time
from typing import Any

import pytest

from tests.servers import REPO

from .helpers import ADMIN, COMPANY_ROW, EMILY, Api, default_cycle, make_objective, sign_in

pytestmark = pytest.mark.e2e

AXE = REPO / "frontend" / "node_modules" / "axe-core" / "axe.min.js"
Q_IDS = """query($c: ID!) { board(cycleId: $c) { id } meetings(cycleId: $c) { id } }"""
Q_KR = """query($id: ID!) { objective(id: $id) { keyResults { currentValue } } }"""
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


FOCUSED_ROW = "document.activeElement.closest('.node')?.dataset.id"


def _focused_heading(page: Any) -> None:
    page.wait_for_function("document.activeElement?.matches('#main h1')")


def test_keyboard_board_focus_and_check_in(new_page: Any, live_server: str) -> None:
    emily = Api(live_server, EMILY)
    title = f"מכירות Q3 {time.time_ns()}"  # a right-to-left title among English words
    kr = {"title": "Demos", "kind": "INCREASE", "startValue": 0, "targetValue": 10, "weight": 100}
    oid, (kr_id,) = make_objective(emily, title, [kr])
    page = new_page()
    page.add_init_script("localStorage.setItem('lodestar.lang', 'en')")
    page.goto("/")
    sign_in(page, *EMILY)
    page.wait_for_selector(COMPANY_ROW)
    _focused_heading(page)  # after signing in, focus is on the board's heading

    # the names and titles people type are isolated from the text around them
    row = page.locator(f".node[data-id='{oid}'] > .row")
    assert row.locator(".title").evaluate("e => e.tagName") == "BDI"
    assert row.locator(".title").inner_text() == title
    assert row.locator(".owner-name").evaluate("e => e.tagName") == "BDI"

    # one tab stop per row: the row, not the controls in it
    page.click(".collapse-all")
    company = page.locator(f"{COMPANY_ROW} > .row").first
    company_id = page.locator(COMPANY_ROW).first.get_attribute("data-id")
    assert company.get_attribute("tabindex") == "0"
    assert company.locator("button, a").evaluate_all("els => els.every(e => e.tabIndex === -1)")
    company.focus()
    page.keyboard.press("ArrowRight")  # opens the aligned objectives
    assert company.locator(".toggle").get_attribute("aria-expanded") == "true"
    page.keyboard.press("ArrowDown")  # to the first child row
    child = page.evaluate(FOCUSED_ROW)
    assert child != company_id
    assert page.locator(f".node[data-id='{child}']").get_attribute("data-depth") == "1"
    page.keyboard.press("ArrowUp")
    assert page.evaluate(FOCUSED_ROW) == company_id
    page.keyboard.press("Tab")  # Tab, too, goes to the next row
    assert page.evaluate(FOCUSED_ROW) == child
    page.keyboard.press("ArrowLeft")  # a child without anything open: back to its parent
    assert page.evaluate(FOCUSED_ROW) == company_id
    page.keyboard.press("ArrowRight")  # already open: shows the key results
    assert company.locator(".kr-toggle").get_attribute("aria-expanded") == "true"
    page.keyboard.press("ArrowLeft")  # closes them…
    assert company.locator(".kr-toggle").get_attribute("aria-expanded") == "false"
    page.keyboard.press("ArrowLeft")  # …then the children
    assert company.locator(".toggle").get_attribute("aria-expanded") == "false"
    page.keyboard.press(" ")
    assert company.locator(".kr-toggle").get_attribute("aria-expanded") == "true"

    # Enter opens the objective; its page takes the focus to its heading
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/objective/{company_id}")
    _focused_heading(page)
    assert page.evaluate("document.activeElement.className").startswith("obj-title")

    # a link of the navigation: the same
    page.locator("a[href='/me']").first.click()
    page.wait_for_url("**/me")
    _focused_heading(page)
    assert page.evaluate("document.activeElement.textContent") == "My OKRs"

    # Ctrl+Enter sends a check-in from the note
    card = page.locator(f".me-kr[data-kr-id='{kr_id}']")
    card.locator(".checkin-btn").click()
    page.locator("dialog.sheet[open]").wait_for()
    page.fill("#ci-value", "4")
    page.fill("#ci-note", "Four demos")
    page.focus("#ci-note")
    page.keyboard.press("Control+Enter")
    page.wait_for_selector("dialog.sheet", state="detached")
    krs = emily(Q_KR, {"id": oid})["objective"]["keyResults"]
    assert krs[0]["currentValue"] == 4
