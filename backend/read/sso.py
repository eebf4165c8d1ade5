"""An organization's single sign-on settings: for its admins, and for a sign-in by e-mail."""

from ..domain.policy import Actor
from ..domain.sso import email_domain
from ..models import SsoConfig, User
from .lookup import require_admin


async def sso_settings(actor: Actor | None) -> SsoConfig:
    """The admins' view (an unsaved organization reads as the defaults: off)."""
    actor = require_admin(actor)
    row = await SsoConfig.get_or_none(organization_id=actor.org_id)
    return row or SsoConfig(organization_id=actor.org_id)


async def config_for_email(email: str) -> SsoConfig | None:
    """The provider of the organization this address signs in to: its account's, else the
    one whose just-in-time domain it is."""
    user = await User.get_or_none(email=email)
    if user is not None:
        return await SsoConfig.get_or_none(organization_id=user.organization_id, enabled=True)
    domain = email_domain(email)
    if not domain:
        return None
    return await SsoConfig.filter(enabled=True, jit_domain=domain).first()
