"""Team group-chat robots: which addresses are allowed, how each platform signs a request and
wants its message, and what its answer means.

- Feishu custom bot: a rich-text `post` (a title, one line per item with its link). With a
  secret, the body carries `timestamp` (seconds) and `sign` = base64(HMAC-SHA256 keyed with
  `timestamp + "\\n" + secret` over an empty message), as Feishu documents.
- DingTalk robot: `markdown`. With a secret, the URL gets `timestamp` (milliseconds) and
  `sign` = urlencode(base64(HMAC-SHA256 keyed with the secret over `timestamp + "\\n" + secret`)).
- WeCom group robot: `markdown` (the key in its URL is its credential).
- Slack incoming webhook: Block Kit blocks (header, mrkdwn sections, a button) plus a text
  fallback (the URL is its credential).
Feishu, DingTalk and WeCom answer HTTP 200 with an error code in the body; Slack answers "ok".
"""

import base64
import hashlib
import hmac
from dataclasses import dataclass
from enum import StrEnum
from typing import Any
from urllib.parse import quote_plus, urlsplit

from ..errors import InvalidInput
from .notice import Item, Notice, Section


class WebhookKind(StrEnum):
    FEISHU = "FEISHU"
    DINGTALK = "DINGTALK"
    WECOM = "WECOM"
    SLACK = "SLACK"


# where each platform's robots live: nothing else is ever called (no requests to the
# server's own network on an admin's or a lead's say-so)
HOSTS: dict[WebhookKind, frozenset[str]] = {
    WebhookKind.FEISHU: frozenset({"open.feishu.cn", "open.larksuite.com"}),
    WebhookKind.DINGTALK: frozenset({"oapi.dingtalk.com"}),
    WebhookKind.WECOM: frozenset({"qyapi.weixin.qq.com"}),
    WebhookKind.SLACK: frozenset({"hooks.slack.com"}),
}
SIGNED = frozenset({WebhookKind.FEISHU, WebhookKind.DINGTALK})
MAX_URL, MAX_SECRET = 500, 200
MAX_ITEMS = 15  # per section in a chat message; the rest are counted
LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})


def check_url(kind: WebhookKind, url: str, *, allow_local_http: bool = False) -> str:
    """The robot's address, or InvalidInput naming `url`: https on the platform's own host
    (with LODESTAR_WEBHOOK_ALLOW_HTTP=1, also http on this machine — the tests' receivers)."""
    url = url.strip()
    if not url or len(url) > MAX_URL:
        raise InvalidInput("url", "input.too_long" if url else "input.required", max=MAX_URL)
    try:
        parts = urlsplit(url)
        host = (parts.hostname or "").lower()
        parts.port  # noqa: B018 — a malformed port raises here
    except ValueError:
        raise InvalidInput("url", "reach.bad_url") from None
    if parts.username or parts.password or parts.fragment or not host:
        raise InvalidInput("url", "reach.bad_url")
    if allow_local_http and parts.scheme == "http" and host in LOCAL_HOSTS:
        return url
    if parts.scheme != "https":
        raise InvalidInput("url", "reach.https_required")
    if host not in HOSTS[kind]:
        raise InvalidInput("url", "reach.wrong_host", hosts=", ".join(sorted(HOSTS[kind])))
    return url


def check_secret(kind: WebhookKind, secret: str | None) -> str:
    secret = (secret or "").strip()
    if len(secret) > MAX_SECRET:
        raise InvalidInput("secret", "input.too_long", max=MAX_SECRET)
    if secret and kind not in SIGNED:
        raise InvalidInput("secret", "reach.unsigned_kind")
    return secret


def feishu_sign(timestamp: int, secret: str) -> str:
    key = f"{timestamp}\n{secret}".encode()
    return base64.b64encode(hmac.new(key, b"", hashlib.sha256).digest()).decode()


def dingtalk_sign(timestamp_ms: int, secret: str) -> str:
    """Base64, not yet URL-encoded."""
    digest = hmac.new(secret.encode(), f"{timestamp_ms}\n{secret}".encode(), hashlib.sha256)
    return base64.b64encode(digest.digest()).decode()


def _items(section: Section) -> tuple[list[Item], int]:
    shown = list(section.items[:MAX_ITEMS])
    return shown, len(section.items) - len(shown)


def _more(hidden: int) -> str:
    return f"+{hidden} …"


_MD_SPECIAL = "\\`*_[]()#<>~|"


def md(value: str) -> str:
    """Text from users inside markdown: its markup characters escaped."""
    return "".join(f"\\{c}" if c in _MD_SPECIAL else c for c in value)


def _markdown(notice: Notice, heading: str) -> str:
    lines = [f"{heading}{md(notice.subject)}", "", md(notice.intro), ""]
    for section in notice.sections:
        if section.heading:
            lines += [f"**{md(section.heading)}**", ""]
        shown, hidden = _items(section)
        for item in shown:
            title = f"[{md(item.title)}]({item.link})" if item.link else md(item.title)
            lines.append(f"- {title}" + (f" — {md(item.detail)}" if item.detail else ""))
        if hidden:
            lines.append(f"- {_more(hidden)}")
        lines.append("")
    lines.append(f"[{md(notice.action)}]({notice.link})")
    return "\n".join(lines)


def _feishu(notice: Notice) -> dict[str, Any]:
    rows: list[list[dict[str, str]]] = [[{"tag": "text", "text": notice.intro}]]
    for section in notice.sections:
        if section.heading:
            rows.append([{"tag": "text", "text": section.heading}])
        shown, hidden = _items(section)
        for item in shown:
            row = [{"tag": "text", "text": "• "}]
            if item.link:
                row.append({"tag": "a", "text": item.title, "href": item.link})
            else:
                row.append({"tag": "text", "text": item.title})
            if item.detail:
                row.append({"tag": "text", "text": f" — {item.detail}"})
            rows.append(row)
        if hidden:
            rows.append([{"tag": "text", "text": _more(hidden)}])
    rows.append([{"tag": "a", "text": notice.action, "href": notice.link}])
    language = "zh_cn" if notice.locale == "zh-CN" else "en_us"
    return {
        "msg_type": "post",
        "content": {"post": {language: {"title": notice.subject, "content": rows}}},
    }


def _slack_escape(value: str) -> str:
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _slack(notice: Notice) -> dict[str, Any]:
    e = _slack_escape
    blocks: list[dict[str, Any]] = [
        {"type": "header", "text": {"type": "plain_text", "text": notice.subject[:150]}},
        {"type": "section", "text": {"type": "mrkdwn", "text": e(notice.intro)}},
    ]
    for section in notice.sections:
        shown, hidden = _items(section)
        lines = [f"*{e(section.heading)}*"] if section.heading else []
        for item in shown:
            title = f"<{item.link}|{e(item.title)}>" if item.link else e(item.title)
            lines.append(f"• {title}" + (f" — {e(item.detail)}" if item.detail else ""))
        if hidden:
            lines.append(_more(hidden))
        blocks.append(
            {"type": "section", "text": {"type": "mrkdwn", "text": "\n".join(lines)[:3000]}}
        )
    blocks.append(
        {
            "type": "actions",
            "elements": [
                {
                    "type": "button",
                    "text": {"type": "plain_text", "text": notice.action},
                    "url": notice.link,
                }
            ],
        }
    )
    return {"text": f"{notice.subject}: {notice.intro}", "blocks": blocks}


@dataclass(frozen=True, slots=True)
class Request:
    url: str
    body: dict[str, Any]


def request(kind: WebhookKind, url: str, secret: str, notice: Notice, now_ms: int) -> Request:
    """What to POST (as JSON) to the robot at `url` to say `notice`, signed at `now_ms`."""
    if kind is WebhookKind.FEISHU:
        body = _feishu(notice)
        if secret:
            seconds = now_ms // 1000
            body = {"timestamp": str(seconds), "sign": feishu_sign(seconds, secret), **body}
        return Request(url, body)
    if kind is WebhookKind.DINGTALK:
        body = {
            "msgtype": "markdown",
            "markdown": {"title": notice.subject, "text": _markdown(notice, "### ")},
        }
        if secret:
            sign = quote_plus(dingtalk_sign(now_ms, secret))
            url = f"{url}{'&' if '?' in url else '?'}timestamp={now_ms}&sign={sign}"
        return Request(url, body)
    if kind is WebhookKind.WECOM:
        return Request(
            url, {"msgtype": "markdown", "markdown": {"content": _markdown(notice, "## ")}}
        )
    return Request(url, _slack(notice))


class Outcome(StrEnum):
    SENT = "SENT"
    RETRY = "RETRY"  # rate limited or the platform is down: try again later
    FAILED = "FAILED"  # refused (wrong address, bad signature): trying again will not help


# error codes in a 200 answer that mean "too many messages, later"
_THROTTLED: dict[WebhookKind, frozenset[int]] = {
    WebhookKind.FEISHU: frozenset({9499, 11232}),
    WebhookKind.DINGTALK: frozenset({130101, 90030}),
    WebhookKind.WECOM: frozenset({45009}),
    WebhookKind.SLACK: frozenset(),
}


def judge(kind: WebhookKind, status: int, body: Any) -> tuple[Outcome, str]:
    """The outcome of one POST from its HTTP status and (parsed JSON or text) body, with the
    platform's words for an error."""
    if status == 429 or status >= 500:
        return Outcome.RETRY, f"HTTP {status}"
    if not 200 <= status < 300:
        return Outcome.FAILED, f"HTTP {status}"
    if kind is WebhookKind.SLACK:
        return Outcome.SENT, ""
    if not isinstance(body, dict):
        return Outcome.FAILED, "unexpected answer"
    code = body.get("code", body.get("errcode", body.get("StatusCode", 0)))
    message = str(body.get("msg", body.get("errmsg", body.get("StatusMessage", ""))))
    if code in (0, None):
        return Outcome.SENT, ""
    error = f"{code} {message}".strip()
    return (Outcome.RETRY if code in _THROTTLED[kind] else Outcome.FAILED), error
