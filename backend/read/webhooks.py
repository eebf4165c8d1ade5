"""The robots a person may manage (admins: all; leads: their teams'), and how a robot's address
is shown once set: its host and the end of its key, never the whole credential."""

from urllib.parse import urlsplit

from ..domain.policy import Actor
from ..domain.reach.access import can_manage_webhooks
from ..models import Team, Webhook
from .lookup import require_actor


async def list_webhooks(actor: Actor | None, team_id: int | None = None) -> list[Webhook]:
    actor = require_actor(actor)
    query = Webhook.filter(organization_id=actor.org_id)
    if team_id is not None:
        query = query.filter(team_id=team_id)
    rows = await query.order_by("team_id", "id")
    return [w for w in rows if can_manage_webhooks(actor, actor.org_id, w.team_id)]


async def webhook_teams(actor: Actor | None) -> list[Team]:
    """The teams whose robots this person may set up (a screen offers only these)."""
    actor = require_actor(actor)
    rows = await Team.filter(organization_id=actor.org_id).order_by("id")
    return [t for t in rows if can_manage_webhooks(actor, actor.org_id, t.id)]


def url_hint(url: str) -> str:
    """ "https://qyapi.weixin.qq.com/…3f2a": enough to recognise the robot, not to use it."""
    parts = urlsplit(url)
    tail = url[-4:] if len(url) > 12 else ""
    return f"{parts.scheme}://{parts.netloc}/…{tail}"
