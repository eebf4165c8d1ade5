"""Every input that breaks a rule is refused with BAD_USER_INPUT naming the field, in the
user's language, and nothing is written (every row compared before and after)."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import pytest

from backend.actions.auth import create_api_token
from backend.domain.enums import KRKind, ObjectiveLevel, ObjectiveState, ProgressSource
from backend.models import (
    Cycle,
    KeyResult,
    Objective,
)
from tests.api.helpers import Api, World, fingerprint, gid


@dataclass
class Ctx:
    world: World
    ids: dict[str, str]  # name -> API id

    def __getitem__(self, name: str) -> str:
        return self.ids[name]


async def _obj(world: World, title: str, **kw: Any) -> Objective:
    kw.setdefault("organization", world.org)
    kw.setdefault("cycle", world.cycle)
    kw.setdefault("owner", world.admin)
    return await Objective.create(title=title, level=ObjectiveLevel.PERSONAL, **kw)


async def _kr(world: World, objective: Objective, title: str, **kw: Any) -> KeyResult:
    kw.setdefault("kind", KRKind.INCREASE)
    kw.setdefault("start_value", 0)
    kw.setdefault("target_value", 10)
    return await KeyResult.create(
        organization_id=objective.organization_id, objective=objective, title=title, **kw
    )


@pytest.fixture
async def ctx(world: World) -> Ctx:
    draft = await _obj(world, "Draft")
    child = await _obj(world, "Child", parent=draft)
    grand = await _obj(world, "Grand", parent=child)
    published = await _obj(world, "Published", state=ObjectiveState.PUBLISHED)
    bare = await _obj(world, "Bare")
    split = await _obj(world, "Split")
    other_cycle = await Cycle.get(name="Theirs").prefetch_related("organization")
    foreign = await _obj(
        world,
        "Theirs",
        organization=other_cycle.organization,
        cycle=other_cycle,
        owner=world.outsider,
    )
    ids = {
        "cycle": gid("cycle", world.cycle.id),
        "draft": gid("obj", draft.id),
        "child": gid("obj", child.id),
        "grand": gid("obj", grand.id),
        "published": gid("obj", published.id),
        "bare": gid("obj", bare.id),
        "split": gid("obj", split.id),
        "foreign": gid("obj", foreign.id),
        "kr": gid("kr", (await _kr(world, draft, "Users", weight=100)).id),
        "baseline": gid("kr", (await _kr(world, draft, "Baseline", kind=KRKind.BASELINE)).id),
        "aligned": gid(
            "kr",
            (await _kr(world, draft, "Aligned", progress_source=ProgressSource.ALIGNED)).id,
        ),
        "pub_kr": gid("kr", (await _kr(world, published, "P", weight=100)).id),
        "split_a": gid("kr", (await _kr(world, split, "A", weight=30)).id),
        "split_b": gid("kr", (await _kr(world, split, "B", weight=30)).id),
        "foreign_kr": gid("kr", (await _kr(world, foreign, "Their KR", weight=100)).id),
    }
    return Ctx(world, ids)


CREATE_KR = "mutation($i: CreateKeyResultInput!) { createKeyResult(input: $i) { id } }"
UPDATE_KR = """mutation($id: ID!, $i: UpdateKeyResultInput!) {
  updateKeyResult(id: $id, input: $i) { id } }"""
CHECK_IN = "mutation($i: CheckInInput!) { checkIn(input: $i) { id } }"
CREATE_OBJ = "mutation($i: CreateObjectiveInput!) { createObjective(input: $i) { id } }"
UPDATE_OBJ = """mutation($id: ID!, $i: UpdateObjectiveInput!, $v: Int) {
  updateObjective(id: $id, input: $i, version: $v) { id } }"""
PUBLISH = "mutation($id: ID!) { publishObjective(id: $id) { id } }"
WEIGHTS = """mutation($id: ID!, $w: [WeightInput!]!) {
  setWeights(objectiveId: $id, weights: $w) { id } }"""
CYCLE = "mutation($i: CycleInput!) { createCycle(input: $i) { id } }"
ORG = "mutation($i: OrganizationInput!) { updateOrganization(input: $i) { name } }"
USER = "mutation($i: UserInput!) { createUser(input: $i) { id } }"
TEAM = "mutation($n: String!) { createTeam(name: $n) { id } }"


def new_kr(**fields: Any) -> Callable[[Ctx], dict[str, Any]]:
    return lambda c: {"i": {"objectiveId": c["draft"], "title": "KR", **fields}}


def edit_kr(**fields: Any) -> Callable[[Ctx], dict[str, Any]]:
    return lambda c: {"id": c["kr"], "i": fields}


def check_in(kr: str = "kr", **fields: Any) -> Callable[[Ctx], dict[str, Any]]:
    return lambda c: {"i": {"keyResultId": c[kr], **fields}}


def new_obj(**fields: Any) -> Callable[[Ctx], dict[str, Any]]:
    return lambda c: {"i": {"cycleId": c["cycle"], "title": "O", **fields}}


def edit_obj(target: str = "draft", **fields: Any) -> Callable[[Ctx], dict[str, Any]]:
    return lambda c: {"id": c[target], "i": {k: c.ids.get(v, v) for k, v in fields.items()}}


TODAY = date.today()
LONG_TITLE = "x" * 201

# (id, document, variables, expected field)
CASES: list[tuple[str, str, Callable[[Ctx], dict[str, Any]], str]] = [
    ("increase target = start", CREATE_KR,
     new_kr(kind="INCREASE", startValue=10, targetValue=10), "targetValue"),
    ("increase target < start", CREATE_KR,
     new_kr(kind="INCREASE", startValue=10, targetValue=5), "targetValue"),
    ("count target < start", CREATE_KR,
     new_kr(kind="COUNT", startValue=3, targetValue=1), "targetValue"),
    ("increase missing target", CREATE_KR, new_kr(kind="INCREASE", startValue=1), "targetValue"),
    ("decrease missing target", CREATE_KR,
     new_kr(kind="DECREASE", startValue=10), "targetValue"),
    ("range min > max", CREATE_KR,
     new_kr(kind="RANGE", startValue=0, rangeMin=5, rangeMax=3), "rangeMin"),
    ("edit makes target < start", UPDATE_KR, edit_kr(startValue=50), "targetValue"),
    ("edit kind to range", UPDATE_KR, edit_kr(kind="RANGE"), "rangeMin"),
    ("tasks source on increase", CREATE_KR,
     new_kr(kind="INCREASE", startValue=0, targetValue=1, progressSource="TASKS"),
     "progressSource"),
    ("weight < 0", CREATE_KR, new_kr(kind="MILESTONE", weight=-1), "weight"),
    ("weight > 100", CREATE_KR, new_kr(kind="MILESTONE", weight=101), "weight"),
    ("edit weight > 100", UPDATE_KR, edit_kr(weight=100.5), "weight"),
    ("setWeights < 0", WEIGHTS,
     lambda c: {"id": c["split"], "w": [{"keyResultId": c["split_a"], "weight": 70},
                                        {"keyResultId": c["split_b"], "weight": -5}]},
     "weight"),
    ("setWeights foreign kr", WEIGHTS,
     lambda c: {"id": c["split"], "w": [{"keyResultId": c["kr"], "weight": 50}]}, "weights"),
    ("published weights broken", UPDATE_KR, lambda c: {"id": c["pub_kr"], "i": {"weight": 90}},
     "weights"),
    ("published setWeights broken", WEIGHTS,
     lambda c: {"id": c["published"], "w": [{"keyResultId": c["pub_kr"], "weight": 99}]},
     "weights"),
    ("confidence < 0", CHECK_IN, check_in(value=1, confidence=-1), "confidence"),
    ("confidence > 10", CHECK_IN, check_in(value=1, confidence=11), "confidence"),
    ("alignment loop", UPDATE_OBJ, edit_obj(parentId="grand"), "parentId"),
    ("aligned to itself", UPDATE_OBJ, edit_obj(parentId="draft"), "parentId"),
    ("cross-organization parent", CREATE_OBJ, lambda c: new_obj(parentId=c["foreign"])(c),
     "parentId"),
    ("cross-organization source KR", UPDATE_OBJ, edit_obj(sourceKeyResultId="foreign_kr"),
     "sourceKeyResultId"),
    ("publish weights != 100", PUBLISH, lambda c: {"id": c["split"]}, "weights"),
    ("publish without KRs", PUBLISH, lambda c: {"id": c["bare"]}, "keyResults"),
    ("title empty", CREATE_OBJ, new_obj(title=""), "title"),
    ("title blank", UPDATE_OBJ, edit_obj(title="   "), "title"),
    ("title too long", CREATE_OBJ, new_obj(title=LONG_TITLE), "title"),
    ("kr title too long", CREATE_KR, new_kr(kind="MILESTONE", title=LONG_TITLE), "title"),
    ("description too long", UPDATE_OBJ, edit_obj(description="d" * 5001), "description"),
    ("unit too long", UPDATE_KR, edit_kr(unit="u" * 21), "unit"),
    ("team level without team", CREATE_OBJ, new_obj(level="TEAM"), "teamId"),
    ("note too long", CHECK_IN, check_in(value=1, note="n" * 2001), "note"),
    ("baseline value 0.5", CHECK_IN, check_in("baseline", value=0.5), "value"),
    ("value on aligned KR", CHECK_IN, check_in("aligned", value=3), "value"),
    ("manual check-in without value", CHECK_IN, check_in(note="hi"), "value"),
    ("objective id garbage", UPDATE_OBJ, lambda c: {"id": "obj_x", "i": {"title": "T"}}, "id"),
    ("kr id for objective", UPDATE_OBJ, lambda c: {"id": c["kr"], "i": {"title": "T"}}, "id"),
    ("kr id as objectiveId", CREATE_KR,
     lambda c: {"i": {"objectiveId": c["kr"], "title": "T", "kind": "MILESTONE"}},
     "objectiveId"),
    ("kr id as parentId", CREATE_OBJ, lambda c: new_obj(parentId=c["kr"])(c), "parentId"),
    ("objective id as cycleId", CREATE_OBJ,
     lambda c: {"i": {"cycleId": c["draft"], "title": "T"}}, "cycleId"),
    ("objective id as keyResultId", CHECK_IN,
     lambda c: {"i": {"keyResultId": c["draft"], "value": 1}}, "keyResultId"),
    ("cycle ends before start", CYCLE,
     lambda c: {"i": {"name": "Q", "startsOn": TODAY.isoformat(),
                      "endsOn": (TODAY - timedelta(days=1)).isoformat()}}, "endsOn"),
    ("organization name too long", ORG, lambda c: {"i": {"name": "n" * 101}}, "name"),
    ("stale days 0", ORG, lambda c: {"i": {"staleDays": 0}}, "staleDays"),
    ("gaps out of order", ORG, lambda c: {"i": {"atRiskGap": 0.5, "behindGap": 0.2}},
     "atRiskGap"),
    ("team name empty", TEAM, lambda c: {"n": " "}, "name"),
    ("bad email", USER,
     lambda c: {"i": {"email": "nope", "displayName": "N", "handle": "nn",
                      "password": "long enough"}}, "email"),
    ("bad handle", USER,
     lambda c: {"i": {"email": "n@acme.test", "displayName": "N", "handle": "a b",
                      "password": "long enough"}}, "handle"),
    ("short password", USER,
     lambda c: {"i": {"email": "n@acme.test", "displayName": "N", "handle": "nn",
                      "password": "short"}}, "password"),
]  # fmt: skip


def has_cjk(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


@pytest.fixture
async def zh(world: World) -> Api:
    _, token = await create_api_token(world.settings, world.admin, "zh")
    return Api(world.app, token, headers={"Accept-Language": "zh-CN"})


async def test_bad_input_is_refused_with_its_field(
    ctx: Ctx, zh: Api, subtests: pytest.Subtests
) -> None:
    """One world for the whole table (each case is a subtest): a refused request writes
    nothing, so every case starts from the same rows."""
    before = await fingerprint()
    for name, doc, variables, field in CASES:
        with subtests.test(msg=name):
            body = await zh.raw(doc, variables(ctx))
            assert body["data"] is None, body
            (error,) = body["errors"]
            assert error["extensions"] == {"code": "BAD_USER_INPUT", "field": field}, error
            assert has_cjk(error["message"]), error["message"]
            after = await fingerprint()
            if after != before:
                before = after  # judge the next case on its own
                pytest.fail(f"{name}: refused but wrote")


async def test_messages_follow_the_language(ctx: Ctx, zh: Api) -> None:
    en = await ctx.world.as_(ctx.world.admin)
    variables = new_kr(kind="INCREASE", startValue=10, targetValue=5)(ctx)
    english = await en.error(CREATE_KR, variables)
    chinese = await zh.error(CREATE_KR, variables)
    assert english["message"] == "Target must be greater than the start value (10)."
    assert chinese["message"] == "目标值必须大于起始值（10）。"
    assert english["field"] == chinese["field"] == "targetValue"
    weights = await zh.error(PUBLISH, {"id": ctx["split"]})
    assert weights["message"] == "关键结果的权重之和必须为 100（当前为 60）。"


async def test_version_conflict(ctx: Ctx, zh: Api) -> None:
    first = await zh.ok(
        'mutation($id: ID!) { updateObjective(id: $id, input: {title: "One"}, version: 1) {'
        " title version } }",
        {"id": ctx["draft"]},
    )
    assert first["updateObjective"] == {"title": "One", "version": 2}
    before = await fingerprint()
    body = await zh.raw(UPDATE_OBJ, {"id": ctx["draft"], "i": {"title": "Two"}, "v": 1})
    (error,) = body["errors"]
    assert error["extensions"]["code"] == "CONFLICT"
    assert "2" in error["message"] and has_cjk(error["message"])
    assert await fingerprint() == before
    for doc in (
        "mutation($id: ID!) { publishObjective(id: $id, version: 1) { id } }",
        "mutation($id: ID!) { archiveObjective(id: $id, version: 1) { id } }",
    ):
        assert (await zh.error(doc, {"id": ctx["draft"]}))["code"] == "CONFLICT"
    assert await fingerprint() == before
    # the current version is accepted
    ok = await zh.ok(UPDATE_OBJ, {"id": ctx["draft"], "i": {"title": "Two"}, "v": 2})
    assert ok["updateObjective"]["id"] == ctx["draft"]


async def test_failed_set_weights_writes_none_of_them(ctx: Ctx, zh: Api) -> None:
    """A valid weight listed before an invalid one is not applied either."""
    await zh.error(
        WEIGHTS,
        {
            "id": ctx["split"],
            "w": [
                {"keyResultId": ctx["split_a"], "weight": 70},
                {"keyResultId": ctx["split_b"], "weight": 130},
            ],
        },
    )
    weights = (
        await KeyResult.filter(title__in=["A", "B"])
        .order_by("title")
        .values_list("weight", flat=True)
    )
    assert weights == [30, 30]


HUGE_IDS = [
    ('{ objective(id: "obj_99999999999") { id } }', None),
    ('{ keyResult(id: "kr_99999999999") { id } }', None),
    ('{ board(cycleId: "cycle_99999999999") { id } }', "cycleId"),
    ('mutation { updateObjective(id: "obj_99999999999", input: {title: "x"}) { id } }', "id"),
    (
        'mutation { checkIn(input: {keyResultId: "kr_99999999999", value: 1}) { id } }',
        "keyResultId",
    ),
]


async def test_ids_beyond_the_column_range_are_bad_input_not_internal_errors(
    ctx: Ctx, zh: Api, subtests: pytest.Subtests
) -> None:
    """An id a client made up is the client's mistake, on either engine (PostgreSQL's
    primary keys are 32-bit): reads answer null, writes BAD_USER_INPUT naming the field."""
    before = await fingerprint()
    for doc, field in HUGE_IDS:
        with subtests.test(msg=doc[:40]):
            body = await zh.raw(doc)
            errors = body.get("errors") or []
            if field is None:
                assert errors == [] and next(iter(body["data"].values())) is None, body
            else:
                assert [e["extensions"] for e in errors] == [
                    {"code": "BAD_USER_INPUT", "field": field}
                ], body
    assert await fingerprint() == before
