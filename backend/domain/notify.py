"""Who hears of what, and when a burst of events becomes one notification (pure rules).

- A person never hears of their own action, hears of one event once, and does not hear of
  the kinds they muted in their settings (muted kinds are not created at all).
- A burst about one item is grouped: a new event of a groupable kind for the same person,
  the same kind and the same item (the task, or the objective for things not on a task)
  updates that person's latest unread notification of it if it is less than
  `GROUP_WINDOW` old, instead of adding a row. Mentions are never grouped: each one is a
  person addressing you, and each points at its own comment.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

from .enums import NotificationKind

GROUP_WINDOW = timedelta(minutes=10)
GROUPED_KINDS: frozenset[NotificationKind] = frozenset(
    {
        NotificationKind.COMMENT,
        NotificationKind.STATUS,
        NotificationKind.ASSIGNMENT,
        NotificationKind.COLLABORATOR,
        NotificationKind.LIKE,
        NotificationKind.REVIEW,
    }
)
# kinds a person may mute (the ones the system sends about work; all of them today)
MUTABLE_KINDS: tuple[NotificationKind, ...] = tuple(NotificationKind)


@dataclass(frozen=True, slots=True)
class About:
    """What a notification is about: the task, or the objective when there is no task."""

    objective_id: int | None
    task_id: int | None = None


@dataclass(frozen=True, slots=True)
class Existing:
    """The facts of a stored notification that decide whether a new event joins it."""

    user_id: int
    kind: NotificationKind
    about: About
    read: bool
    created_at: datetime


def should_group(
    existing: Existing, user_id: int, kind: NotificationKind, about: About, now: datetime
) -> bool:
    """Does a new event (for `user_id`, of `kind`, about `about`, at `now`) update
    `existing` instead of creating a notification?"""
    return (
        kind in GROUPED_KINDS
        and existing.kind == kind
        and existing.user_id == user_id
        and existing.about == about
        and not existing.read
        and timedelta(0) <= now - existing.created_at < GROUP_WINDOW
    )


def parse_muted(values: Iterable[object] | None) -> frozenset[NotificationKind]:
    """The muted kinds stored in a user's settings; unknown values (a kind since removed,
    a hand-edited row) are ignored rather than failing every notification."""
    known = {k.value: k for k in NotificationKind}
    return frozenset(known[v] for v in values or () if isinstance(v, str) and v in known)


def recipients(
    candidates: Iterable[int],
    kind: NotificationKind,
    *,
    actor_id: int | None,
    muted: Mapping[int, frozenset[NotificationKind]],
) -> list[int]:
    """The candidates to notify, in order, once each: never the actor, never someone who
    muted this kind."""
    return [
        user_id
        for user_id in dict.fromkeys(candidates)
        if user_id != actor_id and kind not in muted.get(user_id, frozenset())
    ]


def newly_mentioned(before: Iterable[int], after: Iterable[int]) -> list[int]:
    """After an edit, the people mentioned now but not before: only they are notified."""
    old = set(before)
    return [u for u in dict.fromkeys(after) if u not in old]
