"""The organization's event counter (`last_seq`) as last committed."""

from tortoise.exceptions import DoesNotExist

from ..models import Organization
from .rows import fetch_rows


async def org_seq(org_id: int) -> int:
    """The organization's latest event seq, without waiting for its lock (inside a
    transaction: as that transaction sees it). Read before the rows an answer shows, a client
    that subscribes from it misses nothing (events carry absolute values: a repeat is
    harmless). Raw: a check-in and every socket's subscription read it."""
    rows = await fetch_rows("SELECT last_seq FROM organization WHERE id = ?", [org_id])
    if not rows:
        raise DoesNotExist(Organization)
    return int(rows[0][0])
