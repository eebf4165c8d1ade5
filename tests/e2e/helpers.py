"""What the browser tests share: signing in and opening the board."""

from __future__ import annotations

from typing import Any

DEMO_ADMIN = ("admin@example.com", "lodestar")  # DESIGN.md §5: every demo person's password


COMPANY_ROW = ".node[data-level='COMPANY']"


def sign_in(page: Any, email: str = DEMO_ADMIN[0], password: str = DEMO_ADMIN[1]) -> None:
    page.fill("#signin-email", email)
    page.fill("#signin-password", password)
    page.click("form.signin-card button[type=submit]")


def open_board(page: Any) -> None:
    page.goto("/")
    page.wait_for_selector("#signin-email")
    sign_in(page)
    page.wait_for_selector(COMPANY_ROW)
