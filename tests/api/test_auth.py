"""Accounts over HTTP: the session cookie, sign-out, API tokens, the
Origin and content-type rules for writes, and masked internal errors."""

import logging
from typing import Any

import httpx
import pytest

from backend.models import AuthToken
from tests.api.helpers import PASSWORD, Api, World, gid

SIGN_IN = """mutation($e: String!, $p: String!) { signIn(email: $e, password: $p) {
  handle } }"""
VIEWER = "{ viewer { handle } }"
NEW_TOKEN = "mutation($n: String!) { createApiToken(name: $n) { token apiToken { id name } } }"
TOKENS = "{ apiTokens { id name } }"


def browser(world: World, address: str = "127.0.0.1", **headers: str) -> httpx.AsyncClient:
    """A client with a cookie jar, as seen from `address`."""
    return httpx.AsyncClient(
        transport=httpx.ASGITransport(app=world.app, client=(address, 40000)),
        base_url="http://testserver",
        headers=headers,
    )


async def post(client: httpx.AsyncClient, query: str, variables: Any = None) -> httpx.Response:
    return await client.post("/graphql", json={"query": query, "variables": variables})


async def sign_in(client: httpx.AsyncClient, email: str, password: str) -> httpx.Response:
    return await post(client, SIGN_IN, {"e": email, "p": password})


def code(response: httpx.Response) -> str | None:
    errors = response.json().get("errors")
    return errors[0]["extensions"]["code"] if errors else None


async def test_sign_in_sets_an_http_only_lax_cookie(world: World) -> None:
    client = browser(world)
    response = await sign_in(client, "MIA@acme.test ", PASSWORD)  # case and spaces forgiven
    assert response.json() == {"data": {"signIn": {"handle": "mia"}}}
    cookie = response.headers["set-cookie"]
    attributes = {part.strip().split("=")[0].lower() for part in cookie.split(";")}
    assert cookie.startswith("lodestar_session=")
    assert {"httponly", "samesite", "path", "max-age"} <= attributes
    assert "samesite=lax" in cookie.lower()
    assert "secure" not in attributes  # LODESTAR_SECURE_COOKIES is off in tests
    assert (await post(client, VIEWER)).json()["data"] == {"viewer": {"handle": "mia"}}
    # the session is not an API token
    assert (await post(client, TOKENS)).json()["data"] == {"apiTokens": []}


@pytest.mark.usefixtures("quick_hash")
async def test_wrong_credentials(world: World, subtests: pytest.Subtests) -> None:
    for email, password in (
        ("mia@acme.test", "wrong horse"),
        ("nobody@acme.test", PASSWORD),
        ("mia@acme.test", ""),
    ):
        with subtests.test(msg=f"{email} / {password!r}"):
            client = browser(world, f"10.9.9.{len(password)}")
            response = await sign_in(client, email, password)
            body = response.json()
            assert body["data"] is None
            assert body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
            assert body["errors"][0]["message"] == "Wrong email or password."
            assert "set-cookie" not in response.headers
            assert (await post(client, VIEWER)).json()["data"] == {"viewer": None}


async def test_deactivated_people_cannot_sign_in_and_their_tokens_stop(world: World) -> None:
    mia = await world.as_(world.member)
    admin = await world.as_(world.admin)
    await admin.ok(
        "mutation($id: ID!) { updateUser(id: $id, input: {isActive: false}) { id } }",
        {"id": gid("user", world.member.id)},
    )
    assert code(await sign_in(browser(world), "mia@acme.test", PASSWORD)) == "UNAUTHENTICATED"
    assert (await mia.ok(VIEWER))["viewer"] is None


_VERIFIED: dict[tuple[str, str], bool] = {}


@pytest.fixture
def quick_hash(monkeypatch: pytest.MonkeyPatch) -> None:
    """Argon2 takes ~0.3 s per check on purpose. The rate-limit tests count attempts, not
    hashes: they keep the real check but remember its answer per (hash, password)."""
    from backend.actions import auth

    real = auth._verify

    async def remembered(stored: str, given: str) -> bool:
        if (stored, given) not in _VERIFIED:
            _VERIFIED[stored, given] = await real(stored, given)
        return _VERIFIED[stored, given]

    monkeypatch.setattr(auth, "_verify", remembered)


async def test_sign_out_revokes_the_session(world: World) -> None:
    client = browser(world)
    response = await sign_in(client, "pat@acme.test", PASSWORD)
    session = response.cookies["lodestar_session"]
    out = await post(client, "mutation { signOut }")
    assert out.json() == {"data": {"signOut": True}}
    assert "max-age=0" in out.headers["set-cookie"].lower()  # the browser drops it
    # the old cookie value, replayed, no longer works
    replay = browser(world)
    replay.cookies.set("lodestar_session", session)
    assert (await post(replay, VIEWER)).json()["data"] == {"viewer": None}
    row = await AuthToken.get(user_id=world.peer.id, is_session=True)
    assert row.revoked_at is not None


async def test_api_tokens_create_list_revoke(world: World) -> None:
    await world.as_(world.member)  # the fixture's "test" token
    mia = await _signed_in(world)  # tokens are made from a signed-in session
    made = (await post(mia, NEW_TOKEN, {"n": "ci"})).json()["data"]["createApiToken"]
    assert made["token"].startswith("lst_") and made["apiToken"]["name"] == "ci"
    names = (await post(mia, TOKENS)).json()["data"]["apiTokens"]
    assert [t["name"] for t in names] == ["test", "ci"]
    # the token works as a Bearer token, and the list shows no one else's
    script = Api(world.app, made["token"])
    assert (await script.ok(VIEWER))["viewer"] == {"handle": "mia"}
    pat = await world.as_(world.peer)
    assert [t["name"] for t in (await pat.ok(TOKENS))["apiTokens"]] == ["test"]
    assert await AuthToken.filter(token_hash=made["token"]).count() == 0  # stored hashed

    revoke = "mutation($id: ID!) { revokeApiToken(id: $id) }"
    assert (await script.ok(revoke, {"id": made["apiToken"]["id"]}))["revokeApiToken"] is True
    names = (await post(mia, TOKENS)).json()["data"]["apiTokens"]
    assert [t["name"] for t in names] == ["test"]
    assert (await script.ok(VIEWER))["viewer"] is None
    refused = await script.error(NEW_TOKEN, {"n": "again"})
    assert refused["code"] == "UNAUTHENTICATED"
    assert code(await post(mia, revoke, {"id": made["apiToken"]["id"]})) == "NOT_FOUND"
    assert (await Api(world.app, "lst_made-up").ok(VIEWER))["viewer"] is None


async def _signed_in(world: World, **headers: str) -> httpx.AsyncClient:
    client = browser(world, **headers)
    assert code(await sign_in(client, "mia@acme.test", PASSWORD)) is None
    return client


async def test_cookie_mutation_from_a_foreign_origin_is_refused(world: World) -> None:
    client = await _signed_in(world)
    tokens = await AuthToken.all().count()
    for origin in ("http://evil.example", "http://testserver.evil.example", "null"):
        response = await client.post(
            "/graphql",
            json={"query": NEW_TOKEN, "variables": {"n": "csrf"}},
            headers={"Origin": origin},
        )
        assert response.status_code == 403, origin
        assert code(response) == "FORBIDDEN"
        assert response.json()["errors"][0]["message"]
    assert await AuthToken.all().count() == tokens
    # our own origin, and no Origin at all (not a browser), work
    for headers in ({"Origin": "http://testserver"}, {}):
        response = await client.post(
            "/graphql", json={"query": NEW_TOKEN, "variables": {"n": "ok"}}, headers=headers
        )
        assert response.status_code == 200 and code(response) is None
    assert await AuthToken.all().count() == tokens + 2


async def test_bearer_requests_are_not_subject_to_the_origin_check(world: World) -> None:
    api = await world.as_(world.member)
    response = await api.http.post(
        "/graphql", json={"query": VIEWER}, headers={"Origin": "http://elsewhere.example"}
    )
    assert response.status_code == 200
    assert response.json()["data"] == {"viewer": {"handle": "mia"}}


async def test_writes_must_be_json(world: World, subtests: pytest.Subtests) -> None:
    client = await _signed_in(world)
    for content_type, content in (
        ("application/x-www-form-urlencoded", "query=mutation+%7B+signOut+%7D"),
        ("text/plain", '{"query": "mutation { signOut }"}'),
        ("multipart/form-data; boundary=x", '--x\r\nContent-Disposition: form-data; name="a"\r\n'),
        ("", '{"query": "mutation { signOut }"}'),
    ):
        with subtests.test(msg=content_type or "no content type"):
            response = await client.post(
                "/graphql", content=content, headers={"Content-Type": content_type}
            )
            assert response.status_code == 415
            assert code(response) == "BAD_USER_INPUT"
    # none of them signed us out
    assert (await post(client, VIEWER)).json()["data"] == {"viewer": {"handle": "mia"}}


async def test_mutations_are_not_run_by_get(world: World) -> None:
    api = await world.as_(world.member)
    tokens = await AuthToken.all().count()
    response = await api.http.get(
        "/graphql", params={"query": 'mutation { createApiToken(name: "get") { token } }'}
    )
    assert response.status_code >= 400
    assert await AuthToken.all().count() == tokens
    # a query by GET is fine
    ok = await api.http.get("/graphql", params={"query": VIEWER})
    assert ok.json()["data"] == {"viewer": {"handle": "mia"}}


async def test_internal_errors_are_masked_and_logged(
    world: World, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    from backend.read import people

    async def broken(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("connection string postgres://secret@db")

    monkeypatch.setattr(people, "search_people", broken)
    api = await world.as_(world.member)
    with caplog.at_level(logging.ERROR, logger="lodestar.api"):
        response = await api.http.post("/graphql", json={"query": "{ people { handle } }"})
    assert "secret" not in response.text
    (error,) = response.json()["errors"]
    request_id = error["extensions"]["requestId"]
    assert error["extensions"]["code"] == "INTERNAL"
    assert request_id and error["message"] == f"Internal error (request {request_id})."
    assert "internal error" in error["message"].lower()
    logged = [r for r in caplog.records if request_id in r.getMessage()]
    assert logged and logged[0].exc_info and "secret" in str(logged[0].exc_info[1])

    zh = Api(world.app, None, headers={"Accept-Language": "zh-CN"})
    zh.http.headers["Authorization"] = api.http.headers["Authorization"]
    body = await zh.raw("{ people { handle } }")
    assert body["errors"][0]["message"].startswith("服务器内部错误")
