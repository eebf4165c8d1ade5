"""The pure rules of reaching people, as tables: when a schedule is due (in the organization's
zone), which status changes are warnings, what a person's choices resolve to, how robots'
addresses are checked and their answers judged, how long to wait before trying again."""

import base64
import hashlib
import hmac
import re
from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qs, urlsplit

import pytest

from backend.domain.clock import zone
from backend.domain.enums import StatusReason, TrackStatus, Visibility
from backend.domain.errors import InvalidInput
from backend.domain.policy import ObjectiveAccess
from backend.domain.reach.audience import nearest_leads, visible_to_whole_team
from backend.domain.reach.im import (
    Outcome,
    WebhookKind,
    check_secret,
    check_url,
    dingtalk_sign,
    feishu_sign,
    judge,
    md,
    request,
)
from backend.domain.reach.notice import Item, Notice, Section, html_body, plain_text
from backend.domain.reach.preferences import DEFAULTS, Channel, Topic, resolve, wants
from backend.domain.reach.retry import backoff, gives_up
from backend.domain.reach.schedule import (
    Weekly,
    daily_period,
    parse_time,
    week_start,
    weekly_period,
)
from backend.domain.reach.texts import TEXTS
from backend.domain.reach.transitions import Seen, worsened

SH = zone("Asia/Shanghai")
FRIDAY_4PM = Weekly(5, 16 * 60)


def sh(y: int, m: int, d: int, hh: int, mm: int = 0) -> datetime:
    return datetime(y, m, d, hh, mm, tzinfo=SH).astimezone(UTC)


# 2026-12-04 is a Friday (ISO week 49)
@pytest.mark.parametrize(
    ("at", "period"),
    [
        (sh(2026, 12, 4, 15, 59), None),  # a minute early
        (sh(2026, 12, 4, 16, 0), "2026-W49"),
        (sh(2026, 12, 5, 23, 0), "2026-W49"),  # the process was down: still this week's, once
        (sh(2026, 12, 6, 23, 59), "2026-W49"),  # Sunday night
        (sh(2026, 12, 7, 9, 0), None),  # Monday: next week's is not due yet
        (sh(2026, 12, 3, 20, 0), None),  # Thursday
        (datetime(2026, 12, 4, 8, 0, tzinfo=UTC), "2026-W49"),  # 16:00 in Shanghai is 08:00 UTC
        (datetime(2026, 12, 4, 7, 59, tzinfo=UTC), None),
        (sh(2027, 1, 1, 16, 30), "2026-W53"),  # ISO years: 1 January 2027 is in 2026's week 53
    ],
)
def test_weekly_period_in_the_organizations_zone(at: datetime, period: str | None) -> None:
    assert weekly_period(at, SH, FRIDAY_4PM) == period


@pytest.mark.parametrize(
    ("at", "period"),
    [
        (sh(2026, 12, 4, 8, 59), None),
        (sh(2026, 12, 4, 9, 0), "2026-12-04"),
        (sh(2026, 12, 4, 23, 59), "2026-12-04"),
        (sh(2026, 12, 5, 0, 30), None),
    ],
)
def test_daily_period(at: datetime, period: str | None) -> None:
    assert daily_period(at, SH, 9 * 60) == period


def test_the_week_starts_on_monday_where_the_organization_is() -> None:
    assert week_start(sh(2026, 12, 4, 10), SH) == sh(2026, 11, 30, 0)
    assert week_start(sh(2026, 11, 30, 0, 30), SH) == datetime(2026, 11, 29, 16, tzinfo=UTC)


@pytest.mark.parametrize(
    ("value", "minute"),
    [("16:00", 960), ("0:00", 0), ("23:59", 1439), (" 09:05 ", 545), ("１２:00", 720)],
)
def test_times_of_day(value: str, minute: int) -> None:
    assert parse_time(value, "t") == minute


@pytest.mark.parametrize("value", ["24:00", "12:60", "4pm", "9:5", "", "12", "-1:00", "1²:00"])
def test_bad_times_of_day(value: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_time(value, "checkInTime")
    assert caught.value.field == "checkInTime"


T, R = TrackStatus, StatusReason


@pytest.mark.parametrize(
    ("before", "after", "warn"),
    [
        (Seen(T.ON_TRACK), Seen(T.AT_RISK, frozenset({R.BEHIND_SCHEDULE})), True),
        (Seen(T.AT_RISK), Seen(T.BEHIND, frozenset({R.BEHIND_SCHEDULE})), True),
        (Seen(T.ON_TRACK), Seen(T.BEHIND), True),
        (Seen(T.BEHIND), Seen(T.AT_RISK), False),  # better
        (
            Seen(T.AT_RISK, frozenset({R.LOW_CONFIDENCE})),
            Seen(T.AT_RISK, frozenset({R.LOW_CONFIDENCE})),
            False,
        ),
        (
            Seen(T.AT_RISK, frozenset({R.LOW_CONFIDENCE})),
            Seen(T.AT_RISK, frozenset({R.LOW_CONFIDENCE, R.STALE})),
            True,
        ),
        (
            Seen(T.BEHIND, frozenset({R.BEHIND_SCHEDULE})),
            Seen(T.BEHIND, frozenset({R.BEHIND_SCHEDULE, R.OVERDUE})),
            True,
        ),
        (
            Seen(T.AT_RISK, frozenset({R.STALE})),
            Seen(T.AT_RISK, frozenset({R.LOW_CONFIDENCE})),
            False,
        ),  # not news
        (
            Seen(T.AT_RISK, frozenset({R.STALE})),
            Seen(T.AT_RISK, frozenset({R.BEHIND_SCHEDULE})),
            False,
        ),
        (Seen(T.DONE), Seen(T.AT_RISK), True),  # a value revised down
        (Seen(T.NOT_STARTED), Seen(T.ON_TRACK), False),  # the cycle began
        (Seen(T.ON_TRACK), Seen(T.DONE), False),
    ],
)
def test_what_counts_as_getting_worse(before: Seen, after: Seen, warn: bool) -> None:
    assert worsened(before, after) is warn


def test_choices_resolve_over_the_defaults() -> None:
    assert resolve(None) == DEFAULTS
    mine = resolve(
        {"REMINDER": ["IN_APP"], "DIGEST": ["EMAIL", "IM"], "WARNING": ["BOGUS"], "X": ["EMAIL"]}
    )
    assert mine[Topic.REMINDER] == {Channel.IN_APP}
    assert mine[Topic.DIGEST] == {Channel.EMAIL}  # the digest is an e-mail only
    assert mine[Topic.WARNING] == frozenset()


@pytest.mark.parametrize(
    ("muted_until", "wanted"),
    [
        (None, True),
        (datetime(2026, 12, 5, tzinfo=UTC), False),
        (datetime(2026, 12, 4, tzinfo=UTC), True),
    ],
)
def test_a_mute_holds_until_its_moment(muted_until: datetime | None, wanted: bool) -> None:
    now = datetime(2026, 12, 4, 12, tzinfo=UTC)
    assert wants(DEFAULTS, muted_until, Topic.WARNING, Channel.EMAIL, now) is wanted


@pytest.mark.parametrize(
    ("visibility", "teams", "team", "heard"),
    [
        (Visibility.PUBLIC, frozenset(), 1, True),
        (Visibility.TEAM, frozenset({1}), 1, True),
        (Visibility.TEAM, frozenset({2}), 1, False),  # another team's
        (Visibility.PRIVATE, frozenset({1}), 1, False),
    ],
)
def test_a_team_chat_hears_only_what_the_whole_team_may_see(
    visibility: Visibility, teams: frozenset[int], team: int, heard: bool
) -> None:
    access = ObjectiveAccess(org_id=1, owner_id=9, visibility=visibility, team_ids=teams)
    assert visible_to_whole_team(access, team) is heard


def test_the_nearest_lead_up_the_team_tree() -> None:
    parents = {1: None, 2: 1, 3: 2, 4: 4}  # 4 is its own parent (corrupt data)
    leads = {1: frozenset({10}), 2: frozenset({20})}
    assert nearest_leads([3], parents, leads) == {20}
    assert nearest_leads([2, 3], parents, leads) == {20}
    assert nearest_leads([1], parents, leads) == {10}
    assert nearest_leads([4], parents, leads) == frozenset()


@pytest.mark.parametrize(
    ("kind", "url", "local_http", "error"),
    [
        (WebhookKind.FEISHU, "https://open.feishu.cn/open-apis/bot/v2/hook/abc", False, None),
        (WebhookKind.FEISHU, "https://open.larksuite.com/open-apis/bot/v2/hook/abc", False, None),
        (WebhookKind.DINGTALK, "https://oapi.dingtalk.com/robot/send?access_token=x", False, None),
        (WebhookKind.WECOM, "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=x", False, None),
        (WebhookKind.SLACK, "https://hooks.slack.com/services/T/B/X", False, None),
        (
            WebhookKind.SLACK,
            "https://open.feishu.cn/open-apis/bot/v2/hook/abc",
            False,
            "reach.wrong_host",
        ),
        (WebhookKind.SLACK, "http://hooks.slack.com/services/T/B/X", False, "reach.https_required"),
        (WebhookKind.SLACK, "https://hooks.slack.com.evil.com/services", False, "reach.wrong_host"),
        (WebhookKind.SLACK, "https://hooks.slack.com:99999/x", False, "reach.bad_url"),
        (WebhookKind.SLACK, "https://a@hooks.slack.com/x", False, "reach.bad_url"),
        (WebhookKind.SLACK, "https://hooks.slack.com/x#frag", False, "reach.bad_url"),
        (WebhookKind.SLACK, "http://127.0.0.1:8080/hook", False, "reach.https_required"),
        (WebhookKind.SLACK, "http://127.0.0.1:8080/hook", True, None),
        (WebhookKind.SLACK, "http://192.168.1.5/hook", True, "reach.https_required"),
        (WebhookKind.SLACK, "", False, "input.required"),
    ],
)
def test_robot_addresses(kind: WebhookKind, url: str, local_http: bool, error: str | None) -> None:
    if error is None:
        assert check_url(kind, url, allow_local_http=local_http) == url
    else:
        with pytest.raises(InvalidInput) as caught:
            check_url(kind, url, allow_local_http=local_http)
        assert (caught.value.key, caught.value.field) == (error, "url")


def test_only_feishu_and_dingtalk_take_a_secret() -> None:
    assert check_secret(WebhookKind.FEISHU, " SECabc ") == "SECabc"
    assert check_secret(WebhookKind.WECOM, "") == ""
    with pytest.raises(InvalidInput):
        check_secret(WebhookKind.SLACK, "SECabc")
    with pytest.raises(InvalidInput):
        check_secret(WebhookKind.DINGTALK, "S" * 201)


def test_feishu_signs_as_documented() -> None:
    # HmacSHA256 keyed with "timestamp\nsecret" over nothing, Base64 (open.feishu.cn's example)
    key = b"1599360473\nsecret"
    expected = base64.b64encode(hmac.new(key, b"", hashlib.sha256).digest()).decode()
    assert feishu_sign(1599360473, "secret") == expected
    notice = Notice("zh-CN", "标题", "开头", "查看", "https://x/me")
    body = request(
        WebhookKind.FEISHU, "https://open.feishu.cn/h", "secret", notice, 1599360473_123
    ).body
    assert (body["timestamp"], body["sign"]) == ("1599360473", expected)
    assert body["msg_type"] == "post" and body["content"]["post"]["zh_cn"]["title"] == "标题"


def test_dingtalk_signs_in_the_query_as_documented() -> None:
    digest = hmac.new(b"SECx", b"1700000000000\nSECx", hashlib.sha256).digest()
    assert dingtalk_sign(1700000000000, "SECx") == base64.b64encode(digest).decode()
    notice = Notice("en", "Title", "Intro", "Open", "https://x/me")
    req = request(
        WebhookKind.DINGTALK,
        "https://oapi.dingtalk.com/robot/send?access_token=t",
        "SECx",
        notice,
        1700000000000,
    )
    query = parse_qs(urlsplit(req.url).query)
    assert query["timestamp"] == ["1700000000000"] and query["access_token"] == ["t"]
    assert query["sign"] == [base64.b64encode(digest).decode()]  # URL-encoded on the wire
    assert req.body["msgtype"] == "markdown" and req.body["markdown"]["title"] == "Title"


def test_user_text_cannot_forge_markup() -> None:
    notice = Notice(
        "en",
        "s",
        "i",
        "Open",
        "https://x/me",
        (
            Section(
                "", (Item("[click](https://evil) **bold** <b>", "d", "https://x/objective/obj_1"),)
            ),
        ),
    )
    wecom = request(WebhookKind.WECOM, "https://q/", "", notice, 0).body["markdown"]["content"]
    assert "[click](https://evil)" not in wecom and md("[click]") == "\\[click\\]"
    slack = str(request(WebhookKind.SLACK, "https://h/", "", notice, 0).body)
    assert "<b>" not in slack and "&lt;b&gt;" in slack
    html = html_body(notice)
    assert "<b>" not in html.replace("<body", "").split("</title>")[1] and "&lt;b&gt;" in html
    assert "- [click](https://evil) **bold** <b> — d" in plain_text(notice)


@pytest.mark.parametrize(
    ("kind", "status", "body", "outcome"),
    [
        (WebhookKind.FEISHU, 200, {"code": 0, "msg": "success"}, Outcome.SENT),
        (WebhookKind.FEISHU, 200, {"StatusCode": 0, "StatusMessage": "success"}, Outcome.SENT),
        (WebhookKind.FEISHU, 200, {"code": 19021, "msg": "sign match fail"}, Outcome.FAILED),
        (WebhookKind.FEISHU, 200, {"code": 11232, "msg": "frequency limited"}, Outcome.RETRY),
        (WebhookKind.DINGTALK, 200, {"errcode": 0, "errmsg": "ok"}, Outcome.SENT),
        (
            WebhookKind.DINGTALK,
            200,
            {"errcode": 310000, "errmsg": "sign not match"},
            Outcome.FAILED,
        ),
        (WebhookKind.DINGTALK, 200, {"errcode": 130101, "errmsg": "send too fast"}, Outcome.RETRY),
        (
            WebhookKind.WECOM,
            200,
            {"errcode": 45009, "errmsg": "api freq out of limit"},
            Outcome.RETRY,
        ),
        (
            WebhookKind.WECOM,
            200,
            {"errcode": 93000, "errmsg": "invalid webhook url"},
            Outcome.FAILED,
        ),
        (WebhookKind.SLACK, 200, "ok", Outcome.SENT),
        (WebhookKind.SLACK, 404, "no_service", Outcome.FAILED),
        (WebhookKind.SLACK, 400, "invalid_blocks", Outcome.FAILED),
        (WebhookKind.SLACK, 429, "rate_limited", Outcome.RETRY),
        (WebhookKind.WECOM, 502, "Bad Gateway", Outcome.RETRY),
        (WebhookKind.WECOM, 200, "<html>", Outcome.FAILED),
    ],
)
def test_what_a_platforms_answer_means(
    kind: WebhookKind, status: int, body: object, outcome: Outcome
) -> None:
    assert judge(kind, status, body)[0] is outcome


@pytest.mark.parametrize(
    ("attempts", "retry_after", "wait"),
    [
        (1, None, timedelta(seconds=30)),
        (2, None, timedelta(seconds=60)),
        (5, None, timedelta(minutes=8)),
        (12, None, timedelta(hours=1)),  # never longer than an hour
        (1, 120.0, timedelta(minutes=2)),  # the platform asked for longer
        (3, 5.0, timedelta(minutes=2)),  # ours is longer
        (1, 99999.0, timedelta(hours=1)),
    ],
)
def test_backoff(attempts: int, retry_after: float | None, wait: timedelta) -> None:
    assert backoff(attempts, retry_after) == wait


def test_giving_up() -> None:
    assert not gives_up(7) and gives_up(8)


def test_both_languages_of_every_text_use_the_same_placeholders() -> None:
    for key, (en, zh) in TEXTS.items():
        assert set(re.findall(r"{(\w+)}", en)) == set(re.findall(r"{(\w+)}", zh)), key
