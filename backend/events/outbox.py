"""The outbox: messages to send (e-mails, IM posts), written in the same transaction as their
cause and sent after commit by the jobs (backend/jobs/delivery.py).

Each message has a unique key made from its cause (job, period, recipient, channel), so writing
it twice is impossible and a restart loses nothing: what is committed is sent, once it is
claimed. A sender claims a batch with a lease (FOR UPDATE SKIP LOCKED on PostgreSQL, so two
processes never take the same message); a process that dies mid-send leaves its messages to
another once the lease has expired. The one case that can repeat a message is a process dying
after the platform accepted it and before the row says so.
"""

from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

from tortoise.expressions import Q
from tortoise.transactions import in_transaction

from ..db import WRITE
from ..domain.reach.notice import Notice
from ..models import OutboxMessage

LEASE = timedelta(minutes=2)  # longer than one send may take (timeouts are 20 s)
BATCH = 20


class Channel(StrEnum):
    EMAIL = "EMAIL"
    WEBHOOK = "WEBHOOK"


class State(StrEnum):
    PENDING = "PENDING"
    SENT = "SENT"
    FAILED = "FAILED"


async def enqueue(
    org_id: int,
    key: str,
    notice: Notice,
    now: datetime,
    *,
    email: tuple[int | None, str] | None = None,
    webhook_id: int | None = None,
) -> None:
    """Call inside the cause's transaction: `notice` to one person's address (`email`: their
    id — none yet for an invitation — and address) or to one robot."""
    message: dict[str, Any] = {"notice": notice.to_json()}
    if email is not None:
        message["to"] = email[1]
    await OutboxMessage.create(
        organization_id=org_id,
        key=key,
        channel=Channel.EMAIL if email is not None else Channel.WEBHOOK,
        user_id=email[0] if email is not None else None,
        webhook_id=webhook_id,
        message=message,
        created_at=now,
        next_attempt_at=now,
    )


async def claim(owner: str, now: datetime, limit: int = BATCH) -> list[OutboxMessage]:
    """Up to `limit` messages due now, leased to `owner`: pending, not leased by a live
    sender, and not for a paused robot."""
    async with in_transaction(WRITE):
        rows = (
            await OutboxMessage.filter(
                Q(lease_until=None) | Q(lease_until__lt=now),
                Q(webhook_id=None) | Q(webhook__paused_at=None),
                state=State.PENDING,
                next_attempt_at__lte=now,
            )
            .order_by("id")
            .limit(limit)
            .select_for_update(skip_locked=True, of=("outbox_message",))
        )
        if rows:
            await OutboxMessage.filter(id__in=[r.id for r in rows]).update(
                lease_until=now + LEASE, lease_owner=owner
            )
    return rows


async def settle(message: OutboxMessage, owner: str, **changes: Any) -> bool:
    """Record what became of a claimed message — only while `owner` still holds it (a sender
    whose lease expired meanwhile changes nothing). True when written."""
    written = await OutboxMessage.filter(id=message.id, lease_owner=owner).update(
        lease_until=None, lease_owner="", **changes
    )
    return bool(written)
