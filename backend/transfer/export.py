"""`lodestar export --org SLUG`: an organization's rows as one document (document.py)."""

from datetime import UTC, datetime
from typing import Any

from tortoise.models import Model

from ..models import Organization
from ..read.rows import client, fetch_rows, in_ids
from .document import FORMAT, LEFT_OUT, VERSION, columns, link_tables, models, references, to_json

_CHUNK = 500  # ids per statement (SQLite's parameter limit)


class UnknownOrganization(LookupError):
    pass


def _scope(model: type[Model]) -> str | None:
    """The filter that selects one organization's rows of a model: its own `organization_id`,
    or that of a row it cannot exist without (a team's memberships)."""
    if model is Organization:
        return "id"
    refs = list(references(model))
    if any(target is Organization for _, target, _ in refs):
        return "organization_id"
    for column, target, null in refs:
        if not null and _scope(target) == "organization_id":
            return f"{column.removesuffix('_id')}__organization_id"
    return None


def carried() -> list[type[Model]]:
    """The models a document carries, in insertion order. A model that belongs to no
    organization must be left out on purpose (document.LEFT_OUT)."""
    chosen = []
    for model in models():
        table = model._meta.db_table
        if table in LEFT_OUT:
            continue
        if _scope(model) is None:
            raise ValueError(f"{table} belongs to no organization: carry it or leave it out")
        chosen.append(model)
    return chosen


async def export_organization(slug: str) -> dict[str, Any]:
    org = await Organization.get_or_none(slug=slug)
    if org is None:
        raise UnknownOrganization(slug)
    tables: dict[str, list[dict[str, Any]]] = {}
    for model in carried():
        scope = _scope(model)
        assert scope is not None
        names = list(columns(model))
        rows = await model.filter(**{scope: org.id}).order_by("id").values_list(*names)
        tables[model._meta.db_table] = [
            {name: to_json(value) for name, value in zip(names, row, strict=True)} for row in rows
        ]
        for table, own, other in link_tables(model):
            if table in tables:
                continue  # the link table's other side carried it
            ids = [row["id"] for row in tables[model._meta.db_table]]
            tables[table] = await _links(table, own, other, ids)
    return {
        "format": FORMAT,
        "version": VERSION,
        "exportedAt": datetime.now(UTC).isoformat(),
        "organization": org.slug,
        "tables": tables,
    }


async def _links(table: str, own: str, other: str, ids: list[int]) -> list[dict[str, Any]]:
    links: list[dict[str, Any]] = []
    for start in range(0, len(ids), _CHUNK):
        where, params = in_ids(client(), f'"{own}"', ids[start : start + _CHUNK])
        rows = await fetch_rows(
            f'SELECT "{own}", "{other}" FROM "{table}" WHERE {where} ORDER BY 1, 2', params
        )
        links.extend({own: a, other: b} for a, b in rows)
    return links
