"""Single sign-on against a real OpenID provider (tests/oidc): the admins' settings, the
authorization-code flow with PKCE through the app's redirects, and every refusal — nothing
signed in, nothing created."""

from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from backend.api.context import SESSION_COOKIE
from backend.domain.enums import Role
from backend.models import ActivityEvent, AuthToken, SsoConfig, User
from backend.settings import Settings
from backend.transfer.export import export_organization
from tests.api.helpers import PASSWORD, Api, World
from tests.oidc.provider import CLIENT_ID, CLIENT_SECRET, OidcProvider

ACCOUNTS = {
    "mia": {"email": "mia@acme.test", "email_verified": True, "name": "Mia"},
    "mia-unverified": {"email": "mia@acme.test", "email_verified": False},
    "newbie": {"email": "newbie@acme.test", "email_verified": True, "name": "New Bie"},
    "stranger": {"email": "someone@elsewhere.test", "email_verified": True},
    "oscar": {"email": "oscar@other.test", "email_verified": True},
    "lou": {"email": "lou@acme.test", "email_verified": "true"},
}

Q_SETTINGS = """{ ssoSettings { enabled discoveryUrl clientId hasClientSecret jitDomain
  passwordSignIn redirectUri } }"""
M_SETTINGS = """mutation($i: SsoSettingsInput!) { updateSsoSettings(input: $i) {
  enabled discoveryUrl clientId hasClientSecret jitDomain passwordSignIn } }"""
M_SIGN_IN = """mutation($e: String!, $p: String!) { signIn(email: $e, password: $p) { id } }"""


@pytest.fixture(scope="module")
def provider(settings: Settings) -> Iterator[OidcProvider]:
    running = OidcProvider([settings.public_url + "/auth/sso/callback"], ACCOUNTS)
    yield running
    running.stop()


async def _turn_on(world: World, provider: OidcProvider, **changes: Any) -> None:
    await SsoConfig.create(
        organization=world.org,
        enabled=True,
        discovery_url=provider.discovery_url,
        client_id=CLIENT_ID,
        client_secret=CLIENT_SECRET,
        **changes,
    )


def _browser(world: World) -> httpx.AsyncClient:
    return httpx.AsyncClient(
        transport=httpx.ASGITransport(app=world.app), base_url="http://testserver"
    )


async def _through(
    http: httpx.AsyncClient, provider: OidcProvider, email: str, login: str
) -> httpx.Response:
    """Start at the app, sign in at the provider, come back: the callback's answer."""
    start = await http.get("/auth/sso/start", params={"email": email})
    assert start.status_code == 303, start.text
    back = urlsplit(await provider.sign_in(start.headers["location"], login))
    return await http.get(f"{back.path}?{back.query}")


def _refusal(response: httpx.Response) -> str | None:
    assert response.status_code == 303
    return parse_qs(urlsplit(response.headers["location"]).query).get("sso_error", [None])[0]


async def test_the_whole_flow_signs_in_by_verified_email(
    world: World, provider: OidcProvider
) -> None:
    await _turn_on(world, provider)
    async with _browser(world) as http:
        start = await http.get("/auth/sso/start", params={"email": " Mia@Acme.test "})
        query = parse_qs(urlsplit(start.headers["location"]).query)
        # PKCE (S256), state and nonce on the way out; the verifier stays with the browser
        assert query["code_challenge_method"] == ["S256"] and query["code_challenge"]
        assert query["state"] and query["nonce"] and query["login_hint"] == ["mia@acme.test"]
        back = urlsplit(await provider.sign_in(start.headers["location"], "mia"))
        done = await http.get(f"{back.path}?{back.query}")
        assert (done.status_code, done.headers["location"]) == (303, "/")
        assert done.cookies.get(SESSION_COOKIE)
        viewer = await http.post("/graphql", json={"query": "{ viewer { email } }"})
        assert viewer.json()["data"]["viewer"] == {"email": "mia@acme.test"}
        # the flow is spent: the same answer again is refused
        again = await http.get(f"{back.path}?{back.query}")
        assert _refusal(again) == "sso.state_mismatch"


async def test_a_state_that_is_not_this_browsers_is_refused(
    world: World, provider: OidcProvider
) -> None:
    await _turn_on(world, provider)
    async with _browser(world) as http:
        start = await http.get("/auth/sso/start", params={"email": "mia@acme.test"})
        back = urlsplit(await provider.sign_in(start.headers["location"], "mia"))
        forged = back.query.replace("state=", "state=x")
        assert _refusal(await http.get(f"{back.path}?{forged}")) == "sso.state_mismatch"
    async with _browser(world) as other_browser:  # the right state, but not the flow's cookie
        assert _refusal(await other_browser.get(f"{back.path}?{back.query}")) == (
            "sso.state_mismatch"
        )
    assert not await AuthToken.filter(is_session=True).exists()


@pytest.mark.parametrize(
    ("email", "login", "jit_domain", "refusal"),
    [
        ("mia@acme.test", "mia-unverified", "", "sso.email_unverified"),
        ("stranger@acme.test", "stranger", "acme.test", "sso.wrong_domain"),
        # just-in-time accounts off: the provider vouches for an address nobody has here
        ("mia@acme.test", "newbie", "", "sso.no_account"),
        # typed an Acme address, signed in at the provider as someone of another organization
        ("mia@acme.test", "oscar", "acme.test", "sso.other_org"),
    ],
)
async def test_refusals_sign_in_nobody_and_create_nothing(
    world: World, provider: OidcProvider, email: str, login: str, jit_domain: str, refusal: str
) -> None:
    await _turn_on(world, provider, jit_domain=jit_domain)
    users = await User.all().count()
    async with _browser(world) as http:
        assert _refusal(await _through(http, provider, email, login)) == refusal
        assert SESSION_COOKIE not in http.cookies
    assert await User.all().count() == users
    assert not await AuthToken.filter(is_session=True).exists()


async def test_just_in_time_accounts_for_the_allowed_domain(
    world: World, provider: OidcProvider
) -> None:
    await _turn_on(world, provider, jit_domain="acme.test")
    async with _browser(world) as http:
        # nobody has this address yet: the organization is found by its domain
        assert (await _through(http, provider, "newbie@acme.test", "newbie")).headers[
            "location"
        ] == "/"
    user = await User.get(email="newbie@acme.test")
    assert (user.organization_id, user.role, user.display_name) == (
        world.org.id,
        Role.MEMBER,
        "New Bie",
    )
    assert user.handle == "newbie"
    created = await ActivityEvent.filter(kind="user.created").values_list("payload", flat=True)
    assert [p["userId"] for p in created] == [user.id]


async def test_a_string_email_verified_counts_and_a_deactivated_account_is_refused(
    world: World, provider: OidcProvider
) -> None:
    await _turn_on(world, provider)
    async with _browser(world) as http:
        assert (await _through(http, provider, "lou@acme.test", "lou")).headers["location"] == "/"
    world.loner.is_active = False
    await world.loner.save()
    async with _browser(world) as http:
        assert _refusal(await _through(http, provider, "lou@acme.test", "lou")) == "sso.inactive"


async def test_without_sso_the_start_says_so(world: World, provider: OidcProvider) -> None:
    async with _browser(world) as http:
        start = await http.get("/auth/sso/start", params={"email": "mia@acme.test"})
        assert _refusal(start) == "sso.not_configured"
        text = await http.get(
            "/auth/sso/message",
            params={"key": "sso.not_configured"},
            headers={"Accept-Language": "zh-CN"},
        )
        assert text.text == "该邮箱所在的组织未启用单点登录。"
        assert (await http.get("/auth/sso/message", params={"key": "internal"})).status_code == 404


async def test_admins_set_it_up_and_the_secret_never_comes_back(
    world: World, provider: OidcProvider
) -> None:
    admin = await world.as_(world.admin)
    off = (await admin.ok(Q_SETTINGS))["ssoSettings"]
    assert (off["enabled"], off["hasClientSecret"], off["passwordSignIn"]) == (False, False, True)
    assert off["redirectUri"].endswith("/auth/sso/callback")
    incomplete = await admin.error(M_SETTINGS, {"i": {"enabled": True}})
    assert (incomplete["code"], incomplete["field"]) == ("BAD_USER_INPUT", "enabled")
    for bad, field in (
        ({"discoveryUrl": "http://idp.example.com/.well-known/openid-configuration"}, None),
        ({"jitDomain": "not a domain"}, "jitDomain"),
        ({"passwordSignIn": False}, "passwordSignIn"),
    ):
        refused = await admin.error(M_SETTINGS, {"i": bad})
        assert refused["code"] == "BAD_USER_INPUT"
        assert refused["field"] == (field or "discoveryUrl")
    assert not await SsoConfig.filter(organization_id=world.org.id, enabled=True).exists()
    on = {
        "enabled": True,
        "discoveryUrl": provider.discovery_url,
        "clientId": CLIENT_ID,
        "clientSecret": CLIENT_SECRET,
        "jitDomain": "@Acme.test",
        "passwordSignIn": False,
    }
    saved = (await admin.ok(M_SETTINGS, {"i": on}))["updateSsoSettings"]
    assert saved == {
        "enabled": True,
        "discoveryUrl": provider.discovery_url,
        "clientId": CLIENT_ID,
        "hasClientSecret": True,
        "jitDomain": "acme.test",
        "passwordSignIn": False,
    }
    assert CLIENT_SECRET not in str(await admin.raw(Q_SETTINGS))
    await admin.error("{ ssoSettings { clientSecret } }")  # no such field
    # leaving the secret out keeps it
    kept = await admin.ok(M_SETTINGS, {"i": {"clientId": CLIENT_ID}})
    assert kept["updateSsoSettings"]["hasClientSecret"]
    assert await ActivityEvent.filter(kind="organization.sso_changed").count() == 2

    # password sign-in is off for members; admins keep theirs
    anonymous = Api(world.app)
    refused = await anonymous.error(M_SIGN_IN, {"e": world.member.email, "p": PASSWORD})
    assert refused["code"] == "UNAUTHENTICATED"
    assert "single sign-on" in refused["message"]
    await anonymous.ok(M_SIGN_IN, {"e": world.admin.email, "p": PASSWORD})


@pytest.mark.parametrize("who", ["nobody", "member", "outsider"])
async def test_only_the_organizations_admins_see_or_change_it(
    world: World, provider: OidcProvider, who: str
) -> None:
    await _turn_on(world, provider)
    user = {"nobody": None, "member": world.member, "outsider": world.outsider}[who]
    api = await world.as_(user)
    change = {"i": {"clientId": "hijacked", "enabled": False}}
    if who == "outsider":
        # an admin of another organization reads and writes only their own
        theirs = (await api.ok(Q_SETTINGS))["ssoSettings"]
        assert (theirs["clientId"], theirs["enabled"]) == ("", False)
        await api.ok(M_SETTINGS, {"i": {"clientId": "theirs"}})
    else:
        expected = "UNAUTHENTICATED" if user is None else "FORBIDDEN"
        assert (await api.error(Q_SETTINGS))["code"] == expected
        assert (await api.error(M_SETTINGS, change))["code"] == expected
    ours = await SsoConfig.get(organization_id=world.org.id)
    assert (ours.client_id, ours.enabled) == (CLIENT_ID, True)


async def test_the_organizations_export_carries_its_sso_settings(
    world: World, provider: OidcProvider
) -> None:
    await _turn_on(world, provider, jit_domain="acme.test")
    await SsoConfig.create(organization_id=world.outsider.organization_id, client_id="theirs")
    (row,) = (await export_organization("acme"))["tables"]["sso_config"]
    assert (row["organization_id"], row["client_secret"], row["jit_domain"]) == (
        world.org.id,
        CLIENT_SECRET,
        "acme.test",
    )
