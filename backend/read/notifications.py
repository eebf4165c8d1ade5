"""The viewer's own inbox: their notifications, the unread count, the kinds they muted."""

from tortoise.functions import Sum

from ..domain.enums import NotificationKind
from ..domain.errors import InvalidInput
from ..domain.notify import parse_muted
from ..domain.policy import Actor
from ..models import Notification, User
from .lookup import require_actor

DEFAULT_PAGE = 50


MAX_PAGE = 100


async def list_notifications(
    actor: Actor | None, unread_only: bool = False, first: int | None = None
) -> list[Notification]:
    """The actor's notifications, newest first (at most `first`, ≤ 100). A grouped one
    counts as new again when the burst it stands for grows."""
    actor = require_actor(actor)
    limit = DEFAULT_PAGE if first is None else first
    if not 1 <= limit <= MAX_PAGE:
        raise InvalidInput("first", "input.out_of_range", min=1, max=MAX_PAGE)
    query = Notification.filter(user_id=actor.user_id, organization_id=actor.org_id)
    if unread_only:
        query = query.filter(read_at=None)
    return await query.order_by("-created_at", "-id").limit(limit)


async def own_notification(actor: Actor, notification_id: int) -> Notification | None:
    """One of the actor's own notifications (for the live subscription); anyone else's is
    None."""
    return await Notification.get_or_none(
        id=notification_id, user_id=actor.user_id, organization_id=actor.org_id
    )


async def unread_count(user_id: int) -> int:
    """Unread events: a grouped notification counts for the burst it stands for."""
    rows = (
        await Notification.filter(user_id=user_id, read_at=None)
        .annotate(total=Sum("count"))
        .values("total")
    )
    return int(rows[0]["total"] or 0) if rows else 0


def muted_kinds(user: User) -> list[NotificationKind]:
    """The kinds this person muted, in the enum's order."""
    muted = parse_muted(user.muted_notification_kinds)
    return [k for k in NotificationKind if k in muted]
