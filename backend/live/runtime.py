"""The process-wide live machinery, set up in the app's lifespan."""

from typing import TYPE_CHECKING

from .broker import Broker, MemoryBroker, set_broker
from .hub import Hub

if TYPE_CHECKING:
    from ..services.feed import ActivityFeed

_hub: Hub | None = None
_feed: "ActivityFeed | None" = None


def make_broker(url: str) -> Broker:
    if url.startswith("memory://"):
        return MemoryBroker()
    if url.startswith(("redis://", "rediss://", "unix://")):
        from .redis_broker import RedisBroker

        return RedisBroker(url)
    raise ValueError(f"unsupported LODESTAR_BROKER_URL: {url!r} (memory:// or redis://…)")


def start(broker: Broker, feed: "ActivityFeed") -> Hub:
    global _hub, _feed
    set_broker(broker)
    _feed = feed
    _hub = Hub(broker, feed)
    return _hub


def get_hub() -> Hub:
    if _hub is None:
        raise RuntimeError("the live hub is not started (app lifespan)")
    return _hub


def get_feed() -> "ActivityFeed":
    if _feed is None:
        raise RuntimeError("the live hub is not started (app lifespan)")
    return _feed
