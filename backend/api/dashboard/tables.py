"""The dashboard's figures as tables for the CSV export: a figure's own table, or with a
bucket the list that bucket counts (objectives, key results, or people with their key
results). Headers and the status, level and state words follow the viewer's language."""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TypeVar

from ...domain.dashboard import Bucket, Counts, Figure, bucket_bounds
from ...domain.errors import InvalidInput
from ...domain.scoring import suggested_score
from ...read.dashboard import Dashboard
from ..downloads import Cell, word


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
        self.locale = locale

    def word(self, key: str) -> str:
        return word(key, self.locale)

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
