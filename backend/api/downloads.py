"""Plain HTTP downloads (CSV, XLSX, Markdown exports) authorised as the API is: by a bearer
token, or by the session cookie when the request comes from our own origin; the viewer's actor
and directory built as for a GraphQL request, and a refusal answered as a status with a
translated message. Also what every export shares: its words in both languages, CSV as
spreadsheets read it, a safe file name."""

import csv
import io
from collections.abc import Awaitable, Callable, Iterable, Sequence
from dataclasses import dataclass

from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response

from ..domain.enums import Locale
from ..domain.errors import DomainError, Forbidden, Unauthenticated
from ..domain.messages import translate
from ..domain.policy import Actor
from ..read.accounts import user_for_token
from ..read.directory import Directory
from ..settings import Settings
from .context import SESSION_COOKIE, actor_for, pick_locale
from .engine.view import bearer_token, origin_allowed

# key: (en, zh-CN)
WORDS: dict[str, tuple[str, str]] = {
    "id": ("ID", "ID"),
    "objective": ("Objective", "目标"),
    "key_result": ("Key result", "关键结果"),
    "level": ("Level", "层级"),
    "state": ("State", "状态"),
    "owner": ("Owner", "负责人"),
    "team": ("Team", "团队"),
    "progress": ("Progress (%)", "进度（%）"),
    "expected": ("Expected (%)", "预期进度（%）"),
    "status": ("Status", "进展状态"),
    "score": ("Score", "评分"),
    "suggested": ("Suggested score", "建议评分"),
    "score_reason": ("Why this score", "评分理由"),
    "bucket": ("Bucket", "分组"),
    "from": ("From (%)", "起（%）"),
    "to": ("To (%)", "止（%）"),
    "objectives": ("Objectives", "目标数"),
    "key_results": ("Key results", "关键结果数"),
    "people": ("People", "人数"),
    "min_days": ("Silent at least (days)", "未更新至少（天）"),
    "max_days": ("Silent at most (days)", "未更新至多（天）"),
    "person": ("Person", "人员"),
    "handle": ("Handle", "账号"),
    "silent_days": ("Days without check-in", "未更新天数"),
    "last_check_in": ("Last check-in", "最近更新"),
    "aligned": ("Aligned", "已对齐"),
    "unaligned": ("Not aligned", "未对齐"),
    "share": ("Aligned (%)", "对齐率（%）"),
    "final_count": ("Scored", "最终评分数"),
    "suggested_count": ("Suggested", "建议评分数"),
    "at": ("Date", "日期"),
    "actual": ("Progress (%)", "实际进度（%）"),
    "before": ("Before (%)", "之前（%）"),
    "after": ("After (%)", "之后（%）"),
    "delta": ("Change (points)", "变化（百分点）"),
    "BEHIND": ("Behind", "落后"),
    "AT_RISK": ("At risk", "有风险"),
    "ON_TRACK": ("On track", "正常"),
    "NOT_STARTED": ("Not started", "未开始"),
    "DONE": ("Done", "已完成"),
    "COMPANY": ("Company", "公司"),
    "TEAM": ("Team", "团队"),
    "PERSONAL": ("Personal", "个人"),
    "DRAFT": ("Draft", "草稿"),
    "PUBLISHED": ("Published", "已发布"),
    "ARCHIVED": ("Archived", "已归档"),
    # the retrospective report
    "company": ("Company", "公司"),
    "objective_score": ("Objective score", "目标评分"),
    "kind": ("Kind", "类型"),
    "unit": ("Unit", "单位"),
    "weight": ("Weight (%)", "权重（%）"),
    "completion": ("Completion (%)", "完成度（%）"),
    "difficulty": ("Difficulty (0–1)", "难度（0–1）"),
    "effort": ("Effort (0–1)", "投入（0–1）"),
    "final": ("Final score", "最终评分"),
    "band": ("Band", "评分区间"),
    "peer": ("Peer score", "互评分"),
    "went_well": ("Went well", "做得好的"),
    "to_improve": ("To improve", "待改进的"),
    "to_carry_on": ("To carry on", "要延续的"),
    "sheet_score": ("Score", "评分"),
    "unscored": ("not scored yet", "尚未评分"),
    "GREEN": ("Green (0.7–1.0)", "绿（0.7–1.0）"),
    "YELLOW": ("Yellow (0.4–0.6)", "黄（0.4–0.6）"),
    "RED": ("Red (0–0.3)", "红（0–0.3）"),
    "BASELINE": ("Baseline", "制定基准"),
    "INCREASE": ("Increase", "正向增长"),
    "DECREASE": ("Decrease", "反向控制"),
    "RANGE": ("Range", "数量区间"),
    "COUNT": ("Count", "过程策略"),
    "MILESTONE": ("Milestone", "确定里程碑"),
    "MISSION": ("Mission", "使命激励"),
    "DRAFTING": ("Drafting", "起草"),
    "ALIGNING": ("Consensus", "共识"),
    "TRACKING": ("Progress", "推进"),
    "REVIEWING": ("Retrospective", "复盘"),
    "CLOSED": ("Closed", "已关闭"),
}


def word(key: str, locale: str) -> str:
    en, zh = WORDS.get(key, (key, key))
    return zh if locale == Locale.ZH_CN else en


Cell = str | int | float | None
# a text cell a spreadsheet would run as a formula gets a leading apostrophe
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(cell: Cell) -> Cell:
    if isinstance(cell, str) and cell.startswith(_FORMULA_START):
        return "'" + cell
    return cell


def encode_csv(header: Sequence[str], rows: Iterable[Sequence[Cell]]) -> bytes:
    """UTF-8 with a BOM, so Excel reads Chinese; formulas defused."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows([safe_cell(c) for c in row] for row in rows)
    return out.getvalue().encode("utf-8")


def filename(name: str) -> str:
    return "".join(c if (c.isascii() and c.isalnum()) or c in "-_." else "_" for c in name)


def attachment(body: bytes, media_type: str, name: str) -> Response:
    return Response(
        body,
        media_type=media_type,
        headers={
            "Content-Disposition": f'attachment; filename="{filename(name)}"',
            "Cache-Control": "no-store",
        },
    )


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
