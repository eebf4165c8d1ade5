"""boardEvents and presence on one real server process (SQLite, memory broker).

"Nothing arrived" is never shown by waiting: a later public event is made, and the stream's
next event must be that one — the stream advanced past the hidden ones without sending them.
"""

from __future__ import annotations

import asyncio
import itertools
from collections.abc import Awaitable, Callable
from typing import Any

import pytest

from tests.servers import Server, run_cli

from .client import (
    ADMIN,
    PRESENCE,
    Completed,
    Gql,
    Socket,
    Sub,
    SubscriptionError,
    board_seq,
    check_in,
    create_key_result,
    create_objective,
    refused_code,
    sign_in,
    token_for,
    tracking_cycle,
    viewer_id,
)

ZHANGSAN = "zhangsan@example.com"  # member, owns obj_12 (kr_27, kr_28) in the tracking quarter
EMILY = "emily@example.com"  # member, owns obj_13 (kr_29, kr_30)
LILY = "lily@example.com"
ALLOWED_ORIGIN = "https://okr.example.com"  # LODESTAR_ALLOWED_ORIGINS: a second front end
SERVER_ENV = {"LODESTAR_ALLOWED_ORIGINS": ALLOWED_ORIGIN}

Api = Callable[[str], Awaitable[Gql]]
OpenSocket = Callable[..., Awaitable[Socket]]


@pytest.fixture(scope="module")
async def admin(api: Api) -> Gql:
    return await api(ADMIN)


@pytest.fixture(scope="module")
async def zhangsan(api: Api) -> Gql:
    return await api(ZHANGSAN)


@pytest.fixture(scope="module")
async def cycle(admin: Gql) -> str:
    return await tracking_cycle(admin)


async def watch(open_: OpenSocket, email: str, cycle: str, since: int | None) -> Sub:
    return await (await open_(email)).board(cycle, since=since)


def seqs(events: list[dict[str, Any]]) -> list[int]:
    return [e["seq"] for e in events]


# --- delivery -----------------------------------------------------------------------------


async def test_a_check_in_reaches_a_subscriber_with_the_right_numbers(
    api: Api, admin: Gql, zhangsan: Gql, cycle: str, sockets: OpenSocket
) -> None:
    seq0 = await board_seq(admin, cycle)
    sub = await watch(sockets, EMILY, cycle, seq0)

    await check_in(zhangsan, "kr_27", 28, note="weekly")
    event = await sub.next()

    assert event["__typename"] == "KeyResultCheckedIn"
    assert event["seq"] == seq0 + 1
    assert event["cycleId"] == cycle
    assert event["actorId"] == await viewer_id(zhangsan)
    assert event["note"] == "weekly"
    assert (event["keyResult"]["id"], event["keyResult"]["currentValue"]) == ("kr_27", 28)
    # the whole alignment chain moved: obj_12 → obj_11 → obj_10 → obj_6 (converted KRs)
    chain = [o["objectiveId"] for o in event["objectives"]]
    assert chain == ["obj_12", "obj_11", "obj_10", "obj_6"]
    assert {k["keyResultId"] for k in event["keyResults"]} >= {"kr_27", "kr_25", "kr_24", "kr_11"}

    emily = await api(EMILY)
    for numbers in event["objectives"]:
        fresh = (
            await emily.ok(
                "query($id: ID!) { objective(id: $id) { progress status } }",
                id=numbers["objectiveId"],
            )
        )["objective"]
        assert (numbers["progress"], numbers["status"]) == (fresh["progress"], fresh["status"])
    for numbers in event["keyResults"]:
        fresh = (
            await emily.ok(
                "query($id: ID!) { keyResult(id: $id) { progress rawProgress"
                " expectedProgress status statusReasons objective { id } } }",
                id=numbers["keyResultId"],
            )
        )["keyResult"]
        assert numbers["objectiveId"] == fresh["objective"]["id"]
        for key in ("progress", "rawProgress", "status", "statusReasons"):
            assert numbers[key] == fresh[key], (numbers["keyResultId"], key)
        # expected progress moves with the clock: equal up to a few minutes' worth
        assert numbers["expectedProgress"] == pytest.approx(fresh["expectedProgress"], abs=1e-4)


async def test_a_refused_mutation_publishes_nothing(
    api: Api, admin: Gql, zhangsan: Gql, cycle: str, sockets: OpenSocket
) -> None:
    seq0 = await board_seq(admin, cycle)
    sub = await watch(sockets, ADMIN, cycle, seq0)

    refused = [
        # a milestone is done or not
        (zhangsan, 'mutation { checkIn(input: {keyResultId: "kr_28", value: 0.5}) { id } }'),
        # an ALIGNED key result takes no value
        (admin, 'mutation { checkIn(input: {keyResultId: "kr_11", value: 3}) { id } }'),
        # a published objective's weights must sum to 100
        (
            zhangsan,
            'mutation { setWeights(objectiveId: "obj_12",'
            ' weights: [{keyResultId: "kr_27", weight: 70}]) { id } }',
        ),
        # a title is required
        (zhangsan, 'mutation { updateKeyResult(id: "kr_27", input: {title: ""}) { id } }'),
        # someone else's key result
        (
            await api(EMILY),
            'mutation { checkIn(input: {keyResultId: "kr_27", value: 20}) { id } }',
        ),
    ]
    for client, mutation in refused:
        body = await client.raw(mutation)
        assert body.get("errors"), (mutation, body)

    assert await board_seq(admin, cycle) == seq0
    await check_in(zhangsan, "kr_27", 29)
    event = await sub.next()
    assert (event["seq"], event["__typename"]) == (seq0 + 1, "KeyResultCheckedIn")


async def test_since_replays_in_order_then_continues_live_with_no_gap_and_no_duplicate(
    api: Api, admin: Gql, zhangsan: Gql, cycle: str, sockets: OpenSocket
) -> None:
    emily = await api(EMILY)
    seq0 = await board_seq(admin, cycle)
    for i in range(3):  # missed before subscribing
        await check_in(zhangsan, "kr_27", 20 + i)

    subs: list[Sub] = []
    subscribed: list[asyncio.Event] = [asyncio.Event(), asyncio.Event()]
    reached: list[asyncio.Event] = [asyncio.Event(), asyncio.Event()]

    async def writer() -> None:
        # keeps checking in while the subscribers join: their seam falls mid-stream
        for i in range(10):
            if i == 2:
                reached[0].set()
            if i == 6:
                reached[1].set()
            await check_in(emily if i % 2 else zhangsan, "kr_29" if i % 2 else "kr_27", 4 + i)

    async def subscriber(n: int, email: str) -> None:
        await reached[n].wait()
        subs.append(await watch(sockets, email, cycle, seq0))
        subscribed[n].set()

    await asyncio.gather(writer(), subscriber(0, ADMIN), subscriber(1, EMILY))
    for i in range(2):  # after everyone joined: live only
        await check_in(zhangsan, "kr_27", 25 + i)
    final = await board_seq(admin, cycle)
    assert final == seq0 + 15

    for sub in subs:
        events = await sub.until_seq(final)
        assert seqs(events) == list(range(seq0 + 1, final + 1))
        assert {e["__typename"] for e in events} == {"KeyResultCheckedIn"}
    # and nothing after the last one (a duplicate would show up here)
    await check_in(zhangsan, "kr_27", 21)
    for sub in subs:
        assert seqs([await sub.next()]) == [final + 1]


async def test_since_beyond_the_current_seq_asks_to_resync(
    admin: Gql, cycle: str, sockets: OpenSocket
) -> None:
    current = await board_seq(admin, cycle)
    sub = await watch(sockets, EMILY, cycle, current + 50)
    event = await sub.next()
    assert event["__typename"] == "ResyncRequired"
    assert event["resyncSeq"] == current
    with pytest.raises(Completed):
        await sub.next()

    negative = await watch(sockets, EMILY, cycle, -1)
    with pytest.raises(SubscriptionError):
        await negative.next()


# --- visibility ---------------------------------------------------------------------------


async def test_a_private_objectives_events_never_reach_a_member_who_cannot_open_it(
    api: Api, admin: Gql, zhangsan: Gql, cycle: str, sockets: OpenSocket
) -> None:
    emily = await api(EMILY)
    seq0 = await board_seq(admin, cycle)
    other = await watch(sockets, EMILY, cycle, seq0)
    everyone = await watch(sockets, ADMIN, cycle, seq0)  # an admin sees everything
    owner = await watch(sockets, ZHANGSAN, cycle, seq0)
    # once this reaches them, later events come live (not replayed from the log)
    await check_in(zhangsan, "kr_27", 21)
    for sub in (other, everyone, owner):
        assert (await sub.next())["seq"] == seq0 + 1

    secret = await create_objective(zhangsan, cycle, "secret plan", visibility="PRIVATE")
    kr = await create_key_result(zhangsan, secret["id"], "secret number")
    await check_in(zhangsan, kr, 4, note="nobody else may read this")
    hidden_upto = await board_seq(admin, cycle)
    assert hidden_upto == seq0 + 4
    assert (await emily.ok("query($id: ID!) { objective(id: $id) { id } }", id=secret["id"]))[
        "objective"
    ] is None

    await check_in(zhangsan, "kr_27", 22)  # a public event after the hidden ones
    event = await other.next()
    assert event["seq"] == hidden_upto + 1, "the member's stream advanced past the private events"
    assert event["keyResult"]["id"] == "kr_27"

    for sub in (everyone, owner):
        events = await sub.until_seq(hidden_upto + 1)
        assert [e["__typename"] for e in events] == [
            "ObjectiveCreated",
            "KeyResultChanged",
            "KeyResultCheckedIn",
            "KeyResultCheckedIn",
        ]
        assert events[0]["objective"]["id"] == secret["id"]
        assert events[2]["note"] == "nobody else may read this"

    # replayed from the log with `since`, the same events are cut the same way
    late = await watch(sockets, EMILY, cycle, seq0)
    assert seqs(await late.until_seq(hidden_upto + 1)) == [seq0 + 1, hidden_upto + 1]


async def test_making_an_objective_private_removes_it_for_who_could_see_it(
    admin: Gql, zhangsan: Gql, cycle: str, sockets: OpenSocket
) -> None:
    shown = await create_objective(zhangsan, cycle, "soon private")
    kr = await create_key_result(zhangsan, shown["id"], "a number")
    seq0 = await board_seq(admin, cycle)
    other = await watch(sockets, EMILY, cycle, seq0)
    everyone = await watch(sockets, ADMIN, cycle, seq0)

    await zhangsan.ok(
        "mutation($id: ID!) { updateObjective(id: $id, input: {visibility: PRIVATE}) { id } }",
        id=shown["id"],
    )
    removed = await other.next()
    assert removed["__typename"] == "ObjectiveRemoved"
    assert (removed["seq"], removed["objectiveId"]) == (seq0 + 1, shown["id"])
    assert removed["objectives"] == [] and removed["keyResults"] == []
    changed = await everyone.next()
    assert changed["__typename"] == "ObjectiveChanged"
    assert changed["objective"]["visibility"] == "PRIVATE"

    # from now on its events stay hidden from the member
    await check_in(zhangsan, kr, 3)
    await check_in(zhangsan, "kr_27", 23)
    assert (await other.next())["seq"] == seq0 + 3
    assert seqs(await everyone.until_seq(seq0 + 3)) == [seq0 + 2, seq0 + 3]


async def test_shared_payloads_still_differ_by_who_may_see_what(
    admin: Gql, zhangsan: Gql, cycle: str, sockets: OpenSocket
) -> None:
    """Subscribers asking the same selection share one execution per view of an event
    (backend/api/sharing.py): people who may see the same get the same text, people who may
    not get their own cut — never someone else's."""
    seq0 = await board_seq(admin, cycle)
    groups = {
        who: [await watch(sockets, who, cycle, seq0) for _ in range(3)]
        for who in (ADMIN, EMILY, ZHANGSAN)
    }
    hidden = await create_objective(
        zhangsan,
        cycle,
        "hidden contributor",
        visibility="PRIVATE",
        parentId="obj_11",
        sourceKeyResultId="kr_25",
    )
    kr = await create_key_result(zhangsan, hidden["id"], "hidden number")
    await check_in(zhangsan, kr, 9, note="for the owner's eyes")
    hidden_seq = await board_seq(admin, cycle)
    await check_in(zhangsan, "kr_27", 25)  # a public marker
    marker = hidden_seq + 1

    got: dict[str, list[list[dict[str, Any]]]] = {}
    for who, subs in groups.items():
        got[who] = [
            [{k: v for k, v in e.items() if k != "_t"} for e in await sub.until_seq(marker)]
            for sub in subs
        ]
        first = got[who][0]
        assert all(events == first for events in got[who]), f"{who}'s sockets disagree"

    def at(who: str, seq: int) -> dict[str, Any]:
        return next(e for e in got[who][0] if e["seq"] == seq)

    # the owner and an admin may see everything here: the same payloads
    assert got[ZHANGSAN][0] == got[ADMIN][0]
    mine = at(ADMIN, hidden_seq)
    assert mine["__typename"] == "KeyResultCheckedIn"
    assert mine["note"] == "for the owner's eyes"
    assert hidden["id"] in {o["objectiveId"] for o in mine["objectives"]}

    # Emily shares none of it: the visible parent's numbers alone, nothing hidden anywhere
    theirs = at(EMILY, hidden_seq)
    assert theirs["__typename"] == "NumbersChanged"
    assert {o["objectiveId"] for o in theirs["objectives"]} <= {
        o["objectiveId"] for o in mine["objectives"]
    } - {hidden["id"]}
    assert "obj_11" in {o["objectiveId"] for o in theirs["objectives"]}
    text = str(got[EMILY][0])
    for secret in (hidden["id"], kr, "for the owner's eyes", "hidden contributor"):
        assert secret not in text
    assert at(EMILY, marker) == at(ADMIN, marker)  # a public event: the same for all


async def test_another_organizations_events_never_reach_anyone(
    server: Server, admin: Gql, zhangsan: Gql, cycle: str, sockets: OpenSocket
) -> None:
    run_cli(
        server.env,
        "create-org",
        "--name=Other Corp",
        "--slug=other",
        "--admin-email=boss@other.example",
        "--admin-name=Boss",
        "--admin-handle=boss",
        "--password=other-secret-1",
    )
    run_cli(
        server.env,
        "create-user",
        "--org=other",
        "--email=worker@other.example",
        "--name=Worker",
        "--handle=worker",
        "--password=other-secret-2",
    )
    boss = Gql(server.base, await token_for(server, "boss@other.example", "other-secret-1"))
    await token_for(server, "worker@other.example", "other-secret-2")
    try:
        their_cycle = (
            await boss.ok(
                'mutation { createCycle(input: {name: "Q", startsOn: "2026-10-01",'
                ' endsOn: "2026-12-31"}) { id } }'
            )
        )["createCycle"]["id"]
        for phase in ("ALIGNING", "TRACKING"):  # check-ins land in a cycle being tracked
            await boss.ok(
                "mutation($c: ID!, $p: CyclePhase!) { setCyclePhase(id: $c, phase: $p) { id } }",
                c=their_cycle,
                p=phase,
            )
        their_seq0 = await board_seq(boss, their_cycle)
        seq0 = await board_seq(admin, cycle)
        ours = [await watch(sockets, who, cycle, seq0) for who in (ADMIN, EMILY)]
        theirs = [
            await watch(sockets, who, their_cycle, their_seq0)
            for who in ("boss@other.example", "worker@other.example")
        ]

        objective = await create_objective(boss, their_cycle, "their goal", level="COMPANY")
        kr = await create_key_result(boss, objective["id"], "their number")
        await check_in(boss, kr, 7)
        await check_in(zhangsan, "kr_27", 24)

        for sub in ours:
            event = await sub.next()
            assert (event["seq"], event["keyResult"]["id"]) == (seq0 + 1, "kr_27")
        for sub in theirs:
            events = [await sub.next() for _ in range(3)]
            assert seqs(events) == [their_seq0 + 1, their_seq0 + 2, their_seq0 + 3]
            assert {e["cycleId"] for e in events} == {their_cycle}
        await check_in(boss, kr, 8)  # their stream skipped our check-in
        for sub in theirs:
            assert (await sub.next())["seq"] == their_seq0 + 4

        # and nobody may subscribe to another organization's board, nor watch who is on it
        their_socket = await sockets("boss@other.example")
        for foreign in (
            await their_socket.board(cycle, since=None),
            await their_socket.subscribe(PRESENCE, cycleId=cycle),
        ):
            with pytest.raises(SubscriptionError) as refused:
                await foreign.next()
            assert refused.value.payload[0]["extensions"]["code"] == "NOT_FOUND"
    finally:
        await boss.close()


# --- authentication and limits ------------------------------------------------------------


async def test_a_socket_without_cookie_or_token_is_closed_with_4403(server: Server) -> None:
    assert await refused_code(server.ws_url) == 4403
    assert await refused_code(server.ws_url, token="lst_not-a-real-token") == 4403


async def test_the_session_cookie_works_only_from_our_own_origin(
    server: Server, cycle: str
) -> None:
    http = await sign_in(server.base, EMILY)
    try:
        session = http.cookies.get("lodestar_session")
        assert session
        cookie = {"Cookie": f"lodestar_session={session}"}
        for origin in ("https://evil.example", f"http://127.0.0.1:{server.port + 1}"):
            # refused at the handshake (HTTP 403) or after connection_init (4403): either way
            # a page on another site never rides on the cookie
            assert await refused_code(server.ws_url, headers={**cookie, "Origin": origin}) in (
                403,
                4403,
            ), origin
        for origin in (f"http://127.0.0.1:{server.port}", ALLOWED_ORIGIN):
            socket = await Socket.open(server.ws_url, headers={**cookie, "Origin": origin})
            try:
                sub = await socket.subscribe(PRESENCE, cycleId=cycle)
                update = await sub.next()
                assert "emily" in {w["handle"] for w in update["watchers"]}
            finally:
                await socket.close()
    finally:
        await http.aclose()


async def test_the_eleventh_subscription_on_one_connection_is_refused(
    api: Api, admin: Gql, cycle: str, sockets: OpenSocket
) -> None:
    seq = await board_seq(admin, cycle)
    socket = await sockets(LILY)
    subs = [await socket.board(cycle, since=seq) for _ in range(10)]
    eleventh = await socket.board(cycle, since=seq)
    with pytest.raises(SubscriptionError, match="limit"):
        await eleventh.next()

    # the ten are alive, and ending one frees its slot
    await check_in(await api(EMILY), "kr_29", 7)
    for sub in subs:
        assert (await sub.next())["seq"] == seq + 1
    await subs[0].stop()
    for _ in range(50):
        replacement = await socket.board(cycle, since=seq)
        try:
            assert (await replacement.next())["seq"] == seq + 1
            break
        except SubscriptionError:  # the server has not processed the `complete` yet
            await asyncio.sleep(0.05)
    else:
        pytest.fail("the slot of a completed subscription never came free")


async def test_a_user_gets_at_most_twenty_connections(server: Server) -> None:
    token = await token_for(server, LILY)
    opened = [await Socket.open(server.ws_url, token=token) for _ in range(20)]
    try:
        assert await refused_code(server.ws_url, token=token) == 4403
        await opened.pop().close()
        opened.append(await Socket.open(server.ws_url, token=token))  # a slot came free
    finally:
        await asyncio.gather(*(s.close() for s in opened))


# --- presence -----------------------------------------------------------------------------


async def test_presence_counts_go_up_and_down_as_sockets_join_and_leave(
    cycle: str, sockets: OpenSocket
) -> None:
    async def handles(sub: Sub) -> tuple[int, set[str]]:
        update = await sub.next()
        assert update["cycleId"] == cycle
        return update["count"], {w["handle"] for w in update["watchers"]}

    first = await (await sockets(EMILY)).subscribe(PRESENCE, cycleId=cycle)
    count, who = await handles(first)
    assert "emily" in who
    base = count

    lily_socket = await sockets(LILY)
    await lily_socket.subscribe(PRESENCE, cycleId=cycle)
    assert await handles(first) == (base + 1, who | {"lily"})

    # a second tab of the same person is still one watcher
    again = await (await sockets(EMILY)).subscribe(PRESENCE, cycleId=cycle)
    assert await handles(again) == (base + 1, who | {"lily"})

    await lily_socket.close()
    assert await handles(first) == (base, who)


async def test_joins_wake_watchers_at_most_once_a_second_and_a_second_tab_announces_nothing(
    cycle: str, sockets: OpenSocket
) -> None:
    watcher = await (await sockets(ADMIN)).subscribe(PRESENCE, cycleId=cycle)
    base = (await watcher.next())["count"]

    # three people open the board at once: their arrivals reach the watcher coalesced
    arriving = await asyncio.gather(*(sockets(who) for who in (ZHANGSAN, EMILY, LILY)))
    for socket in arriving:
        await socket.subscribe(PRESENCE, cycleId=cycle)
    updates = [await watcher.next()]
    while updates[-1]["count"] < base + 3:
        updates.append(await watcher.next())
    assert len(updates) <= 3
    gaps = [b["_t"] - a["_t"] for a, b in itertools.pairwise(updates)]
    assert all(gap >= 0.9 for gap in gaps), gaps

    # Emily's second tab is given the list at once and tells the others nothing: the
    # watcher's next list is the one without Lily, who leaves next
    again = await (await sockets(EMILY)).subscribe(PRESENCE, cycleId=cycle)
    assert (await again.next())["count"] == base + 3
    await arriving[2].close()
    after = await watcher.next()
    assert after["count"] == base + 2
    assert "lily" not in {w["handle"] for w in after["watchers"]}
