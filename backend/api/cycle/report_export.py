"""`GET /export/cycles/{cycleId}/retrospective.{xlsx,csv,md}?teamId=…` — the retrospective report
(read/report.py) as a workbook (a sheet per team, numbers as numbers, frozen header), as CSV
(UTF-8 with a BOM, one row per key result) or as Markdown; in the viewer's language, with what
the viewer may see. Authorised like the API (api/downloads.py). Rendering runs off the event
loop, a few at a time: a large organization's workbook takes a while to build."""

import io
from collections.abc import Callable

import anyio
from openpyxl import Workbook
from openpyxl.styles import Font
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from ...domain.errors import NotFound
from ...read.report import KrLine, ObjectiveLine, Report, Sheet, retrospective
from ...settings import Settings
from ..downloads import Cell, Viewer, attachment, download, encode_csv, safe_cell, word
from ..ids import decode, decode_optional

PATH = "/export/cycles/{cycle_id}/retrospective.{fmt}"
_RENDERING = anyio.CapacityLimiter(2)

_OBJECTIVE_COLUMNS = ("team", "objective", "level", "owner", "objective_score")
_KR_COLUMNS = (
    "key_result",
    "kind",
    "weight",
    "completion",
    "difficulty",
    "effort",
    "suggested",
    "final",
    "band",
    "score_reason",
    "peer",
)
_LESSON_COLUMNS = ("went_well", "to_improve", "to_carry_on")


def _percent(x: float) -> float:
    return round(x * 100, 1)


def _rows(report: Report, locale: str) -> list[list[Cell]]:
    """One row per key result (an objective without key results: one row of its own)."""
    rows: list[list[Cell]] = []
    for sheet in report.sheets:
        team = sheet.team or word("company", locale)
        for o in sheet.objectives:
            head: list[Cell] = [team, o.title, word(o.level.value, locale), o.owner, o.score]
            lessons: list[Cell] = [o.went_well, o.to_improve, o.to_carry_on]
            for kr in o.key_results or (None,):
                rows.append([*head, *_kr_cells(kr, locale), *lessons])
    return rows


def _kr_cells(kr: KrLine | None, locale: str) -> list[Cell]:
    if kr is None:
        return [None] * len(_KR_COLUMNS)
    return [
        kr.title,
        word(kr.kind, locale),
        kr.weight,
        _percent(kr.completion),
        kr.difficulty,
        kr.effort,
        kr.suggested,
        kr.score,
        word(kr.band.value, locale),
        kr.reason,
        kr.peer_score,
    ]


def _header(locale: str) -> list[str]:
    return [word(c, locale) for c in (*_OBJECTIVE_COLUMNS, *_KR_COLUMNS, *_LESSON_COLUMNS)]


def render_csv(report: Report, locale: str) -> bytes:
    return encode_csv(_header(locale), _rows(report, locale))


def render_xlsx(report: Report, locale: str) -> bytes:
    book = Workbook()
    book.remove(book.active)
    header = _header(locale)
    for sheet in report.sheets or (Sheet(None, (), None),):
        ws = book.create_sheet(_sheet_title(sheet.team or word("company", locale), book))
        ws.append(header)
        for cell in ws[1]:
            cell.font = Font(bold=True)
        ws.freeze_panes = "A2"
        one = Report(report.cycle, report.phase, (sheet,))
        for row in _rows(one, locale):
            ws.append([safe_cell(c) for c in row])  # numbers stay numbers; "=…" text stays text
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _sheet_title(name: str, book: Workbook) -> str:
    """Sheet names: at most 31 characters, none of []:*?/\\, unique in the book."""
    clean = "".join("_" if c in "[]:*?/\\" else c for c in name)[:31] or "-"
    title, n = clean, 2
    while title in book.sheetnames:
        suffix = f" ({n})"
        title, n = clean[: 31 - len(suffix)] + suffix, n + 1
    return title


def render_md(report: Report, locale: str) -> bytes:
    lines = [f"# {report.cycle} — {word(report.phase, locale)}", ""]
    for sheet in report.sheets:
        score = _score(sheet.score, locale)
        lines += [f"## {sheet.team or word('company', locale)} · {score}", ""]
        for o in sheet.objectives:
            lines += _md_objective(o, locale)
    return "\n".join(lines).encode("utf-8")


def _md_objective(o: ObjectiveLine, locale: str) -> list[str]:
    lines = [f"### {_md(o.title)} · {_md(o.owner)} · {_score(o.score, locale)}", ""]
    columns = ("key_result", "completion", "difficulty", "effort", "suggested", "final", "band")
    lines.append("| " + " | ".join(word(c, locale) for c in columns) + " |")
    lines.append("|" + "---|" * len(columns))
    for kr in o.key_results:
        final = f"{kr.score:.1f}" if kr.score is not None else word("unscored", locale)
        reason = f" ({_md(kr.reason)})" if kr.reason else ""
        cells = (
            _md(kr.title),
            f"{_percent(kr.completion):g}%",
            f"{kr.difficulty:g}",
            f"{kr.effort:g}",
            f"{kr.suggested:.1f}",
            final + reason,
            word(kr.band.value, locale),
        )
        lines.append("| " + " | ".join(cells) + " |")
    lines.append("")
    for key, text in (
        ("went_well", o.went_well),
        ("to_improve", o.to_improve),
        ("to_carry_on", o.to_carry_on),
    ):
        if text.strip():
            lines += [f"**{word(key, locale)}**: {_md(text)}", ""]
    return lines


def _score(score: float | None, locale: str) -> str:
    shown = f"{score:.1f}" if score is not None else word("unscored", locale)
    return f"{word('sheet_score', locale)} {shown}"


def _md(text: str) -> str:
    """User text in a Markdown table or line: no pipes or line breaks to break it, no HTML."""
    return " ".join(text.split()).replace("|", "\\|").replace("<", "&lt;")


_FORMATS: dict[str, tuple[Callable[[Report, str], bytes], str]] = {
    "xlsx": (
        render_xlsx,
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ),
    "csv": (render_csv, "text/csv; charset=utf-8"),
    "md": (render_md, "text/markdown; charset=utf-8"),
}


async def _respond(request: Request, viewer: Viewer) -> Response:
    fmt = request.path_params["fmt"]
    if fmt not in _FORMATS:
        raise NotFound()
    cycle_id = decode(request.path_params["cycle_id"], "Cycle", "cycleId")
    team_id = decode_optional(request.query_params.get("teamId"), "Team", "teamId")
    report = await retrospective(viewer.actor, cycle_id, team_id)
    render, media_type = _FORMATS[fmt]
    body = await anyio.to_thread.run_sync(render, report, viewer.locale, limiter=_RENDERING)
    scope = f"-team{team_id}" if team_id is not None else ""
    return attachment(body, media_type, f"retrospective-cycle{cycle_id}{scope}.{fmt}")


def routes(settings: Settings) -> list[Route]:
    return [Route(PATH, download(settings, _respond), methods=["GET"])]
