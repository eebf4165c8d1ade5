"""The organization document: one versioned JSON object holding an organization's rows, table by
table, as `lodestar export` writes them and `lodestar import` reads them.

Every model of the app is either carried (its rows of the organization) or left out on purpose
(`LEFT_OUT`, with the reason): a new model fails a test until someone decides which. Values are
JSON-safe: instants as ISO-8601 with their offset, dates as ISO dates, enums by value.
"""

from collections.abc import Iterator
from datetime import date, datetime
from enum import Enum
from typing import Any

from tortoise import Tortoise, fields
from tortoise.fields.relational import ManyToManyFieldInstance
from tortoise.models import Model

FORMAT = "lodestar.organization"
VERSION = 1

# tables never carried, and why
LEFT_OUT: dict[str, str] = {
    "auth_token": "sessions and API tokens stay with the server that issued them (sign in again)",
    "login_failure": "sign-in attempts are short-lived and not the organization's data",
}


def models() -> list[type[Model]]:
    """Every model of the app, in an order where a row's required references come first."""
    found = {m._meta.db_table: m for m in Tortoise.apps["models"].values()}
    ordered: list[type[Model]] = []
    placed: set[str] = set()

    def place(model: type[Model], trail: tuple[str, ...] = ()) -> None:
        table = model._meta.db_table
        if table in placed:
            return
        if table in trail:
            raise ValueError(f"required references form a loop: {' → '.join((*trail, table))}")
        for _, target, null in references(model):
            if not null and target is not model:
                place(target, (*trail, table))
        placed.add(table)
        ordered.append(model)

    for table in sorted(found):
        place(found[table])
    return ordered


def references(model: type[Model]) -> Iterator[tuple[str, type[Model], bool]]:
    """(column, referenced model, nullable) of each foreign key (one-to-one ones included)."""
    meta = model._meta
    for name in sorted(meta.fk_fields | meta.o2o_fields):
        field = meta.fields_map[name]
        assert isinstance(field, fields.relational.ForeignKeyFieldInstance)
        assert field.source_field is not None
        yield field.source_field, field.related_model, field.null


def link_tables(model: type[Model]) -> Iterator[tuple[str, str, str]]:
    """(table, column of this model, column of the other) of each many-to-many link table."""
    for name in sorted(model._meta.m2m_fields):
        field = model._meta.fields_map[name]
        assert isinstance(field, ManyToManyFieldInstance)
        yield field.through, field.backward_key, field.forward_key


def columns(model: type[Model]) -> dict[str, fields.Field[Any]]:
    """Stored column → field, foreign keys by their `_id` column."""
    meta = model._meta
    return {column: meta.fields_map[name] for name, column in meta.fields_db_projection.items()}


def to_json(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    return value


def from_json(field: fields.Field[Any], value: Any) -> Any:
    if value is None:
        return None
    if isinstance(field, fields.DatetimeField):
        return datetime.fromisoformat(value)
    if isinstance(field, fields.DateField):
        return date.fromisoformat(value)
    return field.to_python_value(value)
