"""An event as one subscriber may see it, as its GraphQL type: made once per event per view."""

from collections.abc import Callable
from datetime import datetime
from typing import Any

import strawberry

from ...domain.policy import Actor
from ...domain.scoring import score_band
from ...events.feed import view_key, visible_view
from ...events.kinds import EventKind, ViewKind
from ...live.events import LiveEvent
from ..engine.sharing import shareable
from ..ids import encode
from .types import (
    AlignmentChanged,
    CommentAdded,
    CommentChanged,
    CommentSummary,
    CyclePhaseChanged,
    KeyResultChanged,
    KeyResultCheckedIn,
    KeyResultNumbers,
    KeyResultReviewed,
    KeyResultScored,
    KeyResultSummary,
    LessonsChanged,
    LessonsSummary,
    LikeChanged,
    NumbersChanged,
    ObjectiveArchived,
    ObjectiveChanged,
    ObjectiveCommitted,
    ObjectiveCreated,
    ObjectiveNumbers,
    ObjectivePublished,
    ObjectiveRemoved,
    ObjectiveSummary,
    PersonSummary,
    ReviewersChanged,
    ReviewSummary,
    ScoreSummary,
    TaskChanged,
    TaskSummary,
    WeightsChanged,
)


def _id(type_name: str, pk: Any) -> strawberry.ID | None:
    return strawberry.ID(encode(type_name, int(pk))) if pk is not None else None


def _numbers(payload: dict[str, Any]) -> dict[str, Any]:
    numbers = payload.get("numbers") or {}
    return {
        "objectives": [
            ObjectiveNumbers(
                objective_id=strawberry.ID(encode("Objective", int(k))),
                progress=v["progress"],
                status=v["status"],
            )
            for k, v in numbers.get("objectives", {}).items()
        ],
        "key_results": [
            KeyResultNumbers(
                key_result_id=strawberry.ID(encode("KeyResult", int(k))),
                objective_id=strawberry.ID(encode("Objective", int(v["objectiveId"]))),
                progress=v["progress"],
                raw_progress=v["rawProgress"],
                expected_progress=v["expectedProgress"],
                status=v["status"],
                status_reasons=v["statusReasons"],
                weight=v.get("weight", 0.0),
                current_value=v.get("currentValue"),
            )
            for k, v in numbers.get("keyResults", {}).items()
        ],
    }


def _objective(data: dict[str, Any]) -> ObjectiveSummary:
    owner = data["owner"]
    return ObjectiveSummary(
        id=strawberry.ID(encode("Objective", data["id"])),
        title=data["title"],
        level=data["level"],
        state=data["state"],
        visibility=data["visibility"],
        parent_id=_id("Objective", data["parentId"]),
        source_key_result_id=_id("KeyResult", data["sourceKeyResultId"]),
        team_id=_id("Team", data["teamId"]),
        version=data["version"],
        owner=PersonSummary(
            id=strawberry.ID(encode("User", owner["id"])),
            display_name=owner["displayName"],
            handle=owner["handle"],
        ),
        key_results=[_key_result(k) for k in data.get("keyResults", ())],
    )


def _key_result(data: dict[str, Any]) -> KeyResultSummary:
    return KeyResultSummary(
        id=strawberry.ID(encode("KeyResult", data["id"])),
        objective_id=strawberry.ID(encode("Objective", data["objectiveId"])),
        title=data["title"],
        kind=data["kind"],
        unit=data["unit"],
        start_value=data["startValue"],
        target_value=data["targetValue"],
        current_value=data["currentValue"],
        range_min=data["rangeMin"],
        range_max=data["rangeMax"],
        due_date=data["dueDate"],
        weight=data["weight"],
        confidence=data["confidence"],
        progress_source=data["progressSource"],
        archived=data["archived"],
        position=data.get("position", 0),
    )


def _person(data: dict[str, Any]) -> PersonSummary:
    return PersonSummary(
        id=strawberry.ID(encode("User", data["id"])),
        display_name=data["displayName"],
        handle=data["handle"],
    )


def _task(data: dict[str, Any]) -> TaskSummary:
    assignee = data.get("assignee")
    return TaskSummary(
        id=strawberry.ID(encode("Task", data["id"])),
        objective_id=strawberry.ID(encode("Objective", data["objectiveId"])),
        key_result_id=_id("KeyResult", data["keyResultId"]),
        title=data["title"],
        description=data["description"],
        status=data["status"],
        due_date=data["dueDate"],
        position=data["position"],
        creator_id=strawberry.ID(encode("User", data["creatorId"])),
        assignee=_person(assignee) if assignee else None,
        collaborators=[_person(p) for p in data["collaborators"]],
        deleted=data["deleted"],
        meeting_id=_id("Meeting", data.get("meetingId")),
    )


def _comment(data: dict[str, Any]) -> CommentSummary:
    return CommentSummary(
        id=strawberry.ID(encode("Comment", data["id"])),
        target_id=strawberry.ID(encode(data["targetType"], data["targetId"])),
        objective_id=strawberry.ID(encode("Objective", data["objectiveId"])),
        key_result_id=_id("KeyResult", data["keyResultId"]),
        task_id=_id("Task", data["taskId"]),
        author=_person(data["author"]),
        body=data["body"],
        mentions=[_person(p) for p in data["mentions"]],
        created_at=datetime.fromisoformat(data["createdAt"]),
        edited_at=datetime.fromisoformat(data["editedAt"]) if data["editedAt"] else None,
        deleted=data["deleted"],
    )


# How each kind reaches the board (None: it does not). Older payloads of task and comment
# events carry no summary: those are skipped.
Common = dict[str, Any]
Build = Callable[[EventKind, dict[str, Any], Common], Any]


def _objective_event(event_type: type) -> Build:
    return lambda kind, payload, common: event_type(
        objective=_objective(payload["objective"]), **common
    )


def _objective_changed(kind: EventKind, payload: dict[str, Any], common: Common) -> Any:
    return ObjectiveChanged(
        change=kind.change, objective=_objective(payload["objective"]), **common
    )


def _checked_in(kind: EventKind, payload: dict[str, Any], common: Common) -> Any:
    key_result = _key_result(payload["keyResult"])
    return KeyResultCheckedIn(key_result=key_result, note=payload.get("note", ""), **common)


def _key_result_changed(kind: EventKind, payload: dict[str, Any], common: Common) -> Any:
    key_result = _key_result(payload["keyResult"])
    return KeyResultChanged(change=kind.change, key_result=key_result, **common)


def _phase_changed(kind: EventKind, payload: dict[str, Any], common: Common) -> Any:
    return CyclePhaseChanged(
        phase=payload["phase"],
        previous=payload.get("previous"),
        reason=payload.get("reason"),
        **common,
    )


def _committed(kind: EventKind, payload: dict[str, Any], common: Common) -> Any:
    at = payload["committedAt"]
    return ObjectiveCommitted(
        objective_id=strawberry.ID(encode("Objective", payload["objectiveId"])),
        committed=payload["committed"],
        committed_at=datetime.fromisoformat(at) if at else None,
        **common,
    )


def _reviewers(kind: EventKind, payload: dict[str, Any], common: Common) -> Any:
    return ReviewersChanged(
        objective_id=strawberry.ID(encode("Objective", payload["objectiveId"])),
        reviewers=[_person(p) for p in payload["reviewers"]],
        **common,
    )


def _lessons(kind: EventKind, payload: dict[str, Any], common: Common) -> Any:
    lessons = payload["lessons"]
    return LessonsChanged(
        objective_id=strawberry.ID(encode("Objective", payload["objectiveId"])),
        lessons=LessonsSummary(
            went_well=lessons["wentWell"],
            to_improve=lessons["toImprove"],
            to_carry_on=lessons["toCarryOn"],
            version=lessons["version"],
        ),
        **common,
    )


def _scored(kind: EventKind, payload: dict[str, Any], common: Common) -> Any:
    s = payload["score"]
    return KeyResultScored(
        score=ScoreSummary(
            key_result_id=strawberry.ID(encode("KeyResult", s["keyResultId"])),
            objective_id=strawberry.ID(encode("Objective", s["objectiveId"])),
            completion=s["completion"],
            difficulty=s["difficulty"],
            effort=s["effort"],
            suggested_score=s["suggested"],
            score=s["score"],
            reason=s["reason"],
            score_band=score_band(s["score"]),
        ),
        objective_score=payload["objectiveScore"],
        **common,
    )


def _reviewed(kind: EventKind, payload: dict[str, Any], common: Common) -> Any:
    r = payload["review"]
    return KeyResultReviewed(
        review=ReviewSummary(
            id=strawberry.ID(encode("PeerReview", r["id"])),
            key_result_id=strawberry.ID(encode("KeyResult", r["keyResultId"])),
            objective_id=strawberry.ID(encode("Objective", r["objectiveId"])),
            reviewer=_person(r["reviewer"]),
            score=r["score"],
            comment=r["comment"],
            updated_at=datetime.fromisoformat(r["updatedAt"]),
        ),
        **common,
    )


def _like(kind: EventKind, payload: dict[str, Any], common: Common) -> Any:
    return LikeChanged(
        target_id=strawberry.ID(encode(payload["targetType"], payload["targetId"])),
        objective_id=strawberry.ID(encode("Objective", payload["objectiveId"])),
        user_id=strawberry.ID(encode("User", payload["userId"])),
        liked=payload["liked"],
        count=payload["count"],
        **common,
    )


def _task_changed(kind: EventKind, payload: dict[str, Any], common: Common) -> Any:
    if "task" not in payload:
        return None
    order = payload.get("order")
    return TaskChanged(
        change=kind.change,
        task=_task(payload["task"]),
        changed_fields=list(payload.get("changed", [])),
        order=[strawberry.ID(encode("Task", i)) for i in order] if order else None,
        **common,
    )


def _comment_added(kind: EventKind, payload: dict[str, Any], common: Common) -> Any:
    return (
        CommentAdded(comment=_comment(payload["comment"]), **common)
        if "comment" in payload
        else None
    )


def _comment_changed(kind: EventKind, payload: dict[str, Any], common: Common) -> Any:
    if "comment" not in payload:
        return None
    return CommentChanged(change=kind.change, comment=_comment(payload["comment"]), **common)


BOARD_EVENTS: dict[EventKind, Build | None] = {
    EventKind.OBJECTIVE_CREATED: _objective_event(ObjectiveCreated),
    EventKind.OBJECTIVE_CHANGED: _objective_changed,
    EventKind.OBJECTIVE_ALIGNED: _objective_event(AlignmentChanged),
    EventKind.OBJECTIVE_PUBLISHED: _objective_event(ObjectivePublished),
    EventKind.OBJECTIVE_ARCHIVED: _objective_event(ObjectiveArchived),
    EventKind.OBJECTIVE_RESTORED: _objective_changed,
    EventKind.OBJECTIVE_WEIGHTS_CHANGED: _objective_event(WeightsChanged),
    EventKind.OBJECTIVE_COMMITTED: _committed,
    EventKind.OBJECTIVE_REVIEWERS_CHANGED: _reviewers,
    EventKind.OBJECTIVE_LESSONS_CHANGED: _lessons,
    # a copy made in this cycle: on its board like any new objective
    EventKind.OBJECTIVE_CARRIED_FORWARD: _objective_event(ObjectiveCreated),
    EventKind.KEY_RESULT_CREATED: _key_result_changed,
    EventKind.KEY_RESULT_CHANGED: _key_result_changed,
    EventKind.KEY_RESULT_ARCHIVED: _key_result_changed,
    EventKind.KEY_RESULT_CHECKED_IN: _checked_in,
    EventKind.CHECK_IN_CORRECTED: _key_result_changed,
    EventKind.CHECK_IN_WITHDRAWN: _key_result_changed,
    EventKind.KEY_RESULT_SCORED: _scored,
    EventKind.KEY_RESULT_REVIEWED: _reviewed,
    EventKind.TASK_CREATED: _task_changed,
    EventKind.TASK_CHANGED: _task_changed,
    EventKind.TASK_DELETED: _task_changed,
    EventKind.TASK_RESTORED: _task_changed,
    EventKind.COMMENT_ADDED: _comment_added,
    EventKind.COMMENT_EDITED: _comment_changed,
    EventKind.COMMENT_DELETED: _comment_changed,
    EventKind.LIKE_CHANGED: _like,
    EventKind.CYCLE_CREATED: None,
    EventKind.CYCLE_CHANGED: None,
    EventKind.CYCLE_PHASE_CHANGED: _phase_changed,
    EventKind.TEAM_CREATED: None,
    EventKind.TEAM_CHANGED: None,
    EventKind.TEAM_MEMBERSHIP_CHANGED: None,
    EventKind.USER_CREATED: None,
    EventKind.USER_CHANGED: None,
    EventKind.USER_INVITED: None,
    EventKind.USER_INVITATION_REVOKED: None,
    EventKind.USER_RESET_REQUESTED: None,
    EventKind.USER_PASSWORD_RESET: None,
    EventKind.ORGANIZATION_CHANGED: None,
    EventKind.REACH_NOTIFIED: None,
    EventKind.REACH_WEBHOOK_CHANGED: None,
    EventKind.REACH_SETTINGS_CHANGED: None,
    EventKind.ORGANIZATION_SSO_CHANGED: None,
    # a meeting has its own stream (meetingEvents); its action items are tasks, on the board
    EventKind.MEETING_CREATED: None,
    EventKind.MEETING_CHANGED: None,
    EventKind.MEETING_STARTED: None,
    EventKind.MEETING_ENDED: None,
    EventKind.MEETING_AGENDA_BUILT: None,
    EventKind.MEETING_FOCUS_CHANGED: None,
    EventKind.MEETING_NOTES_CHANGED: None,
    EventKind.MEETING_DECISION_ADDED: None,
    EventKind.MEETING_DECISION_CHANGED: None,
    EventKind.MEETING_DECISION_REMOVED: None,
}


def to_graphql(event: LiveEvent, view: dict[str, Any]) -> Any:
    """The typed event for one subscriber's view, or None for kinds the board ignores."""
    payload = view.get("payload", {})
    common: Common = {
        "seq": event.seq,
        "cycle_id": _id("Cycle", event.cycle_id),
        "actor_id": _id("User", event.actor_id),
        "at": event.at,
        **_numbers(payload),
    }
    kind = view["kind"]
    if kind == ViewKind.OBJECTIVE_REMOVED:
        return ObjectiveRemoved(
            objective_id=strawberry.ID(encode("Objective", view["objectiveId"])),
            **{**common, "objectives": [], "key_results": []},
        )
    if kind == ViewKind.NUMBERS_CHANGED:
        return NumbersChanged(**common)
    build = BOARD_EVENTS[kind]
    return build(kind, payload, common) if build is not None else None


def shared_typed(event: LiveEvent, actor: Actor) -> Any:
    """`to_graphql(event, visible_view(event, actor))`, made once per event per view: every
    subscriber who may see the same part of the event gets the same (shareable) object."""
    cut = view_key(event, actor)
    if cut is None:
        return None
    key = ("board-view", cut)
    memo = event.shared
    if key in memo:
        return memo[key]
    view = visible_view(event, actor)
    typed = to_graphql(event, view) if view else None
    memo[key] = shareable(typed) if typed is not None else None
    return memo[key]
