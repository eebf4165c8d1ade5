"""One execution and one JSON encoding per (event, view, selection), shared by every
subscriber that asks the same thing.

A live event reaches hundreds of sockets. Without this, graphql-core executes each socket's
selection over each socket's copy of the event and orjson encodes each result: milliseconds
per subscriber. The subscription resolvers (`boardEvents`, `comments`) already hand every
subscriber with the same view of an event the *same* payload object (memoised per event by
visibility, `backend/api/live.py`) and mark it `shareable`. For such a payload the executor
below keeps the result per selection — the operation's document text, the operation in it,
and the values of the variables its selection uses — and `SharedData` keeps its JSON, so the
websocket adapter (`view.py`) sends one encoded text to all of them.

Only a result that cannot depend on who is asking is shared: every field the selection
reaches (through fragments and every possible type of a union or interface) must be a plain
attribute of the payload — no resolver, no field extension or permission class (strawberry's
`is_basic_field`), no schema extension wrapping resolvers — so nothing can read
`info.context`. A selection that reaches anything else is executed per subscriber as before,
and so is a result with errors. The payload itself is cut per viewer before it is shared
(`visible_view`), so one person's view never reaches another.
"""

from collections.abc import Iterable, Iterator
from contextvars import ContextVar
from functools import lru_cache
from typing import Any, TypeVar

import orjson
from graphql import (
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLObjectType,
    GraphQLSchema,
    InlineFragmentNode,
    Node,
    OperationDefinitionNode,
    OperationType,
    SelectionSetNode,
    VariableNode,
    get_named_type,
    is_abstract_type,
    is_object_type,
)
from graphql.execution import ExecutionResult, Executor
from graphql.language import DocumentNode, parse
from strawberry.extensions import SchemaExtension
from strawberry.schema.schema_converter import GraphQLCoreConverter
from strawberry.types.field import StrawberryField

T = TypeVar("T")

_MEMO = "_lodestar_shared_results"  # attribute set on a shareable payload
_KEY = "_lodestar_share_key"  # cached on the operation's executor (copied per event)
_UNSHAREABLE: tuple[Any, ...] = ()


def shareable(payload: T) -> T:
    """Mark a subscription payload that is the same object for every subscriber it is sent to
    (and already cut to what they may all see): its results may be shared by selection."""
    if getattr(payload, _MEMO, None) is None:
        object.__setattr__(payload, _MEMO, {})
    return payload


class SharedData(dict[str, Any]):
    """A result's `data`, shared by the subscribers who asked the same selection; encoded
    once."""

    __slots__ = ("_json",)

    def __init__(self, data: dict[str, Any]) -> None:
        super().__init__(data)
        self._json: str | None = None

    def json(self) -> str:
        if self._json is None:
            self._json = orjson.dumps(self).decode()
        return self._json


def share_key(executor: Executor) -> tuple[Any, ...]:
    """What a subscription's per-event result depends on besides the payload, or () when it
    may depend on more (the viewer): then it is never shared."""
    manager = executor.middleware_manager
    if manager is not None and manager.middlewares:
        return _UNSHAREABLE  # a schema extension wraps every resolver: it may read the context
    return _key(
        executor.schema,
        executor.operation,
        executor.fragment_definitions,
        executor.variable_values.coerced,
    )


def _key(
    schema: GraphQLSchema,
    operation: OperationDefinitionNode,
    fragments: dict[str, FragmentDefinitionNode],
    coerced: dict[str, Any],
) -> tuple[Any, ...]:
    if operation.operation is not OperationType.SUBSCRIPTION or operation.loc is None:
        return _UNSHAREABLE
    body = operation.loc.source.body
    cache_key = (id(schema), body, operation.loc.start)
    cached = _ANALYSED.get(cache_key)
    if cached is not None and cached[0] is schema:
        names = cached[1]
    else:
        if len(_ANALYSED) >= _ANALYSED_MAX:
            _ANALYSED.clear()
        names = _analyse(schema, operation, fragments)
        _ANALYSED[cache_key] = (schema, names)
    if names is None:
        return _UNSHAREABLE
    return (body, operation.loc.start, repr(tuple((n, coerced.get(n)) for n in names)))


# per operation text (every subscriber of the web app sends the same): the variables its
# selection uses, or None when its result may depend on the viewer
_ANALYSED: dict[tuple[int, str, int], tuple[GraphQLSchema, tuple[str, ...] | None]] = {}
_ANALYSED_MAX = 256


def _analyse(
    schema: GraphQLSchema,
    operation: OperationDefinitionNode,
    fragments: dict[str, FragmentDefinitionNode],
) -> tuple[str, ...] | None:
    root_type = schema.subscription_type
    if root_type is None:
        return None
    names: set[str] = set()
    for selection in operation.selection_set.selections:
        if not isinstance(selection, FieldNode):
            return None
        field = root_type.fields.get(selection.name.value)
        if field is None:
            return None
        # the root field's own arguments choose the stream, not what an event looks like
        # (strawberry resolves a subscription event to itself); its directives do count
        names |= _variables(selection.directives or ())
        if selection.selection_set is not None:
            types = _object_types(schema, get_named_type(field.type))
            if not _plain(schema, fragments, selection.selection_set, types, set()):
                return None
            names |= _variables([selection.selection_set])
    for name in _spreads(operation.selection_set, fragments):
        names |= _variables([fragments[name]])
    return tuple(sorted(names))


def _object_types(schema: GraphQLSchema, named: Any) -> list[GraphQLObjectType]:
    if is_object_type(named):
        return [named]
    if is_abstract_type(named):
        return list(schema.get_possible_types(named))
    return []


def _plain(
    schema: GraphQLSchema,
    fragments: dict[str, Any],
    selection_set: SelectionSetNode,
    parents: list[GraphQLObjectType],
    seen: set[str],
) -> bool:
    """Every field selected here, on every type the value may have, is a plain attribute."""
    for selection in selection_set.selections:
        if isinstance(selection, FieldNode):
            name = selection.name.value
            if name == "__typename":
                continue
            for parent in parents:
                field = parent.fields.get(name)
                if field is None:
                    continue  # selected on an interface another member does not have
                definition = field.extensions.get(GraphQLCoreConverter.DEFINITION_BACKREF)
                if not isinstance(definition, StrawberryField) or not definition.is_basic_field:
                    return False
                if selection.selection_set is not None:
                    types = _object_types(schema, get_named_type(field.type))
                    if not _plain(schema, fragments, selection.selection_set, types, seen):
                        return False
        elif isinstance(selection, InlineFragmentNode):
            narrowed = _narrow(schema, parents, selection.type_condition)
            if not _plain(schema, fragments, selection.selection_set, narrowed, seen):
                return False
        elif isinstance(selection, FragmentSpreadNode):
            name = selection.name.value
            fragment = fragments.get(name)
            if fragment is None:
                return False
            if name in seen:
                continue
            seen.add(name)
            narrowed = _narrow(schema, parents, fragment.type_condition)
            if not _plain(schema, fragments, fragment.selection_set, narrowed, seen):
                return False
    return True


def _narrow(
    schema: GraphQLSchema, parents: list[GraphQLObjectType], condition: Any
) -> list[GraphQLObjectType]:
    if condition is None:
        return parents
    named = schema.get_type(condition.name.value)
    allowed = {t.name for t in _object_types(schema, named)}
    return [p for p in parents if p.name in allowed]


def _spreads(selection_set: SelectionSetNode, fragments: dict[str, Any]) -> set[str]:
    """Every fragment the selection uses, directly or through other fragments."""
    found: set[str] = set()
    stack: list[Node] = [selection_set]
    while stack:
        node = stack.pop()
        if isinstance(node, FragmentSpreadNode):
            name = node.name.value
            if name not in found and name in fragments:
                found.add(name)
                stack.append(fragments[name])
            continue
        stack.extend(_children(node))
    return found


def _variables(nodes: Iterable[Node]) -> set[str]:
    found: set[str] = set()
    stack: list[Node] = list(nodes)
    while stack:
        node = stack.pop()
        if isinstance(node, VariableNode):
            found.add(node.name.value)
            continue
        stack.extend(_children(node))
    return found


def _children(node: Node) -> Iterable[Node]:
    for key in node.keys:
        value = getattr(node, key, None)
        if isinstance(value, Node):
            yield value
        elif isinstance(value, tuple | list):
            yield from (v for v in value if isinstance(v, Node))


def sharing_executor(base: type[Executor]) -> type[Executor]:
    """`base` (the schema's executor class) with subscription results shared by selection."""
    if getattr(base, "_lodestar_sharing", False):
        return base

    class SharingExecutor(base):  # type: ignore[valid-type, misc]
        _lodestar_sharing = True

        def build_per_event_executor(self, payload: Any) -> Any:
            key = self.__dict__.get(_KEY)
            if key is None:
                key = self.__dict__[_KEY] = share_key(self)
            memo: dict[Any, ExecutionResult] | None = getattr(payload, _MEMO, None)
            if memo is not None and key and (hit := memo.get(key)) is not None:
                return _Executed(hit)  # no copy of this executor for an answer already made
            return super().build_per_event_executor(payload)

        def execute_operation(self, serially: bool | None = None) -> Any:
            memo: dict[Any, ExecutionResult] | None = getattr(self.root_value, _MEMO, None)
            key = self.__dict__.get(_KEY)
            if memo is None or not key:
                return super().execute_operation(serially)
            hit = memo.get(key)
            if hit is not None:
                return hit
            result = super().execute_operation(serially)
            if self.is_awaitable(result):
                return _store_later(result, memo, key)
            return _store(result, memo, key)

    SharingExecutor.__name__ = SharingExecutor.__qualname__ = f"Sharing{base.__name__}"
    return SharingExecutor


class _Executed:
    """Stands in for a per-event executor whose result another subscriber already made."""

    __slots__ = ("result",)

    def __init__(self, result: ExecutionResult) -> None:
        self.result = result

    def execute_operation(self, serially: bool | None = None) -> ExecutionResult:
        return self.result


def _store(result: Any, memo: dict[Any, ExecutionResult], key: tuple[Any, ...]) -> Any:
    if not isinstance(result, ExecutionResult) or result.errors or result.data is None:
        return result  # errors are per subscriber (and rare): never shared
    shared = ExecutionResult(SharedData(result.data), None, result.extensions)
    memo[key] = shared
    return shared


async def _store_later(pending: Any, memo: dict[Any, ExecutionResult], key: tuple[Any, ...]) -> Any:
    return _store(await pending, memo, key)


_MAX_CACHED_QUERY = 20_000


@lru_cache(maxsize=64)
def _parse(query: str, options: tuple[tuple[str, Any], ...]) -> DocumentNode:
    return parse(query, **dict(options))


# the document texts sockets sent lately: a thousand subscribers of the same board keep one
# copy of its text, not one each (an operation keeps its text for its whole life)
_TEXTS: dict[str, str] = {}
_TEXTS_MAX = 64


def same_text(query: str) -> str:
    """`query`, or the equal text a socket sent before (a long one as it is: never kept)."""
    if len(query) > _MAX_CACHED_QUERY:
        return query
    kept = _TEXTS.get(query)
    if kept is not None:
        return kept
    if len(_TEXTS) >= _TEXTS_MAX:
        _TEXTS.clear()
    _TEXTS[query] = query
    return query


# documents (from `_parse`) that passed validation against a schema: id → the document itself
_VALID: dict[tuple[int, int], DocumentNode] = {}
_VALID_MAX = 64


class SharedDocuments(SchemaExtension):
    """Operations share the parsed document of the same text (documents are never modified):
    a live subscription keeps its document for as long as it runs, and a thousand sockets
    sending the web app's `boardEvents` would otherwise hold a thousand copies of its AST and
    tokens (~20 KiB each); an HTTP request of a document seen before (the web app sends the
    same few) skips parsing. Bounded.

    And a shared document is validated once per schema: validation depends only on the
    document and the schema's rules (the cost estimate reads no variables), and was nearly
    half of a socket's setup. Only a document with one operation that passed is remembered
    (which operation runs is checked per request, `OperationChecks`); errors are never
    cached."""

    def on_validate(self) -> Iterator[None]:
        ctx = self.execution_context
        document: DocumentNode | None = getattr(self, "_shared", None)  # parsed by `_parse`
        if (
            document is None
            or document is not ctx.graphql_document
            or ctx.pre_execution_errors is not None
            or len(document.definitions) != 1
        ):
            yield
            return
        key = (id(ctx.schema), id(document))
        if _VALID.get(key) is document:
            ctx.pre_execution_errors = []  # strawberry then skips its validation
            yield
            return
        yield
        if ctx.pre_execution_errors == []:
            if len(_VALID) >= _VALID_MAX:
                _VALID.clear()
            _VALID[key] = document

    def on_parse(self) -> Iterator[None]:
        ctx = self.execution_context
        query = ctx.query
        if query and len(query) <= _MAX_CACHED_QUERY:
            options = tuple(sorted(ctx.parse_options.items()))
            try:
                ctx.graphql_document = self._shared = _parse(query, options)
            except Exception:  # strawberry parses again and reports the error as usual
                ctx.graphql_document = None
        yield


# --- straight to the socket ---------------------------------------------------------------

# the graphql-transport-ws operation a task runs (set by the view's handler in the task)
current_operation: ContextVar[Any] = ContextVar("lodestar_ws_operation", default=None)


class DirectFrames:
    """Sends a live subscription's shared results to its socket from the subscription itself.

    Through strawberry, each delivery of an event climbs graphql-core's response stream,
    strawberry's stream (result wrapping, extension hooks) and the protocol handler: most of
    the per-subscriber cost once the result is shared. A subscription of a websocket
    operation whose selection may be shared (`share_key`) instead sends the shared result
    through the operation (`send_operation_message`: the same frame, the same completion
    rules) and yields what has no shared result yet (the first subscriber of a view executes
    it the usual way, which shares it; a result with errors is never shared) — in order, as
    a yield returns only once its result was sent. Not used when a schema extension could
    change a result or its delivery (resolve, get_results or on_stream_result hooks)."""

    __slots__ = ("key", "operation")

    def __init__(self, operation: Any, key: tuple[Any, ...]) -> None:
        self.operation = operation
        self.key = key

    @classmethod
    def for_current(cls, info: Any) -> "DirectFrames | None":
        operation = current_operation.get()
        # strawberry's Info gives its own schema, graphql-core's the one it was built from
        strawberry_schema = getattr(info.schema, "_strawberry_schema", info.schema)
        raw = getattr(info, "_raw_info", info)  # graphql-core's info, under strawberry's
        if operation is None or not isinstance(raw.schema, GraphQLSchema):
            return None
        executor_class = strawberry_schema.execution_context_class
        if not getattr(executor_class, "_lodestar_sharing", False):
            return None
        for extension in strawberry_schema.get_extensions():
            kind = type(extension)
            if (
                kind._implements_resolve()  # (graphql-core middleware: `share_key` refuses)
                or kind.get_results is not SchemaExtension.get_results
                or kind.on_stream_result is not SchemaExtension.on_stream_result
            ):
                return None
        # the operation, fragments and (coerced) variables the subscription's executor runs
        key = _key(raw.schema, raw.operation, raw.fragments, info.variable_values)
        return cls(operation, key) if key else None

    async def send(self, payload: Any) -> bool:
        """Send the shared result for `payload`; False when there is none to send."""
        memo: dict[Any, ExecutionResult] | None = getattr(payload, _MEMO, None)
        result = memo.get(self.key) if memo is not None else None
        if result is None or result.extensions or type(result.data) is not SharedData:
            return False  # the first of its kind: executed (and shared) the usual way
        operation = self.operation
        message = {"id": operation.id, "type": "next", "payload": {"data": result.data}}
        await operation.send_operation_message(message)
        return True


def install(schema: Any) -> None:
    """Let the schema's subscriptions share documents and results (idempotent; keeps the
    executor class and the extensions the schema was built with, which come first: a parse
    option one of them sets, such as the token limit, applies to the shared parse too)."""
    base = getattr(schema, "execution_context_class", None) or Executor
    schema.execution_context_class = sharing_executor(base)
    extensions = tuple(getattr(schema, "extensions", ()))
    if SharedDocuments not in extensions:
        schema.extensions = (*extensions, SharedDocuments)
