"""A real OpenID provider for the tests (tests/oidc/provider.mjs: the npm package
oidc-provider in development mode), and a way through its sign-in form without a browser."""

from __future__ import annotations

import json
import os
import re
import select
import subprocess
import time
from typing import Any
from urllib.parse import urljoin

import httpx
import pytest

from tests.servers import REPO, free_port

SCRIPT = REPO / "tests" / "oidc" / "provider.mjs"
PACKAGE = REPO / "frontend" / "node_modules" / "oidc-provider"
CLIENT_ID = "lodestar"
CLIENT_SECRET = "provider-test-secret"
_FORM = re.compile(r'<form[^>]*action="([^"]+)"[^>]*>(.*?)</form>', re.S)


class OidcProvider:
    """`accounts`: login → claims (email, email_verified, name); any password signs in."""

    def __init__(self, redirect_uris: list[str], accounts: dict[str, dict[str, Any]]) -> None:
        if not PACKAGE.exists():
            pytest.fail("oidc-provider is not installed: `make install` (npm ci in frontend/)")
        self.port = free_port()
        self.issuer = f"http://127.0.0.1:{self.port}"
        clients = [
            {
                "client_id": CLIENT_ID,
                "client_secret": CLIENT_SECRET,
                "redirect_uris": redirect_uris,
            }
        ]
        self.proc = subprocess.Popen(
            ["node", str(SCRIPT)],
            env={
                "PATH": os.environ.get("PATH", "/usr/local/bin:/usr/bin:/bin"),
                "OIDC_PORT": str(self.port),
                "OIDC_CLIENTS": json.dumps(clients),
                "OIDC_ACCOUNTS": json.dumps(accounts),
            },
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        assert self.proc.stdout is not None
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            ready, _, _ = select.select([self.proc.stdout], [], [], 0.2)
            if ready and self.proc.stdout.readline().startswith("ready"):
                return
            if self.proc.poll() is not None:
                break
        self.stop()
        pytest.fail("the OpenID provider did not start (node tests/oidc/provider.mjs)")

    @property
    def discovery_url(self) -> str:
        return f"{self.issuer}/.well-known/openid-configuration"

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=10)

    async def sign_in(self, authorize_url: str, login: str) -> str:
        """Follows the provider from the authorization URL through its login form; returns
        where it sends the browser back (the client's redirect URI with code and state)."""
        async with httpx.AsyncClient() as http:
            url, form = authorize_url, None
            for _ in range(12):
                if form is None:
                    response = await http.get(url)
                else:
                    response = await http.post(url, data=form)
                form = None
                if response.is_redirect:
                    url = urljoin(url, response.headers["location"])
                    if not url.startswith(self.issuer):
                        return url
                    continue
                match = _FORM.search(response.text)
                assert match, response.text[:500]
                url = urljoin(url, match.group(1))
                fields = dict(re.findall(r'name="(\w+)"\s+value="([^"]*)"', match.group(2)))
                form = {**fields, "login": login, "password": "any"}
        raise AssertionError("the provider never sent the browser back")
