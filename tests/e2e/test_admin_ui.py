"""The admin area in Chromium against a server that sends e-mail (to an SMTP server the test
starts): an admin creates the next quarter from the template, adds a team and invites a person,
who accepts the e-mailed link and signs in; then that person resets the password by e-mail."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from typing import Any

import pytest

from tests.e2e.helpers import ADMIN, sign_in
from tests.reach_servers import MailServer, text_of
from tests.servers import Server, free_port, run_cli, server_env

NEW = "nora.new@example.com"


@pytest.fixture(scope="module")
def mail() -> Iterator[MailServer]:
    server = MailServer().start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def mailing_server(
    mail: MailServer, browser: Any, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """A seeded server of its own, with e-mail and the scheduler on, at a known address."""
    tmp = tmp_path_factory.mktemp("lodestar-admin-e2e")
    env = server_env(tmp, f"sqlite:///{tmp / 'lodestar.sqlite3'}", web_app=True)
    port = free_port()
    env.update(
        LODESTAR_SMTP_URL=mail.url,
        LODESTAR_MAIL_FROM="Lodestar <okr@example.com>",
        LODESTAR_PUBLIC_URL=f"http://127.0.0.1:{port}",
        LODESTAR_JOBS="1",
    )
    run_cli(env, "migrate")
    run_cli(env, "seed-demo")
    server = Server("admin-e2e", env, tmp, port=port).start()
    try:
        yield server.base
    finally:
        server.stop()


@pytest.fixture
def page_at(browser: Any, mailing_server: str) -> Iterator[Any]:
    """Factory: a page in a fresh (signed-out) browser context of the mailing server."""
    contexts: list[Any] = []
    errors: list[str] = []

    def make(width: int = 1280, height: int = 800) -> Any:
        ctx = browser.new_context(
            base_url=mailing_server, viewport={"width": width, "height": height}, locale="en-US"
        )
        ctx.set_default_timeout(15_000)
        contexts.append(ctx)
        page = ctx.new_page()
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        return page

    yield make
    for ctx in contexts:
        ctx.close()
    assert not errors, f"uncaught errors in the page: {errors}"


def _link(mail: MailServer, to: str, path: str, seen: int) -> str:
    """The path of the link in the next e-mail to `to` (after the first `seen` messages)."""
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        for message in mail.messages[seen:]:
            if message["To"] == to:
                found = re.search(rf"https?://[^/\s]+(/{path}/[\w-]+)", text_of(message))
                assert found, text_of(message)
                return found.group(1)
        time.sleep(0.2)
    raise AssertionError(f"no e-mail to {to} arrived")


def _wait_for_value(page: Any, selector: str, value: str) -> None:
    page.wait_for_function(
        "([s, v]) => [...document.querySelectorAll(s)].some((i) => i.value === v)",
        arg=[selector, value],
    )


def test_an_admin_starts_a_quarter_adds_a_team_and_invites_someone(
    page_at: Any, mail: MailServer
) -> None:
    admin = page_at()
    admin.goto("/")
    sign_in(admin, *ADMIN)
    admin.click(".app-nav a[href='/admin']")
    admin.wait_for_selector("#org-name")

    # the next quarter, from the template: its name and dates are filled in
    admin.click(".admin-tabs a[href='/admin/cycles']")
    name = admin.input_value("#cycle-name")
    assert re.fullmatch(r"\d{4} (Q[1-4]|年第[一二三四]季度)", name), name  # the admin reads zh-CN
    starts = admin.input_value("#cycle-starts")
    assert re.fullmatch(r"\d{4}-(01|04|07|10)-01", starts), starts
    admin.click("form.new-cycle button.btn-primary")
    _wait_for_value(admin, ".cycle-row input", name)

    # a team under Engineering-or-whatever: the top level is enough here
    admin.click(".admin-tabs a[href='/admin/teams']")
    admin.fill("#new-team-name", "Design Studio")
    admin.click("form.new-team button.btn-primary")
    _wait_for_value(admin, ".team-row input", "Design Studio")

    # the invitation, into that team
    admin.click(".admin-tabs a[href='/admin/people']")
    admin.fill("#invite-email", NEW)
    admin.fill("#invite-name", "Nora New")
    admin.select_option("#invite-team", label="Design Studio")
    seen = len(mail.messages)
    admin.click("form.invite-form button.btn-primary")
    admin.wait_for_selector(".invitation-row")
    assert NEW in admin.inner_text(".invitation-row")

    # the invited person opens the e-mailed link, signed out, and chooses a password
    invited = page_at(390, 844)  # on a phone
    invited.goto(_link(mail, NEW, "invite", seen))
    invited.wait_for_selector("#accept-password")
    assert invited.input_value("#accept-displayName") == "Nora New"
    invited.fill("#accept-password", "nora's first secret")
    invited.click(".account-card button[type=submit]")
    invited.wait_for_selector(".app-nav")  # signed in
    assert invited.url.endswith("/") or "/board/" in invited.url

    # the link worked once; the password signs in anywhere
    again = page_at()
    again.goto(_link(mail, NEW, "invite", seen))
    again.wait_for_selector(".account-card .notice")
    fresh = page_at()
    fresh.goto("/")
    sign_in(fresh, NEW, "nora's first secret")
    fresh.wait_for_selector(".app-nav")

    # the admin sees Nora in the team and among the people
    admin.reload()
    admin.wait_for_selector(".person-row")
    assert "Nora New" in admin.inner_text(".admin-page")
    assert "Design Studio" in admin.inner_text(".admin-page")


def test_a_forgotten_password_is_reset_by_e_mail(page_at: Any, mail: MailServer) -> None:
    page = page_at()
    page.goto("/")
    page.click(".signin-forgot a")
    page.fill("#forgot-email", "emily@example.com")
    seen = len(mail.messages)
    page.click(".account-card button[type=submit]")
    page.wait_for_selector(".account-card .inline-notice")

    reset = page_at(390, 844)
    reset.goto(_link(mail, "emily@example.com", "reset", seen))
    reset.wait_for_selector("#reset-password")
    reset.fill("#reset-password", "short")
    reset.click(".account-card button[type=submit]")
    reset.wait_for_selector("#reset-password-error")
    reset.fill("#reset-password", "emily's new secret")
    reset.click(".account-card button[type=submit]")
    reset.wait_for_selector(".app-nav")

    old = page_at()
    old.goto("/")
    sign_in(old, "emily@example.com", "lodestar")
    old.wait_for_selector("#signin-error span")
    sign_in(old, "emily@example.com", "emily's new secret")
    old.wait_for_selector(".app-nav")


def test_an_objective_is_archived_and_restored_from_the_ui(page_at: Any) -> None:
    admin = page_at()
    admin.goto("/")
    sign_in(admin, *ADMIN)
    admin.wait_for_selector(".app-nav")
    admin.goto("/admin/objectives")
    row = admin.locator(".objective-row:not(.inactive)").first
    oid = row.get_attribute("data-id")
    row.locator("button").click()
    admin.wait_for_selector(f".objective-row.inactive[data-id='{oid}']")

    # the objective page says so, and restores it (to a draft)
    admin.click(f".objective-row[data-id='{oid}'] a")
    restore = admin.inner_text(".obj-head .archive-objective")  # "Restore", in the admin's words
    admin.click(".obj-head .archive-objective")
    admin.wait_for_function(
        "(before) => document.querySelector('.obj-head .archive-objective').textContent !== before",
        arg=restore,
    )
    admin.goto("/admin/objectives")
    admin.wait_for_selector(f".objective-row:not(.inactive)[data-id='{oid}']")
