"""Finding things on a busy board, and the layout for the room's wall screen."""

from __future__ import annotations

from typing import Any

import pytest

from tests.e2e.helpers import COMPANY_ROW, open_board

pytestmark = pytest.mark.e2e


def visible_rows(page: Any) -> int:
    return page.locator(".node").count()


def test_filters_narrow_the_tree_and_keep_the_alignment(new_page: Any) -> None:
    page = new_page(width=1360, height=900)
    open_board(page)
    page.click("text=Expand all" if page.locator("text=Expand all").count() else "text=全部展开")
    everything = visible_rows(page)

    page.select_option(".board-filters select >> nth=2", "BEHIND")
    page.wait_for_function(f"document.querySelectorAll('.node').length < {everything}")
    statuses = page.eval_on_selector_all(".node", "rows => rows.map(r => r.dataset.status)")
    assert "BEHIND" in statuses
    # a row that is not behind is there only as the ancestor of one that is
    for row in page.locator(".node:not([data-status='BEHIND'])").all():
        assert row.locator(".node[data-status='BEHIND']").count() > 0
    assert page.locator(COMPANY_ROW).count() >= 1, "matches keep their aligned ancestors"

    page.click(".board-filters button:has-text('Clear'), .board-filters button:has-text('清除')")
    page.fill(".board-filters input[type=search]", "no objective is called this")
    page.wait_for_selector(".empty")
    assert visible_rows(page) == 0


def test_meeting_layout_hides_controls_and_enlarges_type(new_page: Any) -> None:
    page = new_page(width=1920, height=1080)
    open_board(page)
    before = page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)")
    page.click(".meeting-toggle")
    page.wait_for_function("document.documentElement.classList.contains('meeting')")
    after = page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)")
    assert after > before
    assert not page.locator(".board-filters").is_visible()
    assert page.locator(COMPANY_ROW).first.is_visible()
    page.keyboard.press("Escape")
    page.wait_for_function("!document.documentElement.classList.contains('meeting')")
    assert page.locator(".board-filters").is_visible()
