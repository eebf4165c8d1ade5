"""Responses and files of a KiB or more go gzipped to a client that accepts gzip, plain to
one that does not; small answers and already-compressed files are never compressed."""

import gzip
from dataclasses import replace
from pathlib import Path
from typing import Any

import httpx
import pytest

from backend.app import create_app
from backend.settings import Settings

SCRIPT = "export const rows = [" + ",".join(f"'row {i}'" for i in range(400)) + "];\n"
QUERY = "{ __schema { types { name description } } }"  # a few KiB, no database


@pytest.fixture
async def client(tmp_path: Path) -> httpx.AsyncClient:
    (tmp_path / "app-ABCDEF12.js").write_text(SCRIPT)
    (tmp_path / "tiny-ABCDEF12.js").write_text("export{};")
    (tmp_path / "icon-192.png").write_bytes(b"\x89PNG" + bytes(range(256)) * 16)
    (tmp_path / "index.html").write_text("<!doctype html>")
    settings = replace(Settings.from_env(), static_dir=tmp_path, secret_key="s")
    transport = httpx.ASGITransport(app=create_app(settings, manage_db=False))
    return httpx.AsyncClient(transport=transport, base_url="http://app")


async def raw_get(client: httpx.AsyncClient, path: str, encoding: str) -> httpx.Response:
    """The response as sent (httpx would otherwise decode it)."""
    async with client.stream("GET", path, headers={"accept-encoding": encoding}) as response:
        response._content = b"".join([chunk async for chunk in response.aiter_raw()])
        return response


async def test_a_script_comes_gzipped_when_asked_and_plain_when_not(
    client: httpx.AsyncClient,
) -> None:
    zipped = await raw_get(client, "/app-ABCDEF12.js", "gzip, deflate, br")
    assert zipped.headers["content-encoding"] == "gzip"
    assert "accept-encoding" in zipped.headers["vary"].lower()
    assert gzip.decompress(zipped.content).decode() == SCRIPT
    assert len(zipped.content) < len(SCRIPT) / 2

    plain = await raw_get(client, "/app-ABCDEF12.js", "identity")
    assert "content-encoding" not in plain.headers
    assert plain.content.decode() == SCRIPT


async def test_small_answers_and_compressed_files_are_sent_as_they_are(
    client: httpx.AsyncClient,
) -> None:
    for path in ("/tiny-ABCDEF12.js", "/icon-192.png"):
        response = await raw_get(client, path, "gzip")
        assert "content-encoding" not in response.headers, path


async def test_graphql_answers_come_gzipped_when_asked_and_plain_when_not(
    client: httpx.AsyncClient,
) -> None:
    answers = {}
    for encoding in ("gzip", "identity"):
        response = await client.post(
            "/graphql", json={"query": QUERY}, headers={"accept-encoding": encoding}
        )
        assert response.status_code == 200
        assert response.headers.get("content-encoding") == ("gzip" if encoding == "gzip" else None)
        answers[encoding] = response.json()  # decoded by httpx
        assert answers[encoding]["data"]["__schema"]["types"]
    assert answers["gzip"] == answers["identity"]


async def test_a_hashed_file_is_compressed_once_per_process(
    client: httpx.AsyncClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    from backend import assets

    assets._gzipped.cache_clear()
    calls: list[int] = []
    compress = gzip.compress

    def counted(data: bytes, **kw: Any) -> bytes:
        calls.append(1)
        return compress(data, **kw)

    monkeypatch.setattr(assets.gzip, "compress", counted)
    first = await raw_get(client, "/app-ABCDEF12.js", "gzip")
    again = await raw_get(client, "/app-ABCDEF12.js", "gzip")
    assert first.content == again.content and gzip.decompress(again.content).decode() == SCRIPT
    assert again.headers["content-type"].startswith("text/javascript")
    assert again.headers["cache-control"] == "public, max-age=31536000"
    assert len(calls) == 1
