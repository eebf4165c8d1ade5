"""The Strawberry ASGI view: authentication, CSRF rules, per-request context, errors."""

from collections.abc import Mapping
from contextvars import ContextVar
from dataclasses import replace
from datetime import timedelta
from typing import Any

import orjson
from graphql import GraphQLError
from starlette.requests import HTTPConnection, Request
from starlette.responses import JSONResponse, Response
from starlette.types import Receive, Scope, Send
from starlette.websockets import WebSocket, WebSocketDisconnect
from strawberry.asgi import ASGIWebSocketAdapter, GraphQL
from strawberry.exceptions import ConnectionRejectionError
from strawberry.http import GraphQLHTTPResponse
from strawberry.http.exceptions import WebSocketDisconnected
from strawberry.subscriptions import GRAPHQL_TRANSPORT_WS_PROTOCOL
from strawberry.subscriptions.protocols.graphql_transport_ws.handlers import (
    BaseGraphQLTransportWSHandler,
    Operation,
)
from strawberry.types import ExecutionResult

from ...domain.messages import translate
from ...domain.policy import Actor
from ...live.access import REASONS, SESSION_GONE, sockets
from ...live.flow import PING, SendWindow, current_window
from ...models import User
from ...observability import metrics
from ...observability.requests import request_id_of
from ...read.accounts import Credential, credential_again, credential_for
from ...read.directory import Directory
from ...settings import Settings
from ..context import SESSION_COOKIE, Context, actor_for, pick_locale
from ..errors import format_error, log_errors
from .sharing import SharedData, current_operation

MAX_SUBSCRIPTIONS_PER_CONNECTION = 10
MAX_CONNECTIONS_PER_USER = 20


class ConnectionCounter:
    """Open sockets per user in this process: one person cannot exhaust the server."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.open: dict[int, int] = {}

    def add(self, user_id: int) -> bool:
        if self.open.get(user_id, 0) >= self.limit:
            return False
        self.open[user_id] = self.open.get(user_id, 0) + 1
        return True

    def remove(self, user_id: int) -> None:
        left = self.open.get(user_id, 0) - 1
        if left > 0:
            self.open[user_id] = left
        else:
            self.open.pop(user_id, None)


def bearer_token(conn: HTTPConnection) -> str | None:
    header = conn.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    return token.strip() if scheme.lower() == "bearer" and token else None


def origin_allowed(conn: HTTPConnection, settings: Settings) -> bool:
    origin = conn.headers.get("origin")
    if origin is None:
        return True  # not a browser cross-site request (curl, scripts, same-origin GET)
    own = f"{conn.url.scheme.replace('ws', 'http')}://{conn.headers.get('host', '')}"
    return origin in (own, *settings.allowed_origins)


class Unavailable(Exception):
    """The request could not even be authenticated (the database is unreachable)."""

    def __init__(self, request_id: str) -> None:
        super().__init__(f"session lookup failed (request {request_id})")
        self.request_id = request_id


class TextWebSocketAdapter(ASGIWebSocketAdapter):
    """graphql-transport-ws speaks text frames; orjson gives bytes, which strawberry would
    send as binary frames that browser clients reject. A result shared by many subscribers
    (`sharing.SharedData`) is encoded once: only its operation id is spliced in here. Every
    frame is counted in the socket's send window (`live/flow.py`)."""

    def __init__(self, view: Any, request: WebSocket, response: WebSocket) -> None:
        super().__init__(view, request, response)
        self.window = SendWindow(view.settings.ws_send_window)

    async def send_json(self, message: Mapping[str, object]) -> None:
        text = _encode(message)
        try:
            await self.ws.send_text(text)
            if self.window.sent_frame(len(text)):
                await self.ws.send_text(PING)
        except WebSocketDisconnect as exc:
            raise WebSocketDisconnected from exc


def _encode(message: Mapping[str, object]) -> str:
    payload = message.get("payload")
    if (
        message.get("type") == "next"
        and isinstance(payload, dict)
        and len(payload) == 1
        and type(payload.get("data")) is SharedData
        and len(message) == 3
    ):
        # byte for byte what orjson makes of {"id", "type", "payload": {"data"}}
        data: SharedData = payload["data"]
        op_id = orjson.dumps(message["id"]).decode()
        return f'{{"id":{op_id},"type":"next","payload":{{"data":{data.json()}}}}}'
    return orjson.dumps(message).decode()


# the context of the operation this task runs (each operation on a socket is its own task)
_operation_context: ContextVar[Context | None] = ContextVar("operation_context", default=None)


class TransportWSHandler(BaseGraphQLTransportWSHandler[Context, None]):
    """Tells an operation's subscription which operation it serves (`sharing.DirectFrames`
    sends shared results through it) and its socket's send window (the hub's subscriber
    watches it); a pong acknowledges what was sent before the ping it answers.

    Rights are never kept for the socket's lifetime: the connection's context holds only the
    credential, and each operation runs with a context of its own, its person and rights read
    afresh when it starts (a credential gone by then closes the socket with 4401)."""

    websocket: TextWebSocketAdapter
    connection: Context

    @property
    def context(self) -> Context:
        """What strawberry passes to the operation running in this task, else the connection's."""
        return _operation_context.get() or self.connection

    @context.setter
    def context(self, value: Context) -> None:
        self.connection = value

    async def run_operation(self, operation: Operation[Context, None]) -> None:
        current_operation.set(operation)  # this task's own context
        current_window.set(self.websocket.window)
        view: LodestarGraphQL = self.view  # type: ignore[assignment]
        try:
            fresh = await view.operation_context(self.connection)
        except Unavailable as failure:
            reason = f"internal error (request id {failure.request_id})"
            await self.websocket.close(1011, reason)
            return
        if fresh is None:
            await self.websocket.close(SESSION_GONE, REASONS[SESSION_GONE])
            return
        _operation_context.set(fresh)
        await super().run_operation(operation)

    async def handle_pong(self, message: Any) -> None:
        self.websocket.window.pong()


class LodestarGraphQL(GraphQL[Context, None]):
    websocket_adapter_class = TextWebSocketAdapter
    graphql_transport_ws_handler_class = TransportWSHandler

    def __init__(self, schema: Any, settings: Settings) -> None:
        super().__init__(
            schema,
            graphql_ide="graphiql",
            allow_queries_via_get=True,
            subscription_protocols=(GRAPHQL_TRANSPORT_WS_PROTOCOL,),
            max_subscriptions_per_connection=MAX_SUBSCRIPTIONS_PER_CONNECTION,
            connection_init_wait_timeout=timedelta(seconds=10),
            # strawberry refuses cross-origin handshakes itself: let it admit the same extra
            # origins as our own cookie check (`origin_allowed`)
            allowed_origins=settings.allowed_origins,
        )
        self.settings = settings
        self.connections = ConnectionCounter(MAX_CONNECTIONS_PER_USER)

    def encode_json(self, data: object) -> bytes:
        return orjson.dumps(data)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "websocket":
            try:
                await super().__call__(scope, receive, send)
            except Unavailable as failure:
                # accepted already: closed as a server error the client retries
                reason = f"internal error (request id {failure.request_id})"
                await send({"type": "websocket.close", "code": 1011, "reason": reason})
            finally:
                state = scope.get("state", {})
                if (user_id := state.get("lodestar_user_id")) is not None:
                    self.connections.remove(user_id)
                    sockets.remove(state["lodestar_socket"], user_id)
            return
        if scope["type"] == "http" and scope["method"] == "POST":
            request = Request(scope, receive)
            refusal = self._refuse(request)
            if refusal is not None:
                await refusal(scope, receive, send)
                return
        try:
            await super().__call__(scope, receive, send)
        except Unavailable as failure:  # raised before anything was sent
            locale = pick_locale(None, Request(scope).headers.get("accept-language"))
            cause = failure.__cause__
            error = GraphQLError(
                "unavailable", original_error=cause if isinstance(cause, Exception) else failure
            )
            body = format_error(error, locale, failure.request_id)
            metrics.GRAPHQL_ERRORS.labels("INTERNAL").inc()
            await JSONResponse({"data": None, "errors": [body]}, status_code=503)(
                scope, receive, send
            )

    def _refuse(self, request: Request) -> Response | None:
        """Writes come only as JSON POSTs (no form posts from other sites), and a cookie-
        authenticated request must come from our own origin."""
        locale = pick_locale(None, request.headers.get("accept-language"))
        content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if content_type != "application/json":
            return _error(415, translate("input.json_only", locale), "BAD_USER_INPUT")
        cookie_auth = SESSION_COOKIE in request.cookies and not bearer_token(request)
        if cookie_auth and not origin_allowed(request, self.settings):
            return _error(403, translate("auth.bad_origin", locale), "FORBIDDEN")
        return None

    async def get_context(self, request: Request | WebSocket, response: Any) -> Context:
        token = bearer_token(request)
        session = None if token else request.cookies.get(SESSION_COOKIE)
        is_socket = isinstance(request, WebSocket)
        if is_socket and session and not origin_allowed(request, self.settings):
            session = None  # a cross-site page must not ride on the cookie
        request_id = request_id_of(request.scope)
        user, actor, directory, credential = await self._who(
            token or session, request_id, rights=not is_socket
        )
        context = Context(
            request=request,
            response=response if isinstance(response, Response) else None,
            settings=self.settings,
            user=user,
            actor=actor,
            # a socket's context lives as long as the connection: it holds no rights (nor the
            # organization's directory, a copy per idle socket); each operation reads them
            directory=directory,
            locale=pick_locale(user, request.headers.get("accept-language")),
            request_id=request_id,
            session_token=session,
            credential=credential,
            is_socket=is_socket,
        )
        request.state.lodestar_context = context  # process_result formats errors with it
        return context

    async def _who(
        self, token: str | Credential | None, request_id: str, *, rights: bool = True
    ) -> tuple[User | None, Actor | None, Directory | None, Credential | None]:
        """Whose session or token this is (a credential: read again), and unless `rights` is
        off (a socket's handshake: its operations read them) what they may do. Without a
        database: `Unavailable`, which the client gets as a GraphQL error (or a socket close)
        citing the request id, never a bare HTTP 500."""
        try:
            if isinstance(token, Credential):
                found = await credential_again(token)
            else:
                found = await credential_for(self.settings, token)
            user, credential = found if found else (None, None)
            actor, directory = await actor_for(user if rights else None)
        except Exception as exc:
            log_errors([GraphQLError("session lookup", original_error=exc)], request_id)
            raise Unavailable(request_id) from exc
        return user, actor, directory, credential

    async def operation_context(self, connection: Context) -> Context | None:
        """A socket operation's own context: the connection's, with the person and rights
        read now; None when its credential has ended."""
        if connection.credential is None:
            return None
        user, actor, _, credential = await self._who(connection.credential, connection.request_id)
        if user is None:
            return None
        return replace(
            connection,
            user=user,
            actor=actor,
            credential=credential,
            _snapshots={},
            _per_operation={},
        )

    async def on_ws_connect(self, context: Context) -> None:
        """Sockets authenticate by the session cookie (same origin) or by
        `connection_init` payload `{"token": "lst_…"}`; otherwise closed with 4403. The
        socket is registered to be closed when its credential ends or its rights change
        (`live/access.py`); its context keeps the credential, not the rights."""
        if context.user is None:
            token = context.connection_params.get("token")
            user, _, _, credential = await self._who(
                token if isinstance(token, str) else None, context.request_id, rights=False
            )
            if user is not None:
                context.user, context.credential = user, credential
                context.locale = pick_locale(user, None)
        if context.user is None or context.credential is None:
            raise ConnectionRejectionError()
        user_id = context.user.id
        if not self.connections.add(user_id):
            raise ConnectionRejectionError({"reason": "too many connections"})
        socket = context.request
        assert isinstance(socket, WebSocket)
        socket.state.lodestar_user_id = user_id
        socket.state.lodestar_socket = socket
        credential = context.credential
        sockets.add(socket, user_id, credential.token_id, socket.close, credential.expires_at)
        context.user = None

    async def process_result(
        self, request: Request, result: ExecutionResult
    ) -> GraphQLHTTPResponse:
        context: Context | None = getattr(request.state, "lodestar_context", None)
        locale = context.locale if context else pick_locale(None, None)
        request_id = context.request_id if context else request_id_of(request.scope)
        data: GraphQLHTTPResponse = {"data": result.data}
        if result.errors:
            log_errors(result.errors, request_id)
            errors = [format_error(e, locale, request_id) for e in result.errors]
            for error in errors:
                metrics.GRAPHQL_ERRORS.labels(error.get("extensions", {}).get("code", "")).inc()
            data["errors"] = [*errors]
        return data


def _error(status: int, message: str, code: str) -> Response:
    return JSONResponse(
        {"data": None, "errors": [{"message": message, "extensions": {"code": code}}]},
        status_code=status,
    )
