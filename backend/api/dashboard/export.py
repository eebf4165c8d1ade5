"""`GET /export/cycles/{cycleId}/dashboard.csv?figure=F` — optional `bucket=B`, `teamId=…`,
`ownerId=…`, `since=YYYY-MM-DD` as the `dashboard` query takes them.

A dashboard figure's table — or, with `bucket`, the list that bucket counts — as CSV: UTF-8
with a BOM (so Excel reads Chinese), the viewer's language in the headers. Authorised like the
API (bearer token, or the session cookie from our own origin), the same organization and the
same visibility: the rows are the ones the `dashboard` query counts for this viewer.
"""

from datetime import date
from urllib.parse import urlencode

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from ...domain.dashboard import Figure
from ...domain.errors import InvalidInput
from ...read.dashboard import Dashboard, load_dashboard
from ...settings import Settings
from ..downloads import Viewer, attachment, download, encode_csv
from ..ids import decode, decode_optional, encode
from .tables import table

PATH = "/export/cycles/{cycle_id}/dashboard.csv"


def csv_path(data: Dashboard, figure: Figure, bucket: str | None) -> str:
    """The export URL of a figure (or of one of its buckets) of this dashboard."""
    query = {"figure": figure.value}
    if bucket is not None:
        query["bucket"] = bucket
    if data.team_id is not None:
        query["teamId"] = encode("Team", data.team_id)
    if data.owner_id is not None:
        query["ownerId"] = encode("User", data.owner_id)
    if data.since_date is not None:
        query["since"] = data.since_date.isoformat()
    path = PATH.format(cycle_id=encode("Cycle", data.snap.cycle.id))
    return f"{path}?{urlencode(query)}"


def _figure(value: str | None) -> Figure:
    try:
        return Figure(value or "")
    except ValueError:
        raise InvalidInput(
            "figure", "dashboard.unknown_figure", choices=", ".join(f.value for f in Figure)
        ) from None


def _since(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise InvalidInput("since", "input.invalid_date") from None


async def _respond(request: Request, viewer: Viewer) -> Response:
    q = request.query_params
    figure = _figure(q.get("figure"))
    data = await load_dashboard(
        viewer.actor,
        decode(request.path_params["cycle_id"], "Cycle", "cycleId"),
        decode_optional(q.get("teamId"), "Team", "teamId"),
        decode_optional(q.get("ownerId"), "User", "ownerId"),
        _since(q.get("since")),
        directory=viewer.directory,
    )
    bucket = q.get("bucket")
    name = "-".join(
        p for p in ("dashboard", f"cycle{data.snap.cycle.id}", figure.value.lower(), bucket) if p
    )
    t = table(data, figure, bucket, viewer.locale)
    return attachment(encode_csv(t.header, t.rows), "text/csv; charset=utf-8", f"{name}.csv")


def routes(settings: Settings) -> list[Route]:
    return [Route(PATH, download(settings, _respond), methods=["GET"])]
