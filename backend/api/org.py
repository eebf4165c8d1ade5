"""Accounts, tokens, people, teams and the organization's settings."""

import strawberry
from strawberry import UNSET

from ..actions import auth, people
from ..read import accounts
from ..read import people as people_reads
from ..read.lookup import require_actor
from .context import SESSION_COOKIE
from .ids import decode, decode_optional, encode
from .types import ApiToken, Info, NewApiToken, Organization, Role, Team, User


def _address(info: Info) -> str:
    client = info.context.request.client
    return client.host if client else "unknown"


@strawberry.input
class UserInput:
    email: str | None = UNSET
    display_name: str | None = UNSET
    handle: str | None = UNSET
    password: str | None = UNSET
    locale: str | None = UNSET
    role: Role | None = UNSET  # type: ignore[valid-type]
    manager_id: strawberry.ID | None = UNSET
    is_active: bool | None = UNSET


@strawberry.input
class ProfileInput:
    display_name: str | None = UNSET
    handle: str | None = UNSET
    locale: str | None = UNSET
    password: str | None = UNSET


def _user_input(data: UserInput | ProfileInput) -> people.UserInput:
    def given(name: str) -> object:
        value = getattr(data, name, UNSET)
        return None if value is UNSET else value

    manager = given("manager_id")
    return people.UserInput(
        email=given("email"),  # type: ignore[arg-type]
        display_name=given("display_name"),  # type: ignore[arg-type]
        handle=given("handle"),  # type: ignore[arg-type]
        password=given("password"),  # type: ignore[arg-type]
        locale=given("locale"),  # type: ignore[arg-type]
        role=given("role"),  # type: ignore[arg-type]
        manager_id=decode(manager, "User", "managerId") if manager else None,  # type: ignore[arg-type]
        is_active=given("is_active"),  # type: ignore[arg-type]
    )


@strawberry.input
class OrganizationInput:
    name: str | None = None
    behind_gap: float | None = None
    at_risk_gap: float | None = None
    stale_days: int | None = None


def _token(row: object) -> ApiToken:
    return ApiToken(
        id=strawberry.ID(encode("ApiToken", row.id)),  # type: ignore[attr-defined]
        name=row.name,  # type: ignore[attr-defined]
        created_at=row.created_at,  # type: ignore[attr-defined]
        last_used_at=row.last_used_at,  # type: ignore[attr-defined]
    )


@strawberry.type
class OrgQuery:
    @strawberry.field
    def viewer(self, info: Info) -> User | None:
        return User.of(info.context.user) if info.context.user else None

    @strawberry.field
    async def organization(self, info: Info) -> Organization | None:
        if info.context.actor is None:
            return None
        return Organization.of(await people_reads.organization_of(info.context.actor))

    @strawberry.field
    async def people(self, info: Info, search: str | None = None) -> list[User]:
        if info.context.actor is None:
            return []
        return [User.of(u) for u in await people_reads.search_people(info.context.actor, search)]

    @strawberry.field
    async def teams(self, info: Info) -> list[Team]:
        if info.context.actor is None:
            return []
        return [Team.of(t) for t in await people_reads.list_teams(info.context.actor)]

    @strawberry.field
    async def api_tokens(self, info: Info) -> list[ApiToken]:
        if info.context.user is None:
            return []
        return [_token(t) for t in await accounts.list_api_tokens(info.context.user)]


@strawberry.type
class OrgMutation:
    @strawberry.mutation
    async def sign_in(self, info: Info, email: str, password: str) -> User:
        ctx = info.context
        user, token = await auth.sign_in(ctx.settings, email, password, _address(info))
        if ctx.response is not None:
            ctx.response.set_cookie(
                SESSION_COOKIE,
                token,
                max_age=ctx.settings.session_days * 86400,
                httponly=True,
                samesite="lax",
                secure=ctx.settings.secure_cookies,
                path="/",
            )
        return User.of(user)

    @strawberry.mutation
    async def sign_out(self, info: Info) -> bool:
        ctx = info.context
        await auth.sign_out(ctx.settings, ctx.session_token)
        if ctx.response is not None:
            ctx.response.delete_cookie(SESSION_COOKIE, path="/")
        return True

    @strawberry.mutation
    async def create_api_token(self, info: Info, name: str) -> NewApiToken:
        require_actor(info.context.actor)
        assert info.context.user is not None
        row, token = await auth.create_api_token(info.context.settings, info.context.user, name)
        return NewApiToken(api_token=_token(row), token=token)

    @strawberry.mutation
    async def revoke_api_token(self, info: Info, id: strawberry.ID) -> bool:
        require_actor(info.context.actor)
        assert info.context.user is not None
        await auth.revoke_api_token(info.context.user, decode(id, "ApiToken", "id"))
        return True

    @strawberry.mutation
    async def create_user(self, info: Info, input: UserInput) -> User:
        return User.of(await people.create_user(info.context.actor, _user_input(input)))

    @strawberry.mutation
    async def update_user(self, info: Info, id: strawberry.ID, input: UserInput) -> User:
        pk = decode(id, "User", "id")
        return User.of(await people.update_user(info.context.actor, pk, _user_input(input)))

    @strawberry.mutation
    async def update_profile(self, info: Info, input: ProfileInput) -> User:
        actor = require_actor(info.context.actor)
        return User.of(await people.update_user(actor, actor.user_id, _user_input(input)))

    @strawberry.mutation
    async def create_team(
        self, info: Info, name: str, parent_id: strawberry.ID | None = None
    ) -> Team:
        parent = decode_optional(parent_id, "Team", "parentId")
        return Team.of(await people.create_team(info.context.actor, name, parent))

    @strawberry.mutation
    async def update_team(
        self,
        info: Info,
        id: strawberry.ID,
        name: str | None = None,
        parent_id: strawberry.ID | None = UNSET,
    ) -> Team:
        pk = decode(id, "Team", "id")
        detach = parent_id is None
        parent = None if parent_id in (None, UNSET) else decode(parent_id, "Team", "parentId")
        return Team.of(await people.update_team(info.context.actor, pk, name, parent, detach))

    @strawberry.mutation
    async def set_team_member(
        self,
        info: Info,
        team_id: strawberry.ID,
        user_id: strawberry.ID,
        member: bool = True,
        lead: bool = False,
    ) -> Team:
        team = await people.set_membership(
            info.context.actor,
            decode(team_id, "Team", "teamId"),
            decode(user_id, "User", "userId"),
            member=member,
            lead=lead,
        )
        return Team.of(team)

    @strawberry.mutation
    async def update_organization(self, info: Info, input: OrganizationInput) -> Organization:
        settings = people.OrganizationSettings(
            name=input.name,
            behind_gap=input.behind_gap,
            at_risk_gap=input.at_risk_gap,
            stale_days=input.stale_days,
        )
        return Organization.of(await people.update_organization(info.context.actor, settings))
