"""Tortoise configuration built from settings (one app, `models`, with committed migrations).

Two connections to the same database: `default` carries every transaction and write, `read`
every plain read outside a transaction. Under a burst of writes the write side is busy —
on PostgreSQL its pool is held by transactions queued on an organization's lock, on SQLite
Tortoise's single connection is locked for each whole transaction — and a reconnecting
client's sign-in and replay must not queue behind them. Inside a transaction every query
stays on the transaction (it must see its own writes and the rows it locked).
"""

from pathlib import Path
from typing import Any

from tortoise import connections
from tortoise.backends.base.client import BaseDBAsyncClient, TransactionalDBClient
from tortoise.backends.base.config_generator import expand_db_url

from .settings import Settings

MODELS_APP = "models"
WRITE, READ = "default", "read"


def _sqlite(url: str) -> dict[str, Any] | None:
    path = Path(url.removeprefix("sqlite://"))
    if str(path) == ":memory:":
        return None  # a second connection would open another, empty database
    path.parent.mkdir(parents=True, exist_ok=True)
    # WAL lets readers proceed during a write; busy_timeout waits for the writer instead
    # of failing at once when a second process (the CLI) holds the lock.
    return {
        "engine": "tortoise.backends.sqlite",
        "credentials": {
            "file_path": str(path),
            "journal_mode": "WAL",
            "busy_timeout": 5000,
            "foreign_keys": "ON",
        },
    }


def _pooled(url: str, size: int) -> dict[str, Any]:
    config = expand_db_url(url)
    # PostgreSQL compiles a statement to machine code (JIT) when its estimated cost passes
    # jit_above_cost. A check-in's chain (a recursive CTE the planner cannot know to be a few
    # rows) is estimated at ~10^6 and paid 250 ms of compiling for a 5 ms query at 3,000
    # objectives; statements that read a few rows by index never gain from it.
    config["credentials"].update(minsize=1, maxsize=size, server_settings={"jit": "off"})
    return config


def _connections(url: str, pool_size: int, read_pool_size: int) -> dict[str, Any]:
    if url.startswith("sqlite://"):
        sqlite = _sqlite(url)
        if sqlite is None:
            return {WRITE: url}
        return {WRITE: sqlite, READ: sqlite}
    return {WRITE: _pooled(url, pool_size), READ: _pooled(url, read_pool_size)}


def tortoise_config(
    database_url: str, *, pool_size: int = 5, read_pool_size: int = 10
) -> dict[str, Any]:
    """`pool_size` / `read_pool_size`: PostgreSQL connections per process for each side
    (LODESTAR_DB_POOL_SIZE / LODESTAR_DB_READ_POOL_SIZE)."""
    conns = _connections(database_url, pool_size, read_pool_size)
    config: dict[str, Any] = {
        "connections": conns,
        "apps": {
            MODELS_APP: {
                "models": ["backend.models"],
                "migrations": "backend.migrations",
                "default_connection": WRITE,
            }
        },
        "use_tz": True,
        "timezone": "UTC",
    }
    if READ in conns:
        config["routers"] = [ReadRouter]
    return config


def settings_config(settings: Settings) -> dict[str, Any]:
    return tortoise_config(
        settings.database_url,
        pool_size=settings.db_pool_size,
        read_pool_size=settings.db_read_pool_size,
    )


def reader() -> BaseDBAsyncClient:
    """Where a read goes now: the transaction's own connection inside one, else the read
    connection (the write connection when there is none)."""
    default = connections.get(WRITE)
    if isinstance(default, TransactionalDBClient) or READ not in connections.db_config:
        return default
    return connections.get(READ)


class ReadRouter:
    """Tortoise's router: model reads outside a transaction go to the read connection;
    writes, and everything inside a transaction, to the default one."""

    def db_for_read(self, model: type) -> str | None:
        default = connections.get(WRITE)
        return None if isinstance(default, TransactionalDBClient) else READ

    def db_for_write(self, model: type) -> None:
        return None


def __getattr__(name: str) -> Any:
    # `tortoise makemigrations` reads backend.db.TORTOISE_ORM; built lazily so importing
    # this module never touches the environment or the disk.
    if name == "TORTOISE_ORM":
        return settings_config(Settings.from_env())
    raise AttributeError(name)
