"""The websocket protocol `lodestar serve` runs: uvicorn's sans-I/O one, lighter per socket."""

from typing import Any

from uvicorn.protocols.websockets.websockets_sansio_impl import WebSocketsSansIOProtocol


class SansIOProtocol(WebSocketsSansIOProtocol):
    """uvicorn keeps the handshake's request and response (two header maps, ~2 KiB) for as
    long as the socket is open, though it reads them only until the handshake is answered:
    they go once it is (bench/results/ws-impl.md)."""

    async def send(self, message: Any) -> None:
        await super().send(message)
        if self.handshake_complete and "response" in self.__dict__:
            del self.request, self.response
