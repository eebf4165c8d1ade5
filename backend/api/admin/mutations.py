"""Invitations, the join link, password resets: thin calls to actions.invitations."""

import strawberry
from strawberry import UNSET

from ...actions import invitations
from ..context import SESSION_COOKIE, Info
from ..enums import Role
from ..ids import decode, decode_optional
from ..org.types import Organization, User
from .types import Invitation


@strawberry.input
class InviteInput:
    email: str
    display_name: str | None = None
    role: Role | None = None  # type: ignore[valid-type]
    manager_id: strawberry.ID | None = None
    team_id: strawberry.ID | None = None
    locale: str | None = strawberry.field(
        default=None, description="The e-mail's language (the inviter's when not given)."
    )


def _signed_in(info: Info, token: str) -> None:
    """Sets the session cookie, as signIn does."""
    ctx = info.context
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


@strawberry.type
class AdminMutation:
    @strawberry.mutation(description="E-mails a one-time invitation link (admins).")
    async def invite_user(self, info: Info, input: InviteInput) -> Invitation:
        data = invitations.InviteInput(
            email=input.email,
            display_name=input.display_name,
            role=input.role,
            manager_id=decode_optional(input.manager_id, "User", "managerId"),
            team_id=decode_optional(input.team_id, "Team", "teamId"),
            locale=input.locale,
        )
        return Invitation.of(
            await invitations.invite(info.context.settings, info.context.actor, data)
        )

    @strawberry.mutation
    async def revoke_invitation(self, info: Info, id: strawberry.ID) -> bool:
        await invitations.revoke_invitation(info.context.actor, decode(id, "Invitation", "id"))
        return True

    @strawberry.mutation(
        description="Opens the join link for an e-mail domain (a new key with `renew`), or "
        "closes it when `domain` is empty (admins)."
    )
    async def set_join_link(
        self, info: Info, domain: str | None = UNSET, renew: bool = False
    ) -> Organization:
        given = None if domain is UNSET else domain
        org = await invitations.set_join_link(info.context.actor, given, renew)
        return Organization.of(org)

    @strawberry.mutation(
        description="Through the join link: e-mails an invitation to an address of the "
        "organization's domain."
    )
    async def request_join(
        self,
        info: Info,
        key: str,
        email: str,
        display_name: str | None = None,
        locale: str | None = None,
    ) -> bool:
        await invitations.request_join(info.context.settings, key, email, display_name, locale)
        return True

    @strawberry.mutation(
        description="E-mails a one-time reset link when the address has an account; always "
        "true (it does not tell whether it has)."
    )
    async def request_password_reset(self, info: Info, email: str) -> bool:
        await invitations.request_password_reset(info.context.settings, email)
        return True

    @strawberry.mutation(description="Makes the invited account and signs it in.")
    async def accept_invitation(
        self,
        info: Info,
        token: str,
        password: str,
        display_name: str | None = None,
        handle: str | None = None,
    ) -> User:
        user, session = await invitations.accept_invitation(
            info.context.settings, token, password, display_name, handle
        )
        _signed_in(info, session)
        return User.of(user)

    @strawberry.mutation(
        description="Sets a new password through a reset link, ends the other sessions and "
        "signs in."
    )
    async def reset_password(self, info: Info, token: str, password: str) -> User:
        user, session = await invitations.reset_password(info.context.settings, token, password)
        _signed_in(info, session)
        return User.of(user)
