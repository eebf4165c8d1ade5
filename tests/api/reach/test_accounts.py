"""Accounts by e-mail, through a real SMTP server: an invitation accepted once, the join link
limited to the organization's domain, a password reset that ends the other sessions. Who may
send what, and what bad input gets back — each refused request changes nothing."""

import re
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from typing import Any

import pytest

from backend.jobs.delivery import deliver_due
from backend.models import AccountLink, ActivityEvent, AuthToken, TeamMember, User
from backend.settings import Settings
from tests.api.helpers import PASSWORD, Api, World
from tests.reach_servers import MailServer, text_of

from .helpers import PUBLIC_URL

INVITE = """mutation($i: InviteInput!) { inviteUser(input: $i) {
  id email displayName role joined expiresAt } }"""
INVITATIONS = "{ invitations { id email } }"
REVOKE = "mutation($id: ID!) { revokeInvitation(id: $id) }"
ACCEPT = """mutation($t: String!, $p: String!, $n: String, $h: String) {
  acceptInvitation(token: $t, password: $p, displayName: $n, handle: $h) { id handle role } }"""
LINK = """query($t: String!, $p: String!) { accountLink(token: $t, purpose: $p) {
  email displayName organizationName } }"""
JOIN_LINK = """mutation($d: String, $r: Boolean!) { setJoinLink(domain: $d, renew: $r) {
  joinDomain joinKey } }"""
JOIN = """mutation($k: String!, $e: String!, $n: String) {
  requestJoin(key: $k, email: $e, displayName: $n, locale: "zh-CN") }"""
FORGOT = "mutation($e: String!) { requestPasswordReset(email: $e) }"
RESET = "mutation($t: String!, $p: String!) { resetPassword(token: $t, password: $p) { id } }"
SIGN_IN = "mutation($e: String!, $p: String!) { signIn(email: $e, password: $p) { id } }"
VIEWER = "{ viewer { handle } }"


async def _mailed(settings: Settings, inbox: MailServer) -> list[EmailMessage]:
    await deliver_due(settings, datetime.now(UTC) + timedelta(seconds=1))
    return list(inbox.messages)


def _token(message: EmailMessage, path: str) -> str:
    found = re.search(rf"{re.escape(PUBLIC_URL)}/{path}/([\w-]+)", text_of(message))
    assert found, text_of(message)
    return found.group(1)


async def _state() -> dict[str, Any]:
    return {
        "users": await User.all().order_by("id").values("id", "email", "password_hash"),
        "links": await AccountLink.all().order_by("id").values("id", "used_at", "revoked_at"),
        "events": await ActivityEvent.all().count(),
    }


async def test_an_invitation_is_mailed_and_accepted_once(
    world: World, app: Any, reach_settings: Settings, inbox: MailServer
) -> None:
    admin = await world.as_(world.admin)
    sent = await admin.ok(
        INVITE,
        {
            "i": {
                "email": " New.Hire@Acme.test ",
                "displayName": "Nia New",
                "teamId": f"team_{world.squad.id}",
                "managerId": f"user_{world.lead.id}",
                "locale": "zh-CN",
            }
        },
    )
    invitation = sent["inviteUser"]
    assert (invitation["email"], invitation["role"], invitation["joined"]) == (
        "new.hire@acme.test",
        "MEMBER",
        False,
    )
    assert [i["email"] for i in (await admin.ok(INVITATIONS))["invitations"]] == [
        "new.hire@acme.test"
    ]
    (message,) = await _mailed(reach_settings, inbox)
    assert message["To"] == "new.hire@acme.test"
    assert "Acme" in message["Subject"] and "邀请" in message["Subject"]
    token = _token(message, "invite")
    nobody = Api(app)
    shown = (await nobody.ok(LINK, {"t": token, "p": "INVITE"}))["accountLink"]
    assert shown == {
        "email": "new.hire@acme.test",
        "displayName": "Nia New",
        "organizationName": "Acme",
    }

    accepted = await nobody.ok(ACCEPT, {"t": token, "p": "a new secret"})
    assert accepted["acceptInvitation"]["handle"] == "new.hire"
    assert (await nobody.ok(VIEWER))["viewer"] == {"handle": "new.hire"}  # the cookie signs in
    user = await User.get(email="new.hire@acme.test")
    assert (user.display_name, user.manager_id) == ("Nia New", world.lead.id)
    assert await TeamMember.exists(team_id=world.squad.id, user_id=user.id, is_lead=False)
    assert (await Api(app).ok(SIGN_IN, {"e": "new.hire@acme.test", "p": "a new secret"}))["signIn"]
    assert (await admin.ok(INVITATIONS))["invitations"] == []

    before = await _state()
    again = await Api(app).error(ACCEPT, {"t": token, "p": "another secret"})
    assert (again["code"], again["field"]) == ("BAD_USER_INPUT", "token")
    assert "expired or was already used" in again["message"]
    shown_again = await Api(app).error(LINK, {"t": token, "p": "INVITE"})
    assert (shown_again["code"], shown_again["field"]) == ("BAD_USER_INPUT", "token")
    assert await _state() == before


async def test_an_expired_or_revoked_invitation_opens_nothing(
    world: World, app: Any, reach_settings: Settings, inbox: MailServer
) -> None:
    admin = await world.as_(world.admin)
    first = (await admin.ok(INVITE, {"i": {"email": "a@acme.test"}}))["inviteUser"]
    await admin.ok(INVITE, {"i": {"email": "b@acme.test"}})
    old, late = await _mailed(reach_settings, inbox)
    assert (await admin.ok(REVOKE, {"id": first["id"]}))["revokeInvitation"] is True
    await AccountLink.filter(email="b@acme.test").update(
        expires_at=datetime.now(UTC) - timedelta(seconds=1)
    )
    before = await _state()
    for message in (old, late):
        refused = await Api(app).error(ACCEPT, {"t": _token(message, "invite"), "p": "long enough"})
        assert (refused["code"], refused["field"]) == ("BAD_USER_INPUT", "token")
    assert (await Api(app).error(ACCEPT, {"t": "made-up", "p": "long enough"}))["field"] == "token"
    assert await _state() == before


@pytest.mark.parametrize(
    ("who", "code"),
    [("nobody", "UNAUTHENTICATED"), ("outsider", "NOT_FOUND"), ("member", "FORBIDDEN")],
)
async def test_only_an_admin_of_the_organization_invites(
    world: World, inbox: MailServer, reach_settings: Settings, who: str, code: str
) -> None:
    api = await world.as_(None if who == "nobody" else getattr(world, who))
    before = await _state()
    variables = {"i": {"email": "x@acme.test", "teamId": f"team_{world.squad.id}"}}
    assert (await api.error(INVITE, variables))["code"] == code
    assert await _state() == before
    assert await _mailed(reach_settings, inbox) == []


@pytest.mark.parametrize(
    ("who", "code"),
    [("nobody", "UNAUTHENTICATED"), ("member", "FORBIDDEN")],
)
async def test_only_an_admin_sees_and_revokes_invitations(
    world: World, who: str, code: str
) -> None:
    admin = await world.as_(world.admin)
    made = (await admin.ok(INVITE, {"i": {"email": "x@acme.test"}}))["inviteUser"]
    api = await world.as_(None if who == "nobody" else getattr(world, who))
    before = await _state()
    assert (await api.error(INVITATIONS))["code"] == code
    assert (await api.error(REVOKE, {"id": made["id"]}))["code"] == code
    # another organization's admin sees none of them and revokes nothing
    outsider = await world.as_(world.outsider)
    assert (await outsider.ok(INVITATIONS))["invitations"] == []
    assert (await outsider.error(REVOKE, {"id": made["id"]}))["code"] == "NOT_FOUND"
    assert await _state() == before


@pytest.mark.parametrize(
    ("variables", "field", "code"),
    [
        ({"email": "not-an-address"}, "email", "BAD_USER_INPUT"),
        ({"email": "mia@acme.test"}, "email", "CONFLICT"),  # already has an account
        ({"email": "x@acme.test", "teamId": "team_999999"}, None, "NOT_FOUND"),
        ({"email": "x@acme.test", "managerId": "team_1"}, "managerId", "BAD_USER_INPUT"),
        ({"email": "x@acme.test", "displayName": "n" * 81}, "displayName", "BAD_USER_INPUT"),
        ({"email": "x@acme.test", "locale": "fr"}, "locale", "BAD_USER_INPUT"),
    ],
)
async def test_a_bad_invitation_is_refused_and_sends_nothing(
    world: World,
    reach_settings: Settings,
    inbox: MailServer,
    variables: dict[str, str],
    field: str | None,
    code: str,
) -> None:
    before = await _state()
    refused = await (await world.as_(world.admin)).error(INVITE, {"i": variables})
    assert (refused["code"], refused["field"]) == (code, field)
    assert await _state() == before
    assert await _mailed(reach_settings, inbox) == []


async def test_the_join_link_admits_the_organizations_domain_only(
    world: World, app: Any, reach_settings: Settings, inbox: MailServer
) -> None:
    admin = await world.as_(world.admin)
    opened = (await admin.ok(JOIN_LINK, {"d": "@Acme.TEST", "r": False}))["setJoinLink"]
    assert opened["joinDomain"] == "acme.test" and len(opened["joinKey"]) >= 24
    key = opened["joinKey"]
    nobody = Api(app)
    before = await _state()
    outside = await nobody.error(JOIN, {"k": key, "e": "eve@evil.test"})
    assert (outside["code"], outside["field"]) == ("BAD_USER_INPUT", "email")
    assert "acme.test" in outside["message"]
    assert (await nobody.error(JOIN, {"k": "wrong", "e": "joe@acme.test"}))["code"] == "FORBIDDEN"
    assert await _state() == before

    for _ in range(3):  # asked again at once: one e-mail
        assert (await nobody.ok(JOIN, {"k": key, "e": "joe@acme.test", "n": "Joe"}))["requestJoin"]
    (message,) = await _mailed(reach_settings, inbox)
    assert "账号" in message["Subject"]  # in the language of the page that asked
    accepted = await Api(app).ok(ACCEPT, {"t": _token(message, "invite"), "p": "joe's secret"})
    assert accepted["acceptInvitation"]["role"] == "MEMBER"
    invited = await ActivityEvent.get(kind="user.invited")
    assert (invited.actor_id, invited.payload["joined"]) == (None, True)

    # a member sees no key; a renewed key shuts the old one out; closing shuts all
    member_view = await (await world.as_(world.member)).ok("{ organization { joinKey } }")
    assert member_view["organization"]["joinKey"] is None
    renewed = (await admin.ok(JOIN_LINK, {"d": "acme.test", "r": True}))["setJoinLink"]
    assert renewed["joinKey"] != key
    assert (await nobody.error(JOIN, {"k": key, "e": "kim@acme.test"}))["code"] == "FORBIDDEN"
    closed = (await admin.ok(JOIN_LINK, {"d": "", "r": False}))["setJoinLink"]
    assert closed == {"joinDomain": None, "joinKey": None}
    refused = await nobody.error(JOIN, {"k": renewed["joinKey"], "e": "kim@acme.test"})
    assert refused["code"] == "FORBIDDEN"


@pytest.mark.parametrize(
    ("who", "code"),
    [("nobody", "UNAUTHENTICATED"), ("member", "FORBIDDEN"), ("outsider", None)],
)
async def test_only_an_admin_opens_the_join_link(world: World, who: str, code: str | None) -> None:
    api = await world.as_(None if who == "nobody" else getattr(world, who))
    if code is None:  # another organization's admin opens their own organization's link
        assert (await api.ok(JOIN_LINK, {"d": "other.test", "r": False}))["setJoinLink"]
    else:
        assert (await api.error(JOIN_LINK, {"d": "acme.test", "r": False}))["code"] == code
    await world.org.refresh_from_db()
    assert (world.org.join_key, world.org.join_domain) == (None, None)


async def test_a_bad_join_domain_is_refused(world: World) -> None:
    refused = await (await world.as_(world.admin)).error(
        JOIN_LINK, {"d": "not a domain", "r": False}
    )
    assert (refused["code"], refused["field"]) == ("BAD_USER_INPUT", "joinDomain")


async def test_a_password_reset_is_mailed_used_once_and_ends_other_sessions(
    world: World, app: Any, reach_settings: Settings, inbox: MailServer
) -> None:
    elsewhere = await world.as_(world.member)  # an API token: kept
    session = Api(app)
    await session.ok(SIGN_IN, {"e": world.member.email, "p": PASSWORD})
    nobody = Api(app)
    # unknown and known addresses answer alike; a second ask at once sends nothing more
    for address in ("nobody@acme.test", world.member.email.upper(), world.member.email):
        assert (await nobody.ok(FORGOT, {"e": address}))["requestPasswordReset"] is True
    (message,) = await _mailed(reach_settings, inbox)
    assert message["To"] == world.member.email and "password" in message["Subject"]
    token = _token(message, "reset")
    short = await nobody.error(RESET, {"t": token, "p": "short"})
    assert (short["code"], short["field"]) == ("BAD_USER_INPUT", "password")

    assert (await nobody.ok(RESET, {"t": token, "p": "brand new secret"}))["resetPassword"]
    assert (await nobody.ok(VIEWER))["viewer"] == {"handle": "mia"}
    assert (await session.ok(VIEWER))["viewer"] is None  # the other session ended
    assert (await elsewhere.ok(VIEWER))["viewer"] == {"handle": "mia"}
    assert (await Api(app).error(SIGN_IN, {"e": world.member.email, "p": PASSWORD}))["code"]
    assert await Api(app).ok(SIGN_IN, {"e": world.member.email, "p": "brand new secret"})
    assert (await Api(app).error(RESET, {"t": token, "p": "third secret"}))["field"] == "token"
    assert (
        await AuthToken.filter(user_id=world.member.id, is_session=True, revoked_at=None).count()
        == 2
    )


async def test_a_deactivated_account_gets_no_reset(
    world: World, reach_settings: Settings, inbox: MailServer, app: Any
) -> None:
    await User.filter(id=world.member.id).update(is_active=False)
    assert (await Api(app).ok(FORGOT, {"e": world.member.email}))["requestPasswordReset"]
    assert await _mailed(reach_settings, inbox) == []
    assert not await AccountLink.exists()
