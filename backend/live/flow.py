"""How far behind a socket's reader is, measured end to end.

The kernel's socket buffers (megabytes on a fast link) accept frames long after the client
stopped reading: a send succeeds, the hub's bounded queue stays empty, and a slow client
falls minutes behind unnoticed — until the transport's buffer fills, the send blocks, and
the websocket ping (queued behind it all) times out and closes the socket with 1011.

So each socket counts what it sent, and asks for an acknowledgement along the way: a
graphql-transport-ws `ping` every quarter window, which the client answers with `pong` once
it has read everything before it. More than a window sent and not acknowledged means the
client is behind; its subscriptions are then told to resync (`Subscriber.offer`) instead of
being sent more. The window is small beside the kernel's buffers, so the send path never
blocks on a client that does not read. Counting is a few integer operations per frame.
"""

from contextvars import ContextVar

PING = '{"type":"ping"}'


class SendWindow:
    """One socket's sent and acknowledged character counts (text frames; ≈ bytes)."""

    __slots__ = ("acked", "behind", "limit", "ping_at", "sent")

    def __init__(self, limit: int) -> None:
        self.limit = limit  # 0: no flow control
        self.sent = 0
        self.acked = 0
        self.ping_at: int | None = None  # what was sent when the unanswered ping went out
        # more than the window unacknowledged: a plain attribute, read for every subscriber
        # of every event
        self.behind = False

    def sent_frame(self, size: int) -> bool:
        """Count a frame; True when a ping should follow it."""
        self.sent += size
        if not self.limit:
            return False
        unacked = self.sent - self.acked
        self.behind = unacked > self.limit
        if self.ping_at is None and unacked >= self.limit // 4:
            self.ping_at = self.sent
            return True
        return False

    def pong(self) -> None:
        """The client answered the ping: it has read everything sent before it. (An
        unsolicited pong, which the protocol allows, only makes the window more lenient.)"""
        if self.ping_at is not None:
            self.acked = self.ping_at
            self.ping_at = None
            self.behind = self.sent - self.acked > self.limit


# the window of the socket the current operation runs on (set by the view per operation)
current_window: ContextVar[SendWindow | None] = ContextVar("lodestar_send_window", default=None)
