"""An event as one subscriber may see it, as its GraphQL type: made once per event per view."""

from datetime import datetime
from typing import Any

import strawberry

from ...domain.policy import Actor
from ...events.feed import view_key, visible_view
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
    KeyResultSummary,
    NumbersChanged,
    ObjectiveArchived,
    ObjectiveChanged,
    ObjectiveCreated,
    ObjectiveNumbers,
    ObjectivePublished,
    ObjectiveRemoved,
    ObjectiveSummary,
    PersonSummary,
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


_OBJECTIVE_EVENTS: dict[str, type] = {
    "objective.created": ObjectiveCreated,
    "objective.published": ObjectivePublished,
    "objective.archived": ObjectiveArchived,
    "objective.aligned": AlignmentChanged,
    "objective.weights_changed": WeightsChanged,
}


def to_graphql(event: LiveEvent, view: dict[str, Any]) -> Any:
    """The typed event for one subscriber's view, or None for kinds the board ignores."""
    payload = view.get("payload", {})
    common = {
        "seq": event.seq,
        "cycle_id": _id("Cycle", event.cycle_id),
        "actor_id": _id("User", event.actor_id),
        "at": event.at,
        **_numbers(payload),
    }
    kind = view["kind"]
    if kind == "objective.removed":
        return ObjectiveRemoved(
            objective_id=strawberry.ID(encode("Objective", view["objectiveId"])),
            **{**common, "objectives": [], "key_results": []},
        )
    if kind == "numbers.changed":
        return NumbersChanged(**common)
    if kind in _OBJECTIVE_EVENTS:
        return _OBJECTIVE_EVENTS[kind](objective=_objective(payload["objective"]), **common)
    if kind in ("objective.changed", "objective.restored"):
        change = kind.split(".")[1]
        return ObjectiveChanged(change=change, objective=_objective(payload["objective"]), **common)
    if kind == "key_result.checked_in":
        return KeyResultCheckedIn(
            key_result=_key_result(payload["keyResult"]), note=payload.get("note", ""), **common
        )
    if kind.startswith("key_result."):
        return KeyResultChanged(
            change=kind.split(".")[1], key_result=_key_result(payload["keyResult"]), **common
        )
    if kind == "cycle.phase_changed":
        return CyclePhaseChanged(phase=payload["phase"], **common)
    if kind.startswith("task.") and "task" in payload:  # (older events carry no summary)
        order = payload.get("order")
        return TaskChanged(
            change=kind.split(".")[1],
            task=_task(payload["task"]),
            changed_fields=list(payload.get("changed", [])),
            order=[strawberry.ID(encode("Task", i)) for i in order] if order else None,
            **common,
        )
    if kind == "comment.added" and "comment" in payload:
        return CommentAdded(comment=_comment(payload["comment"]), **common)
    if kind.startswith("comment.") and "comment" in payload:
        return CommentChanged(
            change=kind.split(".")[1], comment=_comment(payload["comment"]), **common
        )
    return None


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
