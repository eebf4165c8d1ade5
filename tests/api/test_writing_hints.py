"""Writing hints through the API: `writingHints` while typing (the viewer's language, the span
at fault, the key result's kind, due date and numbers), `Objective.hints` / `KeyResult.hints`
on saved items, sign-in and input limits, and no statement for the lint."""

from datetime import date
from typing import Any

import pytest

from backend.actions.auth import create_api_token
from backend.domain.enums import HintTarget, KRKind, ObjectiveLevel, ProgressSource
from backend.domain.hints import lint
from backend.models import KeyResult, Objective
from backend.read.hints import hints_for_objectives
from tests.api.helpers import Api, World, gid, grow

HINTS = """query($text: String!, $target: HintTarget! = KEY_RESULT, $kind: KRKind, $due: Date,
  $measured: Boolean! = false) {
  writingHints(text: $text, target: $target, kind: $kind, dueDate: $due, measured: $measured) {
    code severity message start end } }"""


async def as_(world: World, language: str | None = None, user: Any = None) -> Api:
    _, token = await create_api_token(world.settings, user or world.member, "test")
    return Api(world.app, token, headers={"Accept-Language": language} if language else None)


async def hints(api: Api, text: str, **variables: Any) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = (await api.ok(HINTS, {"text": text, **variables}))["writingHints"]
    return found


def codes(found: list[dict[str, Any]]) -> list[str]:
    return [h["code"] for h in found]


@pytest.mark.parametrize(
    ("language", "text", "quoted"),
    [
        ("zh-CN", "提升用户满意度", "提升用户满意度"),
        ("en", "improve user satisfaction", "improve user satisfaction"),
    ],
)
async def test_a_key_result_without_a_number_is_not_measurable(
    world: World, language: str, text: str, quoted: str
) -> None:
    api = await as_(world, language)
    [hint] = await hints(api, text)
    assert (hint["code"], hint["severity"]) == ("NOT_MEASURABLE", "WARNING")
    assert text[hint["start"] : hint["end"]] == quoted
    assert hint["message"] == lint(text, locale=language)[0].message
    assert await hints(api, text + " 从 80% 到 90%") == []
    assert await hints(api, text + " from 80% to 90%") == []


@pytest.mark.parametrize(
    ("language", "expected"),
    [("zh-CN", "怎样才算达成"), ("en", "How will you know"), ("zh-TW,zh;q=0.9", "怎样才算达成")],
)
async def test_messages_follow_accept_language(world: World, language: str, expected: str) -> None:
    [hint] = await hints(await as_(world, language), "提升用户满意度")
    assert hint["message"].startswith(expected)


async def test_without_accept_language_the_profile_language_speaks(world: World) -> None:
    world.member.locale = "zh-CN"
    await world.member.save(update_fields=["locale"])
    [hint] = await hints(await as_(world), "improve onboarding")
    assert hint["message"].startswith("怎样才算达成")


@pytest.mark.parametrize(
    ("text", "variables", "expected"),
    [
        # a one-off deliverable wants a date: in the text, or as the due date
        ("完成官网改版", {}, ["NO_DEADLINE"]),
        ("完成官网改版", {"due": "2031-10-31"}, []),
        ("launch the new pricing page by 31 Oct", {}, []),
        # a kind says what the text owes
        ("完成官网改版", {"kind": "MILESTONE"}, ["KIND_MISMATCH"]),
        ("完成官网改版", {"kind": "MILESTONE", "due": "2031-10-31"}, []),
        ("churn from 6% to 4%", {"kind": "INCREASE"}, ["KIND_MISMATCH"]),
        ("churn from 6% to 4%", {"kind": "DECREASE"}, []),
        # with its target in the form's fields, the title need not repeat the number
        ("提升用户满意度", {"kind": "INCREASE"}, ["NOT_MEASURABLE"]),
        ("提升用户满意度", {"kind": "INCREASE", "measured": True}, []),
        ("每周开例会", {}, ["ACTIVITY"]),
        ("拜访 30 家重点客户", {}, []),
        # an objective is read as an objective
        ("营收达到 1000 万", {"target": "OBJECTIVE"}, ["OBJECTIVE_IS_A_METRIC"]),
        ("成为客户最信赖的伙伴", {"target": "OBJECTIVE"}, []),
        ("", {}, []),
    ],
)
async def test_what_the_form_says_is_read_with_the_text(
    world: World, text: str, variables: dict[str, Any], expected: list[str]
) -> None:
    assert codes(await hints(await as_(world, "en"), text, **variables)) == expected


async def test_signed_out_gets_no_hints(world: World) -> None:
    error = await Api(world.app).error(HINTS, {"text": "提升用户满意度"})
    assert error["code"] == "UNAUTHENTICATED"


async def test_bad_input(world: World) -> None:
    api = await as_(world, "en")
    limit = 400  # twice a title's limit: room to say "too long", not for essays
    assert codes(await hints(api, "字" * limit)) == ["NOT_MEASURABLE", "TOO_LONG"]
    error = await api.error(HINTS, {"text": "x" * (limit + 1)})
    assert (error["code"], error["field"]) == ("BAD_USER_INPUT", "text")
    assert str(limit) in error["message"]
    for variables in ({"kind": "BIGGER"}, {"target": "TASK"}, {"due": "31 Oct"}, {"text": None}):
        error = await api.error(HINTS, {"text": "提升用户满意度", **variables})
        assert error["code"] == "BAD_USER_INPUT", variables


async def test_the_lint_sends_no_statement(world: World, statements: list[str]) -> None:
    api = await as_(world, "en")
    await api.ok("{ __typename }")  # the directory, read once for the process
    statements.clear()
    await api.ok("{ __typename }")
    signed_in = len(statements)  # the token
    statements.clear()
    assert codes(await hints(api, "提升用户满意度")) == ["NOT_MEASURABLE"]
    assert len(statements) == signed_in, "\n".join(statements)


SAVED = """query($id: ID!) { objective(id: $id) { hints { code message start end }
  keyResults { title hints { code message start end } } } }"""


async def _objective(world: World, title: str, **kw: Any) -> Objective:
    return await Objective.create(
        organization=world.org,
        cycle=world.cycle,
        title=title,
        owner=world.member,
        level=ObjectiveLevel.PERSONAL,
        **kw,
    )


async def _kr(objective: Objective, title: str, **kw: Any) -> KeyResult:
    kw.setdefault("kind", KRKind.INCREASE)
    kw.setdefault("weight", 30)
    return await KeyResult.create(
        organization_id=objective.organization_id, objective=objective, title=title, **kw
    )


async def test_saved_items_carry_their_hints(world: World) -> None:
    o = await _objective(world, "营收达到 1000 万")
    await _kr(o, "提升用户满意度")  # no number anywhere: not measurable
    await _kr(o, "提升 NPS", start_value=30, target_value=45)  # its number is in its fields
    await _kr(o, "完成官网改版", kind=KRKind.MILESTONE, due_date=date(2031, 10, 31))
    await _kr(o, "archived, not counted", archived=True)
    data = (await (await as_(world, "zh-CN")).ok(SAVED, {"id": gid("obj", o.id)}))["objective"]
    metric, weights = data["hints"]
    assert (metric["code"], "营收达到 1000 万"[metric["start"] : metric["end"]]) == (
        "OBJECTIVE_IS_A_METRIC",
        "1000 万",
    )
    assert "1000 万" in metric["message"]
    assert weights["code"] == "WEIGHTS" and weights["start"] is None
    assert weights["message"].startswith("权重加起来是 90")
    assert {kr["title"]: codes(kr["hints"]) for kr in data["keyResults"]} == {
        "提升用户满意度": ["NOT_MEASURABLE"],
        "提升 NPS": [],
        "完成官网改版": [],
    }


async def test_an_objective_without_key_results_is_told_to_add_some(world: World) -> None:
    o = await _objective(world, "Delight our customers")
    data = await (await as_(world, "en")).ok(SAVED, {"id": gid("obj", o.id)})
    assert data["objective"]["hints"] == [
        {
            "code": "NO_KEY_RESULTS",
            "message": "Add key results: they say how you will know the objective is reached.",
            "start": None,
            "end": None,
        }
    ]


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({}, ["NOT_MEASURABLE"]),
        ({"target_value": 90}, []),
        ({"range_min": 2, "range_max": 4, "kind": KRKind.RANGE}, []),
        ({"range_min": 2, "kind": KRKind.RANGE}, ["NOT_MEASURABLE"]),
        ({"kind": KRKind.COUNT, "progress_source": ProgressSource.TASKS}, []),
    ],
)
async def test_a_key_results_numbers_count_as_its_measure(
    world: World, fields: dict[str, Any], expected: list[str]
) -> None:
    kr = await _kr(await _objective(world, "O"), "improve onboarding", **fields)
    doc = "query($id: ID!) { keyResult(id: $id) { hints { code } } }"
    data = await (await as_(world, "en")).ok(doc, {"id": gid("kr", kr.id)})
    assert codes(data["keyResult"]["hints"]) == expected


async def test_board_rows_carry_their_hints(world: World) -> None:
    """Each row's hints as the lint says; that they cost no statement per row is asserted by
    tests/api/test_board_queries.py, whose board documents (helpers.NODE) ask for them."""
    await grow(world, 2, "a")
    doc = """query($c: ID!) { objectives(cycleId: $c) { title hints { code }
      keyResults { hints { code } } } }"""
    flat = (await (await as_(world, "en")).ok(doc, {"c": gid("cycle", world.cycle.id)}))[
        "objectives"
    ]
    # grow's objectives are titled like "a-L3-0-1"; its key results "KR0" and "KR1", 50 % each
    for o in flat:
        expected = lint(o["title"], HintTarget.OBJECTIVE, kr_weights=[50, 50])
        assert codes(o["hints"]) == codes_of(expected)
    assert {len(o["hints"]) for o in flat} != {0}
    assert all(kr["hints"] == [] for o in flat for kr in o["keyResults"])


async def test_hints_for_a_meetings_drafts(world: World) -> None:
    """read.hints.hints_for_objectives: what the roundtable agenda lists per draft."""
    draft = await _objective(world, "营收达到 1000 万")
    kr = await _kr(draft, "每周开例会", weight=100)
    plain = await _objective(world, "Delight our customers")
    found = hints_for_objectives([draft, plain], {draft.id: [kr]}, "zh-CN")
    assert codes_of(found[draft.id].objective) == ["OBJECTIVE_IS_A_METRIC"]
    assert {k: codes_of(v) for k, v in found[draft.id].key_results.items()} == {kr.id: ["ACTIVITY"]}
    assert codes_of(found[plain.id].objective) == ["NO_KEY_RESULTS"]
    assert found[plain.id].key_results == {}
    assert found[draft.id].objective[0].message.startswith("目标用文字描述方向")


def codes_of(found: list[Any]) -> list[str]:
    return [h.code.value for h in found]
