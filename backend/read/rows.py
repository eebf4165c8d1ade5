"""Bulk reads that build Tortoise model instances cheaply.

Tortoise turns each fetched row into a model through `Model._init_from_db`, converting every
complex column one value at a time (datetimes through `iso8601`, enums through `Enum()`).
For a cycle's thousands of key results that is most of the load time. `fetch_models` runs
the same SELECT with the raw client and converts each column with a converter picked once per
query — `datetime.fromisoformat` (C) for SQLite's datetime text, a dict for enums — and
converts each distinct value of a column once (a column holds a handful of enum members and
dates, and bulk-created rows share timestamps).

The instances are real models — the same attributes, values and types as Tortoise gives (every
column is selected, so none is partial) — and may be saved like any other.
"""

import re
from collections.abc import Callable, Sequence
from datetime import date, datetime
from enum import Enum
from typing import Any, TypeVar, cast

from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.fields.data import CharEnumFieldInstance, DateField, DatetimeField
from tortoise.models import Model
from tortoise.timezone import get_default_timezone, get_use_tz

from ..db import reader

M = TypeVar("M", bound=Model)
Convert = Callable[[Any], Any]

_PLACEHOLDER = re.compile(r"\?")


def client() -> BaseDBAsyncClient:
    """The transaction's own connection inside `in_transaction()`, else the read one."""
    return reader()


def is_postgres(db: BaseDBAsyncClient) -> bool:
    return db.capabilities.dialect == "postgres"


def placeholders(db: BaseDBAsyncClient, sql: str) -> str:
    """SQL written with `?` placeholders, numbered `$n` for asyncpg. (Our SQL has no `?`
    inside string literals.)"""
    if not is_postgres(db):
        return sql
    numbers = iter(range(1, 10_000))
    return _PLACEHOLDER.sub(lambda _: f"${next(numbers)}", sql)


def in_ids(db: BaseDBAsyncClient, column: str, ids: Sequence[int]) -> tuple[str, list[Any]]:
    """`column IN (...)` for a list of ids: one array parameter on PostgreSQL."""
    if not ids:
        return "1 = 0", []
    if is_postgres(db):
        return f"{column} = ANY(?)", [list(ids)]
    return f"{column} IN ({','.join('?' * len(ids))})", list(ids)


def columns(model: type[Model], alias: str) -> str:
    """Every column of the model, qualified by `alias`, in `_meta.fields_db_projection` order."""
    return ", ".join(f'{alias}."{col}"' for col in model._meta.fields_db_projection.values())


def _none_or(parse: Convert) -> Convert:
    def convert(value: Any) -> Any:
        return None if value is None else parse(value)

    return convert


def _datetime(field: DatetimeField) -> Convert:
    if not get_use_tz():
        return field.to_python_value
    tz = get_default_timezone()

    def parse(value: Any) -> Any:
        if isinstance(value, str):
            try:
                value = datetime.fromisoformat(value)
            except ValueError:  # a format only iso8601 reads: the slow path
                return field.to_python_value(value)
        elif not isinstance(value, datetime):
            return field.to_python_value(value)
        # as DatetimeField.to_python_value with use_tz: naive → the default zone
        if value.utcoffset() is None:
            return value.replace(tzinfo=tz)
        return value.astimezone(tz)

    return _none_or(parse)


def _date(field: DateField) -> Convert:
    def parse(value: Any) -> Any:
        if isinstance(value, date):
            return value
        if isinstance(value, str) and len(value) == 10:
            return date.fromisoformat(value)
        return field.to_python_value(value)

    return _none_or(parse)


def _enum(field: CharEnumFieldInstance) -> Convert:
    enum_type: type[Enum] = field.enum_type
    members = {str(m.value): m for m in enum_type}

    def convert(value: Any) -> Any:
        if value is None:
            return None
        found = members.get(value)
        return found if found is not None else enum_type(value)

    return convert


def _type(field_type: type) -> Convert:
    def convert(value: Any) -> Any:
        return None if value is None else field_type(value)

    return convert


def converters(model: type[Model]) -> list[tuple[str, Convert | None]]:
    """(attribute, converter or None for as-is) per column of `columns(model)`, following
    Tortoise's own split into native, default and complex fields."""
    meta = model._meta
    native = {key for key, _, _ in meta.db_native_fields}
    default = {key: field for key, _, field in meta.db_default_fields}
    complex_ = {key: field for key, _, field in meta.db_complex_fields}
    out: list[tuple[str, Convert | None]] = []
    for attr, column in meta.fields_db_projection.items():
        convert: Convert | None
        if column in native:
            convert = None
        elif column in default:
            convert = _type(default[column].field_type)
        else:
            field = complex_[column]
            if isinstance(field, DatetimeField):
                convert = _datetime(field)
            elif isinstance(field, DateField):
                convert = _date(field)
            elif isinstance(field, CharEnumFieldInstance):
                convert = _enum(field)
            else:
                convert = field.to_python_value
        out.append((attr, convert))
    return out


def build(model: type[M], rows: Sequence[Sequence[Any]]) -> list[M]:
    """Model instances from rows holding `columns(model)` in order, as `_init_from_db` makes
    them (saved, not partial).

    Converted column by column: each distinct value of a column is converted once and the
    column is mapped through that table (a column holds a handful of enum members, dates and
    bulk timestamps)."""
    meta = model._meta
    custom_pk = meta.db_pk_column not in meta.generated_db_fields
    convs = converters(model)
    names = [name for name, _ in convs]
    if not rows:
        return []
    cols: list[Sequence[Any]] = list(zip(*rows, strict=True))
    for i, (_, convert) in enumerate(convs):
        if convert is not None:
            cols[i] = _convert_column(convert, cols[i])
    new = model.__new__
    out: list[M] = []
    append = out.append
    for values in zip(*cols, strict=True):
        obj = new(model)
        state = obj.__dict__
        state["_partial"] = False
        state["_saved_in_db"] = True
        state["_custom_generated_pk"] = custom_pk
        state["_await_when_save"] = {}
        state.update(zip(names, values, strict=True))
        append(obj)
    return out


def _convert_column(convert: Convert, column: Sequence[Any]) -> Sequence[Any]:
    try:
        table = {v: convert(v) for v in set(column)}
    except TypeError:  # unhashable values (JSON): one by one
        return [convert(v) for v in column]
    return list(map(table.__getitem__, column))


async def fetch_models(model: type[M], sql: str, params: Sequence[Any] = ()) -> list[M]:
    """Run `SELECT {columns(model, alias)} ...` (written with `?` placeholders) and build the
    models. One statement."""
    return build(model, await fetch_rows(sql, params))


async def fetch_rows(sql: str, params: Sequence[Any] = ()) -> list[Sequence[Any]]:
    """Raw rows (tuples / records) of a SELECT written with `?` placeholders."""
    db = client()
    _, rows = await db.execute_query(placeholders(db, sql), list(params))
    # typed as dicts; the drivers return sqlite3.Row / asyncpg.Record, read by position
    return cast(list[Sequence[Any]], list(rows))
