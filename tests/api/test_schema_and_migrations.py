"""The committed artefacts match the code: schema.graphql and the migrations."""

from tortoise import Tortoise, connections

from backend.api import export


def test_schema_graphql_is_exported_from_the_code() -> None:
    assert export.TARGET.read_text() == export.current(), "run `make schema`"


async def _columns(engine: str, table: str) -> set[str]:
    conn = connections.get("default")
    if engine == "sqlite":
        rows = await conn.execute_query_dict(f'PRAGMA table_info("{table}")')
        return {r["name"] for r in rows}
    rows = await conn.execute_query_dict(
        "SELECT column_name FROM information_schema.columns WHERE table_name = $1", [table]
    )
    return {r["column_name"] for r in rows}


async def test_migrated_database_matches_the_models(db: str) -> None:
    """The `engine` fixture migrated an empty database with the committed migrations; every
    model's table and every column (and many-to-many table) must be there."""
    models = Tortoise.apps["models"]
    assert len(models) >= 14
    for model in models.values():
        meta = model._meta
        expected = set(meta.fields_db_projection.values())
        assert await _columns(db, meta.db_table) == expected, meta.db_table
        for name in meta.m2m_fields:
            field = meta.fields_map[name]
            through = await _columns(db, field.through)  # type: ignore[attr-defined]
            assert through == {field.backward_key, field.forward_key}  # type: ignore[attr-defined]
