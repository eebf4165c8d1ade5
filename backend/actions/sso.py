"""Single sign-on with OpenID Connect: the admins' settings, and the authorization-code flow
with PKCE, state and nonce against the organization's provider (authlib does the protocol:
discovery, the S256 challenge, the token exchange, the ID token's signature and claims)."""

import hmac
import warnings
from dataclasses import dataclass

import httpx
from authlib.common.errors import AuthlibBaseError
from authlib.deprecate import AuthlibDeprecationWarning
from joserfc.errors import JoseError

# authlib warns that it falls back to httpx (the app's HTTP client) where it would prefer httpx2
with warnings.catch_warnings():
    warnings.simplefilter("ignore", AuthlibDeprecationWarning)
    from authlib.integrations.starlette_client import StarletteIntegration, StarletteOAuth2App

from ..domain.errors import Unauthenticated
from ..domain.policy import Actor
from ..domain.sso import (
    Known,
    Outcome,
    SsoSettings,
    check_settings,
    clean_discovery_url,
    clean_domain,
    decide,
    verified_email,
)
from ..domain.validation import validate_text
from ..events.kinds import EventKind
from ..events.unit import write
from ..models import SsoConfig, User
from ..read.lookup import require_admin
from ..read.sso import config_for_email
from ..settings import Settings
from .auth import new_session
from .people import add_sso_user


@dataclass
class SsoInput:
    """None leaves a setting as it is; the secret is write-only."""

    enabled: bool | None = None
    discovery_url: str | None = None
    client_id: str | None = None
    client_secret: str | None = None
    jit_domain: str | None = None
    password_sign_in: bool | None = None


async def update_sso_settings(actor: Actor | None, data: SsoInput) -> SsoConfig:
    actor = require_admin(actor)
    row, _ = await SsoConfig.get_or_create(organization_id=actor.org_id)
    if data.discovery_url is not None:
        row.discovery_url = clean_discovery_url(data.discovery_url)
    if data.client_id is not None:
        row.client_id = validate_text(data.client_id, "clientId", max_len=255) or ""
    if data.client_secret is not None:
        row.client_secret = validate_text(data.client_secret, "clientSecret", max_len=500) or ""
    if data.jit_domain is not None:
        row.jit_domain = clean_domain(data.jit_domain)
    if data.enabled is not None:
        row.enabled = data.enabled
    if data.password_sign_in is not None:
        row.password_sign_in = data.password_sign_in
    check_settings(
        SsoSettings(
            enabled=row.enabled,
            discovery_url=row.discovery_url,
            client_id=row.client_id,
            has_secret=bool(row.client_secret),
            jit_domain=row.jit_domain,
            password_sign_in=row.password_sign_in,
        )
    )
    async with write(actor.org_id, actor.user_id) as unit:
        await row.save()
        await unit.record(EventKind.ORGANIZATION_SSO_CHANGED, {})
    return row


# One client per provider configuration: it keeps the discovery document and the signing keys
# (fetched again when a token names a key it has not seen).
_clients: dict[tuple[str, str, str], StarletteOAuth2App] = {}


def _client(config: SsoConfig) -> StarletteOAuth2App:
    key = (config.discovery_url, config.client_id, config.client_secret)
    if key not in _clients:
        if len(_clients) >= 64:
            _clients.clear()
        _clients[key] = StarletteOAuth2App(
            StarletteIntegration("lodestar"),
            client_id=config.client_id,
            client_secret=config.client_secret,
            server_metadata_url=config.discovery_url,
            client_kwargs={"scope": "openid email profile", "code_challenge_method": "S256"},
        )
    return _clients[key]


# what a provider that fails or refuses raises through authlib
_PROVIDER_ERRORS = (AuthlibBaseError, JoseError, httpx.HTTPError, KeyError, ValueError)


@dataclass(frozen=True)
class Flow:
    """What the browser keeps (signed) between leaving for the provider and coming back."""

    org_id: int
    state: str
    nonce: str
    code_verifier: str


async def start(email: str, redirect_uri: str) -> tuple[str, Flow]:
    """The provider's authorization URL for whoever types this e-mail, and the flow to keep."""
    address = (email or "").strip().lower()
    config = await config_for_email(address) if address else None
    if config is None:
        raise Unauthenticated("sso.not_configured")
    try:
        rv = await _client(config).create_authorization_url(redirect_uri, login_hint=address)
    except _PROVIDER_ERRORS:
        raise Unauthenticated("sso.provider_error") from None
    return rv["url"], Flow(config.organization_id, rv["state"], rv["nonce"], rv["code_verifier"])


async def finish(
    settings: Settings, flow: Flow, params: dict[str, str], redirect_uri: str, locale: str
) -> tuple[User, str]:
    """Back from the provider: the code exchanged (with the PKCE verifier) for an ID token whose
    nonce is ours, its verified e-mail matched to an account (or one made just in time), and a
    session for it."""
    if not hmac.compare_digest(params.get("state", ""), flow.state):
        raise Unauthenticated("sso.state_mismatch")
    if "error" in params or "code" not in params:
        raise Unauthenticated("sso.provider_error")
    config = await SsoConfig.get_or_none(organization_id=flow.org_id, enabled=True)
    if config is None:
        raise Unauthenticated("sso.not_configured")
    client = _client(config)
    try:
        token = await client.fetch_access_token(
            redirect_uri, code=params["code"], code_verifier=flow.code_verifier
        )
        claims = dict(await client.parse_id_token(token, nonce=flow.nonce))
        if "email" not in claims:
            # many providers put only `sub` in the ID token and the rest behind userinfo
            info = await client.userinfo(token=token)
            if info.get("sub") != claims.get("sub"):
                raise ValueError("userinfo is about someone else")
            claims.update(info)
    except _PROVIDER_ERRORS:
        raise Unauthenticated("sso.provider_error") from None
    email = verified_email(claims)
    user = await User.get_or_none(email=email)
    known = Known(user.id, user.organization_id, user.is_active) if user else None
    if decide(flow.org_id, email, known, config.jit_domain) == Outcome.CREATE:
        name = claims.get("name")
        user = await add_sso_user(
            flow.org_id, email, name if isinstance(name, str) else None, locale
        )
    assert user is not None
    return user, await new_session(settings, user)
