"""An objective's activity feed: each logged event told in a few fields (pure).

The activity log keeps whatever each action recorded (summaries, numbers of the whole
alignment chain, who was notified). A feed entry keeps only what says who changed what
about *this* objective — never the notification list (other people's inboxes) nor the
numbers of other objectives (which may be hidden from the reader).
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from ..domain.mentions import shown_body
from .kinds import EventKind, Topic

EXCERPT = 140  # characters of a comment shown in the feed


@dataclass(frozen=True, slots=True)
class Entry:
    subject: str | None = None  # the title of what changed (task, key result, objective)
    changed: tuple[str, ...] = field(default_factory=tuple)  # field names, when recorded
    detail: str | None = None  # a task's status, a comment's excerpt, a check-in's note
    value: float | None = None  # a check-in's value
    task_id: int | None = None
    key_result_id: int | None = None
    comment_id: int | None = None
    progress: float | None = None  # the objective's progress right after the change


def excerpt(text: str) -> str:
    """A comment as one short line."""
    text = " ".join(text.split())
    return text if len(text) <= EXCERPT else text[: EXCERPT - 1] + "…"


def summarize(
    kind: EventKind, payload: Mapping[str, Any], objective_id: int, key_result_id: int | None = None
) -> Entry:
    """The feed entry of one event recorded about `objective_id` (any version of its payload:
    older events may lack the summaries added since)."""
    task = payload.get("task") or {}
    kr = payload.get("keyResult") or {}
    comment = payload.get("comment") or {}
    subject, detail, value = SUBJECTS[kind.topic](kind, payload)
    changed = payload.get("changed")
    numbers = (payload.get("numbers") or {}).get("objectives", {}).get(str(objective_id))
    return Entry(
        subject=subject,
        changed=tuple(str(c) for c in changed) if isinstance(changed, list) else (),
        detail=detail,
        value=value,
        task_id=_int(payload.get("taskId") or task.get("id")),
        key_result_id=_int(key_result_id or kr.get("id") or task.get("keyResultId")),
        comment_id=_int(payload.get("commentId") or comment.get("id")),
        progress=numbers.get("progress") if isinstance(numbers, Mapping) else None,
    )


# subject (what changed), detail and value of an event, per topic
Told = tuple[str | None, str | None, float | None]


def _task(kind: EventKind, payload: Mapping[str, Any]) -> Told:
    task = payload.get("task") or {}
    return task.get("title"), task.get("status") or payload.get("status"), None


def _comment(kind: EventKind, payload: Mapping[str, Any]) -> Told:
    comment = payload.get("comment") or {}
    deleted = bool(comment.get("deleted")) or kind == EventKind.COMMENT_DELETED
    if deleted:
        return None, None, None
    names = {m["handle"]: m["displayName"] for m in comment.get("mentions") or ()}
    return None, excerpt(shown_body(str(comment.get("body", "")), names)) or None, None


def _key_result(kind: EventKind, payload: Mapping[str, Any]) -> Told:
    kr = payload.get("keyResult") or {}
    if kind == EventKind.KEY_RESULT_CHECKED_IN:
        return kr.get("title"), payload.get("note") or None, kr.get("currentValue")
    if kind == EventKind.KEY_RESULT_SCORED:
        score = payload.get("score") or {}
        return kr.get("title"), score.get("reason") or None, score.get("score")
    if kind == EventKind.KEY_RESULT_REVIEWED:
        review = payload.get("review") or {}
        return kr.get("title"), excerpt(str(review.get("comment", ""))) or None, review.get("score")
    return kr.get("title"), None, None


def _objective(kind: EventKind, payload: Mapping[str, Any]) -> Told:
    return (payload.get("objective") or {}).get("title"), None, None


def _untold(kind: EventKind, payload: Mapping[str, Any]) -> Told:
    """Not about one objective (cycles, teams, people, meetings): never in an objective's
    feed."""
    return None, None, None


SUBJECTS: dict[Topic, Callable[[EventKind, Mapping[str, Any]], Told]] = {
    Topic.TASK: _task,
    Topic.COMMENT: _comment,
    Topic.LIKE: _untold,  # who liked what is the item's own business (`likes`), not news
    Topic.KEY_RESULT: _key_result,
    Topic.OBJECTIVE: _objective,
    Topic.CYCLE: _untold,
    Topic.TEAM: _untold,
    Topic.USER: _untold,
    Topic.ORGANIZATION: _untold,
    Topic.REACH: _untold,
    Topic.MEETING: _untold,  # its action items are tasks: those are told
}


def _int(value: Any) -> int | None:
    return int(value) if isinstance(value, int | str) and str(value).isdigit() else None
