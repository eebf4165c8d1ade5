"""Who may do what (DESIGN §7). Services enforce these; the UI only mirrors them.

Nothing crosses organizations, and an anonymous actor (None) may do nothing.
"""

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
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


def can_retract_check_in(
    actor: Actor | None, obj: ObjectiveAccess, kr_owner_id: int | None, author_id: int
) -> bool:
    """Only its author corrects or withdraws a check-in (while they may still check in there):
    it is their word on the numbers — an admin or manager comments, they do not rewrite it."""
    return (
        actor is not None and actor.user_id == author_id and can_check_in(actor, obj, kr_owner_id)
    )


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


# --- what the viewer may do with an item (`viewerCan`, DESIGN §5b) -------------------------
# Each flag is the predicate the service enforces for that mutation (named beside it), so the
# UI offers exactly what will work; an item the viewer cannot see offers nothing (the service
# answers NOT_FOUND before it asks anything else). The cycle's phase also decides (issue 12's
# table): it plugs in as `phase_allows`, asked once per capability the roles already grant.


class Capability(StrEnum):
    EDIT = "edit"
    CHECK_IN = "checkIn"
    COMMENT = "comment"
    SCORE = "score"
    ARCHIVE = "archive"
    MANAGE_TASKS = "manageTasks"


PhaseRule = Callable[[Capability], bool]


def any_phase(_: Capability) -> bool:
    """No phase restriction (until the phase table decides)."""
    return True


@dataclass(frozen=True, slots=True)
class ViewerCan:
    edit: bool = False
    check_in: bool = False
    comment: bool = False
    score: bool = False
    archive: bool = False
    manage_tasks: bool = False


def _viewer_can(granted: Mapping[Capability, bool], phase_allows: PhaseRule) -> ViewerCan:
    # Capability.CHECK_IN -> ViewerCan.check_in; what is not granted stays False
    return ViewerCan(**{c.name.lower(): ok and phase_allows(c) for c, ok in granted.items()})


def objective_viewer_can(
    actor: Actor | None,
    obj: ObjectiveAccess,
    *,
    archived: bool,
    kr_owner_ids: Iterable[int | None] = (),
    phase_allows: PhaseRule = any_phase,
) -> ViewerCan:
    """`archived`: the objective is; `kr_owner_ids`: the owners of its live key results (check
    in offers as soon as one of them takes the viewer's check-in)."""
    if not can_view_objective(actor, obj):
        return ViewerCan()
    edit = can_edit_objective(actor, obj)  # update/archive/publish objective, its KRs' scores
    live = not archived  # check-ins and new tasks are refused under an archived objective
    return _viewer_can(
        {
            Capability.EDIT: edit,
            Capability.CHECK_IN: live and any(can_check_in(actor, obj, o) for o in kr_owner_ids),
            Capability.COMMENT: can_comment(actor, obj),
            Capability.SCORE: edit,
            Capability.ARCHIVE: edit,
            Capability.MANAGE_TASKS: live and can_create_task(actor, obj, None),
        },
        phase_allows,
    )


def key_result_viewer_can(
    actor: Actor | None,
    obj: ObjectiveAccess,
    *,
    kr_owner_id: int | None,
    archived: bool,
    phase_allows: PhaseRule = any_phase,
) -> ViewerCan:
    """`obj`: the key result's objective; `archived`: the KR or its objective is."""
    if not can_view_objective(actor, obj):
        return ViewerCan()
    edit = can_edit_objective(actor, obj)  # update/archive/score a KR: the objective's editors
    live = not archived
    return _viewer_can(
        {
            Capability.EDIT: edit,
            Capability.CHECK_IN: live and can_check_in(actor, obj, kr_owner_id),
            Capability.COMMENT: can_comment(actor, obj),
            Capability.SCORE: edit,
            Capability.ARCHIVE: edit,
            Capability.MANAGE_TASKS: live and can_create_task(actor, obj, kr_owner_id),
        },
        phase_allows,
    )


def task_viewer_can(
    actor: Actor | None,
    obj: ObjectiveAccess,
    *,
    creator_id: int,
    assignee_id: int | None,
    collaborator_ids: frozenset[int] = frozenset(),
    kr_owner_id: int | None = None,
    phase_allows: PhaseRule = any_phase,
) -> ViewerCan:
    """A task is edited, moved and deleted ("archive") by the same people; it takes no
    check-in or score and holds no tasks of its own."""
    if not can_view_objective(actor, obj):
        return ViewerCan()
    edit = can_edit_task(
        actor,
        obj,
        creator_id=creator_id,
        assignee_id=assignee_id,
        collaborator_ids=collaborator_ids,
        kr_owner_id=kr_owner_id,
    )
    return _viewer_can(
        {
            Capability.EDIT: edit,
            Capability.COMMENT: can_comment(actor, obj),
            Capability.ARCHIVE: edit,
        },
        phase_allows,
    )
