"""The built app's hashed files (`app-1A2B3C4D.js`), gzipped once per process.

Their content never changes under a name (esbuild puts a hash of it in the name), so a process
compresses each once, off the event loop, and keeps the bytes: a cold page load fetched a dozen
of them, each compressed again by the gzip middleware — ~100 ms of the one server loop's time
while the board's own answer was being computed."""

import gzip
import mimetypes
import re
from functools import lru_cache
from pathlib import Path

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import FileResponse, Response

HASHED = re.compile(r"-[A-Z0-9]{8}\.(?:js|css)$")  # build.mjs: '[name]-[hash]'
FOREVER = "public, max-age=31536000"
KEPT = 256  # files: a build has under a hundred
# answers and files smaller than this go as they are (gzip's header and the extra round of
# work are not worth it); the gzip middleware (app.py) uses it too
GZIP_MINIMUM = 1024


def is_hashed(name: str) -> bool:
    return HASHED.search(name) is not None


@lru_cache(maxsize=KEPT)
def _gzipped(path: Path) -> bytes | None:
    """The file gzipped, or None when it is too small to be worth it."""
    content = path.read_bytes()
    if len(content) < GZIP_MINIMUM:
        return None
    return gzip.compress(content, compresslevel=9, mtime=0)


async def hashed_file(request: Request, path: Path) -> Response:
    """A hashed file, cached for good by the browser: gzipped from memory to a client that
    accepts it, else as it is."""
    headers = {"Cache-Control": FOREVER, "Vary": "Accept-Encoding"}
    accepts = "gzip" in request.headers.get("accept-encoding", "").lower()
    body = await run_in_threadpool(_gzipped, path) if accepts else None
    if body is None:
        return FileResponse(path, headers=headers)
    media_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    return Response(body, media_type=media_type, headers={**headers, "Content-Encoding": "gzip"})
