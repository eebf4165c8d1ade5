"""What an event carries (events/kinds.py says the shapes): summaries of the changed rows —
everything a live client shows of them, so it updates without a refetch — and the absolute
numbers the change moved up the alignment chain.

The numbers are read inside the writing transaction, after the organization's event counter
row is locked (`lock_org`), so they include every change committed before the event's seq and
none committed after it. Only the chain and what its numbers depend on are read and evaluated
(read/chain.py: a constant number of statements).
"""

from ..domain.alignment import ancestors
from ..domain.enums import TaskStatus
from ..domain.evaluate import Evaluation
from ..models import Comment, Cycle, KeyResult, Objective, Task, User
from ..read.chain import evaluate_chains
from ..read.comments import target_of
from .kinds import (
    Access,
    CommentSummary,
    KeyResultNumbers,
    KeyResultPayload,
    KeyResultSummary,
    Numbers,
    ObjectiveNumbers,
    ObjectivePayload,
    ObjectiveSummary,
    Person,
    TaskSummary,
)
from .unit import lock_org


def person(user: User) -> Person:
    return {"id": user.id, "displayName": user.display_name, "handle": user.handle}


def chain_numbers(
    evaluation: Evaluation,
    objectives: dict[int, Objective],
    key_results: list[KeyResult],
    objective_id: int,
) -> Numbers:
    """Numbers of `objective_id`, its key results, and everything it rolls up into."""
    parent_of = {o.id: o.parent_id for o in objectives.values()}
    chain = [objective_id, *ancestors(objective_id, parent_of)]
    chain_set = set(chain)
    objective_numbers: dict[str, ObjectiveNumbers] = {
        str(oid): {
            "progress": evaluation.objectives[oid].progress,
            "status": evaluation.objectives[oid].status.value,
        }
        for oid in chain
        if oid in evaluation.objectives
    }
    # each KR names its objective: a subscriber's view is cut per visible objective
    kr_numbers: dict[str, KeyResultNumbers] = {}
    for kr in key_results:
        if kr.objective_id in chain_set:
            result = evaluation.key_results[kr.id]
            kr_numbers[str(kr.id)] = {
                "progress": result.progress,
                "rawProgress": result.raw_progress,
                "expectedProgress": result.expected,
                "status": result.status.value,
                "statusReasons": [r.value for r in result.reasons],
                "objectiveId": kr.objective_id,
                "weight": kr.weight,
                "currentValue": result.current_value,
            }
    return {"objectives": objective_numbers, "keyResults": kr_numbers}


async def numbers_after_change(objective: Objective, also: int | None = None) -> Numbers:
    """Inside the writing transaction. `also`: another objective whose chain moved too (the
    old parent after a re-alignment)."""
    org = await lock_org(objective.organization_id)
    cycle = await Cycle.get(id=objective.cycle_id)
    wanted = [objective.id] if also is None else [objective.id, also]
    evaluation, objectives, key_results = await evaluate_chains(cycle, org, wanted)
    numbers = chain_numbers(evaluation, objectives, key_results, objective.id)
    if also is not None and also in objectives:
        old = chain_numbers(evaluation, objectives, key_results, also)
        numbers["objectives"] = {**old["objectives"], **numbers["objectives"]}
        numbers["keyResults"] = {**old["keyResults"], **numbers["keyResults"]}
    return numbers


def kr_summary(kr: KeyResult) -> KeyResultSummary:
    return {
        "id": kr.id,
        "objectiveId": kr.objective_id,
        "title": kr.title,
        "kind": kr.kind.value,
        "unit": kr.unit,
        "startValue": kr.start_value,
        "targetValue": kr.target_value,
        "currentValue": kr.current_value,
        "rangeMin": kr.range_min,
        "rangeMax": kr.range_max,
        "dueDate": kr.due_date.isoformat() if kr.due_date else None,
        "weight": kr.weight,
        "confidence": kr.confidence,
        "progressSource": kr.progress_source.value,
        "archived": kr.archived,
        "position": kr.position,
    }


def access_of(objective: Objective) -> Access:
    """Who could see an objective before a change (for events that may hide it)."""
    return {
        "ownerId": objective.owner_id,
        "teamId": objective.team_id,
        "visibility": objective.visibility.value,
    }


async def objective_summary(objective: Objective) -> ObjectiveSummary:
    """Everything the board shows of an objective, with its key results: whoever can see it
    only after this change has never seen them."""
    owner = await User.get(id=objective.owner_id)
    krs = await KeyResult.filter(objective_id=objective.id, archived=False).order_by(
        "position", "id"
    )
    return {
        "id": objective.id,
        "title": objective.title,
        "level": objective.level.value,
        "state": objective.state.value,
        "visibility": objective.visibility.value,
        "parentId": objective.parent_id,
        "sourceKeyResultId": objective.source_key_result_id,
        "teamId": objective.team_id,
        "version": objective.version,
        "owner": person(owner),
        "keyResults": [kr_summary(k) for k in krs],
    }


async def objective_payload(
    objective: Objective, before: Access | None = None, also: int | None = None
) -> ObjectivePayload:
    payload: ObjectivePayload = {
        "objective": await objective_summary(objective),
        "numbers": await numbers_after_change(objective, also),
    }
    if before is not None:
        payload["before"] = before
    return payload


async def kr_payload(kr: KeyResult, objective: Objective) -> KeyResultPayload:
    return {"keyResult": kr_summary(kr), "numbers": await numbers_after_change(objective)}


async def task_summary(task: Task, collaborator_ids: list[int]) -> TaskSummary:
    """Everything a task list shows of a task, for live clients."""
    wanted = [i for i in (task.assignee_id, *collaborator_ids) if i is not None]
    people = {u.id: u for u in await User.filter(id__in=wanted)} if wanted else {}
    assignee = people.get(task.assignee_id) if task.assignee_id is not None else None
    summary: TaskSummary = {
        "id": task.id,
        "objectiveId": task.objective_id,
        "keyResultId": task.key_result_id,
        "title": task.title,
        "description": task.description,
        "status": TaskStatus(task.status).value,
        "dueDate": task.due_date.isoformat() if task.due_date else None,
        "position": task.position,
        "creatorId": task.creator_id,
        "assignee": person(assignee) if assignee else None,
        "collaborators": [person(people[c]) for c in collaborator_ids if c in people],
        "deleted": task.deleted_at is not None,
    }
    if task.meeting_id is not None:
        summary["meetingId"] = task.meeting_id
    return summary


async def comment_summary(comment: Comment, mentions: list[User]) -> CommentSummary:
    """Everything a thread shows of a comment, for live clients (a deleted one keeps only
    who wrote it and when)."""
    author = await User.get(id=comment.author_id)
    deleted = comment.deleted_at is not None
    target_type, target_id = target_of(comment)
    return {
        "id": comment.id,
        "targetType": target_type,
        "targetId": target_id,
        "objectiveId": comment.objective_id,
        "keyResultId": comment.key_result_id,
        "taskId": comment.task_id,
        "author": person(author),
        "body": "" if deleted else comment.body,
        "mentions": [] if deleted else [person(u) for u in mentions],
        "createdAt": comment.created_at.isoformat(),
        "editedAt": comment.edited_at.isoformat() if comment.edited_at else None,
        "deleted": deleted,
    }
