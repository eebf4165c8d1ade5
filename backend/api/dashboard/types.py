"""The dashboard as GraphQL types. Every bar, slice or row carries its `bucket` key (for the
CSV export's `bucket=`), its count and the list it counts — ids, or the objectives, key
results and people themselves, resolved from the dashboard's snapshot without a statement."""

from datetime import datetime
from typing import Any, Self

import strawberry
from strawberry import Private

from ...domain import dashboard as figures
from ...domain.enums import TrackStatus as TrackStatusEnum
from ...read.dashboard import Dashboard as DashboardData
from ...read.snapshot import Snapshot
from ..context import Info
from ..enums import ObjectiveLevel, TrackStatus
from ..ids import encode
from ..okr.types import Cycle, KeyResult, Objective
from ..org.types import Team, User
from .export import csv_path

DashboardFigure = strawberry.enum(
    figures.Figure,
    name="DashboardFigure",
    description="A figure of the dashboard, as the CSV export names it.",
)


def _objectives(snap: Snapshot, ids: tuple[int, ...] | list[int]) -> list[Objective]:
    return [Objective.of(snap.objectives[i], snap) for i in ids]


def _key_results(snap: Snapshot, ids: tuple[int, ...] | list[int]) -> list[KeyResult]:
    return [KeyResult.of(snap.key_results[i], snap) for i in ids]


def _ids(type_name: str, ids: tuple[int, ...] | list[int]) -> list[strawberry.ID]:
    return [strawberry.ID(encode(type_name, i)) for i in ids]


@strawberry.type
class Counted:
    """A bar, slice or row: its key (an export's `bucket=`) and what it counts."""

    bucket: str
    count: int
    ids: Private[tuple[int, ...]]
    snap: Private[Snapshot]

    @classmethod
    def of(cls, bucket: figures.Counts, snap: Snapshot, **more: Any) -> Self:
        return cls(bucket=bucket.key, count=bucket.count, ids=bucket.ids, snap=snap, **more)


@strawberry.type(description="A bar or slice that drills down to objectives.")
class ObjectiveBucket(Counted):
    @strawberry.field
    def objective_ids(self) -> list[strawberry.ID]:
        return _ids("Objective", self.ids)

    @strawberry.field
    def objectives(self) -> list[Objective]:
        return _objectives(self.snap, self.ids)


@strawberry.type(description="A bar or row that drills down to key results.")
class KeyResultBucket(Counted):
    @strawberry.field
    def key_result_ids(self) -> list[strawberry.ID]:
        return _ids("KeyResult", self.ids)

    @strawberry.field
    def key_results(self) -> list[KeyResult]:
        return _key_results(self.snap, self.ids)


@strawberry.type(description="Objectives whose progress is in [lower, upper) — 1.0 in the last.")
class ProgressBucket(ObjectiveBucket):
    lower: float
    upper: float


@strawberry.type
class StatusCount(ObjectiveBucket):
    status: TrackStatus  # type: ignore[valid-type]


@strawberry.type(
    description="Team or personal objectives, aligned to a parent the viewer sees or not."
)
class AlignmentCoverage:
    level: ObjectiveLevel  # type: ignore[valid-type]
    count: int
    share: float = strawberry.field(description="aligned ÷ count; 0 when count is 0")
    aligned: ObjectiveBucket
    unaligned: ObjectiveBucket


@strawberry.type
class SilentKeyResult:
    silent_days: int
    last_check_in_at: datetime | None
    row: Private[figures.Silent]
    snap: Private[Snapshot]

    @strawberry.field
    def key_result(self) -> KeyResult:
        return KeyResult.of(self.snap.key_results[self.row.kr_id], self.snap)


@strawberry.type(description="A person and their key results silent at least the bucket's days.")
class SilentPerson:
    silent_days: int = strawberry.field(description="of their most silent key result")
    last_check_in_at: datetime | None = strawberry.field(
        description="their latest check-in on any of these key results"
    )
    key_results: list[SilentKeyResult]
    person_id: Private[int]
    snap: Private[Snapshot]

    @strawberry.field
    def user(self) -> User:
        return User.of(self.snap.users[self.person_id])


@strawberry.type(
    description="People by their most silent key result (no check-in for minDays … maxDays)."
)
class FreshnessBucket:
    bucket: str
    min_days: int
    max_days: int | None
    count: int = strawberry.field(description="people")
    key_result_count: int
    people: list[SilentPerson]

    @strawberry.field
    def person_ids(self) -> list[strawberry.ID]:
        return _ids("User", [p.person_id for p in self.people])

    @classmethod
    def of(cls, bucket: figures.FreshnessBucket, snap: Snapshot) -> "FreshnessBucket":
        people = [
            SilentPerson(
                silent_days=p.days,
                last_check_in_at=p.last_check_in_at,
                key_results=[
                    SilentKeyResult(
                        silent_days=k.days, last_check_in_at=k.last_check_in_at, row=k, snap=snap
                    )
                    for k in p.key_results
                ],
                person_id=p.person_id,
                snap=snap,
            )
            for p in bucket.people
        ]
        return cls(
            bucket=bucket.key,
            min_days=bucket.min_days,
            max_days=bucket.max_days,
            count=bucket.count,
            key_result_count=sum(len(p.key_results) for p in bucket.people),
            people=people,
        )


@strawberry.type(description="Key results scored `score`, or for which it is the suggestion.")
class ScoreBucket(KeyResultBucket):
    score: float
    final_count: int
    suggested_count: int


@strawberry.type
class ScoreDistribution:
    buckets: list[ScoreBucket] = strawberry.field(description="0.0, 0.1, … 1.0")
    scored_count: int
    unscored: KeyResultBucket
    average_score: float | None = strawberry.field(
        description="the final scores, suggestions standing in; null without key results"
    )


@strawberry.type(description="Mean expected progress, and mean progress as check-ins left it.")
class ProgressPoint:
    at: datetime
    expected: float
    actual: float | None = strawberry.field(description="null after asOf")


@strawberry.type
class Mover:
    before: float = strawberry.field(description="progress at `since`, from check-ins")
    after: float = strawberry.field(description="progress at `asOf`, from check-ins")
    delta: float
    objective_pk: Private[int]
    snap: Private[Snapshot]

    @strawberry.field
    def objective(self) -> Objective:
        return Objective.of(self.snap.objectives[self.objective_pk], self.snap)


@strawberry.type(
    description="A cycle's figures for the company, a team (with its sub-teams) or a person, "
    "counting only what the viewer may see (the board's objectives, filtered alike)."
)
class Dashboard:
    as_of: datetime = strawberry.field(
        description="when the numbers are read (a closed cycle's end)"
    )
    since: datetime = strawberry.field(description="start of the top movers' window")
    objective_count: int
    key_result_count: int
    average_progress: float = strawberry.field(description="0 when there is no objective")
    average_expected: float
    data: Private[DashboardData]

    @classmethod
    def of(cls, data: DashboardData) -> "Dashboard":
        return cls(
            as_of=data.as_of,
            since=data.since,
            objective_count=len(data.objective_ids),
            key_result_count=len(data.key_result_ids),
            average_progress=data.average_progress,
            average_expected=data.average_expected,
            data=data,
        )

    @strawberry.field
    def cycle(self) -> Cycle:
        return Cycle.of(self.data.snap.cycle)

    @strawberry.field
    def team(self) -> Team | None:
        team_id = self.data.team_id
        return Team.of(self.data.snap.directory.teams[team_id]) if team_id is not None else None

    @strawberry.field
    async def owner(self, info: Info) -> User | None:
        if self.data.owner_id is None:
            return None
        row = await info.context.users.load(self.data.owner_id)
        return User.of(row) if row else None

    @strawberry.field
    def objective_ids(self) -> list[strawberry.ID]:
        return _ids("Objective", self.data.objective_ids)

    @strawberry.field(description="Every objective counted, in board order.")
    def objectives(self) -> list[Objective]:
        return _objectives(self.data.snap, self.data.objective_ids)

    @strawberry.field
    def progress_distribution(self) -> list[ProgressBucket]:
        snap = self.data.snap
        out = []
        for i, b in enumerate(self.data.progress):
            lower, upper = figures.bucket_bounds(i)
            out.append(ProgressBucket.of(b, snap, lower=lower, upper=upper))
        return out

    @strawberry.field
    def status_counts(self) -> list[StatusCount]:
        return [
            StatusCount.of(b, self.data.snap, status=TrackStatusEnum(b.key))
            for b in self.data.status
        ]

    @strawberry.field(description="Check-in freshness: 0–6, 7–13 and 14+ days of silence.")
    def freshness(self) -> list[FreshnessBucket]:
        return [FreshnessBucket.of(b, self.data.snap) for b in self.data.freshness]

    @strawberry.field
    def alignment(self) -> list[AlignmentCoverage]:
        snap = self.data.snap
        return [
            AlignmentCoverage(
                level=c.level,
                count=c.count,
                share=c.share,
                aligned=ObjectiveBucket.of(c.aligned, snap),
                unaligned=ObjectiveBucket.of(c.unaligned, snap),
            )
            for c in self.data.alignment
        ]

    @strawberry.field(
        description="Live key results of company and team objectives that no objective the "
        "viewer sees was converted from."
    )
    def unaligned_key_results(self) -> KeyResultBucket:
        return KeyResultBucket.of(self.data.unaligned_key_results, self.data.snap)

    @strawberry.field
    def scores(self) -> ScoreDistribution:
        dist, snap = self.data.scores, self.data.snap
        return ScoreDistribution(
            buckets=[
                ScoreBucket.of(
                    b,
                    snap,
                    score=b.score,
                    final_count=len(b.final),
                    suggested_count=len(b.suggested),
                )
                for b in dist.buckets
            ],
            scored_count=len(self.data.key_result_ids) - dist.unscored.count,
            unscored=KeyResultBucket.of(dist.unscored, snap),
            average_score=dist.average,
        )

    @strawberry.field(
        description="Weekly from the cycle's start to its end, with `asOf` in between."
    )
    def progress_over_time(self) -> list[ProgressPoint]:
        return [
            ProgressPoint(at=p.at, expected=p.expected, actual=p.actual) for p in self.data.timeline
        ]

    @strawberry.field(
        description="Where a figure's table (or, with `bucket`, that bucket's list) downloads "
        "as CSV; authorised like the API (session cookie or bearer token)."
    )
    def csv_path(self, figure: DashboardFigure, bucket: str | None = None) -> str:  # type: ignore[valid-type]
        return csv_path(self.data, figure, bucket)

    @strawberry.field(description="Objectives whose progress moved most since `since`.")
    def top_movers(self, first: int = 10) -> list[Mover]:
        return [
            Mover(
                before=m.before,
                after=m.after,
                delta=m.delta,
                objective_pk=m.objective_id,
                snap=self.data.snap,
            )
            for m in self.data.movers[: max(first, 0)]
        ]
