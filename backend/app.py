"""The ASGI application: GraphQL over HTTP (and, for subscriptions, websockets), the built
single-page app with a history fallback, and the database in the lifespan."""

from collections.abc import AsyncIterator, Coroutine
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.gzip import DEFAULT_EXCLUDED_CONTENT_TYPES, GZipMiddleware
from starlette.requests import Request
from starlette.responses import FileResponse, PlainTextResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Receive, Scope, Send
from tortoise.contrib.fastapi import RegisterTortoise

from .api.cycle import report_export
from .api.dashboard import export as dashboard_export
from .api.engine.view import LodestarGraphQL
from .api.imports import http as imports_http
from .api.schema import app_schema
from .api.sso import http as sso_http
from .assets import GZIP_MINIMUM, hashed_file, is_hashed
from .db import settings_config
from .events.feed import ActivityFeed
from .events.unit import PublishAfterResponse
from .headers import SecurityHeaders, page_csp
from .jobs.scheduler import Scheduler
from .live import runtime as live_runtime
from .live.runtime import make_broker
from .observability import health
from .observability.requests import Observed
from .settings import Settings

# Responses and files of a KiB or more go gzipped to a client that accepts it (websockets and
# already-compressed types never); level 6, zlib's default balance of CPU and bytes (the bytes
# and CPU of the 3,000-objective board: `python -m bench --part board`)
GZIP_LEVEL = 6
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _spa(static_dir: Path) -> Route:
    """Files of the built app by name; any other path gets index.html (history routing)."""
    root = static_dir.resolve()

    async def serve(request: Request) -> Response:
        name = request.path_params["path"]
        candidate = (root / name).resolve()
        if name and candidate.is_file() and candidate.is_relative_to(root):
            if is_hashed(name):
                return await hashed_file(request, candidate)
            # the rest (the service worker, the manifest, the icons) is checked again on
            # every load
            return FileResponse(candidate, headers={"Cache-Control": "no-cache"})
        index_html = root / "index.html"
        if not index_html.exists():
            return PlainTextResponse(
                "The frontend is not built: run `make install` (or `npm run build` in frontend/).",
                status_code=503,
            )
        headers = {"Cache-Control": "no-cache", "Content-Security-Policy": page_csp(index_html)}
        return FileResponse(index_html, headers=headers)

    return Route("/{path:path}", serve)


class Lodestar(Starlette):
    """The app, with GraphQL's websockets handed straight to their view (through `Observed`
    alone: its request id, metric and log line). The rest of the stack — errors, routing,
    publishing after a response, gzip, security headers — only passes a socket through, but
    each layer's frame would stay suspended for the socket's whole life (~4 KiB of every idle
    subscriber: `python -m bench --part memory`)."""

    def __init__(self, *, sockets: ASGIApp, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.sockets = Observed(sockets)

    def __call__(self, scope: Scope, receive: Receive, send: Send) -> Coroutine[Any, Any, None]:
        # not a coroutine itself: it hands over the one to await (no frame of its own left
        # waiting for as long as a socket is open)
        if scope["type"] == "websocket" and scope["path"] == "/graphql":
            scope["app"] = self
            return self.sockets(scope, receive, send)
        return super().__call__(scope, receive, send)


def create_app(settings: Settings | None = None, *, manage_db: bool = True) -> Starlette:
    settings = settings or Settings.from_env()
    graphql = LodestarGraphQL(
        app_schema(settings.stock_executor, settings.max_query_cost), settings
    )

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        broker = make_broker(settings)
        hub, presence = live_runtime.start(broker, ActivityFeed())
        try:
            if not manage_db:
                yield
                return
            async with RegisterTortoise(
                app, config=settings_config(settings), generate_schemas=False
            ):
                scheduler = Scheduler(settings)
                if settings.jobs:
                    scheduler.start()
                try:
                    yield
                finally:
                    await scheduler.close()
        finally:
            await presence.close()
            await hub.close()
            await broker.close()

    routes = [
        *health.ROUTES,
        Route("/graphql", graphql, methods=["GET", "POST"]),
        *dashboard_export.routes(settings),
        *report_export.routes(settings),
        *sso_http.routes(settings),
        *imports_http.routes(settings),
    ]
    routes.append(_spa(settings.static_dir))
    return Lodestar(
        sockets=graphql,
        routes=routes,
        lifespan=lifespan,
        middleware=[
            Middleware(PublishAfterResponse),
            Middleware(Observed),
            Middleware(
                GZipMiddleware,
                minimum_size=GZIP_MINIMUM,
                compresslevel=GZIP_LEVEL,
                exclude_content_types=(*DEFAULT_EXCLUDED_CONTENT_TYPES, XLSX),
            ),
            Middleware(SecurityHeaders),
        ],
    )
