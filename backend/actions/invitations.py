"""Accounts by e-mail: invitations (sent by an admin, or asked for through the organization's
join link), and password resets. Each is a one-time, expiring link mailed through the outbox
in the transaction that makes it; only a hash of its secret is kept. The account of an
invitation is made when it is accepted, so an unanswered one leaves nobody in the directory."""

import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from tortoise.exceptions import IntegrityError

from ..domain.accounts import (
    INVITE_LIFETIME_HOURS,
    RESET_LIFETIME_HOURS,
    clean_domain,
    clean_email,
    clean_handle,
    clean_locale,
    email_domain,
    suggested_handle,
)
from ..domain.clock import zone
from ..domain.enums import Role
from ..domain.errors import Conflict, Forbidden, InvalidInput, NotFound
from ..domain.people import search_text
from ..domain.policy import Actor
from ..domain.reach.notices import account_link
from ..domain.validation import LIMITS, validate_text
from ..events.kinds import EventKind
from ..events.outbox import enqueue
from ..events.unit import Unit, write
from ..models import AccountLink, AuthToken, Organization, Team, TeamMember, User
from ..read.accounts import token_hash
from ..read.lookup import get_in_org, require_admin
from ..settings import Settings
from .auth import hash_password, new_session

INVITE, RESET = "INVITE", "RESET"
# a reset or join link asked for again within this time sends nothing more (a mailbox is not
# a target)
MAIL_QUIET = timedelta(minutes=2)


@dataclass
class InviteInput:
    email: str | None = None
    display_name: str | None = None
    role: Role | None = None
    manager_id: int | None = None
    team_id: int | None = None
    locale: str | None = None  # the e-mail's language (the inviter's when not given)


def _expires_words(org: Organization, settings: Settings, at: datetime) -> str:
    try:
        tz = zone(org.time_zone or settings.time_zone)
    except InvalidInput:
        tz = UTC
    return at.astimezone(tz).strftime("%Y-%m-%d %H:%M %Z")


async def _mail_link(
    unit: Unit,
    settings: Settings,
    org: Organization,
    link: AccountLink,
    *,
    kind: str,
    locale: str,
    inviter: str,
) -> str:
    """Makes the link's secret, stores its hash and puts the e-mail in the outbox (sent
    after commit). Returns the secret."""
    secret = secrets.token_urlsafe(32)
    link.token_hash = token_hash(settings, secret)
    await link.save()
    path = "reset" if link.purpose == RESET else "invite"
    notice = account_link(
        locale,
        kind,
        f"{settings.public_url.rstrip('/')}/{path}/{secret}",
        org.name,
        inviter,
        _expires_words(org, settings, link.expires_at),
    )
    await enqueue(
        org.id, f"account:{link.id}", notice, link.created_at, email=(link.user_id, link.email)
    )
    return secret


async def _not_a_member(email: str) -> None:
    if await User.exists(email=email):
        raise Conflict("account.already_member", "email")


def _new_link(
    org_id: int, purpose: str, email: str, now: datetime, **fields: object
) -> AccountLink:
    hours = RESET_LIFETIME_HOURS if purpose == RESET else INVITE_LIFETIME_HOURS
    return AccountLink(
        organization_id=org_id,
        purpose=purpose,
        email=email,
        token_hash=secrets.token_hex(32),  # replaced by the mailed secret's hash
        created_at=now,
        expires_at=now + timedelta(hours=hours),
        **fields,
    )


async def invite(settings: Settings, actor: Actor | None, data: InviteInput) -> AccountLink:
    """An admin invites someone by address, with the role, manager and team the account
    will have. Inviting the same address again replaces the earlier link."""
    actor = require_admin(actor)
    email = clean_email(data.email)
    name = validate_text(data.display_name, "displayName", max_len=LIMITS["displayName"]) or ""
    if data.manager_id is not None:
        await get_in_org(User, data.manager_id, actor.org_id)
    if data.team_id is not None:
        await get_in_org(Team, data.team_id, actor.org_id)
    await _not_a_member(email)
    inviter = await User.get(id=actor.user_id)
    locale = clean_locale(data.locale) if data.locale else inviter.locale
    org = await Organization.get(id=actor.org_id)
    now = datetime.now(UTC)
    async with write(actor.org_id, actor.user_id) as unit:
        await _close_open(actor.org_id, INVITE, email, now)
        link = _new_link(
            actor.org_id,
            INVITE,
            email,
            now,
            display_name=name,
            role=data.role or Role.MEMBER,
            manager_id=data.manager_id,
            team_id=data.team_id,
            invited_by_id=actor.user_id,
        )
        await _mail_link(
            unit, settings, org, link, kind="invite", locale=locale, inviter=inviter.display_name
        )
        await unit.record(EventKind.USER_INVITED, {"invitationId": link.id, "email": email})
    return link


async def _close_open(org_id: int, purpose: str, email: str, now: datetime) -> None:
    await AccountLink.filter(
        organization_id=org_id, purpose=purpose, email=email, used_at=None, revoked_at=None
    ).update(revoked_at=now)


async def revoke_invitation(actor: Actor | None, link_id: int) -> None:
    actor = require_admin(actor)
    link = await AccountLink.get_or_none(
        id=link_id, organization_id=actor.org_id, purpose=INVITE, used_at=None, revoked_at=None
    )
    if link is None:
        raise NotFound()
    async with write(actor.org_id, actor.user_id) as unit:
        await AccountLink.filter(id=link.id).update(revoked_at=datetime.now(UTC))
        await unit.record(
            EventKind.USER_INVITATION_REVOKED, {"invitationId": link.id, "email": link.email}
        )


async def set_join_link(actor: Actor | None, domain: str | None, renew: bool) -> Organization:
    """Opens the join link for one e-mail domain (a new key when `renew` or when it was
    closed), or closes it (`domain` empty)."""
    actor = require_admin(actor)
    org = await Organization.get(id=actor.org_id)
    if domain:
        org.join_domain = clean_domain(domain)
        if renew or org.join_key is None:
            org.join_key = secrets.token_urlsafe(24)
    else:
        org.join_domain = org.join_key = None
    async with write(actor.org_id, actor.user_id) as unit:
        await org.save(update_fields=["join_domain", "join_key"])
        await unit.record(EventKind.ORGANIZATION_CHANGED, {})
    return org


async def request_join(
    settings: Settings, key: str, email: str, display_name: str | None, locale: str | None
) -> None:
    """Someone with the join link asks for an account: an invitation goes to their address,
    which must be of the organization's domain (so the mailbox proves who they are)."""
    org = await Organization.get_or_none(join_key=key) if key and len(key) <= 64 else None
    if org is None or not org.join_domain:
        raise Forbidden("account.join_closed")
    address = clean_email(email)
    if email_domain(address) != org.join_domain:
        raise InvalidInput("email", "account.domain_only", domain=org.join_domain)
    name = validate_text(display_name, "displayName", max_len=LIMITS["displayName"]) or ""
    words = clean_locale(locale) if locale else "en"
    await _not_a_member(address)
    now = datetime.now(UTC)
    if await AccountLink.exists(
        email=address, purpose=INVITE, revoked_at=None, created_at__gt=now - MAIL_QUIET
    ):
        return  # one just went out: a link is not a way to flood a mailbox
    async with write(org.id, None) as unit:
        await _close_open(org.id, INVITE, address, now)
        link = _new_link(org.id, INVITE, address, now, display_name=name)
        await _mail_link(unit, settings, org, link, kind="join", locale=words, inviter="")
        await unit.record(
            EventKind.USER_INVITED, {"invitationId": link.id, "email": address, "joined": True}
        )


async def request_password_reset(settings: Settings, email: str) -> None:
    """Mails a reset link to an active account's address. Says nothing either way (whether an
    address has an account is nobody's business), and sends at most one per MAIL_QUIET."""
    address = (email or "").strip().lower()
    user = await User.get_or_none(email=address, is_active=True) if len(address) <= 254 else None
    if user is None:
        return
    now = datetime.now(UTC)
    if await AccountLink.exists(user_id=user.id, purpose=RESET, created_at__gt=now - MAIL_QUIET):
        return
    org = await Organization.get(id=user.organization_id)
    async with write(org.id, None) as unit:
        await _close_open(org.id, RESET, address, now)
        link = _new_link(org.id, RESET, address, now, user_id=user.id)
        await _mail_link(unit, settings, org, link, kind="reset", locale=user.locale, inviter="")
        await unit.record(EventKind.USER_RESET_REQUESTED, {"userId": user.id})


async def open_link(settings: Settings, secret: str, purpose: str) -> AccountLink:
    """The link a secret opens: unused, unrevoked and not expired — else one error for all."""
    link = (
        await AccountLink.get_or_none(
            token_hash=token_hash(settings, secret), purpose=purpose, used_at=None, revoked_at=None
        )
        if secret and len(secret) <= 200
        else None
    )
    if link is None or link.expires_at <= datetime.now(UTC):
        raise InvalidInput("token", "account.link_used")
    return link


async def _use(link: AccountLink) -> None:
    """Marks the link used — once: two tabs accepting at the same time make one account."""
    if not await AccountLink.filter(id=link.id, used_at=None).update(used_at=datetime.now(UTC)):
        raise InvalidInput("token", "account.link_used")


async def accept_invitation(
    settings: Settings,
    secret: str,
    password: str,
    display_name: str | None = None,
    handle: str | None = None,
) -> tuple[User, str]:
    """Makes the invited account (signed in at once: returns it and a session token)."""
    link = await open_link(settings, secret, INVITE)
    name = (
        validate_text(
            display_name or link.display_name or link.email.partition("@")[0],
            "displayName",
            max_len=LIMITS["displayName"],
            required=True,
        )
        or ""
    )
    password_hash = await hash_password(password or "")
    taken = {
        str(h)
        for h in await User.filter(organization_id=link.organization_id).values_list(
            "handle", flat=True
        )
    }
    if handle:
        chosen = clean_handle(handle)
        if chosen in taken:
            raise Conflict("conflict.duplicate", "handle")
    else:
        chosen = suggested_handle(link.email, taken)
    manager = (
        link.manager_id
        if link.manager_id
        and await User.exists(id=link.manager_id, organization_id=link.organization_id)
        else None
    )
    team = (
        link.team_id
        if link.team_id and await Team.exists(id=link.team_id, organization_id=link.organization_id)
        else None
    )
    try:
        async with write(link.organization_id, None) as unit:
            await _use(link)
            user = await User.create(
                organization_id=link.organization_id,
                email=link.email,
                display_name=name,
                handle=chosen,
                search_text=search_text(name, chosen),
                password_hash=password_hash,
                role=link.role,
                manager_id=manager,
            )
            unit.actor_id = user.id
            await unit.record(EventKind.USER_CREATED, {"userId": user.id})
            if team is not None:
                await TeamMember.create(team_id=team, user_id=user.id)
                await unit.record(
                    EventKind.TEAM_MEMBERSHIP_CHANGED,
                    {"teamId": team, "userId": user.id, "member": True, "lead": False},
                )
    except IntegrityError:
        raise Conflict("account.already_member", "email") from None
    return user, await new_session(settings, user)


async def reset_password(settings: Settings, secret: str, password: str) -> tuple[User, str]:
    """Sets a new password through a reset link; every other session and the account's open
    links end. Returns the account and a new session token."""
    link = await open_link(settings, secret, RESET)
    password_hash = await hash_password(password or "")
    user = await User.get_or_none(id=link.user_id, is_active=True)
    if user is None:
        raise InvalidInput("token", "account.link_used")
    now = datetime.now(UTC)
    async with write(link.organization_id, user.id) as unit:
        await _use(link)
        await User.filter(id=user.id).update(password_hash=password_hash)
        await AuthToken.filter(user_id=user.id, is_session=True, revoked_at=None).update(
            revoked_at=now
        )
        await unit.record(EventKind.USER_PASSWORD_RESET, {"userId": user.id})
    return user, await new_session(settings, user)
