"""`lodestar import FILE`: an organization document (document.py) loaded into an empty database,
on either engine, all or nothing.

Rows keep their ids, so every reference in the document stays true. Tables go in the order
`document.models()` gives (required references first); references that may be empty (a parent
objective, a manager, the key result an objective was converted from) and `auto_now` times are
written in a second pass, once every row they point at exists; link tables (many-to-many) in
between.
"""

from typing import Any

from tortoise import fields
from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.models import Model
from tortoise.transactions import in_transaction

from ..db import WRITE
from ..models import Organization
from ..read.rows import is_postgres, placeholders
from .document import FORMAT, VERSION, columns, from_json, link_tables, references
from .export import carried

BATCH = 500


class ImportRefused(ValueError):
    """The document cannot be loaded here (the reason is the message)."""


async def import_organization(document: Any) -> Organization:
    tables = _checked(document)
    if await Organization.exists():
        raise ImportRefused("the database already holds an organization: import into an empty one")
    async with in_transaction(WRITE) as db:
        later: list[tuple[type[Model], int, dict[str, Any]]] = []
        for model in carried():
            later += await _load(db, model, tables.get(model._meta.db_table, []))
        for model in carried():
            for table, own, other in link_tables(model):
                pairs = [[row[own], row[other]] for row in tables.pop(table, [])]
                if pairs:
                    sql = f'INSERT INTO "{table}" ("{own}", "{other}") VALUES (?, ?)'
                    await db.execute_many(placeholders(db, sql), pairs)
        for model, pk, values in later:
            # .update() writes the values as given (a save would stamp auto_now fields with now)
            await model.filter(id=pk).using_db(db).update(**values)
        if is_postgres(db):
            await _advance_sequences(db)
    return await Organization.get(slug=document["organization"])


def _checked(document: Any) -> dict[str, list[dict[str, Any]]]:
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise ImportRefused(f"not a Lodestar organization document (format {FORMAT!r})")
    version = document.get("version")
    if not isinstance(version, int) or version > VERSION:
        raise ImportRefused(f"document version {version!r}: this Lodestar reads up to {VERSION}")
    tables = document.get("tables")
    if not isinstance(tables, dict) or not isinstance(document.get("organization"), str):
        raise ImportRefused("the document has no organization or no tables")
    known = {m._meta.db_table: m for m in carried()}
    links = {t for m in known.values() for t, _, _ in link_tables(m)}
    for table, rows in tables.items():
        if table not in known and table not in links:
            raise ImportRefused(f"unknown table {table!r}: is this Lodestar older than the export?")
        if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
            raise ImportRefused(f"table {table!r} is not a list of rows")
        if table in known:
            unknown = {c for r in rows for c in r} - set(columns(known[table]))
            if unknown:
                raise ImportRefused(f"unknown columns in {table!r}: {', '.join(sorted(unknown))}")
    return tables


async def _load(
    db: BaseDBAsyncClient, model: type[Model], rows: list[dict[str, Any]]
) -> list[tuple[type[Model], int, dict[str, Any]]]:
    """Inserts the rows without what `_second_pass` names, and returns that for later."""
    fields_of = columns(model)
    deferred = _second_pass(model)
    made: list[Model] = []
    later: list[tuple[type[Model], int, dict[str, Any]]] = []
    for row in rows:
        values = {fields_of[c].model_field_name: from_json(fields_of[c], v) for c, v in row.items()}
        after = {name: values.pop(name) for name in deferred if values.get(name) is not None}
        made.append(model(**values))
        if after:
            later.append((model, values["id"], after))
    for start in range(0, len(made), BATCH):
        await model.bulk_create(made[start : start + BATCH], using_db=db)
    return later


def _second_pass(model: type[Model]) -> list[str]:
    """Fields written once every row exists: references that may be empty, auto_now times."""
    meta = model._meta
    names = [
        meta.fields_map[column].model_field_name for column, _, null in references(model) if null
    ]
    names += [
        name
        for name, field in meta.fields_map.items()
        if isinstance(field, fields.DatetimeField) and field.auto_now
    ]
    return names


async def _advance_sequences(db: BaseDBAsyncClient) -> None:
    """Rows came with their ids: PostgreSQL's id sequences must start after them."""
    for model in carried():
        table = model._meta.db_table
        await db.execute_script(
            f"SELECT setval(pg_get_serial_sequence('\"{table}\"', 'id'), "
            f'COALESCE(MAX(id), 1), MAX(id) IS NOT NULL) FROM "{table}"'
        )
