"""The board, as a person sees it: sign in, read the alignment tree, on a desk and on a phone."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.e2e.helpers import COMPANY_ROW, open_board, sign_in

pytestmark = pytest.mark.e2e


def test_sign_in_shows_the_aligned_board(new_page: Any, screenshot_dir: Path | None) -> None:
    page = new_page(width=1360, height=900)
    page.goto("/")

    # A wrong password is refused with the server's message next to the form.
    sign_in(page, password="not-the-password")
    error = page.locator("#signin-error")
    error.locator("span").last.wait_for()
    assert error.inner_text().strip()
    assert page.locator("#signin-password[aria-invalid='true']").count() == 1
    assert page.locator(COMPANY_ROW).count() == 0

    sign_in(page)
    company = page.locator(COMPANY_ROW).first
    company.wait_for()
    assert page.locator("#cycle-select").input_value()

    # The company objective has aligned children nested under it, shown one level deeper.
    if company.locator(":scope > .row .toggle").get_attribute("aria-expanded") != "true":
        company.locator(":scope > .row .toggle").click()
    children = company.locator(":scope > ul.children > li.node")
    assert children.count() >= 1
    assert children.first.get_attribute("data-depth") == "1"
    assert children.first.get_attribute("data-level") in {"TEAM", "PERSONAL"}

    # Every visible row has a progress bar with a percentage and a status word.
    rows = page.locator(".node > .row")
    bars = page.locator(".node > .row [role='progressbar']")
    assert rows.count() >= 2
    assert bars.count() == rows.count()
    assert bars.first.is_visible()
    assert bars.first.locator(".bar-fill").bounding_box() is not None
    now = bars.first.get_attribute("aria-valuenow")
    assert now is not None and 0 <= int(now) <= 100
    assert company.locator(":scope > .row .progress-value").inner_text().strip().endswith("%")
    assert company.locator(":scope > .row .badge-word").inner_text().strip()

    # Collapse all hides the children; expand all brings them back.
    page.click(".collapse-all")
    assert company.locator(":scope > ul.children").count() == 0
    page.click(".expand-all")
    assert company.locator(":scope > ul.children > li.node").count() >= 1

    # A click on the row shows its key results inline.
    kr_toggle = company.locator(":scope > .row .kr-toggle")
    company.locator(":scope > .row .title").click()
    assert kr_toggle.get_attribute("aria-expanded") == "true"
    assert company.locator(":scope > .krs").is_visible()
    if company.locator(":scope > .krs .kr").count():
        assert company.locator(":scope > .krs .kr [role='progressbar']").first.is_visible()

    if screenshot_dir is not None:
        kr_toggle.click()  # the committed screenshot shows the tree, key results closed
        page.mouse.move(0, 0)
        page.wait_for_timeout(700)  # let the bars finish gliding
        page.screenshot(path=str(screenshot_dir / "board-desktop.png"), full_page=True)


def test_phone_has_no_horizontal_scroll(new_page: Any, screenshot_dir: Path | None) -> None:
    page = new_page(width=390, height=844, mobile=True)
    open_board(page)
    if screenshot_dir is not None:
        page.mouse.move(0, 0)
        page.wait_for_timeout(700)  # let the bars finish gliding
        page.screenshot(path=str(screenshot_dir / "board-phone.png"))
    assert page.locator(".tree").is_visible()
    assert page.locator(COMPANY_ROW).first.is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390

    # Still no sideways scroll with the whole tree and some key results open.
    page.click(".expand-all")
    page.locator(f"{COMPANY_ROW} > .row .title").first.click()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390

    # Touch targets are at least 44 px tall.
    for selector in (".toggle", ".kr-toggle", ".sign-out", ".lang-switch", "#cycle-select"):
        box = page.locator(selector).first.bounding_box()
        assert box is not None and box["height"] >= 44, (selector, box)


def test_language_switch(new_page: Any) -> None:
    # navigator.language zh-CN → the sign-in page opens in Chinese.
    page = new_page(locale="zh-CN")
    page.goto("/")
    heading = page.locator(".signin-title")
    heading.wait_for()
    assert page.evaluate("document.documentElement.lang") == "zh-CN"
    assert heading.inner_text() == "登录"

    page.locator(".lang-switch").click()  # the other dictionary loads on demand
    expect(heading).to_have_text("Sign in")
    assert page.evaluate("document.documentElement.lang") == "en"

    # The choice made on this device survives signing in (over the server-side locale).
    sign_in(page)
    page.wait_for_selector(COMPANY_ROW)
    sign_out = page.locator(".sign-out")
    assert sign_out.inner_text() == "Sign out"

    page.locator(".lang-switch").click()
    expect(sign_out).to_have_text("退出登录")
    assert page.locator("label[for='cycle-select']").inner_text() == "周期"

    # …and a reload.
    page.reload()
    page.wait_for_selector(COMPANY_ROW)
    assert page.locator(".sign-out").inner_text() == "退出登录"
    assert page.evaluate("document.documentElement.lang") == "zh-CN"

    page.locator(".sign-out").click()
    page.locator(".signin-title").wait_for()
    assert page.locator(".signin-title").inner_text() == "登录"
