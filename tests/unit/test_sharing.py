"""Subscribers share what they may all see — the view of an event, its execution per selection
and its JSON — and nothing that depends on who is asking (backend/api/sharing.py)."""

import itertools
from collections.abc import AsyncGenerator
from datetime import UTC, datetime
from typing import Any

import graphql
import orjson
import pytest
import strawberry
from graphql import FragmentDefinitionNode, OperationDefinitionNode

from backend.api.engine import sharing
from backend.api.engine.sharing import SharedData, install, same_text, shareable
from backend.api.engine.view import _encode
from backend.api.live.events import shared_typed
from backend.api.live.types import KeyResultCheckedIn, NumbersChanged
from backend.domain.enums import Role, Visibility
from backend.domain.policy import Actor, ObjectiveAccess
from backend.events.feed import Audience, view_key, visible_view
from backend.events.kinds import EventKind
from backend.live.events import LiveEvent

ORG = 1
PUBLIC_OBJ, TEAM_OBJ, PRIVATE_OBJ = 10, 11, 12
OWNER, TEAMMATE, OTHER, ANOTHER, ADMIN = 100, 101, 102, 103, 104


def _numbers(*objectives: int) -> dict[str, Any]:
    return {
        "objectives": {str(o): {"progress": 0.5, "status": "ON_TRACK"} for o in objectives},
        "keyResults": {
            str(o * 10): {
                "objectiveId": o,
                "progress": 0.5,
                "rawProgress": 0.5,
                "expectedProgress": 0.4,
                "status": "ON_TRACK",
                "statusReasons": [],
                "weight": 100.0,
            }
            for o in objectives
        },
    }


def checked_in(objective_id: int) -> LiveEvent:
    """A check-in on `objective_id`'s key result that moved the whole chain above it."""
    kr = {
        "id": objective_id * 10,
        "objectiveId": objective_id,
        "title": "secret number",
        "kind": "INCREASE",
        "unit": "",
        "startValue": 0.0,
        "targetValue": 10.0,
        "currentValue": 5.0,
        "rangeMin": None,
        "rangeMax": None,
        "dueDate": None,
        "weight": 100.0,
        "confidence": 7,
        "progressSource": "MANUAL",
        "archived": False,
    }
    event = LiveEvent(
        seq=7,
        org_id=ORG,
        kind=EventKind.KEY_RESULT_CHECKED_IN,
        actor_id=OWNER,
        cycle_id=1,
        objective_id=objective_id,
        key_result_id=objective_id * 10,
        payload={
            "keyResult": kr,
            "note": "only who may see it",
            "numbers": _numbers(PRIVATE_OBJ, TEAM_OBJ, PUBLIC_OBJ),
        },
        at=datetime.now(UTC),
    )
    access = {
        PUBLIC_OBJ: ObjectiveAccess(ORG, OWNER, Visibility.PUBLIC, frozenset({1})),
        TEAM_OBJ: ObjectiveAccess(ORG, OWNER, Visibility.TEAM, frozenset({1})),
        PRIVATE_OBJ: ObjectiveAccess(ORG, OWNER, Visibility.PRIVATE, frozenset({1})),
    }
    event.audience = Audience(access=access)
    return event


def actor(user_id: int, teams: frozenset[int] = frozenset(), role: Role = Role.MEMBER) -> Actor:
    return Actor(user_id=user_id, org_id=ORG, role=role, team_ids=teams)


ACTORS = [
    actor(OWNER, frozenset({1})),
    actor(TEAMMATE, frozenset({1})),
    actor(OTHER),
    actor(ANOTHER, frozenset({2})),
    actor(ADMIN, role=Role.ADMIN),
    Actor(user_id=105, org_id=2, role=Role.ADMIN),  # another organization
]


@pytest.mark.parametrize("objective_id", [PUBLIC_OBJ, TEAM_OBJ, PRIVATE_OBJ])
def test_actors_with_the_same_view_key_get_the_same_view(objective_id: int) -> None:
    event = checked_in(objective_id)
    for a, b in itertools.combinations(ACTORS, 2):
        if view_key(event, a) == view_key(event, b):
            assert visible_view(event, a) == visible_view(event, b), (a, b)


def test_one_object_per_view_and_different_views_stay_apart() -> None:
    event = checked_in(PRIVATE_OBJ)
    owner, teammate, other, another, admin, stranger = ACTORS
    # two people who see the same part of the event get the very same object
    assert shared_typed(event, other) is shared_typed(event, another)
    assert shared_typed(event, owner) is shared_typed(event, admin)
    assert shared_typed(event, stranger) is None

    mine = shared_typed(event, owner)
    assert isinstance(mine, KeyResultCheckedIn) and mine.note == "only who may see it"
    team = shared_typed(event, teammate)
    assert isinstance(team, NumbersChanged)
    assert {n.objective_id for n in team.objectives} == {"obj_11", "obj_10"}
    public = shared_typed(event, other)
    assert isinstance(public, NumbersChanged) and public is not team
    assert {n.objective_id for n in public.objectives} == {"obj_10"}
    assert {n.key_result_id for n in public.key_results} == {"kr_100"}


# --- execution: shared by selection, never across what depends on the viewer ------------


@strawberry.type
class Item:
    name: str
    size: int

    @strawberry.field
    def seen_by(self, info: strawberry.Info) -> str:
        return str(info.context["viewer"])


ITEMS: list[Item] = []


@strawberry.type
class Query:
    ok: bool = True


@strawberry.type
class Subscription:
    @strawberry.subscription
    async def items(self, since: int | None = None) -> AsyncGenerator[Item, None]:
        for item in ITEMS:
            yield item


@pytest.fixture
def schema() -> strawberry.Schema:
    built = strawberry.Schema(query=Query, subscription=Subscription)
    install(built)
    install(built)  # idempotent
    return built


async def first(schema: strawberry.Schema, query: str, viewer: str, **variables: Any) -> Any:
    stream = await schema.subscribe(
        query, variable_values=variables, context_value={"viewer": viewer}
    )
    async for result in stream:  # type: ignore[union-attr]
        assert not result.errors, result.errors
        await stream.aclose()  # type: ignore[union-attr]
        return result.data
    raise AssertionError("no result")


async def test_plain_selections_are_executed_once_and_shared(schema: strawberry.Schema) -> None:
    ITEMS[:] = [shareable(Item(name="a", size=1))]
    query = "subscription($s: Int) { items(since: $s) { name size __typename } }"
    ann = await first(schema, query, "ann", s=1)
    bob = await first(schema, query, "bob", s=2)  # the root field's own arguments do not count
    assert type(ann) is SharedData and ann is bob
    assert ann == {"items": {"name": "a", "size": 1, "__typename": "Item"}}
    other = await first(schema, "subscription { items { name } }", "ann")
    assert other == {"items": {"name": "a"}} and other is not ann


@pytest.mark.parametrize(
    "query",
    [
        "subscription { items { name seenBy } }",
        "subscription { items { ...F } } fragment F on Item { name seenBy }",
        "subscription { items { ... on Item { seenBy } } }",
    ],
)
async def test_a_selection_reaching_the_context_is_never_shared(
    schema: strawberry.Schema, query: str
) -> None:
    ITEMS[:] = [shareable(Item(name="a", size=1))]
    ann = await first(schema, query, "ann")
    bob = await first(schema, query, "bob")
    assert type(ann) is not SharedData and type(bob) is not SharedData
    assert "ann" in str(ann) and "bob" in str(bob)


async def test_variables_the_selection_uses_are_part_of_the_key(
    schema: strawberry.Schema,
) -> None:
    ITEMS[:] = [shareable(Item(name="a", size=1))]
    query = "subscription($big: Boolean!) { items { name size @include(if: $big) } }"
    assert await first(schema, query, "ann", big=True) == {"items": {"name": "a", "size": 1}}
    assert await first(schema, query, "bob", big=False) == {"items": {"name": "a"}}


async def test_an_unmarked_payload_is_executed_per_subscriber(schema: strawberry.Schema) -> None:
    ITEMS[:] = [Item(name="a", size=1)]
    query = "subscription { items { name } }"
    ann, bob = await first(schema, query, "ann"), await first(schema, query, "bob")
    assert ann == bob and ann is not bob and type(ann) is not SharedData


def test_a_shared_frame_is_what_orjson_makes_of_the_message() -> None:
    data = SharedData({"boardEvents": {"seq": 3, "note": 'say "hi" — 你好'}})
    for op_id in ("1", 'we"ird'):
        message = {"id": op_id, "type": "next", "payload": {"data": data}}
        assert _encode(message) == orjson.dumps(message).decode()
    plain = {"id": "1", "type": "next", "payload": {"data": {"x": 1}}}
    assert _encode(plain) == orjson.dumps(plain).decode()


# --- straight to the socket ----------------------------------------------------------------


class FakeOperation:
    def __init__(self, query: str, **variables: Any) -> None:
        self.id, self.query, self.variables, self.operation_name = "7", query, variables, None
        self.sent: list[dict[str, Any]] = []

    async def send_operation_message(self, message: dict[str, Any]) -> None:
        self.sent.append(message)


class Wrapping(strawberry.extensions.SchemaExtension):
    def resolve(self, _next: Any, root: Any, info: Any, *args: Any, **kwargs: Any) -> Any:
        return _next(root, info, *args, **kwargs)


def resolver_info(schema: strawberry.Schema, query: str, **variables: Any) -> Any:
    """What a subscription's resolver gets as `info` (strawberry's, over graphql-core's) for
    `query`, as far as `DirectFrames` reads it."""
    from types import SimpleNamespace

    document = graphql.parse(query)
    operation = next(d for d in document.definitions if isinstance(d, OperationDefinitionNode))
    fragments = {
        d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)
    }
    raw = SimpleNamespace(schema=schema._schema, operation=operation, fragments=fragments)
    return SimpleNamespace(schema=schema, _raw_info=raw, variable_values=variables)


async def test_direct_frames_send_only_results_already_shared(schema: strawberry.Schema) -> None:
    from backend.api.engine.sharing import DirectFrames, current_operation

    query = "subscription($s: Int) { items(since: $s) { name } }"
    info = resolver_info(schema, query, s=3)
    assert DirectFrames.for_current(info) is None  # not under a websocket operation

    operation = FakeOperation(query, s=3)
    token = current_operation.set(operation)
    try:
        direct = DirectFrames.for_current(info)
        assert direct is not None
        item = shareable(Item(name="a", size=1))
        assert not await direct.send(item)  # nobody executed it yet: the usual way
        ITEMS[:] = [item]
        shared = await first(schema, query, "bob", s=1)
        assert await direct.send(item)
        assert operation.sent == [{"id": "7", "type": "next", "payload": {"data": shared}}]

        private = "subscription { items { ...F } } fragment F on Item { seenBy }"
        assert DirectFrames.for_current(resolver_info(schema, private)) is None  # the context
        wrapped = strawberry.Schema(query=Query, subscription=Subscription, extensions=[Wrapping])
        install(wrapped)
        assert DirectFrames.for_current(resolver_info(wrapped, query, s=3)) is None
    finally:
        current_operation.reset(token)


def test_the_view_key_is_worked_out_once_per_actor_per_event() -> None:
    event = checked_in(TEAM_OBJ)
    owner, teammate, *_ = ACTORS
    first = view_key(event, teammate)
    event.audience.access.clear()  # a second ask does not look at the audience again…
    assert view_key(event, Actor(**{f: getattr(teammate, f) for f in teammate.__slots__})) == first
    assert view_key(event, owner) == (frozenset(), False)  # …a new actor does


class SocketContext(dict[str, Any]):
    is_socket = True


async def test_a_socket_document_is_validated_once_and_errors_every_time(
    schema: strawberry.Schema, monkeypatch: pytest.MonkeyPatch
) -> None:
    import strawberry.schema.schema as strawberry_schema

    calls: list[int] = []
    validate = strawberry_schema.validate

    def counted(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        return validate(*args, **kwargs)

    monkeypatch.setattr(strawberry_schema, "validate", counted)
    ITEMS[:] = [shareable(Item(name="a", size=1))]

    async def run(query: str, **more: Any) -> Any:
        stream = await schema.subscribe(query, context_value=SocketContext(viewer="ann"), **more)
        async for result in stream:  # type: ignore[union-attr]
            await stream.aclose()  # type: ignore[union-attr]
            return result
        raise AssertionError("no result")

    query = "subscription Once { items { name } }"
    for _ in range(3):
        assert (await run(query)).data == {"items": {"name": "a"}}
    assert len(calls) == 1

    calls.clear()
    for _ in range(2):  # refused every time: errors are never remembered
        assert (await run("subscription Bad { items { nope } }")).errors
    assert len(calls) == 2

    calls.clear()
    two = "subscription A { items { name } } subscription B { items { size } }"
    for _ in range(2):  # which operation runs is checked per request
        assert (await run(two, operation_name="A")).data == {"items": {"name": "a"}}
    assert len(calls) == 2


async def test_a_query_document_is_parsed_and_validated_once_and_errors_every_time(
    schema: strawberry.Schema, monkeypatch: pytest.MonkeyPatch
) -> None:
    """HTTP requests share documents too: the web app sends the same few."""
    import strawberry.schema.schema as strawberry_schema

    calls: list[int] = []
    validate = strawberry_schema.validate

    def counted(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        return validate(*args, **kwargs)

    monkeypatch.setattr(strawberry_schema, "validate", counted)
    for _ in range(3):
        result = await schema.execute("query Ok { ok }", root_value=Query(), context_value={})
        assert result.data == {"ok": True}
    assert len(calls) == 1
    calls.clear()
    for _ in range(2):
        assert (await schema.execute("query Bad { nope }", context_value={})).errors
    assert len(calls) == 2


def test_sockets_sending_the_same_document_share_one_copy_of_its_text() -> None:
    first = "subscription { presence(cycleId: 1) { count } }"
    again = "".join(["subscription { presence(cycleId: 1) ", "{ count } }"])
    assert again == first and again is not first
    assert same_text(first) is first
    assert same_text(again) is first
    long = "#" * 20_001  # a long text is used as sent, never kept
    assert same_text(long) is long
    assert same_text("".join(["#" * 20_000, "#"])) is not long
    for n in range(200):  # bounded however many different texts come
        same_text(f"query {{ q{n} }}")
    assert len(sharing._TEXTS) <= sharing._TEXTS_MAX
