"""Who may create, edit, restore tasks and edit or delete comments (domain.policy)."""

import pytest

from backend.domain.enums import Role, Visibility
from backend.domain.policy import (
    Actor,
    ObjectiveAccess,
    can_create_task,
    can_delete_comment,
    can_edit_comment,
    can_edit_task,
    can_restore_task,
)

# Org 1: department 10 contains team 11. The objective belongs to user 100 of team 11.
ORG, OWNER, TEAM, DEPT = 1, 100, 11, 10
CREATOR, ASSIGNEE, COLLABORATOR, KR_OWNER = 200, 201, 202, 203
PUBLIC = ObjectiveAccess(ORG, OWNER, Visibility.PUBLIC, frozenset({TEAM}))
PRIVATE = ObjectiveAccess(ORG, OWNER, Visibility.PRIVATE, frozenset({TEAM}))


def member(user_id: int, **teams: frozenset[int]) -> Actor:
    return Actor(user_id, ORG, Role.MEMBER, **teams)


ACTORS: dict[str, Actor | None] = {
    "admin": Actor(1, ORG, Role.ADMIN),
    "objective owner": member(OWNER, team_ids=frozenset({TEAM})),
    "lead up the chain": member(
        104, team_ids=frozenset({DEPT}), led_team_ids=frozenset({DEPT, TEAM})
    ),
    "creator": member(CREATOR),
    "assignee": member(ASSIGNEE),
    "collaborator": member(COLLABORATOR),
    "kr owner": member(KR_OWNER),
    "same team": member(101, team_ids=frozenset({TEAM})),
    "bystander": member(300),
    "other org admin": Actor(1, 2, Role.ADMIN),
    "other org creator": Actor(CREATOR, 2, Role.MEMBER),
    "anonymous": None,
}


def edit(actor: Actor | None, access: ObjectiveAccess = PUBLIC) -> bool:
    return can_edit_task(
        actor,
        access,
        creator_id=CREATOR,
        assignee_id=ASSIGNEE,
        collaborator_ids=frozenset({COLLABORATOR}),
        kr_owner_id=KR_OWNER,
    )


EDITORS = {
    "admin",
    "objective owner",
    "lead up the chain",
    "creator",
    "assignee",
    "collaborator",
    "kr owner",
}


@pytest.mark.parametrize("who", list(ACTORS))
def test_who_edits_a_task(who: str) -> None:
    assert edit(ACTORS[who]) == (who in EDITORS)


@pytest.mark.parametrize("who", list(ACTORS))
def test_on_a_private_objective_only_who_sees_it_edits(who: str) -> None:
    # the people on the task lose it with the objective; the lead does not see a PRIVATE one
    assert edit(ACTORS[who], PRIVATE) == (who in {"admin", "objective owner"})


def test_no_assignee_and_no_kr_owner() -> None:
    bystander = ACTORS["bystander"]
    assert not can_edit_task(bystander, PUBLIC, creator_id=CREATOR, assignee_id=None)
    assert can_edit_task(ACTORS["creator"], PUBLIC, creator_id=CREATOR, assignee_id=None)


@pytest.mark.parametrize("who", list(ACTORS))
def test_who_creates_a_task(who: str) -> None:
    expected = who in {"admin", "objective owner", "lead up the chain", "kr owner"}
    assert can_create_task(ACTORS[who], PUBLIC, KR_OWNER) == expected
    # directly under the objective there is no key result owner
    assert can_create_task(ACTORS[who], PUBLIC, None) == (expected and who != "kr owner")


@pytest.mark.parametrize("who", list(ACTORS))
def test_who_restores_a_task(who: str) -> None:
    assert can_restore_task(ACTORS[who], PUBLIC, CREATOR) == (who in {"admin", "creator"})
    assert can_restore_task(ACTORS[who], PRIVATE, CREATOR) == (who == "admin")


@pytest.mark.parametrize("who", list(ACTORS))
def test_who_edits_and_deletes_a_comment(who: str) -> None:
    author = CREATOR
    actor = ACTORS[who]
    assert can_edit_comment(actor, PUBLIC, author) == (who == "creator")
    assert can_delete_comment(actor, PUBLIC, author) == (who in {"creator", "admin"})
    # an author who can no longer see the objective can do neither
    assert not can_edit_comment(actor, PRIVATE, author)
    assert can_delete_comment(actor, PRIVATE, author) == (who == "admin")
