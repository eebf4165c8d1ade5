"""An objective's activity feed — who changed what, when — read from the activity log."""

from dataclasses import replace

from ..domain.errors import InvalidInput
from ..domain.mentions import shown_body
from ..domain.policy import Actor
from ..events.kinds import EventKind
from ..events.summary import Entry, excerpt, summarize
from ..models import ActivityEvent, Comment
from . import reach
from .lookup import require_actor

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
