"""The directories a process shares between requests (backend/read/directory.py
SharedDirectories), through the real app: another person's request reads no membership again
yet gets their own rights, and a change of teams — through this process or another one (two
apps on one database) — is in the rights of the very next request."""

import pytest

from backend.actions.auth import create_api_token
from backend.app import create_app
from backend.domain.enums import ObjectiveState, Visibility
from backend.models import Organization
from backend.read.directory import SharedDirectories
from tests.api.helpers import Api, World, gid, objective_of

TITLES = "query($c: ID!) { objectives(cycleId: $c) { title } }"
SET_MEMBER = """mutation($t: ID!, $u: ID!, $m: Boolean!) {
  setTeamMember(teamId: $t, userId: $u, member: $m) { id } }"""


def reads_members(statements: list[str]) -> bool:
    return any("team_member m" in s for s in statements)


async def titles(api: Api, world: World) -> set[str]:
    data = await api.ok(TITLES, {"c": gid("cycle", world.cycle.id)})
    return {o["title"] for o in data["objectives"]}


@pytest.fixture
async def squads(world: World) -> str:
    """An objective only the squad (Mia, Pete) and the leads above it may see."""
    await objective_of(world, world.member, Visibility.TEAM, ObjectiveState.PUBLISHED, "Squad's")
    return "Squad's"


async def test_another_person_reads_no_membership_and_gets_their_own_rights(
    world: World, squads: str, statements: list[str]
) -> None:
    peer, lou = await world.as_(world.peer), await world.as_(world.loner)
    statements.clear()
    assert squads in await titles(peer, world)
    assert reads_members(statements)
    statements.clear()
    assert squads not in await titles(lou, world)
    assert not reads_members(statements), "\n".join(statements)


async def test_a_membership_change_is_in_the_next_request(
    world: World, squads: str, statements: list[str]
) -> None:
    admin, lou = await world.as_(world.admin), await world.as_(world.loner)
    assert squads not in await titles(lou, world)
    variables = {"t": gid("team", world.squad.id), "u": gid("user", world.loner.id), "m": True}
    await admin.ok(SET_MEMBER, variables)
    statements.clear()
    assert squads in await titles(lou, world)
    assert reads_members(statements)


async def test_a_membership_change_through_another_process_is_seen(
    world: World, squads: str
) -> None:
    peer = await world.as_(world.peer)
    other = create_app(world.settings, manage_db=False)  # its own shared directories
    _, token = await create_api_token(world.settings, world.admin, "elsewhere")
    admin_there = Api(other, token)
    assert squads in await titles(peer, world)
    variables = {"t": gid("team", world.squad.id), "u": gid("user", world.peer.id), "m": False}
    await admin_there.ok(SET_MEMBER, variables)
    assert squads not in await titles(peer, world)


async def test_a_few_organizations_are_kept_the_least_recent_dropped(
    world: World, statements: list[str]
) -> None:
    shared = SharedDirectories(size=1)
    other = world.outsider.organization_id
    for org_id, read in ((world.org.id, True), (world.org.id, False), (other, True)):
        statements.clear()
        await shared.at(org_id, 0)
        assert reads_members(statements) is read
    statements.clear()
    await shared.at(world.org.id, 0)
    assert reads_members(statements)  # dropped for the other one


async def test_a_later_seq_reads_again_and_an_older_one_is_served(
    world: World, statements: list[str]
) -> None:
    shared = SharedDirectories()
    seq = (await Organization.get(id=world.org.id)).last_seq
    kept = await shared.at(world.org.id, seq + 1)
    statements.clear()
    assert await shared.at(world.org.id, seq) is kept  # read later than asked: current
    assert not reads_members(statements)
    assert await shared.at(world.org.id, seq + 2) is not kept
    assert reads_members(statements)
