"""An activity feed entry keeps who changed what — never other inboxes or other numbers."""

import pytest

from backend.events.kinds import EventKind, Topic
from backend.events.summary import EXCERPT, SUBJECTS, summarize


def test_task_status_change() -> None:
    payload = {
        "taskId": 7,
        "status": "DONE",
        "task": {"id": 7, "title": "Book rooms", "status": "DONE", "keyResultId": 3},
        "changed": ["status"],
        "notified": [{"userId": 9, "notificationId": 44}],
        "numbers": {
            "objectives": {"5": {"progress": 0.5, "status": "ON_TRACK"}, "1": {"progress": 0.2}},
            "keyResults": {"3": {"progress": 0.5}},
        },
    }
    entry = summarize(EventKind.TASK_CHANGED, payload, objective_id=5, key_result_id=3)
    assert (entry.subject, entry.detail, entry.changed) == ("Book rooms", "DONE", ("status",))
    assert (entry.task_id, entry.key_result_id, entry.comment_id) == (7, 3, None)
    assert entry.progress == 0.5  # this objective's, not the parent's (1)
    assert "44" not in repr(entry) and "notified" not in repr(entry)


def test_older_task_events_without_a_summary() -> None:
    entry = summarize(EventKind.TASK_CHANGED, {"taskId": 7, "status": "DOING"}, objective_id=5)
    assert (entry.subject, entry.detail, entry.task_id, entry.progress) == (
        None,
        "DOING",
        7,
        None,
    )


def test_comment_excerpt_and_deleted_comment() -> None:
    body = "很好 @pat\n\n  " + "x" * 300
    added = summarize(EventKind.COMMENT_ADDED, {"commentId": 3, "comment": {"body": body}}, 5)
    assert added.comment_id == 3
    assert added.detail is not None and len(added.detail) == EXCERPT
    assert added.detail.startswith("很好 @pat x") and added.detail.endswith("…")
    gone = summarize(
        EventKind.COMMENT_DELETED, {"commentId": 3, "comment": {"body": "", "deleted": True}}, 5
    )
    assert gone.detail is None and gone.comment_id == 3


def test_check_in_and_objective_events() -> None:
    check_in = summarize(
        EventKind.KEY_RESULT_CHECKED_IN,
        {"keyResult": {"id": 3, "title": "NPS", "currentValue": 42.0}, "note": "up"},
        5,
        3,
    )
    assert (check_in.subject, check_in.value, check_in.detail, check_in.key_result_id) == (
        "NPS",
        42.0,
        "up",
        3,
    )
    renamed = summarize(EventKind.OBJECTIVE_CHANGED, {"objective": {"title": "Delight"}}, 5)
    assert renamed.subject == "Delight" and renamed.changed == ()


def test_every_topic_is_told() -> None:
    assert set(SUBJECTS) == set(Topic)


@pytest.mark.parametrize("kind", [EventKind.CYCLE_CREATED, EventKind.TEAM_CHANGED])
def test_events_not_about_an_objective_tell_nothing(kind: EventKind) -> None:
    entry = summarize(kind, {"name": "Q3", "teamId": 2}, 5)
    assert (entry.subject, entry.detail, entry.value) == (None, None, None)
