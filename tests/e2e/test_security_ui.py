"""The security page in the browser: a person changes her password on her laptop (a common one is
refused first) and her phone's open board is sent back to sign-in at once, in Chinese; she
makes an API token (shown once), a script uses it, the list shows its last use, and revoking it
stops it."""

from __future__ import annotations

import json
from typing import Any

import pytest

from .helpers import COMPANY_ROW, sign_in

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
