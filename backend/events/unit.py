"""The unit of work every writing action runs in.

`async with write(org_id) as unit:` opens one transaction; `unit.record(kind, payload)` appends an
activity event whose `seq` comes from the organization's counter row, incremented inside
the same transaction (its row lock orders commits on PostgreSQL). Events are published
to the broker only after the transaction commits, so a rolled-back change reaches no one.
`write(org_id, actor_id, guard)` also checks the cycle's phase again with the first event, under
that lock (events/phase.py).
"""

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

from tortoise.exceptions import DoesNotExist
from tortoise.transactions import in_transaction

from ..db import WRITE
from ..live.access import Cut, publish_cuts
from ..live.broker import get_broker, org_channel
from ..models import ActivityEvent, Organization
from ..observability import metrics
from ..read.directory import forget_request_directory
from ..read.rows import client, columns, fetch_models, is_postgres, placeholders
from ..read.seq import org_seq
from .feed import event_of
from .kinds import EventKind, Payload, stamped
from .phase import PhaseGuard

_NEXT_SEQ = "UPDATE organization SET last_seq = last_seq + 1 WHERE id = ?"

# Called after a unit's transaction commits, with its organization and events (the jobs'
# scheduler looks at the cycles whose numbers moved): must return at once, never raise.
AFTER_COMMIT: list[Callable[[int, list[ActivityEvent]], None]] = []


@dataclass
class Unit:
    org_id: int
    actor_id: int | None
    guard: PhaseGuard | None = None
    events: list[ActivityEvent] = field(default_factory=list)
    # sockets to close once committed: credentials ended or rights changed (live/access.py)
    cuts: list[Cut] = field(default_factory=list)
    # the event counter as this transaction holds it locked (`lock`): the next seq is known
    # without reading it back
    last_seq: int | None = None

    async def lock(self) -> Organization:
        """`lock_org` for this unit: its events' seqs then follow from the counter read here."""
        org = await lock_org(self.org_id)
        self.last_seq = org.last_seq
        return org

    async def record(
        self,
        kind: EventKind,
        payload: Payload,
        *,
        cycle_id: int | None = None,
        objective_id: int | None = None,
        key_result_id: int | None = None,
    ) -> ActivityEvent:
        db = client()  # the transaction's: the counter's row lock is held until it ends
        await db.execute_query(placeholders(db, _NEXT_SEQ), [self.org_id])
        if self.guard is not None and not self.events:
            await self.guard.recheck()
        seq: int
        if self.last_seq is None:
            seq = await org_seq(self.org_id)  # as this transaction counted it
        else:
            seq = self.last_seq = self.last_seq + 1
        event = await ActivityEvent.create(
            organization_id=self.org_id,
            seq=seq,
            kind=kind,
            actor_id=self.actor_id,
            cycle_id=cycle_id,
            objective_id=objective_id,
            key_result_id=key_result_id,
            payload=stamped(kind, payload),
        )
        self.events.append(event)
        return event


@asynccontextmanager
async def write(
    org_id: int, actor_id: int | None, guard: PhaseGuard | None = None
) -> AsyncIterator[Unit]:
    unit = Unit(org_id, actor_id, guard)
    forget_request_directory()  # what a write reads of who belongs where, it reads now
    async with in_transaction(WRITE):
        yield unit
    await _publish(unit)


@asynccontextmanager
async def founding(name: str, slug: str) -> AsyncIterator[tuple[Organization, Unit]]:
    """A new organization and the unit of work that fills it (its first people), in one
    transaction: a failure leaves no organization behind."""
    forget_request_directory()
    async with in_transaction(WRITE):
        org = await Organization.create(name=name, slug=slug)
        unit = Unit(org.id, None)
        yield org, unit
    await _publish(unit)


# the committed units of the HTTP request being answered, published once its response is sent
# (`PublishAfterResponse`); None outside a request (sockets, jobs): published at once
_after_response: ContextVar[list[Unit] | None] = ContextVar("lodestar_after_response", default=None)


class PublishAfterResponse:
    """ASGI middleware: a request's events are published after its response was sent, so the
    writer never waits for the fan-out of its own change — on one event loop, the thousand
    deliveries it starts would otherwise run between the writer's last statements and its
    answer. The events are committed (in the log) already; a publish never fails the answer."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        units: list[Unit] = []
        token = _after_response.set(units)
        try:
            await self.app(scope, receive, send)
        finally:
            _after_response.reset(token)
            for unit in units:
                await _publish_now(unit)


async def _publish(unit: Unit) -> None:
    units = _after_response.get()
    if units is not None:
        units.append(unit)
    else:
        await _publish_now(unit)


async def _publish_now(unit: Unit) -> None:
    """Hand the committed events to the broker. Never slow: the broker queues them (or, in
    memory, hands them over at once), and an event it cannot carry is read from the log."""
    broker = get_broker()
    for event in unit.events:
        await broker.publish(org_channel(unit.org_id), event_of(event).to_message())
    metrics.PUBLISHED.inc(len(unit.events))
    await publish_cuts(broker, unit.cuts)
    for hook in AFTER_COMMIT:
        hook(unit.org_id, unit.events)


async def lock_org(org_id: int) -> Organization:
    """The organization row, locked until the transaction ends — on PostgreSQL the lock that
    `unit.record`'s UPDATE of the event counter takes, taken before the numbers are read: a
    transaction that records a smaller seq has committed by then, one that records a larger
    seq reads after this one commits. FOR NO KEY UPDATE, as that UPDATE: rows inserted with a
    foreign key to the organization (key share) do not wait for it. SQLite sends no FOR
    UPDATE: a writing transaction already holds the database's single writer lock. (Raw SQL:
    every writing action pays for it under the lock.)"""
    db = client()
    sql = f"SELECT {columns(Organization, 'o')} FROM organization o WHERE o.id = ?"
    if is_postgres(db):
        sql += " FOR NO KEY UPDATE"
    found = await fetch_models(Organization, sql, [org_id])
    if not found:
        raise DoesNotExist(Organization)
    return found[0]
