"""The rules of e-mailed accounts: join domains, suggested handles, the week's first day."""

from datetime import UTC, datetime

import pytest

from backend.domain.accounts import clean_domain, email_domain, suggested_handle
from backend.domain.errors import InvalidInput
from backend.domain.reach.schedule import week_start


@pytest.mark.parametrize(
    ("given", "clean"),
    [
        ("example.com", "example.com"),
        (" @Corp.Example.CN ", "corp.example.cn"),
        ("a-b.io", "a-b.io"),
    ],
)
def test_a_join_domain_is_cleaned(given: str, clean: str) -> None:
    assert clean_domain(given) == clean


@pytest.mark.parametrize("given", ["", "localhost", "no spaces.com", "a@b.com", "x.c", "a..com"])
def test_what_is_not_a_domain_is_refused(given: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        clean_domain(given)
    assert (refused.value.field, refused.value.key) == ("joinDomain", "input.invalid_domain")


def test_the_domain_of_an_address() -> None:
    assert email_domain("Joe@Acme.Test") == "acme.test"


@pytest.mark.parametrize(
    ("email", "taken", "handle"),
    [
        ("new.hire@acme.test", set(), "new.hire"),
        ("mia@acme.test", {"mia"}, "mia2"),
        ("mia@acme.test", {"mia", "mia2"}, "mia3"),
        ("a@acme.test", set(), "usera"),  # too short for a handle alone
        ("张三+okr@acme.test", set(), "okr"),
        ("-x-@acme.test", set(), "userx"),
    ],
)
def test_a_handle_is_suggested_from_the_address(email: str, taken: set[str], handle: str) -> None:
    assert suggested_handle(email, taken) == handle


@pytest.mark.parametrize(
    ("first_day", "start"),
    [
        (1, datetime(2026, 11, 30, tzinfo=UTC)),
        (7, datetime(2026, 11, 29, tzinfo=UTC)),
        (5, datetime(2026, 12, 4, tzinfo=UTC)),
        (6, datetime(2026, 11, 28, tzinfo=UTC)),
    ],
)
def test_a_week_starts_on_the_organizations_first_day(first_day: int, start: datetime) -> None:
    friday = datetime(2026, 12, 4, 10, tzinfo=UTC)
    assert week_start(friday, UTC, first_day) == start
