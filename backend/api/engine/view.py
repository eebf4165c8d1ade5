"""The Strawberry ASGI view: authentication, CSRF rules, per-request context, errors."""

import asyncio
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from contextvars import ContextVar
from dataclasses import replace
from datetime import timedelta
from typing import Any

import orjson
from cross_web import HTTPException
from graphql import GraphQLError
from starlette.requests import HTTPConnection, Request
from starlette.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response
from starlette.types import Message, Receive, Scope, Send
from starlette.websockets import WebSocket, WebSocketDisconnect
from strawberry.asgi import ASGIWebSocketAdapter, GraphQL
from strawberry.exceptions import ConnectionRejectionError
from strawberry.http import GraphQLHTTPResponse
from strawberry.http.exceptions import WebSocketDisconnected
from strawberry.schema.exceptions import CannotGetOperationTypeError, InvalidOperationTypeError
from strawberry.subscriptions import GRAPHQL_TRANSPORT_WS_PROTOCOL
from strawberry.subscriptions.protocols.graphql_transport_ws.handlers import (
    BaseGraphQLTransportWSHandler,
    Operation,
)
from strawberry.types import ExecutionResult

from ...domain.messages import translate
from ...domain.policy import Actor
from ...headers import GRAPHIQL_CSP
from ...live.access import REASONS, SESSION_GONE, sockets
from ...live.flow import PING, SendWindow, current_window
from ...models import User
from ...observability import metrics
from ...observability.requests import request_id_of
from ...read.accounts import Credential, credential_again, credential_for
from ...read.cycle_cache import SharedCycles
from ...read.directory import Directory, SharedDirectories, keep_for_request
from ...read.request_scope import request_scope
from ...settings import Settings
from ..context import SESSION_COOKIE, Context, actor_for, pick_locale
from ..errors import format_error, log_errors
from .sharing import SharedData, current_operation, same_text

MAX_SUBSCRIPTIONS_PER_CONNECTION = 10
MAX_CONNECTIONS_PER_USER = 20
# a client message on a socket is a small GraphQL document (uvicorn closes with 1009 past it)
MAX_SOCKET_MESSAGE = 64 * 1024
# bodies larger than this are parsed on a worker thread, not on the event loop; one thread:
# large parses take turns, so a burst of them holds one parse's memory at a time
PARSE_OFF_LOOP = 64 * 1024
_PARSER = ThreadPoolExecutor(max_workers=1, thread_name_prefix="json")

# this request's body, already parsed (`_read_json`), for strawberry's `decode_json`
_parsed_body: ContextVar[Any] = ContextVar("parsed_body")
# the language and media type of this request's answer (`create_response` has no request)
_answer_locale: ContextVar[str] = ContextVar("answer_locale", default="en")
_answer_media: ContextVar[str] = ContextVar("answer_media", default="application/json")
GRAPHQL_RESPONSE = "application/graphql-response+json"


def answer_media(accept: str) -> str:
    """`application/graphql-response+json` when the Accept header asks for it (with a
    non-zero quality), else `application/json`."""
    for part in accept.split(","):
        media, *params = (p.strip() for p in part.split(";"))
        if media.lower() == GRAPHQL_RESPONSE and not any(
            p.replace(" ", "") in ("q=0", "q=0.0", "q=0.00", "q=0.000") for p in params
        ):
            return GRAPHQL_RESPONSE
    return "application/json"


class BodyTooLarge(Exception):
    pass


class NulInText(orjson.JSONDecodeError):
    """A string of the request holds U+0000, which PostgreSQL cannot store: refused at the
    door for every input rather than failing on some write later."""

    def __init__(self) -> None:
        super().__init__("NUL in a string", "", 0)


def decode(data: str | bytes) -> Any:
    """A request's JSON (orjson: lone surrogates and nesting past 1,024 levels are refused as
    invalid), with no NUL in any string."""
    parsed = orjson.loads(data)
    stack = [parsed]
    while stack:
        value = stack.pop()
        if value.__class__ is str:
            if "\x00" in value:
                raise NulInText
        elif value.__class__ is dict:
            stack.extend(value)
            stack.extend(value.values())
        elif value.__class__ is list:
            stack.extend(value)
    return parsed


async def read_body(receive: Receive, limit: int) -> bytes:
    """The request's body, refused (`BodyTooLarge`) as soon as it passes `limit` bytes:
    never more than that is held."""
    chunks: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        if message["type"] != "http.request":
            break
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > limit:
            raise BodyTooLarge
        chunks.append(chunk)
        if not message.get("more_body", False):
            break
    return b"".join(chunks)


def _replay(body: bytes) -> Receive:
    """A `receive` that hands the body read already to the view, then waits for the client
    to disconnect (as a real one would)."""
    sent = False

    async def receive() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        await asyncio.Event().wait()  # a disconnect never comes before the answer is sent
        return {"type": "http.disconnect"}

    return receive


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
    _reading: "asyncio.Future[Rights | None] | None" = None  # see `_rights`

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
        try:
            rights = await self._rights()
        except Unavailable as failure:
            reason = f"internal error (request id {failure.request_id})"
            await self.websocket.close(1011, reason)
            return
        if rights is None:
            await self.websocket.close(SESSION_GONE, REASONS[SESSION_GONE])
            return
        _operation_context.set(operation_context(self.connection, rights))
        await super().run_operation(operation)

    async def _rights(self) -> "Rights | None":
        """The person and rights read for this operation. Operations that arrive while such a
        read is under way (a board subscribes to its events and to who is watching at once)
        share it — one statement, not one each; a read is never reused once it is done."""
        reading = self._reading
        if reading is None:
            view: LodestarGraphQL = self.view  # type: ignore[assignment]
            reading = self._reading = asyncio.ensure_future(view.operation_rights(self.connection))
            reading.add_done_callback(self._read)
        # shielded: an operation completed meanwhile does not cancel the others' read
        return await asyncio.shield(reading)

    def _read(self, reading: "asyncio.Future[Rights | None]") -> None:
        self._reading = None  # the next operation reads afresh (and the socket keeps nothing)
        if not reading.cancelled():
            reading.exception()  # whoever waited has it; never "exception never retrieved"

    async def handle_connection_init(self, message: Any) -> None:
        await super().handle_connection_init(message)
        if self.connection_init_received:
            # its timeout task is cancelled: not kept (with its traceback) for the socket's life
            self.connection_init_timeout_task = None

    async def handle_pong(self, message: Any) -> None:
        self.websocket.window.pong()

    async def handle_message(self, message: Any) -> None:
        """A frame that is not a protocol message (a JSON array, a payload that is not an
        object, a subscribe without a string query…) closes the socket with 4400, as the
        protocol says, instead of failing inside strawberry's handler."""
        problem = malformed(message)
        if problem:
            await self.handle_invalid_message(problem)
            return
        if message["type"] == "subscribe":
            payload = message["payload"]
            payload["query"] = same_text(payload["query"])
        await super().handle_message(message)
        # strawberry's loop holds the last message until the next one comes: for an idle
        # socket, as long as it lives (what an operation needs, it took already)
        message.clear()


def malformed(message: Any) -> str | None:
    """What is wrong with a graphql-transport-ws message (None: nothing we check)."""
    if not isinstance(message, dict) or not isinstance(message.get("type"), str):
        return "a message is a JSON object with a string type"
    payload = message.get("payload")
    kind = message["type"]
    if kind in ("subscribe", "complete") and not isinstance(message.get("id"), str):
        return f"{kind} needs a string id"
    if kind == "subscribe":
        if not isinstance(payload, dict) or not isinstance(payload.get("query"), str):
            return "subscribe needs a payload object with a string query"
        if not isinstance(payload.get("variables") or {}, dict):
            return "variables must be an object"
        if not isinstance(payload.get("operationName") or "", str):
            return "operationName must be a string"
        if not isinstance(payload.get("extensions") or {}, dict):
            return "extensions must be an object"
    elif payload is not None and not isinstance(payload, dict):
        return "a payload must be an object"
    return None


class LodestarGraphQL(GraphQL[Context, None]):
    websocket_adapter_class = TextWebSocketAdapter
    graphql_transport_ws_handler_class = TransportWSHandler

    def __init__(self, schema: Any, settings: Settings) -> None:
        super().__init__(
            schema,
            graphql_ide="graphiql" if settings.graphiql else None,
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
        self.cycles = SharedCycles()
        self.directories = SharedDirectories()

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
        request = Request(scope, receive)
        locale = pick_locale(None, request.headers.get("accept-language"))
        _answer_media.set(answer_media(request.headers.get("accept", "")))
        _parsed_body.set(_NOTHING)  # only this request's body, once `_read_json` parsed it
        if scope["type"] == "http" and scope["method"] == "POST":
            refusal = self._refuse(request)
            if refusal is None:
                refusal, receive = await self._read_json(request, receive)
            if refusal is not None:
                await refusal(scope, receive, send)
                return
        response: Response
        try:
            with request_scope():
                response = await self.run(Request(scope, receive))
        except HTTPException as refused:  # strawberry's: a malformed request
            response = _refused(refused, scope["method"], locale)
        except Unavailable as failure:  # raised before anything was sent
            cause = failure.__cause__
            error = GraphQLError(
                "unavailable", original_error=cause if isinstance(cause, Exception) else failure
            )
            body = format_error(error, locale, failure.request_id)
            metrics.GRAPHQL_ERRORS.labels("INTERNAL").inc()
            response = JSONResponse({"data": None, "errors": [body]}, status_code=503)
        await response(scope, receive, send)

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

    async def _read_json(
        self, request: Request, receive: Receive
    ) -> tuple[Response | None, Receive]:
        """Reads the body up to the size limit (413 past it, before anything is parsed) and
        parses it, a large one on a worker thread: one big request does not stall others."""
        locale = pick_locale(None, request.headers.get("accept-language"))
        limit = self.settings.max_body_bytes
        too_large = _error(
            413, translate("input.body_too_large", locale, {"limit": limit}), "BAD_USER_INPUT"
        )
        declared = request.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            return too_large, receive
        try:
            body = await read_body(receive, limit)
        except BodyTooLarge:
            return too_large, receive
        try:
            if len(body) > PARSE_OFF_LOOP:
                parsed = await asyncio.get_running_loop().run_in_executor(_PARSER, decode, body)
            else:
                parsed = decode(body)
        except NulInText:
            return _error(400, translate("input.nul", locale), "BAD_USER_INPUT"), receive
        except orjson.JSONDecodeError:
            return _error(400, translate("input.bad_json", locale), "BAD_USER_INPUT"), receive
        if not isinstance(parsed, dict):  # a batch (a list) or a bare value
            reason = translate("input.not_an_object", locale)
            return _error(400, reason, "BAD_USER_INPUT"), receive
        _parsed_body.set(parsed)
        return None, _replay(body)

    def decode_json(self, data: str | bytes) -> object:
        """A POST body was parsed by `_read_json`; anything else (GET's variables, a socket's
        messages) here."""
        parsed = _parsed_body.get(_NOTHING)
        if parsed is not _NOTHING:
            _parsed_body.set(_NOTHING)
            return parsed
        return decode(data)

    async def render_graphql_ide(self, request: Request) -> Response:
        """GraphiQL's page as the frontend build wrote it (its files from npm, served from
        dist/graphiql/: no CDN, works offline)."""
        page = self.settings.static_dir / "graphiql" / "index.html"
        if not page.is_file():
            return PlainTextResponse(
                "GraphiQL is not built: run `make install` (or `npm run build` in frontend/).",
                status_code=503,
            )
        return HTMLResponse(
            page.read_text(),
            headers={"Cache-Control": "no-cache", "Content-Security-Policy": GRAPHIQL_CSP},
        )

    def create_response(self, response_data: Any, sub_response: Response) -> Response:
        """graphql-over-HTTP: answered as `application/graphql-response+json` when the
        client accepts it, and then a request that could not start (no `data`: a parse,
        validation or variable error) is a 400; as `application/json` every well-formed
        request is a 200."""
        response = super().create_response(response_data, sub_response)
        media = _answer_media.get()
        limit = self.settings.max_response_bytes
        if len(response.body) > limit:
            # the answer was computed, but is not sent: the query must ask for less
            params = {"size": len(response.body), "limit": limit}
            message = translate("input.response_too_large", _answer_locale.get(), params)
            response = _error(200, message, "BAD_USER_INPUT", executed=True)
        elif media == GRAPHQL_RESPONSE and "data" not in response_data:
            response.status_code = 400
        response.headers["content-type"] = f"{media}; charset=utf-8"
        return response

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
        if user is not None and directory is not None:
            # this request's own reads of the directory reuse the one its rights came from
            keep_for_request(user.organization_id, directory)
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
            cycles=self.cycles,
        )
        request.state.lodestar_context = context  # process_result formats errors with it
        _answer_locale.set(context.locale)
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
            shared = (self.directories, credential) if credential is not None else None
            actor, directory = await actor_for(user if rights else None, shared)
        except Exception as exc:
            log_errors([GraphQLError("session lookup", original_error=exc)], request_id)
            raise Unavailable(request_id) from exc
        return user, actor, directory, credential

    async def operation_rights(self, connection: Context) -> "Rights | None":
        """The person and rights a socket operation runs with, read now; None when its
        credential has ended."""
        if connection.credential is None:
            return None
        user, actor, _, credential = await self._who(connection.credential, connection.request_id)
        if user is None or credential is None:
            return None
        return user, actor, credential

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
        if result.data is None and result.errors and all(e.path is None for e in result.errors):
            del data["data"]  # an error before execution began: there is no data entry
        if result.errors:
            log_errors(result.errors, request_id)
            errors = [format_error(e, locale, request_id) for e in result.errors]
            for error in errors:
                metrics.GRAPHQL_ERRORS.labels(error.get("extensions", {}).get("code", "")).inc()
            data["errors"] = [*errors]
        return data


_NOTHING = object()

# whom a socket operation runs as: its person, their rights, the credential read again
Rights = tuple[User, Actor | None, Credential]


def operation_context(connection: Context, rights: Rights) -> Context:
    """A socket operation's own context: the connection's, with the person and rights read
    for it, and caches of its own."""
    user, actor, credential = rights
    return replace(
        connection,
        user=user,
        actor=actor,
        credential=credential,
        _snapshots={},
        _per_operation={},
    )


def _refused(refused: HTTPException, method: str, locale: str) -> Response:
    """A request strawberry could not run, as a JSON error in the reader's language (a
    mutation sent by GET: 405, as graphql-over-HTTP says)."""
    cause = refused.__cause__
    if refused.status_code == 404:  # GraphiQL turned off (LODESTAR_GRAPHIQL=0)
        return _error(404, translate("not_found", locale), "NOT_FOUND")
    if isinstance(cause, NulInText):
        message = translate("input.nul", locale)
    elif isinstance(cause, CannotGetOperationTypeError) and cause.operation_name is not None:
        message = translate("input.unknown_operation", locale, {"name": cause.operation_name})
    elif isinstance(cause, InvalidOperationTypeError):
        message = translate("input.operation_not_allowed", locale)
        return _error(405 if method == "GET" else 400, message, "BAD_USER_INPUT")
    else:
        message = translate("input.bad_request", locale, {"reason": refused.reason})
    return _error(refused.status_code, message, "BAD_USER_INPUT")


def _error(status: int, message: str, code: str, *, executed: bool = False) -> Response:
    """A request refused before it ran has no `data` entry; one that ran, `data: null`."""
    errors = [{"message": message, "extensions": {"code": code}}]
    return JSONResponse(
        {"data": None, "errors": errors} if executed else {"errors": errors},
        status_code=status,
        media_type=_answer_media.get(),
    )
