from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from backend.domain.clock import day_end, day_start, local_date, zone
from backend.domain.errors import InvalidInput

US = timedelta(microseconds=1)

# (name, zone, day, its first moment in UTC)
DAY_CASES = [
    ("utc", "UTC", date(2025, 12, 12), datetime(2025, 12, 12, tzinfo=UTC)),
    ("shanghai", "Asia/Shanghai", date(2025, 12, 12), datetime(2025, 12, 11, 16, tzinfo=UTC)),
    ("new-york-winter", "America/New_York", date(2025, 1, 6), datetime(2025, 1, 6, 5, tzinfo=UTC)),
    ("new-york-summer", "America/New_York", date(2025, 7, 6), datetime(2025, 7, 6, 4, tzinfo=UTC)),
    # the day clocks spring forward is 23 hours long; its start is still midnight
    ("berlin-dst-day", "Europe/Berlin", date(2025, 3, 30), datetime(2025, 3, 29, 23, tzinfo=UTC)),
    (
        "kiritimati-plus-14",
        "Pacific/Kiritimati",
        date(2025, 1, 1),
        datetime(2024, 12, 31, 10, tzinfo=UTC),
    ),
]


@pytest.mark.parametrize(
    ("name", "day", "start"), [c[1:] for c in DAY_CASES], ids=[c[0] for c in DAY_CASES]
)
def test_a_day_begins_at_midnight_in_the_zone(name: str, day: date, start: datetime) -> None:
    tz = zone(name)
    assert day_start(day, tz) == start
    assert day_start(day, tz).tzinfo is UTC
    assert day_end(day - timedelta(days=1), tz) == start - US


def test_berlin_spring_forward_day_is_23_hours() -> None:
    berlin = zone("Europe/Berlin")
    length = day_start(date(2025, 3, 31), berlin) - day_start(date(2025, 3, 30), berlin)
    assert length == timedelta(hours=23)


# (name, instant, zone, the local date then)
TODAY_CASES = [
    ("utc", datetime(2025, 12, 12, 20, tzinfo=UTC), "UTC", date(2025, 12, 12)),
    (
        "shanghai-after-16-utc",
        datetime(2025, 12, 12, 16, tzinfo=UTC),
        "Asia/Shanghai",
        date(2025, 12, 13),
    ),
    (
        "shanghai-before-16-utc",
        datetime(2025, 12, 12, 15, 59, tzinfo=UTC),
        "Asia/Shanghai",
        date(2025, 12, 12),
    ),
    ("naive-is-utc", datetime(2025, 12, 12, 16), "Asia/Shanghai", date(2025, 12, 13)),
    (
        "los-angeles-behind",
        datetime(2025, 12, 13, 7, tzinfo=UTC),
        "America/Los_Angeles",
        date(2025, 12, 12),
    ),
]


@pytest.mark.parametrize(
    ("at", "name", "today"), [c[1:] for c in TODAY_CASES], ids=[c[0] for c in TODAY_CASES]
)
def test_today_is_the_organization_date(at: datetime, name: str, today: date) -> None:
    assert local_date(at, zone(name)) == today


def test_zone_is_an_iana_name() -> None:
    assert zone("Asia/Shanghai") == ZoneInfo("Asia/Shanghai")
    assert zone("UTC") is UTC


@pytest.mark.parametrize("name", ["UTC", "Etc/UTC", "Etc/UCT", "UCT", "Universal", "Zulu"])
def test_utc_by_any_of_its_names_is_the_fixed_offset(name: str) -> None:
    assert zone(name) is UTC


@pytest.mark.parametrize("name", ["", "Mars/Olympus", "../etc/passwd", "Asia/", "+08:00"])
def test_unknown_zone_is_refused_on_time_zone(name: str) -> None:
    with pytest.raises(InvalidInput) as err:
        zone(name)
    assert (err.value.field, err.value.key) == ("timeZone", "org.unknown_time_zone")
