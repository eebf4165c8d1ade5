"""What an event carries: summaries of the changed rows (everything a live client shows of
them, so it updates without a refetch) and the numbers the change moved up the alignment
chain. Built inside the writing transaction."""

from typing import Any

from ..domain.enums import TaskStatus
from ..models import Comment, Cycle, KeyResult, Objective, Task, User
from ..read.comments import target_of
from ..read.numbers import chain_numbers, evaluate_chains
from .unit import lock_org


def person(user: User) -> dict[str, Any]:
    return {"id": user.id, "displayName": user.display_name, "handle": user.handle}


async def comment_summary(comment: Comment, mentions: list[User]) -> dict[str, Any]:
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


async def task_summary(task: Task, collaborator_ids: list[int]) -> dict[str, Any]:
    """Everything a task list shows of a task, for live clients."""
    wanted = [i for i in (task.assignee_id, *collaborator_ids) if i is not None]
    people = {u.id: u for u in await User.filter(id__in=wanted)} if wanted else {}
    assignee = people.get(task.assignee_id) if task.assignee_id is not None else None
    return {
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


async def numbers_after_change(objective: Objective, also: int | None = None) -> dict[str, Any]:
    """Inside the writing transaction. `also`: another objective whose chain moved too (the
    old parent after a re-alignment)."""
    org = await lock_org(objective.organization_id)
    cycle = await Cycle.get(id=objective.cycle_id)
    wanted = [objective.id] if also is None else [objective.id, also]
    evaluation, objectives, key_results = await evaluate_chains(cycle, org, wanted)
    numbers = chain_numbers(evaluation, objectives, key_results, objective.id)
    if also is not None and also in objectives:
        old = chain_numbers(evaluation, objectives, key_results, also)
        for part in ("objectives", "keyResults"):
            numbers[part] = {**old[part], **numbers[part]}
    return numbers


def objective_summary(objective: Objective, owner: User) -> dict[str, Any]:
    """Everything the board shows of an objective, so a client updates without a refetch."""
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
        "owner": {"id": owner.id, "displayName": owner.display_name, "handle": owner.handle},
    }


def kr_summary(kr: KeyResult) -> dict[str, Any]:
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


def access_of(objective: Objective) -> dict[str, Any]:
    """Who could see an objective before a change (for events that may hide it)."""
    return {
        "ownerId": objective.owner_id,
        "teamId": objective.team_id,
        "visibility": objective.visibility.value,
    }


async def objective_payload(
    objective: Objective, before: dict[str, Any] | None = None, also: int | None = None
) -> dict[str, Any]:
    owner = await User.get(id=objective.owner_id)
    krs = await KeyResult.filter(objective_id=objective.id, archived=False).order_by(
        "position", "id"
    )
    # its key results too: whoever can see it only after this change has never seen them
    summary = {**objective_summary(objective, owner), "keyResults": [kr_summary(k) for k in krs]}
    payload = {
        "objective": summary,
        "numbers": await numbers_after_change(objective, also),
    }
    if before is not None:
        payload["before"] = before
    return payload


async def kr_payload(kr: KeyResult, objective: Objective) -> dict[str, Any]:
    return {"keyResult": kr_summary(kr), "numbers": await numbers_after_change(objective)}
