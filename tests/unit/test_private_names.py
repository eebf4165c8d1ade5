"""The private names of strawberry, graphql-core and tortoise our fast paths lean on
(backend/private_names.py): each still resolves and has the shape we rely on, and nothing
private is used in those modules without an entry. A failure names the entry and what we use
it for: read the library's change, adapt the code and the entry (or serve on
LODESTAR_STOCK_EXECUTOR=1 meanwhile when only `execution` and `sharing` entries fail)."""

import ast
import importlib
import inspect
import re
from dataclasses import replace
from datetime import timedelta
from enum import Enum
from functools import cache
from types import SimpleNamespace
from typing import Any, NoReturn

import pytest
import strawberry
from graphql import GraphQLObjectType, parse
from strawberry.asgi import ASGIWebSocketAdapter
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext
from strawberry.types import ExecutionContext
from tortoise.fields import CharEnumField
from tortoise.models import Model

from backend.api.engine.execution import FastExecutor
from backend.api.engine.sharing import sharing_executor
from backend.api.engine.view import TransportWSHandler
from backend.private_names import NAMES, PUBLIC_HOOKS, PUBLIC_MODULES, SOURCES, Private
from backend.settings import ROOT

PACKAGES = ("strawberry", "graphql", "tortoise")
PRIVATE_STRING = re.compile(r"_[A-Za-z]\w*")


# ---------------------------------------------------------------- samples of run-time shapes


@strawberry.enum
class Tint(Enum):
    RED = "red"


@strawberry.type
class Probe:
    plain: str
    tint: Tint

    @strawberry.field
    def method(self, times: int | None = None) -> str:
        return "x" * (times or 1)


@strawberry.type
class Query:
    @strawberry.field
    def probe(self) -> Probe:
        return Probe(plain="p", tint=Tint.RED)


class Row(Model):
    """A model with no columns, never registered: what Tortoise sets on any row it loads."""

    class Meta:
        abstract = True


Row._meta = SimpleNamespace(  # type: ignore[assignment]
    db_pk_column="id",
    generated_db_fields=("id",),
    db_native_fields=[],
    db_default_fields=[],
    db_complex_fields=[],
    fk_fields=set(),
    o2o_fields=set(),
)


@cache
def _samples() -> dict[str, Any]:
    """An instance of each class whose instances carry a listed attribute."""
    schema = strawberry.Schema(query=Query)
    graphql_schema = schema._schema
    definition = schema.get_type_by_name("Probe")
    method = next(f for f in definition.fields if f.python_name == "method")  # type: ignore[union-attr]
    return {
        "Schema": schema,
        "GraphQLSchema": graphql_schema,
        "GraphQLCoreConverter": schema.schema_converter,
        "CustomGraphQLEnumType": graphql_schema.type_map["Tint"],
        "StrawberryField": method,
        "StrawberryResolver": method.base_resolver,
        "StrawberryOptional": method.arguments[0].type,
        "ASGIWebSocketAdapter": ASGIWebSocketAdapter(None, None, object()),  # type: ignore[arg-type]
        "CharEnumFieldInstance": CharEnumField(Tint),
        "Model": Row._init_from_db(),
        "ExecutionContext": ExecutionContext(
            query="{ probe { plain } }", schema=schema, allowed_operations=()
        ),
        "StrawberryGraphQLCoreExecutionContext": StrawberryGraphQLCoreExecutionContext.build(
            graphql_schema, parse("{ probe { plain } }")
        ),
        "Info": strawberry.Info(_raw_info=None, _field=method),  # type: ignore[arg-type]
        "BaseGraphQLTransportWSHandler": TransportWSHandler(
            view=None,  # type: ignore[arg-type]
            websocket=None,  # type: ignore[arg-type]
            context=None,  # type: ignore[arg-type]
            root_value=None,
            schema=schema,
            connection_init_wait_timeout=timedelta(seconds=1),
        ),
    }


@cache
def _closures() -> dict[str, str]:
    """The qualified name of each probe field's resolve function, by field."""
    graphql_schema = strawberry.Schema(query=Query)._schema
    probe = graphql_schema.type_map["Probe"]
    assert isinstance(probe, GraphQLObjectType)
    return {name: getattr(f.resolve, "__qualname__", "") for name, f in probe.fields.items()}


# which probe field shows each closure strawberry builds
CLOSURE_FIELDS = {"_get_basic_result": "plain", "_resolver": "method"}


# ---------------------------------------------------------------- every entry resolves


def _fail(entry: Private, problem: str) -> NoReturn:
    pytest.fail(
        f"{entry}: {problem}\n  used by {', '.join(entry.where)} for: {entry.use}", pytrace=False
    )


def _resolve(entry: Private) -> Any:
    """The object `entry` names (its module when the name is empty); fails naming it."""
    problem = ""
    try:
        found: Any = importlib.import_module(entry.module)
        for part in filter(None, entry.name.split(".")):
            found = getattr(found, part)
    except (ImportError, AttributeError) as exc:
        problem = f"it is gone ({exc})"
    if problem:
        _fail(entry, problem)
    return found


def _params(parent: Any, obj: Any, name: str) -> tuple[str, ...]:
    params = tuple(inspect.signature(obj).parameters)
    static = inspect.getattr_static(parent, name, None) if inspect.isclass(parent) else None
    if inspect.isclass(parent) and inspect.isfunction(obj) and not isinstance(static, staticmethod):
        params = params[1:]  # self
    return params


@pytest.mark.parametrize("entry", NAMES, ids=str)
def test_each_listed_name_resolves_with_its_shape(entry: Private) -> None:
    *owner, attribute = entry.name.split(".")
    if entry.reach == "closure":
        field = CLOSURE_FIELDS.get(attribute)
        if field is None:
            _fail(entry, "no probe field shows this closure (add one to CLOSURE_FIELDS)")
        found = _closures()[field]
        if found != entry.name:
            _fail(entry, f"the probe's `{field}` field now resolves through {found!r}")
        return
    if entry.reach == "instance":
        sample = _samples().get(owner[-1])
        if sample is None:
            _fail(entry, f"no sample {owner[-1]} to look for the attribute on")
        cls = _resolve(replace(entry, name=".".join(owner)))
        if not isinstance(sample, cls):
            _fail(entry, f"the sample is a {type(sample).__name__}, not a {cls}")
        if not hasattr(sample, attribute):
            _fail(entry, f"a {owner[-1]} no longer has `{attribute}`")
        return
    parent, obj = _resolve(replace(entry, name=".".join(owner))), _resolve(entry)
    # a method strawberry now overrides is not graphql-core's any more (and vice versa)
    defined_in = str(getattr(obj, "__module__", ""))
    checkable = inspect.isclass(obj) or inspect.isfunction(obj)
    if checkable and defined_in.split(".")[0] != entry.package:
        _fail(entry, f"it is now defined in {defined_in}")
    if entry.params is not None:
        found_params = _params(parent, obj, attribute)
        if found_params != entry.params:
            _fail(entry, f"its parameters are now {found_params}, we rely on {entry.params}")


def test_tortoise_sets_exactly_the_instance_attributes_rows_sets() -> None:
    """read/rows.py builds models as Model._init_from_db does; a new private attribute there
    must be set by rows.build too (tests/api/test_rows.py compares whole models)."""
    made = set(vars(_samples()["Model"]))
    listed = {
        e.name.split(".")[1] for e in NAMES if e.name.startswith("Model.") and e.reach == "instance"
    }
    assert made == listed, f"Model._init_from_db sets {sorted(made)}, listed {sorted(listed)}"


def test_the_entries_are_distinct() -> None:
    assert len({(e.module, e.name) for e in NAMES}) == len(NAMES)


# ---------------------------------------------------------------- nothing private unlisted


def _trees() -> dict[str, ast.Module]:
    return {path: ast.parse((ROOT / path).read_text()) for path in SOURCES.values()}


def _own_names(tree: ast.Module) -> set[str]:
    """Names the module itself defines: functions, classes, variables, attributes it assigns
    on `self`, its __slots__; and the `_lodestar…` attributes it puts on objects."""
    own: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            own.add(node.name)
        elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            own.add(node.id)
        elif (
            isinstance(node, ast.Attribute)
            and isinstance(node.ctx, ast.Store)
            and isinstance(node.value, ast.Name)
            and node.value.id == "self"
        ):
            own.add(node.attr)
        elif isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == "__slots__" for t in node.targets
        ):
            own |= {str(c.value) for c in ast.walk(node.value) if isinstance(c, ast.Constant)}
        elif isinstance(node, ast.Constant) and str(node.value).startswith("_lodestar"):
            own.add(str(node.value))
    return own


def _private_name(name: str) -> bool:
    return bool(PRIVATE_STRING.fullmatch(name)) and not name.startswith("__")


def test_no_private_name_is_used_without_an_entry() -> None:
    """In the modules of SOURCES: every import from an internal module of the three packages,
    and every `_name` attribute or string that is not the module's own, has an entry."""
    imported = {(e.module, e.name) for e in NAMES}
    listed_attributes = {e.name.split(".")[-1] for e in NAMES}
    unlisted: list[str] = []
    for path, tree in _trees().items():
        own = _own_names(tree)
        for node in ast.walk(tree):
            where = f"{path}:{getattr(node, 'lineno', '?')}"
            if isinstance(node, ast.ImportFrom) and node.module:
                if node.module.split(".")[0] in PACKAGES and node.module not in PUBLIC_MODULES:
                    unlisted += [
                        f"{where} imports {node.module}.{alias.name}"
                        for alias in node.names
                        if (node.module, alias.name) not in imported
                    ]
            elif isinstance(node, ast.Import):
                unlisted += [
                    f"{where} imports {alias.name}"
                    for alias in node.names
                    if alias.name.split(".")[0] in PACKAGES and alias.name not in PUBLIC_MODULES
                ]
            elif isinstance(node, ast.Attribute) and _private_name(node.attr):
                if node.attr not in own and node.attr not in listed_attributes:
                    unlisted.append(f"{where} reaches .{node.attr}")
            elif isinstance(node, ast.Constant) and isinstance(node.value, str):
                value = node.value
                if _private_name(value) and value not in own and value not in listed_attributes:
                    unlisted.append(f"{where} names {value!r}")
    assert not unlisted, "without an entry in backend/private_names.py:\n" + "\n".join(unlisted)


def _our_classes() -> list[tuple[type, str]]:
    """Each class of ours with the name it has in the source."""
    made = sharing_executor(FastExecutor)  # made at run time by install()
    classes: list[tuple[type, str]] = [(made, "SharingExecutor")]
    for path in SOURCES.values():
        module = importlib.import_module(path.removesuffix(".py").replace("/", "."))
        classes += [
            (c, c.__name__)
            for c in vars(module).values()
            if inspect.isclass(c) and c.__module__ == module.__name__
        ]
    return classes


def _is_theirs(cls: type) -> bool:
    return cls.__module__.split(".")[0] in PACKAGES


def _exported(cls: type) -> bool:
    return any(
        getattr(importlib.import_module(m), cls.__name__, None) is cls for m in PUBLIC_MODULES
    )


def _class_names(tree: ast.Module, class_name: str) -> tuple[set[str], set[str]]:
    """What a class of ours defines in its body, and what it reaches through `self.` and
    `super().`."""
    node = next(n for n in ast.walk(tree) if isinstance(n, ast.ClassDef) and n.name == class_name)
    defined: set[str] = set()
    for statement in node.body:
        if isinstance(statement, ast.FunctionDef | ast.AsyncFunctionDef):
            defined.add(statement.name)
        elif isinstance(statement, ast.Assign | ast.AnnAssign):
            targets = statement.targets if isinstance(statement, ast.Assign) else [statement.target]
            defined |= {t.id for t in targets if isinstance(t, ast.Name)}
    reached: set[str] = set()
    for sub in ast.walk(node):
        if isinstance(sub, ast.Attribute) and (
            (isinstance(sub.value, ast.Name) and sub.value.id == "self")
            or (
                isinstance(sub.value, ast.Call)
                and isinstance(sub.value.func, ast.Name)
                and sub.value.func.id == "super"
            )
        ):
            reached.add(sub.attr)
    return defined, reached


def test_what_our_subclasses_override_or_call_of_theirs_is_listed() -> None:
    """A class of ours built on one of theirs: a private member of theirs it overrides or
    calls (underscored, graphql-core's `:meta private:`, or of a class no public module
    exports) has an entry; and a private name of ours does not shadow one of theirs."""
    members: set[tuple[type, str]] = set()
    for entry in NAMES:
        *owner, attribute = entry.name.split(".")
        if owner and entry.reach == "attribute":
            members.add((_resolve(replace(entry, name=".".join(owner))), attribute))
    trees = _trees()
    problems: list[str] = []
    for cls, source_name in _our_classes():
        theirs = [c for c in cls.__mro__ if _is_theirs(c)]
        if not theirs:
            continue
        tree = next(t for p, t in trees.items() if cls.__module__ == p[:-3].replace("/", "."))
        defined, reached = _class_names(tree, source_name)
        for name in sorted(defined | reached):
            theirs_with = next((c for c in theirs if name in vars(c)), None)
            if theirs_with is None or name in PUBLIC_HOOKS:
                continue
            if name.startswith("__") and name.endswith("__"):
                continue
            member = f"{theirs_with.__module__}.{theirs_with.__qualname__}.{name}"
            if _private_name(name) and name in defined:
                problems.append(f"{cls.__name__}.{name} shadows {member}")
                continue
            doc = inspect.getdoc(vars(theirs_with)[name]) or ""
            private = _private_name(name) or ":meta private:" in doc
            if (private or not _exported(theirs_with)) and not any(
                (c, name) in members for c in cls.__mro__
            ):
                problems.append(f"{cls.__name__} uses {member}")
    assert not problems, "\n".join(problems)
