"""What the browser tests share: signing in, opening the board, and a GraphQL client for
setting the scene through the API."""

from __future__ import annotations

import http.cookiejar
import json
import urllib.request
from typing import Any

Q_SETUP = """query { viewer { id } cycles { id phase startsOn } }"""
M_OBJECTIVE = """mutation($i: CreateObjectiveInput!) { createObjective(input: $i) { id } }"""
M_KR = """mutation($i: CreateKeyResultInput!) { createKeyResult(input: $i) { id } }"""

# every demo person signs in with the password `lodestar`
ADMIN = ("admin@example.com", "lodestar")
EMILY = ("emily@example.com", "lodestar")
COMPANY_ROW = ".node[data-level='COMPANY']"


def sign_in(page: Any, email: str = ADMIN[0], password: str = ADMIN[1]) -> None:
    page.fill("#signin-email", email)
    page.fill("#signin-password", password)
    page.click("form.signin-card button[type=submit]")


def open_board(page: Any) -> None:
    page.goto("/")
    page.wait_for_selector("#signin-email")
    sign_in(page)
    page.wait_for_selector(COMPANY_ROW)


class Api:
    """A plain HTTP client of the API with its own session (it stays online when the browser
    goes offline). Signs in once per module: password hashing is deliberately slow."""

    def __init__(self, base: str, who: tuple[str, str]) -> None:
        self.base = base
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )
        self(
            "mutation($e: String!, $p: String!) { signIn(email: $e, password: $p) { id } }",
            {"e": who[0], "p": who[1]},
        )

    def __call__(self, query: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
        req = urllib.request.Request(
            self.base + "/graphql",
            data=json.dumps({"query": query, "variables": variables or {}}).encode(),
            headers={
                "Content-Type": "application/json",
                "Accept-Language": "en",
                "Origin": self.base,  # cookie-authenticated: must come from the app's origin
            },
        )
        with self.opener.open(req, timeout=10) as res:
            body = json.loads(res.read())
        assert not body.get("errors"), body
        return dict(body["data"])


def default_cycle(api: Api) -> str:
    cycles = api(Q_SETUP)["cycles"]
    tracking = [c for c in cycles if c["phase"] == "TRACKING"]
    return str(max(tracking or cycles, key=lambda c: c["startsOn"])["id"])


def make_objective(api: Api, title: str, krs: list[dict[str, Any]]) -> tuple[str, list[str]]:
    created = api(M_OBJECTIVE, {"i": {"cycleId": default_cycle(api), "title": title}})
    oid = created["createObjective"]["id"]
    ids = [api(M_KR, {"i": {"objectiveId": oid, **kr}})["createKeyResult"]["id"] for kr in krs]
    return oid, ids
