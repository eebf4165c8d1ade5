"""Rough edges of daily use (issue 16) in Chromium: long text shows "n / max" near the server's
limit and the limit is the server's; the phone navigation never covers the bell in English; the
cycle picker fits at 360 px; the editor has no empty gap between owner and alignment; publishing
says so once."""

from __future__ import annotations

import time
from typing import Any

import pytest

from tests.e2e.helpers import ADMIN, Api, make_objective, sign_in

pytestmark = pytest.mark.e2e

BOX = "(el) => { const r = el.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; }"


def signed_in_at(page: Any, path: str) -> None:
    page.add_init_script("localStorage.setItem('lodestar.lang', 'en')")  # the admin's own is zh
    page.goto(path)
    sign_in(page)


def overlap(a: list[float], b: list[float], slack: float = 0.5) -> bool:
    """Whether two boxes share more than `slack` px each way (layout rounds to sub-pixels)."""
    return (
        a[0] + slack < b[2] and b[0] + slack < a[2] and a[1] + slack < b[3] and b[1] + slack < a[3]
    )


def test_long_text_counts_toward_the_servers_limit(new_page: Any) -> None:
    page = new_page()
    signed_in_at(page, "/new")
    title = page.locator("#obj-title")
    title.wait_for()
    assert title.get_attribute("maxlength") == "200"
    assert page.locator("#obj-description").get_attribute("maxlength") == "5000"

    title.fill("x" * 159)  # under 80 %: no counter
    assert page.locator("#obj-title-count").count() == 0
    title.fill("x" * 160)
    count = page.locator("#obj-title-count")
    assert count.inner_text() == "160 / 200"
    assert "obj-title-count" in (title.get_attribute("aria-describedby") or "")
    assert "at-limit" not in (count.get_attribute("class") or "")

    title.fill("y" * 250)  # pasted too long: the limit is shown, not silently applied
    assert len(title.input_value()) == 200
    assert count.inner_text() == "200 / 200"
    assert "at-limit" in (count.get_attribute("class") or "")
    assert count.is_visible()


@pytest.mark.parametrize("width", [390, 360])
def test_phone_navigation_leaves_the_bell_and_the_cycle_picker_room(
    new_page: Any, width: int
) -> None:
    page = new_page(width=width, height=800, mobile=True)
    signed_in_at(page, "/")
    page.wait_for_selector(".node[data-level='COMPANY']")
    links = page.locator(".app-nav .nav-link")
    assert links.count() == 5  # Board, My OKRs, New, Dashboard, Admin
    bell = page.locator(".app-nav .bell").evaluate(BOX)
    strip = page.locator(".app-nav ul").evaluate(BOX)  # what the links are drawn in (clipped)
    assert not overlap(strip, bell), (strip, bell)
    if width >= 390:  # all five in view, none scrolled away
        assert page.eval_on_selector(".app-nav ul", "u => u.scrollWidth <= u.clientWidth")
    assert strip[0] >= 0 and bell[2] <= width, (strip, bell)
    for i in range(links.count()):
        links.nth(i).scroll_into_view_if_needed()  # the last ones may scroll beside the bell
        box = links.nth(i).evaluate(BOX)
        assert strip[0] <= box[0] and box[2] <= strip[2] + 0.5, (links.nth(i).inner_text(), box)
        assert not overlap(box, bell), (links.nth(i).inner_text(), box, bell)

    picker = page.locator("#cycle-select").evaluate(BOX)
    assert picker[0] >= 0 and picker[2] <= width, picker
    overflow = page.evaluate("document.documentElement.scrollWidth")
    assert overflow <= width


@pytest.mark.parametrize("width", [1280, 360])
def test_no_empty_gap_between_owner_and_alignment(new_page: Any, width: int) -> None:
    page = new_page(width=width, height=900, mobile=width < 600)
    signed_in_at(page, "/new")
    page.wait_for_selector(".align-picker")
    page.wait_for_timeout(200)  # the people and teams have loaded
    align = page.locator(".align-picker").evaluate(BOX)
    # the lowest thing drawn in the grid of cycle/level/team/owner/visibility
    drawn = page.eval_on_selector_all(
        ".editor-grid input, .editor-grid select",
        "els => Math.max(...els.map((e) => e.getBoundingClientRect().bottom))",
    )
    assert 0 <= align[1] - drawn <= 24, (drawn, align)
    picker = page.locator(".obj-owner .person-picker").evaluate(BOX)
    field = page.locator("#obj-owner").evaluate(BOX)
    assert picker[3] - field[3] <= 1, (picker, field)  # no empty height under the owner


def test_publishing_says_so_once(new_page: Any, live_server: str) -> None:
    api = Api(live_server, ADMIN)
    oid, _ = make_objective(
        api,
        f"Polish: one confirmation {int(time.time())}",
        [
            {
                "title": "Pilots signed",
                "kind": "INCREASE",
                "startValue": 0,
                "targetValue": 5,
                "weight": 100,
            }
        ],
    )
    page = new_page()
    signed_in_at(page, f"/objective/{oid}/edit")
    page.locator(".publish-btn").click()
    page.wait_for_selector(".publish .inline-ok")
    page.wait_for_timeout(500)  # the reload after publishing has landed
    notices = page.locator("main .inline-notice:visible")
    assert notices.count() == 1, notices.all_inner_texts()
    assert notices.inner_text().strip().endswith("Published: it is on the board now.")
    assert page.locator(".publish-btn").count() == 0
