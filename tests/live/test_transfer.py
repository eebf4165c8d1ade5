"""`lodestar export / import / backup` through the real commands: the demo company goes SQLite →
PostgreSQL → SQLite and comes back equal, the copy serves and takes new writes, bad documents
change nothing, and a backup taken while the server writes is a consistent database."""

from __future__ import annotations

import json
import sqlite3
import subprocess
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import create_pg_database, drop_pg_database
from tests.servers import REPO, Server, python, run_cli, server_env

from .client import ADMIN, Gql, check_in, token_for, tracking_cycle

DEMO = "lodestar-demo"


def cli(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [python(), "-m", "backend", *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def exported(env: dict[str, str], path: Path) -> dict[str, Any]:
    run_cli(env, "export", "--org", DEMO, "-o", str(path))
    document: dict[str, Any] = json.loads(path.read_text())
    return document


@pytest.fixture
async def postgres() -> AsyncIterator[str]:
    url = await create_pg_database("lodestar_transfer")
    yield url
    await drop_pg_database(url)


async def test_the_demo_survives_sqlite_postgres_sqlite(tmp_path: Path, postgres: str) -> None:
    first = server_env(tmp_path / "a", f"sqlite://{tmp_path / 'a.sqlite3'}")
    run_cli(first, "migrate")
    run_cli(first, "seed-demo")
    a = exported(first, tmp_path / "a.json")

    second = server_env(tmp_path / "b", postgres)
    assert "imported" in run_cli(second, "import", str(tmp_path / "a.json"))
    b = exported(second, tmp_path / "b.json")

    third = server_env(tmp_path / "c", f"sqlite://{tmp_path / 'c.sqlite3'}")
    run_cli(third, "import", str(tmp_path / "b.json"))
    c = exported(third, tmp_path / "c.json")

    assert a["format"] == "lodestar.organization" and a["version"] == 1
    assert {t for t, rows in a["tables"].items() if rows} >= {
        "organization",
        "user",
        "team",
        "team_member",
        "cycle",
        "objective",
        "key_result",
        "check_in",
        "task",
        "task_collaborator",
        "comment",
        "comment_mention",
    }
    assert a["tables"] == b["tables"] == c["tables"]

    # the copy on PostgreSQL serves, signs in with the same passwords, and takes new rows
    server = Server("imported", second, tmp_path).start()
    try:
        admin = Gql(server.base, await token_for(server, ADMIN))
        cycle = await tracking_cycle(admin)
        board = await admin.ok(
            "query($c: ID!) { objectives(cycleId: $c) { keyResults { id kind progressSource } } }",
            c=cycle,
        )
        assert len(board["objectives"]) > 10
        manual = next(
            k["id"]
            for o in board["objectives"]
            for k in o["keyResults"]
            if k["kind"] == "INCREASE" and k["progressSource"] == "MANUAL"
        )
        await check_in(admin, manual, 1)  # a new check-in row: the id sequences moved on
        await admin.close()
    finally:
        server.stop()


@pytest.mark.parametrize(
    ("document", "complaint"),
    [
        ("not json", "is not JSON"),
        ('{"format": "something else"}', "not a Lodestar organization document"),
        ('{"format": "lodestar.organization", "version": 99, "tables": {}}', "reads up to 1"),
        (
            '{"format": "lodestar.organization", "version": 1, "organization": "x",'
            ' "tables": {"spaceship": []}}',
            "unknown table 'spaceship'",
        ),
        (
            '{"format": "lodestar.organization", "version": 1, "organization": "x",'
            ' "tables": {"cycle": [{"id": 1, "warp": 9}]}}',
            "unknown columns in 'cycle': warp",
        ),
    ],
)
def test_a_bad_document_is_refused_and_nothing_is_written(
    tmp_path: Path, document: str, complaint: str
) -> None:
    env = server_env(tmp_path, f"sqlite://{tmp_path / 'x.sqlite3'}")
    (tmp_path / "doc.json").write_text(document)
    done = cli(env, "import", str(tmp_path / "doc.json"))
    assert done.returncode != 0 and complaint in done.stderr
    with sqlite3.connect(tmp_path / "x.sqlite3") as db:
        tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if "organization" in tables:
            assert db.execute("SELECT COUNT(*) FROM organization").fetchone() == (0,)


def test_import_needs_an_empty_database_and_export_a_known_organization(tmp_path: Path) -> None:
    env = server_env(tmp_path, f"sqlite://{tmp_path / 'x.sqlite3'}")
    run_cli(env, "migrate")
    run_cli(env, "seed-demo")
    exported(env, tmp_path / "demo.json")
    again = cli(env, "import", str(tmp_path / "demo.json"))
    assert again.returncode != 0 and "already holds an organization" in again.stderr
    unknown = cli(env, "export", "--org", "nobody")
    assert unknown.returncode != 0 and "no organization with slug 'nobody'" in unknown.stderr


async def test_a_backup_taken_while_the_server_writes_is_consistent(tmp_path: Path) -> None:
    env = server_env(tmp_path, f"sqlite://{tmp_path / 'live.sqlite3'}")
    run_cli(env, "migrate")
    run_cli(env, "seed-demo")
    server = Server("live", env, tmp_path).start()
    try:
        admin = Gql(server.base, await token_for(server, ADMIN))
        await check_in(admin, "kr_27", 26, note="before the backup")  # acknowledged
        done = cli(env, "backup", str(tmp_path / "copy.sqlite3"))
        assert done.returncode == 0, done.stderr
        await check_in(admin, "kr_27", 27, note="after the backup")
        await admin.close()
    finally:
        server.stop()
    with sqlite3.connect(tmp_path / "copy.sqlite3") as copy:
        assert copy.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        notes = {n for (n,) in copy.execute("SELECT note FROM check_in WHERE key_result_id=27")}
        assert "before the backup" in notes and "after the backup" not in notes
    refused = cli(env, "backup", str(tmp_path / "copy.sqlite3"))
    assert refused.returncode != 0 and "exists" in refused.stderr
    on_postgres = cli({**env, "LODESTAR_DATABASE_URL": "postgres://x@127.0.0.1/y"}, "backup", "z")
    assert on_postgres.returncode != 0 and "pg_dump" in on_postgres.stderr
