"""Notification rules: who hears of an event, mute filtering, and when a burst groups."""

from datetime import UTC, datetime, timedelta

import pytest

from backend.domain.enums import NotificationKind as K
from backend.domain.notify import (
    GROUP_WINDOW,
    GROUPED_KINDS,
    About,
    Existing,
    newly_mentioned,
    parse_muted,
    recipients,
    should_group,
)

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
TASK = About(objective_id=10, task_id=7)


def existing(**changes: object) -> Existing:
    facts: dict[str, object] = {
        "user_id": 1,
        "kind": K.STATUS,
        "about": TASK,
        "read": False,
        "created_at": NOW - timedelta(minutes=3),
    }
    facts.update(changes)
    return Existing(**facts)  # type: ignore[arg-type]


def test_a_burst_about_one_task_groups() -> None:
    assert should_group(existing(), 1, K.STATUS, TASK, NOW)


@pytest.mark.parametrize(
    ("changes", "why"),
    [
        ({"user_id": 2}, "someone else's notification"),
        ({"kind": K.COMMENT}, "another kind"),
        ({"about": About(objective_id=10, task_id=8)}, "another task"),
        ({"about": About(objective_id=10)}, "the objective, not the task"),
        ({"read": True}, "already read: a new event is news again"),
        ({"created_at": NOW - GROUP_WINDOW}, "exactly at the window's end"),
        ({"created_at": NOW - timedelta(hours=2)}, "long ago"),
        ({"created_at": NOW + timedelta(seconds=5)}, "from the future (clock skew)"),
    ],
)
def test_what_does_not_group(changes: dict[str, object], why: str) -> None:
    assert not should_group(existing(**changes), 1, K.STATUS, TASK, NOW), why


def test_just_inside_the_window_groups() -> None:
    edge = existing(created_at=NOW - GROUP_WINDOW + timedelta(seconds=1))
    assert should_group(edge, 1, K.STATUS, TASK, NOW)


def test_objective_level_items_group_by_objective() -> None:
    on_objective = About(objective_id=10)
    note = existing(kind=K.COMMENT, about=on_objective)
    assert should_group(note, 1, K.COMMENT, on_objective, NOW)
    assert not should_group(note, 1, K.COMMENT, About(objective_id=11), NOW)


@pytest.mark.parametrize("kind", list(K))
def test_only_work_kinds_group_and_mentions_never(kind: K) -> None:
    note = existing(kind=kind)
    assert should_group(note, 1, kind, TASK, NOW) == (kind in GROUPED_KINDS)
    assert K.MENTION not in GROUPED_KINDS


def test_recipients_skip_the_actor_duplicates_and_muted() -> None:
    muted = {3: frozenset({K.STATUS}), 4: frozenset({K.MENTION})}
    got = recipients([2, 1, 3, 4, 2, 5], K.STATUS, actor_id=1, muted=muted)
    assert got == [2, 4, 5]
    assert recipients([2, 3], K.MENTION, actor_id=None, muted=muted) == [2, 3]
    assert recipients([], K.STATUS, actor_id=1, muted={}) == []


def test_parse_muted_ignores_what_it_does_not_know() -> None:
    assert parse_muted(["MENTION", "STATUS", "NOPE", 3, None, "MENTION"]) == {
        K.MENTION,
        K.STATUS,
    }
    assert parse_muted(None) == frozenset()
    assert parse_muted([]) == frozenset()


def test_only_new_mentions_after_an_edit() -> None:
    assert newly_mentioned([1, 2], [2, 3, 3, 4]) == [3, 4]
    assert newly_mentioned([1, 2], [2]) == []
    assert newly_mentioned([], [5, 6]) == [5, 6]
