"""Board basics through the real ASGI app: create, check in, read back."""

from tests.api.helpers import World, gid

CREATE_OBJ = """mutation($i: CreateObjectiveInput!) { createObjective(input: $i) {
  id title level state progress status version owner { handle } } }"""
CREATE_KR = """mutation($i: CreateKeyResultInput!) { createKeyResult(input: $i) {
  id kind progress rawProgress status weight } }"""
CHECK_IN = """mutation($i: CheckInInput!) { checkIn(input: $i) {
  id currentValue progress rawProgress objective { id progress } } }"""
BOARD = """query($c: ID!) { board(cycleId: $c) { id title progress
  children { id title progress children { id } } keyResults { id progress } } }"""


async def test_create_check_in_and_board(world: World) -> None:
    api = await world.as_(world.admin)
    cycle = gid("cycle", world.cycle.id)
    company = (
        await api.ok(CREATE_OBJ, {"i": {"cycleId": cycle, "title": "Grow", "level": "COMPANY"}})
    )["createObjective"]
    assert company["state"] == "DRAFT" and company["owner"]["handle"] == "ada"
    kr = (
        await api.ok(
            CREATE_KR,
            {
                "i": {
                    "objectiveId": company["id"],
                    "title": "Users",
                    "kind": "INCREASE",
                    "startValue": 100,
                    "targetValue": 200,
                    "weight": 100,
                }
            },
        )
    )["createKeyResult"]
    assert kr["progress"] == 0
    after = (await api.ok(CHECK_IN, {"i": {"keyResultId": kr["id"], "value": 150}}))["checkIn"]
    assert after["progress"] == 0.5 and after["objective"]["progress"] == 0.5
    child = (
        await api.ok(
            CREATE_OBJ,
            {"i": {"cycleId": cycle, "title": "Child", "parentId": company["id"]}},
        )
    )["createObjective"]
    board = (await api.ok(BOARD, {"c": cycle}))["board"]
    assert [o["id"] for o in board] == [company["id"]]
    assert [c["id"] for c in board[0]["children"]] == [child["id"]]
