"""Visibility PUBLIC / TEAM / PRIVATE through every read: board, objectives, objective(id),
keyResult(id), children, parent, sourceKeyResult, alignedObjectives; alignment that would
reveal a hidden objective; the other organization; people search.

The tree (owner, visibility):

    Company   ada  PUBLIC   (KR "Company KR")
    ├─ Squad  mia  TEAM     converted from "Company KR"    (seen by the squad and its leads)
    ├─ Secret mia  PRIVATE  converted from "Company KR"    (mia and admins only)
    │  └─ Orphan pat PUBLIC converted from "Secret KR"      (a root for who cannot see Secret)
    └─ Open   pat  PUBLIC
"""

from dataclasses import dataclass
from typing import Any

import pytest

from backend.domain.enums import KRKind, ObjectiveLevel, ProgressSource, Visibility
from backend.models import KeyResult, Objective, User
from tests.api.helpers import Api, World, gid

TITLES = ("Company", "Squad", "Secret", "Orphan", "Open")
CHILDREN = {"Company": {"Squad", "Secret", "Open"}, "Secret": {"Orphan"}}

# viewer -> (visible titles, board as nested (title, children) tuples)
SEES: dict[str, tuple[set[str], list[Any]]] = {
    "ada": (
        set(TITLES),
        [("Company", [("Squad", []), ("Secret", [("Orphan", [])]), ("Open", [])])],
    ),
    "mia": (
        set(TITLES),
        [("Company", [("Squad", []), ("Secret", [("Orphan", [])]), ("Open", [])])],
    ),
    "leo": (
        {"Company", "Squad", "Orphan", "Open"},
        [("Company", [("Squad", []), ("Open", [])]), ("Orphan", [])],
    ),
    "pat": (
        {"Company", "Squad", "Orphan", "Open"},
        [("Company", [("Squad", []), ("Open", [])]), ("Orphan", [])],
    ),
    "lou": (
        {"Company", "Orphan", "Open"},
        [("Company", [("Open", [])]), ("Orphan", [])],
    ),
}


@dataclass
class Tree:
    world: World
    objectives: dict[str, Objective]
    krs: dict[str, KeyResult]  # by the title of their objective

    def obj(self, title: str) -> str:
        return gid("obj", self.objectives[title].id)

    def kr(self, title: str) -> str:
        return gid("kr", self.krs[title].id)

    def user(self, handle: str) -> User:
        w = self.world
        return {
            "ada": w.admin,
            "leo": w.lead,
            "mia": w.member,
            "pat": w.peer,
            "lou": w.loner,
            "oscar": w.outsider,
        }[handle]


async def _objective(
    world: World,
    title: str,
    owner: User,
    visibility: Visibility,
    level: ObjectiveLevel,
    parent: Objective | None = None,
    source: KeyResult | None = None,
) -> tuple[Objective, KeyResult]:
    objective = await Objective.create(
        organization=world.org,
        cycle=world.cycle,
        title=title,
        level=level,
        owner=owner,
        visibility=visibility,
        parent=parent,
        source_key_result=source,
    )
    kr = await KeyResult.create(
        organization=world.org,
        objective=objective,
        owner=owner,
        title=f"{title} KR",
        kind=KRKind.INCREASE,
        start_value=0,
        target_value=10,
        weight=100,
        progress_source=ProgressSource.ALIGNED if title == "Company" else ProgressSource.MANUAL,
    )
    return objective, kr


@pytest.fixture
async def tree(world: World) -> Tree:
    w, o, k = world, {}, {}
    o["Company"], k["Company"] = await _objective(
        w, "Company", w.admin, Visibility.PUBLIC, ObjectiveLevel.COMPANY
    )
    o["Squad"], k["Squad"] = await _objective(
        w, "Squad", w.member, Visibility.TEAM, ObjectiveLevel.PERSONAL, o["Company"], k["Company"]
    )
    o["Secret"], k["Secret"] = await _objective(
        w,
        "Secret",
        w.member,
        Visibility.PRIVATE,
        ObjectiveLevel.PERSONAL,
        o["Company"],
        k["Company"],
    )
    o["Orphan"], k["Orphan"] = await _objective(
        w, "Orphan", w.peer, Visibility.PUBLIC, ObjectiveLevel.PERSONAL, o["Secret"], k["Secret"]
    )
    o["Open"], k["Open"] = await _objective(
        w, "Open", w.peer, Visibility.PUBLIC, ObjectiveLevel.PERSONAL, o["Company"]
    )
    return Tree(world, o, k)


BOARD = """query($c: ID!) { board(cycleId: $c) { title keyResults { title }
  children { title keyResults { title } children { title children { title } } } } }"""
FLAT = """query($c: ID!) { objectives(cycleId: $c) { title parent { title }
  sourceKeyResult { title } keyResults { title alignedObjectives { title } } } }"""
ONE = """query($id: ID!) { objective(id: $id) { title parent { title } sourceKeyResult { title }
  children { title } } }"""
ONE_KR = """query($id: ID!) { keyResult(id: $id) { title objective { title }
  alignedObjectives { title } checkIns { id } } }"""


def shape(nodes: list[dict[str, Any]]) -> list[Any]:
    return [(n["title"], shape(n.get("children") or [])) for n in nodes]


async def test_each_viewer_sees_exactly_what_they_may(
    tree: Tree, subtests: pytest.Subtests
) -> None:
    for viewer in SEES:
        with subtests.test(msg=viewer):
            await _sees(tree, viewer)


async def _sees(tree: Tree, viewer: str) -> None:
    visible, board_shape = SEES[viewer]
    api = await tree.world.as_(tree.user(viewer))
    cycle = gid("cycle", tree.world.cycle.id)

    board = (await api.ok(BOARD, {"c": cycle}))["board"]
    assert shape(board) == board_shape
    for node in board:  # key results come with their (visible) objective only
        assert node["keyResults"] == [{"title": f"{node['title']} KR"}]

    flat = {o["title"]: o for o in (await api.ok(FLAT, {"c": cycle}))["objectives"]}
    assert set(flat) == visible
    # links to what the viewer cannot see read as null, never as the hidden thing
    orphan = flat["Orphan"]
    if "Secret" in visible:
        assert orphan["parent"] == {"title": "Secret"}
        assert orphan["sourceKeyResult"] == {"title": "Secret KR"}
    else:
        assert orphan["parent"] is None and orphan["sourceKeyResult"] is None
    aligned = {a["title"] for a in flat["Company"]["keyResults"][0]["alignedObjectives"]}
    assert aligned == {"Squad", "Secret"} & visible

    for title in TITLES:
        one = (await api.ok(ONE, {"id": tree.obj(title)}))["objective"]
        kr = (await api.ok(ONE_KR, {"id": tree.kr(title)}))["keyResult"]
        if title in visible:
            assert one is not None and one["title"] == title
            assert {c["title"] for c in one["children"]} == CHILDREN.get(title, set()) & visible
            assert kr is not None and kr["objective"]["title"] == title
        else:
            assert one is None, (viewer, title)
            assert kr is None, (viewer, title)


async def test_other_organization_and_signed_out_see_nothing(tree: Tree) -> None:
    cycle = gid("cycle", tree.world.cycle.id)
    for user in (tree.world.outsider, None):
        api = await tree.world.as_(user)
        for doc in (BOARD, FLAT):
            body = await api.raw(doc, {"c": cycle})
            assert body["errors"] and body["errors"][0]["extensions"]["code"] in (
                "NOT_FOUND",
                "UNAUTHENTICATED",
            )
            assert body["data"] is None
        for title in TITLES:
            assert (await api.ok(ONE, {"id": tree.obj(title)}))["objective"] is None
            assert (await api.ok(ONE_KR, {"id": tree.kr(title)}))["keyResult"] is None
        seen = await api.ok("{ cycles { name } people { handle } }")
        assert "This quarter" not in {c["name"] for c in seen["cycles"]}
        assert not {p["handle"] for p in seen["people"]} & {"ada", "leo", "mia", "pat", "lou"}


PEOPLE = "query($q: String) { people(search: $q) { handle } }"


async def test_people_search_is_scoped_to_the_organization(world: World) -> None:
    mia, oscar = await world.as_(world.member), await world.as_(world.outsider)
    everyone = {p["handle"] for p in (await mia.ok(PEOPLE, {"q": None}))["people"]}
    assert everyone == {"ada", "leo", "mia", "pat", "lou"}
    assert (await mia.ok(PEOPLE, {"q": "osc"}))["people"] == []
    assert (await mia.ok(PEOPLE, {"q": "Oscar"}))["people"] == []
    assert [p["handle"] for p in (await mia.ok(PEOPLE, {"q": "pa"}))["people"]] == ["pat"]
    assert (await oscar.ok(PEOPLE, {"q": "mia"}))["people"] == []
    assert [p["handle"] for p in (await oscar.ok(PEOPLE, {"q": None}))["people"]] == ["oscar"]
    assert (await (await world.as_(None)).ok(PEOPLE, {"q": "a"}))["people"] == []


CREATE = """mutation($i: CreateObjectiveInput!) { createObjective(input: $i) { id
  parent { title } } }"""
UPDATE = """mutation($id: ID!, $i: UpdateObjectiveInput!) { updateObjective(id: $id, input: $i) {
  id parent { title } } }"""


async def _refusal(api: Api, doc: str, variables: dict[str, Any]) -> dict[str, Any]:
    error = await api.error(doc, variables)
    assert error["code"] == "BAD_USER_INPUT", error
    return error


async def test_aligning_to_a_hidden_objective_fails_like_a_missing_one(tree: Tree) -> None:
    """An id probe must not tell "exists but hidden" from "does not exist"."""
    lou = await tree.world.as_(tree.world.loner)
    cycle = gid("cycle", tree.world.cycle.id)
    mine = (await lou.ok(CREATE, {"i": {"cycleId": cycle, "title": "Lou's"}}))["createObjective"]
    before = await Objective.all().order_by("id").values()

    def create(parent: str) -> dict[str, Any]:
        return {"i": {"cycleId": cycle, "title": "Peek", "parentId": parent}}

    def update(parent: str) -> dict[str, Any]:
        return {"id": mine["id"], "i": {"parentId": parent}}

    for doc, variables in ((CREATE, create), (UPDATE, update)):
        missing = await _refusal(lou, doc, variables("obj_999999"))
        assert missing["field"] == "parentId"
        for hidden in ("Secret", "Squad"):
            assert await _refusal(lou, doc, variables(tree.obj(hidden))) == missing
    assert await Objective.all().order_by("id").values() == before
    # the visible one works
    done = await lou.ok(UPDATE, update(tree.obj("Open")))
    assert done["updateObjective"]["parent"] == {"title": "Open"}


async def test_converting_a_hidden_key_result_fails_like_a_missing_one(tree: Tree) -> None:
    lou = await tree.world.as_(tree.world.loner)
    cycle = gid("cycle", tree.world.cycle.id)
    before = await Objective.all().count()

    def convert(kr: str) -> dict[str, Any]:
        return {"i": {"cycleId": cycle, "title": "Peek", "sourceKeyResultId": kr}}

    missing = await _refusal(lou, CREATE, convert("kr_999999"))
    assert missing["field"] == "sourceKeyResultId"
    assert await Objective.all().count() == before
    for hidden in ("Secret", "Squad"):
        assert await _refusal(lou, CREATE, convert(tree.kr(hidden))) == missing
    assert await Objective.all().count() == before


async def test_converting_a_visible_key_result_aligns_to_its_objective(tree: Tree) -> None:
    lou = await tree.world.as_(tree.world.loner)
    cycle = gid("cycle", tree.world.cycle.id)
    made = await lou.ok(
        """mutation($i: CreateObjectiveInput!) { createObjective(input: $i) {
          parent { title } sourceKeyResult { title } } }""",
        {"i": {"cycleId": cycle, "title": "Mine", "sourceKeyResultId": tree.kr("Open")}},
    )
    assert made["createObjective"] == {
        "parent": {"title": "Open"},
        "sourceKeyResult": {"title": "Open KR"},
    }


async def test_other_organization_cannot_align_to_us(tree: Tree) -> None:
    oscar = await tree.world.as_(tree.world.outsider)
    theirs = (await oscar.ok("{ cycles { id } }"))["cycles"][0]["id"]
    count = await Objective.all().count()
    for extra, field in (
        ({"parentId": tree.obj("Company")}, "parentId"),
        ({"sourceKeyResultId": tree.kr("Company")}, "sourceKeyResultId"),
    ):
        error = await _refusal(
            oscar, CREATE, {"i": {"cycleId": theirs, "title": "Theirs", **extra}}
        )
        assert error["field"] == field
    # nor create in our cycle
    error = await _refusal(
        oscar, CREATE, {"i": {"cycleId": gid("cycle", tree.world.cycle.id), "title": "In"}}
    )
    assert error["field"] == "cycleId"
    assert await Objective.all().count() == count
