"""People and teams: accounts (admins create them), profiles, nested teams, search."""

from dataclasses import dataclass, replace
from typing import Any

from tortoise.exceptions import IntegrityError

from ..domain.accounts import (
    clean_display_name,
    clean_email,
    clean_handle,
    clean_locale,
    clean_slug,
)
from ..domain.alignment import ancestors, would_form_loop
from ..domain.enums import Role
from ..domain.errors import Conflict, InvalidInput, NotFound, Unauthenticated
from ..domain.people import search_text
from ..domain.policy import Actor
from ..domain.sso import handle_base
from ..domain.validation import LIMITS, validate_text
from ..events.kinds import EventKind
from ..events.unit import Unit, founding, lock_org, write
from ..live.access import RIGHTS_CHANGED, SESSION_GONE, Cut
from ..models import Organization, Team, TeamMember, User
from ..read.accounts import Credential
from ..read.lookup import get_in_org, require_actor, require_admin
from ..settings import Settings
from .auth import NO_PASSWORD, hash_password, revoke_sessions, verify_current
from .changes import Edit

# what update_user may change (not the mutes, preferences or sign-in state others write)
_USER_FIELDS = (
    "display_name",
    "handle",
    "email",
    "locale",
    "password_hash",
    "role",
    "is_active",
    "manager_id",
)


@dataclass
class UserInput:
    email: str | None = None
    display_name: str | None = None
    handle: str | None = None
    password: str | None = None
    locale: str | None = None
    role: Role | None = None
    manager_id: int | None = None
    is_active: bool | None = None


async def _unique(
    org_id: int | None, email: str | None, handle: str | None, user_id: int | None
) -> None:
    """E-mails are unique across organizations (they sign in), handles within one."""
    if email and await User.filter(email=email).exclude(id=user_id).exists():
        raise Conflict("conflict.duplicate", "email")
    if (
        handle
        and await User.filter(organization_id=org_id, handle=handle).exclude(id=user_id).exists()
    ):
        raise Conflict("conflict.duplicate", "handle")


async def create_user(actor: Actor | None, data: UserInput) -> User:
    actor = require_admin(actor)
    return await add_user(actor.org_id, data, actor_id=actor.user_id)


@dataclass(frozen=True)
class _NewUser:
    """A new account's fields, checked (and its password hashed) before any write."""

    fields: dict[str, Any]


async def _checked_new_user(org_id: int | None, data: UserInput) -> _NewUser:
    email = clean_email(data.email)
    name = clean_display_name(data.display_name)
    handle = clean_handle(data.handle)
    password_hash = await hash_password(data.password or "")
    locale = clean_locale(data.locale or "en")
    if data.manager_id is not None:
        await get_in_org(User, data.manager_id, org_id if org_id is not None else -1)
    await _unique(org_id, email, handle, None)
    return _NewUser(
        {
            "email": email,
            "display_name": name,
            "handle": handle,
            "search_text": search_text(name, handle),
            "password_hash": password_hash,
            "locale": locale,
            "role": data.role or Role.MEMBER,
            "manager_id": data.manager_id,
        }
    )


async def _insert_user(unit: Unit, new: _NewUser) -> User:
    user = await User.create(organization_id=unit.org_id, **new.fields)
    await unit.record(EventKind.USER_CREATED, {"userId": user.id})
    return user


async def add_user(org_id: int, data: UserInput, actor_id: int | None = None) -> User:
    """Creates an account in an organization (also used by the CLI, which has no actor)."""
    new = await _checked_new_user(org_id, data)
    try:
        async with write(org_id, actor_id) as unit:
            return await _insert_user(unit, new)
    except IntegrityError:
        raise Conflict("conflict.duplicate", "email") from None


async def create_organization(name: str, slug: str, admin: UserInput) -> tuple[Organization, User]:
    """A new organization with its first admin, in one transaction (the CLI's create-org)."""
    clean_name = validate_text(name, "name", max_len=LIMITS["name"], required=True) or ""
    clean = clean_slug(slug)
    new = await _checked_new_user(None, replace(admin, role=Role.ADMIN))
    if await Organization.exists(slug=clean):
        raise Conflict("conflict.duplicate", "slug")
    try:
        async with founding(clean_name, clean) as (org, unit):
            return org, await _insert_user(unit, new)
    except IntegrityError:
        raise Conflict("conflict.duplicate", "slug") from None


async def update_user(actor: Actor | None, user_id: int, data: UserInput) -> User:
    """Admins edit anyone in their organization; everyone edits their own profile
    (name, handle, locale) but not their role or active flag. One's own e-mail and password
    change only with the current password (`change_email`, `auth.change_password`)."""
    actor = require_actor(actor)
    is_self = user_id == actor.user_id
    if not is_self or data.role is not None or data.is_active is not None:
        actor = require_admin(actor)
    if is_self and (data.email is not None or data.password is not None):
        raise InvalidInput(
            "email" if data.email is not None else "password", "auth.own_credentials"
        )
    user = await get_in_org(User, user_id, actor.org_id)
    edit = Edit(user, _USER_FIELDS)
    if data.display_name is not None:
        user.display_name = clean_display_name(data.display_name)
    if data.handle is not None:
        user.handle = clean_handle(data.handle)
    if data.email is not None:
        user.email = clean_email(data.email)
    if data.locale is not None:
        user.locale = clean_locale(data.locale)
    if data.password is not None:
        user.password_hash = await hash_password(data.password)
    if data.role is not None:
        if user.id == actor.user_id and data.role != Role.ADMIN:
            raise InvalidInput("role", "people.last_admin")
        user.role = data.role
    if data.is_active is not None:
        if user.id == actor.user_id and not data.is_active:
            raise InvalidInput("isActive", "people.own_account")
        user.is_active = data.is_active
    if data.manager_id is not None:
        if data.manager_id == user.id:
            raise InvalidInput("managerId", "people.own_manager")
        await get_in_org(User, data.manager_id, actor.org_id)
        user.manager_id = data.manager_id
    await _unique(actor.org_id, data.email and user.email, data.handle and user.handle, user.id)
    async with write(actor.org_id, actor.user_id) as unit:
        if {"display_name", "handle"} & set(await edit.save()):
            # searched by name and handle: from both as committed (the other may have changed)
            await user.refresh_from_db(fields=["display_name", "handle"])
            user.search_text = search_text(user.display_name, user.handle)
            await user.save(update_fields=["search_text"])
        await unit.record(EventKind.USER_CHANGED, {"userId": user.id})
        if data.password is not None or data.is_active is False:
            # a reset password ends the sessions (API tokens stay); a deactivation ends them
            # for good and silences the tokens too (they stop at once: the person is inactive)
            ended = await revoke_sessions(user.id)
            every = data.is_active is False
            unit.cuts.append(Cut(SESSION_GONE, user.id, None if every else tuple(ended)))
        elif data.role is not None or data.is_active is not None:
            unit.cuts.append(Cut(RIGHTS_CHANGED, user.id))  # a new role reloads the rights
    return user


async def change_email(
    settings: Settings, credential: Credential | None, password: str, email: str
) -> User:
    """One's own sign-in e-mail: only with the current password."""
    if credential is None:
        raise Unauthenticated()
    user = await User.get(id=credential.user_id)
    clean = clean_email(email)
    await verify_current(settings, user, password, "password")
    await _unique(user.organization_id, clean, None, user.id)
    user.email = clean
    try:
        async with write(user.organization_id, user.id) as unit:
            await user.save(update_fields=["email"])
            await unit.record(EventKind.USER_CHANGED, {"userId": user.id})
    except IntegrityError:
        raise Conflict("conflict.duplicate", "email") from None
    return user


@dataclass
class OrganizationSettings:
    name: str | None = None
    behind_gap: float | None = None
    at_risk_gap: float | None = None
    stale_days: int | None = None
    week_start: int | None = None


async def update_organization(actor: Actor | None, data: OrganizationSettings) -> Organization:
    """The organization's name, the status thresholds (DESIGN §4 gaps and staleness) and the
    first day of its week."""
    actor = require_admin(actor)
    org = await Organization.get(id=actor.org_id)
    edit = Edit(org, ("name", "behind_gap", "at_risk_gap", "stale_days", "week_start"))
    if data.name is not None:
        org.name = validate_text(data.name, "name", max_len=LIMITS["name"], required=True) or ""
    for field, attr, value, lo, hi in (
        ("behindGap", "behind_gap", data.behind_gap, 0.0, 1.0),
        ("atRiskGap", "at_risk_gap", data.at_risk_gap, 0.0, 1.0),
        ("staleDays", "stale_days", data.stale_days, 1, 365),
        ("weekStart", "week_start", data.week_start, 1, 7),
    ):
        if value is not None:
            if not lo <= value <= hi:
                raise InvalidInput(field, "input.out_of_range", min=lo, max=hi)
            setattr(org, attr, value)
    async with write(actor.org_id, actor.user_id) as unit:
        if {"behind_gap", "at_risk_gap"} & set(await edit.save()):
            # in order with the other gap as committed (another admin may have moved it)
            await org.refresh_from_db(fields=["behind_gap", "at_risk_gap"])
            if org.at_risk_gap > org.behind_gap:
                raise InvalidInput("atRiskGap", "org.gaps_order")
        await unit.record(EventKind.ORGANIZATION_CHANGED, {})
    return org


# --- teams -------------------------------------------------------------------------------


async def _check_parent(org_id: int, team_id: int | None, parent_id: int | None) -> None:
    if parent_id is None:
        return
    await get_in_org(Team, parent_id, org_id)
    if team_id is not None:
        parents = dict(await Team.filter(organization_id=org_id).values_list("id", "parent_id"))
        if would_form_loop(team_id, parent_id, parents):
            raise InvalidInput("parentId", "people.team_loop")


async def create_team(actor: Actor | None, name: str, parent_id: int | None) -> Team:
    actor = require_admin(actor)
    clean = validate_text(name, "name", max_len=LIMITS["name"], required=True)
    await _check_parent(actor.org_id, None, parent_id)
    async with write(actor.org_id, actor.user_id) as unit:
        team = await Team.create(organization_id=actor.org_id, name=clean, parent_id=parent_id)
        await unit.record(EventKind.TEAM_CREATED, {"teamId": team.id})
    return team


async def update_team(
    actor: Actor | None, team_id: int, name: str | None, parent_id: int | None, detach: bool
) -> Team:
    actor = require_admin(actor)
    team = await get_in_org(Team, team_id, actor.org_id)
    edit = Edit(team, ("name", "parent_id"))
    old_parent = team.parent_id
    if name is not None:
        team.name = validate_text(name, "name", max_len=LIMITS["name"], required=True) or ""
    if detach:
        team.parent_id = None
    elif parent_id is not None:
        team.parent_id = parent_id
    async with write(actor.org_id, actor.user_id) as unit:
        if parent_id is not None and not detach:
            # the tree as committed, no other move between this check and the write: two
            # moves at once cannot close a loop
            await lock_org(actor.org_id)
            await _check_parent(actor.org_id, team.id, parent_id)
        await edit.save()
        await unit.record(EventKind.TEAM_CHANGED, {"teamId": team.id})
        if team.parent_id != old_parent:
            # the leads above its old and new place lead it (and its members) no longer, or now
            parents = dict(
                await Team.filter(organization_id=actor.org_id).values_list("id", "parent_id")
            )
            above = {
                node
                for start in (old_parent, team.parent_id)
                if start is not None
                for node in (start, *ancestors(start, parents))
            }
            leads: list[int] = await TeamMember.filter(  # type: ignore[assignment]
                team_id__in=above, is_lead=True
            ).values_list("user_id", flat=True)
            unit.cuts.extend(Cut(RIGHTS_CHANGED, lead) for lead in sorted(set(leads)))
    return team


async def set_membership(
    actor: Actor | None, team_id: int, user_id: int, *, member: bool, lead: bool
) -> Team:
    """Adds, updates (lead or not) or removes one person's membership of a team."""
    actor = require_admin(actor)
    team = await get_in_org(Team, team_id, actor.org_id)
    await get_in_org(User, user_id, actor.org_id)
    async with write(actor.org_id, actor.user_id) as unit:
        if member:
            row, _ = await TeamMember.get_or_create(team_id=team.id, user_id=user_id)
            row.is_lead = lead
            await row.save(update_fields=["is_lead"])
        elif not await TeamMember.filter(team_id=team.id, user_id=user_id).delete():
            raise NotFound()
        await unit.record(
            EventKind.TEAM_MEMBERSHIP_CHANGED,
            {"teamId": team.id, "userId": user_id, "member": member, "lead": lead},
        )
        unit.cuts.append(Cut(RIGHTS_CHANGED, user_id))
    return team


async def add_sso_user(org_id: int, email: str, name: str | None, locale: str) -> User:
    """A just-in-time account for someone the provider vouches for: no password (they sign in
    through the provider), a handle from the e-mail that is free in the organization."""
    base = handle_base(email)
    taken = set(
        await User.filter(organization_id=org_id, handle__startswith=base).values_list(
            "handle", flat=True
        )
    )
    handle = next(h for h in (base, *(f"{base}{n}" for n in range(2, 10_000))) if h not in taken)
    display = (name or "").strip()[: LIMITS["displayName"]] or email.partition("@")[0]
    new = _NewUser(
        {
            "email": email,
            "display_name": display,
            "handle": handle,
            "search_text": search_text(display, handle),
            "password_hash": NO_PASSWORD,
            "locale": clean_locale(locale),
            "role": Role.MEMBER,
        }
    )
    try:
        async with write(org_id, None) as unit:
            return await _insert_user(unit, new)
    except IntegrityError:
        raise Conflict("conflict.duplicate", "email") from None
