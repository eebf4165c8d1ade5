"""What the reach tests talk to instead of the outside world: a real SMTP server (aiosmtpd,
with a login) and local HTTP receivers playing Feishu, DingTalk, WeCom and Slack — each checks
the signature and the payload shape the way its platform documents, and answers like it."""

from __future__ import annotations

import asyncio
import base64
import hashlib
import hmac
import time
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from typing import Any
from urllib.parse import quote

import uvicorn
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import Route

from tests.servers import free_port

SMTP_USER, SMTP_PASSWORD = "lodestar", "p@ss word"


class _Inbox:
    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        message = message_from_bytes(envelope.original_content, policy=policy.default)
        assert isinstance(message, EmailMessage)
        message["X-Envelope-To"] = ",".join(envelope.rcpt_tos)
        self.messages.append(message)
        return "250 Message accepted for delivery"


def _login(server: Any, session: Any, envelope: Any, mechanism: str, data: Any) -> AuthResult:
    ok = isinstance(data, LoginPassword) and (data.login, data.password) == (
        SMTP_USER.encode(),
        SMTP_PASSWORD.encode(),
    )
    return AuthResult(success=ok)


class MailServer:
    """aiosmtpd on a free port of 127.0.0.1, requiring the login in `url`."""

    def __init__(self) -> None:
        self.inbox = _Inbox()
        self.port = free_port()
        self.controller = Controller(
            self.inbox,
            hostname="127.0.0.1",
            port=self.port,
            authenticator=_login,
            auth_required=True,
            auth_require_tls=False,
        )

    @property
    def url(self) -> str:
        return f"smtp://{SMTP_USER}:{quote(SMTP_PASSWORD)}@127.0.0.1:{self.port}"

    @property
    def messages(self) -> list[EmailMessage]:
        return self.inbox.messages

    def start(self) -> MailServer:
        self.controller.start()
        return self

    def stop(self) -> None:
        self.controller.stop()


def text_of(message: EmailMessage) -> str:
    part = message.get_body(preferencelist=("plain",))
    assert part is not None
    return str(part.get_content())


def html_of(message: EmailMessage) -> str:
    part = message.get_body(preferencelist=("html",))
    assert part is not None
    return str(part.get_content())


# --- the robots ------------------------------------------------------------------------------

SECRET = "SECtest-secret-0123456789"


@dataclass
class Robot:
    """One robot's endpoint: what it accepted, and answers to give before accepting."""

    kind: str
    token: str
    secret: str = ""
    received: list[dict[str, Any]] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)  # why each refused request was refused
    fail_with: list[int] = field(default_factory=list)  # HTTP statuses to answer first


def _feishu(robot: Robot, request: Request, body: dict[str, Any]) -> Response:
    if robot.secret:
        ts = int(body.get("timestamp", "0"))
        key = f"{ts}\n{robot.secret}".encode()
        expected = base64.b64encode(hmac.new(key, b"", hashlib.sha256).digest()).decode()
        if body.get("sign") != expected or abs(time.time() - ts) > 3600:
            robot.refused.append("sign")
            return JSONResponse(
                {
                    "code": 19021,
                    "data": {},
                    "msg": "sign match fail or timestamp is not within one hour from current time",
                }
            )
    post = body["content"]["post"]
    (language,) = post
    assert language in ("zh_cn", "en_us") and body["msg_type"] == "post"
    assert isinstance(post[language]["title"], str)
    for row in post[language]["content"]:
        for element in row:
            assert element["tag"] in ("text", "a")
            if element["tag"] == "a":
                assert element["href"].startswith("http")
    robot.received.append(body)
    return JSONResponse({"code": 0, "data": {}, "msg": "success"})


def _dingtalk(robot: Robot, request: Request, body: dict[str, Any]) -> Response:
    if request.query_params.get("access_token") != robot.token:
        return JSONResponse({"errcode": 300001, "errmsg": "token is not exist"})
    if robot.secret:
        ts = request.query_params.get("timestamp", "0")
        digest = hmac.new(robot.secret.encode(), f"{ts}\n{robot.secret}".encode(), hashlib.sha256)
        expected = base64.b64encode(digest.digest()).decode()
        if (
            request.query_params.get("sign") != expected
            or abs(time.time() * 1000 - int(ts)) > 3_600_000
        ):
            robot.refused.append("sign")
            return JSONResponse({"errcode": 310000, "errmsg": "sign not match"})
    assert body["msgtype"] == "markdown"
    assert body["markdown"]["title"] and body["markdown"]["text"]
    robot.received.append(body)
    return JSONResponse({"errcode": 0, "errmsg": "ok"})


def _wecom(robot: Robot, request: Request, body: dict[str, Any]) -> Response:
    if request.query_params.get("key") != robot.token:
        return JSONResponse({"errcode": 93000, "errmsg": "invalid webhook url"})
    assert body["msgtype"] == "markdown"
    content = body["markdown"]["content"]
    assert content and len(content.encode()) <= 4096
    robot.received.append(body)
    return JSONResponse({"errcode": 0, "errmsg": "ok"})


def _slack(robot: Robot, request: Request, body: dict[str, Any]) -> Response:
    blocks = body.get("blocks")
    if not isinstance(body.get("text"), str) or not isinstance(blocks, list):
        return PlainTextResponse("invalid_payload", status_code=400)
    for block in blocks:
        if block["type"] not in ("header", "section", "actions") or (
            block["type"] == "section" and block["text"]["type"] != "mrkdwn"
        ):
            return PlainTextResponse("invalid_blocks", status_code=400)
    robot.received.append(body)
    return PlainTextResponse("ok")


CHECKS = {"FEISHU": _feishu, "DINGTALK": _dingtalk, "WECOM": _wecom, "SLACK": _slack}


class Receivers:
    """One local HTTP server with a robot per platform:
    /open-apis/bot/v2/hook/<token> (Feishu), /robot/send?access_token= (DingTalk),
    /cgi-bin/webhook/send?key= (WeCom), /services/<token> (Slack)."""

    def __init__(self) -> None:
        self.port = free_port()
        self.robots = {
            "FEISHU": Robot("FEISHU", "fs-token", SECRET),
            "DINGTALK": Robot("DINGTALK", "dt-token", SECRET),
            "WECOM": Robot("WECOM", "wc-key"),
            "SLACK": Robot("SLACK", "T000/B000/XXXX"),
        }
        app = Starlette(
            routes=[
                Route("/open-apis/bot/v2/hook/{token}", self._handler("FEISHU"), methods=["POST"]),
                Route("/robot/send", self._handler("DINGTALK"), methods=["POST"]),
                Route("/cgi-bin/webhook/send", self._handler("WECOM"), methods=["POST"]),
                Route("/services/{token:path}", self._handler("SLACK"), methods=["POST"]),
            ]
        )
        config = uvicorn.Config(
            app, host="127.0.0.1", port=self.port, log_level="warning", lifespan="off"
        )
        self.server = uvicorn.Server(config)
        self.task: asyncio.Task[None] | None = None

    def url(self, kind: str) -> str:
        base = f"http://127.0.0.1:{self.port}"
        token = self.robots[kind].token
        return {
            "FEISHU": f"{base}/open-apis/bot/v2/hook/{token}",
            "DINGTALK": f"{base}/robot/send?access_token={token}",
            "WECOM": f"{base}/cgi-bin/webhook/send?key={token}",
            "SLACK": f"{base}/services/{token}",
        }[kind]

    def _handler(self, kind: str) -> Any:
        robot = self.robots[kind]

        async def handle(request: Request) -> Response:
            if robot.fail_with:
                return PlainTextResponse("busy", status_code=robot.fail_with.pop(0))
            path_token = request.path_params.get("token")
            if path_token is not None and path_token != robot.token:
                return PlainTextResponse("no_service", status_code=404)
            try:
                return CHECKS[kind](robot, request, await request.json())
            except (AssertionError, KeyError, TypeError, ValueError) as error:
                robot.refused.append(f"shape: {error!r}")
                return PlainTextResponse("bad request", status_code=400)

        return handle

    async def start(self) -> Receivers:
        self.task = asyncio.create_task(self.server.serve())
        for _ in range(500):  # uvicorn says nothing when it is up: look at its flag
            if self.server.started:
                return self
            await asyncio.sleep(0.01)
        raise RuntimeError("the robots' receiver did not start")

    async def stop(self) -> None:
        self.server.should_exit = True
        if self.task is not None:
            await self.task

    def reset(self) -> None:
        for robot in self.robots.values():
            robot.received.clear()
            robot.refused.clear()
            robot.fail_with.clear()
