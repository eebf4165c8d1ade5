"""Tasks, comments with @mentions and notifications, through the real ASGI app.

The world (tests/api/conftest.py): ada is the admin; leo leads Engineering, above the
Platform squad of mia and pat; lou is in no team; oscar belongs to another organization.
Most objectives here are mia's personal ones, visible as their test needs.
"""

from datetime import date, timedelta
from typing import Any

import pytest
from tortoise import connections

from backend.domain.enums import (
    KRKind,
    NotificationKind,
    ObjectiveState,
    ProgressSource,
    TaskStatus,
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
    COMMENT_FIELDS,
    CREATE_TASK,
    TASK_FIELDS,
    UPDATE_TASK,
    Api,
    World,
    changed_directly,
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

TASK = f"query($id: ID!) {{ task(id: $id) {{ {TASK_FIELDS} }} }}"
TASKS = "query($t: ID!) { tasks(targetId: $t) { id title keyResult { id } } }"
COMMENTS = (
    "query($t: ID!, $first: Int) "
    f"{{ comments(targetId: $t, first: $first) {{ {COMMENT_FIELDS} }} }}"
)
NOTIFICATIONS = """
query($unreadOnly: Boolean, $first: Int) {
  notifications(unreadOnly: $unreadOnly, first: $first) {
    id kind read createdAt
    actor { id handle }
    comment { id body author { handle } mentions { handle } }
    task { id title assignee { handle } objective { id } keyResult { id } }
    objective { id title }
  }
}
"""
MARK_READ = "mutation($ids: [ID!]) { markNotificationsRead(ids: $ids) }"
UNREAD = "{ viewer { unreadNotificationCount } }"


# --- setup helpers ------------------------------------------------------------------------


async def counts() -> dict[str, int]:
    """Rows of everything these mutations write, to show a failed one wrote nothing."""
    conn = connections.get("default")
    through = {}
    for table in ("task_collaborator", "comment_mention"):
        _, rows = await conn.execute_query(f'SELECT COUNT(*) AS n FROM "{table}"')
        through[table] = int(rows[0]["n"])
    return {
        "tasks": await Task.all().count(),
        "comments": await Comment.all().count(),
        "notifications": await Notification.all().count(),
        "events": await ActivityEvent.all().count(),
        **through,
    }


async def unchanged_after(api: Api, query: str, variables: dict[str, Any]) -> dict[str, Any]:
    """The first error of a request that must fail without writing anything."""
    before = await counts()
    error = await api.error(query, variables)
    assert await counts() == before
    return error


# --- tasks: who may create ----------------------------------------------------------------


async def test_owner_creates_a_task_with_everything(world: World) -> None:
    objective = await objective_of(world, world.member)
    kr = await kr_of(objective)
    mia = await world.as_(world.member)
    due = (date.today() + timedelta(days=7)).isoformat()
    task = (
        await mia.ok(
            CREATE_TASK,
            create_vars(
                gid("kr", kr.id),
                description="Two per week",
                assigneeId=gid("user", world.peer.id),
                dueDate=due,
                collaboratorIds=[gid("user", world.lead.id), gid("user", world.loner.id)],
            ),
        )
    )["createTask"]
    assert task["title"] == "Book five interviews"
    assert task["description"] == "Two per week"
    assert task["status"] == "TODO"
    assert task["dueDate"] == due
    assert task["assignee"] == {"id": gid("user", world.peer.id), "handle": "pat"}
    assert {c["handle"] for c in task["collaborators"]} == {"leo", "lou"}
    assert task["keyResult"]["id"] == gid("kr", kr.id)
    assert task["objective"]["id"] == gid("obj", objective.id)

    row = await Task.get(id=int(task["id"].removeprefix("task_")))
    assert (row.creator_id, row.objective_id, row.key_result_id) == (
        world.member.id,
        objective.id,
        kr.id,
    )
    event = await ActivityEvent.filter(kind="task.created").get()
    assert (event.cycle_id, event.objective_id, event.key_result_id) == (
        world.cycle.id,
        objective.id,
        kr.id,
    )
    assert event.actor_id == world.member.id
    assert event.payload["taskId"] == row.id


async def test_task_directly_under_an_objective(world: World) -> None:
    objective = await objective_of(world, world.member)
    mia = await world.as_(world.member)
    task = (await mia.ok(CREATE_TASK, create_vars(gid("obj", objective.id))))["createTask"]
    assert task["keyResult"] is None
    assert task["objective"]["id"] == gid("obj", objective.id)
    assert task["assignee"] is None and task["collaborators"] == []


@pytest.mark.parametrize("who", ["admin", "lead"])
async def test_editors_of_the_objective_create_tasks(world: World, who: str) -> None:
    objective = await objective_of(world, world.member, Visibility.TEAM)
    api = await world.as_(getattr(world, who))
    await api.ok(CREATE_TASK, create_vars(gid("obj", objective.id)))
    assert await Task.all().count() == 1


async def test_key_result_owner_creates_under_the_kr_only(world: World) -> None:
    objective = await objective_of(world, world.member)
    kr = await kr_of(objective, owner=world.loner)
    lou = await world.as_(world.loner)
    await lou.ok(CREATE_TASK, create_vars(gid("kr", kr.id)))
    error = await unchanged_after(lou, CREATE_TASK, create_vars(gid("obj", objective.id)))
    assert error["code"] == "FORBIDDEN"


async def test_create_task_permissions(world: World) -> None:
    public = await objective_of(world, world.member)
    private = await objective_of(world, world.member, Visibility.PRIVATE)
    kr = await kr_of(public)
    anonymous = await world.as_(None)
    assert (await unchanged_after(anonymous, CREATE_TASK, create_vars(gid("kr", kr.id))))[
        "code"
    ] == "UNAUTHENTICATED"
    # another organization's admin: the objective does not exist for them
    oscar = await world.as_(world.outsider)
    for target in (gid("kr", kr.id), gid("obj", public.id)):
        assert (await unchanged_after(oscar, CREATE_TASK, create_vars(target)))[
            "code"
        ] == "NOT_FOUND"
    # an ordinary member who can see but not edit
    lou = await world.as_(world.loner)
    assert (await unchanged_after(lou, CREATE_TASK, create_vars(gid("kr", kr.id))))[
        "code"
    ] == "FORBIDDEN"
    # …and who cannot see: not found, like an id that does not exist
    for api in (lou, await world.as_(world.peer), await world.as_(world.lead)):
        for target in (gid("obj", private.id), gid("obj", 999_999), gid("kr", 999_999)):
            assert (await unchanged_after(api, CREATE_TASK, create_vars(target)))[
                "code"
            ] == "NOT_FOUND"


# --- tasks: bad input ---------------------------------------------------------------------


async def test_create_task_bad_input_names_the_field(world: World) -> None:
    objective = await objective_of(world, world.member)
    private = await objective_of(world, world.member, Visibility.PRIVATE)
    kr = await kr_of(objective)
    archived_kr = await kr_of(objective, archived=True)
    target = gid("kr", kr.id)
    mia = await world.as_(world.member)
    too_many = [gid("user", 1000 + i) for i in range(21)]
    cases: list[tuple[dict[str, Any], str]] = [
        (create_vars(target, title="   "), "title"),
        (create_vars(target, title="x" * 201), "title"),
        (create_vars(target, description="x" * 5001), "description"),
        ({"input": {"keyResultId": "obj_1", "title": "x"}}, "keyResultId"),
        ({"input": {"objectiveId": "kr_1", "title": "x"}}, "objectiveId"),
        ({"input": {"keyResultId": "nonsense", "title": "x"}}, "keyResultId"),
        ({"input": {"title": "no target"}}, "keyResultId"),
        (
            {
                "input": {
                    "keyResultId": target,
                    "objectiveId": gid("obj", objective.id),
                    "title": "x",
                }
            },
            "keyResultId",
        ),
        (create_vars(target, assigneeId="user_abc"), "assigneeId"),
        (create_vars(target, assigneeId=gid("obj", 1)), "assigneeId"),
        (create_vars(target, assigneeId=gid("user", world.outsider.id)), "assigneeId"),
        (create_vars(target, assigneeId=gid("user", 999_999)), "assigneeId"),
        (create_vars(target, collaboratorIds=["user_1", "bad"]), "collaboratorIds"),
        (create_vars(target, collaboratorIds=[gid("user", world.outsider.id)]), "collaboratorIds"),
        (create_vars(target, collaboratorIds=too_many), "collaboratorIds"),
        (create_vars(gid("kr", archived_kr.id)), "keyResultId"),
    ]
    for variables, field in cases:
        error = await unchanged_after(mia, CREATE_TASK, variables)
        assert (error["code"], error["field"]) == ("BAD_USER_INPUT", field), variables
    # on a PRIVATE objective, only people who can see it can be given its tasks
    lou = gid("user", world.loner.id)
    for extra, field in (
        ({"assigneeId": lou}, "assigneeId"),
        ({"collaboratorIds": [lou]}, "collaboratorIds"),
    ):
        error = await unchanged_after(
            mia, CREATE_TASK, create_vars(gid("obj", private.id), **extra)
        )
        assert (error["code"], error["field"]) == ("BAD_USER_INPUT", field)
    # an archived objective takes no new tasks
    done = await objective_of(world, world.member, state=ObjectiveState.ARCHIVED)
    error = await unchanged_after(mia, CREATE_TASK, create_vars(gid("obj", done.id)))
    assert (error["code"], error["field"]) == ("BAD_USER_INPUT", "objectiveId")


async def test_inactive_people_cannot_be_assigned(world: World) -> None:
    objective = await objective_of(world, world.member)
    await User.filter(id=world.peer.id).update(is_active=False)
    mia = await world.as_(world.member)
    variables = create_vars(gid("obj", objective.id), assigneeId=gid("user", world.peer.id))
    error = await unchanged_after(mia, CREATE_TASK, variables)
    assert (error["code"], error["field"]) == ("BAD_USER_INPUT", "assigneeId")


async def test_twenty_collaborators_are_fine(world: World) -> None:
    objective = await objective_of(world, world.member)
    people = [await make_user(world.org, f"helper{i}", f"Helper {i}") for i in range(20)]
    mia = await world.as_(world.member)
    ids = [gid("user", p.id) for p in people] + [gid("user", people[0].id)]  # a repeat is once
    task = (await mia.ok(CREATE_TASK, create_vars(gid("obj", objective.id), collaboratorIds=ids)))[
        "createTask"
    ]
    assert len(task["collaborators"]) == 20


# --- tasks: assignment notifications ------------------------------------------------------


async def test_assignment_notifies_the_new_assignee_only(world: World) -> None:
    objective = await objective_of(world, world.member)
    mia = await world.as_(world.member)
    task_id = (
        await mia.ok(
            CREATE_TASK,
            create_vars(gid("obj", objective.id), assigneeId=gid("user", world.peer.id)),
        )
    )["createTask"]["id"]
    [note] = await notifications_of(world.peer)
    assert note.kind == NotificationKind.ASSIGNMENT
    assert (note.actor_id, note.objective_id, note.task_id) == (
        world.member.id,
        objective.id,
        int(task_id.removeprefix("task_")),
    )
    event = await ActivityEvent.filter(kind="task.created").get()
    assert event.payload["notified"] == [{"userId": world.peer.id, "notificationId": note.id}]

    # the same assignee again: nothing new; someone else: they hear of it
    await mia.ok(UPDATE_TASK, {"id": task_id, "input": {"assigneeId": gid("user", world.peer.id)}})
    await mia.ok(UPDATE_TASK, {"id": task_id, "input": {"assigneeId": gid("user", world.loner.id)}})
    assert len(await notifications_of(world.peer)) == 1
    assert [n.kind for n in await notifications_of(world.loner)] == [NotificationKind.ASSIGNMENT]
    # taking a task yourself notifies nobody
    await mia.ok(
        UPDATE_TASK, {"id": task_id, "input": {"assigneeId": gid("user", world.member.id)}}
    )
    await mia.ok(
        CREATE_TASK, create_vars(gid("obj", objective.id), assigneeId=gid("user", world.member.id))
    )
    assert await notifications_of(world.member) == []
    # unassigning
    task = (await mia.ok(UPDATE_TASK, {"id": task_id, "input": {"assigneeId": None}}))["updateTask"]
    assert task["assignee"] is None


# --- tasks: who may edit ------------------------------------------------------------------


async def test_update_task_fields(world: World) -> None:
    objective = await objective_of(world, world.member)
    task = await task_on(objective, world.member, collaborators=(world.peer,))
    mia = await world.as_(world.member)
    due = date.today().isoformat()
    updated = (
        await mia.ok(
            UPDATE_TASK,
            {
                "id": gid("task", task.id),
                "input": {
                    "status": "DOING",
                    "title": "  Book six interviews  ",
                    "description": "",
                    "dueDate": due,
                    "collaboratorIds": [gid("user", world.lead.id)],
                },
            },
        )
    )["updateTask"]
    assert updated["status"] == "DOING"
    assert updated["title"] == "Book six interviews"
    assert updated["dueDate"] == due
    assert [c["handle"] for c in updated["collaborators"]] == ["leo"]
    event = await ActivityEvent.filter(kind="task.changed").get()
    assert set(event.payload["changed"]) == {"status", "title", "dueDate", "collaboratorIds"}
    # left out = unchanged; null clears what can be cleared, and keeps the status
    updated = (
        await mia.ok(
            UPDATE_TASK,
            {
                "id": gid("task", task.id),
                "input": {"dueDate": None, "collaboratorIds": None, "status": None},
            },
        )
    )["updateTask"]
    assert (updated["dueDate"], updated["collaborators"], updated["status"]) == (None, [], "DOING")
    assert updated["title"] == "Book six interviews"


async def test_update_task_permissions(world: World) -> None:
    objective = await objective_of(world, world.member)
    kr = await kr_of(objective, owner=world.peer)
    # pat (KR owner) created it, lou is assigned, nobody else is involved yet
    task = await task_on(objective, world.peer, kr=kr, assignee=world.loner)
    variables = {"id": gid("task", task.id), "input": {"status": "DONE"}}
    allowed = [world.peer, world.loner, world.member, world.lead, world.admin]
    for user in allowed:
        api = await world.as_(user)
        assert (await api.ok(UPDATE_TASK, variables))["updateTask"]["status"] == "DONE"
    # a collaborator may, an uninvolved ordinary member may not
    other = await make_user(world.org, "otto", "Otto Other")
    otto = await world.as_(other)
    error = await unchanged_after(otto, UPDATE_TASK, variables | {"input": {"title": "mine"}})
    assert error["code"] == "FORBIDDEN"
    await task.collaborators.add(other)
    await otto.ok(UPDATE_TASK, variables | {"input": {"title": "mine"}})

    assert (await unchanged_after(await world.as_(None), UPDATE_TASK, variables))[
        "code"
    ] == "UNAUTHENTICATED"
    assert (await unchanged_after(await world.as_(world.outsider), UPDATE_TASK, variables))[
        "code"
    ] == "NOT_FOUND"
    missing = {"id": gid("task", 999_999), "input": {"status": "DONE"}}
    assert (await unchanged_after(otto, UPDATE_TASK, missing))["code"] == "NOT_FOUND"


async def test_private_objective_tasks_are_not_found_for_others(world: World) -> None:
    private = await objective_of(world, world.member, Visibility.PRIVATE)
    task = await task_on(private, world.member)
    variables = {"id": gid("task", task.id), "input": {"status": "DONE"}}
    # even the lead above mia's team does not get into her PRIVATE objective
    for user in (world.loner, world.peer, world.lead):
        api = await world.as_(user)
        assert (await unchanged_after(api, UPDATE_TASK, variables))["code"] == "NOT_FOUND"
        assert (await api.ok(TASK, {"id": gid("task", task.id)}))["task"] is None
        error = await api.error(TASKS, {"t": gid("obj", private.id)})
        assert error["code"] == "NOT_FOUND"
    admin = await world.as_(world.admin)
    assert (await admin.ok(UPDATE_TASK, variables))["updateTask"]["status"] == "DONE"


async def test_update_task_bad_input(world: World) -> None:
    objective = await objective_of(world, world.member)
    task = await task_on(objective, world.member)
    mia = await world.as_(world.member)
    tid = gid("task", task.id)
    cases: list[tuple[dict[str, Any], str]] = [
        ({"id": tid, "input": {"title": ""}}, "title"),
        ({"id": tid, "input": {"title": None}}, "title"),
        ({"id": tid, "input": {"title": "x" * 201}}, "title"),
        ({"id": tid, "input": {"description": "x" * 5001}}, "description"),
        ({"id": tid, "input": {"assigneeId": "user_"}}, "assigneeId"),
        ({"id": tid, "input": {"assigneeId": gid("user", world.outsider.id)}}, "assigneeId"),
        ({"id": tid, "input": {"collaboratorIds": ["kr_1"]}}, "collaboratorIds"),
        ({"id": "obj_1", "input": {"status": "DONE"}}, "id"),
        ({"id": "task_x", "input": {"status": "DONE"}}, "id"),
    ]
    for variables, field in cases:
        error = await unchanged_after(mia, UPDATE_TASK, variables)
        assert (error["code"], error["field"]) == ("BAD_USER_INPUT", field), variables


async def test_unknown_status_is_bad_input(world: World) -> None:
    objective = await objective_of(world, world.member)
    task = await task_on(objective, world.member)
    mia = await world.as_(world.member)
    variables = {"id": gid("task", task.id), "input": {"status": "LATER"}}
    error = await unchanged_after(mia, UPDATE_TASK, variables)
    assert (await Task.get(id=task.id)).status == TaskStatus.TODO
    assert error["code"] == "BAD_USER_INPUT"


async def test_unchanged_update_records_nothing(world: World) -> None:
    objective = await objective_of(world, world.member)
    task = await task_on(objective, world.member, collaborators=(world.peer,))
    mia = await world.as_(world.member)
    before = await counts()
    await mia.ok(
        UPDATE_TASK,
        {
            "id": gid("task", task.id),
            "input": {"status": "TODO", "collaboratorIds": [gid("user", world.peer.id)]},
        },
    )
    assert await counts() == before


# --- tasks drive their key result ---------------------------------------------------------


async def test_task_driven_key_result_moves_in_the_same_event(world: World) -> None:
    objective = await objective_of(world, world.member)
    kr = await KeyResult.create(
        organization=world.org,
        objective=objective,
        title="Settle the review standard",
        kind=KRKind.BASELINE,
        weight=100,
        owner=world.member,
        progress_source=ProgressSource.TASKS,
    )
    mia = await world.as_(world.member)
    first = (await mia.ok(CREATE_TASK, create_vars(gid("kr", kr.id))))["createTask"]
    await mia.ok(CREATE_TASK, create_vars(gid("kr", kr.id)))
    created = await ActivityEvent.filter(kind="task.created").order_by("seq")
    assert created[-1].payload["numbers"]["keyResults"][str(kr.id)]["progress"] == 0

    done = (await mia.ok(UPDATE_TASK, {"id": first["id"], "input": {"status": "DONE"}}))[
        "updateTask"
    ]
    assert done["keyResult"]["progress"] == pytest.approx(0.5)
    assert done["objective"]["progress"] == pytest.approx(0.5)
    event = await ActivityEvent.filter(kind="task.changed").get()
    assert event.payload["status"] == "DONE"
    assert event.key_result_id == kr.id
    numbers = event.payload["numbers"]
    assert numbers["keyResults"][str(kr.id)]["progress"] == pytest.approx(0.5)
    assert numbers["objectives"][str(objective.id)]["progress"] == pytest.approx(0.5)
    assert event.seq == max(e.seq for e in await ActivityEvent.all())

    # a manual key result's tasks carry no numbers
    manual = await kr_of(objective)
    await mia.ok(CREATE_TASK, create_vars(gid("kr", manual.id)))
    last = await ActivityEvent.filter(kind="task.created").order_by("-seq").first()
    assert last is not None and "numbers" not in last.payload


async def test_task_queries(world: World) -> None:
    objective = await objective_of(world, world.member)
    kr = await kr_of(objective)
    on_kr = await task_on(objective, world.member, kr=kr, assignee=world.peer)
    direct = await task_on(objective, world.member)
    lou = await world.as_(world.loner)  # sees the PUBLIC objective
    task = (await lou.ok(TASK, {"id": gid("task", on_kr.id)}))["task"]
    assert task["assignee"]["handle"] == "pat"
    assert task["keyResult"]["id"] == gid("kr", kr.id)
    listed = (await lou.ok(TASKS, {"t": gid("obj", objective.id)}))["tasks"]
    assert [t["id"] for t in listed] == [gid("task", on_kr.id), gid("task", direct.id)]
    listed = (await lou.ok(TASKS, {"t": gid("kr", kr.id)}))["tasks"]
    assert [t["id"] for t in listed] == [gid("task", on_kr.id)]
    assert (await lou.error(TASKS, {"t": gid("task", on_kr.id)}))["field"] == "targetId"
    for api in (await world.as_(None), await world.as_(world.outsider)):
        assert (await api.ok(TASK, {"id": gid("task", on_kr.id)}))["task"] is None
    assert (await lou.ok(TASK, {"id": "garbage"}))["task"] is None


# --- comments -----------------------------------------------------------------------------


async def test_mention_notifies_a_visible_user(world: World) -> None:
    objective = await objective_of(world, world.member)
    lou = await world.as_(world.loner)
    body = "请@pat看一下，and mail bob@example.com, thanks @Pat. <b>not html</b>"
    comment = (await lou.ok(ADD_COMMENT, comment_vars(gid("obj", objective.id), body)))[
        "addComment"
    ]
    assert comment["body"] == body  # stored as typed
    assert comment["author"]["handle"] == "lou"
    assert comment["mentions"] == [{"id": gid("user", world.peer.id), "handle": "pat"}]
    assert comment["editedAt"] is None

    [mention] = await notifications_of(world.peer)
    assert mention.kind == NotificationKind.MENTION
    assert (mention.actor_id, mention.objective_id) == (world.loner.id, objective.id)
    assert mention.comment_id == int(comment["id"].removeprefix("cmt_"))
    # the owner hears of a comment on her objective
    [owner_note] = await notifications_of(world.member)
    assert owner_note.kind == NotificationKind.COMMENT
    assert await notifications_of(world.loner) == []
    event = await ActivityEvent.filter(kind="comment.added").get()
    assert (event.objective_id, event.cycle_id, event.key_result_id) == (
        objective.id,
        world.cycle.id,
        None,
    )
    assert event.payload["mentionIds"] == [world.peer.id]

    pat = await world.as_(world.peer)
    [listed] = (await pat.ok(NOTIFICATIONS))["notifications"]
    assert listed["kind"] == "MENTION" and listed["read"] is False
    assert listed["actor"]["handle"] == "lou"
    assert listed["comment"]["mentions"] == [{"handle": "pat"}]
    assert listed["objective"]["id"] == gid("obj", objective.id)
    assert listed["task"] is None


async def test_no_notification_for_a_mention_who_cannot_see_a_private_objective(
    world: World,
) -> None:
    private = await objective_of(world, world.member, Visibility.PRIVATE)
    ada = await world.as_(world.admin)
    comment = (
        await ada.ok(
            ADD_COMMENT,
            comment_vars(gid("obj", private.id), "@lou @leo @pat could you help? @mia too"),
        )
    )["addComment"]
    # only the owner (who can see it) is listed and notified; the author learns no more
    assert comment["mentions"] == [{"id": gid("user", world.member.id), "handle": "mia"}]
    for user in (world.loner, world.lead, world.peer):
        assert await notifications_of(user) == []
        api = await world.as_(user)
        assert (await api.ok(NOTIFICATIONS))["notifications"] == []
    # mentioned, the owner gets one MENTION, not a second COMMENT
    assert [n.kind for n in await notifications_of(world.member)] == [NotificationKind.MENTION]
    stored = await Comment.get(id=int(comment["id"].removeprefix("cmt_")))
    assert [u.handle for u in await stored.mentions.all()] == ["mia"]


async def test_mentions_resolve_to_active_people_of_the_same_org(world: World) -> None:
    objective = await objective_of(world, world.member)
    await User.filter(id=world.lead.id).update(is_active=False)
    lou = await world.as_(world.loner)
    body = "@oscar @leo @nobody @lou @mia"  # other org, inactive, unknown, self, owner
    comment = (await lou.ok(ADD_COMMENT, comment_vars(gid("obj", objective.id), body)))[
        "addComment"
    ]
    assert [m["handle"] for m in comment["mentions"]] == ["mia"]
    assert await notifications_of(world.outsider) == []
    assert await notifications_of(world.lead) == []
    assert await notifications_of(world.loner) == []
    assert [n.kind for n in await notifications_of(world.member)] == [NotificationKind.MENTION]


async def test_comment_on_a_task_and_on_a_key_result(world: World) -> None:
    objective = await objective_of(world, world.member)
    kr = await kr_of(objective, owner=world.peer)
    task = await task_on(objective, world.member, kr=kr, assignee=world.loner)
    leo = await world.as_(world.lead)
    await leo.ok(ADD_COMMENT, comment_vars(gid("task", task.id), "Status?"))
    # the owner and the assignee hear of a comment on the task
    assert [n.kind for n in await notifications_of(world.member)] == [NotificationKind.COMMENT]
    [assignee_note] = await notifications_of(world.loner)
    assert (assignee_note.kind, assignee_note.task_id) == (NotificationKind.COMMENT, task.id)
    # on a key result: its owner too
    await leo.ok(ADD_COMMENT, comment_vars(gid("kr", kr.id), "Numbers look good"))
    assert [n.kind for n in await notifications_of(world.peer)] == [NotificationKind.COMMENT]
    event = await ActivityEvent.filter(kind="comment.added").order_by("seq").first()
    assert event is not None
    assert (event.key_result_id, event.payload["taskId"]) == (kr.id, task.id)

    # each target lists its own comments, oldest first
    mia = await world.as_(world.member)
    await mia.ok(ADD_COMMENT, comment_vars(gid("task", task.id), "Booked two"))
    listed = (await mia.ok(COMMENTS, {"t": gid("task", task.id)}))["comments"]
    assert [c["body"] for c in listed] == ["Status?", "Booked two"]
    assert [c["body"] for c in (await mia.ok(COMMENTS, {"t": gid("kr", kr.id)}))["comments"]] == [
        "Numbers look good"
    ]
    assert (await mia.ok(COMMENTS, {"t": gid("obj", objective.id)}))["comments"] == []
    latest = (await mia.ok(COMMENTS, {"t": gid("task", task.id), "first": 1}))["comments"]
    assert [c["body"] for c in latest] == ["Booked two"]
    error = await mia.error(COMMENTS, {"t": gid("task", task.id), "first": 0})
    assert (error["code"], error["field"]) == ("BAD_USER_INPUT", "first")
    # the author commenting on their own objective notifies nobody
    before = len(await Notification.all())
    await mia.ok(ADD_COMMENT, comment_vars(gid("obj", objective.id), "Note to self @mia"))
    assert len(await Notification.all()) == before


async def test_comment_permissions(world: World) -> None:
    public = await objective_of(world, world.member)
    team = await objective_of(world, world.member, Visibility.TEAM)
    private = await objective_of(world, world.member, Visibility.PRIVATE)
    private_task = await task_on(private, world.member)
    target = comment_vars(gid("obj", public.id), "hello")
    assert (await unchanged_after(await world.as_(None), ADD_COMMENT, target))[
        "code"
    ] == "UNAUTHENTICATED"
    assert (await unchanged_after(await world.as_(world.outsider), ADD_COMMENT, target))[
        "code"
    ] == "NOT_FOUND"
    lou = await world.as_(world.loner)
    for hidden in (gid("obj", team.id), gid("obj", private.id), gid("task", private_task.id)):
        error = await unchanged_after(lou, ADD_COMMENT, comment_vars(hidden, "hello"))
        assert error["code"] == "NOT_FOUND"
        assert (await lou.error(COMMENTS, {"t": hidden}))["code"] == "NOT_FOUND"
    # anyone who can see may comment: lou on PUBLIC, pat (same team) on TEAM
    await lou.ok(ADD_COMMENT, target)
    await (await world.as_(world.peer)).ok(ADD_COMMENT, comment_vars(gid("obj", team.id), "hi"))
    assert (await (await world.as_(None)).error(COMMENTS, {"t": gid("obj", public.id)}))[
        "code"
    ] == "UNAUTHENTICATED"


async def test_comment_bad_input(world: World) -> None:
    objective = await objective_of(world, world.member)
    mia = await world.as_(world.member)
    target = gid("obj", objective.id)
    cases = [
        (comment_vars(target, ""), "body"),
        (comment_vars(target, " \n\t "), "body"),
        (comment_vars(target, "x" * 5001), "body"),
        (comment_vars(target, " ".join(f"@person{i}" for i in range(51))), "body"),
        (comment_vars("garbage", "hi"), "targetId"),
        (comment_vars(gid("cycle", world.cycle.id), "hi"), "targetId"),
        (comment_vars(gid("user", world.member.id), "hi"), "targetId"),
        (comment_vars("obj_", "hi"), "targetId"),
    ]
    for variables, field in cases:
        error = await unchanged_after(mia, ADD_COMMENT, variables)
        assert (error["code"], error["field"]) == ("BAD_USER_INPUT", field), variables
    # exactly at the limit is fine
    await mia.ok(ADD_COMMENT, comment_vars(target, "x" * 5000))


# --- notifications ------------------------------------------------------------------------


async def _three_mentions_for_pat(world: World) -> list[Notification]:
    objective = await objective_of(world, world.member)
    lou = await world.as_(world.loner)
    for i in range(3):
        await lou.ok(ADD_COMMENT, comment_vars(gid("obj", objective.id), f"@pat number {i}"))
    return await notifications_of(world.peer)


async def test_mark_notifications_read_counts(world: World) -> None:
    notes = await _three_mentions_for_pat(world)
    pat = await world.as_(world.peer)
    listed = (await pat.ok(NOTIFICATIONS))["notifications"]
    assert [n["id"] for n in listed] == [gid("ntf", n.id) for n in reversed(notes)]  # newest first
    assert (await pat.ok(UNREAD))["viewer"]["unreadNotificationCount"] == 3

    first_id = gid("ntf", notes[0].id)
    assert (await pat.ok(MARK_READ, {"ids": [first_id]}))["markNotificationsRead"] == 1
    assert (await pat.ok(MARK_READ, {"ids": [first_id]}))["markNotificationsRead"] == 0
    assert (await pat.ok(MARK_READ, {"ids": []}))["markNotificationsRead"] == 0
    unread = (await pat.ok(NOTIFICATIONS, {"unreadOnly": True}))["notifications"]
    assert len(unread) == 2
    assert (await pat.ok(NOTIFICATIONS, {"first": 1}))["notifications"][0]["id"] == gid(
        "ntf", notes[-1].id
    )
    # someone else's notifications are not theirs to mark
    mia = await world.as_(world.member)
    assert (await mia.ok(MARK_READ, {"ids": [gid("ntf", notes[1].id)]}))[
        "markNotificationsRead"
    ] == 0
    oscar = await world.as_(world.outsider)
    assert (await oscar.ok(MARK_READ, {}))["markNotificationsRead"] == 0
    assert (await pat.ok(UNREAD))["viewer"]["unreadNotificationCount"] == 2
    # no ids: all of mine
    assert (await pat.ok(MARK_READ, {}))["markNotificationsRead"] == 2
    assert (await pat.ok(MARK_READ, {"ids": None}))["markNotificationsRead"] == 0
    assert (await pat.ok(UNREAD))["viewer"]["unreadNotificationCount"] == 0
    assert all(n["read"] for n in (await pat.ok(NOTIFICATIONS))["notifications"])
    # the owner's COMMENT notifications were not touched by any of this
    assert (await mia.ok(UNREAD))["viewer"]["unreadNotificationCount"] == 3


async def test_notification_errors(world: World) -> None:
    anonymous = await world.as_(None)
    assert (await anonymous.error(NOTIFICATIONS))["code"] == "UNAUTHENTICATED"
    assert (await anonymous.error(MARK_READ, {}))["code"] == "UNAUTHENTICATED"
    pat = await world.as_(world.peer)
    for first in (0, 101, -1):
        error = await pat.error(NOTIFICATIONS, {"first": first})
        assert (error["code"], error["field"]) == ("BAD_USER_INPUT", "first")
    await pat.ok(NOTIFICATIONS, {"first": 100})
    for ids in (["task_1"], ["ntf_x"], ["nonsense"]):
        error = await pat.error(MARK_READ, {"ids": ids})
        assert (error["code"], error["field"]) == ("BAD_USER_INPUT", "ids")
    error = await pat.error(MARK_READ, {"ids": [gid("ntf", i) for i in range(501)]})
    assert (error["code"], error["field"]) == ("BAD_USER_INPUT", "ids")


async def test_notification_hides_what_the_viewer_can_no_longer_see(world: World) -> None:
    objective = await objective_of(world, world.member)
    mia = await world.as_(world.member)
    task_id = (
        await mia.ok(
            CREATE_TASK,
            create_vars(gid("obj", objective.id), assigneeId=gid("user", world.loner.id)),
        )
    )["createTask"]["id"]
    await mia.ok(ADD_COMMENT, comment_vars(task_id, "@lou over to you"))
    lou = await world.as_(world.loner)
    listed = (await lou.ok(NOTIFICATIONS))["notifications"]
    assert [n["kind"] for n in listed] == ["MENTION", "ASSIGNMENT"]
    assert all(n["objective"] and n["task"] for n in listed)
    assert listed[0]["comment"]["body"] == "@lou over to you"

    await Objective.filter(id=objective.id).update(visibility=Visibility.PRIVATE)
    await changed_directly(world.org.id)
    listed = (await lou.ok(NOTIFICATIONS))["notifications"]
    assert len(listed) == 2  # still there, still counted …
    for note in listed:  # … but they no longer open anything
        assert (note["objective"], note["task"], note["comment"]) == (None, None, None)
        assert note["actor"]["handle"] == "mia"

    # archived but still visible: it resolves
    await Objective.filter(id=objective.id).update(
        visibility=Visibility.PUBLIC, state=ObjectiveState.ARCHIVED
    )
    listed = (await lou.ok(NOTIFICATIONS))["notifications"]
    assert all(n["objective"] and n["task"]["objective"] for n in listed)


async def test_notification_list_costs_constant_queries(
    world: World, statements: list[str]
) -> None:
    """Saleor-style: the statements for a page of notifications do not grow with it."""
    objectives = [await objective_of(world, world.member, title=f"O{i}") for i in range(2)]
    krs = [await kr_of(o) for o in objectives]
    mia = await world.as_(world.member)
    pat = await world.as_(world.peer)

    async def make(n: int) -> None:
        for i in range(n):
            k = i % 2
            task = (
                await mia.ok(
                    CREATE_TASK,
                    create_vars(
                        gid("kr", krs[k].id),
                        assigneeId=gid("user", world.peer.id),
                        collaboratorIds=[gid("user", world.lead.id)],
                    ),
                )
            )["createTask"]
            await mia.ok(ADD_COMMENT, comment_vars(task["id"], f"@pat @leo see {i}"))

    async def measure() -> int:
        statements.clear()
        data = await pat.ok(
            NOTIFICATIONS.replace("task {", "task { collaborators { handle } creator { handle }")
        )
        assert data["notifications"]
        return len(statements)

    await make(2)
    small = await measure()
    await make(10)
    large = await measure()
    assert len((await pat.ok(NOTIFICATIONS))["notifications"]) == 24
    assert large == small


COUNTED = """query($o: ID!, $t: ID!) {
  objective(id: $o) { commentCount keyResults { id commentCount } }
  task(id: $t) { commentCount }
}"""


async def test_comment_counts_and_targets(world: World, statements: list[str]) -> None:
    """Each item counts its own comments (not those of the items under it, nor deleted ones),
    every key result's in one query; a comment names what it is on."""
    objective = await objective_of(world, world.member)
    krs = [await kr_of(objective) for _ in range(3)]
    task = await task_on(objective, world.member, kr=krs[0])
    mia = await world.as_(world.member)
    targets = [gid("obj", objective.id), gid("kr", krs[0].id), gid("kr", krs[0].id)]
    targets += [gid("kr", krs[2].id), gid("task", task.id)]
    added = [
        (await mia.ok(ADD_COMMENT, comment_vars(t, f"on {t}")))["addComment"]["id"] for t in targets
    ]
    await mia.ok("mutation($id: ID!) { deleteComment(id: $id) }", {"id": added[2]})

    variables = {"o": gid("obj", objective.id), "t": gid("task", task.id)}
    statements.clear()
    data = await mia.ok(COUNTED, variables)
    count_queries = [s for s in statements if "COUNT" in s.upper() and '"comment"' in s]
    assert len(count_queries) == 3  # one per kind of target, not one per key result
    assert data["objective"]["commentCount"] == 1
    assert [k["commentCount"] for k in data["objective"]["keyResults"]] == [1, 0, 1]
    assert data["task"]["commentCount"] == 1

    listed = (await mia.ok(COMMENTS_WITH_TARGET, {"t": gid("task", task.id)}))["comments"]
    assert [c["targetId"] for c in listed] == [gid("task", task.id)]
    listed = (await mia.ok(COMMENTS_WITH_TARGET, {"t": gid("kr", krs[2].id)}))["comments"]
    assert [c["targetId"] for c in listed] == [gid("kr", krs[2].id)]

    # someone who may not see the objective learns nothing, not even a count
    private = await objective_of(world, world.peer, visibility=Visibility.PRIVATE)
    await Comment.create(
        organization_id=world.org.id, objective=private, author=world.peer, body="secret"
    )
    hidden = await mia.raw(
        "query($o: ID!) { objective(id: $o) { commentCount } }", {"o": gid("obj", private.id)}
    )
    assert hidden == {"data": {"objective": None}}


COMMENTS_WITH_TARGET = "query($t: ID!) { comments(targetId: $t) { id targetId } }"


MENTIONS_IN = """query($text: String!) {
  mentionsIn(text: $text) { text person { handle } candidates { handle } }
}"""


async def test_a_mention_typed_as_a_name_or_a_prefix_is_stored_by_handle(world: World) -> None:
    objective = await objective_of(world, world.member)
    mia = await world.as_(world.member)
    body = "@Pat Peer 和 @le 请看，@nobody 不算"
    comment = (await mia.ok(ADD_COMMENT, comment_vars(gid("obj", objective.id), body)))[
        "addComment"
    ]
    # stored stable (a rename changes what is shown, not what is stored)
    assert comment["body"] == "@pat 和 @leo 请看，@nobody 不算"
    assert [m["handle"] for m in comment["mentions"]] == ["pat", "leo"]
    [note] = await notifications_of(world.peer)
    assert note.kind == NotificationKind.MENTION


async def test_mentions_in_marks_nobody_and_ambiguous_before_sending(world: World) -> None:
    await make_user(world.org, "leona", "Leona Lee")
    mia = await world.as_(world.member)
    found = (await mia.ok(MENTIONS_IN, {"text": "@Pat Peer, @leo, @le, @zz 和 @oscar"}))[
        "mentionsIn"
    ]
    assert found == [
        {"text": "@Pat Peer", "person": {"handle": "pat"}, "candidates": []},
        {"text": "@leo", "person": {"handle": "leo"}, "candidates": []},
        {"text": "@le", "person": None, "candidates": [{"handle": "leo"}, {"handle": "leona"}]},
        {"text": "@zz", "person": None, "candidates": []},
        # someone of another organization is nobody here
        {"text": "@oscar", "person": None, "candidates": []},
    ]
    signed_out = await world.as_(None)
    assert (await signed_out.ok(MENTIONS_IN, {"text": "@pat"}))["mentionsIn"] == []
    error = await mia.error(MENTIONS_IN, {"text": "@" * 5001})
    assert error["field"] == "text"


async def test_a_reply_tells_those_who_wrote_in_the_thread_before(world: World) -> None:
    objective = await objective_of(world, world.member)
    target = gid("obj", objective.id)
    lou, pat = await world.as_(world.loner), await world.as_(world.peer)
    await lou.ok(ADD_COMMENT, comment_vars(target, "first thought"))
    await pat.ok(ADD_COMMENT, comment_vars(target, "a reply"))
    assert [n.kind for n in await notifications_of(world.loner)] == [NotificationKind.COMMENT]
    # muting comments silences replies too
    await lou.ok(
        "mutation($m: [NotificationKind!]!) { updateNotificationSettings(muted: $m) { handle } }",
        {"m": ["COMMENT"]},
    )
    await pat.ok(ADD_COMMENT, comment_vars(target, "another reply"))
    assert len(await notifications_of(world.loner)) == 1
    # a thread is one target: a comment on the objective's key result is another thread
    kr = await kr_of(objective)
    await lou.ok(
        "mutation($m: [NotificationKind!]!) { updateNotificationSettings(muted: $m) { handle } }",
        {"m": []},
    )
    await pat.ok(ADD_COMMENT, comment_vars(gid("kr", kr.id), "elsewhere"))
    assert len(await notifications_of(world.loner)) == 1
