"""The browser's way through single sign-on, as plain redirects:

- `GET /auth/sso/start?email=…` → the provider's sign-in page (the flow's state, nonce and PKCE
  verifier kept in a short-lived, signed, HttpOnly cookie bound to this browser);
- `GET /auth/sso/callback` (the redirect URI registered at the provider) → the session cookie
  and the app, or back to the sign-in page with `?sso_error=KEY`;
- `GET /auth/sso/message?key=KEY` → that refusal's text in the viewer's language.
"""

import base64
import hashlib
import hmac
import json
import time

from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse, Response
from starlette.routing import Route

from ...actions import sso
from ...domain.errors import DomainError, Unauthenticated
from ...domain.messages import MESSAGES, translate
from ...settings import Settings
from ..context import pick_locale, set_session_cookie
from .schema import CALLBACK_PATH

FLOW_COOKIE = "lodestar_sso"
FLOW_SECONDS = 600


def _sign(settings: Settings, body: bytes) -> str:
    key = hashlib.sha256(b"sso-flow:" + settings.secret_key.encode()).digest()
    return hmac.new(key, body, hashlib.sha256).hexdigest()


def _seal(settings: Settings, flow: sso.Flow) -> str:
    data = {**flow.__dict__, "exp": int(time.time()) + FLOW_SECONDS}
    body = base64.urlsafe_b64encode(json.dumps(data).encode())
    return f"{body.decode()}.{_sign(settings, body)}"


def _unseal(settings: Settings, value: str | None) -> sso.Flow | None:
    """The flow this browser started, or None (absent, forged or expired)."""
    body, _, mac = (value or "").partition(".")
    if not mac or not hmac.compare_digest(mac, _sign(settings, body.encode())):
        return None
    data = json.loads(base64.urlsafe_b64decode(body))
    if data.pop("exp") < time.time():
        return None
    return sso.Flow(**data)


def _refused(error: DomainError) -> Response:
    response = RedirectResponse(f"/?sso_error={error.key}", status_code=303)
    response.delete_cookie(FLOW_COOKIE, path="/auth/sso")
    return response


def routes(settings: Settings) -> list[Route]:
    redirect_uri = settings.public_url + CALLBACK_PATH

    async def start(request: Request) -> Response:
        try:
            url, flow = await sso.start(request.query_params.get("email", ""), redirect_uri)
        except DomainError as error:
            return _refused(error)
        response = RedirectResponse(url, status_code=303)
        response.set_cookie(
            FLOW_COOKIE,
            _seal(settings, flow),
            max_age=FLOW_SECONDS,
            httponly=True,
            samesite="lax",  # sent on the provider's top-level redirect back, not cross-site POSTs
            secure=settings.secure_cookies,
            path="/auth/sso",
        )
        return response

    async def callback(request: Request) -> Response:
        flow = _unseal(settings, request.cookies.get(FLOW_COOKIE))
        locale = pick_locale(None, request.headers.get("accept-language"))
        try:
            if flow is None:
                raise Unauthenticated("sso.state_mismatch")
            _, token = await sso.finish(
                settings, flow, dict(request.query_params), redirect_uri, locale
            )
        except DomainError as error:
            return _refused(error)
        response = RedirectResponse("/", status_code=303)
        response.delete_cookie(FLOW_COOKIE, path="/auth/sso")
        set_session_cookie(response, settings, token)
        return response

    async def message(request: Request) -> Response:
        key = request.query_params.get("key", "")
        if not (key.startswith("sso.") or key == "auth.password_disabled") or key not in MESSAGES:
            return PlainTextResponse("", status_code=404)
        locale = pick_locale(None, request.headers.get("accept-language"))
        return PlainTextResponse(translate(key, locale))

    return [
        Route("/auth/sso/start", start, methods=["GET"]),
        Route(CALLBACK_PATH, callback, methods=["GET"]),
        Route("/auth/sso/message", message, methods=["GET"]),
    ]
