"""The evaluated cycles a process shares between viewers (backend/read/cycle_cache.py), through
the real app and the web app's own board query: another viewer's board reads none of the
cycle's rows again, yet shows only what that viewer may see, their own likes, and every write
made since — through this process or another one (two apps on one database)."""

import dataclasses
from datetime import timedelta
from typing import Any

import pytest
from tortoise.transactions import in_transaction

from backend.actions.auth import create_api_token
from backend.api.okr.types import KeyResult as KeyResultType
from backend.api.okr.types import Objective as ObjectiveType
from backend.app import create_app
from backend.db import WRITE
from backend.domain.enums import ObjectiveState, Visibility
from backend.models import Cycle, KeyResult, Objective
from backend.read import cycle_cache
from backend.read.cycle_cache import SharedCycles
from backend.read.directory import load_directory
from backend.read.snapshot import load_snapshot
from bench.queries import app as app_operation
from tests.api.helpers import Api, World, gid, kr_of, objective_of

BOARD = app_operation("okr.js", "Q_BOARD")  # the board as the web app asks for it
CHECK_IN = """mutation($kr: ID!, $v: Float!) { checkIn(input: {keyResultId: $kr, value: $v}) {
  currentValue } }"""
LIKE = "mutation($t: ID!, $l: Boolean!) { like(targetId: $t, liked: $l) { count } }"
KR_LIKES = """query($id: ID!) { objective(id: $id) { likeCount likedByViewer
  keyResults { id likeCount likedByViewer } } }"""


def reads_rows(statements: list[str]) -> bool:
    """Whether the cycle's objectives were read (snapshot.fetch_cycle_rows)."""
    return any("FROM objective o WHERE o.cycle_id" in s for s in statements)


async def published(world: World, owner: Any, visibility: Visibility, title: str) -> KeyResult:
    objective = await objective_of(world, owner, visibility, ObjectiveState.PUBLISHED, title)
    return await kr_of(objective)


async def board(api: Api, world: World) -> dict[str, dict[str, Any]]:
    data = await api.ok(BOARD, {"c": gid("cycle", world.cycle.id)})
    return {o["title"]: o for o in data["objectives"]}


async def test_another_viewer_reads_no_rows_and_sees_only_their_own(
    world: World, statements: list[str]
) -> None:
    await published(world, world.member, Visibility.PRIVATE, "Mia's secret")
    await published(world, world.loner, Visibility.PUBLIC, "Lou's")
    mia, lou = await world.as_(world.member), await world.as_(world.loner)

    statements.clear()
    mine = await board(mia, world)
    assert reads_rows(statements)
    assert set(mine) == {"Mia's secret", "Lou's"}

    statements.clear()
    theirs = await board(lou, world)
    assert not reads_rows(statements), "\n".join(statements)
    assert set(theirs) == {"Lou's"}  # the rows were shared, Mia's private objective was not
    assert theirs["Lou's"] == mine["Lou's"]


async def test_a_write_is_in_the_next_board_of_everyone(
    world: World, statements: list[str]
) -> None:
    kr = await published(world, world.member, Visibility.PUBLIC, "Mia's")
    mia, lou = await world.as_(world.member), await world.as_(world.loner)
    before = (await board(lou, world))["Mia's"]["keyResults"][0]
    assert before["currentValue"] == 0

    await mia.ok(CHECK_IN, {"kr": gid("kr", kr.id), "v": 4})
    statements.clear()
    after = (await board(lou, world))["Mia's"]["keyResults"][0]
    assert reads_rows(statements)
    assert (after["currentValue"], after["progress"]) == (4, pytest.approx(0.4))


async def test_each_viewer_sees_the_count_and_only_their_own_like(world: World) -> None:
    kr = await published(world, world.loner, Visibility.PUBLIC, "Lou's")
    mia, lou = await world.as_(world.member), await world.as_(world.loner)
    objective_id = gid("obj", kr.objective_id)
    assert (await board(lou, world))["Lou's"]["likeCount"] == 0  # read before the likes

    await mia.ok(LIKE, {"t": objective_id, "l": True})
    await mia.ok(LIKE, {"t": gid("kr", kr.id), "l": True})
    for api, mine in ((mia, True), (lou, False)):
        row = (await board(api, world))["Lou's"]
        assert (row["likeCount"], row["likedByViewer"]) == (1, mine)
        page = (await api.ok(KR_LIKES, {"id": objective_id}))["objective"]
        assert (page["likeCount"], page["likedByViewer"]) == (1, mine)
        assert [(k["likeCount"], k["likedByViewer"]) for k in page["keyResults"]] == [(1, mine)]


async def test_a_write_through_another_process_is_seen(world: World) -> None:
    kr = await published(world, world.member, Visibility.PUBLIC, "Mia's")
    lou = await world.as_(world.loner)
    other = create_app(world.settings, manage_db=False)  # its own shared cycles
    _, token = await create_api_token(world.settings, world.member, "elsewhere")
    mia_there = Api(other, token)
    assert (await board(lou, world))["Mia's"]["keyResults"][0]["currentValue"] == 0

    await mia_there.ok(CHECK_IN, {"kr": gid("kr", kr.id), "v": 7})
    assert (await board(lou, world))["Mia's"]["keyResults"][0]["currentValue"] == 7


async def test_a_new_minute_reevaluates_without_reading_rows(
    world: World, statements: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    await published(world, world.member, Visibility.PUBLIC, "Mia's")
    lou = await world.as_(world.loner)
    expected = (await board(lou, world))["Mia's"]["keyResults"][0]["expectedProgress"]

    minute = cycle_cache.evaluation_minute
    monkeypatch.setattr(
        cycle_cache, "evaluation_minute", lambda now: minute(now + timedelta(days=9))
    )
    statements.clear()
    later = (await board(lou, world))["Mia's"]["keyResults"][0]["expectedProgress"]
    assert not reads_rows(statements)
    assert later == pytest.approx(expected + 0.1)  # 9 of the cycle's 90 days


async def test_nothing_is_kept_from_inside_a_transaction(
    world: World, statements: list[str]
) -> None:
    await published(world, world.member, Visibility.PUBLIC, "Mia's")
    shared = SharedCycles()
    with pytest.raises(RuntimeError):
        async with in_transaction(WRITE):
            await Objective.filter(cycle_id=world.cycle.id).update(title="Never committed")
            inside = await shared.rows(world.cycle)
            assert [o.title for o in inside.objectives] == ["Never committed"]
            raise RuntimeError("rolled back")
    statements.clear()
    outside = await shared.rows(world.cycle)
    assert reads_rows(statements)
    assert [o.title for o in outside.objectives] == ["Mia's"]


async def test_a_few_cycles_are_kept_the_least_recent_dropped(
    world: World, statements: list[str]
) -> None:
    another = await Cycle.create(
        organization=world.org,
        name="Next quarter",
        starts_on=world.cycle.ends_on,
        ends_on=world.cycle.ends_on + timedelta(days=90),
    )
    shared = SharedCycles(size=1)
    for cycle, read in ((world.cycle, True), (world.cycle, False), (another, True)):
        statements.clear()
        await shared.rows(cycle)
        assert reads_rows(statements) is read
    statements.clear()
    await shared.rows(world.cycle)
    assert reads_rows(statements)  # dropped for the other one


async def test_the_objects_are_built_with_every_field(world: World) -> None:
    """KeyResult.of and Objective.of fill the instance without its dataclass __init__
    (okr/types.filled): every field that __init__ takes must be there."""
    kr = await published(world, world.member, Visibility.PUBLIC, "Mia's")
    directory = await load_directory(world.org.id)
    snap = await load_snapshot(world.cycle, directory.actor(world.member), directory=directory)
    for made in (
        KeyResultType.of(snap.key_results[kr.id], snap),
        ObjectiveType.of(snap.objectives[kr.objective_id], snap),
    ):
        assert set(vars(made)) == {f.name for f in dataclasses.fields(made) if f.init}
