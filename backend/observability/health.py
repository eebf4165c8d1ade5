"""`/healthz` (the process answers), `/readyz` (it can serve: the database and the broker
answer, each within a bound) and `/metrics` (Prometheus text format)."""

import asyncio

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from ..db import reader
from ..live.broker import get_broker
from . import metrics

CHECK_TIMEOUT = 2.0  # seconds each readiness check may take


async def healthz(request: Request) -> Response:
    return JSONResponse({"ok": True})


async def _database() -> bool:
    await reader().execute_query("SELECT 1")
    return True


async def _check(probe: asyncio.Future[bool] | asyncio.Task[bool]) -> str:
    try:
        return "ok" if await asyncio.wait_for(probe, CHECK_TIMEOUT) else "unreachable"
    except TimeoutError:
        return "timeout"
    except Exception:  # whatever the driver raises for a database that is gone
        return "unreachable"


async def readyz(request: Request) -> Response:
    database, broker = await asyncio.gather(
        _check(asyncio.ensure_future(_database())),
        _check(asyncio.ensure_future(get_broker().ping())),
    )
    ready = database == broker == "ok"
    return JSONResponse(
        {"ok": ready, "database": database, "broker": broker}, status_code=200 if ready else 503
    )


async def prometheus(request: Request) -> Response:
    return Response(metrics.render(), media_type=metrics.CONTENT_TYPE_LATEST)


ROUTES = [
    Route("/healthz", healthz),
    Route("/readyz", readyz),
    Route("/metrics", prometheus),
]
