"""Work under the OKRs, as two people see it in two browsers: A mentions 张三 in a comment,
chosen from the @-autocomplete by pinyin initials; 张三's bell goes up without a reload, and
the notification opens the objective on that very comment. Then a task A creates and ticks
off shows up, and turns DONE, on 张三's open page by itself."""

from __future__ import annotations

import re
import time
from typing import Any

import pytest

from .test_board import sign_in

pytestmark = pytest.mark.e2e

ZHANGSAN = ("zhangsan@example.com", "lodestar")  # DESIGN.md §5: every demo person's password
COMPANY_ROW = ".node[data-level='COMPANY']"


BADGE = "Number((document.querySelector('.bell-badge') || {}).textContent || 0)"


def badge(page: Any) -> int:
    return int(page.evaluate(BADGE))


def test_mention_notifies_live_and_tasks_follow(new_page: Any) -> None:
    a = new_page()
    b = new_page(width=390, height=844, mobile=True)  # 张三 is on a phone
    a.goto("/")
    sign_in(a)
    b.goto("/")
    sign_in(b, *ZHANGSAN)
    a.wait_for_selector(COMPANY_ROW)
    b.wait_for_selector(COMPANY_ROW)
    # 张三 starts with nothing unread: the notification centre's "mark all read".
    b.click(".bell")
    b.wait_for_selector("#inbox .notes, #inbox .notes-none")
    if badge(b):
        b.click("#inbox .inbox-head button:not([disabled])")
    b.wait_for_function(f"{BADGE} === 0")
    assert b.locator("#inbox .note.unread").count() == 0
    b.keyboard.press("Escape")
    assert b.locator("#inbox").count() == 0

    # A opens a company objective (everyone can see those) and writes in its thread.
    a.locator(f"{COMPANY_ROW} .open-objective").first.click()
    page_el = a.locator("main.objective-page")
    page_el.wait_for()
    objective_id = page_el.get_attribute("data-id")
    assert objective_id
    token = f"e2e-{int(time.time() * 1000)}"
    box = a.locator(f".thread[data-target='{objective_id}'] textarea")
    box.click()
    box.press_sequentially("请 @zs")
    option = a.locator(".people-list [role='option']", has_text="张三")
    option.wait_for()
    assert box.get_attribute("aria-expanded") == "true"
    box.press("Enter")  # the highlighted (first) match: keyboard, as on a desk
    assert box.input_value() == "请 @张三 "  # shown by name, as people read it
    assert a.locator(".people-list").count() == 0
    # an @ that names nobody is marked before sending, and unmarked once fixed
    box.press_sequentially("和 @nobodyhere")
    marked = a.locator(".mention-problems .mention-unresolved", has_text="@nobodyhere")
    marked.wait_for()
    for _ in "和 @nobodyhere":
        box.press("Backspace")
    a.locator(".mention-problems").wait_for(state="detached")
    box.press_sequentially(f"看一下 {token}")
    a.locator(f".thread[data-target='{objective_id}'] .comment-form button[type=submit]").click()
    mine = a.locator(".comment", has_text=token)
    mine.wait_for()
    mention = mine.locator("a.mention")
    assert mention.inner_text() == "@张三"
    assert mine.locator(".comment-body").inner_text() == f"请 @张三 看一下 {token}"
    comment_id = mine.get_attribute("id")
    assert comment_id and comment_id.startswith("cmt_")

    # 张三's badge goes up by itself (no reload), then the notification leads to the comment.
    b.wait_for_function(f"{BADGE} > 0")
    assert badge(b) == 1
    b.click(".bell")
    note = b.locator(".note.unread[data-kind='MENTION']", has_text=token)
    note.wait_for()
    assert f"请 @张三 看一下 {token}" in note.inner_text()  # the notification reads the same
    note.locator(".note-link").click()
    target = b.locator(f"#{comment_id}")
    target.wait_for()
    b.wait_for_url(re.compile(rf"/objective/{objective_id}#"))
    b.wait_for_function(
        "id => document.getElementById(id).classList.contains('target')", arg=comment_id
    )
    b.wait_for_timeout(600)  # the smooth scroll
    assert target.is_visible()
    box_b = target.bounding_box()
    assert box_b is not None and 0 <= box_b["y"] < 844
    assert target.locator("a.mention").inner_text() == "@张三"
    b.wait_for_function(f"{BADGE} === 0")  # opening it marked it read

    # A adds a task to the objective and ticks it off: 张三's open page follows without a reload.
    title = f"Task {token}"
    a.fill("#new-task-obj", title)
    a.press("#new-task-obj", "Enter")
    row_a = a.locator("[data-list='objective'] .task", has_text=title)
    row_a.wait_for()
    row_b = b.locator("[data-list='objective'] .task", has_text=title)
    row_b.wait_for()
    assert row_b.get_attribute("data-status") == "TODO"
    row_a.locator(".task-check").click()
    a.wait_for_selector(f"[data-list='objective'] .task[data-status='DONE']:has-text('{title}')")
    b.wait_for_selector(f"[data-list='objective'] .task[data-status='DONE']:has-text('{title}')")
    assert row_b.locator(".task-check").get_attribute("aria-pressed") == "true"
