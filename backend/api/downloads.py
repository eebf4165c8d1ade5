"""Plain HTTP downloads (CSV exports) authorised as the API is: by a bearer token, or by the
session cookie when the request comes from our own origin; the viewer's actor and directory
built as for a GraphQL request, and a refusal answered as a status with a translated message."""

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response

from ..domain.errors import DomainError, Forbidden, Unauthenticated
from ..domain.messages import translate
from ..domain.policy import Actor
from ..read.accounts import user_for_token
from ..read.directory import Directory
from ..settings import Settings
from .context import SESSION_COOKIE, actor_for, pick_locale
from .engine.view import bearer_token, origin_allowed

STATUS = {"BAD_USER_INPUT": 400, "UNAUTHENTICATED": 401, "FORBIDDEN": 403, "NOT_FOUND": 404}


@dataclass(frozen=True)
class Viewer:
    actor: Actor
    directory: Directory
    locale: str


async def viewer(request: Request, settings: Settings) -> Viewer:
    """Who asks (Unauthenticated when nobody; Forbidden for a cookie from another site)."""
    token = bearer_token(request)
    if token is None:
        token = request.cookies.get(SESSION_COOKIE)
        if token and not origin_allowed(request, settings):
            raise Forbidden("auth.bad_origin")
    user = await user_for_token(settings, token)
    actor, directory = await actor_for(user)
    if user is None or actor is None or directory is None:
        raise Unauthenticated()
    return Viewer(actor, directory, pick_locale(user, request.headers.get("accept-language")))


def download(
    settings: Settings, respond: Callable[[Request, Viewer], Awaitable[Response]]
) -> Callable[[Request], Awaitable[Response]]:
    """An endpoint that answers `respond(request, viewer)`, or the refusal as a status."""

    async def endpoint(request: Request) -> Response:
        try:
            return await respond(request, await viewer(request, settings))
        except DomainError as error:
            locale = pick_locale(None, request.headers.get("accept-language"))
            message = translate(error.key, locale, {"field": error.field, **error.params})
            return PlainTextResponse(message, status_code=STATUS.get(error.code, 400))

    return endpoint
