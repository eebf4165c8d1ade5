"""Dates in the organization's time zone, instants in UTC (DESIGN §3).

A date ("due 12 December", a cycle's `endsOn`) is a whole day where the organization is:
in Asia/Shanghai, 12 December ends at 13 December 00:00 Beijing time (16:00 UTC on the 12th).
Stored instants are UTC; every instant this module returns is UTC too.
"""

from datetime import UTC, date, datetime, time, timedelta, tzinfo
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from .errors import InvalidInput

_ONE_DAY = timedelta(days=1)
_LAST_MOMENT = timedelta(microseconds=1)


# a machine set to UTC names it "Etc/UTC": the fixed offset is a third cheaper to evaluate with
_UTC_NAMES = frozenset({"UTC", "Etc/UTC", "Etc/UCT", "UCT", "Universal", "Etc/Universal", "Zulu"})


@lru_cache(maxsize=64)
def zone(name: str) -> tzinfo:
    """The IANA zone `name` (e.g. "Asia/Shanghai"), or InvalidInput naming `timeZone`."""
    if name in _UTC_NAMES:
        return UTC
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        # ValueError: a path-like or malformed key ("../etc", "")
        raise InvalidInput("timeZone", "org.unknown_time_zone") from None


@lru_cache(maxsize=4096)  # a cycle has few distinct dates; evaluate() asks for them per KR
def day_start(day: date, tz: tzinfo = UTC) -> datetime:
    """The first moment of `day` in zone `tz`, as a UTC instant."""
    return datetime.combine(day, time.min, tzinfo=tz).astimezone(UTC)


def day_end(day: date, tz: tzinfo = UTC) -> datetime:
    """The last moment of `day` in zone `tz` (the next day has not begun), as a UTC instant."""
    return day_start(day + _ONE_DAY, tz) - _LAST_MOMENT


def as_utc(at: datetime) -> datetime:
    # Some database drivers hand back naive datetimes; they are stored as UTC.
    if at.tzinfo is UTC:
        return at
    return at.replace(tzinfo=UTC) if at.tzinfo is None else at.astimezone(UTC)


def local_date(at: datetime, tz: tzinfo = UTC) -> date:
    """The date it is at instant `at` in zone `tz`: the organization's "today"."""
    return as_utc(at).astimezone(tz).date()
