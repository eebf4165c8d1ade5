"""In Chromium: the app runs under its Content-Security-Policy without one violation, and
GraphiQL loads and answers with every request off this server refused (its files are served
by us, vendored from npm at build)."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlparse

import pytest

from tests.e2e.helpers import open_board

pytestmark = pytest.mark.e2e


def watch(page: Any, base: str) -> tuple[list[str], list[str]]:
    """(CSP violations reported on the console, requests to any other host — refused)."""
    violations: list[str] = []
    elsewhere: list[str] = []
    own = urlparse(base).netloc

    def route(request: Any) -> None:
        if urlparse(request.url).netloc not in (own, ""):
            elsewhere.append(request.url)

    page.on("console", lambda m: "Content Security Policy" in m.text and violations.append(m.text))
    page.on("request", route)
    page.route(
        "**/*",
        lambda r: r.continue_() if urlparse(r.request.url).netloc == own else r.abort(),
    )
    return violations, elsewhere


def test_the_app_runs_under_its_csp(new_page: Any, live_server: str) -> None:
    page = new_page(enforce_csp=True)
    violations, elsewhere = watch(page, live_server)
    open_board(page)
    page.click(".node[data-level='COMPANY'] a")  # an objective's page, a lazy chunk
    page.wait_for_selector("h1")
    assert violations == [] and elsewhere == []


def test_graphiql_works_offline(new_page: Any, live_server: str) -> None:
    page = new_page(enforce_csp=True)
    violations, elsewhere = watch(page, live_server)
    response = page.goto("/graphql")
    assert response is not None
    assert "frame-ancestors 'none'" in response.headers["content-security-policy"]
    page.wait_for_selector(".graphiql-container")
    page.wait_for_selector(".graphiql-execute-button")
    page.locator(".graphiql-query-editor .CodeMirror").first.click()
    page.keyboard.press("Control+A")
    page.keyboard.type("{ cycles { name } }")
    page.click(".graphiql-execute-button")
    page.wait_for_function(
        "() => document.querySelector('.result-window')?.textContent.includes('cycles')"
    )
    assert violations == [] and elsewhere == []
