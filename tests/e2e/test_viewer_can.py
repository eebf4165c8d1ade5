"""The web app offers only what will work (viewerCan): Emily, a plain member, opens an objective
of the admin's and finds no edit, check-in or task controls on it, where the admin finds them
all. And an open board reads its numbers again on the hour without a reload (a controlled
clock): statuses that move with time alone carry no event."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from tests.e2e.helpers import ADMIN, COMPANY_ROW, EMILY, Api, make_objective, sign_in

pytestmark = pytest.mark.e2e

# every control a viewer who may not change the objective must not be offered
CONTROLS = {
    "edit the title or description": ".obj-head .inline-edit-btn",
    "edit everything": ".obj-head .edit-all",
    "check in": ".kr-card .checkin-btn",
    "edit a key result": ".kr-card .edit-btn",
    "add a task": ".task-new",
    "tick a task off": "button.task-check",
    "change a task's status": "select.task-status",
    "move a task": ".task-handle",
}


def test_a_member_sees_no_edit_or_check_in_on_an_objective_not_theirs(
    new_page: Any, live_server: str
) -> None:
    admin = Api(live_server, ADMIN)
    oid, (kr,) = make_objective(
        admin,
        "Ship the partner API",
        [{"title": "Partners live", "kind": "INCREASE", "startValue": 0, "targetValue": 5}],
    )
    admin(
        "mutation($i: CreateTaskInput!) { createTask(input: $i) { id } }",
        {"i": {"keyResultId": kr, "title": "Sign the first partner"}},
    )

    def open_as(who: tuple[str, str]) -> Any:
        page = new_page()
        page.goto("/")
        sign_in(page, *who)
        page.wait_for_selector(COMPANY_ROW)
        page.goto(f"/objective/{oid}")
        page.wait_for_selector(".kr-card .task")  # the key result and its task have arrived
        return page

    emily = open_as(EMILY)
    offered = {name: emily.locator(sel).count() for name, sel in CONTROLS.items()}
    assert not any(offered.values()), offered
    # she may still comment and like: the page is there, read-only
    assert emily.locator(f".thread[data-target='{oid}'] textarea").count() == 1

    owner = open_as(ADMIN)
    missing = [name for name, sel in CONTROLS.items() if owner.locator(sel).count() == 0]
    assert missing == [], missing


def test_an_open_board_reads_its_numbers_again_on_the_hour(new_page: Any) -> None:
    page = new_page()
    page.clock.install(time=datetime(2026, 12, 12, 9, 50, tzinfo=UTC))
    boards: list[str] = []
    page.on(
        "request",
        lambda r: boards.append(r.url) if "query Board" in (r.post_data or "") else None,
    )
    page.goto("/")
    sign_in(page)
    page.wait_for_selector(COMPANY_ROW)
    loaded = len(boards)
    assert loaded >= 1
    page.clock.run_for("05:00")  # 09:55: nothing yet
    page.wait_for_timeout(300)
    assert len(boards) == loaded
    page.clock.run_for("06:00")  # past 10:00 and its spread of 30 s
    page.wait_for_timeout(500)
    assert len(boards) == loaded + 1, boards
    assert page.locator(COMPANY_ROW).count() > 0  # refreshed in place, no reload


def test_my_okrs_list_my_key_results_and_tasks_under_others_objectives(
    new_page: Any, live_server: str
) -> None:
    admin = Api(live_server, ADMIN)
    emily_id = Api(live_server, EMILY)("query { viewer { id } }")["viewer"]["id"]
    _, (kr,) = make_objective(
        admin,
        "Open two new markets",
        [
            {
                "title": "Emily's market study",
                "kind": "INCREASE",
                "startValue": 0,
                "targetValue": 2,
                "ownerId": emily_id,
            }
        ],
    )
    admin(
        "mutation($i: CreateTaskInput!) { createTask(input: $i) { id } }",
        {"i": {"keyResultId": kr, "title": "Interview ten buyers", "assigneeId": emily_id}},
    )
    page = new_page()
    page.goto("/")
    sign_in(page, *EMILY)
    page.wait_for_selector(COMPANY_ROW)
    page.click(".app-nav a:has-text('My OKRs')")
    row = page.locator(f".me-elsewhere .me-kr[data-kr-id='{kr}']")
    row.wait_for()
    assert "Open two new markets" in row.inner_text()
    assert row.locator(".checkin-btn").count() == 1  # she owns it: she checks in
    assert page.locator(".me-task", has_text="Interview ten buyers").count() == 1
