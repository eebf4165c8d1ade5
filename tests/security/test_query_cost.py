"""The query cost limit (backend/api/engine/cost.py): a query nesting list fan-out is refused
before it runs, quickly and with a clear error, on either executor; every operation the web
app sends stays well under the budget."""

import asyncio
import json
import subprocess
import time
from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from graphql import get_nullable_type, is_list_type, parse

from backend.api.engine.cost import LIST_SIZES, operation_costs
from backend.api.schema import DEFAULT_MAX_COST, app_schema
from tests.live.board import board_query
from tests.live.client import ADMIN, Gql, tracking_cycle
from tests.servers import REPO, Server

# the audit's query: a key result's objective's key results, ten levels deep (389 characters)
TEN_DEEP = (
    "query($id: ID!) { objective(id: $id) { "
    + "keyResults { id title objective { id title " * 10
    + "id"
    + " } }" * 10
    + " } }"
)


def web_app_operations() -> dict[str, str]:
    """Every operation of frontend/src/api/*.js, by area and export name."""
    out = subprocess.run(
        ["node", "tools/operations.mjs"],
        cwd=REPO / "frontend",
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    ).stdout
    return {
        f"{area}:{name}": text
        for area, exports in json.loads(out).items()
        for name, text in exports.items()
    }


def test_every_web_app_operation_costs_under_a_fifth_of_the_budget() -> None:
    schema = app_schema()._schema
    costs = {
        name: cost
        for name, text in web_app_operations().items()
        for cost in operation_costs(schema, parse(text)).values()
    }
    assert len(costs) > 40, costs
    over = {name: cost for name, cost in costs.items() if cost > DEFAULT_MAX_COST / 5}
    assert not over, f"web app operations near the budget {DEFAULT_MAX_COST}: {over}"
    # the board as the app loads it is counted at a large organization's size
    assert costs["okr.js:Q_BOARD"] > 10_000


@pytest.mark.parametrize(
    ("document", "at_least", "at_most"),
    [
        ("{ viewer { id } }", 2, 2),
        # 500 objectives × (1 + 5 key results × 1) + the field itself
        ("{ objectives(cycleId: 1) { keyResults { id } } }", 3001, 3001),
        # `first` given as a number sets the list's size
        ("{ keyResult(id: 1) { checkIns(first: 2) { id value } } }", 6, 6),
        # a level of the tree holds at most the cycle's objectives: children do not multiply…
        ("{ board(cycleId: 1) { id children { id children { id } } } }", 2501, 2501),
        # …unless the objectives may repeat (a parent's children: every sibling again)
        (
            "{ board(cycleId: 1) { parent { children { parent { children { id } } } } } }",
            500 * 3 * 3,
            10**6,
        ),
        ("query { ...F } fragment F on Query { viewer { ...G } } fragment G on User { id }", 2, 2),
        # introspection's lists take the schema's own sizes
        ("{ __schema { types { name fields { name } } } }", 1_000, 10_000),
        (TEN_DEEP, DEFAULT_MAX_COST * 10, 10**12),
    ],
)
def test_estimate(document: str, at_least: int, at_most: int) -> None:
    (cost,) = operation_costs(app_schema()._schema, parse(document)).values()
    assert at_least <= cost <= at_most


def test_fragments_expanding_exponentially_are_estimated_in_a_moment() -> None:
    # each fragment spreads the next one twice: 2⁴⁰ fields once expanded
    fragments = " ".join(f"fragment F{i} on User {{ ...F{i + 1} ...F{i + 1} }}" for i in range(40))
    document = f"{{ viewer {{ ...F0 }} }} {fragments} fragment F40 on User {{ id }}"
    start = time.perf_counter()
    (cost,) = operation_costs(app_schema()._schema, parse(document)).values()
    assert cost > DEFAULT_MAX_COST
    assert time.perf_counter() - start < 0.5


def test_a_fragment_cycle_does_not_hang_the_estimate() -> None:
    document = "{ viewer { ...A } } fragment A on User { id ...B } fragment B on User { ...A }"
    assert list(operation_costs(app_schema()._schema, parse(document)).values()) == [2]


@pytest.mark.parametrize("stock", [False, True])
def test_both_executors_refuse_before_running(stock: bool) -> None:
    # no database here: a query that ran would fail on its first read
    result = app_schema(stock).execute_sync(TEN_DEEP, {"id": "obj_1"})
    assert result.data is None and result.errors
    (error,) = result.errors
    assert error.extensions == {"cost": error.extensions["cost"], "maxCost": DEFAULT_MAX_COST}


async def test_the_audits_query_is_refused_fast_with_a_clear_error(
    server: Server, api: Callable[[str], Awaitable[Gql]]
) -> None:
    member = await api("zhangsan@example.com")
    cycle = await tracking_cycle(member)
    board = await member.ok("query($c: ID!) { objectives(cycleId: $c) { id } }", c=cycle)
    objective = board["objectives"][0]["id"]

    async def ask(language: str) -> dict[str, Any]:
        answer = await member.http.post(
            "/graphql",
            json={"query": TEN_DEEP, "variables": {"id": objective}},
            headers={"Accept-Language": language},
        )
        return answer.json()

    start = time.perf_counter()
    body, other = await asyncio.gather(ask("en"), member.ok("{ viewer { id } }"))
    elapsed = time.perf_counter() - start
    assert body.get("data") is None
    (error,) = body["errors"]
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert error["extensions"]["field"] == "query"
    assert error["extensions"]["maxCost"] == DEFAULT_MAX_COST
    assert error["extensions"]["cost"] > DEFAULT_MAX_COST
    assert "fewer nested lists" in error["message"]
    assert other["viewer"]["id"]
    assert elapsed < 2.0, f"refusing took {elapsed:.2f} s"
    assert "嵌套的列表" in (await ask("zh-CN"))["errors"][0]["message"]

    # the web app's own board query (api/okr.js Q_BOARD) runs as before
    admin = await api(ADMIN)
    assert (await admin.ok(board_query(), c=cycle))["objectives"]


def test_every_declared_size_names_a_list_field() -> None:
    """A renamed field would silently fall back to the default size."""
    schema = app_schema()._schema
    for key in LIST_SIZES:
        type_name, field_name = key.split(".")
        field = schema.type_map[type_name].fields.get(field_name)
        assert field is not None, key
        assert is_list_type(get_nullable_type(field.type)), key
