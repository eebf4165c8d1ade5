"""Who may do what with robots, preferences and the schedule (signed out, another
organization, a plain member, a lead, an admin), and what bad input gets back: each refused
request changes nothing."""

import asyncio

import pytest

from backend.models import Organization, ReachPreference, Webhook
from tests.api.helpers import World

URL = "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abc-123"
CREATE = "mutation($i: WebhookInput!) { createWebhook(input: $i) { id teamId } }"
UPDATE = (
    "mutation($id: ID!, $i: UpdateWebhookInput!) { updateWebhook(id: $id, input: $i) { id name } }"
)
DELETE = "mutation($id: ID!) { deleteWebhook(id: $id) }"
TEST = "mutation($id: ID!) { sendTestMessage(id: $id) { ok } }"
LIST = "{ webhooks { id } }"
SCHEDULE = """mutation($i: ReminderScheduleInput!) {
  updateReminderSchedule(input: $i) { timeZone checkInWeekday checkInTime } }"""
PREFS = """mutation($i: ReachPreferencesInput!) { setReachPreferences(input: $i) {
  mutedUntil topics { topic inApp email im supported } } }"""


def _input(world: World, team_id: int | None = None, **extra: object) -> dict:
    return {
        "i": {"teamId": f"team_{team_id or world.squad.id}", "kind": "WECOM", "url": URL, **extra}
    }


async def _hook(world: World, team_id: int | None = None) -> Webhook:
    return await Webhook.create(
        organization=world.org, team_id=team_id or world.squad.id, kind="WECOM", url=URL
    )


@pytest.mark.parametrize(
    ("who", "code"),
    [("nobody", "UNAUTHENTICATED"), ("outsider", "NOT_FOUND"), ("member", "FORBIDDEN")],
)
async def test_creating_a_robot_is_for_admins_and_leads(world: World, who: str, code: str) -> None:
    api = await world.as_(None if who == "nobody" else getattr(world, who))
    assert (await api.error(CREATE, _input(world)))["code"] == code
    assert await Webhook.all().count() == 0


async def test_a_lead_manages_the_robots_of_the_teams_they_lead(world: World) -> None:
    lead = await world.as_(world.lead)  # leads Engineering, and so its sub-team Platform
    made = (await lead.ok(CREATE, _input(world)))["createWebhook"]
    assert made["teamId"] == f"team_{world.squad.id}"
    assert [w["id"] for w in (await lead.ok(LIST))["webhooks"]] == [made["id"]]
    renamed = await lead.ok(UPDATE, {"id": made["id"], "i": {"name": "Squad chat"}})
    assert renamed["updateWebhook"]["name"] == "Squad chat"
    assert (await lead.ok(DELETE, {"id": made["id"]}))["deleteWebhook"] is True
    assert await Webhook.all().count() == 0


async def test_the_teams_offered_for_robots_are_those_one_may_set_up(world: World) -> None:
    teams = "{ webhookTeams { id } }"
    for user in (None, world.member, world.peer, world.loner, world.outsider):
        assert (await (await world.as_(user)).ok(teams))["webhookTeams"] == []
    lead = (await (await world.as_(world.lead)).ok(teams))["webhookTeams"]
    assert [t["id"] for t in lead] == [f"team_{world.dept.id}", f"team_{world.squad.id}"]
    admin = (await (await world.as_(world.admin)).ok(teams))["webhookTeams"]
    org_teams = [
        t["id"] for t in (await (await world.as_(world.admin)).ok("{ teams { id } }"))["teams"]
    ]
    assert [t["id"] for t in admin] == org_teams


async def test_others_cannot_see_change_test_or_remove_a_robot(world: World) -> None:
    hook = await _hook(world)
    hook_id = f"hook_{hook.id}"
    for user in (world.member, world.peer, world.outsider):
        api = await world.as_(user)
        assert (await api.ok(LIST))["webhooks"] == []
        for doc, variables in (
            (UPDATE, {"id": hook_id, "i": {"name": "mine now"}}),
            (DELETE, {"id": hook_id}),
            (TEST, {"id": hook_id}),
        ):
            assert (await api.error(doc, variables))["code"] == "NOT_FOUND"
    nobody = await world.as_(None)
    assert (await nobody.error(DELETE, {"id": hook_id}))["code"] == "UNAUTHENTICATED"
    assert (await Webhook.get(id=hook.id)).name == ""
    admin = await world.as_(world.admin)
    assert [w["id"] for w in (await admin.ok(LIST))["webhooks"]] == [hook_id]


async def test_the_secret_and_the_address_are_never_read_back(world: World) -> None:
    admin = await world.as_(world.admin)
    schema = await admin.ok('{ __type(name: "Webhook") { fields { name } } }')
    names = {f["name"] for f in schema["__type"]["fields"]}
    assert "secret" not in names and "url" not in names
    made = await admin.ok(
        "mutation($i: WebhookInput!) { createWebhook(input: $i) { urlHint hasSecret } }",
        {
            "i": {
                "teamId": f"team_{world.squad.id}",
                "kind": "DINGTALK",
                "url": "https://oapi.dingtalk.com/robot/send?access_token=tok-9876",
                "secret": "SECabc",
            }
        },
    )
    assert made["createWebhook"] == {
        "urlHint": "https://oapi.dingtalk.com/…9876",
        "hasSecret": True,
    }


@pytest.mark.parametrize(
    ("extra", "field"),
    [
        ({"url": "http://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=1"}, "url"),  # not https
        ({"url": "https://evil.example.com/hook"}, "url"),  # not the platform's host
        ({"url": "https://10.0.0.1/cgi-bin/webhook/send"}, "url"),
        ({"url": "https://user:pw@qyapi.weixin.qq.com/x"}, "url"),
        ({"url": "https://qyapi.weixin.qq.com/" + "a" * 500}, "url"),
        ({"url": ""}, "url"),
        ({"secret": "SECnot-for-wecom"}, "secret"),  # WeCom does not sign
        ({"name": "n" * 101}, "name"),
        ({"locale": "fr"}, "locale"),
        ({"url": "http://127.0.0.1:9/hook"}, "url"),  # local http only where the setting allows
    ],
)
async def test_bad_robot_input_is_refused_naming_the_field(
    world: World, settings, extra: dict, field: str
) -> None:
    from backend.app import create_app
    from tests.api.helpers import Api

    strict = create_app(settings, manage_db=False)  # production settings: https only
    from backend.actions.auth import create_api_token

    _, token = await create_api_token(settings, world.admin, "strict")
    api = Api(strict, token)
    error = await api.error(CREATE, _input(world, **extra))
    assert (error["code"], error["field"]) == ("BAD_USER_INPUT", field)
    assert await Webhook.all().count() == 0


async def test_the_schedule_is_for_admins_and_validated(world: World) -> None:
    for user, code in (
        (None, "UNAUTHENTICATED"),
        (world.lead, "FORBIDDEN"),
        (world.member, "FORBIDDEN"),
    ):
        api = await world.as_(user)
        assert (await api.error(SCHEDULE, {"i": {"checkInWeekday": 1}}))["code"] == code
    admin = await world.as_(world.admin)
    for bad, field in (
        ({"checkInWeekday": 8}, "checkInWeekday"),
        ({"checkInTime": "24:00"}, "checkInTime"),
        ({"checkInTime": "4pm"}, "checkInTime"),
        ({"digestTime": "9:5"}, "digestTime"),
        ({"milestoneDays": 31}, "milestoneDays"),
        ({"timeZone": "Mars/Olympus"}, "timeZone"),
        ({"timeZone": "../etc/passwd"}, "timeZone"),
    ):
        error = await admin.error(SCHEDULE, {"i": bad})
        assert (error["code"], error["field"]) == ("BAD_USER_INPUT", field)
    done = await admin.ok(
        SCHEDULE, {"i": {"timeZone": "Asia/Shanghai", "checkInWeekday": 4, "checkInTime": "17:30"}}
    )
    assert done["updateReminderSchedule"] == {
        "timeZone": "Asia/Shanghai",
        "checkInWeekday": 4,
        "checkInTime": "17:30",
    }
    org = await Organization.get(id=world.org.id)
    assert (org.time_zone, org.reminder_weekday, org.reminder_minute) == (
        "Asia/Shanghai",
        4,
        17 * 60 + 30,
    )
    member = await world.as_(world.member)
    seen = await member.ok(
        "{ reminderSchedule { timeZone checkInTime digestWeekday digestTime milestoneDays } }"
    )
    assert seen["reminderSchedule"] == {
        "timeZone": "Asia/Shanghai",
        "checkInTime": "17:30",
        "digestWeekday": 1,
        "digestTime": "09:00",
        "milestoneDays": 3,
    }


async def test_preferences_are_ones_own_with_sensible_defaults(world: World) -> None:
    member = await world.as_(world.member)
    viewer = await member.ok(
        "{ viewer { reachPreferences { emailAvailable mutedUntil"
        " topics { topic inApp email im supported } } } }"
    )
    prefs = viewer["viewer"]["reachPreferences"]
    assert prefs["emailAvailable"] is True and prefs["mutedUntil"] is None
    assert prefs["topics"] == [
        {
            "topic": "WARNING",
            "inApp": True,
            "email": True,
            "im": True,
            "supported": ["IN_APP", "EMAIL", "IM"],
        },
        {
            "topic": "REMINDER",
            "inApp": True,
            "email": True,
            "im": True,
            "supported": ["IN_APP", "EMAIL", "IM"],
        },
        {"topic": "DIGEST", "inApp": False, "email": True, "im": False, "supported": ["EMAIL"]},
    ]
    changed = await member.ok(
        PREFS,
        {"i": {"topics": [{"topic": "REMINDER", "inApp": True, "email": False, "im": False}]}},
    )
    topics = {t["topic"]: t for t in changed["setReachPreferences"]["topics"]}
    assert (topics["REMINDER"]["email"], topics["REMINDER"]["im"], topics["WARNING"]["email"]) == (
        False,
        False,
        True,
    )
    # another person's preferences are not anyone else's business
    peers = await member.ok("{ people { handle reachPreferences { mutedUntil } } }")
    assert all(p["reachPreferences"] is None for p in peers["people"] if p["handle"] != "mia")
    bad = await member.error(
        PREFS, {"i": {"topics": [{"topic": "DIGEST", "inApp": True, "email": True, "im": False}]}}
    )
    assert (bad["code"], bad["field"]) == ("BAD_USER_INPUT", "topics.0")
    # two screens saving different topics at once: both count
    await asyncio.gather(
        member.ok(
            PREFS,
            {"i": {"topics": [{"topic": "WARNING", "inApp": True, "email": False, "im": True}]}},
        ),
        member.ok(
            PREFS,
            {"i": {"topics": [{"topic": "DIGEST", "inApp": False, "email": False, "im": False}]}},
        ),
    )
    row = await ReachPreference.get(user_id=world.member.id)
    assert row.channels == {"WARNING": ["IN_APP", "IM"], "REMINDER": ["IN_APP"], "DIGEST": []}
    far = await member.error(PREFS, {"i": {"mutedUntil": "2999-01-01T00:00:00+00:00"}})
    assert (far["code"], far["field"]) == ("BAD_USER_INPUT", "mutedUntil")
    nobody = await world.as_(None)
    assert (await nobody.error(PREFS, {"i": {"topics": []}}))["code"] == "UNAUTHENTICATED"
    assert await ReachPreference.filter(user_id=world.peer.id).count() == 0


async def test_a_mute_silences_everything_until_it_ends(world: World, reach_settings) -> None:
    from datetime import UTC, datetime, timedelta

    from backend.domain.enums import NotificationKind, Visibility

    from .helpers import jobs_at, key_result, local, next_week, notices_of, objective

    member = await world.as_(world.member)
    until = datetime.now(UTC) + timedelta(days=20)
    muted = await member.ok(PREFS, {"i": {"mutedUntil": until.isoformat()}})
    assert muted["setReachPreferences"]["mutedUntil"]
    goal = await objective(world, world.member, "Muted goal", visibility=Visibility.PUBLIC)
    await key_result(world, goal, world.member, "Muted KR", current=10)
    await jobs_at(reach_settings, local(next_week(5), 16, 5), "checkin")
    assert await notices_of(world.member, NotificationKind.REMINDER) == []
    await member.ok(PREFS, {"i": {"mutedUntil": None}})
    assert (await ReachPreference.get(user_id=world.member.id)).muted_until is None
