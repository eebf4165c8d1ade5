"""What the admin screens read and write beyond the OKRs: the organization's settings (week
start), everyone including deactivated people, team memberships, deactivation, and the
organization's activity log — for admins of the organization only."""

from datetime import UTC, datetime, timedelta

import pytest

from backend.domain.enums import ObjectiveLevel
from backend.models import ActivityEvent, Objective, User
from tests.api.helpers import PASSWORD, Api, World, fingerprint

ORG = """mutation($i: OrganizationInput!) { updateOrganization(input: $i) {
  name weekStart staleDays } }"""
MEMBERS = """query($s: String, $all: Boolean!) { members(search: $s, includeInactive: $all) {
  handle isActive managerId } }"""
MEMBERSHIPS = "{ teamMemberships { teamId userId isLead } }"
UPDATE_USER = """mutation($id: ID!, $i: UserInput!) { updateUser(id: $id, input: $i) {
  isActive role managerId } }"""
LOG = """query($a: ID, $t: ID, $s: DateTime, $u: DateTime, $b: Int, $f: Int) {
  activityLog(actorId: $a, targetId: $t, since: $s, until: $u, before: $b, first: $f) {
    seq kind actorId subject objectiveId cycleId } }"""
RENAME_TEAM = 'mutation($id: ID!) { updateTeam(id: $id, name: "Core") { id } }'
SIGN_IN = "mutation($e: String!, $p: String!) { signIn(email: $e, password: $p) { id } }"


async def test_an_admin_sets_the_first_day_of_the_week(world: World) -> None:
    admin = await world.as_(world.admin)
    changed = await admin.ok(ORG, {"i": {"weekStart": 7, "name": "Acme Ltd"}})
    assert changed["updateOrganization"] == {"name": "Acme Ltd", "weekStart": 7, "staleDays": 7}
    assert (await admin.ok("{ organization { weekStart } }"))["organization"]["weekStart"] == 7


@pytest.mark.parametrize("day", [0, 8, -1])
async def test_a_week_starts_on_a_weekday(world: World, day: int) -> None:
    admin = await world.as_(world.admin)
    before = await fingerprint()
    refused = await admin.error(ORG, {"i": {"weekStart": day}})
    assert (refused["code"], refused["field"]) == ("BAD_USER_INPUT", "weekStart")
    assert await fingerprint() == before


@pytest.mark.parametrize(
    ("who", "code"), [("nobody", "UNAUTHENTICATED"), ("member", "FORBIDDEN"), ("lead", "FORBIDDEN")]
)
async def test_settings_and_the_full_list_of_people_are_for_admins(
    world: World, who: str, code: str
) -> None:
    api = await world.as_(None if who == "nobody" else getattr(world, who))
    before = await fingerprint()
    assert (await api.error(ORG, {"i": {"weekStart": 3}}))["code"] == code
    assert (await api.error(MEMBERS, {"all": True}))["code"] == code
    assert (await api.error(LOG, {}))["code"] == code
    assert await fingerprint() == before


async def test_another_organizations_admin_sees_only_their_own(world: World) -> None:
    outsider = await world.as_(world.outsider)
    handles = [u["handle"] for u in (await outsider.ok(MEMBERS, {"all": True}))["members"]]
    assert handles == ["oscar"]
    assert (await outsider.ok(MEMBERSHIPS))["teamMemberships"] == []
    await (await world.as_(world.admin)).ok(ORG, {"i": {"weekStart": 2}})
    seen = (await outsider.ok(LOG, {}))["activityLog"]
    assert all(e["kind"] != "organization.changed" for e in seen)
    before = await fingerprint()
    refused = await outsider.error(
        UPDATE_USER, {"id": f"user_{world.member.id}", "i": {"isActive": False}}
    )
    assert refused["code"] == "NOT_FOUND"
    assert await fingerprint() == before


async def test_a_deactivated_person_stays_listed_and_cannot_sign_in(world: World) -> None:
    admin = await world.as_(world.admin)
    out = await admin.ok(
        UPDATE_USER,
        {
            "id": f"user_{world.member.id}",
            "i": {"isActive": False, "managerId": f"user_{world.lead.id}"},
        },
    )
    assert out["updateUser"] == {
        "isActive": False,
        "role": "MEMBER",
        "managerId": f"user_{world.lead.id}",
    }
    everyone = (await admin.ok(MEMBERS, {"all": True}))["members"]
    assert {"handle": "mia", "isActive": False, "managerId": f"user_{world.lead.id}"} in everyone
    active = [u["handle"] for u in (await admin.ok(MEMBERS, {"all": False}))["members"]]
    assert "mia" not in active and "ada" in active
    assert [
        u["handle"] for u in (await admin.ok(MEMBERS, {"s": "mia", "all": True}))["members"]
    ] == ["mia"]
    # searching by address finds people too
    assert [
        u["handle"] for u in (await admin.ok(MEMBERS, {"s": "leo@", "all": True}))["members"]
    ] == ["leo"]
    refused = await Api(world.app).error(SIGN_IN, {"e": world.member.email, "p": PASSWORD})
    assert refused["code"] == "UNAUTHENTICATED"
    assert await User.exists(id=world.member.id)  # never deleted: history stays


async def test_an_admin_cannot_deactivate_themselves(world: World) -> None:
    admin = await world.as_(world.admin)
    before = await fingerprint()
    refused = await admin.error(
        UPDATE_USER, {"id": f"user_{world.admin.id}", "i": {"isActive": False}}
    )
    assert (refused["code"], refused["field"]) == ("BAD_USER_INPUT", "isActive")
    assert await fingerprint() == before


async def test_everyone_sees_who_is_in_which_team(world: World) -> None:
    rows = (await (await world.as_(world.member)).ok(MEMBERSHIPS))["teamMemberships"]
    assert rows[0] == {
        "teamId": f"team_{world.dept.id}",
        "userId": f"user_{world.lead.id}",
        "isLead": True,
    }
    assert {r["userId"] for r in rows[1:]} == {f"user_{world.member.id}", f"user_{world.peer.id}"}
    assert (await Api(world.app).ok(MEMBERSHIPS))["teamMemberships"] == []


async def test_the_activity_log_filters_by_person_object_and_time(world: World) -> None:
    admin = await world.as_(world.admin)
    lead = await world.as_(world.lead)
    await admin.ok(RENAME_TEAM, {"id": f"team_{world.squad.id}"})
    await admin.ok(ORG, {"i": {"weekStart": 3}})
    await admin.ok(
        'mutation($id: ID!) { updateCycle(id: $id, input: {name: "Q"}) { id } }',
        {"id": f"cycle_{world.cycle.id}"},
    )
    await lead.ok('mutation { updateProfile(input: {displayName: "Leo L"}) { id } }')

    everything = (await admin.ok(LOG, {}))["activityLog"]
    assert [e["kind"] for e in everything] == [
        "user.changed",
        "cycle.changed",
        "organization.changed",
        "team.changed",
    ]
    assert everything[1]["subject"] == "Q" and everything[1]["cycleId"] == f"cycle_{world.cycle.id}"
    by_lead = (await admin.ok(LOG, {"a": f"user_{world.lead.id}"}))["activityLog"]
    assert [e["kind"] for e in by_lead] == ["user.changed"]
    about_team = (await admin.ok(LOG, {"t": f"team_{world.squad.id}"}))["activityLog"]
    assert [e["kind"] for e in about_team] == ["team.changed"]
    about_cycle = (await admin.ok(LOG, {"t": f"cycle_{world.cycle.id}"}))["activityLog"]
    assert [e["kind"] for e in about_cycle] == ["cycle.changed"]
    about_lead = (await admin.ok(LOG, {"t": f"user_{world.lead.id}"}))["activityLog"]
    assert [e["actorId"] for e in about_lead] == [f"user_{world.lead.id}"]
    page = (await admin.ok(LOG, {"f": 2}))["activityLog"]
    older = (await admin.ok(LOG, {"f": 2, "b": page[-1]["seq"]}))["activityLog"]
    assert [e["seq"] for e in page + older] == [e["seq"] for e in everything]

    # by time: an event moved to yesterday falls out of "since an hour ago"
    first = await ActivityEvent.get(organization_id=world.org.id, kind="team.changed")
    await ActivityEvent.filter(id=first.id).update(created_at=datetime.now(UTC) - timedelta(days=1))
    hour_ago = (datetime.now(UTC) - timedelta(hours=1)).isoformat()
    recent = (await admin.ok(LOG, {"s": hour_ago}))["activityLog"]
    assert "team.changed" not in [e["kind"] for e in recent] and len(recent) == 3
    earlier = (await admin.ok(LOG, {"u": hour_ago}))["activityLog"]
    assert [e["kind"] for e in earlier] == ["team.changed"]


@pytest.mark.parametrize(
    ("variables", "field"),
    [
        ({"f": 0}, "first"),
        ({"f": 101}, "first"),
        ({"t": "hook_1"}, "targetId"),
        ({"t": "nonsense"}, "targetId"),
        ({"a": "team_1"}, "actorId"),
        ({"s": "2026-02-01T00:00:00Z", "u": "2026-01-01T00:00:00Z"}, "until"),
    ],
)
async def test_a_bad_log_filter_is_refused(world: World, variables: dict, field: str) -> None:
    refused = await (await world.as_(world.admin)).error(LOG, variables)
    assert (refused["code"], refused["field"]) == ("BAD_USER_INPUT", field)


ARCHIVED = (
    "query($c: ID!) { archivedObjectives(cycleId: $c) { id title version owner { handle } } }"
)
ARCHIVE = "mutation($id: ID!, $r: Boolean!) { archiveObjective(id: $id, restore: $r) { state } }"


async def test_archived_objectives_are_listed_for_restoring(world: World) -> None:
    mine = await Objective.create(
        organization=world.org,
        cycle=world.cycle,
        title="Mine",
        owner=world.member,
        level=ObjectiveLevel.PERSONAL,
    )
    theirs = await Objective.create(
        organization=world.org,
        cycle=world.cycle,
        title="Theirs",
        owner=world.peer,
        level=ObjectiveLevel.PERSONAL,
    )
    member = await world.as_(world.member)
    admin = await world.as_(world.admin)
    await member.ok(ARCHIVE, {"id": f"obj_{mine.id}", "r": False})
    await admin.ok(ARCHIVE, {"id": f"obj_{theirs.id}", "r": False})
    c = {"c": f"cycle_{world.cycle.id}"}
    assert [o["title"] for o in (await admin.ok(ARCHIVED, c))["archivedObjectives"]] == [
        "Mine",
        "Theirs",
    ]
    listed = (await member.ok(ARCHIVED, c))["archivedObjectives"]
    assert listed == [
        {"id": f"obj_{mine.id}", "title": "Mine", "version": 2, "owner": {"handle": "mia"}}
    ]
    assert (await member.ok(ARCHIVE, {"id": f"obj_{mine.id}", "r": True}))["archiveObjective"] == {
        "state": "DRAFT"
    }
    assert (await member.ok(ARCHIVED, c))["archivedObjectives"] == []
    assert (await Api(world.app).error(ARCHIVED, c))["code"] == "UNAUTHENTICATED"
    assert (await (await world.as_(world.outsider)).error(ARCHIVED, c))["code"] == "NOT_FOUND"
