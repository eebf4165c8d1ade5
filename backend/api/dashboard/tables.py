"""The dashboard's figures as tables for the CSV export: a figure's own table, or with a
bucket the list that bucket counts (objectives, key results, or people with their key
results). Headers and the status, level and state words follow the viewer's language."""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TypeVar

from ...domain.dashboard import Bucket, Counts, Figure, bucket_bounds
from ...domain.enums import Locale
from ...domain.errors import InvalidInput
from ...domain.scoring import suggested_score
from ...read.dashboard import Dashboard

Cell = str | int | float | None

# key: (en, zh-CN)
_WORDS: dict[str, tuple[str, str]] = {
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
}


@dataclass(frozen=True)
class Table:
    header: list[str]
    rows: list[list[Cell]]


def _percent(x: float | None) -> float | None:
    return None if x is None else round(x * 100, 1)


def _when(at: datetime | None) -> str | None:
    return at.isoformat(timespec="seconds") if at else None


class _Writer:
    """Rows of one dashboard in one language."""

    def __init__(self, data: Dashboard, locale: str):
        self.data, self.snap = data, data.snap
        self.zh = locale == Locale.ZH_CN

    def word(self, key: str) -> str:
        en, zh = _WORDS.get(key, (key, key))
        return zh if self.zh else en

    def table(self, columns: Sequence[str], rows: list[list[Cell]]) -> Table:
        return Table([self.word(c) for c in columns], rows)

    def person(self, user_id: int | None) -> str | None:
        user = self.snap.users.get(user_id) if user_id is not None else None
        return user.display_name if user else None

    def objectives(self, ids: Sequence[int]) -> Table:
        evaluation, teams = self.snap.evaluation.objectives, self.snap.directory.teams
        rows: list[list[Cell]] = []
        for i in ids:
            o, result = self.snap.objectives[i], evaluation[i]
            team = teams.get(o.team_id) if o.team_id is not None else None
            rows.append(
                [
                    f"obj_{o.id}",
                    o.title,
                    self.word(o.level),
                    self.word(o.state),
                    self.person(o.owner_id),
                    team.name if team else None,
                    _percent(result.progress),
                    self.word(result.status),
                ]
            )
        return self.table(
            ("id", "objective", "level", "state", "owner", "team", "progress", "status"), rows
        )

    def key_results(self, ids: Sequence[int]) -> Table:
        results = self.snap.evaluation.key_results
        rows: list[list[Cell]] = []
        for i in ids:
            kr, result = self.snap.key_results[i], results[i]
            rows.append(
                [
                    f"kr_{kr.id}",
                    kr.title,
                    self.snap.objectives[kr.objective_id].title,
                    self.person(kr.owner_id),
                    _percent(result.progress),
                    self.word(result.status),
                    kr.score,
                    suggested_score(result.progress, kr.difficulty, kr.effort),
                    kr.score_reason or None,
                ]
            )
        columns = ("id", "key_result", "objective", "owner", "progress", "status", "score")
        return self.table((*columns, "suggested", "score_reason"), rows)

    def counts(self, buckets: Sequence[Bucket], first: str, word: bool = False) -> Table:
        rows: list[list[Cell]] = [[self.word(b.key) if word else b.key, b.count] for b in buckets]
        return self.table((first, "objectives"), rows)

    def progress(self) -> Table:
        rows: list[list[Cell]] = []
        for i, b in enumerate(self.data.progress):
            lower, upper = bucket_bounds(i)
            rows.append([b.key, _percent(lower), _percent(upper), b.count])
        return self.table(("bucket", "from", "to", "objectives"), rows)

    def freshness(self) -> Table:
        rows: list[list[Cell]] = [
            [b.key, b.min_days, b.max_days, b.count, sum(len(p.key_results) for p in b.people)]
            for b in self.data.freshness
        ]
        return self.table(("bucket", "min_days", "max_days", "people", "key_results"), rows)

    def silent(self, key: str) -> Table:
        bucket = _find(self.data.freshness, key)
        rows: list[list[Cell]] = []
        for p in bucket.people:
            user = self.snap.users[p.person_id]
            for k in p.key_results:
                kr = self.snap.key_results[k.kr_id]
                rows.append(
                    [
                        user.display_name,
                        user.handle,
                        f"kr_{kr.id}",
                        kr.title,
                        self.snap.objectives[kr.objective_id].title,
                        k.days,
                        _when(k.last_check_in_at),
                    ]
                )
        columns = ("person", "handle", "id", "key_result", "objective", "silent_days")
        return self.table((*columns, "last_check_in"), rows)

    def alignment(self) -> Table:
        rows: list[list[Cell]] = [
            [
                self.word(c.level),
                c.count,
                c.aligned.count,
                c.unaligned.count,
                _percent(c.share),
            ]
            for c in self.data.alignment
        ]
        return self.table(("level", "objectives", "aligned", "unaligned", "share"), rows)

    def scores(self) -> Table:
        rows: list[list[Cell]] = [
            [b.key, len(b.final), len(b.suggested)] for b in self.data.scores.buckets
        ]
        return self.table(("score", "final_count", "suggested_count"), rows)

    def timeline(self) -> Table:
        rows: list[list[Cell]] = [
            [_when(p.at), _percent(p.expected), _percent(p.actual)] for p in self.data.timeline
        ]
        return self.table(("at", "expected", "actual"), rows)

    def movers(self) -> Table:
        rows: list[list[Cell]] = []
        for m in self.data.movers:
            o = self.snap.objectives[m.objective_id]
            rows.append(
                [
                    f"obj_{o.id}",
                    o.title,
                    self.person(o.owner_id),
                    _percent(m.before),
                    _percent(m.after),
                    round(m.delta * 100, 1),
                ]
            )
        return self.table(("id", "objective", "owner", "before", "after", "delta"), rows)


B = TypeVar("B", bound=Counts)


def _find(buckets: Sequence[B], key: str) -> B:
    for b in buckets:
        if b.key == key:
            return b
    raise InvalidInput("bucket", "dashboard.unknown_bucket")


def table(data: Dashboard, figure: Figure, bucket: str | None, locale: str) -> Table:
    """The table of `figure`, or the list its `bucket` counts (InvalidInput naming `bucket`
    for a bucket the figure has not)."""
    w = _Writer(data, locale)
    whole: dict[Figure, Callable[[], Table]] = {
        Figure.OBJECTIVES: lambda: w.objectives(data.objective_ids),
        Figure.PROGRESS: w.progress,
        Figure.STATUS: lambda: w.counts(data.status, "status", word=True),
        Figure.FRESHNESS: w.freshness,
        Figure.ALIGNMENT: w.alignment,
        Figure.UNALIGNED_KEY_RESULTS: lambda: w.key_results(data.unaligned_key_results.ids),
        Figure.SCORES: w.scores,
        Figure.TIMELINE: w.timeline,
        Figure.MOVERS: w.movers,
    }
    if bucket is None:
        return whole[figure]()
    if figure is Figure.FRESHNESS:
        return w.silent(bucket)
    if figure is Figure.SCORES:
        scores = data.scores
        if bucket == scores.unscored.key:
            return w.key_results(scores.unscored.ids)
        return w.key_results(_find(scores.buckets, bucket).ids)
    objective_buckets = {
        Figure.PROGRESS: data.progress,
        Figure.STATUS: data.status,
        Figure.ALIGNMENT: [b for c in data.alignment for b in (c.aligned, c.unaligned)],
    }
    if figure not in objective_buckets:
        raise InvalidInput("bucket", "dashboard.unknown_bucket")
    return w.objectives(_find(objective_buckets[figure], bucket).ids)
