"""LODESTAR_STOCK_EXECUTOR picks the executor the app serves with — strawberry's own, with
nothing of backend/api/engine/ under it, or the fast one with shared live results — and the
test servers follow the run's choice (`make test-stock` runs tests/api and tests/live on it)."""

from pathlib import Path

import pytest
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext

from backend.api.engine.execution import FastExecutor
from backend.app import create_app
from backend.settings import Settings
from tests.api.helpers import served_executor
from tests.servers import server_env


@pytest.mark.parametrize(("value", "stock"), [(None, False), ("0", False), ("1", True)])
def test_the_setting_picks_the_executor(
    value: str | None, stock: bool, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("LODESTAR_VAR_DIR", str(tmp_path))
    if value is None:
        monkeypatch.delenv("LODESTAR_STOCK_EXECUTOR", raising=False)
    else:
        monkeypatch.setenv("LODESTAR_STOCK_EXECUTOR", value)
    settings = Settings.from_env()
    assert settings.stock_executor is stock

    executor = served_executor(create_app(settings, manage_db=False))
    if stock:
        assert executor is StrawberryGraphQLCoreExecutionContext  # nothing of ours on it
    else:
        assert issubclass(executor, FastExecutor)
        assert getattr(executor, "_lodestar_sharing", False)  # engine/sharing.py installed
    # one schema per choice and process, whichever app asks
    assert served_executor(create_app(settings, manage_db=False)) is executor

    env = server_env(tmp_path, "sqlite://x")
    assert env.get("LODESTAR_STOCK_EXECUTOR") == value
