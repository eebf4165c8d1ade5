"""Work events as live clients get them: the typed board events built from recorded
payloads, and the event stream behind the `comments` and `notifications` subscriptions
(every event once, in order — after `since`, and across a slow consumer's overflow)."""

import asyncio
from collections.abc import AsyncGenerator, Iterator
from datetime import UTC, datetime
from typing import Any

import pytest

from backend.api.live.events import to_graphql
from backend.api.live.types import CommentAdded, CommentChanged, TaskChanged
from backend.api.work import subscriptions as work_live
from backend.events.kinds import EventKind
from backend.live import hub as hub_module
from backend.live.broker import MemoryBroker, org_channel
from backend.live.events import LiveEvent
from backend.live.hub import Hub, Subscriber

ORG = 1
PERSON = {"id": 4, "displayName": "Lily Sun", "handle": "lily"}
TASK = {
    "id": 7,
    "objectiveId": 2,
    "keyResultId": 3,
    "title": "Draft",
    "description": "",
    "status": "DONE",
    "dueDate": None,
    "position": 1,
    "creatorId": 5,
    "assignee": PERSON,
    "collaborators": [PERSON],
    "deleted": False,
}
COMMENT = {
    "id": 9,
    "targetType": "Task",
    "targetId": 7,
    "objectiveId": 2,
    "keyResultId": 3,
    "taskId": 7,
    "author": PERSON,
    "body": "@lily <b>hi</b>",
    "mentions": [PERSON],
    "createdAt": "2026-03-01T12:00:00+00:00",
    "editedAt": None,
    "deleted": False,
}


def event(
    seq: int, kind: EventKind = EventKind.TASK_CHANGED, payload: dict[str, Any] | None = None
) -> LiveEvent:
    return LiveEvent(seq, ORG, kind, 5, 1, 2, 3, payload or {}, datetime.now(UTC))


def typed(kind: EventKind, payload: dict[str, Any]) -> Any:
    return to_graphql(event(1, kind, payload), {"kind": kind, "payload": payload})


# --- typed events -------------------------------------------------------------------------


def test_task_events_carry_the_summary_and_the_numbers() -> None:
    numbers = {
        "objectives": {"2": {"progress": 0.5, "status": "ON_TRACK"}},
        "keyResults": {
            "3": {
                "objectiveId": 2,
                "progress": 0.5,
                "rawProgress": 0.5,
                "expectedProgress": 0.4,
                "status": "ON_TRACK",
                "statusReasons": [],
            }
        },
    }
    payload = {"task": TASK, "changed": ["status"], "numbers": numbers, "order": [7, 6]}
    moved = typed(EventKind.TASK_CHANGED, payload)
    assert isinstance(moved, TaskChanged)
    assert (moved.change, moved.changed_fields, moved.order) == (
        "changed",
        ["status"],
        [
            "task_7",
            "task_6",
        ],
    )
    assert (moved.task.id, moved.task.key_result_id, moved.task.status) == (
        "task_7",
        "kr_3",
        "DONE",
    )
    assert moved.task.assignee is not None and moved.task.assignee.id == "user_4"
    assert [k.progress for k in moved.key_results] == [0.5]
    assert moved.objectives[0].objective_id == "obj_2"
    deleted = typed(EventKind.TASK_DELETED, {"task": {**TASK, "deleted": True}})
    assert (deleted.change, deleted.task.deleted, deleted.order) == ("deleted", True, None)


def test_comment_events() -> None:
    added = typed(EventKind.COMMENT_ADDED, {"comment": COMMENT, "notified": [{"userId": 4}]})
    assert isinstance(added, CommentAdded)
    assert (added.comment.id, added.comment.target_id, added.comment.body) == (
        "cmt_9",
        "task_7",
        "@lily <b>hi</b>",
    )
    assert [m.handle for m in added.comment.mentions] == ["lily"]
    gone = typed(EventKind.COMMENT_DELETED, {"comment": {**COMMENT, "body": "", "deleted": True}})
    assert isinstance(gone, CommentChanged) and gone.change == "deleted"
    on_objective = {**COMMENT, "targetType": "Objective", "targetId": 2, "taskId": None}
    assert typed(EventKind.COMMENT_EDITED, {"comment": on_objective}).comment.target_id == "obj_2"


def test_events_recorded_before_summaries_are_skipped() -> None:
    assert typed(EventKind.TASK_CHANGED, {"taskId": 7, "status": "DONE"}) is None
    assert typed(EventKind.COMMENT_ADDED, {"commentId": 9}) is None


# --- the stream behind the subscriptions --------------------------------------------------


class FakeLog:
    """The activity log: events committed so far, some of which were never published."""

    def __init__(self, committed: int = 0) -> None:
        self.committed = committed

    async def last_seq(self, org_id: int) -> int:
        return self.committed

    async def read(self, org_id: int, after: int, upto: int | None) -> list[LiveEvent]:
        top = self.committed if upto is None else min(upto, self.committed)
        return [event(s) for s in range(after + 1, top + 1)]

    async def enrich_many(self, events: list[LiveEvent]) -> None:
        for e in events:
            e.audience = "enriched"


@pytest.fixture
def live(monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[MemoryBroker, FakeLog, Hub]]:
    monkeypatch.setattr(hub_module, "GAP_WAIT", 0.02)
    monkeypatch.setattr(hub_module, "POLL_EVERY", 0.05)
    broker, log = MemoryBroker(), FakeLog()
    hub = Hub(broker, log)
    monkeypatch.setattr(work_live, "get_hub", lambda: hub)
    monkeypatch.setattr(work_live, "get_feed", lambda: log)
    yield broker, log, hub


async def publish(broker: MemoryBroker, log: FakeLog, *seqs: int) -> None:
    log.committed = max(log.committed, *seqs)
    for seq in seqs:
        await broker.publish(org_channel(ORG), event(seq).to_message())


async def take(stream: AsyncGenerator[LiveEvent, None], n: int) -> list[int]:
    return [(await asyncio.wait_for(anext(stream), 2)).seq for _ in range(n)]


async def test_since_replays_the_log_then_goes_live_without_duplicates(
    live: tuple[MemoryBroker, FakeLog, Hub],
) -> None:
    broker, log, hub = live
    log.committed = 5
    stream = work_live._every_event(ORG, since=2)
    assert await take(stream, 3) == [3, 4, 5]
    await publish(broker, log, 5, 6)  # 5 again: already replayed
    assert await take(stream, 1) == [6]
    await stream.aclose()
    assert hub.streams == {}  # the subscriber was closed
    await hub.close()


async def test_since_in_the_future_starts_from_now(
    live: tuple[MemoryBroker, FakeLog, Hub],
) -> None:
    broker, log, hub = live
    log.committed = 3
    stream = work_live._every_event(ORG, since=99)
    first = asyncio.create_task(anext(stream))
    await asyncio.sleep(0.05)
    await publish(broker, log, 4)
    assert (await asyncio.wait_for(first, 2)).seq == 4
    await stream.aclose()
    await hub.close()


async def test_a_slow_consumer_catches_up_from_the_log(
    live: tuple[MemoryBroker, FakeLog, Hub], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(hub_module, "QUEUE_SIZE", 3)
    broker, log, hub = live
    subscribed = 0
    subscribe = hub.subscribe

    async def counted(org_id: int) -> Subscriber:
        nonlocal subscribed
        subscribed += 1
        return await subscribe(org_id)

    monkeypatch.setattr(hub, "subscribe", counted)
    stream = work_live._every_event(ORG, since=None)
    first = asyncio.create_task(anext(stream))
    await asyncio.sleep(0.05)  # subscribed, waiting
    await publish(broker, log, *range(1, 11))  # far more than its queue holds
    got = [(await asyncio.wait_for(first, 2)).seq, *await take(stream, 9)]
    assert got == list(range(1, 11))
    assert subscribed == 2  # it overflowed, took a fresh place and read the rest
    await publish(broker, log, 11)
    assert await take(stream, 1) == [11]
    await stream.aclose()
    await hub.close()
