"""One's own credentials over HTTP: changing the password or the sign-in e-mail (both need the
current password), signing out everywhere, signing in again in the same browser, and API
tokens that expire, note their last use and cannot mint tokens. Each mutation: signed out,
another organization, a plain member, and bad input that changes nothing."""

from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest

from backend.models import AuthToken, User
from tests.api.helpers import PASSWORD, Api, World, fingerprint, gid
from tests.api.test_auth import VIEWER, browser, code, post, sign_in

CHANGE_PASSWORD = """mutation($c: String!, $n: String!) {
  changePassword(currentPassword: $c, newPassword: $n) }"""
CHANGE_EMAIL = """mutation($e: String!, $p: String!) { changeEmail(email: $e, password: $p) {
  email } }"""
EVERYWHERE = "mutation { signOutEverywhere }"
NEW_TOKEN = """mutation($n: String!, $x: DateTime) { createApiToken(name: $n, expiresAt: $x) {
  token apiToken { id name expiresAt lastUsedAt } } }"""
TOKENS = "{ apiTokens { id name expiresAt lastUsedAt } }"
REVOKE = "mutation($id: ID!) { revokeApiToken(id: $id) }"
NEW = "a much better phrase"


async def session(world: World, email: str = "mia@acme.test", address: str = "127.0.0.1") -> Any:
    client = browser(world, address)
    assert code(await sign_in(client, email, PASSWORD)) is None
    return client


def error(response: httpx.Response) -> dict[str, Any]:
    first = response.json()["errors"][0]
    return {"code": first["extensions"]["code"], "field": first["extensions"].get("field")}


async def signed_in(client: httpx.AsyncClient) -> bool:
    return (await post(client, VIEWER)).json()["data"]["viewer"] is not None


async def test_change_password_needs_the_current_one_and_ends_the_other_sessions(
    world: World,
) -> None:
    here, there = await session(world), await session(world, address="10.1.1.1")
    script = await world.as_(world.member)
    pat = await session(world, "pat@acme.test")
    ended = await post(here, CHANGE_PASSWORD, {"c": PASSWORD, "n": NEW})
    assert ended.json() == {"data": {"changePassword": 1}}
    assert await signed_in(here) and not await signed_in(there)
    assert (await script.ok(VIEWER))["viewer"] == {"handle": "mia"}  # API tokens stay
    assert await signed_in(pat)  # nobody else's sessions
    assert code(await sign_in(browser(world, "10.2.2.2"), "mia@acme.test", PASSWORD))
    assert code(await sign_in(browser(world, "10.2.2.3"), "mia@acme.test", NEW)) is None


async def test_change_password_refusals_change_nothing(
    world: World, subtests: pytest.Subtests
) -> None:
    client = await session(world)
    before = await fingerprint()
    for current, new, expected in (
        ("wrong horse", NEW, ("BAD_USER_INPUT", "currentPassword")),
        (PASSWORD, "short", ("BAD_USER_INPUT", "newPassword")),
        (PASSWORD, "password123", ("BAD_USER_INPUT", "newPassword")),  # among the most common
        (PASSWORD, "Sunshine", ("BAD_USER_INPUT", "newPassword")),  # whatever the case
        (PASSWORD, " \t        ", ("BAD_USER_INPUT", "newPassword")),
        (PASSWORD, "x" * 201, ("BAD_USER_INPUT", "newPassword")),
    ):
        with subtests.test(msg=new[:20]):
            response = await post(client, CHANGE_PASSWORD, {"c": current, "n": new})
            got = error(response)
            assert (got["code"], got["field"]) == expected
    assert await fingerprint() == before
    assert (await Api(world.app).error(CHANGE_PASSWORD, {"c": PASSWORD, "n": NEW}))[
        "code"
    ] == "UNAUTHENTICATED"


async def test_policy_messages_in_both_languages(world: World) -> None:
    client = await session(world)
    for language, common, blank in (
        ("en", "one of the most common", "only spaces"),
        ("zh-CN", "过于常见", "全是空格"),
    ):
        headers = {"Accept-Language": language}
        for password, text in (("iloveyou", common), ("          ", blank)):
            response = await client.post(
                "/graphql",
                json={"query": CHANGE_PASSWORD, "variables": {"c": PASSWORD, "n": password}},
                headers=headers,
            )
            assert text in response.json()["errors"][0]["message"]


async def test_sign_out_everywhere_ends_every_session_but_not_the_tokens(world: World) -> None:
    here, there = await session(world), await session(world, address="10.1.1.1")
    script = await world.as_(world.member)
    pat = await session(world, "pat@acme.test")
    assert (await post(here, EVERYWHERE)).json() == {"data": {"signOutEverywhere": 2}}
    assert not await signed_in(here) and not await signed_in(there)
    assert (await script.ok(VIEWER))["viewer"] == {"handle": "mia"}
    assert await signed_in(pat)
    assert (await Api(world.app).error(EVERYWHERE))["code"] == "UNAUTHENTICATED"


async def test_signing_in_again_in_the_same_browser_replaces_its_session(world: World) -> None:
    client = await session(world)
    first = client.cookies["lodestar_session"]
    assert code(await sign_in(client, "pat@acme.test", PASSWORD)) is None  # someone else, even
    replay = browser(world)
    replay.cookies.set("lodestar_session", first)
    assert not await signed_in(replay)
    assert (await post(client, VIEWER)).json()["data"] == {"viewer": {"handle": "pat"}}
    assert await AuthToken.filter(user_id=world.member.id, revoked_at=None).count() == 0


async def test_change_email_needs_the_password(world: World, subtests: pytest.Subtests) -> None:
    client = await session(world)
    before = await fingerprint()
    for email, password, expected in (
        ("mia@new.test", "wrong horse", ("BAD_USER_INPUT", "password")),
        ("not an address", PASSWORD, ("BAD_USER_INPUT", "email")),
        ("oscar@other.test", PASSWORD, ("CONFLICT", "email")),  # the outsider's
        ("ada@acme.test", PASSWORD, ("CONFLICT", "email")),
    ):
        with subtests.test(msg=email):
            got = error(await post(client, CHANGE_EMAIL, {"e": email, "p": password}))
            assert (got["code"], got["field"]) == expected
    assert await fingerprint() == before
    done = await post(client, CHANGE_EMAIL, {"e": " Mia@New.test", "p": PASSWORD})
    assert done.json() == {"data": {"changeEmail": {"email": "mia@new.test"}}}
    assert code(await sign_in(browser(world, "10.3.3.3"), "mia@new.test", PASSWORD)) is None
    anonymous = await Api(world.app).error(CHANGE_EMAIL, {"e": "x@y.test", "p": PASSWORD})
    assert anonymous["code"] == "UNAUTHENTICATED"


async def test_own_email_and_password_are_not_changed_without_the_password(
    world: World,
) -> None:
    update = "mutation($id: ID!, $i: UserInput!) { updateUser(id: $id, input: $i) { id } }"
    member, admin = await world.as_(world.member), await world.as_(world.admin)
    before = await fingerprint()
    for api, actor, field, value in (
        (member, world.member, "email", "mia@else.test"),
        (member, world.member, "password", NEW),
        (admin, world.admin, "email", "ada@else.test"),  # an admin too, for their own account
    ):
        got = await api.error(update, {"id": gid("user", actor.id), "i": {field: value}})
        assert (got["code"], got["field"]) == ("BAD_USER_INPUT", field)
    profile = await member.raw('mutation { updateProfile(input: { password: "x" }) { id } }')
    assert profile["errors"]  # no such field any more
    assert await fingerprint() == before


async def test_an_admin_reset_or_deactivation_ends_that_persons_sessions(world: World) -> None:
    mia, pat = await session(world), await session(world, "pat@acme.test")
    admin = await world.as_(world.admin)
    update = "mutation($id: ID!, $i: UserInput!) { updateUser(id: $id, input: $i) { id } }"
    await admin.ok(update, {"id": gid("user", world.member.id), "i": {"password": NEW}})
    assert not await signed_in(mia) and await signed_in(pat)
    await admin.ok(update, {"id": gid("user", world.peer.id), "i": {"isActive": False}})
    assert not await signed_in(pat)
    await admin.ok(update, {"id": gid("user", world.peer.id), "i": {"isActive": True}})
    assert not await signed_in(pat)  # reactivation does not revive the session
    refused = await admin.error(
        update, {"id": gid("user", world.member.id), "i": {"password": "12345678"}}
    )
    assert refused["code"] == "BAD_USER_INPUT"


async def test_a_token_cannot_mint_tokens(world: World) -> None:
    script = await world.as_(world.member)
    before = await AuthToken.all().count()
    assert (await script.error(NEW_TOKEN, {"n": "child"}))["code"] == "FORBIDDEN"
    assert (await Api(world.app).error(NEW_TOKEN, {"n": "x"}))["code"] == "UNAUTHENTICATED"
    assert await AuthToken.all().count() == before


async def test_tokens_expire(world: World, subtests: pytest.Subtests) -> None:
    client = await session(world)
    before = await fingerprint()
    past = (datetime.now(UTC) - timedelta(minutes=1)).isoformat()
    for name, expires, field in (
        ("old", past, "expiresAt"),
        ("", None, "name"),
        ("n" * 101, None, "name"),
    ):
        with subtests.test(msg=field):
            got = error(await post(client, NEW_TOKEN, {"n": name, "x": expires}))
            assert (got["code"], got["field"]) == ("BAD_USER_INPUT", field)
    bad_date = await post(client, NEW_TOKEN, {"n": "x", "x": "tomorrow"})
    assert bad_date.json()["errors"]
    assert await fingerprint() == before

    soon = datetime.now(UTC) + timedelta(days=30)
    made = (await post(client, NEW_TOKEN, {"n": "ci", "x": soon.isoformat()})).json()["data"]
    token = made["createApiToken"]
    assert token["apiToken"]["expiresAt"].startswith(soon.date().isoformat())
    script = Api(world.app, token["token"])
    assert (await script.ok(VIEWER))["viewer"] == {"handle": "mia"}
    pk = int(token["apiToken"]["id"].rsplit("_", 1)[1])
    await AuthToken.filter(id=pk).update(expires_at=datetime.now(UTC) - timedelta(seconds=1))
    assert (await script.ok(VIEWER))["viewer"] is None


async def test_last_use_is_noted_at_most_once_a_minute(world: World) -> None:
    client = await session(world)
    made = (await post(client, NEW_TOKEN, {"n": "ci"})).json()["data"]["createApiToken"]
    assert made["apiToken"]["lastUsedAt"] is None
    pk = int(made["apiToken"]["id"].rsplit("_", 1)[1])
    script = Api(world.app, made["token"])
    await script.ok(VIEWER)
    first = (await AuthToken.get(id=pk)).last_used_at
    assert first is not None
    await script.ok(VIEWER)
    assert (await AuthToken.get(id=pk)).last_used_at == first  # no write within the minute
    two_minutes_ago = datetime.now(UTC) - timedelta(minutes=2)
    await AuthToken.filter(id=pk).update(last_used_at=two_minutes_ago)
    await script.ok(VIEWER)
    assert (await AuthToken.get(id=pk)).last_used_at > two_minutes_ago  # type: ignore[operator]
    listed = (await post(client, TOKENS)).json()["data"]["apiTokens"]
    assert [t["lastUsedAt"] is not None for t in listed if t["name"] == "ci"] == [True]


async def test_revoking_only_ones_own_tokens(world: World) -> None:
    client = await session(world)
    made = (await post(client, NEW_TOKEN, {"n": "ci"})).json()["data"]["createApiToken"]
    token_id = made["apiToken"]["id"]
    for other in (world.peer, world.admin, world.outsider):  # a member, an admin, another org
        api = await world.as_(other)
        assert (await api.error(REVOKE, {"id": token_id}))["code"] == "NOT_FOUND"
    assert (await Api(world.app).error(REVOKE, {"id": token_id}))["code"] == "UNAUTHENTICATED"
    assert (await Api(world.app, made["token"]).ok(VIEWER))["viewer"] == {"handle": "mia"}
    for bad in ("tok_x", "User_1", ""):
        assert code(await post(client, REVOKE, {"id": bad})) in ("BAD_USER_INPUT", "NOT_FOUND")
    assert (await post(client, REVOKE, {"id": token_id})).json() == {
        "data": {"revokeApiToken": True}
    }


async def test_the_outsider_changes_only_their_own_password(world: World) -> None:
    outsider = await session(world, world.outsider.email)
    mia = await session(world)
    response = await post(outsider, CHANGE_PASSWORD, {"c": PASSWORD, "n": NEW})
    assert response.json() == {"data": {"changePassword": 0}}
    assert await signed_in(mia)
    assert (await User.get(id=world.member.id)).password_hash != (
        await User.get(id=world.outsider.id)
    ).password_hash


async def test_guessing_the_current_password_is_rate_limited(world: World) -> None:
    """A stolen session cannot try passwords faster than sign-in can: the same account limit."""
    client = await session(world)
    for _ in range(world.settings.login_attempts):
        got = error(await post(client, CHANGE_PASSWORD, {"c": "guess", "n": NEW}))
        assert got["code"] == "BAD_USER_INPUT"
    limited = await post(client, CHANGE_PASSWORD, {"c": PASSWORD, "n": NEW})
    assert error(limited)["code"] == "RATE_LIMITED"
    changed = await post(client, CHANGE_EMAIL, {"e": "mia@new.test", "p": PASSWORD})
    assert error(changed)["code"] == "RATE_LIMITED"
