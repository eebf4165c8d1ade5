"""The board's live events as GraphQL types: absolute numbers and summaries, never deltas."""

from datetime import datetime
from typing import Annotated

import strawberry

from ..enums import ScoreBand, TrackStatus


@strawberry.type
class ObjectiveNumbers:
    objective_id: strawberry.ID
    progress: float
    status: TrackStatus  # type: ignore[valid-type]


@strawberry.type
class KeyResultNumbers:
    key_result_id: strawberry.ID
    objective_id: strawberry.ID
    progress: float
    raw_progress: float
    expected_progress: float
    status: TrackStatus  # type: ignore[valid-type]
    status_reasons: list[str]
    weight: float
    current_value: float | None = strawberry.field(
        description="What the key result reports now (KeyResult.currentValue)."
    )


@strawberry.type
class PersonSummary:
    id: strawberry.ID
    display_name: str
    handle: str


@strawberry.type
class ObjectiveSummary:
    id: strawberry.ID
    title: str
    level: str
    state: str
    visibility: str
    parent_id: strawberry.ID | None
    source_key_result_id: strawberry.ID | None
    team_id: strawberry.ID | None
    version: int
    owner: PersonSummary
    key_results: list["KeyResultSummary"] = strawberry.field(
        description="Its key results (not archived): someone who can see the objective only "
        "since this change has never seen them. Their numbers are in the event's keyResults."
    )


@strawberry.type
class KeyResultSummary:
    id: strawberry.ID
    objective_id: strawberry.ID
    title: str
    kind: str
    unit: str
    start_value: float | None
    target_value: float | None
    current_value: float | None
    range_min: float | None
    range_max: float | None
    due_date: str | None
    weight: float
    confidence: int | None
    progress_source: str
    archived: bool
    position: int


@strawberry.interface
class LiveBoardEvent:
    seq: int
    cycle_id: strawberry.ID | None
    actor_id: strawberry.ID | None
    at: datetime
    objectives: list[ObjectiveNumbers]
    key_results: list[KeyResultNumbers]


@strawberry.type
class KeyResultCheckedIn(LiveBoardEvent):
    key_result: KeyResultSummary
    note: str


@strawberry.type
class KeyResultChanged(LiveBoardEvent):
    change: str  # created | changed | archived
    key_result: KeyResultSummary


@strawberry.type
class ObjectiveCreated(LiveBoardEvent):
    objective: ObjectiveSummary


@strawberry.type
class ObjectiveChanged(LiveBoardEvent):
    change: str  # changed | restored
    objective: ObjectiveSummary


@strawberry.type
class ObjectivePublished(LiveBoardEvent):
    objective: ObjectiveSummary


@strawberry.type
class ObjectiveArchived(LiveBoardEvent):
    objective: ObjectiveSummary


@strawberry.type
class AlignmentChanged(LiveBoardEvent):
    objective: ObjectiveSummary


@strawberry.type
class WeightsChanged(LiveBoardEvent):
    objective: ObjectiveSummary


@strawberry.type
class CyclePhaseChanged(LiveBoardEvent):
    phase: str
    previous: str | None = strawberry.field(description="The phase it left (null in old events).")
    reason: str | None


@strawberry.type
class ObjectiveCommitted(LiveBoardEvent):
    """The owner committed to the objective (共识会), or took it back."""

    objective_id: strawberry.ID
    committed: bool
    committed_at: datetime | None


@strawberry.type
class ReviewersChanged(LiveBoardEvent):
    objective_id: strawberry.ID
    reviewers: list[PersonSummary]


@strawberry.type
class LessonsSummary:
    went_well: str
    to_improve: str
    to_carry_on: str
    version: int


@strawberry.type
class LessonsChanged(LiveBoardEvent):
    objective_id: strawberry.ID
    lessons: LessonsSummary


@strawberry.type
class ScoreSummary:
    key_result_id: strawberry.ID
    objective_id: strawberry.ID
    completion: float
    difficulty: float
    effort: float
    suggested_score: float
    score: float = strawberry.field(description="The final score.")
    reason: str
    score_band: ScoreBand  # type: ignore[valid-type]


@strawberry.type
class KeyResultScored(LiveBoardEvent):
    score: ScoreSummary
    objective_score: float | None = strawberry.field(
        description="The objective's score now, the suggestions standing in."
    )


@strawberry.type
class ReviewSummary:
    id: strawberry.ID
    key_result_id: strawberry.ID
    objective_id: strawberry.ID
    reviewer: PersonSummary
    score: float
    comment: str
    updated_at: datetime


@strawberry.type
class KeyResultReviewed(LiveBoardEvent):
    review: ReviewSummary


@strawberry.type
class LikeChanged(LiveBoardEvent):
    """Someone liked an item or took the like back: the item's count now, and who."""

    target_id: strawberry.ID
    objective_id: strawberry.ID
    user_id: strawberry.ID
    liked: bool
    count: int


@strawberry.type
class NumbersChanged(LiveBoardEvent):
    """Something this viewer cannot see moved numbers it can (e.g. a private objective
    converted from a visible key result): the numbers alone."""


@strawberry.type
class ObjectiveRemoved(LiveBoardEvent):
    """An objective this viewer can no longer see (it became private, moved team…)."""

    objective_id: strawberry.ID


@strawberry.type
class TaskSummary:
    """Everything a task list shows of a task."""

    id: strawberry.ID
    objective_id: strawberry.ID
    key_result_id: strawberry.ID | None
    title: str
    description: str
    status: str
    due_date: str | None
    position: int
    creator_id: strawberry.ID
    assignee: PersonSummary | None
    collaborators: list[PersonSummary]
    deleted: bool
    meeting_id: strawberry.ID | None = strawberry.field(
        description="An action item: the meeting that decided it."
    )


@strawberry.type
class TaskChanged(LiveBoardEvent):
    """A task was created, changed (status, assignee, order…), deleted or restored. For a
    task-driven key result the numbers carry its and its objective's new progress."""

    change: str  # created | changed | deleted | restored
    task: TaskSummary
    changed_fields: list[str]
    order: list[strawberry.ID] | None = strawberry.field(
        description="After a move: the ids of the task and its siblings in their new order."
    )


@strawberry.type
class CommentSummary:
    """Everything a thread shows of a comment (a deleted one: who and when only)."""

    id: strawberry.ID
    target_id: strawberry.ID
    objective_id: strawberry.ID
    key_result_id: strawberry.ID | None
    task_id: strawberry.ID | None
    author: PersonSummary
    body: str = strawberry.field(description="Plain text as typed: render as text, not HTML.")
    mentions: list[PersonSummary]
    created_at: datetime
    edited_at: datetime | None
    deleted: bool


@strawberry.type
class CommentAdded(LiveBoardEvent):
    comment: CommentSummary


@strawberry.type
class CommentChanged(LiveBoardEvent):
    change: str  # edited | deleted
    comment: CommentSummary


@strawberry.type
class ResyncRequired:
    """Refetch the board, then subscribe again with `since` = `seq`."""

    reason: str
    seq: int


BoardEvent = Annotated[
    KeyResultCheckedIn
    | KeyResultChanged
    | ObjectiveCreated
    | ObjectiveChanged
    | ObjectivePublished
    | ObjectiveArchived
    | AlignmentChanged
    | WeightsChanged
    | CyclePhaseChanged
    | ObjectiveCommitted
    | ReviewersChanged
    | LessonsChanged
    | KeyResultScored
    | KeyResultReviewed
    | LikeChanged
    | NumbersChanged
    | ObjectiveRemoved
    | TaskChanged
    | CommentAdded
    | CommentChanged
    | ResyncRequired,
    strawberry.union("BoardEvent"),
]


@strawberry.type
class Watcher:
    id: strawberry.ID
    display_name: str
    handle: str


@strawberry.type
class PresenceUpdate:
    cycle_id: strawberry.ID
    count: int
    watchers: list[Watcher] = strawberry.field(
        description="Up to 50 of those watching, by name (count has them all)."
    )
