"""Two real server processes on one fresh PostgreSQL database, each running its scheduler
every second: when the check-in reminder (and whatever else is due) comes round, both try to
run it at once, and every reminder still goes out exactly once — one notification per person,
one e-mail per message at the test's SMTP server, every outbox message sent once.

Needs PostgreSQL (LODESTAR_TEST_POSTGRES); skipped with the reason when it is unreachable,
unless LODESTAR_REQUIRE_SERVICES=1."""

from __future__ import annotations

import asyncio
import time
from collections import Counter
from datetime import UTC, datetime

import asyncpg
import pytest

from tests.conftest import create_pg_database, drop_pg_database
from tests.reach_servers import MailServer
from tests.servers import Server, run_cli, server_env

from .client import ADMIN, as_user

pytestmark = pytest.mark.postgres
SETTLE_WITHIN = 90.0


async def _settled(dsn: str) -> tuple[int, int]:
    """(messages sent, messages still pending) once the check-in run is done everywhere."""
    conn = await asyncpg.connect(dsn)
    try:
        deadline = time.monotonic() + SETTLE_WITHIN
        while time.monotonic() < deadline:
            done = await conn.fetchval(
                "SELECT count(*) FROM job_claim WHERE job = 'checkin' AND recipient = '' "
                "AND done_at IS NOT NULL"
            )
            pending = await conn.fetchval(
                "SELECT count(*) FROM outbox_message WHERE state = 'PENDING'"
            )
            if done and not pending:
                sent = await conn.fetchval(
                    "SELECT count(*) FROM outbox_message WHERE state = 'SENT'"
                )
                return sent, pending
            await asyncio.sleep(0.5)
        pytest.fail("the reminders did not settle in time")
    finally:
        await conn.close()


async def test_two_schedulers_send_every_reminder_once(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    database_url = await create_pg_database("lodestar_reach")
    mail = MailServer().start()
    servers: list[Server] = []
    try:
        var = tmp_path_factory.mktemp("reach-cluster")
        env = server_env(var, database_url)
        env.update(
            LODESTAR_JOBS="1",
            LODESTAR_JOBS_INTERVAL="1",
            LODESTAR_SMTP_URL=mail.url,
            LODESTAR_PUBLIC_URL="https://okr.example.com",
            LODESTAR_TIME_ZONE="UTC",
        )
        run_cli(env, "migrate")
        run_cli(env, "seed-demo")
        for label in ("A", "B"):
            servers.append(Server(label, env, var).start())
        admin = await as_user(servers[0], ADMIN)
        try:
            # the weekly reminder comes due now, for both processes at once
            today = datetime.now(UTC).isoweekday()
            await admin.ok(
                "mutation($i: ReminderScheduleInput!)"
                " { updateReminderSchedule(input: $i) { checkInTime } }",
                i={"timeZone": "UTC", "checkInWeekday": today, "checkInTime": "00:00"},
            )
        finally:
            await admin.close()
        dsn = database_url.replace("postgres://", "postgresql://")
        sent, _ = await _settled(dsn)

        conn = await asyncpg.connect(dsn)
        try:
            reminded = await conn.fetch(
                "SELECT user_id, count(*) AS n FROM notification "
                "WHERE kind = 'REMINDER' AND detail->>'about' = 'CHECK_IN_DUE' GROUP BY user_id"
            )
            claims = await conn.fetchval(
                "SELECT count(*) FROM job_claim WHERE job = 'checkin' AND recipient LIKE 'user:%'"
            )
        finally:
            await conn.close()
        assert reminded, "nobody was reminded"
        assert all(row["n"] == 1 for row in reminded), "someone was reminded twice"
        assert len(reminded) == claims
        # every outbox message reached the SMTP server once (its Message-ID comes from its key)
        await asyncio.sleep(1.0)
        ids = Counter(m["Message-ID"] for m in mail.messages)
        assert len(mail.messages) == sent and max(ids.values()) == 1
        check_in_mails = [
            m
            for m in mail.messages
            if m["Subject"] in ("Time for your weekly check-in", "该更新本周的 OKR 进度了")
        ]
        assert len(check_in_mails) == claims
    finally:
        for server in servers:
            server.stop()
        mail.stop()
        await drop_pg_database(database_url)
