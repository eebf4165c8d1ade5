"""Signing in and out, tokens, people, teams and the organization's settings."""

from datetime import datetime

import strawberry
from strawberry import UNSET

from ...actions import auth, people
from ...read.lookup import require_actor
from ..context import SESSION_COOKIE, Info, set_session_cookie
from ..ids import decode, decode_optional
from .inputs import OrganizationInput, ProfileInput, UserInput, user_input
from .types import ApiToken, NewApiToken, Organization, Team, User


def _address(info: Info) -> str:
    client = info.context.request.client
    return client.host if client else "unknown"


@strawberry.type
class OrgMutation:
    @strawberry.mutation(
        description="Sets the session cookie. Signing in again in the same browser (its "
        "session cookie sent along) ends that browser's previous session."
    )
    async def sign_in(self, info: Info, email: str, password: str) -> User:
        ctx = info.context
        user, token = await auth.sign_in(
            ctx.settings, email, password, _address(info), replacing=ctx.session_token
        )
        if ctx.response is not None:
            set_session_cookie(ctx.response, ctx.settings, token)
        return User.of(user)

    @strawberry.mutation
    async def sign_out(self, info: Info) -> bool:
        ctx = info.context
        await auth.sign_out(ctx.credential)
        if ctx.response is not None:
            ctx.response.delete_cookie(SESSION_COOKIE, path="/")
        return True

    @strawberry.mutation(
        description="Ends every session of the viewer, this one included (API tokens stay); "
        "their open sockets close with 4401. How many sessions ended."
    )
    async def sign_out_everywhere(self, info: Info) -> int:
        ctx = info.context
        ended = await auth.sign_out_everywhere(ctx.credential)
        if ctx.response is not None:
            ctx.response.delete_cookie(SESSION_COOKIE, path="/")
        return ended

    @strawberry.mutation(
        description="Needs the current password; ends the viewer's other sessions (how many)."
    )
    async def change_password(self, info: Info, current_password: str, new_password: str) -> int:
        ctx = info.context
        return await auth.change_password(
            ctx.settings, ctx.credential, current_password, new_password
        )

    @strawberry.mutation(description="One's own sign-in e-mail; needs the current password.")
    async def change_email(self, info: Info, email: str, password: str) -> User:
        ctx = info.context
        return User.of(await people.change_email(ctx.settings, ctx.credential, password, email))

    @strawberry.mutation(
        description="Only from a signed-in session: a request authenticated by an API token "
        "cannot create tokens."
    )
    async def create_api_token(
        self, info: Info, name: str, expires_at: datetime | None = None
    ) -> NewApiToken:
        ctx = info.context
        row, token = await auth.mint_api_token(ctx.settings, ctx.credential, name, expires_at)
        return NewApiToken(api_token=ApiToken.of(row), token=token)

    @strawberry.mutation
    async def revoke_api_token(self, info: Info, id: strawberry.ID) -> bool:
        actor = require_actor(info.context.actor)
        await auth.revoke_api_token(actor.user_id, decode(id, "ApiToken", "id"))
        return True

    @strawberry.mutation
    async def create_user(self, info: Info, input: UserInput) -> User:
        return User.of(await people.create_user(info.context.actor, user_input(input)))

    @strawberry.mutation
    async def update_user(self, info: Info, id: strawberry.ID, input: UserInput) -> User:
        pk = decode(id, "User", "id")
        return User.of(await people.update_user(info.context.actor, pk, user_input(input)))

    @strawberry.mutation
    async def update_profile(self, info: Info, input: ProfileInput) -> User:
        actor = require_actor(info.context.actor)
        return User.of(await people.update_user(actor, actor.user_id, user_input(input)))

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
            week_start=input.week_start,
        )
        return Organization.of(await people.update_organization(info.context.actor, settings))
