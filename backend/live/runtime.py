"""The process-wide live machinery, set up in the app's lifespan."""

from typing import TYPE_CHECKING

from .broker import Broker, MemoryBroker, set_broker
from .hub import Hub
from .presence import MemoryStore, Presence, RedisStore

if TYPE_CHECKING:
    from ..events.feed import ActivityFeed

_hub: Hub | None = None
_feed: "ActivityFeed | None" = None
_presence: Presence | None = None


def make_broker(url: str) -> Broker:
    if url.startswith("memory://"):
        return MemoryBroker()
    if url.startswith(("redis://", "rediss://", "unix://")):
        from .redis_broker import RedisBroker

        return RedisBroker(url)
    raise ValueError(f"unsupported LODESTAR_BROKER_URL: {url!r} (memory:// or redis://…)")


def start(broker: Broker, feed: "ActivityFeed") -> tuple[Hub, Presence]:
    global _hub, _feed, _presence
    set_broker(broker)
    _feed = feed
    _hub = Hub(broker, feed)
    client = getattr(broker, "client", None)  # the Redis broker shares its connection pool
    _presence = Presence(broker, RedisStore(client) if client is not None else MemoryStore())
    return _hub, _presence


def get_hub() -> Hub:
    if _hub is None:
        raise RuntimeError("the live hub is not started (app lifespan)")
    return _hub


def get_presence() -> Presence:
    if _presence is None:
        raise RuntimeError("the live hub is not started (app lifespan)")
    return _presence


def get_feed() -> "ActivityFeed":
    if _feed is None:
        raise RuntimeError("the live hub is not started (app lifespan)")
    return _feed
