"""Writing hints in the browser: the editor lints a key result's title as it is typed (the
words at fault underlined, the hint tied to the field, in the UI's language, at most one
request per 300 ms, never in the way of saving), and the board marks the owner's own rows."""

from __future__ import annotations

import itertools
import time
from typing import Any

import pytest

from tests.e2e.helpers import ADMIN, EMILY, Api, make_objective

pytestmark = pytest.mark.e2e

# Every WritingHints request the page sends, with when it left (the page's clock) and its text.
RECORD_HINT_REQUESTS = """
window.hintRequests = [];
const send = window.fetch;
window.fetch = function (url, options) {
  const body = options && typeof options.body === 'string' ? options.body : '';
  if (body.includes('query WritingHints')) {
    window.hintRequests.push({ at: performance.now(), text: JSON.parse(body).variables.text });
  }
  return send.apply(this, arguments);
};
"""


def open_as(page: Any, path: str, who: tuple[str, str], language: str) -> None:
    page.add_init_script(f"localStorage.setItem('lodestar.lang', '{language}')")
    page.add_init_script(RECORD_HINT_REQUESTS)
    page.goto(path)
    page.fill("#signin-email", who[0])
    page.fill("#signin-password", who[1])
    page.click("form.signin-card button[type=submit]")


# the marker's accessible name: its visually hidden text (the visible "✎ 2" is hidden from it)
LABEL_HAS = """([selector, text]) =>
  (document.querySelector(selector + ' .sr-only')?.textContent || '').includes(text)"""


@pytest.fixture(scope="module")
def emily(live_server: str) -> Api:
    return Api(live_server, EMILY)


@pytest.fixture(scope="module")
def admin(live_server: str) -> Api:
    return Api(live_server, ADMIN)


@pytest.mark.parametrize(
    ("language", "title", "addition", "message"),
    [
        ("zh-CN", "提升用户满意度", " 从 80% 到 90%", "怎样才算达成"),
        ("en", "improve user satisfaction", " from 80% to 90%", "How will you know"),
    ],
)
def test_a_key_result_title_is_linted_as_it_is_typed(
    new_page: Any, emily: Api, language: str, title: str, addition: str, message: str
) -> None:
    oid, _ = make_objective(emily, f"E2E: happier customers {language} {int(time.time())}", [])
    page = new_page(width=1280, height=900, locale=language)
    open_as(page, f"/objective/{oid}/edit", EMILY, language)
    page.click(".add-kr")
    field = page.locator("#new-kr-title")
    field.press_sequentially(title, delay=40)

    hint = page.locator("#new-kr-title-hints [data-code='NOT_MEASURABLE']")
    hint.wait_for()
    assert message in hint.inner_text()
    assert title in hint.locator(".hint-at").inner_text()  # the words at fault, quoted
    assert "new-kr-title-hints" in (field.get_attribute("aria-describedby") or "").split()
    assert field.get_attribute("aria-invalid") is None  # advice, not an error
    # the span is underlined beneath the field (a wavy line: not colour alone)
    underline = page.locator(".kr-new .hint-underlay mark")
    assert underline.first.inner_text() == title
    assert "wavy" in underline.first.evaluate("m => getComputedStyle(m).textDecorationStyle")

    field.press_sequentially(addition, delay=40)
    hint.wait_for(state="detached")
    page.wait_for_function(
        "text => window.hintRequests.some(r => r.text === text)", arg=title + addition
    )
    assert page.locator("#new-kr-title-hints li").count() == 0
    assert underline.count() == 0
    # typed a character at a time, yet at most one request per 300 ms, the last on the whole text
    sent = page.evaluate("window.hintRequests")
    assert all(b["at"] - a["at"] >= 295 for a, b in itertools.pairwise(sent)), sent
    assert sent[-1]["text"] == title + addition


def test_saving_is_never_held_by_a_hint_and_the_board_marks_the_owners_rows(
    new_page: Any, emily: Api, admin: Api
) -> None:
    # hints, not Emily's; published: another's draft is not on her board at all
    theirs, _ = make_objective(
        admin,
        "营收达到 1000 万",
        [
            {
                "title": "每周开例会",
                "kind": "INCREASE",
                "startValue": 0,
                "targetValue": 12,
                "weight": 100,
            }
        ],
    )
    admin("mutation($id: ID!) { publishObjective(id: $id) { id } }", {"id": theirs})
    oid, _ = make_objective(emily, "E2E: a marked objective", [])
    page = new_page(width=1280, height=900)
    open_as(page, f"/objective/{oid}/edit", EMILY, "en")
    page.click(".add-kr")
    page.locator("#new-kr-title").press_sequentially("hold weekly syncs", delay=20)
    page.locator("#new-kr-title-hints [data-code='ACTIVITY']").wait_for()
    page.fill("#new-kr-startValue", "0")
    page.fill("#new-kr-targetValue", "12")
    page.click(".kr-new button[type=submit]")
    page.wait_for_selector(".kr-edit-item[data-kr-id]")  # saved, hint and all

    page.click(".app-nav a:has-text('Board')")
    marker = page.locator(f".node[data-id='{oid}'] > .row .hint-marker")
    page.wait_for_function(LABEL_HAS, arg=[f".node[data-id='{oid}'] .hint-marker", "hold weekly"])
    label = marker.locator(".sr-only").text_content() or ""
    assert label.startswith("Writing hints (2)")
    assert "“hold weekly syncs”: This reads like routine work" in label
    assert "The weights add up to 0, not 100" in label
    assert len((marker.get_attribute("title") or "").split("\n")) == 2  # the tooltip, a line each
    assert marker.get_attribute("href") == f"/objective/{oid}/edit"
    # someone else's row, hints or not, carries no marker
    page.locator(f".node[data-id='{theirs}'] > .row").wait_for()
    assert page.locator(f".node[data-id='{theirs}'] > .row .hint-marker").count() == 0

    # a key result added elsewhere reaches the marker live
    emily(
        "mutation($i: CreateKeyResultInput!) { createKeyResult(input: $i) { id } }",
        {
            "i": {
                "objectiveId": oid,
                "title": "cut churn from 6% to 4%",
                "kind": "INCREASE",
                "startValue": 0,
                "targetValue": 10,
            }
        },
    )
    page.wait_for_function(
        LABEL_HAS,
        arg=[
            f".node[data-id='{oid}'] .hint-marker",
            "“cut churn from 6% to 4%”: This key result is of the Increase type",
        ],
    )
