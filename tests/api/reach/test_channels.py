"""Team robots end to end against local receivers that check what each platform checks:
Feishu's and DingTalk's signatures, every platform's payload shape. Set up through the API
(address and secret never read back), tested with "send test message", fed by the weekly
nudge (only what the whole team may see), retried with backoff, paused after repeated
failures with the admins told."""

from datetime import UTC, datetime, timedelta

import pytest

from backend.domain.enums import NotificationKind, Visibility
from backend.domain.reach.retry import PAUSE_AFTER
from backend.events.outbox import State
from backend.jobs.delivery import deliver_due
from backend.models import OutboxMessage, Webhook
from tests.api.helpers import World
from tests.reach_servers import SECRET, Receivers

from .helpers import jobs_at, key_result, local, next_week, notices_of, objective

CREATE = """mutation($i: WebhookInput!) { createWebhook(input: $i) {
  id kind name urlHint hasSecret locale warnings reminders paused failures } }"""
TEST = """mutation($id: ID!) {
  sendTestMessage(id: $id) { ok error webhook { paused failures lastSentAt } } }"""
KINDS = ["FEISHU", "DINGTALK", "WECOM", "SLACK"]


@pytest.fixture
def receivers(robots: Receivers) -> Receivers:
    robots.reset()
    return robots


async def _create(world: World, receivers: Receivers, kind: str, **extra: object) -> dict:
    admin = await world.as_(world.admin)
    signed = kind in ("FEISHU", "DINGTALK")
    data = await admin.ok(
        CREATE,
        {
            "i": {
                "teamId": f"team_{world.squad.id}",
                "kind": kind,
                "url": receivers.url(kind),
                "secret": SECRET if signed else None,
                "name": f"{kind} chat",
                **extra,
            }
        },
    )
    return data["createWebhook"]


@pytest.mark.parametrize("kind", KINDS)
async def test_each_robot_accepts_the_test_message_and_its_signature(
    world: World, receivers: Receivers, kind: str
) -> None:
    hook = await _create(world, receivers, kind)
    assert hook["hasSecret"] is (kind in ("FEISHU", "DINGTALK"))
    assert receivers.robots[kind].token not in hook["urlHint"]  # the address is a credential
    assert hook["locale"] == ("en" if kind == "SLACK" else "zh-CN")
    admin = await world.as_(world.admin)
    result = (await admin.ok(TEST, {"id": hook["id"]}))["sendTestMessage"]
    assert result["ok"] is True and result["error"] == "" and result["webhook"]["lastSentAt"]
    (body,) = receivers.robots[kind].received
    assert receivers.robots[kind].refused == []
    again = await admin.error(TEST, {"id": hook["id"]})  # a chat is people's: not twice in 10 s
    assert again["code"] == "RATE_LIMITED" and len(receivers.robots[kind].received) == 1
    shown = str(body)
    assert ("Lodestar 已连接" if kind != "SLACK" else "Lodestar is connected") in shown
    assert "Platform" in shown  # the team's name


async def test_a_wrong_secret_is_refused_by_the_platform_and_said(
    world: World, receivers: Receivers
) -> None:
    admin = await world.as_(world.admin)
    for kind in ("FEISHU", "DINGTALK"):
        hook = await _create(world, receivers, kind)
        await admin.ok(
            'mutation($id: ID!) { updateWebhook(id: $id, input: {secret: "SECwrong"}) { id } }',
            {"id": hook["id"]},
        )
        result = (await admin.ok(TEST, {"id": hook["id"]}))["sendTestMessage"]
        assert result["ok"] is False
        assert "sign" in result["error"]
        assert receivers.robots[kind].refused == ["sign"]


async def test_the_weekly_nudge_reaches_every_team_chat_without_private_objectives(
    world: World, reach_settings, receivers: Receivers
) -> None:
    for kind in KINDS:
        await _create(world, receivers, kind)
    from backend.models import Organization

    await Organization.filter(id=world.org.id).update(time_zone="Asia/Shanghai")
    team_goal = await objective(world, world.member, "Faster builds", team=world.squad)
    await key_result(world, team_goal, world.member, "Build under 5 minutes", current=20)
    private = await objective(world, world.peer, "Peer's secret", visibility=Visibility.PRIVATE)
    await key_result(world, private, world.peer, "Secret KR", current=20)
    other_team = await objective(world, world.lead, "Department only", team=world.dept)
    await key_result(world, other_team, world.lead, "Dept KR", current=20)
    friday = next_week(5)

    done = await jobs_at(reach_settings, local(friday, 16, 5), "checkin")
    assert done["sent"] >= 4
    for kind in KINDS:
        robot = receivers.robots[kind]
        assert robot.refused == [], (kind, robot.refused)
        (body,) = robot.received
        shown = str(body)
        assert "Build under 5 minutes" in shown and "Mia Member" in shown
        assert "Secret KR" not in shown and "Dept KR" not in shown
        assert "https://okr.example.com/me" in shown  # the link back to the phone check-in
    # once: the next look finds the run done
    await jobs_at(reach_settings, local(friday, 17), "checkin")
    assert all(len(r.received) == 1 for r in receivers.robots.values())


async def test_retries_with_backoff_then_pauses_and_tells_the_admins(
    world: World, reach_settings, receivers: Receivers
) -> None:
    hook = await _create(world, receivers, "SLACK")
    webhook = await Webhook.get(id=int(hook["id"].split("_")[1]))
    from backend.domain.reach.notices import connected
    from backend.events.outbox import enqueue

    t0 = datetime.now(UTC)
    await enqueue(
        world.org.id,
        "retry-test",
        connected("en", "https://x", "Platform"),
        t0,
        webhook_id=webhook.id,
    )
    receivers.robots["SLACK"].fail_with = [500, 429]
    assert await deliver_due(reach_settings, t0) == 0
    message = await OutboxMessage.get(key="retry-test")
    assert (message.state, message.attempts) == (State.PENDING, 1)
    assert message.next_attempt_at >= t0 + timedelta(seconds=30)
    assert await deliver_due(reach_settings, t0 + timedelta(seconds=10)) == 0  # not yet due
    assert await deliver_due(reach_settings, t0 + timedelta(seconds=31)) == 0  # 429
    assert await deliver_due(reach_settings, t0 + timedelta(minutes=5)) == 1
    message = await OutboxMessage.get(key="retry-test")
    assert (message.state, message.attempts) == (State.SENT, 3)
    assert len(receivers.robots["SLACK"].received) == 1
    await Webhook.filter(id=webhook.id).update(failures=0)

    # it keeps failing: paused after PAUSE_AFTER failures in a row, the admin told once
    receivers.robots["SLACK"].fail_with = [503] * 20
    for n in range(PAUSE_AFTER):
        await enqueue(
            world.org.id, f"fail-{n}", connected("en", "https://x", "P"), t0, webhook_id=webhook.id
        )
    await deliver_due(reach_settings, t0 + timedelta(minutes=10))
    paused = await Webhook.get(id=webhook.id)
    assert paused.paused_at is not None and paused.failures == PAUSE_AFTER
    (told,) = await notices_of(world.admin, NotificationKind.WARNING)
    assert told.detail["about"] == "WEBHOOK_PAUSED"
    assert "Platform" in told.detail["notice"]["subject"]
    assert told.detail["notice"]["link"].endswith("/settings/webhooks")  # where it is resumed
    left = len(receivers.robots["SLACK"].fail_with)
    await deliver_due(reach_settings, t0 + timedelta(hours=3))
    assert len(receivers.robots["SLACK"].fail_with) == left  # nothing is sent to a paused robot

    # a test message that gets through resumes it
    receivers.robots["SLACK"].fail_with = []
    admin = await world.as_(world.admin)
    result = (await admin.ok(TEST, {"id": hook["id"]}))["sendTestMessage"]
    assert (
        result["ok"] and result["webhook"]["paused"] is False and result["webhook"]["failures"] == 0
    )
