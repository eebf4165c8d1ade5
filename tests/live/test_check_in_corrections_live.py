"""A corrected or withdrawn check-in on the live board (issue 16), on one real server process:
the event carries the key result as it now stands and the chain's numbers, reaches only who may
see it, and replays the same with `since`."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from .client import ADMIN, Gql, Socket, board_seq, check_in, create_key_result, create_objective
from .client import tracking_cycle as tracking

ZHANGSAN = "zhangsan@example.com"
EMILY = "emily@example.com"
HISTORY = "query($id: ID!) { keyResult(id: $id) { checkIns(first: 10) { id } } }"
CORRECT = """mutation($id: ID!, $v: Float) { correctCheckIn(id: $id, input: { value: $v }) {
  currentValue } }"""
WITHDRAW = 'mutation($id: ID!) { withdrawCheckIn(id: $id, reason: "typo") { currentValue } }'


async def newest(api: Gql, kr: str) -> str:
    return str((await api.ok(HISTORY, id=kr))["keyResult"]["checkIns"][0]["id"])


async def test_corrections_move_the_board_and_stay_private(
    api: Callable[[str], Awaitable[Gql]], sockets: Callable[..., Awaitable[Socket]]
) -> None:
    admin, zhangsan = await api(ADMIN), await api(ZHANGSAN)
    cycle = await tracking(admin)
    secret = await create_objective(zhangsan, cycle, "secret plan", visibility="PRIVATE")
    hidden = await create_key_result(zhangsan, secret["id"], "secret number")
    await check_in(zhangsan, hidden, 4)
    await check_in(zhangsan, "kr_27", 20)
    await check_in(zhangsan, "kr_27", 2000)
    seq0 = await board_seq(admin, cycle)
    owner = await (await sockets(ZHANGSAN)).board(cycle, since=seq0)
    other = await (await sockets(EMILY)).board(cycle, since=seq0)

    await zhangsan.ok(WITHDRAW, id=await newest(zhangsan, hidden))  # nobody else may see it
    await zhangsan.ok(CORRECT, id=await newest(zhangsan, "kr_27"), v=21)
    await zhangsan.ok(WITHDRAW, id=await newest(zhangsan, "kr_27"))

    def seen(events: list[dict[str, Any]]) -> list[tuple[str, str, float | None]]:
        return [(e["change"], e["keyResult"]["id"], e["keyResult"]["currentValue"]) for e in events]

    mine = await owner.until_seq(seq0 + 3)
    assert seen(mine) == [
        ("check_in_withdrawn", hidden, None),  # back at its start
        ("check_in_corrected", "kr_27", 21),
        ("check_in_withdrawn", "kr_27", 20),
    ]
    theirs = [await other.next(), await other.next()]
    assert [e["seq"] for e in theirs] == [seq0 + 2, seq0 + 3]
    assert seen(theirs) == seen(mine)[1:]
    # the chain's numbers come along, as with a check-in
    assert [o["objectiveId"] for o in theirs[-1]["objectives"]][:2] == ["obj_12", "obj_11"]
    # replayed from the log, the same
    late = await (await sockets(EMILY)).board(cycle, since=seq0)
    assert seen(await late.until_seq(seq0 + 3)) == seen(theirs)
