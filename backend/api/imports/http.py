"""Spreadsheet imports by upload — the file itself is the request body (CSV or XLSX, at most
2 MiB, read no further), authorised like the API (bearer token, or the session cookie from our
own origin), admins only:

- `POST /import/people[?confirm=1]` — people and teams;
- `POST /import/cycles/{cycleId}/okrs[?confirm=1]` — a cycle's objectives and key results.

Without `confirm` it is a preview: nothing is written. With it, the file is checked again and
written whole, or not at all. The answer is JSON: `{"written", "counts", "problems": [{"row",
"column", "message"}]}`, messages in the viewer's language; 422 when a confirmed file still
has problems. A plain upload rather than GraphQL: no base64 detour, and the size is bounded
before anything is parsed.
"""

from collections.abc import Awaitable, Callable

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from ...actions.imports import MAX_BYTES, ImportResult, import_okrs, import_people
from ...domain.errors import DomainError, InvalidInput
from ...domain.fields import Verbatim
from ...domain.messages import translate
from ...settings import Settings
from ..context import pick_locale
from ..downloads import STATUS, Viewer, viewer
from ..ids import decode


async def _body(request: Request) -> bytes:
    """The upload, refused as soon as it outgrows the limit (whatever Content-Length says)."""
    limit = InvalidInput("file", "import.too_large", max=MAX_BYTES // (1024 * 1024))
    if int(request.headers.get("content-length") or 0) > MAX_BYTES:
        raise limit
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_BYTES:
            raise limit
        chunks.append(chunk)
    return b"".join(chunks)


def _answer(result: ImportResult, locale: str, confirm: bool) -> Response:
    problems = [
        {
            "row": p.row,
            "column": p.column,
            "message": translate(p.key, locale, {"field": Verbatim(p.column or ""), **p.params}),
        }
        for p in result.problems
    ]
    status = 422 if confirm and problems else 200
    body = {"written": result.written, "counts": result.counts, "problems": problems}
    return JSONResponse(body, status_code=status)


Run = Callable[[Request, Viewer, bytes, bool], Awaitable[ImportResult]]


def _endpoint(settings: Settings, run: Run) -> Callable[[Request], Awaitable[Response]]:
    async def endpoint(request: Request) -> Response:
        locale = pick_locale(None, request.headers.get("accept-language"))
        confirm = request.query_params.get("confirm") == "1"
        try:
            who = await viewer(request, settings)
            locale = who.locale
            result = await run(request, who, await _body(request), confirm)
        except DomainError as error:
            message = translate(error.key, locale, {"field": error.field, **error.params})
            status = 413 if error.key == "import.too_large" else STATUS.get(error.code, 400)
            return JSONResponse({"error": message, "code": error.code}, status_code=status)
        return _answer(result, locale, confirm)

    return endpoint


async def _people(request: Request, who: Viewer, data: bytes, confirm: bool) -> ImportResult:
    return await import_people(who.actor, data, confirm)


async def _okrs(request: Request, who: Viewer, data: bytes, confirm: bool) -> ImportResult:
    cycle_id = decode(request.path_params["cycle_id"], "Cycle", "cycleId")
    return await import_okrs(who.actor, cycle_id, data, confirm)


def routes(settings: Settings) -> list[Route]:
    return [
        Route("/import/people", _endpoint(settings, _people), methods=["POST"]),
        Route("/import/cycles/{cycle_id}/okrs", _endpoint(settings, _okrs), methods=["POST"]),
    ]
