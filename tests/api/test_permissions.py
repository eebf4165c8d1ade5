"""Who may call each mutation (DESIGN §7): signed out, from the other organization, as an
ordinary member who is not the owner, and the paths that are allowed.

Every refused request must leave the database exactly as it was (every row of every table
the API writes compared before and after), and every allowed one must write.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest

from backend.actions.auth import create_api_token
from backend.domain.enums import KRKind, ObjectiveLevel, Visibility
from backend.models import (
    CheckIn,
    Cycle,
    KeyResult,
    Objective,
    Organization,
    Team,
    User,
)
from tests.api.helpers import Api, World, fingerprint, gid, make_user


@dataclass
class Cast:
    """Who acts in an access test, by their part: the world's people and a plain member of
    the other organization."""

    world: World
    foreign_member: User

    def user(self, who: str) -> User | None:
        w = self.world
        return {
            "anon": None,
            "outsider": w.outsider,
            "foreign_member": self.foreign_member,
            "member": w.member,
            "loner": w.loner,
            "lead": w.lead,
            "owner": w.peer,
            "admin": w.admin,
        }[who]


@dataclass
class Scene(Cast):
    """Pat's TEAM-visible draft objective with one key result (pat owns both, and checked in on
    it) and a token of pat's."""

    objective: Objective
    kr: KeyResult
    pat_token_id: int
    check_in: CheckIn


@pytest.fixture
async def scene(world: World) -> Scene:
    objective = await Objective.create(
        organization=world.org,
        cycle=world.cycle,
        title="Pat's objective",
        level=ObjectiveLevel.PERSONAL,
        owner=world.peer,
        visibility=Visibility.TEAM,  # squad-mates (mia) see it, lou does not
    )
    kr = await KeyResult.create(
        organization=world.org,
        objective=objective,
        owner=world.peer,
        title="Pat's KR",
        kind=KRKind.INCREASE,
        start_value=0,
        target_value=10,
        weight=100,
    )
    token, _ = await create_api_token(world.settings, world.peer, "pat's script")
    other = await Organization.get(slug="other")
    foreign_member = await make_user(other, "fred", "Fred Foreign")
    check_in = await CheckIn.create(
        organization=world.org,
        key_result=kr,
        author=world.peer,
        value=2,
        progress=0.2,
        raw_progress=0.2,
        created_at=datetime.now(UTC),
    )
    await KeyResult.filter(id=kr.id).update(current_value=2, last_check_in_at=check_in.created_at)
    return Scene(world, foreign_member, objective, kr, token.id, check_in)


Vars = Callable[[Scene, str], dict[str, Any]]


@dataclass
class Case:
    name: str
    doc: str  # the mutation's result is aliased `r`
    vars: Vars
    refused: dict[str, str]  # actor -> expected error code
    allowed: tuple[str, ...]
    check: Callable[[dict[str, Any], Scene, str], bool] = lambda r, s, who: r is not None


def obj_id(s: Scene) -> str:
    return gid("obj", s.objective.id)


def kr_id(s: Scene) -> str:
    return gid("kr", s.kr.id)


# The usual verdicts for an action on pat's TEAM-visible objective.
ON_OBJECTIVE = {
    "anon": "UNAUTHENTICATED",
    "outsider": "NOT_FOUND",
    "member": "FORBIDDEN",  # sees it (same squad), does not own it
    "loner": "NOT_FOUND",  # cannot even see it
}
EDITORS = ("owner", "lead", "admin")  # lead of Engineering, an ancestor of pat's Platform
# Admin-only organization actions that name no row of the organization.
ADMIN_ONLY = {
    "anon": "UNAUTHENTICATED",
    "foreign_member": "FORBIDDEN",
    "member": "FORBIDDEN",
    "lead": "FORBIDDEN",
}
# Admin-only actions on a row of the organization: the other organization's admin finds nothing.
ADMIN_ONLY_ROW = {**ADMIN_ONLY, "outsider": "NOT_FOUND"}

TODAY = date.today()

CASES = [
    Case(
        "createObjective",
        """mutation($i: CreateObjectiveInput!) { r: createObjective(input: $i) {
          id owner { id } } }""",
        lambda s, who: {
            "i": {
                "cycleId": gid("cycle", s.world.cycle.id),
                "title": f"For pat by {who}",
                "ownerId": gid("user", s.world.peer.id),
            }
        },
        # the other organization's cycle id names nothing it can see
        {**ON_OBJECTIVE, "outsider": "BAD_USER_INPUT", "loner": "FORBIDDEN"},
        EDITORS,
        lambda r, s, who: r["owner"]["id"] == gid("user", s.world.peer.id),
    ),
    Case(
        "updateObjective",
        """mutation($id: ID!, $i: UpdateObjectiveInput!) {
          r: updateObjective(id: $id, input: $i) { id title } }""",
        lambda s, who: {"id": obj_id(s), "i": {"title": f"Renamed by {who}"}},
        ON_OBJECTIVE,
        EDITORS,
        lambda r, s, who: r["title"] == f"Renamed by {who}",
    ),
    Case(
        "publishObjective",
        "mutation($id: ID!) { r: publishObjective(id: $id) { id state } }",
        lambda s, who: {"id": obj_id(s)},
        ON_OBJECTIVE,
        EDITORS,
        lambda r, s, who: r["state"] == "PUBLISHED",
    ),
    Case(
        "archiveObjective",
        "mutation($id: ID!) { r: archiveObjective(id: $id) { id state } }",
        lambda s, who: {"id": obj_id(s)},
        ON_OBJECTIVE,
        EDITORS,
        lambda r, s, who: r["state"] == "ARCHIVED",
    ),
    Case(
        "setWeights",
        """mutation($id: ID!, $w: [WeightInput!]!) {
          r: setWeights(objectiveId: $id, weights: $w) { id keyResults { weight } } }""",
        lambda s, who: {
            "id": obj_id(s),
            "w": [{"keyResultId": kr_id(s), "weight": 60 + len(who)}],
        },
        ON_OBJECTIVE,
        EDITORS,
        lambda r, s, who: r["keyResults"][0]["weight"] == 60 + len(who),
    ),
    Case(
        "createKeyResult",
        """mutation($i: CreateKeyResultInput!) { r: createKeyResult(input: $i) {
          id objective { id } } }""",
        lambda s, who: {
            "i": {
                "objectiveId": obj_id(s),
                "title": f"KR by {who}",
                "kind": "MILESTONE",
                "dueDate": "2031-10-31",
                "weight": 0,
            }
        },
        ON_OBJECTIVE,
        EDITORS,
        lambda r, s, who: r["objective"]["id"] == obj_id(s),
    ),
    Case(
        "updateKeyResult",
        """mutation($id: ID!, $i: UpdateKeyResultInput!) {
          r: updateKeyResult(id: $id, input: $i) { id title } }""",
        lambda s, who: {"id": kr_id(s), "i": {"title": f"KR renamed by {who}"}},
        ON_OBJECTIVE,
        EDITORS,
        lambda r, s, who: r["title"] == f"KR renamed by {who}",
    ),
    Case(
        "archiveKeyResult",
        "mutation($id: ID!) { r: archiveKeyResult(id: $id) { id archived } }",
        lambda s, who: {"id": kr_id(s)},
        ON_OBJECTIVE,
        EDITORS,
        lambda r, s, who: r["archived"] is True,
    ),
    Case(
        "checkIn",
        """mutation($i: CheckInInput!) { r: checkIn(input: $i) {
          id currentValue checkIns { value } } }""",
        lambda s, who: {"i": {"keyResultId": kr_id(s), "value": len(who)}},
        ON_OBJECTIVE,
        EDITORS,
        lambda r, s, who: r["currentValue"] == len(who) and r["checkIns"][0]["value"] == len(who),
    ),
    # only its author corrects or withdraws a check-in: not an editor, lead or admin
    Case(
        "correctCheckIn",
        """mutation($id: ID!) { r: correctCheckIn(id: $id, input: {value: 3}) {
          currentValue } }""",
        lambda s, who: {"id": gid("ci", s.check_in.id)},
        {**ON_OBJECTIVE, "lead": "FORBIDDEN", "admin": "FORBIDDEN"},
        ("owner",),
        lambda r, s, who: r["currentValue"] == 3,
    ),
    Case(
        "withdrawCheckIn",
        """mutation($id: ID!) { r: withdrawCheckIn(id: $id, reason: "typo") {
          currentValue checkIns { retractReason } } }""",
        lambda s, who: {"id": gid("ci", s.check_in.id)},
        {**ON_OBJECTIVE, "lead": "FORBIDDEN", "admin": "FORBIDDEN"},
        ("owner",),
        lambda r, s, who: r["currentValue"] == 0 and r["checkIns"][0]["retractReason"] == "typo",
    ),
    Case(
        "createCycle",
        "mutation($i: CycleInput!) { r: createCycle(input: $i) { id name } }",
        lambda s, who: {
            "i": {
                "name": f"Next by {who}",
                "startsOn": (TODAY + timedelta(days=90)).isoformat(),
                "endsOn": (TODAY + timedelta(days=180)).isoformat(),
            }
        },
        ADMIN_ONLY,
        ("admin",),
        lambda r, s, who: r["name"] == f"Next by {who}",
    ),
    Case(
        "updateCycle",
        "mutation($id: ID!, $i: CycleInput!) { r: updateCycle(id: $id, input: $i) { name } }",
        lambda s, who: {"id": gid("cycle", s.world.cycle.id), "i": {"name": f"Q by {who}"}},
        ADMIN_ONLY_ROW,
        ("admin",),
        lambda r, s, who: r["name"] == f"Q by {who}",
    ),
    Case(
        "createTeam",
        "mutation($n: String!, $p: ID) { r: createTeam(name: $n, parentId: $p) { name parentId } }",
        lambda s, who: {"n": f"Team by {who}", "p": gid("team", s.world.dept.id)},
        # the other organization's admin cannot hang a team under ours
        {**ADMIN_ONLY, "outsider": "NOT_FOUND"},
        ("admin",),
        lambda r, s, who: r["parentId"] == gid("team", s.world.dept.id),
    ),
    Case(
        "updateTeam",
        "mutation($id: ID!, $n: String) { r: updateTeam(id: $id, name: $n) { name } }",
        lambda s, who: {"id": gid("team", s.world.squad.id), "n": f"Squad by {who}"},
        ADMIN_ONLY_ROW,
        ("admin",),
        lambda r, s, who: r["name"] == f"Squad by {who}",
    ),
    Case(
        "setTeamMember",
        """mutation($t: ID!, $u: ID!) { r: setTeamMember(teamId: $t, userId: $u, lead: true) {
          id } }""",
        lambda s, who: {"t": gid("team", s.world.squad.id), "u": gid("user", s.world.loner.id)},
        ADMIN_ONLY_ROW,
        ("admin",),
    ),
    Case(
        "createUser",
        "mutation($i: UserInput!) { r: createUser(input: $i) { handle role } }",
        lambda s, who: {
            "i": {
                "email": f"new-{who}@acme.test",
                "displayName": "New Person",
                "handle": f"new_{who}",
                "password": "long enough password",
                "role": "ADMIN",
            }
        },
        ADMIN_ONLY,
        ("admin",),
        lambda r, s, who: r["handle"] == f"new_{who}",
    ),
    Case(
        "updateUser",
        "mutation($id: ID!, $i: UserInput!) { r: updateUser(id: $id, input: $i) { displayName } }",
        lambda s, who: {"id": gid("user", s.world.peer.id), "i": {"displayName": f"Pat ({who})"}},
        {**ADMIN_ONLY_ROW, "loner": "FORBIDDEN"},
        ("owner", "admin"),  # pat edits his own profile
        lambda r, s, who: r["displayName"] == f"Pat ({who})",
    ),
    Case(
        "updateProfile",
        "mutation($i: ProfileInput!) { r: updateProfile(input: $i) { handle displayName } }",
        lambda s, who: {"i": {"displayName": f"Me ({who})"}},
        {"anon": "UNAUTHENTICATED"},  # it only ever edits the caller
        ("member", "outsider"),
        lambda r, s, who: r["displayName"] == f"Me ({who})",
    ),
    Case(
        "updateOrganization",
        "mutation($i: OrganizationInput!) { r: updateOrganization(input: $i) { name staleDays } }",
        lambda s, who: {"i": {"name": f"Acme ({who})", "staleDays": 9}},
        ADMIN_ONLY,
        ("admin",),
        lambda r, s, who: r == {"name": f"Acme ({who})", "staleDays": 9},
    ),
    Case(
        "createApiToken",
        "mutation($n: String!) { r: createApiToken(name: $n) { token apiToken { name } } }",
        lambda s, who: {"n": f"{who}'s laptop"},
        # these actors hold API tokens, which never mint tokens (sessions do: test_sessions.py)
        {
            "anon": "UNAUTHENTICATED",
            "member": "FORBIDDEN",
            "loner": "FORBIDDEN",
            "admin": "FORBIDDEN",
        },
        (),
        lambda r, s, who: (
            r["token"].startswith("lst_") and r["apiToken"]["name"] == f"{who}'s laptop"
        ),
    ),
    Case(
        "revokeApiToken",
        "mutation($id: ID!) { r: revokeApiToken(id: $id) }",
        lambda s, who: {"id": gid("tok", s.pat_token_id)},
        # a token is its user's alone: not even an admin revokes someone else's
        {
            "anon": "UNAUTHENTICATED",
            "outsider": "NOT_FOUND",
            "member": "NOT_FOUND",
            "admin": "NOT_FOUND",
        },
        ("owner",),
        lambda r, s, who: r is True,
    ),
]


def test_every_okr_and_org_mutation_is_covered() -> None:
    """A mutation added to backend/api/okr/ or org/ needs a row in CASES."""
    from backend.api.schema import app_schema

    schema = app_schema()
    mutation = schema.get_type_by_name("Mutation")
    names = {
        schema.config.name_converter.from_field(f)
        for f in mutation.fields  # type: ignore[union-attr]
        if f.base_resolver.wrapped_func.__module__
        in ("backend.api.okr.mutations", "backend.api.org.mutations")
    }
    # one's own account: test_auth (signIn, signOut) and test_sessions (the rest)
    own = {"signIn", "signOut", "signOutEverywhere", "changePassword", "changeEmail"}
    assert names - own == {c.name for c in CASES}


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
async def test_refused_and_allowed(scene: Scene, case: Case) -> None:
    await check_access(scene, case)


async def check_access(scene: Cast, case: Case) -> None:
    """Each refused actor gets its code and writes nothing; each allowed one writes."""
    apis: dict[str, Api] = {
        who: await scene.world.as_(scene.user(who)) for who in (*case.refused, *case.allowed)
    }
    before = await fingerprint()
    for who, code in case.refused.items():
        error = await apis[who].error(case.doc, case.vars(scene, who))
        assert error["code"] == code, (who, error)
        assert error["message"], who
        assert await fingerprint() == before, f"{case.name} refused for {who} but wrote"
    for who in case.allowed:
        body = await apis[who].raw(case.doc, case.vars(scene, who))
        assert not body.get("errors"), (who, body)
        assert case.check(body["data"]["r"], scene, who), (who, body["data"])
        after = await fingerprint()
        assert after != before, f"{case.name} by {who} changed nothing"
        before = after


ADMIN_ACTIONS_ELSEWHERE = [
    (
        'mutation { r: createCycle(input: {name: "Theirs 2", startsOn: "2030-01-01", '
        'endsOn: "2030-03-31"}) { id } }'
    ),
    'mutation { r: createTeam(name: "Their team") { id } }',
    (
        'mutation { r: createUser(input: {email: "x@other.test", displayName: "X", handle: "mia", '
        'password: "long enough password"}) { id } }'
    ),
    'mutation { r: updateOrganization(input: {name: "Renamed", staleDays: 3}) { name } }',
]


async def test_other_admin_acts_only_in_own_organization(
    world: World, subtests: pytest.Subtests
) -> None:
    """The other organization's admin may run admin actions, but they land in their own
    organization: ours is untouched (and a handle taken here is free there)."""

    async def acme_rows() -> dict[str, Any]:
        return {
            "cycles": await Cycle.filter(organization=world.org).values(),
            "teams": await Team.filter(organization=world.org).values(),
            "users": await User.filter(organization=world.org).values(),
            "org": await Organization.filter(id=world.org.id).values(),
        }

    before = await acme_rows()
    api = await world.as_(world.outsider)
    for doc in ADMIN_ACTIONS_ELSEWHERE:
        with subtests.test(msg=doc.split(":")[1].split("(")[0].strip()):
            assert (await api.ok(doc))["r"]
            assert await acme_rows() == before
    admin = await world.as_(world.admin)
    seen = await admin.ok(
        "{ cycles { name } teams { name } people { handle } organization { name } }"
    )
    assert [c["name"] for c in seen["cycles"]] == ["This quarter"]
    assert [t["name"] for t in seen["teams"]] == ["Engineering", "Platform"]
    assert seen["organization"]["name"] == "Acme"
    assert sorted(p["handle"] for p in seen["people"]) == ["ada", "leo", "lou", "mia", "pat"]


UPDATE_OBJ = """mutation($id: ID!, $i: UpdateObjectiveInput!) {
  updateObjective(id: $id, input: $i) { id title level } }"""
CREATE_OBJ = """mutation($i: CreateObjectiveInput!) { createObjective(input: $i) {
  id level owner { handle } team { name } } }"""


async def test_lead_cannot_open_a_members_private_objective(world: World) -> None:
    """Editing implies seeing: a lead does not get into a member's PRIVATE objective."""
    private = await Objective.create(
        organization=world.org,
        cycle=world.cycle,
        title="Mine",
        level=ObjectiveLevel.PERSONAL,
        owner=world.member,
        visibility=Visibility.PRIVATE,
    )
    variables = {"id": gid("obj", private.id), "i": {"title": "Peeked"}}
    for user in (world.lead, world.peer):
        api = await world.as_(user)
        assert (await api.error(UPDATE_OBJ, variables))["code"] == "NOT_FOUND"
    assert (await Objective.get(id=private.id)).title == "Mine"
    api = await world.as_(world.member)
    assert (await api.ok(UPDATE_OBJ, variables))["updateObjective"]["title"] == "Peeked"


async def test_levels_need_their_rights(world: World) -> None:
    """COMPANY objectives are the admins'; TEAM ones their team's lead's (or an ancestor
    team's); a member cannot raise their own objective to a level they cannot create."""
    cycle = gid("cycle", world.cycle.id)
    squad = gid("team", world.squad.id)
    member, lead = await world.as_(world.member), await world.as_(world.lead)
    for api, data in (
        (member, {"title": "Ours", "level": "COMPANY"}),
        (lead, {"title": "Ours", "level": "COMPANY"}),
        (member, {"title": "Squad's", "level": "TEAM", "teamId": squad}),
        (member, {"title": "Lou's", "ownerId": gid("user", world.loner.id)}),
        (lead, {"title": "Lou's", "ownerId": gid("user", world.loner.id)}),  # not lou's lead
    ):
        error = await api.error(CREATE_OBJ, {"i": {"cycleId": cycle, **data}})
        assert error["code"] == "FORBIDDEN", (data, error)
    assert await Objective.all().count() == 0

    made = (
        await lead.ok(
            CREATE_OBJ, {"i": {"cycleId": cycle, "title": "S", "level": "TEAM", "teamId": squad}}
        )
    )["createObjective"]
    assert made["team"]["name"] == "Platform" and made["owner"]["handle"] == "leo"

    own = (await member.ok(CREATE_OBJ, {"i": {"cycleId": cycle, "title": "Mine"}}))[
        "createObjective"
    ]
    error = await member.error(UPDATE_OBJ, {"id": own["id"], "i": {"level": "COMPANY"}})
    assert error["code"] == "FORBIDDEN"
    row = await Objective.get(id=int(own["id"].split("_")[1]))
    assert row.level == ObjectiveLevel.PERSONAL and row.version == 1


async def test_key_result_owner_may_check_in_on_someone_elses_objective(world: World) -> None:
    """A key result's owner checks in even when the objective is someone else's; they may
    not edit the key result itself."""
    objective = await Objective.create(
        organization=world.org,
        cycle=world.cycle,
        title="Pat's",
        level=ObjectiveLevel.PERSONAL,
        owner=world.peer,
    )
    kr = await KeyResult.create(
        organization=world.org,
        objective=objective,
        owner=world.member,
        title="Mia's part",
        kind=KRKind.INCREASE,
        start_value=0,
        target_value=10,
        weight=100,
    )
    mia = await world.as_(world.member)
    done = await mia.ok(
        "mutation($i: CheckInInput!) { checkIn(input: $i) { currentValue progress } }",
        {"i": {"keyResultId": gid("kr", kr.id), "value": 5}},
    )
    assert done["checkIn"] == {"currentValue": 5, "progress": 0.5}
    error = await mia.error(
        "mutation($id: ID!) { updateKeyResult(id: $id, input: {targetValue: 6}) { id } }",
        {"id": gid("kr", kr.id)},
    )
    assert error["code"] == "FORBIDDEN"
    assert (await KeyResult.get(id=kr.id)).target_value == 10


async def test_members_cannot_promote_themselves(world: World) -> None:
    api = await world.as_(world.member)
    me = gid("user", world.member.id)
    for data in ({"role": "ADMIN"}, {"isActive": False}):
        error = await api.error(
            "mutation($id: ID!, $i: UserInput!) { updateUser(id: $id, input: $i) { role } }",
            {"id": me, "i": data},
        )
        assert error["code"] == "FORBIDDEN", data
    row = await User.get(id=world.member.id)
    assert row.role == "MEMBER" and row.is_active


async def test_lead_cannot_move_a_team_objective_to_a_team_he_does_not_lead(world: World) -> None:
    sales = await Team.create(organization=world.org, name="Sales")
    lead = await world.as_(world.lead)
    made = await lead.ok(
        CREATE_OBJ,
        {
            "i": {
                "cycleId": gid("cycle", world.cycle.id),
                "title": "Platform's",
                "level": "TEAM",
                "teamId": gid("team", world.squad.id),
            }
        },
    )
    objective_id = made["createObjective"]["id"]
    error = await lead.error(
        UPDATE_OBJ, {"id": objective_id, "i": {"teamId": gid("team", sales.id)}}
    )
    assert error["code"] == "FORBIDDEN"
    row = await Objective.get(id=int(objective_id.split("_")[1]))
    assert row.team_id == world.squad.id
