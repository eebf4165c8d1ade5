"""Reminders and the digest on the organization's schedule, in its zone, with a controlled
clock: each goes out once, in the reader's language, by inbox and through a real SMTP server,
linking to the phone check-in; nobody hears of an objective they may not see."""

from dataclasses import replace
from datetime import timedelta

from backend.domain.enums import (
    CyclePhase,
    KRKind,
    Locale,
    NotificationKind,
    ObjectiveState,
    Visibility,
)
from backend.models import CheckIn, Cycle, Organization, OutboxMessage, User
from tests.api.helpers import World
from tests.reach_servers import MailServer, html_of, text_of
from tests.servers import free_port

from .helpers import jobs_at, key_result, local, next_week, notices_of, objective

FRIDAY, MONDAY = 5, 1


async def _shanghai(world: World) -> None:
    await Organization.filter(id=world.org.id).update(time_zone="Asia/Shanghai")
    await User.filter(id=world.member.id).update(locale=Locale.ZH_CN)


def mails_to(inbox: MailServer, user: User, subject: str | None = None) -> list:
    return [
        m
        for m in inbox.messages
        if m["To"] == user.email and (subject is None or m["Subject"] == subject)
    ]


async def test_the_weekly_check_in_reminder_goes_out_once_on_schedule(
    world: World, reach_settings, inbox: MailServer
) -> None:
    await _shanghai(world)
    goal = await objective(world, world.member, "Launch in Shanghai", team=world.squad)
    waiting = await key_result(world, goal, world.member, "Stores opened", current=20, weight=50)
    done = await key_result(world, goal, world.member, "Permits", current=100, weight=50)
    secret = await objective(world, world.peer, "Peer's own plans", visibility=Visibility.PRIVATE)
    await key_result(world, secret, world.member, "Hidden from its KR owner", current=10)
    english = await objective(world, world.lead, "Hire engineers", visibility=Visibility.PUBLIC)
    await key_result(world, english, world.lead, "Offers signed", current=10)
    friday = next_week(FRIDAY)

    assert (await jobs_at(reach_settings, local(friday, 15, 59), "checkin"))["checkin"] == 0
    assert (await jobs_at(reach_settings, local(friday, 16, 5), "checkin"))["checkin"] == 2
    assert (await jobs_at(reach_settings, local(friday, 18), "checkin"))["checkin"] == 0
    assert (await jobs_at(reach_settings, local(friday + timedelta(days=1), 10), "checkin"))[
        "checkin"
    ] == 0

    (reminder,) = await notices_of(world.member, NotificationKind.REMINDER)
    notice = reminder.detail["notice"]
    assert reminder.detail["about"] == "CHECK_IN_DUE" and notice["link"] == "/me"
    titles = [i["title"] for s in notice["sections"] for i in s["items"]]
    assert titles == ["Stores opened"]  # not the done one, not the one under a hidden objective
    assert waiting.title in titles and done.title not in titles

    (zh,) = mails_to(inbox, world.member)
    assert zh["Subject"] == "该更新本周的 OKR 进度了"
    assert "你有 1 个关键结果本周还没有更新进度" in text_of(zh)
    assert "立即更新进度: https://okr.example.com/me" in text_of(zh)
    assert 'href="https://okr.example.com/me"' in html_of(zh)
    assert "Hidden from its KR owner" not in text_of(zh) + html_of(zh)
    (en,) = mails_to(inbox, world.lead)
    assert en["Subject"] == "Time for your weekly check-in"
    assert "1 of your key results have no check-in this week" in text_of(en)
    assert "Offers signed" in html_of(en)
    assert en["From"] == "Lodestar <okr@example.com>" and en["Message-ID"]


async def test_a_check_in_this_week_means_no_reminder(world: World, reach_settings) -> None:
    await _shanghai(world)
    goal = await objective(world, world.member, "Checked in", team=world.squad)
    kr = await key_result(world, goal, world.member, "Fresh", current=30)
    friday = next_week(FRIDAY)
    checked = local(friday - timedelta(days=2), 10)  # Wednesday of that week
    await CheckIn.create(
        organization=world.org,
        key_result=kr,
        author=world.member,
        value=30,
        progress=0.3,
        raw_progress=0.3,
        created_at=checked,
    )
    kr.last_check_in_at = checked
    await kr.save()
    assert (await jobs_at(reach_settings, local(friday, 16, 5), "checkin"))["checkin"] == 0


async def test_milestones_drafts_and_scores(
    world: World, reach_settings, inbox: MailServer
) -> None:
    await _shanghai(world)
    day = next_week(MONDAY)
    goal = await objective(world, world.member, "Open the office", team=world.squad)
    await key_result(
        world,
        goal,
        world.member,
        "Lease signed",
        kind=KRKind.MILESTONE,
        current=0,
        due=day + timedelta(days=2),
    )
    await objective(
        world, world.peer, "Still a draft", state=ObjectiveState.DRAFT, team=world.squad
    )

    done = await jobs_at(reach_settings, local(day, 16, 30), "milestone", "drafts")
    assert (done["milestone"], done["drafts"]) == (1, 1)
    again = await jobs_at(
        reach_settings, local(day + timedelta(days=1), 16, 30), "milestone", "drafts"
    )
    assert (again["milestone"], again["drafts"]) == (0, 0)  # once per milestone, once per cycle
    (milestone,) = await notices_of(world.member, NotificationKind.REMINDER)
    assert milestone.detail["about"] == "MILESTONE_DUE"
    assert mails_to(inbox, world.member)[0]["Subject"].startswith("里程碑「Lease signed」将于")
    (draft,) = await notices_of(world.peer, NotificationKind.REMINDER)
    assert draft.detail["about"] == "DRAFTS_UNPUBLISHED" and draft.cycle_id == world.cycle.id

    await Cycle.filter(id=world.cycle.id).update(phase=CyclePhase.REVIEWING)
    friday = next_week(FRIDAY)
    assert (await jobs_at(reach_settings, local(friday, 16, 30), "scores"))["scores"] == 1
    assert (await jobs_at(reach_settings, local(friday, 17), "scores"))["scores"] == 0
    assert (await jobs_at(reach_settings, local(friday + timedelta(days=7), 16, 30), "scores"))[
        "scores"
    ] == 1
    assert [m["Subject"] for m in mails_to(inbox, world.member)][-2:] == [
        "请为你的关键结果打分"
    ] * 2


async def test_the_weekly_digest_in_both_languages(
    world: World, reach_settings, inbox: MailServer
) -> None:
    await _shanghai(world)
    mine = await objective(world, world.member, "提升客户满意度", team=world.squad)
    await key_result(world, mine, world.member, "NPS 达到 50", current=35)
    theirs = await objective(
        world, world.lead, "Scale <hiring> & onboarding", visibility=Visibility.PUBLIC
    )
    await key_result(world, theirs, world.lead, "Engineers hired", current=10)
    monday = next_week(MONDAY)

    assert (await jobs_at(reach_settings, local(monday, 8, 59), "digest"))["digest"] == 0
    assert (await jobs_at(reach_settings, local(monday, 9, 1), "digest"))["digest"] == 2
    assert (await jobs_at(reach_settings, local(monday, 12), "digest"))["digest"] == 0

    (zh,) = mails_to(inbox, world.member, "你的 OKR 周报")
    body = text_of(zh)
    assert "Mia Member，你好！这是你本周的 OKR 概况。" in body
    assert "我的关键结果" in body and "NPS 达到 50" in body and "待你处理" in body
    assert "本周尚未更新" in body
    (en,) = mails_to(inbox, world.lead, "Your week in OKRs")
    assert "My key results" in text_of(en) and "Needs you" in text_of(en)
    assert "Engineers hired" in text_of(en) and "no check-in this week" in text_of(en)
    assert "Scale &lt;hiring&gt; &amp; onboarding" not in html_of(en)  # KR titles only, escaped
    assert "<hiring>" not in html_of(en)
    # people with nothing of their own get no digest
    assert mails_to(inbox, world.peer) == []


async def test_a_dead_mail_server_fails_nobody(world: World, reach_settings) -> None:
    """The reminder is in the inbox and the e-mail waits in the outbox to be tried again."""
    await _shanghai(world)
    goal = await objective(world, world.member, "Keep going", team=world.squad)
    await key_result(world, goal, world.member, "Still counts", current=20)
    down = replace(reach_settings, smtp_url=f"smtp://127.0.0.1:{free_port()}")
    done = await jobs_at(down, local(next_week(FRIDAY), 16, 5), "checkin")
    assert (done["checkin"], done["sent"]) == (1, 0)
    assert len(await notices_of(world.member, NotificationKind.REMINDER)) == 1
    (waiting,) = await OutboxMessage.all()
    assert (waiting.state, waiting.attempts) == ("PENDING", 1) and waiting.last_error
