"""The wall: the board full-screen in the meeting room, at its own address. It scales with the
screen, keeps the cycle, its phase and the connection in sight beside "Leave" (which covers
nothing), brings the row that just changed into view, and shows nobody's drafts."""

import time
from pathlib import Path
from typing import Any

from .helpers import COMPANY_ROW, EMILY, Api, make_objective, open_board, sign_in

Q_KRS = """query($id: ID!) { objective(id: $id) { keyResults { id kind progressSource
  startValue targetValue currentValue } } }"""
M_CHECK_IN = """mutation($i: CheckInInput!) { checkIn(input: $i) { id } }"""
ZHANGSAN = ("zhangsan@example.com", "lodestar")


def _boxes_apart(a: dict[str, float], b: dict[str, float]) -> bool:
    return (
        a["x"] + a["width"] <= b["x"]
        or b["x"] + b["width"] <= a["x"]
        or a["y"] + a["height"] <= b["y"]
        or b["y"] + b["height"] <= a["y"]
    )


def _manual_kr(api: Api, objective_id: str) -> dict[str, Any] | None:
    krs = api(Q_KRS, {"id": objective_id})["objective"]["keyResults"]
    numeric = [
        k
        for k in krs
        if k["progressSource"] == "MANUAL" and k["kind"] in ("INCREASE", "DECREASE", "BASELINE")
    ]
    return numeric[0] if numeric else None


def test_the_wall(new_page: Any, live_server: str, screenshot_dir: Path | None) -> None:
    emily = Api(live_server, EMILY)
    draft = f"Wall draft {int(time.time() * 1000)}"
    make_objective(emily, draft, [])

    page = new_page(width=1920, height=1080)
    open_board(page)
    page.click(".expand-all")
    page.click(".meeting-toggle")
    page.wait_for_url("**/wall/*")
    page.reload()  # a TV's auto-start: the address alone brings the wall back
    page.wait_for_selector(".wall-bar")
    page.wait_for_selector(COMPANY_ROW)
    assert page.evaluate("document.documentElement.classList.contains('meeting')")
    cycle_text = page.locator(".wall-cycle").inner_text()
    assert cycle_text.strip() and page.locator(".wall-phase").inner_text().strip()
    assert page.locator(".live-status").is_visible()
    assert page.locator(".node", has_text=draft).count() == 0  # drafts are not on the wall
    assert (
        abs(
            page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)") - 20.16
        )
        < 0.5
    )

    leave = page.locator(".meeting-exit").bounding_box()
    assert leave is not None
    covered = [page.locator(".live-status").bounding_box()]
    covered += [h.bounding_box() for h in page.locator(".column-heads > span").all()]
    assert all(box is None or _boxes_apart(leave, box) for box in covered)
    if screenshot_dir is not None:
        page.mouse.move(0, 0)
        page.wait_for_timeout(700)
        page.screenshot(path=str(screenshot_dir / "wall-1920.png"))

    # a check-in on a row below the screen brings that row into view, flashing
    api = Api(live_server, ("admin@example.com", "lodestar"))
    rows = page.locator(".node").all()
    below = None
    for row in reversed(rows):
        box = row.bounding_box()
        oid = row.get_attribute("data-id")
        if box and box["y"] > 1080 and oid and (kr := _manual_kr(api, oid)):
            below = (oid, kr)
            break
    assert below is not None, "the demo board, expanded, is longer than one 1080 px screen"
    oid, kr = below
    value = (kr["currentValue"] or kr["startValue"] or 0) + 1
    api(M_CHECK_IN, {"i": {"keyResultId": kr["id"], "value": value}})
    page.wait_for_function(
        """id => { const r = document.querySelector(`.node[data-id="${id}"] > .row`);
             const b = r.getBoundingClientRect();
             return b.top >= 0 && b.bottom <= innerHeight; }""",
        arg=oid,
    )

    page.keyboard.press("Escape")  # leaves the wall for the board
    page.wait_for_url("**/board/*")
    page.locator(".node", has_text=draft).wait_for()  # an admin may edit the draft: on the board


def test_the_wall_at_4k(new_page: Any, screenshot_dir: Path | None) -> None:
    page = new_page(width=3840, height=2160)
    open_board(page)
    page.click(".meeting-toggle")
    page.wait_for_selector(".wall-bar")
    size = page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)")
    assert abs(size - 40.32) < 0.5
    assert page.evaluate("document.documentElement.scrollWidth") <= 3840
    if screenshot_dir is not None:
        page.mouse.move(0, 0)
        page.wait_for_timeout(700)
        page.screenshot(path=str(screenshot_dir / "wall-3840.png"))


def test_others_drafts_are_not_on_a_members_board(new_page: Any, live_server: str) -> None:
    emily = Api(live_server, EMILY)
    draft = f"Not yours {int(time.time() * 1000)}"
    make_objective(emily, draft, [])
    page = new_page()
    page.goto("/")
    sign_in(page, *ZHANGSAN)
    page.wait_for_selector(COMPANY_ROW)
    page.click(".expand-all")
    page.wait_for_timeout(300)
    assert page.locator(".node", has_text=draft).count() == 0
