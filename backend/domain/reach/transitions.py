"""Which change of status is worth a warning (issue 14): getting worse — ON_TRACK → AT_RISK →
BEHIND — or newly STALE or OVERDUE. Told once per transition: the warnings remember the last
status they saw per item and compare the next one with it, whatever changed it (a check-in,
or time passing with nobody checking in)."""

from collections.abc import Iterable
from dataclasses import dataclass

from ..enums import StatusReason, TrackStatus

# how alarming a status is; DONE and NOT_STARTED alarm no one
_RANK = {
    TrackStatus.DONE: 0,
    TrackStatus.NOT_STARTED: 0,
    TrackStatus.ON_TRACK: 0,
    TrackStatus.AT_RISK: 1,
    TrackStatus.BEHIND: 2,
}
# reasons that are news on their own, even when the status stays what it was
NEWS = frozenset({StatusReason.STALE, StatusReason.OVERDUE})


@dataclass(frozen=True, slots=True)
class Seen:
    status: TrackStatus
    reasons: frozenset[StatusReason] = frozenset()

    @classmethod
    def of(cls, status: str, reasons: Iterable[str]) -> "Seen":
        known = {r.value for r in StatusReason}
        return cls(TrackStatus(status), frozenset(StatusReason(r) for r in reasons if r in known))


# what an item is compared with when the warnings first meet it in a cycle they already watch
UNSEEN = Seen(TrackStatus.ON_TRACK)


def worsened(before: Seen, after: Seen) -> bool:
    if _RANK[after.status] > _RANK[before.status]:
        return True
    return _RANK[after.status] > 0 and bool((after.reasons - before.reasons) & NEWS)
