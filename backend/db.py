"""Tortoise configuration built from settings (one app, `models`, with committed migrations)."""

from pathlib import Path
from typing import Any

from .settings import Settings

MODELS_APP = "models"


def _connection(url: str) -> str | dict[str, Any]:
    if url.startswith("sqlite://"):
        path = Path(url.removeprefix("sqlite://"))
        if str(path) != ":memory:":
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
    return url


def tortoise_config(database_url: str) -> dict[str, Any]:
    return {
        "connections": {"default": _connection(database_url)},
        "apps": {
            MODELS_APP: {
                "models": ["backend.models"],
                "migrations": "backend.migrations",
                "default_connection": "default",
            }
        },
        "use_tz": True,
        "timezone": "UTC",
    }


def __getattr__(name: str) -> Any:
    # `tortoise makemigrations` reads backend.db.TORTOISE_ORM; built lazily so importing
    # this module never touches the environment or the disk.
    if name == "TORTOISE_ORM":
        return tortoise_config(Settings.from_env().database_url)
    raise AttributeError(name)
