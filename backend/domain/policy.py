"""Who may do what (DESIGN §7). Services enforce these; the UI only mirrors them.

Nothing crosses organizations, and an anonymous actor (None) may do nothing.
"""

from dataclasses import dataclass
from typing import TypeGuard

from .enums import ObjectiveLevel, Role, Visibility


@dataclass(frozen=True, slots=True)
class Actor:
    user_id: int
    org_id: int
    role: Role
    # Teams the user is a member or lead of.
    team_ids: frozenset[int] = frozenset()
    # Teams the user leads plus all their descendant teams (computed by the service).
    led_team_ids: frozenset[int] = frozenset()


@dataclass(frozen=True, slots=True)
class ObjectiveAccess:
    org_id: int
    owner_id: int
    visibility: Visibility
    # The objective's team or, for a personal objective without one, the owner's teams.
    team_ids: frozenset[int] = frozenset()


def is_admin(actor: Actor) -> bool:
    return actor.role is Role.ADMIN


def _in_org(actor: Actor | None, org_id: int) -> TypeGuard[Actor]:
    return actor is not None and actor.org_id == org_id


def can_view_objective(actor: Actor | None, obj: ObjectiveAccess) -> bool:
    if not _in_org(actor, obj.org_id):
        return False
    if is_admin(actor) or actor.user_id == obj.owner_id:
        return True
    if obj.visibility is Visibility.PUBLIC:
        return True
    if obj.visibility is Visibility.TEAM:
        return not obj.team_ids.isdisjoint(actor.team_ids | actor.led_team_ids)
    return False


def can_edit_objective(actor: Actor | None, obj: ObjectiveAccess) -> bool:
    # Editing implies seeing: a lead does not get into a member's PRIVATE objective.
    if actor is None or not can_view_objective(actor, obj):
        return False
    return (
        is_admin(actor)
        or actor.user_id == obj.owner_id
        or not obj.team_ids.isdisjoint(actor.led_team_ids)
    )


def can_create_objective(
    actor: Actor | None,
    *,
    org_id: int,
    level: ObjectiveLevel,
    owner_id: int,
    team_id: int | None,
    owner_team_ids: frozenset[int] = frozenset(),
) -> bool:
    """`owner_team_ids`: the owner's teams, needed when a lead writes a member's objective."""
    if not _in_org(actor, org_id):
        return False
    if is_admin(actor):
        return True
    if level is ObjectiveLevel.COMPANY:
        return False
    if level is ObjectiveLevel.TEAM:
        return team_id is not None and team_id in actor.led_team_ids
    return owner_id == actor.user_id or not owner_team_ids.isdisjoint(actor.led_team_ids)


def can_manage_org(actor: Actor | None, org_id: int) -> bool:
    """Cycles, teams and users are the admins' business."""
    return _in_org(actor, org_id) and is_admin(actor)


def can_comment(actor: Actor | None, obj: ObjectiveAccess) -> bool:
    return can_view_objective(actor, obj)


def can_check_in(actor: Actor | None, obj: ObjectiveAccess, kr_owner_id: int | None) -> bool:
    if not _in_org(actor, obj.org_id):
        return False
    return actor.user_id == kr_owner_id or can_edit_objective(actor, obj)


# --- work under the OKRs: tasks and comments ------------------------------------------------
# Everyone who can see an objective sees its tasks and comments; these decide who changes them.


def can_create_task(actor: Actor | None, obj: ObjectiveAccess, kr_owner_id: int | None) -> bool:
    """The objective's editors (owner, team leads up the chain, admins), or the owner of the
    key result the task goes under."""
    if actor is None or not can_view_objective(actor, obj):
        return False
    return can_edit_objective(actor, obj) or (
        kr_owner_id is not None and actor.user_id == kr_owner_id
    )


def can_edit_task(
    actor: Actor | None,
    obj: ObjectiveAccess,
    *,
    creator_id: int,
    assignee_id: int | None,
    collaborator_ids: frozenset[int] = frozenset(),
    kr_owner_id: int | None = None,
) -> bool:
    """Edit, move, reorder or delete: the task's creator, assignee and collaborators, the
    key result's owner, and the objective's editors — as long as they can still see it."""
    if actor is None or not can_view_objective(actor, obj):
        return False
    involved = {creator_id, *collaborator_ids}
    involved.update(i for i in (assignee_id, kr_owner_id) if i is not None)
    return actor.user_id in involved or can_edit_objective(actor, obj)


def can_restore_task(actor: Actor | None, obj: ObjectiveAccess, creator_id: int) -> bool:
    """A deleted task comes back by its author's or an admin's hand."""
    if actor is None or not can_view_objective(actor, obj):
        return False
    return is_admin(actor) or actor.user_id == creator_id


def can_edit_comment(actor: Actor | None, obj: ObjectiveAccess, author_id: int) -> bool:
    """Only the author edits a comment (an admin may delete it, not put words in it)."""
    return can_view_objective(actor, obj) and actor is not None and actor.user_id == author_id


def can_delete_comment(actor: Actor | None, obj: ObjectiveAccess, author_id: int) -> bool:
    if actor is None or not can_view_objective(actor, obj):
        return False
    return is_admin(actor) or actor.user_id == author_id
