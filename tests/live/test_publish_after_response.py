"""A writer's events are published once its HTTP response was sent (the writer never waits
for the fan-out of its own change); outside a request — a socket, a job — at once."""

from __future__ import annotations

from typing import Any

from backend.events import unit as unit_module
from backend.events.unit import PublishAfterResponse, Unit, _publish


async def test_a_request_publishes_after_its_response_and_a_socket_at_once(
    monkeypatch: Any,
) -> None:
    log: list[str] = []
    monkeypatch.setattr(unit_module, "AFTER_COMMIT", [lambda org, events: log.append("publish")])

    async def app(scope: Any, receive: Any, send: Any) -> None:
        await _publish(Unit(org_id=1, actor_id=None))  # as `write` does after its commit
        log.append("committed")
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"{}"})

    async def send(message: dict[str, Any]) -> None:
        log.append(message["type"])

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b""}

    wrapped = PublishAfterResponse(app)
    await wrapped({"type": "http"}, receive, send)
    assert log == ["committed", "http.response.start", "http.response.body", "publish"]

    log.clear()
    await wrapped({"type": "websocket"}, receive, send)
    assert log[:2] == ["publish", "committed"]
