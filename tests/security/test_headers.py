"""Security headers on every answer (backend/headers.py), GraphiQL from our own files, and
GraphiQL turned off (LODESTAR_GRAPHIQL=0)."""

from dataclasses import replace
from pathlib import Path

import httpx
import pytest

from backend.app import create_app
from backend.headers import APP_CSP, GRAPHIQL_CSP, app_csp, inline_script_hashes, page_csp
from backend.settings import Settings
from tests.servers import REPO

DIST = REPO / "frontend" / "dist"
HTML = {"Accept": "text/html"}


def client(tmp_path: Path, **settings: object) -> httpx.AsyncClient:
    if not (DIST / "graphiql" / "index.html").is_file():
        pytest.fail("frontend/dist is not built (make install)", pytrace=False)
    app = create_app(
        replace(Settings.from_env(), var_dir=tmp_path, static_dir=DIST, **settings),
        manage_db=False,
    )
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://testserver")


def assert_protected(response: httpx.Response, csp: str) -> None:
    assert response.headers["content-security-policy"] == csp
    assert "frame-ancestors 'none'" in csp and "script-src 'self'" in csp
    assert "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["x-frame-options"] == "DENY"
    assert response.headers["referrer-policy"] == "same-origin"


async def test_every_answer_carries_the_headers(tmp_path: Path) -> None:
    async with client(tmp_path) as http:
        app = await http.get("/", headers=HTML)
        assert app.status_code == 200 and '<div id="app">' in app.text
        # the page allows its own inline script (the early requests) by hash, nothing else
        (early,) = inline_script_hashes(app.text)
        assert_protected(app, app_csp((early,)))
        asset = app.text.split('src="')[1].split('"')[0]
        assert_protected(await http.get(asset), APP_CSP)
        assert_protected(await http.get("/healthz"), APP_CSP)
        api = await http.post("/graphql", json={"query": "{ __typename }"})
        assert api.json() == {"data": {"__typename": "Query"}}
        assert_protected(api, APP_CSP)

        graphiql = await http.get("/graphql", headers=HTML)
        assert graphiql.status_code == 200
        assert_protected(graphiql, GRAPHIQL_CSP)
        # its files are ours: no other origin in the page, each file served from dist/
        assert "http" not in graphiql.text
        for path in graphiql.text.split('"/graphiql/')[1:]:
            file = await http.get("/graphiql/" + path.split('"')[0])
            assert file.status_code == 200 and len(file.content) > 50


async def test_graphiql_can_be_turned_off(tmp_path: Path) -> None:
    async with client(tmp_path, graphiql=False) as http:
        page = await http.get("/graphql", headers=HTML)
        assert page.status_code == 404
        assert page.json()["errors"][0]["extensions"]["code"] == "NOT_FOUND"
        # the API itself is unchanged, by POST and GET
        api = await http.post("/graphql", json={"query": "{ __typename }"})
        assert api.json() == {"data": {"__typename": "Query"}}
        get = await http.get("/graphql", params={"query": "{ __typename }"}, headers=HTML)
        assert get.json() == {"data": {"__typename": "Query"}}


def test_the_pages_csp_names_exactly_its_inline_scripts(tmp_path: Path) -> None:
    page = tmp_path / "index.html"
    page.write_text('<script>a()</script><script src="/x.js"></script><script>b()</script>')
    # sha256 of the exact text between the tags, base64 (CSP level 2)
    assert page_csp(page) == app_csp(
        (
            "sha256-qVpDBgj7bpq5hMAcGp3AOc79J3Y1Z4HvySTwKrWDoy4=",
            "sha256-cf242PFc/kb7xD0Qzhsmd9vvRkc+cWFmbi+k+YvtdKc=",
        )
    )
    page.write_text("<script>a()</script>!")  # rebuilt: read again
    assert page_csp(page) == app_csp(("sha256-qVpDBgj7bpq5hMAcGp3AOc79J3Y1Z4HvySTwKrWDoy4=",))
