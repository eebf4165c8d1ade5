"""Sign-in limits over HTTP (domain/login_limit.py): per account and address pair, counted
before the password is checked — also when the attempts arrive all at once — with wider
limits per account and per address, and a window that doubles for a pair that keeps trying."""

import asyncio
from datetime import UTC, datetime, timedelta

import pytest

from backend.actions import auth, login_attempts
from backend.domain.login_limit import SPREAD
from backend.models import LoginFailure
from tests.api.helpers import PASSWORD, World
from tests.api.test_auth import browser, code, sign_in


@pytest.fixture
def checks(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Each password checked (argon2 replaced by a comparison with the tests' password: these
    tests count checks, not hashes)."""
    checked: list[str] = []

    async def verify(stored: str, given: str) -> bool:
        checked.append(given)
        await asyncio.sleep(0.01)  # as a real check would, let the others in meanwhile
        return given == PASSWORD

    monkeypatch.setattr(auth, "_verify", verify)
    return checked


async def test_a_pair_is_limited_but_its_owner_elsewhere_is_not(
    world: World, checks: list[str]
) -> None:
    limit = world.settings.login_attempts
    assert limit == 5
    attacker = "203.0.113.9"
    for attempt in range(limit):
        wrong = await sign_in(browser(world, attacker), "mia@acme.test", "nope")
        assert code(wrong) == "UNAUTHENTICATED", attempt
    limited = await sign_in(browser(world, attacker), "mia@acme.test", PASSWORD)
    assert code(limited) == "RATE_LIMITED"
    assert "300" in limited.json()["errors"][0]["message"]  # the window, in seconds
    assert "set-cookie" not in limited.headers
    assert len(checks) == limit  # the refused attempt checked no password
    # mia, from her own address, signs in; the attacker may try others' accounts
    assert code(await sign_in(browser(world, "198.51.100.1"), "mia@acme.test", PASSWORD)) is None
    assert code(await sign_in(browser(world, attacker), "pat@acme.test", PASSWORD)) is None


async def test_thirty_concurrent_guesses_check_at_most_the_limit(
    world: World, checks: list[str]
) -> None:
    client = browser(world, "203.0.113.10")
    answers = await asyncio.gather(
        *(sign_in(client, "mia@acme.test", f"guess {i}") for i in range(30))
    )
    codes = [code(answer) for answer in answers]
    assert codes.count("UNAUTHENTICATED") <= world.settings.login_attempts
    assert codes.count("RATE_LIMITED") >= 30 - world.settings.login_attempts
    assert len(checks) <= world.settings.login_attempts


async def test_an_account_is_limited_across_addresses_and_an_address_across_accounts(
    world: World, checks: list[str]
) -> None:
    wide = world.settings.login_attempts * SPREAD
    for attempt in range(wide):  # many machines, each under its pair limit
        wrong = await sign_in(browser(world, f"10.0.{attempt}.1"), "lou@acme.test", "nope")
        assert code(wrong) == "UNAUTHENTICATED", attempt
    elsewhere = await sign_in(browser(world, "10.9.9.9"), "lou@acme.test", PASSWORD)
    assert code(elsewhere) == "RATE_LIMITED"

    here = browser(world, "192.0.2.7")
    for attempt in range(wide):  # one machine trying many accounts
        wrong = await sign_in(here, f"guess{attempt}@acme.test", "nope")
        assert code(wrong) == "UNAUTHENTICATED", attempt
    assert code(await sign_in(here, "pat@acme.test", PASSWORD)) == "RATE_LIMITED"
    assert code(await sign_in(browser(world, "192.0.2.8"), "pat@acme.test", PASSWORD)) is None


async def test_success_starts_the_pair_again(world: World, checks: list[str]) -> None:
    """limit-1 failures, a success, limit-1 more: without the reset the last would be refused."""
    client = browser(world, "10.1.0.1")
    for _ in range(2):
        for attempt in range(world.settings.login_attempts - 1):
            wrong = await sign_in(client, "lou@acme.test", "x")
            assert code(wrong) == "UNAUTHENTICATED", attempt
        assert code(await sign_in(client, "lou@acme.test", PASSWORD)) is None


async def test_a_pair_that_keeps_trying_waits_longer(world: World, checks: list[str]) -> None:
    limit, window = world.settings.login_attempts, world.settings.login_window
    # a whole round used up earlier today, beyond the plain window but within its double
    pair = login_attempts._pair("mia@acme.test", "203.0.113.11")
    await LoginFailure.bulk_create([LoginFailure(key=pair) for _ in range(limit * 2)])
    earlier = datetime.now(UTC) - timedelta(seconds=window + 60)
    await LoginFailure.filter(key=pair).update(created_at=earlier)
    limited = await sign_in(browser(world, "203.0.113.11"), "mia@acme.test", PASSWORD)
    assert code(limited) == "RATE_LIMITED"
    assert str(window * 2) in limited.json()["errors"][0]["message"]
    assert checks == []
