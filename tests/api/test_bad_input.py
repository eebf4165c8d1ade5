"""Bad input is a clear BAD_USER_INPUT on both engines and changes nothing — never an internal
error: NUL (which PostgreSQL cannot store) in a variable or a literal, lone surrogates, ids
spelled with other digits, hidden characters in names and e-mail addresses."""

from typing import Any

import httpx
import pytest

from tests.api.helpers import World, fingerprint, gid

CREATE = "mutation($i: CreateObjectiveInput!) { createObjective(input: $i) { id } }"
SIGN_IN = "mutation($e: String!, $p: String!) { signIn(email: $e, password: $p) { id } }"
PROFILE = "mutation($n: String!) { updateProfile(input: {displayName: $n}) { displayName } }"


async def post(world: World, body: bytes, token: str | None = None) -> httpx.Response:
    headers = {"Content-Type": "application/json", "Accept-Language": "en"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=world.app), base_url="http://testserver"
    ) as http:
        return await http.post("/graphql", content=body, headers=headers)


def first_error(response: httpx.Response) -> dict[str, Any]:
    error: dict[str, Any] = response.json()["errors"][0]
    return error


@pytest.mark.parametrize(
    ("body", "words"),
    [
        # a NUL in a variable, escaped in the JSON
        (
            b'{"query": "%s", "variables": {"e": "a\\u0000@x.test", "p": "x"}}' % SIGN_IN.encode(),
            "NUL",
        ),
        # a NUL in a string literal of the document
        (
            b'{"query": "mutation { signIn(email: \\"a\\\\u0000@x.test\\", password: \\"x\\") '
            b'{ id } }"}',
            "NUL",
        ),
        # a lone surrogate in a variable: not valid JSON text
        (
            b'{"query": "%s", "variables": {"e": "a\\ud800@x.test", "p": "x"}}' % SIGN_IN.encode(),
            "not valid JSON",
        ),
        # … and in a literal
        (
            b'{"query": "mutation { signIn(email: \\"\\\\ud800\\", password: \\"x\\") { id } }"}',
            "Unicode escape",
        ),
    ],
    ids=["nul-variable", "nul-literal", "surrogate-variable", "surrogate-literal"],
)
async def test_anonymous_sign_in_refuses_nul_and_surrogates(
    world: World, body: bytes, words: str
) -> None:
    before = await fingerprint()
    response = await post(world, body)
    error = first_error(response)
    assert error["extensions"]["code"] == "BAD_USER_INPUT", error
    assert words in error["message"]
    assert await fingerprint() == before


async def test_nul_in_a_title_is_refused_and_nothing_written(world: World) -> None:
    api = await world.as_(world.member)
    before = await fingerprint()
    for title in ("a\x00b", "\x00"):
        error = await api.error(
            CREATE, {"i": {"cycleId": gid("cycle", world.cycle.id), "title": title}}
        )
        assert error["code"] == "BAD_USER_INPUT"
    cycle = gid("cycle", world.cycle.id)
    literal = (
        f'mutation {{ createObjective(input: {{cycleId: "{cycle}", title: "x\\u0000"}}) {{ id }} }}'
    )
    assert (await api.error(literal))["code"] == "BAD_USER_INPUT"
    assert await fingerprint() == before


@pytest.mark.parametrize("value", ["obj_²", "obj_١٢", "obj_１", "obj_99999999999999999999"])
async def test_ids_with_other_digits_are_invalid_ids(world: World, value: str) -> None:
    api = await world.as_(world.member)
    # (a query by id answers null for any id it cannot show)
    assert await api.ok("query($id: ID!) { objective(id: $id) { id } }", {"id": value}) == {
        "objective": None
    }
    error = await api.error(
        "mutation($id: ID!) { publishObjective(id: $id) { id } }", {"id": value}
    )
    assert (error["code"], error["field"]) == ("BAD_USER_INPUT", "id")


@pytest.mark.parametrize("name", ["Mia\u202e", "M\u200bia", "Mia\x1b[2J"])
async def test_a_display_name_with_hidden_characters_is_refused(world: World, name: str) -> None:
    api = await world.as_(world.member)
    before = await fingerprint()
    error = await api.error(PROFILE, {"n": name})
    assert (error["code"], error["field"]) == ("BAD_USER_INPUT", "displayName")
    assert await fingerprint() == before
