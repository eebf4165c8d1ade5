""" "Applying the events to the old board gives the new board" (DESIGN §6), on one real server.

Each observer loads the board with the web app's board query (`boardSeq` in the same request),
subscribes with `since`, watches a burst of mixed changes made concurrently by several people,
folds the recorded events into its old board with the web app's own fold (board.py runs it
under node) and compares with a fresh query: equal.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any

import pytest

from tests.servers import Server

from .board import Board, differences, fold, load_board
from .client import (
    ADMIN,
    Gql,
    Socket,
    Sub,
    board_seq,
    check_in,
    create_key_result,
    create_objective,
    token_for,
    tracking_cycle,
)

ZHANGSAN, EMILY, WANGFANG = "zhangsan@example.com", "emily@example.com", "wangfang@example.com"
LIUYANG, WUHAO, MICHAEL = "liuyang@example.com", "wuhao@example.com", "michael@example.com"
HEJING = "hejing@example.com"

Api = Callable[[str], Awaitable[Gql]]
_marks = 0


@pytest.fixture(scope="module")
async def cycle(api: Api) -> str:
    return await tracking_cycle(await api(ADMIN))


class Observer:
    """One person watching the board: the old board, then every event after it."""

    sub: Sub

    def __init__(self, email: str, api: Gql, socket: Socket) -> None:
        self.email, self.api, self.socket = email, api, socket
        self.board: Board = {}
        self.events: list[dict[str, Any]] = []

    @classmethod
    async def start(cls, server: Server, api: Api, email: str, cycle: str) -> Observer:
        me = cls(
            email,
            await api(email),
            await Socket.open(server.ws_url, token=await token_for(server, email)),
        )
        seq, me.board = await load_board(me.api, cycle)
        me.sub = await me.socket.board(cycle, since=seq)
        return me

    async def catch_up(self, marker_seq: int) -> None:
        """Every event up to the (visible) marker, then anything straggling."""
        self.events += await self.sub.until_seq(marker_seq)
        self.events += await self.sub.quiet(0.3)
        assert [e["seq"] for e in self.events] == sorted({e["seq"] for e in self.events})

    async def check(self, cycle: str) -> None:
        _, fresh = await load_board(self.api, cycle)
        assert differences(self.board, fresh), "the board did not change at all"
        diff = differences(fold(self.board, self.events), fresh)
        assert not diff, f"{self.email}: folding {len(self.events)} events:\n" + "\n".join(diff)


async def observe(server: Server, api: Api, cycle: str, emails: tuple[str, ...]) -> list[Observer]:
    return [await Observer.start(server, api, email, cycle) for email in emails]


async def finish(observers: list[Observer], api: Api, cycle: str) -> None:
    """A public marker event, then every observer catches up to it. The marker's chain
    (obj_33 → obj_8) is touched by nothing else, so its numbers repair no other staleness."""
    global _marks
    _marks += 1
    await check_in(await api(ADMIN), "kr_72", 8 + _marks / 100)
    marker = await board_seq(await api(ADMIN), cycle)
    for observer in observers:
        await observer.catch_up(marker)
        await observer.socket.close()


def kr_of(board: Board, kr_id: str) -> dict[str, Any]:
    return next(kr for o in board["objectives"] for kr in o["keyResults"] if kr["id"] == kr_id)


async def test_folding_a_burst_of_mixed_changes_gives_the_fresh_board(
    server: Server, api: Api, cycle: str
) -> None:
    # an admin sees everything; zhangsan cannot open wuhao's PRIVATE obj_22 nor marketing's
    # TEAM-visible obj_25
    observers = await observe(server, api, cycle, (ADMIN, ZHANGSAN, EMILY))
    old = observers[0].board
    kr20 = kr_of(old, "kr_20")

    async def zhangsan(me: Gql) -> None:
        for value in (21, 24, 26):
            await check_in(me, "kr_27", value, note=f"at {value}")
        await me.ok(
            'mutation { updateKeyResult(id: "kr_27", input: {title: "Invite CVR"}) { id } }'
        )
        await check_in(me, "kr_28", 0)

    async def emily(me: Gql) -> None:
        await check_in(me, "kr_29", 8)
        await check_in(me, "kr_30", 40)
        await me.ok('mutation { updateKeyResult(id: "kr_29", input: {unit: "launches"}) { id } }')

    async def wangfang(me: Gql) -> None:
        await me.ok(
            'mutation { setWeights(objectiveId: "obj_9", weights: [{keyResultId: "kr_20",'
            ' weight: 40}, {keyResultId: "kr_21", weight: 30}, {keyResultId: "kr_22",'
            " weight: 30}]) { id } }"
        )
        await me.ok(
            'mutation($t: Float) { updateKeyResult(id: "kr_20", input: {targetValue: $t}) { id } }',
            t=kr20["targetValue"] + 10,
        )
        await check_in(me, "kr_20", kr20["currentValue"] + 1)

    async def admin(me: Gql) -> None:
        # a new objective converted from obj_7's ALIGNED kr_14: obj_7 rolls it up
        created = await create_objective(
            me, cycle, "New push", parentId="obj_7", sourceKeyResultId="kr_14"
        )
        kr = await create_key_result(me, created["id"], "pilots", targetValue=4)
        await check_in(me, kr, 3)
        await me.ok('mutation { archiveObjective(id: "obj_31") { id } }')

    async def liuyang(me: Gql) -> None:  # re-alignment: obj_14 moves from obj_9 to obj_15
        await me.ok(
            'mutation { updateObjective(id: "obj_14", input: {parentId: "obj_15"}) { id } }'
        )
        await check_in(me, "kr_32", 14)

    async def wuhao(me: Gql) -> None:  # a PRIVATE objective: only admin and wuhao see it
        await check_in(me, "kr_48", 3)

    async def michael(me: Gql) -> None:
        await me.ok('mutation { updateKeyResult(id: "kr_63", input: {title: "Renewals"}) { id } }')
        await check_in(me, "kr_64", 12)

    people = {
        ZHANGSAN: zhangsan,
        EMILY: emily,
        WANGFANG: wangfang,
        ADMIN: admin,
        LIUYANG: liuyang,
        WUHAO: wuhao,
        MICHAEL: michael,
    }
    clients = {email: await api(email) for email in people}
    await asyncio.gather(*(work(clients[email]) for email, work in people.items()))
    await finish(observers, api, cycle)

    kinds = {e["__typename"] for e in observers[0].events}
    assert kinds >= {
        "KeyResultCheckedIn",
        "KeyResultChanged",
        "WeightsChanged",
        "ObjectiveCreated",
        "ObjectiveArchived",
        "AlignmentChanged",
    }
    assert len(observers[0].events) > len(observers[1].events), "zhangsan saw less"
    for observer in observers:
        await observer.check(cycle)


# --- single changes that once could not be folded ------------------------------------------


async def fold_one_change(
    server: Server,
    api: Api,
    cycle: str,
    observer: str,
    change: Callable[[], Awaitable[Any]],
) -> None:
    (watcher,) = await observe(server, api, cycle, (observer,))
    await change()
    await finish([watcher], api, cycle)
    await watcher.check(cycle)


async def test_folding_set_weights_gives_the_new_weights(
    server: Server, api: Api, cycle: str
) -> None:
    async def change() -> None:
        await (await api(EMILY)).ok(
            'mutation { setWeights(objectiveId: "obj_13", weights: [{keyResultId: "kr_29",'
            ' weight: 70}, {keyResultId: "kr_30", weight: 30}]) { id } }'
        )

    await fold_one_change(server, api, cycle, ADMIN, change)


async def test_folding_a_realignment_away_from_a_converted_key_result(
    server: Server, api: Api, cycle: str
) -> None:
    async def change() -> None:  # obj_26 was converted from obj_24's ALIGNED kr_53
        await (await api(HEJING)).ok(
            'mutation { updateObjective(id: "obj_26", input: {parentId: "obj_9"}) { id } }'
        )

    await fold_one_change(server, api, cycle, ADMIN, change)


async def test_folding_a_hidden_childs_change_moves_the_visible_parent(
    server: Server, api: Api, cycle: str
) -> None:
    async def change() -> None:
        me = await api(ZHANGSAN)
        hidden = await create_objective(
            me,
            cycle,
            "hidden contributor",
            visibility="PRIVATE",
            parentId="obj_11",
            sourceKeyResultId="kr_25",
        )
        kr = await create_key_result(me, hidden["id"], "hidden number")
        await check_in(me, kr, 9)

    await fold_one_change(server, api, cycle, EMILY, change)


async def test_folding_an_objective_made_public_shows_its_key_results(
    server: Server, api: Api, cycle: str
) -> None:
    me = await api(ZHANGSAN)
    secret = await create_objective(me, cycle, "not yet shown", visibility="PRIVATE")
    await create_key_result(me, secret["id"], "its number")

    async def change() -> None:
        await me.ok(
            "mutation($id: ID!) { updateObjective(id: $id, input: {visibility: PUBLIC}) { id } }",
            id=secret["id"],
        )

    await fold_one_change(server, api, cycle, EMILY, change)
