"""Meeting mode's remaining controls in the browser (issue 12): Growth's lead moves a scheduled
meeting and invites Emily, builds its agenda again (only once confirmed), and corrects a decision
while it runs; Emily, a plain member, is not offered "New meeting" (the server would refuse her).
The meeting is left running: other files of the package count the ended ones.

Named to run after test_meeting_ui.py: the progress meeting started here would become the
"previous progress meeting" whose movers that test counts (the browser tests share one server).
"""

from __future__ import annotations

from typing import Any

import pytest

from .helpers import Api
from .test_cycle_ui import EMILY, ZHANGSAN, open_board

pytestmark = pytest.mark.e2e

MEETING = """query($id: ID!) { meeting(id: $id) { startsAt agendaBuiltAt attendees { handle }
  decisions { text editedAt } } }"""


def to_meetings(page: Any) -> None:
    page.locator(".phase-bar .phase-links a", has_text="Meetings").click()
    page.locator("main.meetings-page #mtg-scope").wait_for()


def test_a_lead_changes_time_and_attendees_rebuilds_the_agenda_and_corrects_a_decision(
    new_page: Any, live_server: str
) -> None:
    page = new_page(width=1280, height=900)
    open_board(page, ZHANGSAN)
    to_meetings(page)
    page.get_by_role("button", name="New meeting").click()
    form = page.locator("form.mtg-new")
    # a lead is offered the teams he leads, not the whole company's meeting
    assert form.locator("#mtg-team option", has_text="Whole company").count() == 0
    growth = form.locator("#mtg-team option", has_text="Growth").get_attribute("value")
    form.locator("#mtg-team").select_option(growth)
    form.get_by_role("button", name="Create meeting").click()
    page.wait_for_url("**/meeting/*")
    meeting = page.url.rsplit("/", 1)[1]
    page.locator("main.meeting-page[data-state='SCHEDULED']").wait_for()
    api = Api(live_server, ZHANGSAN)

    def read() -> dict[str, Any]:
        return api(MEETING, {"id": meeting})["meeting"]

    # another time, and Emily invited
    page.get_by_role("button", name="Change time and attendees").click()
    setup = page.locator("form.mtg-setup")
    setup.locator("#mtg-setup-time").fill("2031-03-04T09:30")
    setup.locator("#mtg-setup-attendee").fill("Emily")
    page.locator("#mtg-setup-attendee-list li", has_text="Emily Chen").click()
    setup.get_by_role("button", name="Save").click()
    setup.wait_for(state="detached")
    page.locator(".mtg-present li[data-handle='emily']").wait_for()
    moved = read()
    wanted = page.evaluate("new Date('2031-03-04T09:30').toISOString()")
    assert moved["startsAt"].replace("+00:00", "Z")[:16] == wanted[:16], moved
    assert [u["handle"] for u in moved["attendees"]] == ["emily"]

    # building the agenda again asks first: dismissed, nothing changes; accepted, it is rebuilt
    built = moved["agendaBuiltAt"]
    page.once("dialog", lambda d: d.dismiss())
    page.get_by_role("button", name="Build the agenda again").click()
    page.wait_for_timeout(300)
    assert read()["agendaBuiltAt"] == built
    page.once("dialog", lambda d: d.accept())
    page.get_by_role("button", name="Build the agenda again").click()
    page.wait_for_function(
        """async ([id, before]) => (await (await fetch('/graphql', {method: 'POST',
          headers: {'content-type': 'application/json'}, body: JSON.stringify({query:
          'query($id: ID!) { meeting(id: $id) { agendaBuiltAt } }', variables: {id}})})).json())
          .data.meeting.agendaBuiltAt !== before""",
        arg=[meeting, built],
    )

    # it runs: a decision recorded, then corrected in place
    page.get_by_role("button", name="Start meeting").click()
    page.locator("main.meeting-page[data-state='LIVE']").wait_for()
    page.locator("#mtg-decision").fill("Ship the walkthrogh first")
    page.get_by_role("button", name="Record decision").click()
    typed = page.locator(".mtg-decision", has_text="Ship the walkthrogh first")
    row = page.locator(f".mtg-decision[data-id='{typed.get_attribute('data-id')}']")
    row.get_by_role("button", name="Edit").click()
    field = row.locator("input")
    assert field.get_attribute("maxlength")
    field.fill("Ship the walkthrough first")
    row.get_by_role("button", name="Save").click()
    fixed = page.locator(".mtg-decision", has_text="Ship the walkthrough first")
    fixed.get_by_text("(edited)").wait_for()
    [decision] = read()["decisions"]
    assert decision["text"] == "Ship the walkthrough first" and decision["editedAt"]
    # a running meeting's time is its start: only the attendees are offered
    page.get_by_role("button", name="Change time and attendees").click()
    assert page.locator("#mtg-setup-time").count() == 0


def test_a_plain_member_is_not_offered_a_new_meeting(new_page: Any) -> None:
    page = new_page()
    open_board(page, EMILY)
    to_meetings(page)
    page.locator(".mtg-line").first.wait_for()  # the list is there…
    assert page.get_by_role("button", name="New meeting").count() == 0  # …the button is not
