"""A minimal websocket client for the subscriber processes: RFC 6455 text frames over a plain
asyncio protocol, every frame handed to a callback the moment its bytes arrive.

The `websockets` client costs ~100 µs of CPU per received message (its frame reader, message
assembler and a task switch per `recv`): four subscriber processes reading 2,000 sockets spent
more CPU than the server sending to them, and on a 2-core machine the bench then measured its
own clients. Here a message costs a slice of a buffer and the callback. It speaks only what
the bench needs: no extensions (no compression), text frames (continuations joined), pings
answered, a close answered and recorded.
"""

import asyncio
import base64
import os
from collections.abc import Callable

OP_CONT, OP_TEXT, OP_CLOSE, OP_PING = 0x0, 0x1, 0x8, 0x9


def frame(opcode: int, payload: bytes) -> bytes:
    """A client frame: always masked, as RFC 6455 requires of a client."""
    n = len(payload)
    if n < 126:
        head = bytes((0x80 | opcode, 0x80 | n))
    elif n < 1 << 16:
        head = bytes((0x80 | opcode, 0x80 | 126)) + n.to_bytes(2, "big")
    else:
        head = bytes((0x80 | opcode, 0x80 | 127)) + n.to_bytes(8, "big")
    key = os.urandom(4)
    mask = (key * (n // 4 + 1))[:n]
    masked = (int.from_bytes(payload, "big") ^ int.from_bytes(mask, "big")).to_bytes(n, "big")
    return head + key + masked


class Client(asyncio.Protocol):
    """One socket. `on_text(message, t)` gets each text message with the `time.time()` of the
    read that completed it; `closed` resolves with the close code (1006: no close frame)."""

    def __init__(self, on_text: Callable[[bytes, float], None], clock: Callable[[], float]) -> None:
        self.on_text = on_text
        self.clock = clock
        self.buf = bytearray()
        self.parts: list[bytes] = []  # a fragmented message so far
        self.transport: asyncio.Transport | None = None
        loop = asyncio.get_running_loop()
        self.upgraded: asyncio.Future[None] = loop.create_future()
        self.closed: asyncio.Future[int] = loop.create_future()
        self.close_code = 1006

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = transport  # type: ignore[assignment]  # uvloop's is no subclass

    def connection_lost(self, exc: Exception | None) -> None:
        if not self.upgraded.done():
            self.upgraded.set_exception(ConnectionError(f"closed during the handshake: {exc}"))
        if not self.closed.done():
            self.closed.set_result(self.close_code)

    def data_received(self, data: bytes) -> None:
        t = self.clock()
        buf = self.buf
        buf += data
        if not self.upgraded.done():
            end = buf.find(b"\r\n\r\n")
            if end < 0:
                return
            status = bytes(buf[: buf.find(b"\r\n")])
            del buf[: end + 4]
            if b" 101 " not in status:
                self.upgraded.set_exception(ConnectionError(status.decode(errors="replace")))
                return
            self.upgraded.set_result(None)
        while len(buf) >= 2:
            fin, opcode, n = buf[0] & 0x80, buf[0] & 0x0F, buf[1] & 0x7F
            at = 2
            if n == 126:
                if len(buf) < 4:
                    return
                n, at = int.from_bytes(buf[2:4], "big"), 4
            elif n == 127:
                if len(buf) < 10:
                    return
                n, at = int.from_bytes(buf[2:10], "big"), 10
            if len(buf) < at + n:
                return
            payload = bytes(buf[at : at + n])
            del buf[: at + n]
            self._frame(fin, opcode, payload, t)

    def _frame(self, fin: int, opcode: int, payload: bytes, t: float) -> None:
        if opcode in (OP_TEXT, OP_CONT):
            self.parts.append(payload)
            if fin:
                message = self.parts[0] if len(self.parts) == 1 else b"".join(self.parts)
                self.parts = []
                self.on_text(message, t)
        elif opcode == OP_PING:
            self.write(0xA, payload)
        elif opcode == OP_CLOSE:
            self.close_code = int.from_bytes(payload[:2], "big") if len(payload) >= 2 else 1005
            self.write(OP_CLOSE, payload[:2])
            assert self.transport is not None
            self.transport.close()

    def write(self, opcode: int, payload: bytes) -> None:
        if self.transport is not None and not self.transport.is_closing():
            self.transport.write(frame(opcode, payload))

    def send(self, text: bytes) -> None:
        self.write(OP_TEXT, text)

    async def close(self, wait_s: float = 5.0) -> None:
        """A normal close (1000), then wait for the server's answer and the end of the TCP
        connection."""
        self.write(OP_CLOSE, (1000).to_bytes(2, "big"))
        try:
            await asyncio.wait_for(asyncio.shield(self.closed), wait_s)
        except TimeoutError:
            if self.transport is not None:
                self.transport.close()


async def connect(
    url: str,
    subprotocol: str,
    on_text: Callable[[bytes, float], None],
    clock: Callable[[], float],
    within: float,
) -> Client:
    """Open `ws://host:port/path` and complete the upgrade, both within `within` seconds."""
    rest = url.removeprefix("ws://")
    hostport, _, path = rest.partition("/")
    host, _, port = hostport.partition(":")
    loop = asyncio.get_running_loop()
    _, client = await asyncio.wait_for(
        loop.create_connection(lambda: Client(on_text, clock), host, int(port or 80)), within
    )
    key = base64.b64encode(os.urandom(16))
    assert client.transport is not None
    client.transport.write(
        b"GET /" + path.encode() + b" HTTP/1.1\r\n"
        b"Host: " + hostport.encode() + b"\r\n"
        b"Upgrade: websocket\r\nConnection: Upgrade\r\n"
        b"Sec-WebSocket-Key: " + key + b"\r\n"
        b"Sec-WebSocket-Version: 13\r\n"
        b"Sec-WebSocket-Protocol: " + subprotocol.encode() + b"\r\n\r\n"
    )
    try:
        await asyncio.wait_for(asyncio.shield(client.upgraded), within)
    except BaseException:
        client.transport.close()
        raise
    return client
