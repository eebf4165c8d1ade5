"""The organization's OpenID Connect settings, for its admins. The client secret is
write-only: the API says whether one is set, never what it is."""

import strawberry

from ...actions import sso
from ...models import SsoConfig
from ...read.sso import sso_settings
from ..context import Info


@strawberry.type
class SsoSettings:
    enabled: bool
    discovery_url: str
    client_id: str
    has_client_secret: bool
    jit_domain: str = strawberry.field(
        description="E-mail domain whose unknown people get an account at their first sign-in "
        "(empty: nobody does)."
    )
    password_sign_in: bool = strawberry.field(
        description="False: members sign in only through the provider (admins keep their password)."
    )
    redirect_uri: str = strawberry.field(description="To register at the provider.")

    @classmethod
    def of(cls, row: SsoConfig, info: Info) -> "SsoSettings":
        return cls(
            enabled=row.enabled,
            discovery_url=row.discovery_url,
            client_id=row.client_id,
            has_client_secret=bool(row.client_secret),
            jit_domain=row.jit_domain,
            password_sign_in=row.password_sign_in,
            redirect_uri=info.context.settings.public_url + CALLBACK_PATH,
        )


CALLBACK_PATH = "/auth/sso/callback"


@strawberry.input
class SsoSettingsInput:
    enabled: bool | None = None
    discovery_url: str | None = None
    client_id: str | None = None
    client_secret: str | None = strawberry.field(
        default=None, description="Omit to keep the current secret."
    )
    jit_domain: str | None = None
    password_sign_in: bool | None = None


@strawberry.type
class SsoQuery:
    @strawberry.field(description="Admins only.")
    async def sso_settings(self, info: Info) -> SsoSettings:
        return SsoSettings.of(await sso_settings(info.context.actor), info)


@strawberry.type
class SsoMutation:
    @strawberry.mutation(description="Admins only.")
    async def update_sso_settings(self, info: Info, input: SsoSettingsInput) -> SsoSettings:
        data = sso.SsoInput(
            enabled=input.enabled,
            discovery_url=input.discovery_url,
            client_id=input.client_id,
            client_secret=input.client_secret,
            jit_domain=input.jit_domain,
            password_sign_in=input.password_sign_in,
        )
        return SsoSettings.of(await sso.update_sso_settings(info.context.actor, data), info)
