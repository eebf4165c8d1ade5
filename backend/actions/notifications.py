"""Notifications: each person's own inbox (mentions, assignments, comments on my OKRs …).

Other actions create notifications through `notify`, inside their own transaction; what is
here reads and marks the viewer's own notifications only, and keeps the viewer's
notification settings (the kinds they muted).
"""

from collections.abc import Iterable
from datetime import UTC, datetime

from tortoise.expressions import F

from ..domain.enums import NotificationKind
from ..domain.errors import InvalidInput
from ..domain.notify import (
    GROUP_WINDOW,
    GROUPED_KINDS,
    About,
    Existing,
    parse_muted,
    recipients,
    should_group,
)
from ..domain.policy import Actor
from ..events.kinds import Notified
from ..models import Notification, User
from ..read.lookup import require_actor

MAX_MARK = 500  # ids per markNotificationsRead call


async def notify(
    org_id: int,
    candidates: Iterable[int],
    kind: NotificationKind,
    *,
    actor_id: int | None,
    objective_id: int | None,
    task_id: int | None = None,
    comment_id: int | None = None,
    cycle_id: int | None = None,
    detail: dict[str, object] | None = None,
) -> list[Notified]:
    """Notifies each candidate once (call inside the action's transaction): not the actor,
    not inactive people or other organizations' people, not those who muted `kind`. A
    burst about one item updates the recipient's recent unread notification of it
    (domain.notify). Returns `{"userId", "notificationId"}` pairs — created or updated —
    for the activity event, so that live clients can fetch what is theirs."""
    wanted = list(dict.fromkeys(c for c in candidates if c != actor_id))
    if not wanted:
        return []
    settings = await User.filter(id__in=wanted, organization_id=org_id, is_active=True).values_list(
        "id", "muted_notification_kinds"
    )
    muted = {user_id: parse_muted(values) for user_id, values in settings}
    users = [u for u in recipients(wanted, kind, actor_id=actor_id, muted=muted) if u in muted]
    if not users:
        return []
    now = datetime.now(UTC)
    about = About(objective_id=objective_id, task_id=task_id)
    latest: dict[int, Notification] = {}
    if kind in GROUPED_KINDS:
        rows = await Notification.filter(
            user_id__in=users,
            kind=kind,
            objective_id=objective_id,
            task_id=task_id,
            read_at=None,
            created_at__gte=now - GROUP_WINDOW,
        ).order_by("-created_at", "-id")
        for row in rows:
            latest.setdefault(row.user_id, row)
    notified: list[Notified] = []
    for user_id in users:
        recent = latest.get(user_id)
        if recent is not None and should_group(_existing(recent), user_id, kind, about, now):
            await Notification.filter(id=recent.id).update(
                count=F("count") + 1,
                created_at=now,
                actor_id=actor_id,
                comment_id=comment_id if comment_id is not None else recent.comment_id,
            )
            notification_id = recent.id
        else:
            created = await Notification.create(
                organization_id=org_id,
                user_id=user_id,
                kind=kind,
                actor_id=actor_id,
                objective_id=objective_id,
                task_id=task_id,
                comment_id=comment_id,
                cycle_id=cycle_id,
                detail=detail,
            )
            notification_id = created.id
        notified.append({"userId": user_id, "notificationId": notification_id})
    return notified


def _existing(row: Notification) -> Existing:
    return Existing(
        user_id=row.user_id,
        kind=NotificationKind(row.kind),
        about=About(objective_id=row.objective_id, task_id=row.task_id),
        read=row.read_at is not None,
        created_at=row.created_at,
    )


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


# --- settings -----------------------------------------------------------------------------


async def update_muted(actor: Actor | None, kinds: Iterable[NotificationKind]) -> User:
    """Replaces the actor's muted kinds. Muted kinds are not created from now on; what
    is already in the inbox stays. Private to the person: no activity event."""
    actor = require_actor(actor)
    wanted = {NotificationKind(k) for k in kinds}
    user = await User.get(id=actor.user_id, organization_id=actor.org_id)
    values = [k.value for k in NotificationKind if k in wanted]
    if values != list(user.muted_notification_kinds or []):
        user.muted_notification_kinds = values
        await user.save(update_fields=["muted_notification_kinds"])
    return user
