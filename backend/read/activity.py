"""An objective's activity feed, and the whole organization's log for its admins — who
changed what, when — read from the activity log."""

from dataclasses import dataclass, replace
from datetime import datetime

from ..domain.errors import InvalidInput
from ..domain.mentions import shown_body
from ..domain.policy import Actor
from ..events.kinds import EventKind
from ..events.summary import Entry, excerpt, summarize
from ..models import ActivityEvent, Comment
from . import reach
from .lookup import require_actor, require_admin

DEFAULT_PAGE = 30
MAX_PAGE = 100


async def objective_activity(
    actor: Actor | None, objective_id: int, first: int | None = None
) -> list[tuple[ActivityEvent, Entry]]:
    """The latest `first` events about an objective the actor can see, newest first (its
    own changes, its key results', check-ins, tasks and comments), each told as a feed
    entry. A comment is shown as it reads now: edited text replaces what was first
    written, and a deleted comment's text is shown nowhere."""
    actor = require_actor(actor)
    limit = DEFAULT_PAGE if first is None else first
    if not 1 <= limit <= MAX_PAGE:
        raise InvalidInput("first", "input.out_of_range", min=1, max=MAX_PAGE)
    objective = (await reach.objective(actor, objective_id)).objective
    rows = (
        await ActivityEvent.filter(organization_id=actor.org_id, objective_id=objective.id)
        .order_by("-seq")
        .limit(limit)
    )
    entries = [
        (r, summarize(EventKind(r.kind), r.payload, objective.id, r.key_result_id)) for r in rows
    ]
    comment_ids = {e.comment_id for _, e in entries if e.comment_id is not None}
    if not comment_ids:
        return entries
    comments = await Comment.filter(id__in=comment_ids, organization_id=actor.org_id)
    await Comment.fetch_for_list(comments, "mentions")
    bodies = {
        c.id: (
            excerpt(shown_body(c.body, {u.handle: u.display_name for u in c.mentions}))
            if c.deleted_at is None
            else None
        )
        for c in comments
    }
    return [
        (r, replace(e, detail=bodies.get(e.comment_id)) if e.comment_id is not None else e)
        for r, e in entries
    ]


@dataclass(frozen=True)
class LogFilter:
    """What the organization's log is narrowed to; every part optional."""

    actor_id: int | None = None
    target: tuple[str, int] | None = None  # (Objective | KeyResult | Cycle | Team | User, id)
    since: datetime | None = None
    until: datetime | None = None
    before_seq: int | None = None  # the next page: events older than this one


_COLUMN = {"Objective": "objective_id", "KeyResult": "key_result_id", "Cycle": "cycle_id"}
_PAYLOAD = {"Team": ("team.", "teamId"), "User": ("user.", "userId")}
SCAN = 5000  # events read at most to find a page about one team or person


async def organization_log(
    actor: Actor | None, where: LogFilter, first: int | None = None
) -> list[tuple[ActivityEvent, Entry]]:
    """The organization's activity log for its admins: who changed what and when, newest
    first, `first` at a time. An objective's events are told as in its feed."""
    actor = require_admin(actor)
    limit = DEFAULT_PAGE if first is None else first
    if not 1 <= limit <= MAX_PAGE:
        raise InvalidInput("first", "input.out_of_range", min=1, max=MAX_PAGE)
    if where.since and where.until and where.until < where.since:
        raise InvalidInput("until", "input.dates_order")
    rows = ActivityEvent.filter(organization_id=actor.org_id)
    if where.actor_id is not None:
        rows = rows.filter(actor_id=where.actor_id)
    if where.since is not None:
        rows = rows.filter(created_at__gte=where.since)
    if where.until is not None:
        rows = rows.filter(created_at__lt=where.until)
    if where.before_seq is not None:
        rows = rows.filter(seq__lt=where.before_seq)
    events: list[ActivityEvent]
    if where.target is not None and where.target[0] in _PAYLOAD:
        prefix, key = _PAYLOAD[where.target[0]]
        scanned = await rows.filter(kind__startswith=prefix).order_by("-seq").limit(SCAN)
        events = [e for e in scanned if e.payload.get(key) == where.target[1]][:limit]
    else:
        if where.target is not None:
            rows = rows.filter(**{_COLUMN[where.target[0]]: where.target[1]})
        events = await rows.order_by("-seq").limit(limit)
    return [(e, _told(e)) for e in events]


def _told(event: ActivityEvent) -> Entry:
    try:
        kind = EventKind(event.kind)
    except ValueError:  # a kind this version no longer writes
        return Entry()
    if event.objective_id is not None:
        return summarize(kind, event.payload, event.objective_id, event.key_result_id)
    name = event.payload.get("name") or event.payload.get("email")
    return Entry(subject=str(name) if name else None)
