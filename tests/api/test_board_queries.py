"""The board: SQL statements independent of the tree's size (Saleor-style count, grown
tenfold), the team and owner filters, and the query limits (depth, aliases)."""

from datetime import UTC, datetime
from typing import Any

import pytest

from backend.domain.enums import KRKind, ObjectiveLevel, Visibility
from backend.models import CheckIn, KeyResult, Objective, User
from tests.api.helpers import BOARD, NODE, Api, World, changed_directly, gid, grow

# roots plus `children` nested four levels


def count_nodes(nodes: list[dict[str, Any]]) -> int:
    return sum(1 + count_nodes(n.get("children") or []) for n in nodes)


async def test_board_statement_count_is_independent_of_size(
    world: World, statements: list[str]
) -> None:
    api = await world.as_(world.member)
    cycle = {"c": gid("cycle", world.cycle.id)}

    async def load() -> tuple[int, list[dict[str, Any]]]:
        statements.clear()
        board = (await api.ok(BOARD, cycle))["board"]
        return len(statements), board

    small = await grow(world, 3, "a")
    small_count, board = await load()
    assert len(board) == 3 and count_nodes(board) == small
    node = board[0]["children"][0]["children"][0]
    assert node["keyResults"][0]["checkIns"] == [{"value": 3}]
    assert node["keyResults"][1]["progress"] == pytest.approx(0.4)
    assert node["owner"]["handle"] and node["parent"]["id"] == board[0]["children"][0]["id"]

    big = small + await grow(world, 27, "b")
    big_count, board = await load()
    assert len(board) == 30 and count_nodes(board) == big == 10 * small
    assert big_count == small_count, "\n".join(statements)
    # and it is a small constant, not merely the same
    assert 0 < small_count <= 15, "\n".join(statements)


async def test_flat_objectives_statement_count_is_independent_of_size(
    world: World, statements: list[str]
) -> None:
    api = await world.as_(world.member)
    doc = f"query($c: ID!) {{ objectives(cycleId: $c) {{ {NODE} }} }}"
    counts = []
    for roots, tag in ((2, "a"), (18, "b")):
        await grow(world, roots, tag)
        statements.clear()
        flat = (await api.ok(doc, {"c": gid("cycle", world.cycle.id)}))["objectives"]
        counts.append(len(statements))
        assert len(flat) == 9 * (2 if tag == "a" else 20)
    assert counts[0] == counts[1]


async def test_hidden_parents_cost_no_statement_each(world: World, statements: list[str]) -> None:
    """Public objectives aligned to private ones the viewer may not open: `parent` is null
    for each, decided from the cycle's snapshot, not by a query per objective."""
    api = await world.as_(world.member)
    doc = "query($c: ID!) { objectives(cycleId: $c) { title parent { id } } }"
    counts = []
    for n, tag in ((2, "a"), (20, "b")):
        for i in range(n):
            hidden = await _objective(
                world, f"{tag}-hidden-{i}", world.peer, visibility=Visibility.PRIVATE
            )
            await _objective(world, f"{tag}-shown-{i}", world.loner, parent=hidden)
        statements.clear()
        flat = (await api.ok(doc, {"c": gid("cycle", world.cycle.id)}))["objectives"]
        counts.append(len(statements))
        shown = [o for o in flat if "-shown-" in o["title"]]
        assert len(shown) == len(flat) == (2 if tag == "a" else 22)
        assert all(o["parent"] is None for o in flat)
    assert counts[0] == counts[1], "\n".join(statements)


async def _objective(world: World, title: str, owner: User, **kw: Any) -> Objective:
    kw.setdefault("level", ObjectiveLevel.PERSONAL)
    made = await Objective.create(
        organization=world.org, cycle=world.cycle, title=title, owner=owner, **kw
    )
    await changed_directly(world.org.id)
    return made


FILTERED = """query($c: ID!, $t: ID, $o: ID) { board(cycleId: $c, teamId: $t, ownerId: $o) {
  title children { title children { title children { title } } } } }"""


def shape(nodes: list[dict[str, Any]]) -> list[Any]:
    """(title, children) tuples, siblings sorted by title (their order is not the point)."""
    return sorted((n["title"], shape(n.get("children") or [])) for n in nodes)


async def test_board_filters(world: World) -> None:
    """Ada company ← Dept goal (team Engineering) ← Squad goal (team Platform) ← Mia's;
    Dept goal ← Lou's. A team filter takes the team, its sub-teams and the personal
    objectives of their members; what is filtered out above a kept objective makes it a root."""
    company = await _objective(world, "Ada company", world.admin, level=ObjectiveLevel.COMPANY)
    dept = await _objective(
        world, "Dept goal", world.lead, level=ObjectiveLevel.TEAM, team=world.dept, parent=company
    )
    squad = await _objective(
        world, "Squad goal", world.lead, level=ObjectiveLevel.TEAM, team=world.squad, parent=dept
    )
    await _objective(world, "Mia's", world.member, parent=squad)
    await _objective(world, "Lou's", world.loner, parent=dept)
    api = await world.as_(world.admin)
    c = gid("cycle", world.cycle.id)
    dept_id, squad_id = gid("team", world.dept.id), gid("team", world.squad.id)

    async def board(t: str | None = None, o: str | None = None) -> list[Any]:
        return shape((await api.ok(FILTERED, {"c": c, "t": t, "o": o}))["board"])

    assert await board() == [
        ("Ada company", [("Dept goal", [("Lou's", []), ("Squad goal", [("Mia's", [])])])])
    ]
    assert await board(t=dept_id) == [("Dept goal", [("Squad goal", [("Mia's", [])])])]
    assert await board(t=squad_id) == [("Squad goal", [("Mia's", [])])]
    assert await board(o=gid("user", world.member.id)) == [("Mia's", [])]
    assert await board(o=gid("user", world.lead.id)) == [("Dept goal", [("Squad goal", [])])]
    assert await board(o=gid("user", world.loner.id)) == [("Lou's", [])]
    assert await board(t=squad_id, o=gid("user", world.member.id)) == [("Mia's", [])]
    assert await board(t=squad_id, o=gid("user", world.loner.id)) == []
    error = await api.error(FILTERED, {"c": c, "t": gid("obj", company.id), "o": None})
    assert (error["code"], error["field"]) == ("BAD_USER_INPUT", "teamId")


def nested(depth: int) -> str:
    return (
        "query($c: ID!) { board(cycleId: $c) { title"
        + " children { title" * depth
        + " }" * depth
        + " } }"
    )


async def test_depth_limit_admits_deep_chains_but_not_absurd_ones(world: World) -> None:
    parent = None
    for level in range(9):  # a root and eight levels below it
        parent = await _objective(world, f"Level {level}", world.admin, parent=parent)
    api = await world.as_(world.admin)
    c = {"c": gid("cycle", world.cycle.id)}

    node = (await api.ok(nested(8), c))["board"][0]
    for level in range(8):
        assert node["title"] == f"Level {level}"
        node = node["children"][0]
    assert node == {"title": "Level 8"}

    body = await api.raw(nested(40), c)
    assert body.get("data") is None
    assert body["errors"]
    for error in body["errors"]:
        assert "depth" in error["message"].lower()
        assert error["extensions"]["code"] == "BAD_USER_INPUT"


async def test_alias_limit(world: World) -> None:
    api: Api = await world.as_(world.admin)
    many = " ".join(f"a{i}: viewer {{ id }}" for i in range(60))
    body = await api.raw(f"{{ {many} }}")
    assert body.get("data") is None and body["errors"]
    few = " ".join(f"a{i}: viewer {{ id }}" for i in range(5))
    assert len(await api.ok(f"{{ {few} }}")) == 5


async def test_token_limit(world: World) -> None:
    api: Api = await world.as_(world.admin)
    body = await api.raw("{ viewer { " + "id " * 5000 + "} }")
    assert body.get("data") is None
    assert ["5000 tokens" in e["message"] for e in body["errors"]] == [True]
    assert (await api.ok("{ viewer { " + "id " * 90 + "} }"))["viewer"]["id"]


async def test_check_in_history_authors_add_no_statement_per_row(
    world: World, statements: list[str]
) -> None:
    objective = await _objective(world, "History", world.member)
    kr = await KeyResult.create(
        organization=world.org,
        objective=objective,
        title="KR",
        kind=KRKind.INCREASE,
        start_value=0,
        target_value=100,
        weight=100,
    )
    api = await world.as_(world.member)
    doc = "query($id: ID!) { keyResult(id: $id) { checkIns(first: 100) { author { handle } } } }"
    counts = []
    for total in (2, 20):
        have = await CheckIn.filter(key_result_id=kr.id).count()
        authors = [world.member, world.peer]
        await CheckIn.bulk_create(
            [
                CheckIn(
                    organization_id=world.org.id,
                    key_result_id=kr.id,
                    author_id=authors[i % 2].id,
                    value=i,
                    progress=i / 100,
                    raw_progress=i / 100,
                    created_at=datetime.now(UTC),
                )
                for i in range(have, total)
            ]
        )
        await changed_directly(world.org.id)  # both loads read the cycle afresh
        statements.clear()
        history = (await api.ok(doc, {"id": gid("kr", kr.id)}))["keyResult"]["checkIns"]
        assert len(history) == total
        assert {c["author"]["handle"] for c in history} == {"mia", "pat"}
        counts.append(len(statements))
    assert counts[0] == counts[1]


async def test_check_in_statement_count_is_independent_of_size(
    world: World, statements: list[str]
) -> None:
    """A check-in (and its response) reads the key result's alignment chain, not the cycle."""
    api = await world.as_(world.admin)
    doc = """mutation($i: CheckInInput!) { checkIn(input: $i) { id progress status
      objective { progress keyResults { progress } } } }"""
    counts = []
    for roots, tag in ((2, "a"), (20, "b")):
        await grow(world, roots, tag)
        kr = await KeyResult.filter(objective__title=f"{tag}-L4-0-0", position=1).first()
        assert kr is not None
        statements.clear()
        await api.ok(doc, {"i": {"keyResultId": gid("kr", kr.id), "value": 7}})
        counts.append(len(statements))
    assert counts[0] == counts[1], "\n".join(statements)
