"""Which sockets a cut closes (live/access.py), and that it survives the broker's wire."""

import asyncio
from datetime import UTC, datetime, timedelta

import pytest

from backend.live.access import RIGHTS_CHANGED, SESSION_GONE, Close, Cut, Sockets
from backend.live.broker import MemoryBroker


@pytest.mark.parametrize(
    ("cut", "user_id", "token_id", "closes"),
    [
        (Cut(SESSION_GONE, 1, (10,)), 1, 10, True),  # that token
        (Cut(SESSION_GONE, 1, (10,)), 1, 11, False),  # another of the person's
        (Cut(SESSION_GONE, 1, (10,)), 2, 10, False),  # another person
        (Cut(RIGHTS_CHANGED, 1), 1, 11, True),  # every socket of the person
        (Cut(SESSION_GONE, 1, keep=10), 1, 10, False),  # the session that changed the password
        (Cut(SESSION_GONE, 1, keep=10), 1, 12, True),
    ],
)
def test_matches(cut: Cut, user_id: int, token_id: int, closes: bool) -> None:
    assert cut.matches(user_id, token_id) is closes
    assert Cut.from_message(cut.to_message()) == cut


async def test_a_published_cut_closes_the_matching_sockets_once() -> None:
    broker, sockets = MemoryBroker(), Sockets()
    sockets.listen(broker)
    closed: list[tuple[str, int]] = []

    def closer(name: str) -> Close:
        async def close(code: int, reason: str) -> None:
            closed.append((name, code))

        return close

    sockets.add("phone", 1, 10, closer("phone"))
    sockets.add("laptop", 1, 11, closer("laptop"))
    sockets.add("other", 2, 20, closer("other"))
    await broker.publish("lodestar:access", Cut(SESSION_GONE, 1, (10,)).to_message())
    await broker.publish("lodestar:access", b"not json")  # dropped, logged
    await asyncio.sleep(0)
    assert closed == [("phone", SESSION_GONE)]
    await broker.publish("lodestar:access", Cut(RIGHTS_CHANGED, 1).to_message())
    await asyncio.sleep(0)
    assert closed == [("phone", SESSION_GONE), ("laptop", RIGHTS_CHANGED)]
    assert set(sockets.open) == {2}


async def test_a_socket_closes_when_its_credential_expires() -> None:
    sockets = Sockets()
    closed: list[int] = []

    async def close(code: int, reason: str) -> None:
        closed.append(code)

    soon = datetime.now(UTC) + timedelta(milliseconds=50)
    sockets.add("script", 1, 10, close, soon)
    sockets.add("kept", 1, 11, close, soon)
    sockets.remove("kept", 1)  # gone before its expiry: no timer left behind
    await asyncio.sleep(0.2)
    assert closed == [SESSION_GONE]
    assert sockets.open == {}
