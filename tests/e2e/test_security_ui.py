"""The security page in the browser: a person changes her password on her laptop (a common one is
refused first) and her phone's open board is sent back to sign-in at once, in Chinese; she
makes an API token (shown once), a script uses it, the list shows its last use, and revoking it
stops it. A team change reaches an open board too (4403): it reloads what it may see."""

from __future__ import annotations

import json
from typing import Any

import pytest

from .helpers import ADMIN, COMPANY_ROW, M_KR, Api, default_cycle, sign_in

pytestmark = pytest.mark.e2e

HEJING = ("hejing@example.com", "lodestar")  # no other browser test signs in as her
NEW_PASSWORD = "a phrase only she knows"

VIEWER_WITH = """async (token) => (await (await fetch('/graphql', {
  method: 'POST', credentials: 'omit',
  headers: { 'Content-Type': 'application/json', Authorization: 'Bearer ' + token },
  body: JSON.stringify({ query: '{ viewer { handle } }' }),
})).json()).data.viewer"""


def open_board(page: Any, lang: str) -> None:
    page.add_init_script(f"localStorage.setItem('lodestar.lang', {json.dumps(lang)})")
    page.goto("/")
    sign_in(page, *HEJING)
    page.wait_for_selector(COMPANY_ROW)
    page.wait_for_selector(".live-status[data-state='live']")


def test_password_change_ends_the_other_session_and_a_revoked_token_stops(
    new_page: Any,
) -> None:
    laptop, phone = new_page(), new_page(width=390, height=844, mobile=True, locale="zh-CN")
    open_board(laptop, "en")
    open_board(phone, "zh-CN")

    laptop.click("a.me")
    laptop.wait_for_selector("h1:has-text('Security')")
    laptop.fill("#current-password", HEJING[1])
    laptop.fill("#new-password", "password123")
    laptop.click("#password-title ~ form button[type=submit]")
    refusal = laptop.locator("#new-password-error")
    refusal.wait_for()
    assert "most common" in refusal.inner_text()

    laptop.fill("#new-password", NEW_PASSWORD)
    laptop.click("#password-title ~ form button[type=submit]")
    laptop.wait_for_selector("text=Password changed. Other sessions signed out: 1.")
    # the phone's socket was closed (4401): its board gives way to sign-in, saying why
    phone.wait_for_selector("#signin-email", timeout=5_000)
    assert "你的登录已结束" in phone.locator("form.signin-card").inner_text()
    sign_in(phone, HEJING[0], NEW_PASSWORD)
    phone.wait_for_selector(COMPANY_ROW)

    laptop.fill("#token-name", "weekly report")
    laptop.fill("#token-expires", "2099-12-31")
    laptop.click(".token-form button[type=submit]")
    token = laptop.locator("#new-token").input_value()
    assert token.startswith("lst_")
    row = laptop.locator(".token-row", has_text="weekly report")
    assert "Never used" in row.inner_text() and "Dec 31, 2099" in row.inner_text()
    assert laptop.evaluate(VIEWER_WITH, token) == {"handle": "hejing"}
    laptop.click("text=Done")
    assert laptop.locator("#new-token").count() == 0  # shown once

    laptop.reload()
    row = laptop.locator(".token-row", has_text="weekly report")
    row.locator(".token-last-use:has-text('Last used')").wait_for()
    laptop.once("dialog", lambda dialog: dialog.accept())
    row.locator("button.revoke-token").click()
    laptop.wait_for_selector("text=Token “weekly report” revoked.")
    assert laptop.locator(".token-row", has_text="weekly report").count() == 0
    assert laptop.evaluate(VIEWER_WITH, token) is None
    # the laptop's own session lives on
    laptop.goto("/me")
    laptop.wait_for_selector("h1:has-text('My OKRs')")


def test_a_team_change_reloads_what_an_open_board_shows(new_page: Any, live_server: str) -> None:
    """The person's socket closes with 4403: the app stays signed in, reads its rights again
    and shows the team's objective it may now see — without a page reload."""
    zhouxin = ("zhouxin@example.com", "lodestar")
    admin = Api(live_server, ADMIN)
    team = admin('mutation { createTeam(name: "E2E squad") { id } }')["createTeam"]["id"]
    made = admin(
        "mutation($i: CreateObjectiveInput!) { createObjective(input: $i) { id } }",
        {
            "i": {
                "cycleId": default_cycle(admin),
                "title": "Only the squad sees this",
                "level": "TEAM",
                "visibility": "TEAM",
                "teamId": team,
            }
        },
    )["createObjective"]["id"]
    kr = {"title": "Ship it", "kind": "INCREASE", "startValue": 0, "targetValue": 1, "weight": 100}
    admin(M_KR, {"i": {"objectiveId": made, **kr}})
    admin("mutation($id: ID!) { publishObjective(id: $id) { id } }", {"id": made})
    page = new_page()
    page.add_init_script("localStorage.setItem('lodestar.lang', 'en')")
    page.goto("/")
    sign_in(page, *zhouxin)
    page.wait_for_selector(COMPANY_ROW)
    page.wait_for_selector(".live-status[data-state='live']")
    assert page.locator(f".node[data-id='{made}']").count() == 0
    page.evaluate("window.notReloaded = true")

    admin(
        "mutation($t: ID!, $u: ID!) { setTeamMember(teamId: $t, userId: $u) { id } }",
        {"t": team, "u": admin('{ people(search: "zhouxin") { id } }')["people"][0]["id"]},
    )
    page.wait_for_selector(f".node[data-id='{made}']", timeout=10_000)
    assert page.evaluate("window.notReloaded") is True
    assert page.locator("#signin-email").count() == 0
