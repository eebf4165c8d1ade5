"""Check-ins people can trust (issue 16), in Chromium: an implausible value asks "are you sure?"
before it is sent; its author corrects it, then withdraws the correction, from the objective
page's history — both stay there, marked — and a second browser's board follows each step live."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.e2e.test_live import ADMIN, ZHANGSAN, open_board, pct, pick_key_result, wait_pct

pytestmark = pytest.mark.e2e


def test_confirm_correct_and_withdraw_while_another_board_follows(
    new_page: Any, screenshot_dir: Path | None
) -> None:
    watcher = new_page()  # 张三 on the board, in Chinese
    open_board(watcher, ZHANGSAN)
    writer = new_page()  # the admin, in English
    open_board(writer, ADMIN, lang="en")
    objective_id, kr = pick_key_result(writer, watcher)
    before = pct(watcher, objective_id)
    start, target = kr["startValue"], kr["targetValue"]
    typo = target + 10 * (target - start)  # a slip of the finger: far past the target
    writer.goto(f"/objective/{objective_id}")
    card = writer.locator(f".kr-card[data-kr-id='{kr['id']}']")

    # the sheet asks before sending an implausible value; nothing is sent until confirmed
    card.locator(".checkin-btn").click()
    sheet = writer.locator("dialog.sheet[open]")
    writer.fill("#ci-value", str(typo))
    sheet.locator(".sheet-submit").click()
    doubt = sheet.locator(".checkin-doubt")
    doubt.wait_for()
    assert "far outside" in doubt.inner_text()
    if screenshot_dir is not None:
        sheet.screenshot(path=str(screenshot_dir / "check-in-confirm.png"))
    assert sheet.locator(".sheet-submit").inner_text().startswith("Yes, send")
    writer.wait_for_timeout(300)
    assert pct(watcher, objective_id) == before
    sheet.locator(".sheet-submit").click()
    writer.wait_for_selector("dialog.sheet", state="detached")
    wait_pct(watcher, objective_id, differs=before)
    over = pct(watcher, objective_id)

    # the author corrects it: the original stays, struck through and marked
    history = card.locator("details.history")
    history.locator("summary").click()
    newest = history.locator("li").first
    newest.get_by_role("button", name="Correct the check-in").click()
    newest.locator("input.num").fill(str(typo))  # the correction asks too
    newest.get_by_role("button", name="Save correction").click()
    newest.locator(".checkin-doubt").wait_for()
    fixed = (start + target) / 2
    newest.locator("input.num").fill(str(fixed))
    assert newest.locator(".checkin-doubt").count() == 0
    newest.get_by_role("button", name="Save correction").click()
    corrected = history.locator("li.history-retracted")
    corrected.wait_for()
    assert "Corrected by" in corrected.inner_text()
    assert corrected.locator("s.history-value").count() == 1
    wait_pct(watcher, objective_id, differs=over)
    assert pct(watcher, objective_id) not in (before, over)

    # …then withdraws the correction: the key result stands where it stood before
    standing = history.locator("li:not(.history-retracted)").first
    standing.get_by_role("button", name="Withdraw the check-in").click()
    standing.locator("input").fill("wrong key result")
    standing.get_by_role("button", name="Withdraw check-in").click()
    withdrawn = history.locator("li.history-retracted", has_text="wrong key result")
    withdrawn.wait_for()
    assert "Withdrawn by" in withdrawn.inner_text()
    assert history.locator("li.history-retracted").count() == 2
    wait_pct(watcher, objective_id, equals=before)
    if screenshot_dir is not None:
        history.screenshot(path=str(screenshot_dir / "check-in-history-corrected.png"))
