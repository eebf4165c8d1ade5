"""When scheduled work is due, in the organization's zone (stored instants stay UTC).

A weekly job (the check-in reminder, the digest) is due from its weekday and local time until
the week ends: a process that was down at 16:00 on Friday still sends Friday's reminder at
18:00, once. A daily job is due from its local time until midnight. Each run is named by its
period — the ISO week ("2026-W14") or the local date — which is what makes it happen once.
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo

from ..clock import as_utc, day_start, local_date
from ..errors import InvalidInput

MINUTES_PER_DAY = 24 * 60


@dataclass(frozen=True, slots=True)
class Weekly:
    weekday: int  # ISO: 1 Monday … 7 Sunday
    minute: int  # local minute of the day, 0 … 1439


def week_of(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def week_start(at: datetime, tz: tzinfo, first_day: int = 1) -> datetime:
    """The first moment (UTC) of the local week that `at` falls in, weeks starting on
    `first_day` (ISO: 1 Monday … 7 Sunday)."""
    today = local_date(at, tz)
    return day_start(today - timedelta(days=(today.isoweekday() - first_day) % 7), tz)


def _moment(day: date, minute: int, tz: tzinfo) -> datetime:
    # day_start + minutes: on a day the clocks change the local hour is off by that hour,
    # which a reminder can live with
    return day_start(day, tz) + timedelta(minutes=minute)


def weekly_period(at: datetime, tz: tzinfo, when: Weekly) -> str | None:
    """The week whose run is due at `at`, or None before this week's moment."""
    today = local_date(at, tz)
    day = today + timedelta(days=when.weekday - today.isoweekday())
    if day > today or as_utc(at) < _moment(day, when.minute, tz):
        return None
    return week_of(today)


def daily_period(at: datetime, tz: tzinfo, minute: int) -> str | None:
    """The local date whose run is due at `at`, or None before that day's moment."""
    today = local_date(at, tz)
    return today.isoformat() if as_utc(at) >= _moment(today, minute, tz) else None


def parse_time(value: str, field: str) -> int:
    """ "16:00" → 960; anything else is InvalidInput naming `field`."""
    hours, sep, minutes = value.strip().partition(":")
    if not (sep and hours.isdecimal() and minutes.isdecimal() and len(minutes) == 2):
        raise InvalidInput(field, "reach.bad_time")
    minute = int(hours) * 60 + int(minutes)
    if int(hours) > 23 or int(minutes) > 59:
        raise InvalidInput(field, "reach.bad_time")
    return minute


def format_time(minute: int) -> str:
    return f"{minute // 60:02d}:{minute % 60:02d}"


def check_weekday(value: int, field: str) -> int:
    if not 1 <= value <= 7:
        raise InvalidInput(field, "input.out_of_range", min=1, max=7)
    return value
