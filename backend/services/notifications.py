"""Notifications: each person's own inbox (mentions, assignments, comments on my OKRs …).

Other actions create notifications through `notify`, inside their own transaction; what is
here reads and marks the viewer's own notifications only.
"""

from collections.abc import Iterable
from datetime import UTC, datetime

from ..domain.enums import NotificationKind
from ..domain.errors import InvalidInput
from ..domain.policy import Actor
from ..models import Notification
from .lookup import require_actor

DEFAULT_PAGE = 50
MAX_PAGE = 100
MAX_MARK = 500  # ids per markNotificationsRead call


async def notify(
    org_id: int,
    recipients: Iterable[int],
    kind: NotificationKind,
    *,
    actor_id: int | None,
    objective_id: int | None,
    task_id: int | None = None,
    comment_id: int | None = None,
) -> list[dict[str, int]]:
    """Creates one notification per recipient (call inside the action's transaction).
    Returns `{"userId", "notificationId"}` pairs for the activity event, so that live
    clients can fetch what is theirs."""
    created: list[dict[str, int]] = []
    for user_id in dict.fromkeys(recipients):
        row = await Notification.create(
            organization_id=org_id,
            user_id=user_id,
            kind=kind,
            actor_id=actor_id,
            objective_id=objective_id,
            task_id=task_id,
            comment_id=comment_id,
        )
        created.append({"userId": user_id, "notificationId": row.id})
    return created


async def list_notifications(
    actor: Actor | None, unread_only: bool = False, first: int | None = None
) -> list[Notification]:
    """The actor's notifications, newest first (at most `first`, ≤ 100)."""
    actor = require_actor(actor)
    limit = DEFAULT_PAGE if first is None else first
    if not 1 <= limit <= MAX_PAGE:
        raise InvalidInput("first", "input.out_of_range", min=1, max=MAX_PAGE)
    query = Notification.filter(user_id=actor.user_id, organization_id=actor.org_id)
    if unread_only:
        query = query.filter(read_at=None)
    return await query.order_by("-created_at", "-id").limit(limit)


async def unread_count(user_id: int) -> int:
    return await Notification.filter(user_id=user_id, read_at=None).count()


async def mark_read(actor: Actor | None, ids: list[int] | None) -> int:
    """Marks the actor's own unread notifications read: those listed, or all when `ids` is
    None. Ids of other people's notifications are ignored. Returns how many changed.

    No activity event: read state is private to one person, not a change to the board."""
    actor = require_actor(actor)
    query = Notification.filter(user_id=actor.user_id, organization_id=actor.org_id, read_at=None)
    if ids is not None:
        if len(ids) > MAX_MARK:
            raise InvalidInput("ids", "work.too_many", max=MAX_MARK)
        if not ids:
            return 0
        query = query.filter(id__in=list(dict.fromkeys(ids)))
    return await query.update(read_at=datetime.now(UTC))
