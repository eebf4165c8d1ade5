"""Peer review (互评): the objective's owner or lead chooses who reviews it; each of them gives
each key result a score and a comment — one review per reviewer and key result, which they may
revise while the cycle is reviewed. The chosen hear that they were asked; the owners hear of
each review."""

from datetime import UTC, datetime

from tortoise.exceptions import IntegrityError

from ..domain.enums import NotificationKind, ObjectiveState
from ..domain.errors import Conflict, Forbidden, InvalidInput
from ..domain.phases import Activity
from ..domain.policy import Actor
from ..domain.validation import LIMITS, validate_score, validate_text
from ..events.kinds import EventKind, ReviewSummary
from ..events.payloads import kr_summary, person
from ..events.phase import PhaseGuard, guard
from ..events.unit import write
from ..models import Objective, PeerReview, ReviewerChoice, User
from ..read import reach
from ..read.reach import Reach
from .notifications import notify

MAX_REVIEWERS = 10


def published(objective: Objective) -> None:
    """Only a published objective is scored, reviewed and looked back on."""
    if objective.state == ObjectiveState.ARCHIVED:
        raise InvalidInput("id", "okr.archived")
    if objective.state != ObjectiveState.PUBLISHED:
        raise InvalidInput("id", "okr.not_published")


async def _reviewers(scope: Reach, ids: list[int]) -> list[User]:
    wanted = list(dict.fromkeys(ids))
    if len(wanted) > MAX_REVIEWERS:
        raise InvalidInput("reviewerIds", "work.too_many", max=MAX_REVIEWERS)
    if scope.objective.owner_id in wanted:
        raise InvalidInput("reviewerIds", "review.not_the_owner")
    return await scope.people_named(wanted, "reviewerIds")


async def set_reviewers(actor: Actor | None, objective_id: int, user_ids: list[int]) -> Objective:
    """The objective's editors (its owner, leads up the chain, admins) choose its reviewers;
    the list given replaces the last one. Reviews already given stay."""
    scope = await reach.editable_objective(actor, objective_id)
    actor, objective = scope.actor, scope.objective
    phase = await guard(objective.cycle_id, Activity.PEER_REVIEW)
    published(objective)
    chosen = await _reviewers(scope, user_ids)
    before = set(
        await ReviewerChoice.filter(objective_id=objective.id).values_list("reviewer_id", flat=True)
    )
    after = [u.id for u in chosen]
    if set(after) == before:
        return objective
    added = [u for u in after if u not in before]
    async with write(actor.org_id, actor.user_id, phase) as unit:
        await ReviewerChoice.filter(objective_id=objective.id, reviewer_id__not_in=after).delete()
        await ReviewerChoice.bulk_create(
            [
                ReviewerChoice(
                    organization_id=actor.org_id,
                    objective_id=objective.id,
                    reviewer_id=u,
                    chosen_by_id=actor.user_id,
                )
                for u in added
            ]
        )
        notified = await notify(
            actor.org_id,
            added,
            NotificationKind.REVIEW_ASKED,
            actor_id=actor.user_id,
            objective_id=objective.id,
        )
        await unit.record(
            EventKind.OBJECTIVE_REVIEWERS_CHANGED,
            {
                "objectiveId": objective.id,
                "reviewers": [person(u) for u in chosen],
                "notified": notified,
            },
            cycle_id=objective.cycle_id,
            objective_id=objective.id,
        )
    return objective


async def review_key_result(
    actor: Actor | None, kr_id: int, score: float, comment: str | None
) -> PeerReview:
    """A chosen reviewer scores a key result (0–1, one decimal) with a comment; reviewing it
    again revises their review."""
    scope = await reach.key_result(actor, kr_id)
    actor, objective, kr = scope.actor, scope.objective, scope.key_result
    assert kr is not None
    if not await ReviewerChoice.exists(objective_id=objective.id, reviewer_id=actor.user_id):
        raise Forbidden("review.not_chosen")
    phase = await guard(objective.cycle_id, Activity.PEER_REVIEW)
    published(objective)
    if kr.archived:
        raise InvalidInput("id", "okr.archived")
    validate_score(score)
    text = validate_text(comment, "comment", max_len=LIMITS["note"]) or ""
    try:
        review = await _write_review(scope, score, text, phase)
    except IntegrityError:
        # their first review of it, sent twice at once: the other one was written
        raise Conflict("conflict.version", "id", current="?") from None
    return review


async def _write_review(scope: Reach, score: float, text: str, phase: PhaseGuard) -> PeerReview:
    actor, objective, kr = scope.actor, scope.objective, scope.key_result
    assert kr is not None
    async with write(actor.org_id, actor.user_id, phase) as unit:
        review = await PeerReview.get_or_none(key_result_id=kr.id, reviewer_id=actor.user_id)
        if review is None:
            review = await PeerReview.create(
                organization_id=actor.org_id,
                objective_id=objective.id,
                key_result_id=kr.id,
                reviewer_id=actor.user_id,
                score=score,
                comment=text,
            )
        else:
            review.score, review.comment, review.updated_at = score, text, datetime.now(UTC)
            await review.save(update_fields=["score", "comment", "updated_at"])
        owners = [kr.owner_id or objective.owner_id, objective.owner_id]
        notified = await notify(
            actor.org_id,
            [u.id for u in await scope.people_who_see(owners)],
            NotificationKind.REVIEW,
            actor_id=actor.user_id,
            objective_id=objective.id,
        )
        summary: ReviewSummary = {
            "id": review.id,
            "keyResultId": kr.id,
            "objectiveId": objective.id,
            "reviewer": person(await User.get(id=actor.user_id)),
            "score": review.score,
            "comment": review.comment,
            "updatedAt": review.updated_at.isoformat(),
        }
        await unit.record(
            EventKind.KEY_RESULT_REVIEWED,
            {"keyResult": kr_summary(kr), "review": summary, "notified": notified},
            cycle_id=objective.cycle_id,
            objective_id=objective.id,
            key_result_id=kr.id,
        )
    return review
