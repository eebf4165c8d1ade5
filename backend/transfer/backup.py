"""`lodestar backup PATH`: a consistent copy of a SQLite database while the server runs.

SQLite's online backup copies the pages under its own locks, so the copy holds every committed
transaction up to a moment and none half-written — a plain file copy of a live WAL database
does not (the last acknowledged writes may still sit in the -wal file). PostgreSQL has its own
tools (`pg_dump`); the README says how.
"""

import sqlite3
from contextlib import closing
from pathlib import Path


class BackupRefused(ValueError):
    pass


def backup_sqlite(database_url: str, target: Path) -> int:
    """Copies the database to `target` (a new file) and returns its size in bytes."""
    if not database_url.startswith("sqlite://"):
        raise BackupRefused(
            "lodestar backup copies SQLite databases; on PostgreSQL use pg_dump (README)"
        )
    source = Path(database_url.removeprefix("sqlite://"))
    if not source.is_file():
        raise BackupRefused(f"no database at {source}")
    if target.exists():
        raise BackupRefused(f"{target} exists: choose a new file")
    target.parent.mkdir(parents=True, exist_ok=True)
    with (
        closing(sqlite3.connect(f"file:{source}?mode=ro", uri=True)) as src,
        closing(sqlite3.connect(target)) as dst,
    ):
        src.backup(dst, pages=1024)  # in steps: writers are held up one step at a time
    return target.stat().st_size
