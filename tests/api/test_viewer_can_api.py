"""`viewerCan` says what the mutation then does: for the objective's owner, a lead of its
team, a plain member of it and an admin, in a phase that tracks and one that scores, every flag
on an objective, a key result and a task is true exactly when its mutation is accepted."""

from collections.abc import Awaitable, Callable
from typing import Any

import pytest

from backend.domain.enums import (
    CyclePhase,
    KRKind,
    ObjectiveLevel,
    ObjectiveState,
    Visibility,
)
from backend.models import KeyResult, Objective, Task, User
from tests.api.helpers import Api, World, gid

FLAGS = "viewerCan { edit checkIn comment score archive manageTasks }"
READ = f"""query($o: ID!, $t: ID!) {{ objective(id: $o) {{ {FLAGS} keyResults {{ {FLAGS} }} }}
  task(id: $t) {{ {FLAGS} }} }}"""

READ_OBJECTIVE = (
    f"""query($o: ID!) {{ objective(id: $o) {{ {FLAGS} keyResults {{ {FLAGS} }} }} }}"""
)

Try = Callable[[Api], Awaitable[bool]]


async def accepted(api: Api, doc: str, variables: dict[str, Any]) -> bool:
    body = await api.raw(doc, variables)
    if not body.get("errors"):
        return True
    code = body["errors"][0].get("extensions", {}).get("code")
    assert code in ("FORBIDDEN", "BAD_USER_INPUT"), body["errors"]
    # a refusal for the input's own sake would say nothing about the flag
    assert code == "FORBIDDEN" or "archived" in body["errors"][0]["message"], body["errors"]
    return False


async def setup(world: World) -> tuple[str, str, str]:
    """The member's published objective in the squad, two KRs they own (the first, weight
    0, can be archived without unbalancing the weights), and a task the admin created under the
    first and assigned to nobody."""
    o = await Objective.create(
        organization=world.org,
        cycle=world.cycle,
        title="Member's",
        owner=world.member,
        level=ObjectiveLevel.PERSONAL,
        visibility=Visibility.PUBLIC,
        state=ObjectiveState.PUBLISHED,
    )
    kr = await KeyResult.create(
        organization=world.org,
        objective=o,
        title="Calls",
        kind=KRKind.INCREASE,
        start_value=0,
        target_value=10,
        weight=0,
        owner=world.member,
    )
    await KeyResult.create(
        organization=world.org,
        objective=o,
        title="Rest",
        kind=KRKind.INCREASE,
        start_value=0,
        target_value=10,
        weight=100,
        owner=world.member,
        position=1,
    )
    task = await Task.create(
        organization=world.org, objective=o, key_result=kr, title="Call", creator=world.admin
    )
    return gid("obj", o.id), gid("kr", kr.id), gid("task", task.id)


def mutations(o: str, kr: str, task: str) -> list[tuple[str, str, Try]]:
    """(item, flag, the mutation the flag stands for), destructive ones last."""

    def run(doc: str, **variables: Any) -> Try:
        return lambda api: accepted(api, doc, variables)

    check_in = run("mutation($k: ID!) { checkIn(input: {keyResultId: $k, value: 3}) { id } }", k=kr)
    comment = 'mutation($t: ID!) { addComment(input: {targetId: $t, body: "Hi"}) { id } }'
    new_task = "mutation($i: CreateTaskInput!) { createTask(input: $i) { id } }"
    score = run(
        "mutation($k: ID!) { scoreKeyResult(id: $k, input: {difficulty: 0.5}) { id } }", k=kr
    )
    return [
        ("objective", "comment", run(comment, t=o)),
        ("keyResult", "comment", run(comment, t=kr)),
        ("task", "comment", run(comment, t=task)),
        ("keyResult", "checkIn", check_in),
        ("objective", "checkIn", check_in),  # its KRs have one owner
        ("objective", "manageTasks", run(new_task, i={"objectiveId": o, "title": "T"})),
        ("keyResult", "manageTasks", run(new_task, i={"keyResultId": kr, "title": "T"})),
        (
            "objective",
            "edit",
            run(
                'mutation($o: ID!) { updateObjective(id: $o, input: {title: "New"}) { id } }',
                o=o,
            ),
        ),
        (
            "keyResult",
            "edit",
            run(
                'mutation($k: ID!) { updateKeyResult(id: $k, input: {title: "New"}) { id } }',
                k=kr,
            ),
        ),
        (
            "task",
            "edit",
            run(
                'mutation($t: ID!) { updateTask(id: $t, input: {title: "New"}) { id } }',
                t=task,
            ),
        ),
        ("keyResult", "score", score),
        ("objective", "score", score),
        ("task", "archive", run("mutation($t: ID!) { deleteTask(id: $t) { id } }", t=task)),
        (
            "keyResult",
            "archive",
            run("mutation($k: ID!) { archiveKeyResult(id: $k) { id } }", k=kr),
        ),
        (
            "objective",
            "archive",
            run("mutation($o: ID!) { archiveObjective(id: $o) { id } }", o=o),
        ),
    ]


ROLES = ["owner", "lead", "member", "admin"]


def person(world: World, role: str) -> User:
    return {"owner": world.member, "lead": world.lead, "member": world.peer, "admin": world.admin}[
        role
    ]


@pytest.mark.parametrize("phase", [CyclePhase.TRACKING, CyclePhase.REVIEWING])
async def test_every_flag_agrees_with_its_mutation(
    world: World, phase: CyclePhase, subtests: pytest.Subtests
) -> None:
    world.cycle.phase = phase
    await world.cycle.save()
    seen: dict[tuple[str, str], set[bool]] = {}
    for role in ROLES:
        with subtests.test(msg=f"{role} in {phase.value}"):
            api = await world.as_(person(world, role))
            o, kr, task = await setup(world)
            got = await api.ok(READ, {"o": o, "t": task})
            flags = {
                "objective": got["objective"]["viewerCan"],
                "keyResult": got["objective"]["keyResults"][0]["viewerCan"],
                "task": got["task"]["viewerCan"],
            }
            # a task takes no check-in or score and holds no tasks
            assert not any(flags["task"][f] for f in ("checkIn", "score", "manageTasks"))
            for item, flag, attempt in mutations(o, kr, task):
                said = flags[item][flag]
                assert await attempt(api) is said, (role, item, flag, said)
                seen.setdefault((item, flag), set()).add(said)
    # the table is not vacuous: most flags were seen both ways across the roles
    both = [k for k, v in seen.items() if v == {True, False}]
    assert len(both) >= 6, seen


async def test_no_score_is_offered_on_a_draft(world: World) -> None:
    """Only a published objective is scored: a draft's owner and the admin are offered no
    score while the cycle is being reviewed, and the mutation says why."""
    world.cycle.phase = CyclePhase.REVIEWING
    await world.cycle.save()
    o, kr, _ = await setup(world)
    await Objective.filter(id=int(o.split("_")[1])).update(state=ObjectiveState.DRAFT)
    for who in (world.member, world.admin):
        api = await world.as_(who)
        got = await api.ok(READ_OBJECTIVE, {"o": o})
        assert got["objective"]["viewerCan"]["score"] is False
        assert got["objective"]["keyResults"][0]["viewerCan"]["score"] is False
        err = await api.error(
            "mutation($k: ID!) { scoreKeyResult(id: $k, input: {}) { id } }", {"k": kr}
        )
        assert err["code"] == "BAD_USER_INPUT"
