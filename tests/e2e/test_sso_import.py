"""Adopting Lodestar (issue 15) in Chromium: signing in with SSO against a real OpenID provider
(the authorization-code flow with PKCE, the provider's own sign-in page), a refused sign-in
saying why; an OKR import whose bad row is shown and nothing written, then the fixed file."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.e2e.helpers import ADMIN, Api, default_cycle, sign_in
from tests.oidc.provider import CLIENT_ID, CLIENT_SECRET, OidcProvider
from tests.servers import Server, free_port, run_cli, server_env

pytestmark = pytest.mark.e2e

M_SSO = """mutation($i: SsoSettingsInput!) { updateSsoSettings(input: $i) { enabled } }"""
Q_TITLES = """query($c: ID!) { board(cycleId: $c) { title } }"""
ACCOUNTS = {
    "zhangsan": {"email": "zhangsan@example.com", "email_verified": True, "name": "张三"},
    "emily": {"email": "emily@example.com", "email_verified": False},
}


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A seeded server of its own: its public address (the redirect URI registered at the
    provider) must be the one the browser opens."""
    tmp = tmp_path_factory.mktemp("lodestar-adopt")
    port = free_port()
    env = server_env(tmp, f"sqlite:///{tmp / 'lodestar.sqlite3'}", web_app=True)
    env["LODESTAR_PUBLIC_URL"] = f"http://127.0.0.1:{port}"
    run_cli(env, "migrate")
    run_cli(env, "seed-demo")
    running = Server("adopt", env, tmp, port=port).start()
    yield running.base
    running.stop()


@pytest.fixture(scope="module")
def provider(server: str) -> Iterator[OidcProvider]:
    running = OidcProvider([server + "/auth/sso/callback"], ACCOUNTS)
    yield running
    running.stop()


@pytest.fixture
def page(browser: Any, server: str) -> Iterator[Any]:
    ctx = browser.new_context(
        base_url=server, locale="en-US", viewport={"width": 1280, "height": 800}
    )
    ctx.set_default_timeout(15_000)
    ctx.add_init_script("localStorage.setItem('lodestar.lang', 'en')")
    page = ctx.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    yield page
    ctx.close()
    assert not errors, errors


def test_sign_in_with_sso_through_the_provider(
    page: Any, server: str, provider: OidcProvider
) -> None:
    admin = Api(server, ADMIN)
    settings = {
        "discoveryUrl": provider.discovery_url,
        "clientId": CLIENT_ID,
        "clientSecret": CLIENT_SECRET,
        "enabled": True,
    }
    assert admin(M_SSO, {"i": settings})["updateSsoSettings"]["enabled"]

    page.goto("/")
    page.fill("#signin-email", "zhangsan@example.com")
    page.click("button.signin-sso")
    # the provider's own sign-in page, with the PKCE challenge in the request that led there
    page.wait_for_url(f"{provider.issuer}/**")
    page.fill("input[name=login]", "zhangsan")
    page.fill("input[name=password]", "anything")
    page.click("button[type=submit]")
    page.wait_for_url(f"{server}/")
    page.wait_for_selector(".node[data-level='COMPANY']")
    assert page.text_content(".me-name") == "张三"

    # a provider that has not verified the address: back on the sign-in page, told why
    page.click("button.sign-out")
    page.context.clear_cookies()  # the provider's session too: someone else signs in there
    page.goto("/")
    page.fill("#signin-email", "emily@example.com")
    page.click("button.signin-sso")
    page.wait_for_url(f"{provider.issuer}/**")
    page.fill("input[name=login]", "emily")
    page.fill("input[name=password]", "anything")
    page.click("button[type=submit]")
    page.wait_for_selector("#signin-error:has-text('not verified at the identity provider')")


BAD_OKRS = (
    "Objective,Key result,Owner,Kind,Start,Target,Unit,Weight\n"
    "Open the Shanghai office,,zhangsan,,,,,\n"
    ",Sign the lease,,milestone,,,,50\n"
    ",Hire the first ten,,increase,0,ten,people,50\n"
)
GOOD_OKRS = (
    "Objective,Key result,Owner,Kind,Start,Target,Unit,Weight,Due\n"
    "Open the Shanghai office,,zhangsan,,,,,,\n"
    ",Sign the lease,,milestone,,,,50,2030-03-31\n"
    ",Hire the first ten,,increase,0,10,people,50,\n"
)


def _csv(text: str) -> dict[str, Any]:
    return {"name": "okrs.csv", "mimeType": "text/csv", "buffer": text.encode()}


def test_an_import_with_a_bad_row_writes_nothing_then_the_fixed_file_succeeds(
    page: Any, server: str
) -> None:
    admin = Api(server, ADMIN)
    cycle = default_cycle(admin)

    def titles() -> list[str]:
        return [o["title"] for o in admin(Q_TITLES, {"c": cycle})["board"]]

    page.goto("/")
    sign_in(page)
    page.wait_for_selector(".node[data-level='COMPANY']")
    page.goto("/admin/import")
    page.click("button:has-text('OKRs')")
    page.select_option("#import-cycle", cycle)

    page.set_input_files("#import-file", files=[_csv(BAD_OKRS)])
    problems = page.wait_for_selector(".import-problems")
    rows = problems.eval_on_selector_all(
        "tbody tr", "trs => trs.map((tr) => [...tr.cells].map((c) => c.textContent))"
    )
    assert rows == [
        ["3", "due", "A milestone needs a due date."],  # a column the file lacks: its name
        ["4", "Target", "Target must be a number."],
    ]
    assert page.query_selector("button:has-text('Import')") is None
    assert "Open the Shanghai office" not in titles()

    page.set_input_files("#import-file", files=[_csv(GOOD_OKRS)])
    page.wait_for_selector("text=Ready: 1 objectives with 2 key results.")
    page.click(".import-result button:has-text('Import')")
    page.wait_for_selector("text=Imported 1 objectives with 2 key results as drafts.")
    assert titles().count("Open the Shanghai office") == 1
