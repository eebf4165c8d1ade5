"""The built app's files: hashed assets are cached for good; the service worker, manifest,
icons and index.html are checked again on every load (a new build replaces the offline shell)."""

from dataclasses import replace
from pathlib import Path

import httpx
import pytest

from backend.app import create_app
from backend.settings import Settings


@pytest.mark.parametrize(
    ("name", "cache"),
    [
        ("app-ABCDEF12.js", "public, max-age=31536000"),
        ("app-ABCDEF12.css", "public, max-age=31536000"),
        ("sw.js", "no-cache"),
        ("manifest.webmanifest", "no-cache"),
        ("icon-192.png", "no-cache"),
        ("index.html", "no-cache"),
        ("some/route", "no-cache"),  # history routing: index.html
    ],
)
async def test_cache_headers(tmp_path: Path, name: str, cache: str) -> None:
    for f in ("app-ABCDEF12.js", "app-ABCDEF12.css", "sw.js", "manifest.webmanifest"):
        (tmp_path / f).write_text("x")
    (tmp_path / "icon-192.png").write_bytes(b"\x89PNG")
    (tmp_path / "index.html").write_text("<!doctype html>")
    settings = replace(Settings.from_env(), static_dir=tmp_path, secret_key="s")
    transport = httpx.ASGITransport(app=create_app(settings, manage_db=False))
    async with httpx.AsyncClient(transport=transport, base_url="http://app") as client:
        response = await client.get("/" + name)
    assert response.status_code == 200
    assert response.headers["cache-control"] == cache
