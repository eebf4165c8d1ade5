"""Every HTTP request and websocket: a request id (the client's `X-Request-ID` when it sent a
sane one), sent back in `X-Request-ID` and kept in the scope's state for the GraphQL view
(its error messages cite it); Prometheus counters and latency; one JSON log line when done."""

import logging
import re
import uuid
from time import perf_counter
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from . import metrics

access = logging.getLogger("lodestar.access")
_SANE_ID = re.compile(r"[A-Za-z0-9._-]{1,64}")
_ROUTES = ("/graphql", "/healthz", "/readyz", "/metrics", "/export")
# the HTTP parser admits dozens of other methods (WebDAV's…; h11 any token): they share one
# label, or each a client sends would add series to the metrics for the process's lifetime
_METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})


def new_request_id() -> str:
    return uuid.uuid4().hex[:12]


def request_id_of(scope: Scope) -> str:
    """The id the middleware gave this request (a new one when it did not run)."""
    state = scope.get("state") or {}
    return str(state.get("request_id") or new_request_id())


def _route(path: str) -> str:
    """A label of few values: the API's paths, or the web app's files."""
    for route in _ROUTES:
        if path == route or path.startswith(route + "/"):
            return route
    return "app"


def _incoming_id(scope: Scope) -> str | None:
    for name, value in scope.get("headers", ()):
        if name == b"x-request-id":
            text = value.decode("latin-1")
            return text if _SANE_ID.fullmatch(text) else None
    return None


class Observed:
    """Pure ASGI middleware (no per-request task or body buffering)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        request_id = _incoming_id(scope) or new_request_id()
        scope.setdefault("state", {})["request_id"] = request_id
        start = perf_counter()
        outcome: dict[str, Any] = {"status": 500}  # an app that raises answered 500

        if scope["type"] == "websocket":
            metrics.SOCKETS.inc()

            async def send_socket(message: Message) -> None:
                if message["type"] == "websocket.close":
                    outcome["status"] = message.get("code", 1000)
                await send(message)

            try:
                await self.app(scope, receive, send_socket)
            finally:
                metrics.SOCKETS.dec()
                self._log(scope, request_id, start, "websocket", outcome["status"])
            return

        tag = request_id.encode()

        async def send_http(message: Message) -> None:
            if message["type"] == "http.response.start":
                outcome["status"] = message["status"]
                message["headers"] = [*message.get("headers", ()), (b"x-request-id", tag)]
            await send(message)

        try:
            await self.app(scope, receive, send_http)
        finally:
            elapsed = perf_counter() - start
            route = _route(scope["path"])
            status = outcome["status"]
            method = scope["method"] if scope["method"] in _METHODS else "OTHER"
            metrics.REQUESTS.labels(route, method, str(status)).inc()
            metrics.REQUEST_SECONDS.labels(route).observe(elapsed)
            self._log(scope, request_id, start, "request", status)

    @staticmethod
    def _log(scope: Scope, request_id: str, start: float, what: str, status: int) -> None:
        if not access.isEnabledFor(logging.INFO):
            return
        fields = {
            "request_id": request_id,
            "method": scope.get("method", "GET"),
            "path": scope["path"],
            # a socket's "status" is its close code
            "status": status,
            "duration_ms": round((perf_counter() - start) * 1000, 2),
        }
        access.info(what, extra={"fields": fields})
