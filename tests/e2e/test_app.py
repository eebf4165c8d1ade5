"""The screens around the board: the OKR editor, the objective page, My OKRs with the phone
check-in sheet, check-ins made offline, and user text that must stay text."""

from __future__ import annotations

import json
import time
from typing import Any

import pytest

from tests.e2e.helpers import (
    ADMIN,
    EMILY,
    Api,
    make_objective,
)

pytestmark = pytest.mark.e2e

XSS = "<img src=x onerror=alert(1)>"

GQL = """async ([query, variables]) => {
  const res = await fetch('/graphql', {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'Content-Type': 'application/json', 'Accept-Language': 'en' },
    body: JSON.stringify({ query, variables }),
  });
  return res.json();
}"""

Q_OBJECTIVES = """query($c: ID!) { objectives(cycleId: $c) { id title level state } }"""
Q_OBJECTIVE = """query($id: ID!) { objective(id: $id) {
  id title state parent { id } weightTotal owner { handle }
  keyResults { id kind weight checkIns(first: 50) { value confidence note } } } }"""
M_UPDATE_KR = """mutation($id: ID!, $i: UpdateKeyResultInput!) {
  updateKeyResult(id: $id, input: $i) { id } }"""
M_CHECK_IN = """mutation($i: CheckInInput!) { checkIn(input: $i) { id } }"""


def gql(page: Any, query: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
    body = page.evaluate(GQL, [query, variables or {}])
    assert not body.get("errors"), body
    return dict(body["data"])


def sign_in_at(page: Any, path: str, who: tuple[str, str]) -> None:
    """Open `path` signed out, sign in on the form; the app stays on `path`."""
    page.add_init_script("localStorage.setItem('lodestar.lang', 'en')")
    page.goto(path)
    page.fill("#signin-email", who[0])
    page.fill("#signin-password", who[1])
    page.click("form.signin-card button[type=submit]")


@pytest.fixture(scope="module")
def emily(live_server: str) -> Api:
    return Api(live_server, EMILY)


def check_ins(api: Api, oid: str, kr_id: str) -> list[dict[str, Any]]:
    obj = api(Q_OBJECTIVE, {"id": oid})["objective"]
    return next(kr["checkIns"] for kr in obj["keyResults"] if kr["id"] == kr_id)


def test_create_align_weigh_publish_and_find_on_board(new_page: Any) -> None:
    page = new_page(width=1280, height=900)
    sign_in_at(page, "/new", ADMIN)
    page.wait_for_selector("#obj-title")
    assert page.url.endswith("/new"), "a deep link survives signing in"
    # the writing help sits beside the title
    assert page.locator(".help .help-list li").count() >= 5
    assert page.locator(".help .help-list li").first.is_visible()

    page.wait_for_function("() => document.querySelector('#obj-cycle').value")  # cycles loaded
    cycle = page.locator("#obj-cycle").input_value()
    listed = gql(page, Q_OBJECTIVES, {"c": cycle})["objectives"]
    company = next(o for o in listed if o["level"] == "COMPANY")
    title = f"E2E: win the pilot customers {int(time.time())}"
    page.fill("#obj-title", title)
    page.fill("#obj-description", "Written by the browser test.")
    page.check("input[name=align][value=parent]")
    page.select_option("#obj-parent", company["id"])
    page.click(".objective-form button[type=submit]")
    page.wait_for_url("**/objective/*/edit")
    oid = page.url.rstrip("/").split("/")[-2]

    # key result 1, INCREASE: the server refuses a target below the start, next to that field
    page.click(".add-kr")
    page.fill("#new-kr-title", "Pilot customers signed")
    assert page.locator("#new-kr-kind").input_value() == "INCREASE"
    page.fill("#new-kr-startValue", "10")
    page.fill("#new-kr-targetValue", "5")
    page.fill("#new-kr-unit", "customers")
    page.click(".kr-new button[type=submit]")
    error = page.locator("#new-kr-targetValue-error")
    error.wait_for()
    assert "start" in error.inner_text().lower()
    assert "targetValue" not in error.inner_text()  # named as the form labels it
    assert page.locator("#new-kr-targetValue[aria-invalid='true']").count() == 1
    assert page.locator("#new-kr-title").input_value() == "Pilot customers signed"  # kept
    page.fill("#new-kr-targetValue", "20")
    page.click(".kr-new button[type=submit]")
    page.wait_for_selector(".kr-edit-item[data-kr-id]")

    # key result 2, MILESTONE: a date instead of numbers
    page.click(".add-kr")
    page.fill("#new-kr-title", "Pilot contract template approved")
    page.select_option("#new-kr-kind", "MILESTONE")
    assert page.locator("#new-kr-startValue").count() == 0
    assert page.locator(".kr-new .help-kind").inner_text().strip()  # the worked example of the kind
    page.fill("#new-kr-dueDate", "2026-12-15")
    page.click(".kr-new button[type=submit]")
    page.wait_for_function("document.querySelectorAll('.kr-edit-item[data-kr-id]').length === 2")

    # weights: the running sum must be 100 before publishing is possible
    weights = page.locator(".weight-row input")
    assert weights.count() == 2
    weights.nth(0).fill("60")
    weights.nth(1).fill("30")
    assert "90" in page.locator("#weights-total").inner_text()
    assert page.locator(".publish-btn").is_disabled()
    weights.nth(1).fill("40")
    assert "100" in page.locator("#weights-total").inner_text()
    assert page.locator(".publish-btn").is_enabled()
    page.click(".publish-btn")
    page.wait_for_selector(".publish .inline-ok")

    saved = gql(page, Q_OBJECTIVE, {"id": oid})["objective"]
    assert saved["state"] == "PUBLISHED"
    assert saved["parent"]["id"] == company["id"]
    assert sorted(kr["kind"] for kr in saved["keyResults"]) == ["INCREASE", "MILESTONE"]
    assert sorted(kr["weight"] for kr in saved["keyResults"]) == [40, 60]

    # on the board, under the objective it aligns to
    page.click(".app-nav a:has-text('Board')")
    page.wait_for_selector(".node[data-level='COMPANY']")
    page.click(".expand-all")
    row = page.locator(f".node[data-id='{company['id']}'] .node[data-id='{oid}'] > .row")
    row.wait_for()
    assert title in row.inner_text()

    # the row links to the objective's page: both kinds, the milestone's date, the parent
    row.locator(".open-objective").click()
    page.wait_for_selector(".kr-card")
    assert page.url.endswith(f"/objective/{oid}")
    assert page.locator(".kr-card[data-kind='MILESTONE'] .kr-target").inner_text().startswith("Due")
    parent_link = page.locator(".aligned-list .obj-link").first
    assert parent_link.get_attribute("href") == f"/objective/{company['id']}"

    # back and forward move between the board and the page
    page.go_back()
    page.wait_for_selector(f".node[data-id='{oid}']")
    page.go_forward()
    page.wait_for_selector(".kr-card")
    assert page.url.endswith(f"/objective/{oid}")


def test_mobile_check_in_at_390x844_keeps_the_draft(new_page: Any, emily: Api) -> None:
    api = emily
    kr = {
        "title": "Interviews",
        "kind": "INCREASE",
        "startValue": 0,
        "targetValue": 10,
        "weight": 100,
    }
    oid, (kr_id,) = make_objective(api, "E2E: phone check-in", [kr])
    page = new_page(width=390, height=844, mobile=True)
    sign_in_at(page, "/me", EMILY)
    card = page.locator(f".me-kr[data-kr-id='{kr_id}']")
    card.wait_for()
    assert page.url.endswith("/me")
    card.locator(".checkin-btn").tap()
    sheet = page.locator("dialog.sheet[open]")
    sheet.wait_for()

    # one thumb: large controls inside the screen, the submit button at the bottom
    submit = sheet.locator(".sheet-submit")
    box = submit.bounding_box()
    assert box is not None and box["height"] >= 44 and box["y"] + box["height"] <= 844
    assert box["y"] > 844 / 2, "the primary action is within thumb reach"
    steps = sheet.locator(".step")
    for control in (steps.first, steps.last, sheet.locator(".sheet-close")):
        b = control.bounding_box()
        assert b is not None and b["height"] >= 44 and b["width"] >= 44
    sheet_box = sheet.bounding_box()
    assert sheet_box is not None and sheet_box["width"] <= 390

    sheet.locator(".step").last.tap()
    sheet.locator(".step").last.tap()
    assert page.locator("#ci-value").input_value() == "2"
    page.focus("#ci-confidence")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    assert page.locator("#ci-confidence").input_value() == "7"
    page.fill("#ci-note", "Two interviews done")

    # a reload loses nothing that was typed
    page.reload()
    card.wait_for()
    assert card.locator(".chip-draft").count() == 1
    card.locator(".checkin-btn").tap()
    sheet.wait_for()
    assert page.locator("#ci-value").input_value() == "2"
    assert page.locator("#ci-confidence").input_value() == "7"
    assert page.locator("#ci-note").input_value() == "Two interviews done"

    sheet.locator(".sheet-submit").tap()
    page.wait_for_selector("dialog.sheet", state="detached")
    page.wait_for_selector(".inline-ok")
    page.wait_for_function(
        "el => el.textContent.trim().startsWith('2')",
        arg=card.locator(".me-kr-value").element_handle(),
    )
    done = {"value": 2.0, "confidence": 7, "note": "Two interviews done"}
    assert check_ins(api, oid, kr_id) == [done]
    assert card.locator(".chip-draft").count() == 0


def test_user_text_is_shown_as_text(new_page: Any, emily: Api) -> None:
    api = emily
    kr = {"title": XSS, "kind": "COUNT", "startValue": 0, "targetValue": 5, "unit": "<b>u</b>"}
    oid, (kr_id,) = make_objective(api, XSS, [kr])
    api(M_CHECK_IN, {"i": {"keyResultId": kr_id, "value": 1, "note": XSS}})

    page = new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    sign_in_at(page, f"/objective/{oid}", EMILY)
    page.wait_for_selector(".kr-card")
    assert page.locator("h1.obj-title").inner_text() == XSS
    assert page.locator(".kr-card-title").inner_text() == XSS
    page.click(".history summary")
    assert XSS in page.locator(".history-note").inner_text()

    page.click(".app-nav a:has-text('My OKRs')")
    page.wait_for_selector(f".me-kr[data-kr-id='{kr_id}']")
    mine = page.locator(f".me-objective:has(.me-kr[data-kr-id='{kr_id}']) .obj-link-title")
    assert mine.inner_text() == XSS

    page.click(".app-nav a:has-text('Board')")
    page.click(".expand-all")
    row = page.locator(f".node[data-id='{oid}'] > .row .title")
    row.wait_for()
    assert row.inner_text() == XSS

    # what the server refuses (a title of spaces) is shown next to the field, and what was
    # typed stays (someone else's objective offers no editing at all: test_viewer_can)
    page.goto(f"/objective/{oid}")
    page.click(".obj-head .inline-edit-btn >> nth=0")
    page.fill("#obj-title", "   ")
    page.click(".obj-head form.inline-edit button[type=submit]")
    assert page.locator("#obj-title-error").inner_text().strip()
    assert page.locator("#obj-title").input_value() == "   "

    page.wait_for_timeout(300)
    assert page.locator("img[src='x']").count() == 0
    assert page.locator("b:has-text('u')").count() == 0
    assert dialogs == []


def test_offline_check_in_is_delivered_exactly_once(new_page: Any, emily: Api) -> None:
    api = emily
    oid, (kept_id, refused_id) = make_objective(
        api,
        "E2E: offline check-ins",
        [
            {"title": "Demos", "kind": "INCREASE", "startValue": 0, "targetValue": 8, "weight": 50},
            {"title": "Visits", "kind": "COUNT", "startValue": 0, "targetValue": 6, "weight": 50},
        ],
    )
    page = new_page()
    sign_in_at(page, "/me", EMILY)
    kept = page.locator(f".me-kr[data-kr-id='{kept_id}']")
    refused = page.locator(f".me-kr[data-kr-id='{refused_id}']")
    kept.wait_for()

    page.context.set_offline(True)
    page.wait_for_selector(".offline-banner")
    # full-width digits, as a Chinese input method types them, are read as numbers
    for card, value, note in ((kept, "３", "met three teams"), (refused, "2", "visited two sites")):
        card.locator(".checkin-btn").click()
        page.wait_for_selector("dialog.sheet[open] .inline-info")  # "you are offline"
        page.fill("#ci-value", value)
        page.fill("#ci-note", note)
        page.click(".sheet-submit")
        page.wait_for_selector("dialog.sheet", state="detached")
        card.locator(".chip-pending").wait_for()
    queued = page.evaluate("JSON.parse(localStorage.getItem('lodestar.checkins.pending'))")
    assert len(queued) == 2
    assert len({item["input"]["clientId"] for item in queued}) == 2
    assert check_ins(api, oid, kept_id) == []

    # meanwhile the second key result starts following its tasks: the server will refuse a value
    api(M_UPDATE_KR, {"id": refused_id, "i": {"progressSource": "TASKS"}})

    page.context.set_offline(False)
    page.wait_for_function("() => !document.querySelector('.chip-pending')", timeout=10_000)
    assert [c["value"] for c in check_ins(api, oid, kept_id)] == [3.0]
    assert check_ins(api, oid, refused_id) == []
    # the refused one shows the server's message, and what was typed is still there
    message = refused.locator(".chip-error")
    message.wait_for()
    assert "note" in message.inner_text().lower()
    refused.locator(".checkin-btn").click()
    assert page.locator("#ci-note").input_value() == "visited two sites"
    assert page.locator("#ci-value-error").inner_text().strip()
    page.click(".sheet-foot .btn:not(.sheet-submit)")

    # another offline/online round and a reload: nothing is sent twice
    page.context.set_offline(True)
    page.context.set_offline(False)
    page.reload()
    kept.wait_for()
    page.wait_for_timeout(800)
    assert [c["value"] for c in check_ins(api, oid, kept_id)] == [3.0]
    left = page.evaluate("localStorage.getItem('lodestar.checkins.pending') || '[]'")
    assert json.loads(left) == []

    # the server wrote a check-in but its answer never came back, so the device kept it:
    # sent again with its clientId, it is not written twice
    lost = {"keyResultId": kept_id, "value": 4, "note": "answer lost", "clientId": "e2e-lost-1"}
    api(M_CHECK_IN, {"i": lost})
    item = {"id": "e2e-lost-1", "userId": api("{ viewer { id } }")["viewer"]["id"], "input": lost}
    page.evaluate(
        "(item) => localStorage.setItem('lodestar.checkins.pending', JSON.stringify([item]))", item
    )
    page.reload()  # signed in with a check-in waiting: the app sends it
    page.wait_for_function(
        "() => localStorage.getItem('lodestar.checkins.pending') === '[]'", timeout=10_000
    )
    assert [c["value"] for c in check_ins(api, oid, kept_id)] == [4.0, 3.0]
    kept.wait_for()
    assert kept.locator(".chip-error").count() == 0  # answered as accepted, not refused


def test_a_lead_writes_an_objective_for_a_member_of_the_team(new_page: Any) -> None:
    page = new_page(width=1280, height=900)
    sign_in_at(page, "/new", ("zhangsan@example.com", "lodestar"))  # leads Growth (Emily, Lily)
    page.wait_for_selector("#obj-title")
    page.wait_for_function("() => document.querySelector('#obj-cycle').value")
    title = f"E2E: Emily's onboarding goal {int(time.time())}"
    page.fill("#obj-title", title)
    assert "张三" in page.locator(".obj-owner strong").inner_text()  # the writer, until changed
    page.fill("#obj-owner", "emily")
    page.locator("#obj-owner-list li").first.click()
    assert "Emily" in page.locator(".obj-owner strong").inner_text()
    page.click(".objective-form button[type=submit]")
    page.wait_for_url("**/objective/*/edit")
    oid = page.url.rstrip("/").split("/")[-2]
    saved = gql(page, Q_OBJECTIVE, {"id": oid})["objective"]
    assert saved["owner"]["handle"] == "emily"
    # the editor of an existing objective shows its owner
    page.reload()
    page.wait_for_selector(".obj-owner strong")
    assert "Emily" in page.locator(".obj-owner strong").inner_text()


def test_a_member_cannot_hand_an_objective_to_someone_else(new_page: Any) -> None:
    page = new_page(width=1280, height=900)
    sign_in_at(page, "/new", EMILY)
    page.wait_for_selector("#obj-title")
    page.wait_for_function("() => document.querySelector('#obj-cycle').value")
    page.fill("#obj-title", "E2E: not mine to give")
    page.fill("#obj-owner", "lily")
    page.locator("#obj-owner-list li").first.click()
    page.click(".objective-form button[type=submit]")
    page.locator("#obj-error span").last.wait_for()
    assert page.locator("#obj-error").inner_text().strip()
    assert page.url.endswith("/new")  # nothing was created
    assert page.locator("#obj-title").input_value() == "E2E: not mine to give"
