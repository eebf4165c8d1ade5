"""Live board: `boardEvents` (replay after `since`, then live, in seq order) and presence."""

from collections.abc import AsyncGenerator
from datetime import datetime
from typing import Annotated, Any

import strawberry
from graphql import GraphQLError

from ..domain.errors import DomainError, InvalidInput, NotFound
from ..domain.messages import translate
from ..domain.policy import Actor
from ..events.feed import MAX_REPLAY, view_key, visible_view
from ..live.events import LiveEvent, Resync
from ..live.runtime import get_feed, get_hub, get_presence
from ..models import Cycle as CycleRow
from ..models import User as UserRow
from ..read.lookup import require_actor
from .engine.sharing import DirectFrames, shareable
from .ids import decode, encode
from .types import Info, TrackStatus


def _id(type_name: str, pk: Any) -> strawberry.ID | None:
    return strawberry.ID(encode(type_name, int(pk))) if pk is not None else None


@strawberry.type
class ObjectiveNumbers:
    objective_id: strawberry.ID
    progress: float
    status: TrackStatus  # type: ignore[valid-type]


@strawberry.type
class KeyResultNumbers:
    key_result_id: strawberry.ID
    objective_id: strawberry.ID
    progress: float
    raw_progress: float
    expected_progress: float
    status: TrackStatus  # type: ignore[valid-type]
    status_reasons: list[str]
    weight: float


@strawberry.type
class PersonSummary:
    id: strawberry.ID
    display_name: str
    handle: str


@strawberry.type
class ObjectiveSummary:
    id: strawberry.ID
    title: str
    level: str
    state: str
    visibility: str
    parent_id: strawberry.ID | None
    source_key_result_id: strawberry.ID | None
    team_id: strawberry.ID | None
    version: int
    owner: PersonSummary
    key_results: list["KeyResultSummary"] = strawberry.field(
        description="Its key results (not archived): someone who can see the objective only "
        "since this change has never seen them. Their numbers are in the event's keyResults."
    )


@strawberry.type
class KeyResultSummary:
    id: strawberry.ID
    objective_id: strawberry.ID
    title: str
    kind: str
    unit: str
    start_value: float | None
    target_value: float | None
    current_value: float | None
    range_min: float | None
    range_max: float | None
    due_date: str | None
    weight: float
    confidence: int | None
    progress_source: str
    archived: bool
    position: int


@strawberry.interface
class LiveBoardEvent:
    seq: int
    cycle_id: strawberry.ID | None
    actor_id: strawberry.ID | None
    at: datetime
    objectives: list[ObjectiveNumbers]
    key_results: list[KeyResultNumbers]


@strawberry.type
class KeyResultCheckedIn(LiveBoardEvent):
    key_result: KeyResultSummary
    note: str


@strawberry.type
class KeyResultChanged(LiveBoardEvent):
    change: str  # created | changed | archived
    key_result: KeyResultSummary


@strawberry.type
class ObjectiveCreated(LiveBoardEvent):
    objective: ObjectiveSummary


@strawberry.type
class ObjectiveChanged(LiveBoardEvent):
    change: str  # changed | restored
    objective: ObjectiveSummary


@strawberry.type
class ObjectivePublished(LiveBoardEvent):
    objective: ObjectiveSummary


@strawberry.type
class ObjectiveArchived(LiveBoardEvent):
    objective: ObjectiveSummary


@strawberry.type
class AlignmentChanged(LiveBoardEvent):
    objective: ObjectiveSummary


@strawberry.type
class WeightsChanged(LiveBoardEvent):
    objective: ObjectiveSummary


@strawberry.type
class CyclePhaseChanged(LiveBoardEvent):
    phase: str


@strawberry.type
class NumbersChanged(LiveBoardEvent):
    """Something this viewer cannot see moved numbers it can (e.g. a private objective
    converted from a visible key result): the numbers alone."""


@strawberry.type
class ObjectiveRemoved(LiveBoardEvent):
    """An objective this viewer can no longer see (it became private, moved team…)."""

    objective_id: strawberry.ID


@strawberry.type
class TaskSummary:
    """Everything a task list shows of a task."""

    id: strawberry.ID
    objective_id: strawberry.ID
    key_result_id: strawberry.ID | None
    title: str
    description: str
    status: str
    due_date: str | None
    position: int
    creator_id: strawberry.ID
    assignee: PersonSummary | None
    collaborators: list[PersonSummary]
    deleted: bool


@strawberry.type
class TaskChanged(LiveBoardEvent):
    """A task was created, changed (status, assignee, order…), deleted or restored. For a
    task-driven key result the numbers carry its and its objective's new progress."""

    change: str  # created | changed | deleted | restored
    task: TaskSummary
    changed_fields: list[str]
    order: list[strawberry.ID] | None = strawberry.field(
        description="After a move: the ids of the task and its siblings in their new order."
    )


@strawberry.type
class CommentSummary:
    """Everything a thread shows of a comment (a deleted one: who and when only)."""

    id: strawberry.ID
    target_id: strawberry.ID
    objective_id: strawberry.ID
    key_result_id: strawberry.ID | None
    task_id: strawberry.ID | None
    author: PersonSummary
    body: str = strawberry.field(description="Plain text as typed: render as text, not HTML.")
    mentions: list[PersonSummary]
    created_at: datetime
    edited_at: datetime | None
    deleted: bool


@strawberry.type
class CommentAdded(LiveBoardEvent):
    comment: CommentSummary


@strawberry.type
class CommentChanged(LiveBoardEvent):
    change: str  # edited | deleted
    comment: CommentSummary


@strawberry.type
class ResyncRequired:
    """Refetch the board, then subscribe again with `since` = `seq`."""

    reason: str
    seq: int


BoardEvent = Annotated[
    KeyResultCheckedIn
    | KeyResultChanged
    | ObjectiveCreated
    | ObjectiveChanged
    | ObjectivePublished
    | ObjectiveArchived
    | AlignmentChanged
    | WeightsChanged
    | CyclePhaseChanged
    | NumbersChanged
    | ObjectiveRemoved
    | TaskChanged
    | CommentAdded
    | CommentChanged
    | ResyncRequired,
    strawberry.union("BoardEvent"),
]


def _numbers(payload: dict[str, Any]) -> dict[str, Any]:
    numbers = payload.get("numbers") or {}
    return {
        "objectives": [
            ObjectiveNumbers(
                objective_id=strawberry.ID(encode("Objective", int(k))),
                progress=v["progress"],
                status=v["status"],
            )
            for k, v in numbers.get("objectives", {}).items()
        ],
        "key_results": [
            KeyResultNumbers(
                key_result_id=strawberry.ID(encode("KeyResult", int(k))),
                objective_id=strawberry.ID(encode("Objective", int(v["objectiveId"]))),
                progress=v["progress"],
                raw_progress=v["rawProgress"],
                expected_progress=v["expectedProgress"],
                status=v["status"],
                status_reasons=v["statusReasons"],
                weight=v.get("weight", 0.0),
            )
            for k, v in numbers.get("keyResults", {}).items()
        ],
    }


def _objective(data: dict[str, Any]) -> ObjectiveSummary:
    owner = data["owner"]
    return ObjectiveSummary(
        id=strawberry.ID(encode("Objective", data["id"])),
        title=data["title"],
        level=data["level"],
        state=data["state"],
        visibility=data["visibility"],
        parent_id=_id("Objective", data["parentId"]),
        source_key_result_id=_id("KeyResult", data["sourceKeyResultId"]),
        team_id=_id("Team", data["teamId"]),
        version=data["version"],
        owner=PersonSummary(
            id=strawberry.ID(encode("User", owner["id"])),
            display_name=owner["displayName"],
            handle=owner["handle"],
        ),
        key_results=[_key_result(k) for k in data.get("keyResults", ())],
    )


def _key_result(data: dict[str, Any]) -> KeyResultSummary:
    return KeyResultSummary(
        id=strawberry.ID(encode("KeyResult", data["id"])),
        objective_id=strawberry.ID(encode("Objective", data["objectiveId"])),
        title=data["title"],
        kind=data["kind"],
        unit=data["unit"],
        start_value=data["startValue"],
        target_value=data["targetValue"],
        current_value=data["currentValue"],
        range_min=data["rangeMin"],
        range_max=data["rangeMax"],
        due_date=data["dueDate"],
        weight=data["weight"],
        confidence=data["confidence"],
        progress_source=data["progressSource"],
        archived=data["archived"],
        position=data.get("position", 0),
    )


def _person(data: dict[str, Any]) -> PersonSummary:
    return PersonSummary(
        id=strawberry.ID(encode("User", data["id"])),
        display_name=data["displayName"],
        handle=data["handle"],
    )


def _task(data: dict[str, Any]) -> TaskSummary:
    assignee = data.get("assignee")
    return TaskSummary(
        id=strawberry.ID(encode("Task", data["id"])),
        objective_id=strawberry.ID(encode("Objective", data["objectiveId"])),
        key_result_id=_id("KeyResult", data["keyResultId"]),
        title=data["title"],
        description=data["description"],
        status=data["status"],
        due_date=data["dueDate"],
        position=data["position"],
        creator_id=strawberry.ID(encode("User", data["creatorId"])),
        assignee=_person(assignee) if assignee else None,
        collaborators=[_person(p) for p in data["collaborators"]],
        deleted=data["deleted"],
    )


def _comment(data: dict[str, Any]) -> CommentSummary:
    return CommentSummary(
        id=strawberry.ID(encode("Comment", data["id"])),
        target_id=strawberry.ID(encode(data["targetType"], data["targetId"])),
        objective_id=strawberry.ID(encode("Objective", data["objectiveId"])),
        key_result_id=_id("KeyResult", data["keyResultId"]),
        task_id=_id("Task", data["taskId"]),
        author=_person(data["author"]),
        body=data["body"],
        mentions=[_person(p) for p in data["mentions"]],
        created_at=datetime.fromisoformat(data["createdAt"]),
        edited_at=datetime.fromisoformat(data["editedAt"]) if data["editedAt"] else None,
        deleted=data["deleted"],
    )


_OBJECTIVE_EVENTS: dict[str, type] = {
    "objective.created": ObjectiveCreated,
    "objective.published": ObjectivePublished,
    "objective.archived": ObjectiveArchived,
    "objective.aligned": AlignmentChanged,
    "objective.weights_changed": WeightsChanged,
}


def to_graphql(event: LiveEvent, view: dict[str, Any]) -> Any:
    """The typed event for one subscriber's view, or None for kinds the board ignores."""
    payload = view.get("payload", {})
    common = {
        "seq": event.seq,
        "cycle_id": _id("Cycle", event.cycle_id),
        "actor_id": _id("User", event.actor_id),
        "at": event.at,
        **_numbers(payload),
    }
    kind = view["kind"]
    if kind == "objective.removed":
        return ObjectiveRemoved(
            objective_id=strawberry.ID(encode("Objective", view["objectiveId"])),
            **{**common, "objectives": [], "key_results": []},
        )
    if kind == "numbers.changed":
        return NumbersChanged(**common)
    if kind in _OBJECTIVE_EVENTS:
        return _OBJECTIVE_EVENTS[kind](objective=_objective(payload["objective"]), **common)
    if kind in ("objective.changed", "objective.restored"):
        change = kind.split(".")[1]
        return ObjectiveChanged(change=change, objective=_objective(payload["objective"]), **common)
    if kind == "key_result.checked_in":
        return KeyResultCheckedIn(
            key_result=_key_result(payload["keyResult"]), note=payload.get("note", ""), **common
        )
    if kind.startswith("key_result."):
        return KeyResultChanged(
            change=kind.split(".")[1], key_result=_key_result(payload["keyResult"]), **common
        )
    if kind == "cycle.phase_changed":
        return CyclePhaseChanged(phase=payload["phase"], **common)
    if kind.startswith("task.") and "task" in payload:  # (older events carry no summary)
        order = payload.get("order")
        return TaskChanged(
            change=kind.split(".")[1],
            task=_task(payload["task"]),
            changed_fields=list(payload.get("changed", [])),
            order=[strawberry.ID(encode("Task", i)) for i in order] if order else None,
            **common,
        )
    if kind == "comment.added" and "comment" in payload:
        return CommentAdded(comment=_comment(payload["comment"]), **common)
    if kind.startswith("comment.") and "comment" in payload:
        return CommentChanged(
            change=kind.split(".")[1], comment=_comment(payload["comment"]), **common
        )
    return None


def shared_typed(event: LiveEvent, actor: Actor) -> Any:
    """`to_graphql(event, visible_view(event, actor))`, made once per event per view: every
    subscriber who may see the same part of the event gets the same (shareable) object."""
    cut = view_key(event, actor)
    if cut is None:
        return None
    key = ("board-view", cut)
    memo = event.shared
    if key in memo:
        return memo[key]
    view = visible_view(event, actor)
    typed = to_graphql(event, view) if view else None
    memo[key] = shareable(typed) if typed is not None else None
    return memo[key]


def _as_graphql_error(error: DomainError, locale: str) -> GraphQLError:
    params = {"field": error.field, **error.params}
    extensions = {"code": error.code, **({"field": error.field} if error.field else {})}
    return GraphQLError(translate(error.key, locale, params), extensions=extensions)


@strawberry.type
class Watcher:
    id: strawberry.ID
    display_name: str
    handle: str


@strawberry.type
class PresenceUpdate:
    cycle_id: strawberry.ID
    count: int
    watchers: list[Watcher]


async def _cycle_of(info: Info, cycle_id: strawberry.ID) -> tuple[Actor, int]:
    """The subscribing actor and the cycle's pk, as GraphQL errors in the viewer's language."""
    try:
        actor = require_actor(info.context.actor)
        pk = decode(cycle_id, "Cycle", "cycleId")
        if not await CycleRow.exists(id=pk, organization_id=actor.org_id):
            raise NotFound()
        return actor, pk
    except DomainError as error:
        raise _as_graphql_error(error, info.context.locale) from None


@strawberry.type
class LiveQuery:
    @strawberry.field
    async def board_seq(self, info: Info, cycle_id: strawberry.ID) -> int:
        """The event seq the board of this request reflects: subscribe with `since` = it."""
        _, pk = await _cycle_of(info, cycle_id)
        return (await info.context.snapshot(pk)).seq


@strawberry.type
class LiveSubscription:
    @strawberry.subscription
    async def board_events(
        self, info: Info, cycle_id: strawberry.ID, since: int | None = None
    ) -> AsyncGenerator[BoardEvent, None]:
        ctx = info.context
        actor, pk = await _cycle_of(info, cycle_id)
        if since is not None and since < 0:
            error = InvalidInput("since", "input.out_of_range", min=0, max="∞")
            raise _as_graphql_error(error, ctx.locale)
        assert ctx.user is not None
        feed, hub = get_feed(), get_hub()
        subscriber = await hub.subscribe(actor.org_id)
        try:
            last = -1 if since is None else since
            if since is not None:
                current = await feed.last_seq(actor.org_id)
                missed = await feed.read(actor.org_id, since, None)
                if since > current or len(missed) >= MAX_REPLAY:
                    yield ResyncRequired(reason="TOO_FAR_BEHIND", seq=current)
                    return
                await feed.enrich_many(missed)
                for event in missed:
                    last = event.seq
                    if event.cycle_id == pk and (typed := shared_typed(event, actor)) is not None:
                        yield typed
            # live events whose result others share go straight to the socket (in order:
            # a yield returns once its result was sent)
            direct = DirectFrames.for_current(info)
            while True:
                item = await subscriber.get()
                if isinstance(item, Resync):
                    yield ResyncRequired(reason=item.reason, seq=max(last, 0))
                    return
                if item.seq <= last:
                    continue  # already replayed from the log
                last = item.seq
                if item.kind.startswith(("team.", "user.")) and item.audience is not None:
                    actor = item.audience.directory.actor(ctx.user)  # memberships changed
                if item.cycle_id != pk or (typed := shared_typed(item, actor)) is None:
                    continue
                if direct is None or not await direct.send(typed):
                    yield typed
        finally:
            subscriber.close()

    @strawberry.subscription
    async def presence(
        self, info: Info, cycle_id: strawberry.ID
    ) -> AsyncGenerator[PresenceUpdate, None]:
        """Who is watching this board now; a new list whenever someone comes or goes."""
        actor, pk = await _cycle_of(info, cycle_id)
        presence = get_presence()
        changes = await presence.join(actor.org_id, pk, actor.user_id)
        try:
            last: list[int] | None = None
            while True:
                ids = await presence.who(actor.org_id, pk)
                if ids == last:
                    await changes.get()
                    continue
                last = ids
                users = await UserRow.filter(id__in=ids, organization_id=actor.org_id)
                yield PresenceUpdate(
                    cycle_id=cycle_id,
                    count=len(users),
                    watchers=[
                        Watcher(
                            id=strawberry.ID(encode("User", u.id)),
                            display_name=u.display_name,
                            handle=u.handle,
                        )
                        for u in users
                    ],
                )
                await changes.get()
        finally:
            await presence.leave(actor.org_id, pk, actor.user_id, changes)
