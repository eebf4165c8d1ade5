"""Issue 5, server side: deleting/restoring and reordering tasks, task-driven key results,
editing and deleting comments, notification kinds, grouping and muting, and the activity
feed — through the real ASGI app, on both engines.

The world (tests/api/conftest.py): ada is the admin; leo leads Engineering, above the
Platform squad of mia and pat; lou is in no team; oscar belongs to another organization.
"""

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from tortoise import connections

from backend.domain.enums import (
    KRKind,
    ObjectiveState,
    ProgressSource,
    Visibility,
)
from backend.models import (
    ActivityEvent,
    Comment,
    KeyResult,
    Notification,
    Objective,
    Task,
    User,
)
from tests.api.helpers import (
    ADD_COMMENT,
    CREATE_TASK,
    UPDATE_TASK,
    Api,
    World,
    comment_vars,
    create_vars,
    gid,
    kr_of,
    make_user,
    notifications_of,
    objective_of,
    task_on,
)

# --- documents ----------------------------------------------------------------------------

TASK_BITS = "id title status position deletedAt keyResult { id progress } objective { id progress }"
MOVE = f"mutation($id: ID!, $p: Int!) {{ moveTask(id: $id, position: $p) {{ {TASK_BITS} }} }}"
DELETE = f"mutation($id: ID!) {{ deleteTask(id: $id) {{ {TASK_BITS} }} }}"
RESTORE = f"mutation($id: ID!) {{ restoreTask(id: $id) {{ {TASK_BITS} }} }}"
LIST = (
    "query($t: ID!, $d: Boolean) "
    "{ tasks(targetId: $t, includeDeleted: $d) { id title position deletedAt } }"
)
KR_PROGRESS = "query($id: ID!) { keyResult(id: $id) { progress objective { progress } } }"
EDIT_COMMENT = (
    "mutation($id: ID!, $body: String!) { editComment(id: $id, body: $body) "
    "{ id body edited editedAt mentions { handle } } }"
)
DELETE_COMMENT = "mutation($id: ID!) { deleteComment(id: $id) }"
COMMENTS = "query($t: ID!) { comments(targetId: $t) { id body edited } }"
MUTE = (
    "mutation($m: [NotificationKind!]!) "
    "{ updateNotificationSettings(muted: $m) { handle mutedNotificationKinds } }"
)
VIEWER = "{ viewer { mutedNotificationKinds unreadNotificationCount } }"
NOTES = """{ notifications { id kind count read createdAt actor { handle }
  task { id } comment { id body } } }"""
ACTIVITY = """query($o: ID!, $first: Int) { activity(objectiveId: $o, first: $first) {
  seq kind at subject changed detail value taskId keyResultId commentId progress
  actor { handle } } }"""


# --- helpers ------------------------------------------------------------------------------


async def rows() -> dict[str, Any]:
    """Every row this area writes (and the people's settings): equal before and after a
    refused request means nothing changed."""
    conn = connections.get("default")
    through = {}
    for table in ("task_collaborator", "comment_mention"):
        _, found = await conn.execute_query(f'SELECT * FROM "{table}"')
        through[table] = sorted(tuple(dict(r).values()) for r in found)
    tables: dict[str, Any] = {
        m.__name__: await m.all().order_by("id").values()
        for m in (Task, Comment, Notification, ActivityEvent, KeyResult, Objective)
    }
    tables["User"] = await User.all().order_by("id").values("id", "muted_notification_kinds")
    return {**tables, **through}


async def refused(api: Api, query: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
    """The first error of a request that must fail without writing anything."""
    before = await rows()
    error = await api.error(query, variables)
    assert await rows() == before, "a refused request changed something"
    return error


def pk(global_id: str) -> int:
    return int(global_id.rsplit("_", 1)[1])


async def tasks_kr(world: World, objective: Objective) -> KeyResult:
    return await KeyResult.create(
        organization=world.org,
        objective=objective,
        title="Settle the review standard",
        kind=KRKind.BASELINE,
        weight=100,
        owner_id=objective.owner_id,
        progress_source=ProgressSource.TASKS,
    )


async def last_event(kind: str | None = None) -> ActivityEvent:
    query = ActivityEvent.all() if kind is None else ActivityEvent.filter(kind=kind)
    event = await query.order_by("-seq").first()
    assert event is not None
    return event


async def kinds_of(user: User) -> list[tuple[str, int]]:
    return [(n.kind.value, n.count) for n in await notifications_of(user)]


# --- deleting and restoring tasks ---------------------------------------------------------


async def test_delete_and_restore_a_task(world: World) -> None:
    objective = await objective_of(world, world.member)
    mia = await world.as_(world.member)
    task = (await mia.ok(CREATE_TASK, create_vars(gid("obj", objective.id))))["createTask"]
    deleted = (await mia.ok(DELETE, {"id": task["id"]}))["deleteTask"]
    assert deleted["deletedAt"] is not None
    event = await last_event()
    assert event.kind == "task.deleted"
    assert event.payload["task"]["deleted"] is True
    assert event.payload["task"]["title"] == "Book five interviews"

    target = {"t": gid("obj", objective.id)}
    assert (await mia.ok(LIST, target))["tasks"] == []
    [listed] = (await mia.ok(LIST, target | {"d": True}))["tasks"]
    assert listed["id"] == task["id"] and listed["deletedAt"]
    # deleted: not found for reading, editing, commenting
    assert (await mia.ok("query($id: ID!) { task(id: $id) { id } }", {"id": task["id"]}))[
        "task"
    ] is None
    error = await refused(mia, UPDATE_TASK, {"id": task["id"], "input": {"title": "again"}})
    assert error["code"] == "NOT_FOUND"
    assert (await refused(mia, ADD_COMMENT, comment_vars(task["id"], "hi")))["code"] == (
        "NOT_FOUND"
    )
    assert (await refused(mia, DELETE, {"id": task["id"]}))["code"] == "NOT_FOUND"

    restored = (await mia.ok(RESTORE, {"id": task["id"]}))["restoreTask"]
    assert restored["deletedAt"] is None
    assert (await last_event()).kind == "task.restored"
    assert [t["id"] for t in (await mia.ok(LIST, target))["tasks"]] == [task["id"]]
    # restoring what is not deleted changes nothing
    before = await rows()
    await mia.ok(RESTORE, {"id": task["id"]})
    assert await rows() == before


async def test_who_may_restore(world: World) -> None:
    objective = await objective_of(world, world.member)
    # created by pat, deleted by mia (the objective's owner may delete, not restore)
    task = await task_on(objective, world.peer)
    tid = gid("task", task.id)
    mia = await world.as_(world.member)
    await mia.ok(DELETE, {"id": tid})
    # only the deleted tasks one may restore are listed
    target = {"t": gid("obj", objective.id), "d": True}
    assert (await mia.ok(LIST, target))["tasks"] == []
    assert len((await (await world.as_(world.peer)).ok(LIST, target))["tasks"]) == 1
    assert len((await (await world.as_(world.admin)).ok(LIST, target))["tasks"]) == 1

    for user in (world.member, world.lead, world.loner):
        api = await world.as_(user)
        assert (await refused(api, RESTORE, {"id": tid}))["code"] == "FORBIDDEN"
    assert (await refused(await world.as_(None), RESTORE, {"id": tid}))["code"] == (
        "UNAUTHENTICATED"
    )
    oscar = await world.as_(world.outsider)
    assert (await refused(oscar, RESTORE, {"id": tid}))["code"] == "NOT_FOUND"
    assert (await refused(mia, RESTORE, {"id": gid("task", 999_999)}))["code"] == "NOT_FOUND"
    assert (await refused(mia, RESTORE, {"id": "task_x"}))["field"] == "id"

    # the author restores; an admin too
    pat = await world.as_(world.peer)
    assert (await pat.ok(RESTORE, {"id": tid}))["restoreTask"]["deletedAt"] is None
    await mia.ok(DELETE, {"id": tid})
    await (await world.as_(world.admin)).ok(RESTORE, {"id": tid})

    # once the objective is PRIVATE, its author no longer sees the task: not found
    await mia.ok(DELETE, {"id": tid})
    await Objective.filter(id=objective.id).update(visibility=Visibility.PRIVATE)
    assert (await refused(pat, RESTORE, {"id": tid}))["code"] == "NOT_FOUND"
    # under an archived objective: restore that first
    await Objective.filter(id=objective.id).update(
        visibility=Visibility.PUBLIC, state=ObjectiveState.ARCHIVED
    )
    error = await refused(pat, RESTORE, {"id": tid})
    assert (error["code"], error["field"]) == ("BAD_USER_INPUT", "id")


async def test_delete_task_bad_input(world: World) -> None:
    mia = await world.as_(world.member)
    for document in (DELETE, RESTORE):
        for bad in ("garbage", "obj_1", "task_"):
            error = await refused(mia, document, {"id": bad})
            assert (error["code"], error["field"]) == ("BAD_USER_INPUT", "id")
        assert (await refused(mia, document, {"id": gid("task", 999_999)}))["code"] == ("NOT_FOUND")


# --- who may edit, move and delete a task -------------------------------------------------


@pytest.mark.parametrize("action", ["update", "move", "delete"])
async def test_task_edit_permissions_by_role(world: World, action: str) -> None:
    objective = await objective_of(world, world.member)
    kr_owner = await make_user(world.org, "kro", "Kay Owner")
    creator = await make_user(world.org, "cy", "Cy Creator")
    assignee = await make_user(world.org, "asa", "Asa Assignee")
    helper = await make_user(world.org, "col", "Col Laborator")
    kr = await kr_of(objective, owner=kr_owner)

    async def fresh() -> str:
        await task_on(objective, creator, kr=kr)  # a sibling, so that a move moves
        task = await task_on(objective, creator, kr=kr, assignee=assignee, collaborators=(helper,))
        return gid("task", task.id)

    def request(tid: str) -> tuple[str, dict[str, Any]]:
        if action == "update":
            return UPDATE_TASK, {"id": tid, "input": {"status": "DOING"}}
        if action == "move":
            return MOVE, {"id": tid, "p": 0}
        return DELETE, {"id": tid}

    allowed = [creator, assignee, helper, kr_owner, world.member, world.lead, world.admin]
    for user in allowed:
        document, variables = request(await fresh())
        await (await world.as_(user)).ok(document, variables)
    document, variables = request(await fresh())
    for user in (world.peer, world.loner):  # same team / no team, not on the task
        assert (await refused(await world.as_(user), document, variables))["code"] == "FORBIDDEN"
    oscar = await world.as_(world.outsider)
    assert (await refused(oscar, document, variables))["code"] == "NOT_FOUND"
    anonymous = await world.as_(None)
    assert (await refused(anonymous, document, variables))["code"] == "UNAUTHENTICATED"
    # on a PRIVATE objective the people on the task lose it; so does the lead
    await Objective.filter(id=objective.id).update(visibility=Visibility.PRIVATE)
    for user in (creator, assignee, helper, kr_owner, world.lead):
        assert (await refused(await world.as_(user), document, variables))["code"] == "NOT_FOUND"


# --- ordering -----------------------------------------------------------------------------


async def test_move_reorders_the_siblings(world: World) -> None:
    objective = await objective_of(world, world.member)
    kr = await kr_of(objective)
    mia = await world.as_(world.member)
    ids = []
    for i in range(4):
        variables = create_vars(gid("kr", kr.id), title=f"T{i}")
        ids.append((await mia.ok(CREATE_TASK, variables))["createTask"]["id"])
    # a task directly under the objective is not one of the key result's siblings
    own = (await mia.ok(CREATE_TASK, create_vars(gid("obj", objective.id))))["createTask"]

    async def order() -> list[str]:
        listed = (await mia.ok(LIST, {"t": gid("kr", kr.id)}))["tasks"]
        assert [t["position"] for t in listed] == list(range(len(listed)))
        return [t["title"] for t in listed]

    assert await order() == ["T0", "T1", "T2", "T3"]
    moved = (await mia.ok(MOVE, {"id": ids[3], "p": 0}))["moveTask"]
    assert moved["position"] == 0
    assert await order() == ["T3", "T0", "T1", "T2"]
    event = await last_event()
    assert (event.kind, event.payload["changed"]) == ("task.changed", ["position"])
    assert event.payload["order"] == [pk(ids[i]) for i in (3, 0, 1, 2)]
    assert event.payload["task"]["position"] == 0

    await mia.ok(MOVE, {"id": ids[3], "p": 99})  # past the end: last
    assert await order() == ["T0", "T1", "T2", "T3"]
    # through updateTask, with another change in the same event
    await mia.ok(UPDATE_TASK, {"id": ids[0], "input": {"position": 2, "status": "DOING"}})
    assert await order() == ["T1", "T2", "T0", "T3"]
    assert (await last_event()).payload["changed"] == ["status", "position"]
    # where it already is: nothing written, nothing announced
    before = await rows()
    await mia.ok(MOVE, {"id": ids[0], "p": 2})
    assert await rows() == before
    # a deleted sibling leaves no hole
    await mia.ok(DELETE, {"id": ids[1]})
    await mia.ok(MOVE, {"id": ids[3], "p": 0})
    assert await order() == ["T3", "T2", "T0"]
    assert (await Task.get(id=pk(own["id"]))).position == 0

    for bad in (-1, 100_001):
        error = await refused(mia, MOVE, {"id": ids[0], "p": bad})
        assert (error["code"], error["field"]) == ("BAD_USER_INPUT", "position")
    error = await refused(mia, UPDATE_TASK, {"id": ids[0], "input": {"position": -5}})
    assert (error["code"], error["field"]) == ("BAD_USER_INPUT", "position")
    error = await refused(mia, MOVE, {"id": ids[0], "p": "first"})
    assert error["code"] == "BAD_USER_INPUT"


# --- task-driven key results --------------------------------------------------------------


async def test_task_driven_key_result_follows_deletes_and_restores(world: World) -> None:
    objective = await objective_of(world, world.member)
    kr = await tasks_kr(world, objective)
    mia = await world.as_(world.member)
    done = (await mia.ok(CREATE_TASK, create_vars(gid("kr", kr.id))))["createTask"]["id"]
    todo = (await mia.ok(CREATE_TASK, create_vars(gid("kr", kr.id))))["createTask"]["id"]

    events_before = await ActivityEvent.all().count()
    changed = (await mia.ok(UPDATE_TASK, {"id": done, "input": {"status": "DONE"}}))["updateTask"]
    assert changed["keyResult"]["progress"] == pytest.approx(0.5)
    # one event: the task's new state and the numbers it moved, together
    assert await ActivityEvent.all().count() == events_before + 1
    event = await last_event()
    assert event.payload["task"]["status"] == "DONE"
    assert event.payload["numbers"]["keyResults"][str(kr.id)]["progress"] == pytest.approx(0.5)
    assert event.payload["numbers"]["objectives"][str(objective.id)]["progress"] == (
        pytest.approx(0.5)
    )

    async def progress() -> tuple[float, float]:
        data = (await mia.ok(KR_PROGRESS, {"id": gid("kr", kr.id)}))["keyResult"]
        return data["progress"], data["objective"]["progress"]

    # a deleted task stops counting, in the same event as the deletion
    deleted = (await mia.ok(DELETE, {"id": todo}))["deleteTask"]
    assert deleted["keyResult"]["progress"] == pytest.approx(1.0)
    assert await progress() == (pytest.approx(1.0), pytest.approx(1.0))
    event = await last_event()
    assert event.kind == "task.deleted"
    assert event.payload["numbers"]["keyResults"][str(kr.id)]["progress"] == pytest.approx(1.0)

    await mia.ok(RESTORE, {"id": todo})
    assert await progress() == (pytest.approx(0.5), pytest.approx(0.5))
    assert (await last_event()).payload["numbers"]["objectives"][str(objective.id)][
        "progress"
    ] == pytest.approx(0.5)
    await mia.ok(DELETE, {"id": done})
    assert await progress() == (pytest.approx(0.0), pytest.approx(0.0))


# --- editing and deleting comments --------------------------------------------------------


async def _comment(api: Api, target: str, body: str) -> dict[str, Any]:
    result: dict[str, Any] = (await api.ok(ADD_COMMENT, comment_vars(target, body)))["addComment"]
    return result


async def test_edit_marks_edited_and_notifies_only_new_mentions(world: World) -> None:
    objective = await objective_of(world, world.member)
    lou = await world.as_(world.loner)
    comment = await _comment(lou, gid("obj", objective.id), "@pat can you look?")
    assert await kinds_of(world.peer) == [("MENTION", 1)]
    owner_notes = await kinds_of(world.member)

    edited = (
        await lou.ok(EDIT_COMMENT, {"id": comment["id"], "body": "@pat and @leo, can you look?  "})
    )["editComment"]
    assert edited["body"] == "@pat and @leo, can you look?"
    assert edited["edited"] is True and edited["editedAt"] is not None
    assert [m["handle"] for m in edited["mentions"]] == ["pat", "leo"]
    assert await kinds_of(world.peer) == [("MENTION", 1)]  # not again
    assert await kinds_of(world.lead) == [("MENTION", 1)]  # newly mentioned
    assert await kinds_of(world.member) == owner_notes  # an edit is no new comment
    event = await last_event()
    assert event.kind == "comment.edited"
    assert event.payload["comment"]["body"] == "@pat and @leo, can you look?"
    assert [n["userId"] for n in event.payload["notified"]] == [world.lead.id]
    assert event.payload["comment"]["editedAt"] is not None

    # the same text again: no change, no mark, no event
    before = await rows()
    await lou.ok(EDIT_COMMENT, {"id": comment["id"], "body": "@pat and @leo, can you look?"})
    assert await rows() == before
    # dropping a mention drops it from the comment, and notifies nobody
    again = (await lou.ok(EDIT_COMMENT, {"id": comment["id"], "body": "never mind @leo"}))[
        "editComment"
    ]
    assert [m["handle"] for m in again["mentions"]] == ["leo"]
    assert await Notification.all().count() == len(owner_notes) + 2
    stored = await Comment.get(id=pk(comment["id"]))
    assert [u.handle for u in await stored.mentions.all()] == ["leo"]
    listed = (await lou.ok(COMMENTS, {"t": gid("obj", objective.id)}))["comments"]
    assert listed == [{"id": comment["id"], "body": "never mind @leo", "edited": True}]


async def test_comment_edit_and_delete_permissions(world: World) -> None:
    public = await objective_of(world, world.member)
    private = await objective_of(world, world.member, Visibility.PRIVATE)
    lou = await world.as_(world.loner)
    mine = await _comment(lou, gid("obj", public.id), "first!")
    secret = await _comment(await world.as_(world.member), gid("obj", private.id), "hush")
    edit = {"id": mine["id"], "body": "changed"}
    delete = {"id": mine["id"]}

    # an admin deletes but does not edit; others do neither
    ada = await world.as_(world.admin)
    assert (await refused(ada, EDIT_COMMENT, edit))["code"] == "FORBIDDEN"
    for user in (world.member, world.lead, world.peer):  # the objective's owner included
        api = await world.as_(user)
        assert (await refused(api, EDIT_COMMENT, edit))["code"] == "FORBIDDEN"
        assert (await refused(api, DELETE_COMMENT, delete))["code"] == "FORBIDDEN"
    oscar = await world.as_(world.outsider)
    for document, variables in ((EDIT_COMMENT, edit), (DELETE_COMMENT, delete)):
        assert (await refused(oscar, document, variables))["code"] == "NOT_FOUND"
        assert (await refused(await world.as_(None), document, variables))["code"] == (
            "UNAUTHENTICATED"
        )
    # a comment on what one cannot see does not exist for them
    for document, variables in (
        (EDIT_COMMENT, {"id": secret["id"], "body": "x"}),
        (DELETE_COMMENT, {"id": secret["id"]}),
    ):
        assert (await refused(lou, document, variables))["code"] == "NOT_FOUND"

    await lou.ok(EDIT_COMMENT, edit)
    assert (await lou.ok(DELETE_COMMENT, delete))["deleteComment"] == mine["id"]
    assert (await lou.ok(COMMENTS, {"t": gid("obj", public.id)}))["comments"] == []
    event = await last_event()
    assert event.kind == "comment.deleted"
    assert event.payload["comment"]["deleted"] is True
    assert event.payload["comment"]["body"] == ""  # the text does not travel any more
    for document, variables in ((EDIT_COMMENT, edit), (DELETE_COMMENT, delete)):
        assert (await refused(lou, document, variables))["code"] == "NOT_FOUND"

    # the admin deletes someone else's comment
    other = await _comment(lou, gid("obj", public.id), "second")
    assert (await ada.ok(DELETE_COMMENT, {"id": other["id"]}))["deleteComment"] == other["id"]


async def test_comment_edit_bad_input(world: World) -> None:
    objective = await objective_of(world, world.member)
    mia = await world.as_(world.member)
    comment = await _comment(mia, gid("obj", objective.id), "hello")
    cases = [
        ({"id": comment["id"], "body": ""}, "body"),
        ({"id": comment["id"], "body": "  \n "}, "body"),
        ({"id": comment["id"], "body": "x" * 5001}, "body"),
        ({"id": comment["id"], "body": " ".join(f"@p{i}x" for i in range(51))}, "body"),
        ({"id": "task_1", "body": "hi"}, "id"),
        ({"id": "cmt_", "body": "hi"}, "id"),
    ]
    for variables, field in cases:
        error = await refused(mia, EDIT_COMMENT, variables)
        assert (error["code"], error["field"]) == ("BAD_USER_INPUT", field), variables
    error = await refused(mia, DELETE_COMMENT, {"id": "nope"})
    assert (error["code"], error["field"]) == ("BAD_USER_INPUT", "id")
    missing = {"id": gid("cmt", 999_999), "body": "x"}
    assert (await refused(mia, EDIT_COMMENT, missing))["code"] == "NOT_FOUND"
    # exactly at the limit, stored as typed (HTML stays text)
    body = "<b>" + "x" * 4993 + "</b>"
    assert (await mia.ok(EDIT_COMMENT, {"id": comment["id"], "body": body}))["editComment"][
        "body"
    ] == body


# --- notification kinds -------------------------------------------------------------------


async def test_collaborators_are_invited(world: World) -> None:
    objective = await objective_of(world, world.member)
    mia = await world.as_(world.member)
    task = (
        await mia.ok(
            CREATE_TASK,
            create_vars(
                gid("obj", objective.id),
                assigneeId=gid("user", world.lead.id),
                collaboratorIds=[
                    gid("user", u.id) for u in (world.peer, world.loner, world.member)
                ],
            ),
        )
    )["createTask"]
    assert await kinds_of(world.lead) == [("ASSIGNMENT", 1)]
    assert await kinds_of(world.peer) == [("COLLABORATOR", 1)]
    assert await kinds_of(world.loner) == [("COLLABORATOR", 1)]
    assert await kinds_of(world.member) == []  # not told of her own invitation
    [note] = await notifications_of(world.loner)
    assert (note.task_id, note.actor_id) == (pk(task["id"]), world.member.id)
    # adding one: only the newcomer hears of it
    people = [world.peer, world.loner, world.admin]
    await mia.ok(
        UPDATE_TASK,
        {"id": task["id"], "input": {"collaboratorIds": [gid("user", u.id) for u in people]}},
    )
    assert await kinds_of(world.admin) == [("COLLABORATOR", 1)]
    assert await kinds_of(world.peer) == [("COLLABORATOR", 1)]
    listed = (await (await world.as_(world.admin)).ok(NOTES))["notifications"]
    assert [(n["kind"], n["task"]["id"], n["actor"]["handle"]) for n in listed] == [
        ("COLLABORATOR", task["id"], "mia")
    ]


async def test_status_changes_reach_everyone_on_the_task_grouped(world: World) -> None:
    objective = await objective_of(world, world.member)
    task = await task_on(objective, world.member, assignee=world.peer, collaborators=(world.loner,))
    tid = gid("task", task.id)
    leo = await world.as_(world.lead)
    await leo.ok(UPDATE_TASK, {"id": tid, "input": {"status": "DOING"}})
    for user in (world.member, world.peer, world.loner):
        assert await kinds_of(user) == [("STATUS", 1)]
    assert await kinds_of(world.lead) == []  # the actor, and not on the task anyway
    event = await last_event()
    assert sorted(n["userId"] for n in event.payload["notified"]) == sorted(
        [world.member.id, world.peer.id, world.loner.id]
    )

    # a burst about one task updates one notification each
    first = (await notifications_of(world.loner))[0]
    pat = await world.as_(world.peer)
    await pat.ok(UPDATE_TASK, {"id": tid, "input": {"status": "BLOCKED"}})
    await pat.ok(UPDATE_TASK, {"id": tid, "input": {"status": "DOING", "title": "Renamed"}})
    assert await kinds_of(world.loner) == [("STATUS", 3)]
    assert await kinds_of(world.member) == [("STATUS", 3)]
    assert await kinds_of(world.peer) == [("STATUS", 1)]  # not of her own changes
    grouped = (await notifications_of(world.loner))[0]
    assert grouped.id == first.id and grouped.actor_id == world.peer.id
    assert grouped.created_at >= first.created_at
    assert (await last_event()).payload["notified"][0]["notificationId"] in {
        n.id for n in await Notification.all()
    }
    lou = await world.as_(world.loner)
    [listed] = (await lou.ok(NOTES))["notifications"]
    assert (listed["count"], listed["actor"]["handle"]) == (3, "pat")
    assert (await lou.ok(VIEWER))["viewer"]["unreadNotificationCount"] == 3  # events, unread

    # read: the next change is news again
    await lou.ok("mutation { markNotificationsRead }")
    await pat.ok(UPDATE_TASK, {"id": tid, "input": {"status": "DONE"}})
    assert await kinds_of(world.loner) == [("STATUS", 3), ("STATUS", 1)]
    # older than ten minutes: a new one too
    await Notification.filter(user_id=world.member.id).update(
        created_at=datetime.now(UTC) - timedelta(minutes=11)
    )
    await pat.ok(UPDATE_TASK, {"id": tid, "input": {"status": "DOING"}})
    assert await kinds_of(world.member) == [("STATUS", 4), ("STATUS", 1)]
    # a title change alone tells nobody
    before = await Notification.all().count()
    await pat.ok(UPDATE_TASK, {"id": tid, "input": {"title": "Quiet rename"}})
    assert await Notification.all().count() == before


async def test_status_change_skips_who_cannot_see_it(world: World) -> None:
    objective = await objective_of(world, world.member, Visibility.TEAM)
    task = await task_on(objective, world.member, assignee=world.peer, collaborators=(world.loner,))
    # lou was invited while the objective was public; now it is the team's only
    await (await world.as_(world.member)).ok(
        UPDATE_TASK, {"id": gid("task", task.id), "input": {"status": "DONE"}}
    )
    assert await kinds_of(world.peer) == [("STATUS", 1)]
    assert await kinds_of(world.loner) == []


async def test_comments_reach_the_people_on_a_task(world: World) -> None:
    objective = await objective_of(world, world.member)
    task = await task_on(objective, world.loner, assignee=world.peer, collaborators=(world.lead,))
    ada = await world.as_(world.admin)
    await _comment(ada, gid("task", task.id), "How is it going?")
    await _comment(ada, gid("task", task.id), "Any news?")
    for user in (world.member, world.loner, world.peer, world.lead):  # owner, creator, …
        assert await kinds_of(user) == [("COMMENT", 2)]
    # mentions are never grouped: each points at its own comment
    await _comment(ada, gid("task", task.id), "@pat one")
    await _comment(ada, gid("task", task.id), "@pat two")
    assert await kinds_of(world.peer) == [("COMMENT", 2), ("MENTION", 1), ("MENTION", 1)]
    assert await kinds_of(world.loner) == [("COMMENT", 4)]


# --- muting -------------------------------------------------------------------------------


async def test_muted_kinds_are_not_created(world: World) -> None:
    objective = await objective_of(world, world.member)
    pat = await world.as_(world.peer)
    assert (await pat.ok(VIEWER))["viewer"]["mutedNotificationKinds"] == []
    muted = (await pat.ok(MUTE, {"m": ["STATUS", "MENTION", "MENTION"]}))[
        "updateNotificationSettings"
    ]
    assert muted == {"handle": "pat", "mutedNotificationKinds": ["MENTION", "STATUS"]}
    assert (await pat.ok(VIEWER))["viewer"]["mutedNotificationKinds"] == ["MENTION", "STATUS"]

    lou = await world.as_(world.loner)
    comment = await _comment(lou, gid("obj", objective.id), "@pat @mia look")
    assert await kinds_of(world.peer) == []
    assert await kinds_of(world.member) == [("MENTION", 1)]  # others are not affected
    assert (await last_event()).payload["mentionIds"] == [world.peer.id, world.member.id]
    # still listed as mentioned in the comment: muting is about the inbox only
    assert [m["handle"] for m in comment["mentions"]] == ["pat", "mia"]
    task = await task_on(objective, world.member, assignee=world.peer)
    await (await world.as_(world.member)).ok(
        UPDATE_TASK, {"id": gid("task", task.id), "input": {"status": "DONE"}}
    )
    assert await kinds_of(world.peer) == []
    # unmuted: heard again
    await pat.ok(MUTE, {"m": []})
    await _comment(lou, gid("obj", objective.id), "@pat again")
    assert await kinds_of(world.peer) == [("MENTION", 1)]
    # someone else's settings are not visible
    people = (await lou.ok("{ people { handle mutedNotificationKinds } }"))["people"]
    assert all(p["mutedNotificationKinds"] == [] for p in people)


async def test_notification_settings_bad_input(world: World) -> None:
    pat = await world.as_(world.peer)
    error = await refused(pat, MUTE, {"m": ["LOUD"]})
    assert error["code"] == "BAD_USER_INPUT"
    assert (await refused(pat, MUTE, {"m": None}))["code"] == "BAD_USER_INPUT"
    assert (await refused(await world.as_(None), MUTE, {"m": ["STATUS"]}))["code"] == (
        "UNAUTHENTICATED"
    )
    assert (await (await world.as_(None)).ok(VIEWER))["viewer"] is None


# --- the activity feed --------------------------------------------------------------------


async def test_activity_feed_of_an_objective(world: World) -> None:
    objective = await objective_of(world, world.member, Visibility.TEAM)
    kr = await tasks_kr(world, objective)
    other = await objective_of(world, world.member, title="Something else")
    mia = await world.as_(world.member)
    variables = create_vars(
        gid("kr", kr.id), title="Write it down", assigneeId=gid("user", world.peer.id)
    )
    task = (await mia.ok(CREATE_TASK, variables))["createTask"]
    pat = await world.as_(world.peer)
    await pat.ok(UPDATE_TASK, {"id": task["id"], "input": {"status": "DONE"}})
    comment = await _comment(pat, task["id"], "Done, see the doc @mia")
    await mia.ok(CREATE_TASK, create_vars(gid("obj", other.id)))

    feed = (await pat.ok(ACTIVITY, {"o": gid("obj", objective.id)}))["activity"]
    assert [(e["kind"], e["actor"]["handle"]) for e in feed] == [
        ("comment.added", "pat"),
        ("task.changed", "pat"),
        ("task.created", "mia"),
    ]
    assert [e["seq"] for e in feed] == sorted((e["seq"] for e in feed), reverse=True)
    added, changed, created = feed
    assert (added["commentId"], added["taskId"], added["detail"]) == (
        comment["id"],
        task["id"],
        "Done, see the doc @Mia Member",  # a mention reads as the display name
    )
    assert (changed["subject"], changed["changed"], changed["detail"]) == (
        "Write it down",
        ["status"],
        "DONE",
    )
    assert changed["progress"] == pytest.approx(1.0)
    assert changed["keyResultId"] == gid("kr", kr.id)
    assert created["progress"] == pytest.approx(0.0)
    assert (await pat.ok(ACTIVITY, {"o": gid("obj", objective.id), "first": 1}))["activity"] == [
        added
    ]
    # a comment reads as it does now: edited text, and no text once deleted
    await pat.ok(EDIT_COMMENT, {"id": comment["id"], "body": "Done —   see the doc"})
    feed = (await pat.ok(ACTIVITY, {"o": gid("obj", objective.id)}))["activity"]
    assert [(e["kind"], e["detail"]) for e in feed[:2]] == [
        ("comment.edited", "Done — see the doc"),
        ("comment.added", "Done — see the doc"),
    ]
    await pat.ok(DELETE_COMMENT, {"id": comment["id"]})
    feed = (await pat.ok(ACTIVITY, {"o": gid("obj", objective.id)}))["activity"]
    assert [(e["kind"], e["detail"]) for e in feed[:3]] == [
        ("comment.deleted", None),
        ("comment.edited", None),
        ("comment.added", None),
    ]

    # only for those who can see the objective
    lou = await world.as_(world.loner)
    assert (await lou.error(ACTIVITY, {"o": gid("obj", objective.id)}))["code"] == "NOT_FOUND"
    oscar = await world.as_(world.outsider)
    assert (await oscar.error(ACTIVITY, {"o": gid("obj", objective.id)}))["code"] == "NOT_FOUND"
    anonymous = await world.as_(None)
    assert (await anonymous.error(ACTIVITY, {"o": gid("obj", objective.id)}))["code"] == (
        "UNAUTHENTICATED"
    )
    for bad in (0, 101, -3):
        error = await pat.error(ACTIVITY, {"o": gid("obj", objective.id), "first": bad})
        assert (error["code"], error["field"]) == ("BAD_USER_INPUT", "first")
    for bad in ("kr_1", "obj_x"):
        error = await pat.error(ACTIVITY, {"o": bad})
        assert (error["code"], error["field"]) == ("BAD_USER_INPUT", "objectiveId")
    missing = await pat.error(ACTIVITY, {"o": gid("obj", 999_999)})
    assert missing["code"] == "NOT_FOUND"
