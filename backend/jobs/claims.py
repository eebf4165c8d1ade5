"""Claims through unique rows (models.JobClaim), so that any number of processes may run the
scheduler and every reminder still goes out once.

- A run (job × period, e.g. the check-in reminder of 2026-W14) is claimed with a lease: one
  process works on it; if that process dies, the lease expires and another takes the run over.
- Each delivery of a run (× recipient) is a row written in the same transaction as what it
  delivers (the notification, the outbox messages): it commits once, or not at all, whoever
  tries — a run taken over skips what was delivered already.
"""

import os
import secrets
import socket
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta

from tortoise.exceptions import IntegrityError

from ..events.kinds import EventKind, Notified
from ..events.unit import Unit, write
from ..models import JobClaim

# this process, as written into the leases it holds
OWNER = f"{socket.gethostname()[:16]}:{os.getpid()}:{secrets.token_hex(3)}"
RUN_LEASE = timedelta(minutes=10)


async def claim_run(org_id: int, job: str, period: str, now: datetime, owner: str = OWNER) -> bool:
    """Take the run: a new row, or one whose holder's lease expired before it finished. False
    when it is done, or held by a live process."""
    try:
        await JobClaim.create(
            organization_id=org_id,
            job=job,
            period=period,
            recipient="",
            lease_until=now + RUN_LEASE,
            owner=owner,
        )
        return True
    except IntegrityError:
        taken = await JobClaim.filter(
            organization_id=org_id,
            job=job,
            period=period,
            recipient="",
            done_at=None,
            lease_until__lt=now,
        ).update(lease_until=now + RUN_LEASE, owner=owner)
        return bool(taken)


async def finish_run(org_id: int, job: str, period: str, now: datetime, owner: str = OWNER) -> None:
    await JobClaim.filter(
        organization_id=org_id, job=job, period=period, recipient="", owner=owner
    ).update(done_at=now, lease_until=None)


Deliver = Callable[[Unit], Awaitable[list[Notified]]]


async def deliver_once(
    org_id: int, job: str, period: str, recipient: str, now: datetime, deliver: Deliver
) -> bool:
    """Runs `deliver` (which writes the notification and outbox messages) in one transaction
    with the recipient's claim row: True when this call delivered, False when it had been."""
    try:
        async with write(org_id, None) as unit:
            await JobClaim.create(
                organization_id=org_id, job=job, period=period, recipient=recipient, done_at=now
            )
            notified = await deliver(unit)
            if notified:
                await unit.record(EventKind.REACH_NOTIFIED, {"job": job, "notified": notified})
    except IntegrityError:
        return False
    return True
