"""Warnings with a controlled clock: a key result (and its objective) getting worse tells its
owner and the nearest team lead once per transition, with the reasons — whether a check-in or
days without one caused it — by inbox and e-mail; never of a private objective to a lead."""

from datetime import UTC, datetime, timedelta

from backend.domain.enums import Locale, NotificationKind, Visibility
from backend.models import ActivityEvent, Webhook
from tests.api.helpers import World, gid
from tests.reach_servers import MailServer, Receivers, text_of

from .helpers import CHECK_IN, jobs_at, key_result, notices_of, objective

SLOT = timedelta(minutes=10)  # the periodic look at a cycle's statuses (warnings.WATCH_EVERY)


async def test_a_worse_status_is_told_once_per_transition(
    world: World, reach_settings, inbox: MailServer
) -> None:
    await world.member.__class__.filter(id=world.member.id).update(locale=Locale.ZH_CN)
    goal = await objective(world, world.member, "Ship the mobile app", team=world.squad)
    kr = await key_result(world, goal, world.member, "Weekly active users", current=40)
    t0 = datetime.now(UTC)
    assert (await jobs_at(reach_settings, t0, "warnings"))[
        "warnings"
    ] == 0  # the first look: baseline

    member = await world.as_(world.member)
    await member.ok(CHECK_IN, {"i": {"keyResultId": gid("kr", kr.id), "value": 10}})  # at risk
    assert (await jobs_at(reach_settings, t0 + SLOT, "warnings"))[
        "warnings"
    ] == 2  # the KR and its objective

    for user in (world.member, world.lead):  # the owner, and the lead of the squad's department
        (warning,) = await notices_of(user, NotificationKind.WARNING)
        assert warning.objective_id == goal.id and warning.detail["about"] == "STATUS_WORSENED"
    # on the activity log, so that each one's live inbox (the notifications subscription) gets it
    (event,) = await ActivityEvent.filter(kind="reach.notified")
    told_ids = {n["userId"] for n in event.payload["notified"]}
    assert told_ids == {world.member.id, world.lead.id}
    assert await notices_of(world.peer, NotificationKind.WARNING) == []
    lead = await world.as_(world.lead)
    seen = await lead.ok(
        "{ notifications { kind notice { about subject"
        " sections { items { title detail link } } } } }"
    )
    (told,) = [n for n in seen["notifications"] if n["kind"] == "WARNING"]
    assert told["notice"]["subject"] == "Ship the mobile app is now at risk"
    (items,) = [s["items"] for s in told["notice"]["sections"]]
    kr_item = next(i for i in items if "Weekly active users" in i["title"])
    assert "on track → at risk: behind schedule" in kr_item["detail"]
    assert kr_item["link"] == f"/objective/obj_{goal.id}"

    # no news, no warning: the same status next round, and after a check-in that keeps it
    assert (await jobs_at(reach_settings, t0 + 2 * SLOT, "warnings"))["warnings"] == 0
    await member.ok(CHECK_IN, {"i": {"keyResultId": gid("kr", kr.id), "value": 12}})
    assert (await jobs_at(reach_settings, t0 + 3 * SLOT, "warnings"))["warnings"] == 0
    assert len(await notices_of(world.member, NotificationKind.WARNING)) == 1

    # worse again: behind
    await member.ok(CHECK_IN, {"i": {"keyResultId": gid("kr", kr.id), "value": 0}})
    assert (await jobs_at(reach_settings, t0 + 4 * SLOT, "warnings"))["warnings"] == 2
    assert len(await notices_of(world.member, NotificationKind.WARNING)) == 2

    # by e-mail, in each one's language, linking back
    to_member = [m for m in inbox.messages if m["To"] == world.member.email]
    assert [m["Subject"] for m in to_member] == [
        "「Ship the mobile app」有风险了",
        "「Ship the mobile app」落后了",
    ]
    assert "进度落后于预期" in text_of(to_member[0])
    assert f"https://okr.example.com/objective/obj_{goal.id}" in text_of(to_member[0])
    to_lead = [m["Subject"] for m in inbox.messages if m["To"] == world.lead.email]
    assert to_lead == ["Ship the mobile app is now at risk", "Ship the mobile app is now behind"]


async def test_time_passing_without_check_ins_is_noticed(world: World, reach_settings) -> None:
    goal = await objective(world, world.member, "Grow revenue", visibility=Visibility.PUBLIC)
    kr = await key_result(world, goal, world.member, "Monthly revenue")
    member = await world.as_(world.member)
    await member.ok(CHECK_IN, {"i": {"keyResultId": gid("kr", kr.id), "value": 40}})  # on track
    t0 = datetime.now(UTC)
    await jobs_at(reach_settings, t0, "warnings")

    a_week_later = t0 + timedelta(days=8)  # nobody checked in: stale (and still on schedule)
    assert (await jobs_at(reach_settings, a_week_later, "warnings"))["warnings"] >= 1
    (warning,) = await notices_of(world.member, NotificationKind.WARNING)
    details = [i["detail"] for s in warning.detail["notice"]["sections"] for i in s["items"]]
    assert any("no check-in for a while" in d for d in details)
    assert (await jobs_at(reach_settings, a_week_later + timedelta(days=1), "warnings"))[
        "warnings"
    ] == 0


async def test_a_private_objective_reaches_only_its_owner(
    world: World, reach_settings, inbox: MailServer, robots: Receivers
) -> None:
    robots.reset()
    await Webhook.create(
        organization=world.org, team=world.squad, kind="WECOM", url=robots.url("WECOM"), locale="en"
    )
    secret = await objective(world, world.member, "Find a new job", visibility=Visibility.PRIVATE)
    open_ = await objective(world, world.member, "Cut build times", team=world.squad)
    krs = [
        await key_result(world, secret, world.member, "Interviews", current=30),
        await key_result(world, open_, world.member, "Build minutes", current=30),
    ]
    t0 = datetime.now(UTC)
    await jobs_at(reach_settings, t0, "warnings")
    member = await world.as_(world.member)
    for kr in krs:
        await member.ok(CHECK_IN, {"i": {"keyResultId": gid("kr", kr.id), "value": 0}})
    await jobs_at(reach_settings, t0 + SLOT, "warnings")

    told_member = {n.objective_id for n in await notices_of(world.member, NotificationKind.WARNING)}
    told_lead = {n.objective_id for n in await notices_of(world.lead, NotificationKind.WARNING)}
    assert told_member == {secret.id, open_.id}
    assert told_lead == {open_.id}
    lead_mail = "".join(text_of(m) for m in inbox.messages if m["To"] == world.lead.email)
    assert "Cut build times" in lead_mail and "Find a new job" not in lead_mail
    chat = [r["markdown"]["content"] for r in robots.robots["WECOM"].received]
    assert len(chat) == 1 and "Cut build times" in chat[0] and "Find a new job" not in chat[0]
