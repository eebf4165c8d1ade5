"""Live work on one real server process (SQLite, memory broker, the demo company): the
`notifications` and `comments(targetId)` subscriptions, and task events on `boardEvents`.

As in test_board_events.py, "nothing arrived" is never shown by waiting: a later event the
subscriber may receive is made, and the stream's next item must be that one.

People (demo): emily and lily are in the Growth team (led by zhangsan); james is in Mobile
and sees neither a PRIVATE objective of emily's nor, being no lead above her, a TEAM one.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import pytest

from .client import (
    Gql,
    Socket,
    SubscriptionError,
    board_seq,
    create_key_result,
    create_objective,
    tracking_cycle,
)

EMILY = "emily@example.com"
LILY = "lily@example.com"
JAMES = "james@example.com"

NOTIFICATIONS = """
subscription($since: Int) { notifications(since: $since) {
  id kind count read actor { handle }
  comment { id body } task { id title } objective { id title }
} }
"""
COMMENTS = """
subscription($t: ID!, $since: Int) { comments(targetId: $t, since: $since) {
  __typename
  ... on CommentAdded { seq comment { ...C } }
  ... on CommentChanged { seq change comment { ...C } }
} }
fragment C on CommentSummary {
  id targetId objectiveId taskId body deleted editedAt createdAt
  author { handle } mentions { handle }
}
"""
BOARD = """
subscription($c: ID!, $since: Int) { boardEvents(cycleId: $c, since: $since) {
  __typename
  ... on LiveBoardEvent {
    seq
    objectives { objectiveId progress status }
    keyResults { keyResultId objectiveId progress status }
  }
  ... on TaskChanged {
    change changedFields order
    task { id objectiveId keyResultId title status position deleted
           assignee { handle } collaborators { handle } }
  }
  ... on CommentAdded { comment { id targetId body } }
  ... on CommentChanged { change comment { id targetId body } }
} }
"""
ADD_COMMENT = """mutation($t: ID!, $b: String!) {
  addComment(input: {targetId: $t, body: $b}) { id } }"""
EDIT_COMMENT = "mutation($id: ID!, $b: String!) { editComment(id: $id, body: $b) { id } }"
DELETE_COMMENT = "mutation($id: ID!) { deleteComment(id: $id) }"
CREATE_TASK = "mutation($i: CreateTaskInput!) { createTask(input: $i) { id } }"
UPDATE_TASK = """mutation($id: ID!, $i: UpdateTaskInput!) {
  updateTask(id: $id, input: $i) { id status } }"""
PROGRESS = """query($kr: ID!, $o: ID!) {
  keyResult(id: $kr) { progress status } objective(id: $o) { progress status } }"""

Api = Callable[[str], Awaitable[Gql]]
OpenSocket = Callable[[str], Awaitable[Socket]]


@pytest.fixture(scope="module")
async def cycle(api: Api) -> str:
    return await tracking_cycle(await api(EMILY))


async def objective(api: Api, cycle: str, title: str, visibility: str = "PUBLIC") -> str:
    made = await create_objective(await api(EMILY), cycle, title, visibility=visibility)
    return str(made["id"])


async def task(api: Api, target: str, title: str, **fields: Any) -> str:
    key = "keyResultId" if target.startswith("kr_") else "objectiveId"
    data = await (await api(EMILY)).ok(CREATE_TASK, i={key: target, "title": title, **fields})
    return str(data["createTask"]["id"])


async def comment(client: Gql, target: str, body: str) -> str:
    return str((await client.ok(ADD_COMMENT, t=target, b=body))["addComment"]["id"])


async def user_id(client: Gql) -> str:
    return str((await client.ok("{ viewer { id } }"))["viewer"]["id"])


async def now(api: Api, cycle: str) -> int:
    """The organization's latest event seq: a subscription given `since` = it misses nothing
    that happens after, however long the server takes to set it up."""
    return await board_seq(await api(EMILY), cycle)


# --- notifications ------------------------------------------------------------------------


async def test_a_mention_reaches_the_mentioned_persons_notifications(
    api: Api, cycle: str, sockets: OpenSocket
) -> None:
    emily, lily = await api(EMILY), await api(LILY)
    target = await objective(api, cycle, "Live: notify on mention")
    since = await now(api, cycle)
    lily_sub = await (await sockets(LILY)).subscribe(NOTIFICATIONS, since=since)
    james_sub = await (await sockets(JAMES)).subscribe(NOTIFICATIONS, since=since)
    emily_sub = await (await sockets(EMILY)).subscribe(NOTIFICATIONS, since=since)

    said = await comment(emily, target, "@lily 请看一下 the numbers")
    note = await lily_sub.next()
    assert (note["kind"], note["count"], note["read"]) == ("MENTION", 1, False)
    assert note["actor"]["handle"] == "emily"
    assert note["comment"] == {"id": said, "body": "@lily 请看一下 the numbers"}
    assert note["objective"]["id"] == target
    listed = (await lily.ok("{ notifications(first: 1) { id } }"))["notifications"]
    assert listed == [{"id": note["id"]}]

    # nobody else heard of it: the next thing james and emily get is their own
    await comment(lily, target, "@james can you help? @emily done")
    mine = await james_sub.next()
    assert (mine["kind"], mine["actor"]["handle"]) == ("MENTION", "lily")
    assert mine["comment"]["body"] == "@james can you help? @emily done"
    hers = await emily_sub.next()
    assert (hers["kind"], hers["actor"]["handle"]) == ("MENTION", "lily")
    assert hers["comment"]["body"] == "@james can you help? @emily done"
    # (emily owns the objective: mentioned, she gets the mention and no second COMMENT)


async def test_a_grouped_notification_arrives_again_with_its_count(
    api: Api, cycle: str, sockets: OpenSocket
) -> None:
    emily = await api(EMILY)
    target = await objective(api, cycle, "Live: grouping")
    lily_id = await user_id(await api(LILY))
    work = await task(api, target, "Draft the survey", assigneeId=lily_id)
    sub = await (await sockets(LILY)).subscribe(NOTIFICATIONS, since=await now(api, cycle))

    await comment(emily, work, "First draft is up")
    first = await sub.next()
    await comment(emily, work, "Second draft too")
    again = await sub.next()
    assert first["kind"] == again["kind"] == "COMMENT"
    assert (first["id"], first["count"]) == (again["id"], 1)
    assert again["count"] == 2
    assert (again["task"]["id"], again["comment"]["body"]) == (work, "Second draft too")


async def test_a_reconnecting_client_gets_what_it_missed(
    api: Api, cycle: str, sockets: OpenSocket
) -> None:
    emily = await api(EMILY)
    target = await objective(api, cycle, "Live: offline for a moment")
    since = await now(api, cycle)
    said = await comment(emily, target, "@lily while you were away")  # nobody listening
    thread_sub = await (await sockets(LILY)).subscribe(COMMENTS, t=target, since=since)
    note_sub = await (await sockets(LILY)).subscribe(NOTIFICATIONS, since=since)
    replayed = await thread_sub.next()
    assert (replayed["__typename"], replayed["comment"]["id"]) == ("CommentAdded", said)
    assert replayed["seq"] > since
    note = await note_sub.next()
    assert (note["kind"], note["comment"]["id"]) == ("MENTION", said)
    # … then live, with no duplicate
    live = await comment(emily, target, "@lily and now")
    assert (await thread_sub.next())["comment"]["id"] == live
    assert (await note_sub.next())["comment"]["id"] == live
    bad = await (await sockets(LILY)).subscribe(NOTIFICATIONS, since=-1)
    with pytest.raises(SubscriptionError) as refused:
        await bad.next()
    assert "BAD_USER_INPUT" in str(refused.value.payload)


# --- an open thread -----------------------------------------------------------------------


async def test_a_thread_updates_as_people_add_edit_and_delete(
    api: Api, cycle: str, sockets: OpenSocket
) -> None:
    emily, lily = await api(EMILY), await api(LILY)
    target = await objective(api, cycle, "Live: a thread")
    work = await task(api, target, "Pick a venue")
    other = await task(api, target, "Book the caterer")
    sub = await (await sockets(LILY)).subscribe(COMMENTS, t=work, since=await now(api, cycle))

    await comment(emily, other, "not this thread")  # another task's thread
    said = await comment(emily, work, "What about the library? @lily")
    added = await sub.next()
    assert added["__typename"] == "CommentAdded"
    assert added["comment"]["id"] == said
    assert (added["comment"]["targetId"], added["comment"]["taskId"]) == (work, work)
    assert added["comment"]["body"] == "What about the library? @lily"
    assert added["comment"]["author"] == {"handle": "emily"}
    assert added["comment"]["mentions"] == [{"handle": "lily"}]
    assert (added["comment"]["deleted"], added["comment"]["editedAt"]) == (False, None)

    await emily.ok(EDIT_COMMENT, id=said, b="What about the old library?")
    edited = await sub.next()
    assert (edited["__typename"], edited["change"]) == ("CommentChanged", "edited")
    assert edited["comment"]["body"] == "What about the old library?"
    assert edited["comment"]["editedAt"] is not None and edited["comment"]["mentions"] == []

    reply = await comment(lily, work, "Works for me")
    assert (await sub.next())["comment"]["id"] == reply
    await emily.ok(DELETE_COMMENT, id=said)
    deleted = await sub.next()
    assert (deleted["change"], deleted["comment"]["id"]) == ("deleted", said)
    assert (deleted["comment"]["deleted"], deleted["comment"]["body"]) == (True, "")


# --- task events on the board -------------------------------------------------------------


async def test_a_task_status_change_moves_the_key_result_on_the_board(
    api: Api, cycle: str, sockets: OpenSocket
) -> None:
    emily = await api(EMILY)
    target = await objective(api, cycle, "Live: tasks drive a key result")
    kr = await create_key_result(
        emily,
        target,
        "Agree on the review standard",
        kind="BASELINE",
        startValue=None,
        targetValue=None,
        progressSource="TASKS",
    )
    first = await task(api, kr, "Draft the standard")
    await task(api, kr, "Review it with the leads")
    since = await board_seq(emily, cycle)
    sub = await (await sockets(LILY)).subscribe(BOARD, c=cycle, since=since)

    await emily.ok(UPDATE_TASK, id=first, i={"status": "DONE"})
    event = await sub.next()
    assert (event["__typename"], event["change"], event["seq"]) == (
        "TaskChanged",
        "changed",
        since + 1,
    )
    assert event["changedFields"] == ["status"]
    assert (event["task"]["id"], event["task"]["status"], event["task"]["keyResultId"]) == (
        first,
        "DONE",
        kr,
    )
    numbers = {k["keyResultId"]: k for k in event["keyResults"]}
    assert numbers[kr]["progress"] == pytest.approx(0.5)
    objectives = {o["objectiveId"]: o for o in event["objectives"]}
    assert objectives[target]["progress"] == pytest.approx(0.5)
    # the event's numbers are what a fresh read says
    fresh = await (await api(LILY)).ok(PROGRESS, kr=kr, o=target)
    assert numbers[kr]["progress"] == fresh["keyResult"]["progress"]
    assert numbers[kr]["status"] == fresh["keyResult"]["status"]
    assert objectives[target]["progress"] == fresh["objective"]["progress"]


# --- visibility ---------------------------------------------------------------------------


async def test_who_cannot_see_a_private_objective_receives_none_of_its_work(
    api: Api, cycle: str, sockets: OpenSocket
) -> None:
    emily, james = await api(EMILY), await api(JAMES)
    hidden = await objective(api, cycle, "Live: private plans", visibility="PRIVATE")
    public = await objective(api, cycle, "Live: public plans")
    hidden_task = await task(api, hidden, "Secret task")
    public_task = await task(api, public, "Open task")

    socket = await sockets(JAMES)
    board = await socket.subscribe(BOARD, c=cycle, since=await board_seq(james, cycle))
    notes = await socket.subscribe(NOTIFICATIONS, since=await now(api, cycle))
    # a private thread does not exist for him
    thread = await socket.subscribe(COMMENTS, t=hidden_task)
    with pytest.raises(SubscriptionError) as refused:
        await thread.next()
    assert "NOT_FOUND" in str(refused.value.payload)

    # all of this happens on the PRIVATE objective, mentioning james
    await emily.ok(UPDATE_TASK, id=hidden_task, i={"status": "DOING", "title": "Still secret"})
    said = await comment(emily, hidden_task, "@james this is not for you")
    await emily.ok(EDIT_COMMENT, id=said, b="@james still not for you")
    await emily.ok(DELETE_COMMENT, id=said)
    await task(api, hidden, "Another secret")
    # … then one public thing: it is the next (and only) event he gets
    await emily.ok(UPDATE_TASK, id=public_task, i={"status": "DONE"})
    event = await board.next()
    assert (event["__typename"], event["task"]["id"]) == ("TaskChanged", public_task)
    assert event["task"]["status"] == "DONE"
    assert all(o["objectiveId"] != hidden for o in event["objectives"])
    # and no notification about the private objective reached him: the next is public
    await comment(emily, public, "@james now you can look")
    note = await notes.next()
    assert (note["kind"], note["objective"]["id"]) == ("MENTION", public)
    assert note["comment"]["body"] == "@james now you can look"
    # the board stream saw that comment too — and nothing private in between
    assert (await board.next())["comment"]["body"] == "@james now you can look"
