"""Open sockets lose what their credential lost, on every process.

A socket is authenticated once, at connect, by a session or an API token. When that
credential ends (sign-out, revocation, deactivation, a password change) or its owner's rights
change (role, teams), the action publishes a `Cut` on the access channel after its commit;
every process closes its matching sockets: 4401 when the session is gone (the client signs in
again), 4403 when rights changed (the client reconnects and reloads what it may see). Each
operation on a socket also re-reads its credential (api/engine/view.py), so a cut lost with a
broker outage still takes effect at the next operation.
"""

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime

import orjson

from .broker import Broker

log = logging.getLogger("lodestar.live")

ACCESS_CHANNEL = "lodestar:access"
SESSION_GONE = 4401
RIGHTS_CHANGED = 4403
REASONS = {SESSION_GONE: "session ended", RIGHTS_CHANGED: "rights changed"}

Close = Callable[[int, str], Awaitable[None]]


@dataclass(frozen=True, slots=True)
class Cut:
    """Which of a person's sockets to close, and with which code: those of the listed
    tokens, or (no list) all of them but `keep` (the session that changed the password)."""

    code: int
    user_id: int
    token_ids: tuple[int, ...] | None = None
    keep: int | None = None

    def matches(self, user_id: int, token_id: int) -> bool:
        if user_id != self.user_id or token_id == self.keep:
            return False
        return self.token_ids is None or token_id in self.token_ids

    def to_message(self) -> bytes:
        return orjson.dumps(
            {"code": self.code, "user": self.user_id, "tokens": self.token_ids, "keep": self.keep}
        )

    @classmethod
    def from_message(cls, data: bytes) -> "Cut":
        raw = orjson.loads(data)
        tokens = raw["tokens"]
        return cls(
            code=int(raw["code"]),
            user_id=int(raw["user"]),
            token_ids=None if tokens is None else tuple(int(t) for t in tokens),
            keep=None if raw["keep"] is None else int(raw["keep"]),
        )


@dataclass(slots=True)
class _Open:
    token_id: int
    close: Close
    expiry: asyncio.TimerHandle | None = None  # its credential's end, when it has one


class Sockets:
    """This process's open sockets by person. A socket also closes (4401) when its
    credential expires, not only at its next operation."""

    def __init__(self) -> None:
        self.open: dict[int, dict[object, _Open]] = {}

    def add(
        self,
        key: object,
        user_id: int,
        token_id: int,
        close: Close,
        expires_at: datetime | None = None,
    ) -> None:
        entry = _Open(token_id, close)
        if expires_at is not None:
            delay = max(0.0, (expires_at - datetime.now(UTC)).total_seconds())
            loop = asyncio.get_running_loop()
            entry.expiry = loop.call_later(delay, self._end, key, user_id, SESSION_GONE)
        self.open.setdefault(user_id, {})[key] = entry

    def remove(self, key: object, user_id: int) -> None:
        mine = self.open.get(user_id)
        if mine is None:
            return
        entry = mine.pop(key, None)
        if entry is not None and entry.expiry is not None:
            entry.expiry.cancel()
        if not mine:
            del self.open[user_id]

    def listen(self, broker: Broker) -> Callable[[], None]:
        return broker.listen(ACCESS_CHANNEL, self.on_message)

    def on_message(self, channel: str, data: bytes) -> None:
        try:
            cut = Cut.from_message(data)
        except (ValueError, KeyError, TypeError):
            log.warning("dropping malformed access message on %s", channel)
            return
        self.apply(cut)

    def apply(self, cut: Cut) -> None:
        for key, entry in list(self.open.get(cut.user_id, {}).items()):
            if cut.matches(cut.user_id, entry.token_id):
                self._end(key, cut.user_id, cut.code)

    def _end(self, key: object, user_id: int, code: int) -> None:
        entry = self.open.get(user_id, {}).get(key)
        if entry is None:
            return
        self.remove(key, user_id)
        task = asyncio.ensure_future(entry.close(code, REASONS.get(code, "")))
        task.add_done_callback(_log_failure)


def _log_failure(task: asyncio.Future[None]) -> None:
    if not task.cancelled() and (error := task.exception()) is not None:
        log.warning("closing a socket failed: %r", error)


sockets = Sockets()


async def publish_cuts(broker: Broker, cuts: list[Cut]) -> None:
    for cut in cuts:
        await broker.publish(ACCESS_CHANNEL, cut.to_message())
