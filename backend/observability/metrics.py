"""Prometheus metrics, served at `/metrics`.

Counters and histograms are updated where things happen, once per request or per event —
never once per subscriber (a fan-out to a thousand sockets adds its count in one step).
Gauges of the live machinery (subscribers, queue depths) are read from it when Prometheus
scrapes, so keeping them costs the hot paths nothing.
"""

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from time import perf_counter

from prometheus_client import CONTENT_TYPE_LATEST, REGISTRY, Counter, Gauge, Histogram
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.exposition import generate_latest
from prometheus_client.registry import Collector

__all__ = ["CONTENT_TYPE_LATEST", "render"]

LATENCY = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)

REQUESTS = Counter(
    "lodestar_http_requests", "HTTP requests answered", ["route", "method", "status"]
)
REQUEST_SECONDS = Histogram(
    "lodestar_http_request_duration_seconds",
    "Time from a request's arrival to its last byte",
    ["route"],
    buckets=LATENCY,
)
GRAPHQL_ERRORS = Counter(
    "lodestar_graphql_errors", "GraphQL errors answered, by extensions.code", ["code"]
)
SOCKETS = Gauge("lodestar_websockets_open", "Open websocket connections")

PUBLISHED = Counter("lodestar_live_events_published", "Events handed to the broker after commit")
PUBLISH_FAILED = Counter(
    "lodestar_live_publish_failures",
    "Events the broker did not take (down or too slow): subscribers read them from the log",
)
PUBLISH_DROPPED = Counter(
    "lodestar_live_publish_dropped",
    "Events not queued for the broker because its queue was full (left to the log)",
)
RECEIVED = Counter(
    "lodestar_live_events_received",
    "Events this process's streams took in, by where they came from",
    ["via"],
)
LAG = Histogram(
    "lodestar_live_event_lag_seconds",
    "From an event's commit to its fan-out in this process (broker lag, gap reads included)",
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0),
)
DELIVERED = Counter(
    "lodestar_live_deliveries", "Events handed to local subscribers (event × subscriber)"
)
RESYNCS = Counter(
    "lodestar_live_resyncs", "Subscribers told to refetch (ResyncRequired)", ["reason"]
)

# The hook for scheduled jobs: `with job_run("digest"):` around one run.
JOB_RUNS = Counter("lodestar_job_runs", "Scheduled job runs", ["job", "outcome"])
JOB_SECONDS = Histogram(
    "lodestar_job_duration_seconds", "Time one job run took", ["job"], buckets=LATENCY
)


@contextmanager
def job_run(job: str) -> Iterator[None]:
    """Count and time one run of a scheduled job (outcome `ok` or `error`)."""
    start = perf_counter()
    outcome = "error"
    try:
        yield
        outcome = "ok"
    finally:
        JOB_RUNS.labels(job, outcome).inc()
        JOB_SECONDS.labels(job).observe(perf_counter() - start)


Gauges = Callable[[], Iterable[tuple[str, str, dict[str, str], float]]]


class LiveCollector(Collector):
    """Reads gauges (name, help, labels, value) from the live machinery at scrape time."""

    def __init__(self) -> None:
        self.sources: list[Gauges] = []

    def collect(self) -> Iterator[GaugeMetricFamily]:
        families: dict[str, GaugeMetricFamily] = {}
        for source in self.sources:
            for name, doc, labels, value in source():
                family = families.get(name)
                if family is None:
                    family = families[name] = GaugeMetricFamily(name, doc, labels=list(labels))
                family.add_metric(list(labels.values()), value)
        yield from families.values()


LIVE = LiveCollector()
REGISTRY.register(LIVE)


def render() -> bytes:
    return generate_latest(REGISTRY)
