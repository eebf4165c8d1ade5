"""Two real server processes sharing one fresh PostgreSQL database and Redis (the scale-out
setup of `make cluster`): events cross processes, survive a cut Redis connection and a
server restart, and presence is shared.

Needs PostgreSQL on 127.0.0.1:5432 (LODESTAR_TEST_POSTGRES) and Redis on 127.0.0.1:6379
(LODESTAR_TEST_REDIS, database LODESTAR_TEST_REDIS_DB, default 13). Skipped with the reason
when they are unreachable, unless LODESTAR_REQUIRE_SERVICES=1.
"""

from __future__ import annotations

import asyncio
import os
import time
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from typing import Any

import pytest
import redis.asyncio as redis

from backend.live.broker import org_channel
from backend.live.events import LiveEvent
from backend.live.hub import GAP_WAIT
from backend.live.redis_broker import RedisBroker
from tests.conftest import create_pg_database, drop_pg_database, require_or_skip
from tests.servers import Server, run_cli, server_env

from .board import differences, fold, load_board
from .client import (
    ADMIN,
    PRESENCE,
    Closed,
    Gql,
    Socket,
    Sub,
    board_seq,
    check_in,
    create_key_result,
    create_objective,
    sign_in,
    token_for,
    tracking_cycle,
)

pytestmark = pytest.mark.postgres

REDIS_URL = os.environ.get("LODESTAR_TEST_REDIS", "redis://127.0.0.1:6379")
REDIS_DB = int(os.environ.get("LODESTAR_TEST_REDIS_DB", "13"))
ZHANGSAN, EMILY, LILY = "zhangsan@example.com", "emily@example.com", "lily@example.com"


class Cluster:
    def __init__(self, a: Server, b: Server, redis_client: redis.Redis, cycle: str) -> None:
        self.a, self.b = a, b
        self.redis = redis_client
        self.cycle = cycle
        self.apis: dict[tuple[str, str], Gql] = {}

    async def api(self, server: Server, email: str = ADMIN) -> Gql:
        key = (server.name, email)
        if key not in self.apis:
            self.apis[key] = Gql(server.base, await token_for(server, email))
        return self.apis[key]

    async def socket(self, server: Server, email: str = ADMIN) -> Socket:
        return await Socket.open(server.ws_url, token=await token_for(server, email))

    async def kill_pubsub(self) -> int:
        """CLIENT KILL every pub/sub connection of this cluster (its Redis database only)."""
        killed = 0
        for client in await self.redis.client_list(_type="pubsub"):
            if int(client["db"]) == REDIS_DB:
                killed += await self.redis.client_kill_filter(_id=client["id"])
        return killed


async def _redis() -> redis.Redis:
    client = redis.Redis.from_url(REDIS_URL, db=REDIS_DB, socket_connect_timeout=3)
    try:
        await client.ping()
    except (OSError, redis.RedisError) as exc:
        await client.aclose()
        require_or_skip("Redis", "LODESTAR_REQUIRE_SERVICES", f"{REDIS_URL}: {exc}")
    return client


@pytest.fixture(scope="module")
async def cluster(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[Cluster]:
    redis_client = await _redis()
    database_url = await create_pg_database("lodestar_live")
    servers: list[Server] = []
    try:
        var = tmp_path_factory.mktemp("cluster")
        env = server_env(var, database_url, f"{REDIS_URL}/{REDIS_DB}")
        run_cli(env, "migrate")
        run_cli(env, "seed-demo")
        for label in ("A", "B"):
            servers.append(Server(label, env, var))
            servers[-1].start()
        a, b = servers
        admin = Gql(b.base, await token_for(b, ADMIN))
        cycle = await tracking_cycle(admin)
        await admin.close()
        cluster = Cluster(a, b, redis_client, cycle)
        yield cluster
        await asyncio.gather(*(c.close() for c in cluster.apis.values()))
    finally:
        for server in servers:
            server.stop()
        await drop_pg_database(database_url)
        async for key in redis_client.scan_iter(match="lodestar:presence:*"):
            await redis_client.delete(key)
        await redis_client.aclose()


def seqs(events: list[dict[str, Any]]) -> list[int]:
    return [e["seq"] for e in events]


async def test_subscribe_on_a_check_in_through_b_receive_on_a(cluster: Cluster) -> None:
    writer = await cluster.api(cluster.b, ZHANGSAN)
    await check_in(writer, "kr_27", 26)
    seq0 = await board_seq(writer, cluster.cycle)
    socket = await cluster.socket(cluster.a, EMILY)
    try:
        # since = one before: the first event is replayed, so A's subscription is live after it
        sub = await socket.board(cluster.cycle, since=seq0 - 1)
        assert (await sub.next())["seq"] == seq0
        channels = await cluster.redis.pubsub_channels("*lodestar:org:*")
        assert channels, "A listens to its organization's channel on Redis"

        through_b = await check_in(writer, "kr_27", 27)
        event = await sub.next()
        assert (event["seq"], event["__typename"]) == (seq0 + 1, "KeyResultCheckedIn")
        assert event["keyResult"]["currentValue"] == 27
        mine = next(o for o in event["objectives"] if o["objectiveId"] == "obj_12")
        assert mine["progress"] == through_b["objective"]["progress"]
    finally:
        await socket.close()


async def test_cutting_redis_mid_stream_loses_nothing_and_repeats_nothing(
    cluster: Cluster,
) -> None:
    writers = [await cluster.api(cluster.b, who) for who in (ZHANGSAN, EMILY)]
    seq0 = await board_seq(writers[0], cluster.cycle)
    sockets = [await cluster.socket(cluster.a), await cluster.socket(cluster.b, EMILY)]
    try:
        on_a, on_b = [await s.board(cluster.cycle, since=seq0) for s in sockets]
        killed: list[int] = []
        total = 30
        for i in range(total):
            if i in (8, 19):
                killed.append(await cluster.kill_pubsub())  # mid-stream, twice
            me = writers[i % 2]
            await check_in(me, "kr_29" if i % 2 else "kr_27", 10 + i % 15)
        final = await board_seq(writers[0], cluster.cycle)
        assert final == seq0 + total
        assert all(n >= 1 for n in killed), f"no pub/sub connection was cut: {killed}"
        assert "redis pub/sub lost" in cluster.a.log.read_text(), "A never saw the cut"

        for sub in (on_a, on_b):
            events = await sub.until_seq(final, within=30)
            assert seqs(events) == list(range(seq0 + 1, final + 1)), "lost or repeated"
            # nothing more (a repeat would arrive after the last one)
            await check_in(writers[0], "kr_27", 11)
            assert seqs([await sub.next()]) == [final + 1]
            final += 1
    finally:
        await asyncio.gather(*(s.close() for s in sockets))


async def test_presence_is_shared_across_processes(cluster: Cluster) -> None:
    on_a = await cluster.socket(cluster.a, EMILY)
    on_b = await cluster.socket(cluster.b, LILY)
    try:
        watching_a = await on_a.subscribe(PRESENCE, cycleId=cluster.cycle)
        first = await watching_a.next()
        assert "emily" in {w["handle"] for w in first["watchers"]}
        watching_b = await on_b.subscribe(PRESENCE, cycleId=cluster.cycle)
        seen_by_b = await watching_b.next()
        assert {"emily", "lily"} <= {w["handle"] for w in seen_by_b["watchers"]}

        async def until(sub: Sub, present: bool) -> dict[str, Any]:
            while True:
                update = await sub.next()
                if ("lily" in {w["handle"] for w in update["watchers"]}) == present:
                    return update

        joined = await until(watching_a, True)  # B's watcher is seen on A
        assert joined["count"] == first["count"] + 1
        await on_b.close()
        left = await until(watching_a, False)
        assert left["count"] == first["count"]
    finally:
        await asyncio.gather(on_a.close(), on_b.close())


async def test_after_a_restart_resubscribing_with_since_gives_the_fresh_board(
    cluster: Cluster,
) -> None:
    a, b = cluster.a, cluster.b
    watcher_api = await cluster.api(a)
    seq, board = await load_board(watcher_api, cluster.cycle)
    writer = await cluster.api(b, ZHANGSAN)
    socket = await cluster.socket(a)
    events: list[dict[str, Any]] = []
    try:
        sub = await socket.board(cluster.cycle, since=seq)
        await check_in(writer, "kr_27", 21)
        await check_in(writer, "kr_28", 0)
        events += await sub.until_seq(seq + 2)

        a.stop(kill=True)  # the process dies: its socket drops
        with pytest.raises(Closed):
            while True:
                events.append(await sub.next())
    finally:
        await socket.close()

    # meanwhile, on the other process
    await check_in(writer, "kr_27", 23, note="while A was down")
    created = await create_objective(writer, cluster.cycle, "after the crash", parentId="obj_11")
    kr = await create_key_result(writer, created["id"], "new number")
    await check_in(writer, kr, 6)
    await writer.ok('mutation { updateKeyResult(id: "kr_27", input: {unit: "pct"}) { id } }')
    final = await board_seq(writer, cluster.cycle)

    a.start()  # same port
    last = events[-1]["seq"]
    socket = await cluster.socket(a)
    try:
        sub = await socket.board(cluster.cycle, since=last)
        resumed = await sub.until_seq(final)
        assert seqs(resumed) == list(range(last + 1, final + 1))
        events += resumed
    finally:
        await socket.close()
    await cluster.apis.pop((a.name, ADMIN)).close()  # its connections died with A
    _, fresh = await load_board(await cluster.api(a), cluster.cycle)
    assert differences(board, fresh), "nothing changed?"
    assert differences(fold(board, events), fresh) == []


async def test_another_deployment_on_the_same_redis_does_not_disturb_this_one(
    cluster: Cluster,
) -> None:
    """Redis pub/sub channels ignore the database number: a second Lodestar using another
    database of the same Redis server must not be heard (here it publishes a far-future seq
    for an organization with the same id)."""
    writer = await cluster.api(cluster.b, ZHANGSAN)
    seq0 = await board_seq(writer, cluster.cycle)
    socket = await cluster.socket(cluster.a)
    neighbour = RedisBroker(f"{REDIS_URL}/{(REDIS_DB + 1) % 16}")
    try:
        sub = await socket.board(cluster.cycle, since=seq0)
        await check_in(writer, "kr_27", 22)
        assert (await sub.next())["seq"] == seq0 + 1  # A's hub is listening now

        forged = LiveEvent(
            seq=1_000_000,
            org_id=1,
            kind="key_result.checked_in",
            actor_id=1,
            cycle_id=3,
            objective_id=12,
            key_result_id=27,
            payload={"note": "from the neighbour"},
            at=datetime.now(UTC),
        )
        await neighbour.publish(org_channel(1), forged.to_message())
        await asyncio.sleep(4 * GAP_WAIT)  # time for A's hub to (wrongly) act on it

        await check_in(writer, "kr_27", 23)
        event = await sub.next()
        assert event["seq"] == seq0 + 2
    finally:
        await neighbour.close()
        await socket.close()


async def test_a_team_change_or_revocation_on_b_closes_the_socket_on_a(cluster: Cluster) -> None:
    """Sessions end everywhere: the cut travels through Redis to the other process."""
    admin = await cluster.api(cluster.b)
    grace = (await admin.ok('{ people(search: "grace") { id } }'))["people"][0]["id"]
    team = (await admin.ok("{ teams { id } }"))["teams"][0]["id"]
    browser = await sign_in(cluster.b.base, "grace@example.com")  # grace's session, on B
    made = await browser.post(
        "/graphql",
        json={"query": 'mutation { createApiToken(name: "a") { token apiToken { id } } }'},
    )
    token = made.json()["data"]["createApiToken"]
    set_member = "mutation($t: ID!, $u: ID!) { setTeamMember(teamId: $t, userId: $u) { id } }"
    revoke = "mutation($id: ID!) { revokeApiToken(id: $id) }"
    for code, cut in (
        (4403, admin.ok(set_member, t=team, u=grace)),
        (
            4401,
            browser.post(
                "/graphql", json={"query": revoke, "variables": {"id": token["apiToken"]["id"]}}
            ),
        ),
    ):
        socket = await Socket.open(cluster.a.ws_url, token=token["token"])
        await (await socket.board(cluster.cycle)).quiet(0.2)
        await cut
        started = time.perf_counter()  # answered: the change is committed
        await asyncio.wait_for(asyncio.shield(socket.reader), 5.0)
        took = time.perf_counter() - started
        assert socket.close_code == code and took < 1.0, (socket.close_code, took)
    await browser.aclose()
