"""LODESTAR_WS_IMPL picks the websocket implementation uvicorn serves sockets with: sans-I/O
by default (no task nor stream reader per socket: less memory and CPU per subscriber,
bench/results/ws-impl.md), the legacy one when asked; the test servers follow the run's
choice, so tests/live can run on either."""

from pathlib import Path

import pytest
import uvicorn

from backend.cli import serve_options
from backend.settings import Settings
from backend.ws_protocol import SansIOProtocol
from tests.servers import server_env


def served_protocol(settings: Settings) -> type:
    async def app(scope: object, receive: object, send: object) -> None:
        pass

    config = uvicorn.Config(app, **serve_options(settings, "127.0.0.1", 8000))
    config.load()
    assert config.ws_protocol_class is not None
    return config.ws_protocol_class


@pytest.mark.filterwarnings("ignore:The `websockets` implementation is deprecated")
@pytest.mark.filterwarnings("ignore:websockets.legacy is deprecated")
@pytest.mark.parametrize(
    ("value", "protocol"),
    [
        (None, SansIOProtocol),
        ("websockets-sansio", SansIOProtocol),
        ("websockets", "uvicorn.protocols.websockets.websockets_impl.WebSocketProtocol"),
    ],
)
def test_the_setting_picks_the_protocol_uvicorn_serves_sockets_with(
    value: str | None, protocol: type | str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("LODESTAR_VAR_DIR", str(tmp_path))
    if value is None:
        monkeypatch.delenv("LODESTAR_WS_IMPL", raising=False)
    else:
        monkeypatch.setenv("LODESTAR_WS_IMPL", value)

    served = served_protocol(Settings.from_env())
    if isinstance(protocol, str):  # imported only when chosen: it warns of its deprecation
        assert f"{served.__module__}.{served.__qualname__}" == protocol
    else:
        assert served is protocol

    assert server_env(tmp_path, "sqlite://x").get("LODESTAR_WS_IMPL") == value


def test_an_unknown_implementation_is_refused_naming_the_choices(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("LODESTAR_VAR_DIR", str(tmp_path))
    monkeypatch.setenv("LODESTAR_WS_IMPL", "wsproto")  # not installed: uvicorn would fail later
    with pytest.raises(ValueError, match="websockets-sansio, websockets"):
        Settings.from_env()
