"""The process-wide live machinery, set up in the app's lifespan."""

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..observability.metrics import LIVE
from .access import sockets
from .broker import Broker, MemoryBroker, set_broker
from .hub import Hub
from .presence import MemoryStore, Presence, RedisStore

if TYPE_CHECKING:
    from ..events.feed import ActivityFeed
    from ..settings import Settings

_hub: Hub | None = None
_feed: "ActivityFeed | None" = None
_presence: Presence | None = None


def make_broker(settings: "Settings") -> Broker:
    url = settings.broker_url
    if url.startswith("memory://"):
        return MemoryBroker()
    if url.startswith(("redis://", "rediss://", "unix://")):
        from .redis_broker import RedisBroker

        return RedisBroker(url, timeout=settings.broker_timeout, queue_size=settings.publish_queue)
    raise ValueError(f"unsupported LODESTAR_BROKER_URL: {url!r} (memory:// or redis://…)")


def start(broker: Broker, feed: "ActivityFeed") -> tuple[Hub, Presence]:
    global _hub, _feed, _presence
    set_broker(broker)
    _feed = feed
    _hub = Hub(broker, feed)
    sockets.listen(broker)
    client = getattr(broker, "client", None)  # the Redis broker shares its connection pool
    _presence = Presence(broker, RedisStore(client) if client is not None else MemoryStore())
    return _hub, _presence


def gauges() -> Iterator[tuple[str, str, dict[str, str], float]]:
    """The live machinery's state for `/metrics`, read at scrape time."""
    hub = _hub
    streams = list(hub.streams.values()) if hub is not None else []
    backlogs = [len(s.backlog) for stream in streams for s in stream.subscribers]
    yield "lodestar_live_subscribers", "Live subscriptions in this process", {}, len(backlogs)
    yield "lodestar_live_org_streams", "Organizations with live subscribers here", {}, len(streams)
    depth = "lodestar_live_queue_depth", "Items waiting in the live machinery's queues"
    yield *depth, {"queue": "subscriber_backlog_max"}, max(backlogs, default=0)
    yield *depth, {"queue": "subscriber_backlog_total"}, sum(backlogs)
    yield *depth, {"queue": "stream_inbox"}, sum(s.inbox.qsize() for s in streams)
    yield *depth, {"queue": "stream_gap"}, sum(len(s.pending) for s in streams)
    queued = getattr(hub.broker, "queued", 0) if hub is not None else 0
    yield *depth, {"queue": "publish"}, queued


LIVE.sources.append(gauges)


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
