"""Every private name of strawberry, graphql-core and tortoise that our fast paths lean on.

The fast executor and the sharing of live results (`api/engine/`) and the bulk row loader
(`read/rows.py`) reach below those libraries' public API. What they reach is listed here, once,
and `tests/unit/test_private_names.py` resolves every entry and checks its shape (the parameters
we call or override with, the value we rely on), so an upgrade that moves one fails that test
naming the entry — not some query later. The same test scans those modules and fails on a
private name used without an entry here.

Private means: a name with a leading underscore; a method graphql-core marks `:meta private:`
(most of its `Executor`: the ones we override or call); anything imported from a module that is
not its package's public API (`PUBLIC_MODULES`); and what we read or override on those
(attributes, closures strawberry builds per field, attributes set on instances).

`where` says which of our modules uses it. With `LODESTAR_STOCK_EXECUTOR=1` the app serves
strawberry's own executor and installs nothing of `execution` and `sharing`: a break in one of
their entries can ship on it. `view` (the websocket adapter and handler) and `rows` are used
either way.
"""

from dataclasses import dataclass
from typing import Literal

Where = Literal["execution", "sharing", "view", "operations", "schema", "rows"]

# our modules, by the `where` of an entry
SOURCES: dict[Where, str] = {
    "execution": "backend/api/engine/execution.py",
    "sharing": "backend/api/engine/sharing.py",
    "view": "backend/api/engine/view.py",
    "operations": "backend/api/engine/operations.py",
    "schema": "backend/api/schema.py",
    "rows": "backend/read/rows.py",
}

# imports from these are public API (their documented packages); any other module of the three
# packages is internal
PUBLIC_MODULES = frozenset(
    {
        "graphql",
        "graphql.execution",
        "graphql.language",
        "graphql.pyutils",
        "strawberry",
        "strawberry.asgi",
        "strawberry.exceptions",
        "strawberry.extensions",
        "strawberry.http",
        "strawberry.subscriptions",
        "strawberry.tools",
        "strawberry.types",
        "tortoise",
        "tortoise.models",
        "tortoise.timezone",
    }
)

# methods strawberry documents for extending its views ("Extending the view") and its schema
# ("Handling errors": process_errors), though it defines them on internal base classes
PUBLIC_HOOKS = frozenset(
    {
        "get_context",
        "get_root_value",
        "process_result",
        "encode_json",
        "on_ws_connect",
        "process_errors",
    }
)

# how the test finds an entry: "attribute" = import `module`, then the dotted `name`;
# "instance" = `Class.attribute` set on instances (checked on one the test makes);
# "closure" = the `__qualname__` of a function strawberry builds for each field
Reach = Literal["attribute", "instance", "closure"]


@dataclass(frozen=True)
class Private:
    package: Literal["strawberry", "graphql", "tortoise"]  # where it is defined
    module: str  # where we reach it from
    name: str
    where: tuple[Where, ...]
    use: str
    # the parameters after self / cls, exactly, where we call or override it
    params: tuple[str, ...] | None = None
    reach: Reach = "attribute"

    def __str__(self) -> str:
        return f"{self.package}: {self.module}:{self.name}"


_CORE_EXECUTOR = "strawberry.schema.schema"  # graphql-core's Executor, through strawberry's
_EXECUTOR = "StrawberryGraphQLCoreExecutionContext"
_COLLECT = "graphql.execution.collect_fields"
_CONVERTER = "strawberry.schema.schema_converter"
_FIELD = "strawberry.types.field"
_RESOLVER = "strawberry.types.fields.resolver"
_WS = "strawberry.subscriptions.protocols.graphql_transport_ws.handlers"
_EX: tuple[Where, ...] = ("execution",)
_SH: tuple[Where, ...] = ("sharing",)
_ROWS: tuple[Where, ...] = ("rows",)
_COMPLETE = ("return_type", "field_details_list", "info", "path", "result", "position_context")

NAMES: tuple[Private, ...] = (
    # --- graphql-core: the executor's private methods the fast executor overrides or calls
    Private(
        "graphql",
        _CORE_EXECUTOR,
        f"{_EXECUTOR}.execute_fields",
        _EX,
        "overridden: a selection's plain fields are read and completed without the machinery",
        ("parent_type", "source_value", "path", "grouped_field_set", "position_context"),
    ),
    Private(
        "graphql",
        _CORE_EXECUTOR,
        f"{_EXECUTOR}.execute_field",
        _EX,
        "called: a field the fast path leaves to the stock way",
        ("parent_type", "source", "field_details_list", "path", "position_context"),
    ),
    Private(
        "graphql",
        _CORE_EXECUTOR,
        f"{_EXECUTOR}.handle_field_error",
        _EX,
        "called: a resolver that raised, reported as graphql-core does",
        ("raw_error", "return_type", "field_details_list", "path"),
    ),
    Private(
        "strawberry",
        _CORE_EXECUTOR,
        f"{_EXECUTOR}.build_resolve_info",
        _EX,
        "called: the info for a value completed the stock way",
        ("field_def", "field_nodes", "parent_type", "path"),
    ),
    Private(
        "graphql",
        _CORE_EXECUTOR,
        f"{_EXECUTOR}.complete_value",
        _EX,
        "called: a value the fast completion does not take",
        _COMPLETE,
    ),
    Private(
        "graphql",
        _CORE_EXECUTOR,
        f"{_EXECUTOR}.complete_awaitable_value",
        _EX,
        "called: an awaitable value, completed the stock way",
        _COMPLETE,
    ),
    Private(
        "graphql",
        _CORE_EXECUTOR,
        f"{_EXECUTOR}.collect_subfields",
        _EX,
        "called: an object's selection (unpacked as grouped_field_set, new_defer_usages, _)",
        ("return_type", "field_details_list"),
    ),
    Private(
        "graphql",
        _CORE_EXECUTOR,
        f"{_EXECUTOR}.execute_collected_subfields",
        _EX,
        "called: an object (or each item of a list) executed directly",
        (
            "parent_type",
            "source_value",
            "path",
            "grouped_field_set",
            "new_defer_usages",
            "delivery_group_map",  # what the executor calls position_context elsewhere
        ),
    ),
    Private(
        "graphql",
        _CORE_EXECUTOR,
        f"{_EXECUTOR}.settle_in_background",
        _EX,
        "called: pending fields of a selection that raised are settled, not leaked",
        ("awaitables",),
    ),
    Private(
        "graphql",
        _CORE_EXECUTOR,
        f"{_EXECUTOR}._relevant_sub_fields",
        _EX,
        "replaced on a subscription event's copy: shared, it kept every event's selections",
        reach="instance",
    ),
    # --- graphql-core: internal modules
    Private("graphql", _COLLECT, "FieldDetailsList", _EX, "the type of a field's nodes in a plan"),
    Private("graphql", _COLLECT, "GroupedFieldSet", _EX, "a selection: what a plan is made for"),
    Private(
        "graphql", _COLLECT, "CollectedFields.grouped_field_set", _EX, "collect_subfields' result"
    ),
    Private(
        "graphql", _COLLECT, "CollectedFields.new_defer_usages", _EX, "collect_subfields' result"
    ),
    Private("graphql", _COLLECT, "FieldDetails.node", _EX, "a field's name, arguments, directives"),
    Private(
        "graphql",
        _COLLECT,
        "FieldDetails.fragment_variable_values",
        _EX,
        "a field under fragment arguments goes the stock way",
    ),
    Private(
        "graphql",
        "graphql.execution.executor",
        "to_nodes",
        _EX,
        "the field nodes build_resolve_info takes",
        ("field_details_list",),
    ),
    Private(
        "graphql",
        "graphql.execution.values",
        "get_argument_values",
        _EX,
        "a method field's arguments coerced once per operation (called positionally)",
        ("type_def", "node", "variable_values", "fragment_variable_values", "hide_suggestions"),
    ),
    # --- strawberry: the executor and how it builds fields
    Private(
        "strawberry",
        _CORE_EXECUTOR,
        _EXECUTOR,
        ("execution",),
        "the fast executor's base; strawberry's own executor (LODESTAR_STOCK_EXECUTOR)",
    ),
    Private(
        "strawberry",
        "strawberry.execution",
        "optimized_is_awaitable",
        _EX,
        "a leaf value that needs awaiting goes the stock way",
        ("value",),
    ),
    Private(
        "strawberry",
        "strawberry.types.arguments",
        "convert_arguments",
        _EX,
        "a method field's arguments converted as strawberry would",
        ("value", "arguments", "scalar_registry", "config", "info"),
    ),
    Private(
        "strawberry",
        "strawberry.types.base",
        "StrawberryOptional",
        _EX,
        "an optional argument of a plain type",
    ),
    Private(
        "strawberry",
        "strawberry.types.base",
        "StrawberryOptional.of_type",
        _EX,
        "the type inside it",
        reach="instance",
    ),
    Private(
        "strawberry",
        _CONVERTER,
        "GraphQLCoreConverter",
        ("execution", "sharing"),
        "its DEFINITION_BACKREF",
    ),
    Private(
        "strawberry",
        _CONVERTER,
        "GraphQLCoreConverter.DEFINITION_BACKREF",
        ("execution", "sharing"),
        "the key of a GraphQL field's extensions holding its StrawberryField",
    ),
    Private(
        "strawberry",
        _CONVERTER,
        "GraphQLCoreConverter.scalar_registry",
        _EX,
        "passed to convert_arguments (via Schema.schema_converter)",
        reach="instance",
    ),
    Private(
        "strawberry",
        _CONVERTER,
        "GraphQLCoreConverter.from_resolver.<locals>._get_basic_result",
        _EX,
        "the resolve function of a plain field (no resolver): read with its default resolver",
        reach="closure",
    ),
    Private(
        "strawberry",
        _CONVERTER,
        "GraphQLCoreConverter.from_resolver.<locals>._resolver",
        _EX,
        "the sync resolve wrapper of a method field: its resolver may be called directly",
        reach="closure",
    ),
    Private(
        "strawberry",
        _CONVERTER,
        "CustomGraphQLEnumType.wrapped_cls",
        _EX,
        "a strawberry enum's Python class: members → names looked up once",
        reach="instance",
    ),
    Private(
        "strawberry",
        "graphql",
        "GraphQLSchema._strawberry_schema",
        ("execution", "sharing"),
        "the strawberry schema behind graphql-core's (set by strawberry)",
        reach="instance",
    ),
    Private(
        "strawberry",
        "strawberry",
        "Schema._schema",
        _SH,
        "graphql-core's schema behind strawberry's: DirectFrames builds an executor on it",
        reach="instance",
    ),
    Private(
        "strawberry",
        "strawberry.extensions",
        "SchemaExtension._implements_resolve",
        _SH,
        "an extension hooking resolve could change a result: no direct frames then",
        (),
    ),
    Private("strawberry", _FIELD, "StrawberryField", ("execution", "sharing"), "a field's spec"),
    Private(
        "strawberry",
        _FIELD,
        "StrawberryField.get_result",
        _EX,
        "a field class overriding it goes the stock way (identity check)",
    ),
    Private(
        "strawberry",
        _FIELD,
        "StrawberryField.is_basic_field",
        _SH,
        "a field without resolver, extension or permission: its result may be shared",
    ),
    Private("strawberry", _FIELD, "StrawberryField.base_resolver", _EX, "the method, if any"),
    Private("strawberry", _FIELD, "StrawberryField.python_name", _EX, "the attribute to read"),
    Private("strawberry", _FIELD, "StrawberryField.arguments", _EX, "only plain scalars: fast"),
    Private(
        "strawberry",
        _FIELD,
        "StrawberryField.default_resolver",
        _EX,
        "getattr (else called) to read a plain field",
        reach="instance",
    ),
    Private(
        "strawberry",
        _FIELD,
        "StrawberryField.extensions",
        _EX,
        "a field with extensions goes the stock way",
        reach="instance",
    ),
    Private("strawberry", _RESOLVER, "StrawberryResolver", _EX, "a method field's resolver"),
    Private(
        "strawberry",
        _RESOLVER,
        "StrawberryResolver.__call__",
        _EX,
        "a resolver class overriding it goes the stock way (identity check)",
    ),
    Private("strawberry", _RESOLVER, "StrawberryResolver.is_async", _EX, "async: stock way"),
    Private(
        "strawberry",
        _RESOLVER,
        "StrawberryResolver.info_parameter",
        _EX,
        "asks for info: stock way",
    ),
    Private(
        "strawberry",
        _RESOLVER,
        "StrawberryResolver.root_parameter",
        _EX,
        "asks for root: stock way",
    ),
    Private(
        "strawberry",
        _RESOLVER,
        "StrawberryResolver.parent_parameter",
        _EX,
        "asks for the parent: stock way",
    ),
    Private(
        "strawberry",
        _RESOLVER,
        "StrawberryResolver.self_parameter",
        _EX,
        "whether the method is called with the object",
    ),
    Private(
        "strawberry",
        _RESOLVER,
        "StrawberryResolver.wrapped_func",
        _EX,
        "the method called directly",
        reach="instance",
    ),
    # --- strawberry: the websocket transport
    Private(
        "strawberry",
        "strawberry.asgi",
        "ASGIWebSocketAdapter",
        ("view",),
        "subclassed (undocumented): text frames, a shared result encoded once",
    ),
    Private(
        "strawberry",
        "strawberry.asgi",
        "ASGIWebSocketAdapter.send_json",
        ("view",),
        "overridden",
        ("message",),
    ),
    Private(
        "strawberry",
        "strawberry.asgi",
        "ASGIWebSocketAdapter.ws",
        ("view",),
        "the Starlette websocket it sends on",
        reach="instance",
    ),
    Private(
        "strawberry",
        "strawberry.asgi",
        "GraphQL.websocket_adapter_class",
        ("view",),
        "set to our adapter (undocumented)",
    ),
    Private(
        "strawberry",
        "strawberry.asgi",
        "GraphQL.graphql_transport_ws_handler_class",
        ("view",),
        "set to our handler (undocumented)",
    ),
    Private(
        "strawberry",
        "strawberry.http.exceptions",
        "WebSocketDisconnected",
        ("view",),
        "what the handler expects when a send finds the socket gone",
    ),
    Private(
        "strawberry",
        _WS,
        "BaseGraphQLTransportWSHandler",
        ("view",),
        "subclassed: tells a subscription which operation it serves",
    ),
    Private(
        "strawberry",
        _WS,
        "BaseGraphQLTransportWSHandler.run_operation",
        ("view",),
        "overridden (runs in the operation's own task)",
        ("operation",),
    ),
    Private(
        "strawberry",
        _WS,
        "BaseGraphQLTransportWSHandler.handle_connection_init",
        ("view",),
        "overridden: the init's timeout task is let go once the init came",
        ("message",),
    ),
    Private(
        "strawberry",
        _WS,
        "BaseGraphQLTransportWSHandler.connection_init_received",
        ("view",),
        "read: whether the init came (then its timeout task is let go)",
        reach="instance",
    ),
    Private(
        "strawberry",
        _WS,
        "BaseGraphQLTransportWSHandler.connection_init_timeout_task",
        ("view",),
        "set to None once the init came (strawberry kept the cancelled task for the socket's "
        "life); its shutdown skips a None",
        reach="instance",
    ),
    Private(
        "strawberry",
        _WS,
        "BaseGraphQLTransportWSHandler.handle_pong",
        ("view",),
        "overridden: a client's pong acknowledges what was sent before the ping (live/flow.py)",
        ("message",),
    ),
    Private(
        "strawberry",
        _WS,
        "BaseGraphQLTransportWSHandler.handle_message",
        ("view",),
        "overridden: a malformed frame is closed with 4400 before strawberry reads it",
        ("message",),
    ),
    Private(
        "strawberry",
        _WS,
        "BaseGraphQLTransportWSHandler.handle_invalid_message",
        ("view",),
        "called: closes the socket with 4400 and the reason",
        ("error_message",),
    ),
    Private("strawberry", _WS, "Operation", ("view",), "the operation a subscription serves"),
    Private(
        "strawberry",
        "strawberry.http.base",
        "BaseView.decode_json",
        ("view",),
        "overridden: a POST body comes parsed already (orjson, off the loop when large)",
        ("data",),
    ),
    Private(
        "strawberry",
        "strawberry.schema.exceptions",
        "CannotGetOperationTypeError",
        ("view",),
        "the cause of the 400 for an unknown operationName (answered as JSON)",
    ),
    Private(
        "strawberry",
        "strawberry.schema.exceptions",
        "InvalidOperationTypeError",
        ("view", "operations"),
        "raised for a subscription over HTTP; the view answers it as JSON",
    ),
    Private(
        "strawberry",
        "strawberry.types",
        "ExecutionContext._provided_operation_name",
        ("operations",),
        "whether the request named its operation (strawberry would run the first)",
        reach="instance",
    ),
    Private(
        "strawberry",
        _WS,
        "Operation.send_operation_message",
        _SH,
        "DirectFrames sends a shared result through it",
        ("message",),
    ),
    Private("strawberry", _WS, "Operation.id", _SH, "the frame's id"),
    Private(
        "strawberry",
        "strawberry.types",
        "Info._raw_info",
        _SH,
        "graphql-core's info under strawberry's: the schema and fragments the subscription's "
        "executor runs with (DirectFrames works out the share key from them)",
        reach="instance",
    ),
    Private("strawberry", _WS, "Operation.operation_name", _SH, "its operation name"),
    # --- tortoise: what read/rows.py mirrors of Model._init_from_db
    Private(
        "tortoise",
        "tortoise.models",
        "Model._init_from_db",
        _ROWS,
        "what build() does faster: the instance attributes below, then every column",
    ),
    *(
        Private(
            "tortoise",
            "tortoise.models",
            f"Model.{attribute}",
            _ROWS,
            "set by build() as _init_from_db sets it",
            reach="instance",
        )
        for attribute in ("_partial", "_saved_in_db", "_custom_generated_pk", "_await_when_save")
    ),
    Private("tortoise", "tortoise.models", "Model._meta", _ROWS, "a model's columns and fields"),
    *(
        Private("tortoise", "tortoise.models", f"MetaInfo.{attribute}", _ROWS, use)
        for attribute, use in (
            ("fields_db_projection", "attribute → column, in select order"),
            ("db_native_fields", "columns the driver converts"),
            ("db_default_fields", "columns converted by the field's type"),
            ("db_complex_fields", "columns converted by to_python_value"),
            ("db_pk_column", "for _custom_generated_pk"),
            ("generated_db_fields", "for _custom_generated_pk"),
        )
    ),
    Private(
        "tortoise",
        "tortoise.backends.base.client",
        "BaseDBAsyncClient",
        _ROWS,
        "the connection's type",
    ),
    Private(
        "tortoise",
        "tortoise.backends.base.client",
        "BaseDBAsyncClient.capabilities",
        _ROWS,
        "its dialect: `$n` placeholders and ANY(array) on PostgreSQL",
    ),
    Private(
        "tortoise",
        "tortoise.backends.base.client",
        "BaseDBAsyncClient.execute_query",
        _ROWS,
        "the raw SELECT",
        ("query", "values"),
    ),
    Private("tortoise", "tortoise.fields.data", "CharEnumFieldInstance", _ROWS, "an enum column"),
    Private(
        "tortoise",
        "tortoise.fields.data",
        "CharEnumFieldInstance.enum_type",
        _ROWS,
        "its enum: values → members looked up once",
        reach="instance",
    ),
    Private("tortoise", "tortoise.fields.data", "DateField", _ROWS, "a date column: fromisoformat"),
    Private(
        "tortoise",
        "tortoise.fields.data",
        "DatetimeField",
        _ROWS,
        "a datetime column: fromisoformat, in the default zone as to_python_value does",
    ),
)
