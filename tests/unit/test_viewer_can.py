"""`viewerCan` (domain.policy): every flag for objective, key result and task, per role — and
each flag is the very predicate its mutation's service checks."""

from dataclasses import astuple, fields

import pytest

from backend.domain.policy import (
    Capability,
    ObjectiveAccess,
    ViewerCan,
    can_check_in,
    can_comment,
    can_create_task,
    can_edit_objective,
    can_view_objective,
    key_result_viewer_can,
    objective_viewer_can,
    task_viewer_can,
)
from tests.unit.test_policy_work import (
    ACTORS,
    ASSIGNEE,
    COLLABORATOR,
    CREATOR,
    KR_OWNER,
    PRIVATE,
    PUBLIC,
    edit,
)

# The people of test_policy_work: the objective belongs to "objective owner" (of team 11, led
# from its department by "lead up the chain"), its key result to "kr owner"; the task was made
# by "creator", is assigned to "assignee", with "collaborator" invited.

ALL = frozenset(Capability)
E, CI, CO, S, AR, MT = (
    Capability.EDIT,
    Capability.CHECK_IN,
    Capability.COMMENT,
    Capability.SCORE,
    Capability.ARCHIVE,
    Capability.MANAGE_TASKS,
)
NOTHING: frozenset[Capability] = frozenset()


def granted(can: ViewerCan) -> frozenset[Capability]:
    return frozenset(c for c in Capability if getattr(can, c.name.lower()))


def objective_can(who: str, access: ObjectiveAccess = PUBLIC, archived: bool = False) -> ViewerCan:
    return objective_viewer_can(
        ACTORS[who], access, archived=archived, kr_owner_ids=(KR_OWNER, None)
    )


def kr_can(who: str, access: ObjectiveAccess = PUBLIC, archived: bool = False) -> ViewerCan:
    return key_result_viewer_can(ACTORS[who], access, kr_owner_id=KR_OWNER, archived=archived)


def task_can(who: str, access: ObjectiveAccess = PUBLIC) -> ViewerCan:
    return task_viewer_can(
        ACTORS[who],
        access,
        creator_id=CREATOR,
        assignee_id=ASSIGNEE,
        collaborator_ids=frozenset({COLLABORATOR}),
        kr_owner_id=KR_OWNER,
    )


# (who, objective, key result, task) on a PUBLIC objective
TABLE = [
    ("admin", ALL, ALL, {E, CO, AR}),
    ("objective owner", ALL, ALL, {E, CO, AR}),
    ("lead up the chain", ALL, ALL, {E, CO, AR}),
    # zhangsan's case: an objective that is not theirs offers neither edit nor check-in ...
    ("same team", {CO}, {CO}, {CO}),
    ("bystander", {CO}, {CO}, {CO}),
    # ... unless they own one of its key results: then they check in and add tasks to it
    ("kr owner", {CI, CO}, {CI, CO, MT}, {E, CO, AR}),
    ("creator", {CO}, {CO}, {E, CO, AR}),
    ("assignee", {CO}, {CO}, {E, CO, AR}),
    ("collaborator", {CO}, {CO}, {E, CO, AR}),
    ("other org admin", NOTHING, NOTHING, NOTHING),
    ("other org creator", NOTHING, NOTHING, NOTHING),
    ("anonymous", NOTHING, NOTHING, NOTHING),
]


@pytest.mark.parametrize(
    ("who", "objective", "key_result", "task"), TABLE, ids=[row[0] for row in TABLE]
)
def test_viewer_can_per_role(
    who: str,
    objective: set[Capability],
    key_result: set[Capability],
    task: set[Capability],
) -> None:
    assert granted(objective_can(who)) == objective
    assert granted(kr_can(who)) == key_result
    assert granted(task_can(who)) == task


@pytest.mark.parametrize(
    "who", ["admin", "objective owner", "lead up the chain", "kr owner", "same team"]
)
def test_archived_takes_no_check_in_or_new_tasks(who: str) -> None:
    live_obj, archived_obj = granted(objective_can(who)), granted(objective_can(who, archived=True))
    assert archived_obj == live_obj - {CI, MT}
    live_kr, archived_kr = granted(kr_can(who)), granted(kr_can(who, archived=True))
    assert archived_kr == live_kr - {CI, MT}


PRIVATE_TABLE = [
    ("objective owner", ALL, ALL, {E, CO, AR}),
    ("admin", ALL, ALL, {E, CO, AR}),
    # a lead does not get into a member's PRIVATE objective, nor does its KR's owner
    ("lead up the chain", NOTHING, NOTHING, NOTHING),
    ("kr owner", NOTHING, NOTHING, NOTHING),
    ("creator", NOTHING, NOTHING, NOTHING),
    ("same team", NOTHING, NOTHING, NOTHING),
]


@pytest.mark.parametrize(
    ("who", "objective", "key_result", "task"),
    PRIVATE_TABLE,
    ids=[row[0] for row in PRIVATE_TABLE],
)
def test_viewer_can_on_a_private_objective(
    who: str,
    objective: set[Capability],
    key_result: set[Capability],
    task: set[Capability],
) -> None:
    assert granted(objective_can(who, PRIVATE)) == objective
    assert granted(kr_can(who, PRIVATE)) == key_result
    assert granted(task_can(who, PRIVATE)) == task


def test_objective_without_key_results_offers_no_check_in() -> None:
    can = objective_viewer_can(ACTORS["objective owner"], PUBLIC, archived=False)
    assert not can.check_in and can.edit


@pytest.mark.parametrize("who", list(ACTORS))
@pytest.mark.parametrize("access", [PUBLIC, PRIVATE], ids=["public", "private"])
def test_flags_are_the_predicates_the_services_check(who: str, access: ObjectiveAccess) -> None:
    """Each service answers NOT_FOUND to whoever cannot see the objective, then checks the
    one predicate of its mutation."""
    actor = ACTORS[who]
    sees = can_view_objective(actor, access)
    kr = kr_can(who, access)
    assert kr.edit is kr.score is kr.archive is can_edit_objective(actor, access)
    assert kr.check_in is (sees and can_check_in(actor, access, KR_OWNER))
    assert kr.comment is can_comment(actor, access)
    assert kr.manage_tasks is can_create_task(actor, access, KR_OWNER)
    obj = objective_can(who, access)
    assert obj.edit is obj.score is obj.archive is can_edit_objective(actor, access)
    assert obj.check_in is (sees and can_check_in(actor, access, KR_OWNER))
    assert obj.manage_tasks is can_create_task(actor, access, None)
    task = task_can(who, access)
    assert task.edit is task.archive is edit(actor, access)
    assert task.comment is can_comment(actor, access)
    assert not (task.check_in or task.score or task.manage_tasks)


def test_the_phase_rule_narrows_but_never_widens() -> None:
    asked: list[Capability] = []

    def tracking(capability: Capability) -> bool:  # e.g. no scoring before the review
        asked.append(capability)
        return capability is not Capability.SCORE

    owner = key_result_viewer_can(
        ACTORS["objective owner"],
        PUBLIC,
        kr_owner_id=KR_OWNER,
        archived=False,
        phase_allows=tracking,
    )
    assert granted(owner) == ALL - {S}
    asked.clear()
    member_ = key_result_viewer_can(
        ACTORS["same team"],
        PUBLIC,
        kr_owner_id=KR_OWNER,
        archived=False,
        phase_allows=lambda _: True,
    )
    assert granted(member_) == {CO}
    # the phase is asked only about what the roles grant
    key_result_viewer_can(
        ACTORS["same team"], PUBLIC, kr_owner_id=KR_OWNER, archived=False, phase_allows=tracking
    )
    assert asked == [CO]


def test_viewer_can_has_one_flag_per_capability() -> None:
    assert [f.name for f in fields(ViewerCan)] == [c.name.lower() for c in Capability]
    assert astuple(ViewerCan()) == (False,) * len(Capability)
