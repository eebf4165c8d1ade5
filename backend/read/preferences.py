"""One's own choices of what reaches them where."""

from ..domain.policy import Actor
from ..models import ReachPreference
from .lookup import require_actor


async def preferences_of(actor: Actor | None) -> ReachPreference:
    """The actor's preferences (an unsaved row with the defaults when they never chose)."""
    actor = require_actor(actor)
    row = await ReachPreference.get_or_none(user_id=actor.user_id)
    return row or ReachPreference(
        organization_id=actor.org_id, user_id=actor.user_id, channels={}, muted_until=None
    )
