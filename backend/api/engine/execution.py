"""A faster graphql-core executor for strawberry: the same results, less work per field.

Why: the board resolves ~130 fields per objective (3,000 objectives → ~400k fields), and
graphql-core's generic path costs far more per field than reading an attribute — a
`GraphQLResolveInfo` and a strawberry `Info` per field, strawberry's resolver wrapper
(argument conversion, extension chain), awaitable checks, and the recursive
`complete_value` dispatch on the field's type. That machinery was ~80% of the board's server
time (DESIGN §8 sets the board at ≤ 10× its floor).

What: `FastExecutor.execute_fields` decides once per selection (per operation, per grouped
field set) which fields can skip the machinery, and for those

- reads the value directly: a plain strawberry field (no resolver, no extensions) is read
  with strawberry's default resolver (`getattr`); a sync method resolver that asks only for
  `self` and perhaps `info` (no root or parent; no permission classes or field extensions)
  is called directly, its arguments (plain scalars, from the query or their defaults)
  converted once per operation. Its `info` is a stand-in (`_LazyInfo`): `info.context` is
  the operation's context, and anything else it reads is strawberry's own `Info`, built as
  the stock path builds it the first time it is read — most such resolvers answer from
  what their object holds and read the context or nothing (a resolver may return an
  awaitable when it must load something: graphql-core awaits it as for an async one);
- completes leaf values (scalars, enums, lists of those) with the type's own output
  coercion, specialised for the built-in scalars (a `str` is a valid `String`) and strawberry
  enums (a member → its name, looked up once per type); a run of consecutive plain scalar
  attributes and lists of enum members (most of an objective's or key result's fields) is
  read by one function compiled for that selection, the same checks inlined;
- completes an object, or a list of objects, of a type without `is_type_of` by executing
  its selection directly (what `complete_value` would end up doing), once it has checked
  there is nothing else to do: no null where none is allowed, nothing to await, no
  exception as a value, a `list` where a list is due. Otherwise graphql-core's own
  `complete_value`, only without having called the resolver through the wrapper.

Anything unusual goes the stock way: a field that has directives on it (`@include`/`@skip`
are applied when the selection is collected, `@stream` when a list is completed), fields
with non-scalar arguments, async resolvers, schema extensions
that hook `resolve` (graphql middleware: the whole operation takes the stock path), custom
default resolvers, strawberry exception handlers. A leaf value the fast completion does not
recognise (None on a non-null field, an awaitable, a value the coercion refuses) is
completed again by the stock `complete_value` — reading an attribute and coercing a leaf have
no side effects — so errors, their messages, paths and null propagation are graphql-core's
own. A resolver that raises goes to graphql-core's `handle_field_error` like the stock path.
`tests/api/test_fast_execution.py` compares the results with the stock executor.

Nothing is cached across operations except the per-field analysis of the schema (which
fields are plain attributes, which leaf coercion applies): no values, no results. The plans
(and compiled runs) live as long as the operation's executor — for a subscription, as long as
one event's copy of it.
"""

from collections.abc import Awaitable, Callable
from enum import Enum
from functools import lru_cache
from keyword import iskeyword
from operator import attrgetter
from types import CodeType
from typing import Any, TypeVar

from graphql import (
    GraphQLBoolean,
    GraphQLEnumType,
    GraphQLField,
    GraphQLFloat,
    GraphQLID,
    GraphQLInt,
    GraphQLObjectType,
    GraphQLOutputType,
    GraphQLString,
    Undefined,
    get_nullable_type,
    is_leaf_type,
    is_list_type,
    is_non_null_type,
    is_object_type,
)
from graphql.execution import Executor
from graphql.execution.collect_fields import FieldDetailsList, GroupedFieldSet
from graphql.execution.executor import to_nodes
from graphql.execution.values import get_argument_values
from graphql.pyutils import AwaitableOrValue, Path, gather_with_cancel
from strawberry.execution import optimized_is_awaitable
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext
from strawberry.schema.schema_converter import GraphQLCoreConverter
from strawberry.types.arguments import convert_arguments
from strawberry.types.base import StrawberryOptional
from strawberry.types.field import StrawberryField
from strawberry.types.fields.resolver import StrawberryResolver

_DEFINITION = GraphQLCoreConverter.DEFINITION_BACKREF  # a GraphQL field → its StrawberryField
_SLOW: Any = object()  # "complete this value the stock way"
_PLAIN_ARGUMENT_TYPES = (bool, int, float, str)
_GRAPHQL_MAX_INT, _GRAPHQL_MIN_INT = 2**31 - 1, -(2**31)

Serializer = Callable[[Any], Any]
C = TypeVar("C", dict[str, Any], list[Any])
Plan = list[
    tuple[str, FieldDetailsList, "_Field | None", Serializer | None, "tuple[Run, int] | None"]
]


def _enum_names(leaf: Any) -> tuple[type, dict[Any, str]] | None:
    """A strawberry enum's members → their GraphQL names, as its own coercion gives them."""
    wrapped = getattr(leaf, "wrapped_cls", None)
    if not (
        isinstance(leaf, GraphQLEnumType)
        and isinstance(wrapped, type)
        and issubclass(wrapped, Enum)
    ):
        return None
    names: dict[Any, str] = {}
    for member in wrapped:
        try:
            names[member] = leaf.coerce_output_value(member)
        except Exception:  # left to the stock path
            continue
    return wrapped, names


def _serializer(leaf: Any) -> Serializer:
    """The leaf's output coercion: returns the value `complete_leaf_value` would, or _SLOW
    when it would raise or the value is anything but plain (the stock path then decides).
    What it returns is never awaitable (execute_fields would await that)."""
    if leaf is GraphQLString or leaf is GraphQLID:
        return lambda v: v if v.__class__ is str else _SLOW
    if leaf is GraphQLFloat:  # v - v is 0.0 for a finite float only (inf, nan → nan)
        return lambda v: v if v.__class__ is float and v - v == 0.0 else _SLOW
    if leaf is GraphQLInt:
        return lambda v: (
            v if v.__class__ is int and _GRAPHQL_MIN_INT <= v <= _GRAPHQL_MAX_INT else _SLOW
        )
    if leaf is GraphQLBoolean:
        return lambda v: v if v.__class__ is bool else _SLOW
    enum = _enum_names(leaf)
    if enum is not None:
        wrapped, names = enum

        def enum_name(v: Any) -> Any:
            return names.get(v, _SLOW) if v.__class__ is wrapped else _SLOW

        return enum_name

    coerce = leaf.coerce_output_value

    def generic(v: Any) -> Any:
        if optimized_is_awaitable(v):
            return _SLOW
        try:
            coerced = coerce(v)
        except Exception:
            return _SLOW
        if coerced is None or coerced is Undefined or optimized_is_awaitable(coerced):
            return _SLOW
        return coerced

    return generic


def _attribute_leaf(get: Callable[[Any], Any], leaf: Any, nullable: bool) -> Serializer:
    """Reads a scalar attribute and coerces it in one call (the board's most common field);
    _SLOW when the stock path must decide."""
    if leaf is GraphQLString or leaf is GraphQLID:

        def read_str(s: Any) -> Any:
            v = get(s)
            if v.__class__ is str:
                return v
            return None if v is None and nullable else _SLOW

        return read_str
    if leaf is GraphQLFloat:

        def read_float(s: Any) -> Any:
            v = get(s)
            if v.__class__ is float and v - v == 0.0:
                return v
            return None if v is None and nullable else _SLOW

        return read_float
    enum = _enum_names(leaf)
    if enum is not None:
        wrapped, names = enum

        def read_enum(s: Any) -> Any:
            v = get(s)
            if v.__class__ is wrapped:
                return names.get(v, _SLOW)
            return None if v is None and nullable else _SLOW

        return read_enum
    serialize = _serializer(leaf)

    def read(s: Any) -> Any:
        v = get(s)
        if v is None:
            return None if nullable else _SLOW
        return serialize(v)

    return read


class _Field:
    """How one field of one object type is read and, if a leaf, completed."""

    __slots__ = (
        "attribute",
        "attribute_leaf",
        "field_def",
        "info_class",
        "info_name",
        "is_list",
        "item_non_null",
        "item_type",
        "kwargs",
        "leaf",
        "method",
        "non_null",
        "object_type",
        "read",
        "return_type",
        "serialize",
        "serialize_type",
        "strawberry_field",
        "takes_self",
    )

    def __init__(self, field_def: GraphQLField) -> None:
        self.field_def = field_def
        self.return_type: GraphQLOutputType = field_def.type
        self.read: Callable[[Any], Any] | None = None
        self.method: Callable[..., Any] | None = None
        self.takes_self = False
        self.kwargs: dict[str, Any] = {}
        # the parameter the resolver takes `info` as, and how strawberry builds an Info
        self.info_name: str | None = None
        self.info_class: Any = None
        self.strawberry_field: StrawberryField | None = None
        self.leaf = False
        self.is_list = False
        self.non_null = False
        self.item_non_null = False
        self.serialize: Serializer = lambda v: _SLOW
        self.attribute_leaf: Serializer | None = None
        self.attribute: str | None = None  # read with plain getattr (for _compile_run)
        # an object type completed without graphql-core's dispatch (no `is_type_of` to ask)
        self.object_type: GraphQLObjectType | None = None
        t: Any = field_def.type
        if is_non_null_type(t):
            self.non_null, t = True, t.of_type
        self.item_type: GraphQLOutputType | None = None
        if is_list_type(t):
            self.is_list, t = True, t.of_type
            self.item_type = t
            if is_non_null_type(t):
                self.item_non_null, t = True, t.of_type
        self.serialize_type: Any = None  # the leaf type (of the items, for a list)
        if is_leaf_type(t):
            self.leaf = True
            self.serialize_type = t
            self.serialize = _serializer(t)
        elif is_object_type(t) and t.is_type_of is None:
            self.object_type = t

    def with_kwargs(self, kwargs: dict[str, Any]) -> "_Field":
        copy = _Field(self.field_def)
        copy.method, copy.takes_self, copy.kwargs = self.method, self.takes_self, kwargs
        copy.info_name, copy.info_class = self.info_name, self.info_class
        copy.strawberry_field = self.strawberry_field
        return copy


# per field definition (kept alive by the schema): None = always the stock way
_ANALYSED: dict[int, tuple[GraphQLField, _Field | None]] = {}


def _analyse(field_def: GraphQLField, strawberry_schema: Any) -> _Field | None:
    found = _ANALYSED.get(id(field_def))
    if found is not None and found[0] is field_def:
        return found[1]
    fast = _analyse_field(field_def, strawberry_schema)
    _ANALYSED[id(field_def)] = (field_def, fast)
    return fast


def _analyse_field(field_def: GraphQLField, strawberry_schema: Any) -> _Field | None:
    field = (field_def.extensions or {}).get(_DEFINITION)
    resolve = field_def.resolve
    if not isinstance(field, StrawberryField) or resolve is None or field.extensions:
        return None
    if type(field).get_result is not StrawberryField.get_result:
        return None
    name = getattr(resolve, "__name__", "")
    fast = _Field(field_def)
    if field.base_resolver is None:
        # strawberry's `_get_basic_result`: field.default_resolver(source, python_name)
        if name != "_get_basic_result" or field_def.args:
            return None
        default = field.default_resolver
        python_name = field.python_name
        fast.read = (
            attrgetter(python_name) if default is getattr else (lambda s: default(s, python_name))
        )
        plain_name = (
            default is getattr and python_name.isidentifier() and not iskeyword(python_name)
        )
        if fast.leaf and not fast.is_list:
            leaf = get_nullable_type(field_def.type)
            fast.attribute_leaf = _attribute_leaf(fast.read, leaf, not fast.non_null)
            if plain_name:
                fast.attribute = python_name
        elif fast.leaf and fast.item_non_null and _enum_names(fast.serialize_type) and plain_name:
            fast.attribute = python_name  # a list of enum members (a status's reasons)
        return fast
    resolver = field.base_resolver
    if (
        name != "_resolver"  # the sync wrapper (no exception handlers: checked below)
        or strawberry_schema is None
        or getattr(strawberry_schema, "exception_handlers", ())
        or type(resolver).__call__ is not StrawberryResolver.__call__
        or resolver.is_async
        or resolver.root_parameter is not None
        or resolver.parent_parameter is not None
        or not callable(resolver.wrapped_func)
    ):
        return None
    for argument in field.arguments:
        t = argument.type
        if isinstance(t, StrawberryOptional):
            t = t.of_type
        if t not in _PLAIN_ARGUMENT_TYPES:
            return None
    fast.method = resolver.wrapped_func
    fast.takes_self = resolver.self_parameter is not None
    if resolver.info_parameter is not None:
        fast.info_name = resolver.info_parameter.name
        fast.info_class = strawberry_schema.config.info_class
        fast.strawberry_field = field
    return fast


Run = Callable[[Any, dict[str, Any]], int]


def _compile_run(fields: list[tuple[str, _Field]]) -> Run:
    """One function reading a run of consecutive plain scalar attributes into the results,
    the per-field checks of `_attribute_leaf` inlined (a Python call per field is most of
    what is left of a field's cost). Returns how many fields it did: it stops before a field
    whose value needs the stock path (or whose read raised), which the caller then handles
    on its own, and the rest of the run one by one."""
    namespace: dict[str, Any] = {"SLOW": _SLOW}
    shape: list[tuple[str, str, bool]] = []
    for i, (response_name, fast) in enumerate(fields):
        leaf = fast.serialize_type
        namespace[f"K{i}"] = response_name
        enum = _enum_names(leaf)
        if fast.is_list and enum is not None:  # of enum members (_analyse_field)
            kind = "enums"
            namespace[f"E{i}"] = _enum_list(*enum)
        elif leaf is GraphQLString or leaf is GraphQLID:
            kind = "str"
        elif leaf is GraphQLFloat:
            kind = "float"
        elif enum is not None:
            kind = "enum"
            namespace[f"W{i}"], namespace[f"N{i}"] = enum
        else:
            kind = "other"
            namespace[f"S{i}"] = fast.serialize
        shape.append((fast.attribute or "", kind, fast.non_null))
    exec(_run_code(tuple(shape)), namespace)
    run: Run = namespace["run"]
    return run


_CHECKS = {
    "str": ("v.__class__ is str", "v"),
    "float": ("v.__class__ is float and v - v == 0.0", "v"),
    "enum": ("v.__class__ is W{i} and (r := N{i}.get(v, SLOW)) is not SLOW", "r"),
    "other": ("v is not None and (r := S{i}(v)) is not SLOW", "r"),
    "enums": ("v.__class__ is list and (r := E{i}(v)) is not SLOW", "r"),
}


def _enum_list(wrapped: type, names: dict[Any, str]) -> Serializer:
    """A list of the enum's members → their names; _SLOW for anything else in it."""

    def convert(values: list[Any]) -> Any:
        out = []
        for v in values:
            if v.__class__ is not wrapped or (name := names.get(v, _SLOW)) is _SLOW:
                return _SLOW
            out.append(name)
        return out

    return convert


@lru_cache(maxsize=256)
def _run_code(shape: tuple[tuple[str, str, bool], ...]) -> CodeType:
    """The code of a run, by its shape (attribute names from the schema, kinds, nullability;
    the response names, which the client picks, are in the namespace): compiling costs
    ~1 ms, so operations with the same selections share it."""
    lines = ["def run(s, R):", "    i = 0", "    try:"]
    for i, (attribute, kind, non_null) in enumerate(shape):
        check, value = _CHECKS[kind]
        lines += [
            f"        i = {i}",
            f"        v = s.{attribute}",
            f"        if {check.format(i=i)}:",
            f"            R[K{i}] = {value}",
            "        elif v is None:",
            f"            {f'return {i}' if non_null else f'R[K{i}] = None'}",
            "        else:",
            f"            return {i}",
        ]
    lines += ["    except Exception:", "        return i", f"    return {len(shape)}"]
    return compile("\n".join(lines), "<lodestar.api.execution run>", "exec")


class _LazyInfo:
    """The `info` a fast-path resolver is given: the operation's context at once, strawberry's
    Info — built as the stock path would build it for this field — for anything else, the
    first time it is read. Most resolvers read the context or nothing, and building an Info
    (graphql-core's resolve info, the path) costs more than the rest of such a field."""

    __slots__ = ("_details", "_executor", "_fast", "_info", "_name", "_parent_type", "_path")

    def __init__(
        self,
        executor: "FastExecutor",
        fast: _Field,
        parent_type: GraphQLObjectType,
        details: FieldDetailsList,
        path: Path | None,
        response_name: str,
    ) -> None:
        self._executor = executor
        self._fast = fast
        self._parent_type = parent_type
        self._details = details
        self._path = path
        self._name = response_name
        self._info: Any = None

    @property
    def context(self) -> Any:
        return self._executor.context_value

    def __getattr__(self, name: str) -> Any:
        info = self._info
        if info is None:
            parent_type = self._parent_type
            raw = self._executor.build_resolve_info(
                self._fast.field_def,
                to_nodes(self._details),
                parent_type,
                Path(self._path, self._name, parent_type.name),
            )
            info = self._info = self._fast.info_class(
                _raw_info=raw, _field=self._fast.strawberry_field
            )
        return getattr(info, name)


class FastExecutor(StrawberryGraphQLCoreExecutionContext):
    """strawberry's executor with a fast path for plain fields (see the module docstring)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        manager = self.middleware_manager
        self._fast = not (manager is not None and manager.middlewares)
        # per grouped field set of this operation (kept alive with its plan: ids stay unique)
        self._plans: dict[int, tuple[GroupedFieldSet, GraphQLObjectType, Plan | None]] = {}

    def build_per_event_executor(self, payload: Any) -> Executor:
        """graphql-core's copy of a subscription's executor for one event, with memos of its
        own. The copy is shallow: it would share with the subscription's executor, which lives
        as long as the subscription, graphql-core's collected subfields and our plans — memos
        keyed by the identity of field lists that each event collects anew, holding those
        lists so the identity stays unique. No later event finds an entry, yet each stayed
        until the subscription closed (~8 KB an event, issue 19)."""
        executor = super().build_per_event_executor(payload)
        assert isinstance(executor, FastExecutor)
        executor._relevant_sub_fields = {}
        executor._plans = {}
        return executor

    def _plan(
        self, parent_type: GraphQLObjectType, grouped_field_set: GroupedFieldSet
    ) -> Plan | None:
        cached = self._plans.get(id(grouped_field_set))
        if cached is not None and cached[0] is grouped_field_set and cached[1] is parent_type:
            return cached[2]
        strawberry_schema = getattr(self.schema, "_strawberry_schema", None)
        fields = [
            (name, details, self._plan_field(parent_type, details, strawberry_schema))
            for name, details in grouped_field_set.items()
        ]
        plan: Plan | None = []
        for index, (name, details, fast) in enumerate(fields):
            # a run of plain scalar attributes starting here (not inside one that did)
            run: list[tuple[str, _Field]] = []
            previous = fields[index - 1][2] if index else None
            if fast is not None and fast.attribute and not (previous and previous.attribute):
                for name_, _, fast_ in fields[index:]:
                    if fast_ is None or not fast_.attribute:
                        break
                    run.append((name_, fast_))
            plan.append(  # type: ignore[union-attr]
                (
                    name,
                    details,
                    fast,
                    fast.attribute_leaf if fast else None,
                    (_compile_run(run), len(run)) if len(run) > 1 else None,
                )
            )
        if not any(fast for _, _, fast in fields):
            plan = None
        self._plans[id(grouped_field_set)] = (grouped_field_set, parent_type, plan)
        return plan

    def _plan_field(
        self,
        parent_type: GraphQLObjectType,
        field_details_list: FieldDetailsList,
        strawberry_schema: Any,
    ) -> _Field | None:
        for details in field_details_list:
            if details.node.directives or details.fragment_variable_values is not None:
                return None
        first = field_details_list[0]
        field_def = self.schema.get_field(parent_type, first.node.name.value)
        if field_def is None:
            return None
        fast = _analyse(field_def, strawberry_schema)
        if fast is None or fast.method is None or not (field_def.args or first.node.arguments):
            return fast
        # arguments: coerced as graphql-core would, converted as strawberry would, once
        try:
            raw = get_argument_values(
                field_def, first.node, self.variable_values, None, self.hide_suggestions
            )
            field = field_def.extensions[_DEFINITION]
            kwargs = convert_arguments(
                raw,
                field.arguments,
                scalar_registry=strawberry_schema.schema_converter.scalar_registry,
                config=strawberry_schema.config,
            )
        except Exception:  # the stock path reports it
            return None
        if not all(v is None or v.__class__ in _PLAIN_ARGUMENT_TYPES for v in kwargs.values()):
            return None
        return fast.with_kwargs(kwargs)

    def execute_fields(
        self,
        parent_type: GraphQLObjectType,
        source_value: Any,
        path: Path | None,
        grouped_field_set: GroupedFieldSet,
        position_context: Any,
    ) -> AwaitableOrValue[dict[str, Any]]:
        plan = self._plan(parent_type, grouped_field_set) if self._fast else None
        if plan is None:
            return super().execute_fields(
                parent_type, source_value, path, grouped_field_set, position_context
            )
        results: dict[str, Any] = {}
        is_awaitable = self.is_awaitable
        awaitable_fields: list[str] = []
        type_name = parent_type.name
        count = len(plan)
        index = 0
        try:
            while index < count:
                response_name, field_details_list, fast, attribute_leaf, run = plan[index]
                index += 1
                if run is not None:
                    done = run[0](source_value, results)
                    if done == run[1]:
                        index += done - 1
                        continue
                    # the stock way decides for the field it stopped at, one by one after it
                    index += done - 1
                    response_name, field_details_list, fast, attribute_leaf, _ = plan[index]
                    index += 1
                if attribute_leaf is not None:
                    try:
                        result = attribute_leaf(source_value)
                    except Exception:
                        result = _SLOW
                    if result is not _SLOW:  # a leaf value: never awaitable
                        results[response_name] = result
                        continue
                    fast = None  # the stock way decides (and reports)
                if fast is None:
                    result = self.execute_field(
                        parent_type,
                        source_value,
                        field_details_list,
                        Path(path, response_name, type_name),
                        position_context,
                    )
                    if result is Undefined:
                        continue
                else:
                    try:
                        if fast.read is not None:
                            value = fast.read(source_value)
                        else:
                            kwargs = fast.kwargs
                            if fast.info_name is not None:
                                info = _LazyInfo(
                                    self, fast, parent_type, field_details_list, path, response_name
                                )
                                kwargs = {**kwargs, fast.info_name: info}
                            if fast.takes_self:
                                value = fast.method(source_value, **kwargs)  # type: ignore[misc]
                            else:
                                value = fast.method(**kwargs)  # type: ignore[misc]
                    except Exception as raw_error:
                        # as execute_field does when the resolver raises
                        self.handle_field_error(
                            raw_error,
                            fast.return_type,
                            field_details_list,
                            Path(path, response_name, type_name),
                        )
                        results[response_name] = None
                        continue
                    if fast.leaf:
                        result = self._complete_leaf(fast, value)
                        if result is not _SLOW:
                            results[response_name] = result
                            continue
                    result = self._complete(
                        parent_type,
                        fast,
                        field_details_list,
                        Path(path, response_name, type_name),
                        value,
                        position_context,
                    )
                results[response_name] = result
                if is_awaitable(result):
                    awaitable_fields.append(response_name)
        except Exception:
            if awaitable_fields:
                self.settle_in_background([results[field] for field in awaitable_fields])
            raise
        return self._finish(results, awaitable_fields)

    def _finish(self, results: C, awaitable: list[Any]) -> "C | Awaitable[C]":
        """`results` (a dict of fields or a list of items) once its awaitable entries are
        awaited — what graphql-core's execute_fields / complete_list_value return."""
        if not awaitable:
            return results
        return self._gather(results, awaitable)

    @staticmethod
    async def _gather(results: C, awaitable: list[Any]) -> C:
        if len(awaitable) == 1:
            results[awaitable[0]] = await results[awaitable[0]]
        else:
            awaited = await gather_with_cancel(*(results[key] for key in awaitable))
            for key, value in zip(awaitable, awaited, strict=True):
                results[key] = value
        return results

    @staticmethod
    def _complete_leaf(fast: _Field, value: Any) -> Any:
        if value is None:
            return _SLOW if fast.non_null else None
        serialize = fast.serialize
        if not fast.is_list:
            return serialize(value)
        if value.__class__ is not list:
            return _SLOW
        completed: list[Any] = []
        for item in value:
            if item is None:
                if fast.item_non_null:
                    return _SLOW
                completed.append(None)
                continue
            item = serialize(item)
            if item is _SLOW:
                return _SLOW
            completed.append(item)
        return completed

    def _complete(
        self,
        parent_type: GraphQLObjectType,
        fast: _Field,
        field_details_list: FieldDetailsList,
        path: Path,
        value: Any,
        position_context: Any,
    ) -> Any:
        """graphql-core's execute_field from the resolver's result on."""
        return_type = fast.return_type
        object_type = fast.object_type
        if object_type is not None and self._plain_objects(fast, value):
            completed: Any
            try:
                if value is None:  # nullable (else not plain)
                    return None
                if fast.is_list:
                    completed = self._complete_objects(
                        fast, object_type, field_details_list, path, value, position_context
                    )
                else:
                    completed = self._complete_object(
                        object_type, field_details_list, path, value, position_context
                    )
                if self.is_awaitable(completed):
                    return self._await_completed(completed, return_type, field_details_list, path)
            except Exception as raw_error:
                self.handle_field_error(raw_error, return_type, field_details_list, path)
                return None
            return completed
        info = self.build_resolve_info(
            fast.field_def, to_nodes(field_details_list), parent_type, path
        )
        try:
            if self.is_awaitable(value):
                return self.complete_awaitable_value(
                    return_type, field_details_list, info, path, value, position_context
                )
            completed = self.complete_value(
                return_type, field_details_list, info, path, value, position_context
            )
            if self.is_awaitable(completed):
                return self._await_completed(completed, return_type, field_details_list, path)
        except Exception as raw_error:
            self.handle_field_error(raw_error, return_type, field_details_list, path)
            return None
        return completed

    def _plain_objects(self, fast: _Field, value: Any) -> bool:
        """Whether `complete_value` would just execute the object's (each item's) selection:
        no null where one is not allowed, nothing to await, no exception as a value, a list
        (not some other iterable) where a list is due."""
        is_awaitable = self.is_awaitable
        if value is None:
            return not fast.non_null
        if is_awaitable(value) or isinstance(value, Exception):
            return False
        if not fast.is_list:
            return True
        if value.__class__ is not list:
            return False
        item_non_null = fast.item_non_null
        for item in value:
            if item is None:
                if item_non_null:
                    return False
            elif is_awaitable(item) or isinstance(item, Exception):
                return False
        return True

    def _complete_object(
        self,
        object_type: GraphQLObjectType,
        field_details_list: FieldDetailsList,
        path: Path,
        value: Any,
        position_context: Any,
    ) -> AwaitableOrValue[dict[str, Any]]:
        """complete_object_value for a type without `is_type_of`."""
        grouped_field_set, new_defer_usages, _ = self.collect_subfields(
            object_type, field_details_list
        )
        return self.execute_collected_subfields(
            object_type, value, path, grouped_field_set, new_defer_usages, position_context
        )

    def _complete_objects(
        self,
        fast: _Field,
        object_type: GraphQLObjectType,
        field_details_list: FieldDetailsList,
        path: Path,
        items: list[Any],
        position_context: Any,
    ) -> AwaitableOrValue[list[Any]]:
        """complete_iterable_value + complete_list_item_value for a plain list of objects."""
        grouped_field_set, new_defer_usages, _ = self.collect_subfields(
            object_type, field_details_list
        )
        execute = self.execute_collected_subfields
        is_awaitable = self.is_awaitable
        item_type: Any = fast.item_type
        completed_results: list[Any] = []
        awaitable_indices: list[int] = []
        whole, count = (
            self._whole_run(object_type, grouped_field_set)
            if position_context is None and not new_defer_usages
            else (None, 0)
        )
        try:
            for index, item in enumerate(items):
                if item is None:  # a nullable item (else not plain)
                    completed_results.append(None)
                    continue
                if whole is not None:
                    results: dict[str, Any] = {}
                    if whole(item, results) == count:
                        completed_results.append(results)
                        continue
                    # the item's own execute_fields decides (reading again has no effect)
                item_path = Path(path, index, None)
                try:
                    completed = execute(
                        object_type,
                        item,
                        item_path,
                        grouped_field_set,
                        new_defer_usages,
                        position_context,
                    )
                    if is_awaitable(completed):
                        completed = self._await_completed(
                            completed, item_type, field_details_list, item_path
                        )
                        awaitable_indices.append(index)
                except Exception as raw_error:
                    self.handle_field_error(raw_error, item_type, field_details_list, item_path)
                    completed = None
                completed_results.append(completed)
        except Exception:
            if awaitable_indices:
                self.settle_in_background([completed_results[i] for i in awaitable_indices])
            raise
        return self._finish(completed_results, awaitable_indices)

    def _whole_run(
        self, object_type: GraphQLObjectType, grouped_field_set: GroupedFieldSet
    ) -> tuple[Run | None, int]:
        """The compiled run of a selection that is nothing but one run of plain attributes (a
        key result on the board), with its length: each item of a list is then read by that
        one call, which is all execute_fields would do for it (no deferral in play)."""
        if not self._fast:
            return None, 0
        plan = self._plan(object_type, grouped_field_set)
        if not plan or plan[0][4] is None or plan[0][4][1] != len(plan):
            return None, 0
        return plan[0][4]

    async def _await_completed(
        self,
        completed: Awaitable[Any],
        return_type: GraphQLOutputType,
        field_details_list: FieldDetailsList,
        path: Path,
    ) -> Any:
        try:
            return await completed
        except Exception as raw_error:
            self.handle_field_error(raw_error, return_type, field_details_list, path)
            return None
