"""Security headers on every HTTP answer: the web app, GraphiQL, the API, downloads.

The app's page runs only its own scripts and styles (esbuild's files, and the one script built
into index.html, allowed by its hash: `page_csp`), talks only to its own origin (the API and
its websocket), and no other site may frame it (clickjacking) or see where its links were
followed from. GraphiQL's page (`GRAPHIQL_CSP`, set by the view) also needs inline styles for
its editor."""

import base64
import hashlib
import re
from functools import lru_cache
from pathlib import Path

from starlette.types import ASGIApp, Message, Receive, Scope, Send

_COMMON = "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"


def app_csp(script_hashes: tuple[str, ...] = ()) -> str:
    scripts = " ".join(("'self'", *(f"'{h}'" for h in script_hashes)))
    return (
        f"default-src 'self'; script-src {scripts}; style-src 'self'; img-src 'self' data:; "
        f"font-src 'self'; connect-src 'self'; {_COMMON}"
    )


APP_CSP = app_csp()
# a script element without attributes, as build.mjs writes the early script into index.html
_INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.S)


def inline_script_hashes(html: str) -> tuple[str, ...]:
    """CSP sources (`sha256-…`) of the page's inline scripts, exactly as written."""
    return tuple(
        "sha256-" + base64.b64encode(hashlib.sha256(code.encode()).digest()).decode()
        for code in _INLINE_SCRIPT.findall(html)
    )


def page_csp(index_html: Path) -> str:
    """The CSP of the built page: the app's, plus the hashes of its inline scripts (read again
    when the file changes: a rebuild while the server runs)."""
    stat = index_html.stat()
    return _page_csp(index_html, stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=4)
def _page_csp(index_html: Path, _mtime_ns: int, _size: int) -> str:
    return app_csp(inline_script_hashes(index_html.read_text(encoding="utf-8")))


GRAPHIQL_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    f"img-src 'self' data:; font-src 'self' data:; connect-src 'self'; {_COMMON}"
)
HEADERS: tuple[tuple[bytes, bytes], ...] = (
    (b"content-security-policy", APP_CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),  # frame-ancestors for browsers without CSP 2
    (b"referrer-policy", b"same-origin"),
    (b"cross-origin-opener-policy", b"same-origin"),
)


class SecurityHeaders:
    """Pure ASGI middleware: adds each header the answer does not set itself."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", ()))
                present = {name.lower() for name, _ in headers}
                headers.extend(h for h in HEADERS if h[0] not in present)
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)
