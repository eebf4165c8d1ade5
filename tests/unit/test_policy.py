import pytest

from backend.domain.enums import ObjectiveLevel, Role, Visibility
from backend.domain.policy import (
    Actor,
    ObjectiveAccess,
    can_check_in,
    can_comment,
    can_create_objective,
    can_edit_objective,
    can_manage_org,
    can_retract_check_in,
    can_view_objective,
    is_admin,
)

# Org 1: department 10 contains team 11; team 12 is elsewhere. The objective belongs to user 100
# of team 11.
ORG, OWNER, TEAM, DEPT, OTHER_TEAM = 1, 100, 11, 10, 12
MEMBER_ONLY = frozenset({TEAM})

ACTORS: dict[str, Actor | None] = {
    "admin": Actor(1, ORG, Role.ADMIN),
    "owner": Actor(OWNER, ORG, Role.MEMBER, team_ids=MEMBER_ONLY),
    "same-team": Actor(101, ORG, Role.MEMBER, team_ids=MEMBER_ONLY),
    "other-team": Actor(102, ORG, Role.MEMBER, team_ids=frozenset({OTHER_TEAM})),
    "team-lead": Actor(103, ORG, Role.MEMBER, team_ids=MEMBER_ONLY, led_team_ids=MEMBER_ONLY),
    "ancestor-lead": Actor(
        104, ORG, Role.MEMBER, team_ids=frozenset({DEPT}), led_team_ids=frozenset({DEPT, TEAM})
    ),
    "other-team-lead": Actor(
        105,
        ORG,
        Role.MEMBER,
        team_ids=frozenset({OTHER_TEAM}),
        led_team_ids=frozenset({OTHER_TEAM}),
    ),
    # Same ids as insiders, other organization: nothing crosses organizations.
    "other-org-admin": Actor(1, 2, Role.ADMIN),
    "other-org-owner-id": Actor(OWNER, 2, Role.MEMBER, team_ids=MEMBER_ONLY),
    "anonymous": None,
}

PUB, TEAM_VIS, PRIV = Visibility.PUBLIC, Visibility.TEAM, Visibility.PRIVATE
# actor -> {visibility: (can view, can edit)}
MATRIX = {
    "admin": {PUB: (True, True), TEAM_VIS: (True, True), PRIV: (True, True)},
    "owner": {PUB: (True, True), TEAM_VIS: (True, True), PRIV: (True, True)},
    "same-team": {PUB: (True, False), TEAM_VIS: (True, False), PRIV: (False, False)},
    "other-team": {PUB: (True, False), TEAM_VIS: (False, False), PRIV: (False, False)},
    "team-lead": {PUB: (True, True), TEAM_VIS: (True, True), PRIV: (False, False)},
    "ancestor-lead": {PUB: (True, True), TEAM_VIS: (True, True), PRIV: (False, False)},
    "other-team-lead": {PUB: (True, False), TEAM_VIS: (False, False), PRIV: (False, False)},
    "other-org-admin": {PUB: (False, False), TEAM_VIS: (False, False), PRIV: (False, False)},
    "other-org-owner-id": {PUB: (False, False), TEAM_VIS: (False, False), PRIV: (False, False)},
    "anonymous": {PUB: (False, False), TEAM_VIS: (False, False), PRIV: (False, False)},
}
CELLS = [(who, vis, view, edit) for who, row in MATRIX.items() for vis, (view, edit) in row.items()]


def objective(visibility: Visibility) -> ObjectiveAccess:
    return ObjectiveAccess(ORG, OWNER, visibility, team_ids=frozenset({TEAM}))


@pytest.mark.parametrize(
    ("who", "visibility", "view", "edit"), CELLS, ids=[f"{c[0]}-{c[1]}" for c in CELLS]
)
def test_view_edit_comment_matrix(who: str, visibility: Visibility, view: bool, edit: bool) -> None:
    actor, obj = ACTORS[who], objective(visibility)
    assert can_view_objective(actor, obj) is view
    assert can_edit_objective(actor, obj) is edit
    assert can_comment(actor, obj) is view
    # Editors may check in on any of the objective's KRs (KR owned by someone else here).
    assert can_check_in(actor, obj, kr_owner_id=999) is edit


def test_team_objective_visible_to_lead_who_is_not_a_member() -> None:
    lead = Actor(7, ORG, Role.MEMBER, led_team_ids=frozenset({TEAM}))
    assert can_view_objective(lead, objective(TEAM_VIS))


def test_personal_objective_without_team_uses_owner_teams() -> None:
    # The service passes the owner's teams when the objective has none of its own.
    obj = ObjectiveAccess(ORG, OWNER, TEAM_VIS, team_ids=frozenset({TEAM, OTHER_TEAM}))
    assert can_view_objective(ACTORS["other-team"], obj)
    assert can_edit_objective(ACTORS["other-team-lead"], obj)


def test_objective_without_teams_team_visibility() -> None:
    obj = ObjectiveAccess(ORG, OWNER, TEAM_VIS)
    assert not can_view_objective(ACTORS["same-team"], obj)
    assert can_view_objective(ACTORS["owner"], obj)


@pytest.mark.parametrize(
    ("who", "visibility", "allowed"),
    [
        ("same-team", PUB, True),
        ("same-team", PRIV, True),
        ("other-team", TEAM_VIS, True),
        ("other-org-owner-id", PUB, False),
        ("anonymous", PUB, False),
    ],
    ids=["member-public", "member-private", "outsider-team", "other-org", "anonymous"],
)
def test_kr_owner_may_check_in(who: str, visibility: Visibility, allowed: bool) -> None:
    actor = ACTORS[who]
    kr_owner = actor.user_id if actor is not None else OWNER
    assert can_check_in(actor, objective(visibility), kr_owner_id=kr_owner) is allowed


def test_kr_without_owner() -> None:
    assert not can_check_in(ACTORS["same-team"], objective(PUB), kr_owner_id=None)


C, T, P = ObjectiveLevel.COMPANY, ObjectiveLevel.TEAM, ObjectiveLevel.PERSONAL
CREATE = [
    ("company-admin", "admin", C, 1, None, frozenset(), True),
    ("company-lead", "ancestor-lead", C, 104, None, frozenset(), False),
    ("company-member", "same-team", C, 101, None, frozenset(), False),
    ("company-other-org-admin", "other-org-admin", C, 1, None, frozenset(), False),
    ("team-admin", "admin", T, 1, TEAM, frozenset(), True),
    ("team-lead", "team-lead", T, 103, TEAM, frozenset(), True),
    ("team-ancestor-lead", "ancestor-lead", T, 104, TEAM, frozenset(), True),
    ("team-member", "same-team", T, 101, TEAM, frozenset(), False),
    ("team-lead-other-team", "team-lead", T, 103, OTHER_TEAM, frozenset(), False),
    ("team-without-team", "team-lead", T, 103, None, frozenset(), False),
    ("personal-self", "same-team", P, 101, None, frozenset(), True),
    ("personal-self-no-team", "other-team", P, 102, None, frozenset(), True),
    ("personal-for-member-admin", "admin", P, 101, None, MEMBER_ONLY, True),
    ("personal-for-member-lead", "team-lead", P, 101, TEAM, MEMBER_ONLY, True),
    ("personal-for-member-ancestor-lead", "ancestor-lead", P, 101, None, MEMBER_ONLY, True),
    ("personal-for-colleague", "same-team", P, 100, None, MEMBER_ONLY, False),
    ("personal-for-other-team-member", "team-lead", P, 102, None, frozenset({OTHER_TEAM}), False),
    ("personal-other-org", "other-org-owner-id", P, OWNER, None, frozenset(), False),
    ("personal-anonymous", "anonymous", P, OWNER, None, frozenset(), False),
]


@pytest.mark.parametrize(
    ("who", "level", "owner", "team", "owner_teams", "allowed"),
    [c[1:] for c in CREATE],
    ids=[c[0] for c in CREATE],
)
def test_can_create_objective(
    who: str,
    level: ObjectiveLevel,
    owner: int,
    team: int | None,
    owner_teams: frozenset[int],
    allowed: bool,
) -> None:
    assert (
        can_create_objective(
            ACTORS[who],
            org_id=ORG,
            level=level,
            owner_id=owner,
            team_id=team,
            owner_team_ids=owner_teams,
        )
        is allowed
    )


@pytest.mark.parametrize(
    ("who", "allowed"),
    [
        ("admin", True),
        ("team-lead", False),
        ("same-team", False),
        ("other-org-admin", False),
        ("anonymous", False),
    ],
    ids=str,
)
def test_can_manage_org(who: str, allowed: bool) -> None:
    assert can_manage_org(ACTORS[who], ORG) is allowed


def test_is_admin() -> None:
    admin, member = ACTORS["admin"], ACTORS["same-team"]
    assert admin is not None and member is not None
    assert is_admin(admin)
    assert not is_admin(member)


@pytest.mark.parametrize(
    ("who", "author", "allowed"),
    [
        ("owner", OWNER, True),  # their own check-in on their own objective
        ("same-team", 101, True),  # the KR's owner, their own check-in
        ("admin", OWNER, False),  # may check in, but it is not their word
        ("team-lead", OWNER, False),
        ("same-team", OWNER, False),
        ("other-org-owner-id", OWNER, False),  # same id, other organization
        ("anonymous", OWNER, False),
    ],
)
def test_only_the_author_retracts_a_check_in(who: str, author: int, allowed: bool) -> None:
    actor = ACTORS[who]
    kr_owner = 101 if who == "same-team" and author == 101 else OWNER
    assert can_retract_check_in(actor, objective(PUB), kr_owner, author) is allowed


def test_an_author_who_may_no_longer_check_in_does_not_retract() -> None:
    # once the KR has another owner, its former owner's check-ins stay as they are
    assert not can_retract_check_in(ACTORS["same-team"], objective(PUB), OWNER, 101)
