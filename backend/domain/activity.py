"""An objective's activity feed: each logged event told in a few fields (pure).

The activity log keeps whatever each action recorded (summaries, numbers of the whole
alignment chain, who was notified). A feed entry keeps only what says who changed what
about *this* objective — never the notification list (other people's inboxes) nor the
numbers of other objectives (which may be hidden from the reader).
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

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
    kind: str, payload: Mapping[str, Any], objective_id: int, key_result_id: int | None = None
) -> Entry:
    """The feed entry of one event recorded about `objective_id`."""
    task = payload.get("task") or {}
    kr = payload.get("keyResult") or {}
    comment = payload.get("comment") or {}
    objective = payload.get("objective") or {}
    subject: str | None = None
    detail: str | None = None
    value: float | None = None
    if kind.startswith("task."):
        subject = task.get("title")
        detail = task.get("status") or payload.get("status")
    elif kind.startswith("comment."):
        deleted = bool(comment.get("deleted")) or kind == "comment.deleted"
        detail = None if deleted else excerpt(str(comment.get("body", ""))) or None
    elif kind.startswith("key_result."):
        subject = kr.get("title")
        if kind == "key_result.checked_in":
            value = kr.get("currentValue")
            detail = payload.get("note") or None
    elif kind.startswith("objective."):
        subject = objective.get("title")
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


def _int(value: Any) -> int | None:
    return int(value) if isinstance(value, int | str) and str(value).isdigit() else None
