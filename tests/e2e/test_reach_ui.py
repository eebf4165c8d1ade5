"""The reach screens in the browser (issue 14): the managers' dashboard on a desktop and on a
390×844 phone in dark mode — every figure drawn, a bar opening the list it counts (and its CSV
holding the same rows), a person's own dashboard one tap away; a person's notification
preferences and mute saved and read back; a team robot added, sent a test message that a local
Feishu receiver accepts with its signature, paused, resumed, edited and deleted."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.reach_servers import SECRET, Receivers

from .test_board import sign_in

pytestmark = pytest.mark.e2e

ADMIN = ("admin@example.com", "lodestar")  # DESIGN.md §5: every demo person's password
EMILY = ("emily@example.com", "lodestar")
COMPANY_ROW = ".node[data-level='COMPANY']"
FIGURES = ["progress", "status", "freshness", "alignment", "scores", "timeline", "movers"]

CSV_TEXT = """async (href) => {
  const res = await fetch(href, { credentials: 'same-origin' });
  return [res.status, res.headers.get('content-type'), await res.text()];
}"""


def signed_in(page: Any, who: tuple[str, str], lang: str = "en") -> None:
    # a language chosen on this device wins over the person's own (the admin's is Chinese)
    page.add_init_script(f"localStorage.setItem('lodestar.lang', '{lang}')")
    page.goto("/")
    sign_in(page, *who)
    page.wait_for_selector(COMPANY_ROW)


def open_dashboard(page: Any) -> None:
    page.locator(".app-nav a.nav-link", has_text="Dashboard").click()
    page.wait_for_url("**/cycle/*/dashboard")
    for figure in FIGURES:
        page.locator(f".dash-figure[data-figure='{figure}']").wait_for()


def drill_count(page: Any) -> int:
    return int(page.locator(".drill .drill-list > li").count())


def test_the_dashboard_on_a_desktop(new_page: Any, screenshot_dir: Path | None) -> None:
    page = new_page(width=1280, height=1900)
    signed_in(page, ADMIN)
    open_dashboard(page)
    objectives = int(page.locator("[data-kpi='objectives'] .dash-kpi-value").inner_text())
    assert objectives > 0
    if screenshot_dir is not None:  # the README's: the whole company at a glance
        page.screenshot(path=str(screenshot_dir / "dashboard.png"))

    # the objectives counted, as a list
    page.locator("[data-kpi='objectives']").click()
    page.locator(".dash-objectives .drill").wait_for()
    assert drill_count(page) == objectives
    page.locator(".dash-objectives .drill").get_by_role("button", name="Close").click()
    assert page.locator(".drill").count() == 0

    # the progress distribution: ten columns that add up to the objectives counted
    progress = page.locator(".dash-progress .dash-col")
    assert progress.count() == 10
    counts = [int(c) for c in progress.locator(".dash-count").all_text_contents()]
    assert sum(counts) == objectives
    # the tallest column opens its objectives under the chart, focus on the list's heading
    tallest = counts.index(max(counts))
    progress.nth(tallest).click()
    drill = page.locator(".dash-progress .drill")
    drill.wait_for()
    assert drill_count(page) == counts[tallest]
    page.wait_for_function("document.activeElement && document.activeElement.id === 'drill-title'")
    # its CSV holds the same objectives: one row each under the header
    href = drill.locator("a.dash-csv").get_attribute("href")
    assert href and "figure=PROGRESS" in href and "bucket=" in href
    status, kind, text = page.evaluate(CSV_TEXT, href)
    assert status == 200 and kind.startswith("text/csv")
    assert len([line for line in text.splitlines() if line.strip()]) == counts[tallest] + 1
    first = drill.locator(".obj-link-title").first.inner_text()
    assert first in text

    # the status bars: each word with its count; "Behind" opens its objectives, each marked so
    behind = page.locator(".dash-status .dash-bar[data-bucket='BEHIND']")
    assert "Behind" in behind.inner_text()
    n = int(behind.locator(".dash-bar-count").inner_text())
    behind.click()
    page.locator(".dash-status .drill").wait_for()
    assert drill_count(page) == n
    assert page.locator(".dash-status .drill .badge.status-BEHIND").count() == n
    # the progress distribution's list closed when another opened
    assert page.locator(".dash-progress .drill").count() == 0

    # the numbers as a table too (what a screen reader reads); its buttons drill down alike
    page.locator(".dash-scores .dash-table summary").click()
    rows = page.locator(".dash-scores .dash-table tbody tr")
    assert rows.count() == 11
    # the timeline: the expected line, and the actual one up to now
    assert page.locator(".dash-timeline polyline.dash-expected").count() == 1
    assert page.locator(".dash-timeline polyline.dash-actual").count() == 1
    label = page.locator(".dash-timeline svg").get_attribute("aria-label")
    assert label and "expected" in label

    # a small team's dashboard counts fewer objectives
    team = page.locator("#dash-team option").last
    team_name = team.inner_text().strip()
    page.select_option("#dash-team", team.get_attribute("value"))
    page.wait_for_url("**/dashboard?team=*")
    page.get_by_text(f"{team_name} and its sub-teams").wait_for()
    assert int(page.locator("[data-kpi='objectives'] .dash-kpi-value").inner_text()) < objectives


def test_the_dashboard_on_a_phone_in_dark_mode(new_page: Any) -> None:
    phone = new_page(width=390, height=844, mobile=True)
    phone.emulate_media(color_scheme="dark")
    signed_in(phone, ADMIN, "zh-CN")
    phone.locator(".app-nav a.nav-link", has_text="数据看板").click()
    phone.locator(".dash-figure[data-figure='freshness']").wait_for()
    # nothing wider than the screen; the charts fit it
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    for figure in FIGURES:
        box = phone.locator(f".dash-figure[data-figure='{figure}']").bounding_box()
        assert box and box["width"] <= 390 and box["height"] > 80, figure
    # the charts' text is painted in the dark theme's light text colour, not the light theme's
    fill = phone.eval_on_selector(".dash-count", "el => getComputedStyle(el).fill")
    assert fill == "rgb(229, 232, 236)"
    # who has gone quiet: a bar opens the people, each leading to their own dashboard
    bars = phone.locator(".dash-freshness .dash-bar")
    assert bars.count() == 3
    counts = [int(c) for c in bars.locator(".dash-bar-count").all_inner_texts()]
    first = next(i for i, c in enumerate(counts) if c)
    bars.nth(first).tap()
    drill = phone.locator(".dash-freshness .drill")
    drill.wait_for()
    assert drill_count(phone) == counts[first]
    person = drill.locator(".drill-main a").first
    name = person.inner_text()
    box = bars.nth(first).bounding_box()
    assert box and box["height"] >= 44  # thumb-sized
    person.tap()
    phone.wait_for_url("**/dashboard?owner=*")
    phone.locator(".dash-asof").get_by_text(name).wait_for()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390


def test_notification_preferences_are_saved(new_page: Any) -> None:
    page = new_page()
    signed_in(page, EMILY)
    page.goto("/settings/notifications")
    warning_im = page.locator("tr[data-topic='WARNING'] input[data-channel='IM']")
    reminder_app = page.locator("tr[data-topic='REMINDER'] input[data-channel='IN_APP']")
    warning_im.wait_for()
    assert warning_im.is_checked() and reminder_app.is_checked()  # everything on by default
    warning_im.uncheck()
    reminder_app.uncheck()
    page.check("#prefs-mute")
    page.fill("#prefs-mute-until", page.eval_on_selector("#prefs-mute-until", "el => el.min"))
    page.get_by_role("button", name="Save").click()
    page.get_by_text("Saved.").wait_for()
    # read back from the server
    page.reload()
    warning_im.wait_for()
    assert not warning_im.is_checked() and not reminder_app.is_checked()
    assert page.locator("tr[data-topic='WARNING'] input[data-channel='IN_APP']").is_checked()
    assert page.is_checked("#prefs-mute")
    page.locator(".prefs-muted").get_by_text("Muted through").wait_for()
    # unmuted and on again: the next person using the demo finds it as it was
    warning_im.check()
    reminder_app.check()
    page.uncheck("#prefs-mute")
    page.get_by_role("button", name="Save").click()
    page.get_by_text("Saved.").wait_for()
    assert page.locator(".prefs-muted").count() == 0


@pytest.fixture(scope="module")
def robots() -> Iterator[Receivers]:
    """The robots' local receivers, served from an event loop of their own in a thread."""
    loop = asyncio.new_event_loop()
    thread = threading.Thread(target=loop.run_forever, daemon=True)
    thread.start()
    receivers = asyncio.run_coroutine_threadsafe(Receivers().start(), loop).result(10)
    try:
        yield receivers
    finally:
        asyncio.run_coroutine_threadsafe(receivers.stop(), loop).result(10)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(5)


def test_a_team_robot_gets_a_signed_test_message(new_page: Any, robots: Receivers) -> None:
    feishu = robots.robots["FEISHU"]
    robots.reset()
    page = new_page()
    signed_in(page, ADMIN)
    page.goto("/settings/notifications")
    page.get_by_role("link", name="Team chat robots").click()
    page.wait_for_url("**/settings/webhooks")
    page.select_option("#hook-kind", "FEISHU")
    page.fill("#hook-url", robots.url("FEISHU"))
    page.fill("#hook-secret", SECRET)
    page.fill("#hook-name", "Robot of the e2e test")
    page.get_by_role("button", name="Add robot").click()
    hook = page.locator(".hook", has_text="Robot of the e2e test")
    hook.wait_for()
    assert hook.get_attribute("data-state") == "ACTIVE"
    assert feishu.token not in hook.inner_text()  # the address is not shown again
    assert "Signed" in hook.inner_text()

    hook.get_by_role("button", name="Send test message").click()
    hook.get_by_text("Test message delivered").wait_for()
    assert feishu.refused == []  # the receiver checked the signature and the payload's shape
    assert len(feishu.received) == 1
    assert feishu.received[0]["msg_type"] == "post"

    hook.get_by_role("button", name="Pause").click()
    page.locator(".hook[data-state='PAUSED']", has_text="Robot of the e2e test").wait_for()
    hook.get_by_role("button", name="Resume").click()
    page.locator(".hook[data-state='ACTIVE']", has_text="Robot of the e2e test").wait_for()

    # renamed, posting warnings only; the address and the secret kept (left empty)
    hook.get_by_role("button", name="Edit").click()
    hook.locator("input[name$='-name']").fill("Renamed robot")
    hook.get_by_label("Weekly check-in nudge").uncheck()
    hook.get_by_role("button", name="Save").click()
    hook = page.locator(".hook", has_text="Renamed robot")
    hook.wait_for()
    assert "Weekly check-in nudge" not in hook.locator(".hook-facts").inner_text()
    assert "Signed" in hook.inner_text()

    hook.get_by_role("button", name="Delete").click()
    hook.locator(".hook-delete-yes").click()
    hook.wait_for(state="detached")
    page.reload()
    page.locator(".hook-form").wait_for()
    assert page.locator(".hook", has_text="Renamed robot").count() == 0


def test_a_member_without_a_team_to_lead_is_told_who_sets_robots_up(new_page: Any) -> None:
    page = new_page()
    signed_in(page, EMILY)
    page.goto("/settings/webhooks")
    page.get_by_text("Only admins and team leads set up robots.").wait_for()
    assert page.locator(".hook-form").count() == 0
