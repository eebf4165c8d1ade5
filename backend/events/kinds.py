"""The kinds of event the actions record, what each one carries, and the version it is written in.

The activity log keeps every event forever and live clients replay it, so a payload's shape is a
contract: each kind names its payload type (what is written, and what a reader may rely on) and
the version written now. Readers meet older versions in the log — a payload without `v` is
version 1 — and keep reading them; a change of shape bumps the kind's version.
"""

from dataclasses import dataclass
from enum import StrEnum
from typing import Any, NotRequired, TypedDict


class Topic(StrEnum):
    OBJECTIVE = "objective"
    KEY_RESULT = "key_result"
    TASK = "task"
    COMMENT = "comment"
    LIKE = "like"
    CYCLE = "cycle"
    TEAM = "team"
    USER = "user"
    ORGANIZATION = "organization"
    REACH = "reach"
    MEETING = "meeting"


class EventKind(StrEnum):
    OBJECTIVE_CREATED = "objective.created"
    OBJECTIVE_CHANGED = "objective.changed"
    OBJECTIVE_ALIGNED = "objective.aligned"
    OBJECTIVE_PUBLISHED = "objective.published"
    OBJECTIVE_ARCHIVED = "objective.archived"
    OBJECTIVE_RESTORED = "objective.restored"
    OBJECTIVE_WEIGHTS_CHANGED = "objective.weights_changed"
    OBJECTIVE_COMMITTED = "objective.committed"
    OBJECTIVE_REVIEWERS_CHANGED = "objective.reviewers_changed"
    OBJECTIVE_LESSONS_CHANGED = "objective.lessons_changed"
    OBJECTIVE_CARRIED_FORWARD = "objective.carried_forward"
    KEY_RESULT_CREATED = "key_result.created"
    KEY_RESULT_CHANGED = "key_result.changed"
    KEY_RESULT_ARCHIVED = "key_result.archived"
    KEY_RESULT_CHECKED_IN = "key_result.checked_in"
    CHECK_IN_CORRECTED = "key_result.check_in_corrected"
    CHECK_IN_WITHDRAWN = "key_result.check_in_withdrawn"
    KEY_RESULT_SCORED = "key_result.scored"
    KEY_RESULT_REVIEWED = "key_result.reviewed"
    TASK_CREATED = "task.created"
    TASK_CHANGED = "task.changed"
    TASK_DELETED = "task.deleted"
    TASK_RESTORED = "task.restored"
    COMMENT_ADDED = "comment.added"
    COMMENT_EDITED = "comment.edited"
    COMMENT_DELETED = "comment.deleted"
    LIKE_CHANGED = "like.changed"
    CYCLE_CREATED = "cycle.created"
    CYCLE_CHANGED = "cycle.changed"
    CYCLE_PHASE_CHANGED = "cycle.phase_changed"
    TEAM_CREATED = "team.created"
    TEAM_CHANGED = "team.changed"
    TEAM_MEMBERSHIP_CHANGED = "team.membership_changed"
    USER_CREATED = "user.created"
    USER_CHANGED = "user.changed"
    USER_INVITED = "user.invited"  # an invitation e-mailed (by an admin, or through the join link)
    USER_INVITATION_REVOKED = "user.invitation_revoked"
    USER_RESET_REQUESTED = "user.reset_requested"  # a password reset link e-mailed
    USER_PASSWORD_RESET = "user.password_reset"  # through that link: the other sessions end
    ORGANIZATION_CHANGED = "organization.changed"
    REACH_NOTIFIED = "reach.notified"  # a scheduled job told people (their inboxes, live)
    REACH_WEBHOOK_CHANGED = "reach.webhook_changed"  # a team's robot set up, edited or removed
    REACH_SETTINGS_CHANGED = "reach.settings_changed"  # the organization's reminder schedule
    ORGANIZATION_SSO_CHANGED = "organization.sso_changed"  # the organization's single sign-on
    MEETING_CREATED = "meeting.created"
    MEETING_CHANGED = "meeting.changed"  # time, facilitator, attendees
    MEETING_STARTED = "meeting.started"
    MEETING_ENDED = "meeting.ended"
    MEETING_AGENDA_BUILT = "meeting.agenda_built"  # built again: clients refetch the agenda
    MEETING_FOCUS_CHANGED = "meeting.focus_changed"
    MEETING_NOTES_CHANGED = "meeting.notes_changed"
    MEETING_DECISION_ADDED = "meeting.decision_added"
    MEETING_DECISION_CHANGED = "meeting.decision_changed"
    MEETING_DECISION_REMOVED = "meeting.decision_removed"

    @property
    def topic(self) -> Topic:
        return Topic(self.value.partition(".")[0])

    @property
    def change(self) -> str:
        """What happened to the topic: created, changed, archived…"""
        return self.value.partition(".")[2]

    @property
    def moves_people(self) -> bool:
        """Teams or people changed: who belongs where (and so who may see what) may have too."""
        return self.topic in (Topic.TEAM, Topic.USER) and self not in _LINKS_ONLY


# e-mailed links: nobody's account or team changes (yet)
_LINKS_ONLY = frozenset(
    {EventKind.USER_INVITED, EventKind.USER_INVITATION_REVOKED, EventKind.USER_RESET_REQUESTED}
)


class ViewKind(StrEnum):
    """What a subscriber receives instead of an event it may not see whole."""

    OBJECTIVE_REMOVED = "objective.removed"  # it could see the objective before, not after
    NUMBERS_CHANGED = "numbers.changed"  # a hidden change moved numbers it can see


# --- what the payloads are made of ---------------------------------------------------------


class Person(TypedDict):
    id: int
    displayName: str
    handle: str


class ObjectiveNumbers(TypedDict):
    progress: float
    status: str


class KeyResultNumbers(TypedDict):
    progress: float
    rawProgress: float
    expectedProgress: float
    status: str
    statusReasons: list[str]
    objectiveId: int
    weight: float
    # what it reports (a task-driven count: its done tasks); absent from older events
    currentValue: NotRequired[float | None]


class Numbers(TypedDict):
    """Absolute numbers of an objective, its key results and everything up its alignment
    chain (keys are ids as strings): applying them twice changes nothing."""

    objectives: dict[str, ObjectiveNumbers]
    keyResults: dict[str, KeyResultNumbers]


class KeyResultSummary(TypedDict):
    id: int
    objectiveId: int
    title: str
    kind: str
    unit: str
    startValue: float | None
    targetValue: float | None
    currentValue: float | None
    rangeMin: float | None
    rangeMax: float | None
    dueDate: str | None
    weight: float
    confidence: int | None
    progressSource: str
    archived: bool
    position: int


class ObjectiveSummary(TypedDict):
    id: int
    title: str
    level: str
    state: str
    visibility: str
    parentId: int | None
    sourceKeyResultId: int | None
    teamId: int | None
    version: int
    owner: Person
    keyResults: list[KeyResultSummary]


class Access(TypedDict):
    """Who could see an objective before a change that may hide it."""

    ownerId: int
    teamId: int | None
    visibility: str


class TaskSummary(TypedDict):
    id: int
    objectiveId: int
    keyResultId: int | None
    title: str
    description: str
    status: str
    dueDate: str | None
    position: int
    creatorId: int
    assignee: Person | None
    collaborators: list[Person]
    deleted: bool
    meetingId: NotRequired[int]  # an action item: the meeting that decided it


class CommentSummary(TypedDict):
    id: int
    targetType: str
    targetId: int
    objectiveId: int
    keyResultId: int | None
    taskId: int | None
    author: Person
    body: str
    mentions: list[Person]
    createdAt: str
    editedAt: str | None
    deleted: bool


class Notified(TypedDict):
    """A notification created or updated by the event (for the recipient's live inbox)."""

    userId: int
    notificationId: int


class CarriedFrom(TypedDict):
    objectiveId: int
    cycleId: int


class ScoreSummary(TypedDict):
    """A key result's score as the owner set it, with what the suggestion was then."""

    keyResultId: int
    objectiveId: int
    completion: float
    difficulty: float
    effort: float
    suggested: float
    score: float
    reason: str


class ReviewSummary(TypedDict):
    id: int
    keyResultId: int
    objectiveId: int
    reviewer: Person
    score: float
    comment: str
    updatedAt: str


class LessonsSummary(TypedDict):
    wentWell: str
    toImprove: str
    toCarryOn: str
    version: int


# --- the payloads ---------------------------------------------------------------------------


class ObjectivePayload(TypedDict):
    v: NotRequired[int]
    objective: ObjectiveSummary
    numbers: Numbers
    before: NotRequired[Access]
    weights: NotRequired[dict[str, float]]  # objective.weights_changed: key result id → weight
    carriedFrom: NotRequired[CarriedFrom]  # objective.carried_forward: the original


class KeyResultPayload(TypedDict):
    v: NotRequired[int]
    keyResult: KeyResultSummary
    numbers: Numbers


class CheckInPayload(TypedDict):
    v: NotRequired[int]
    keyResult: KeyResultSummary
    note: str
    numbers: Numbers


class TaskPayload(TypedDict):
    v: NotRequired[int]
    taskId: int
    status: str
    assigneeId: int | None
    task: TaskSummary
    numbers: NotRequired[Numbers]  # a task-driven key result moved
    collaboratorIds: NotRequired[list[int]]
    changed: NotRequired[list[str]]  # the input fields a change touched
    order: NotRequired[list[int]]  # after a move: the task and its siblings in order
    notified: NotRequired[list[Notified]]


class CommentPayload(TypedDict):
    v: NotRequired[int]
    commentId: int
    taskId: int | None
    targetType: str
    comment: CommentSummary
    mentionIds: NotRequired[list[int]]
    notified: NotRequired[list[Notified]]


class CyclePayload(TypedDict):
    v: NotRequired[int]
    name: str
    startsOn: NotRequired[str]
    endsOn: NotRequired[str]


class PhasePayload(TypedDict):
    v: NotRequired[int]
    phase: str
    previous: NotRequired[str]  # from version 2 on
    reason: NotRequired[str | None]
    notified: NotRequired[list[Notified]]


class CommitmentPayload(TypedDict):
    v: NotRequired[int]
    objectiveId: int
    ownerId: int
    committed: bool
    committedAt: str | None


class ReviewersPayload(TypedDict):
    v: NotRequired[int]
    objectiveId: int
    reviewers: list[Person]
    notified: NotRequired[list[Notified]]


class LessonsPayload(TypedDict):
    v: NotRequired[int]
    objectiveId: int
    lessons: LessonsSummary


class ScorePayload(TypedDict):
    v: NotRequired[int]
    keyResult: KeyResultSummary
    score: ScoreSummary
    objectiveScore: float | None  # the objective's, the suggestions standing in


class ReviewPayload(TypedDict):
    v: NotRequired[int]
    keyResult: KeyResultSummary
    review: ReviewSummary
    notified: NotRequired[list[Notified]]


class LikePayload(TypedDict):
    v: NotRequired[int]
    targetType: str  # Objective | KeyResult | CheckIn | Comment
    targetId: int
    objectiveId: int
    userId: int  # who liked or took the like back
    liked: bool
    count: int  # the item's likes now
    notified: NotRequired[list[Notified]]


class TeamPayload(TypedDict):
    v: NotRequired[int]
    teamId: int
    userId: NotRequired[int]  # team.membership_changed: whose membership
    member: NotRequired[bool]
    lead: NotRequired[bool]


class UserPayload(TypedDict):
    v: NotRequired[int]
    userId: int


class InvitationPayload(TypedDict):
    v: NotRequired[int]
    invitationId: int
    email: str
    joined: NotRequired[bool]  # asked for through the join link, not sent by an admin


class OrganizationPayload(TypedDict):
    v: NotRequired[int]


class NoticePayload(TypedDict):
    v: NotRequired[int]
    job: str
    notified: list[Notified]


class WebhookPayload(TypedDict):
    v: NotRequired[int]
    webhookId: int
    teamId: int
    change: str  # created | changed | deleted | paused | resumed


class MeetingSummary(TypedDict):
    id: int
    kind: str
    state: str
    teamId: int | None
    startsAt: str
    startedAt: str | None
    endedAt: str | None
    facilitator: Person
    attendees: list[Person]
    agendaBuiltAt: str | None


class MeetingPayload(TypedDict):
    v: NotRequired[int]
    meetingId: int
    meeting: MeetingSummary
    changed: NotRequired[list[str]]  # meeting.changed: the input fields it touched


class FocusState(TypedDict):
    itemId: str | None
    itemObjectiveId: int | None  # the open item's objective: who may see it sees the item
    objectiveId: int | None
    openedAt: str


class ItemTime(TypedDict):
    itemId: str
    objectiveId: int
    seconds: int  # the whole time the item has been open, all told


class FocusPayload(TypedDict):
    v: NotRequired[int]
    meetingId: int
    focus: FocusState | None
    left: NotRequired[ItemTime]  # the item the focus just left
    objectiveIds: list[int]  # every objective named above (the feed decides who sees them)


class NotesPayload(TypedDict):
    v: NotRequired[int]
    meetingId: int
    notes: str
    version: int
    editedBy: Person


class DecisionSummary(TypedDict):
    id: int
    text: str
    objectiveId: int | None
    agendaItemId: str | None
    author: Person
    createdAt: str
    editedAt: str | None


class DecisionPayload(TypedDict):
    v: NotRequired[int]
    meetingId: int
    decision: DecisionSummary
    objectiveIds: list[int]


Payload = (
    ObjectivePayload
    | KeyResultPayload
    | CheckInPayload
    | TaskPayload
    | CommentPayload
    | CyclePayload
    | PhasePayload
    | CommitmentPayload
    | ReviewersPayload
    | LessonsPayload
    | ScorePayload
    | ReviewPayload
    | LikePayload
    | TeamPayload
    | UserPayload
    | InvitationPayload
    | OrganizationPayload
    | NoticePayload
    | WebhookPayload
    | MeetingPayload
    | FocusPayload
    | NotesPayload
    | DecisionPayload
)


@dataclass(frozen=True, slots=True)
class KindSpec:
    payload: Any  # the payload's TypedDict
    version: int = 1


_OBJECTIVE = KindSpec(ObjectivePayload)
_KEY_RESULT = KindSpec(KeyResultPayload)
_TASK = KindSpec(TaskPayload, version=2)  # v2: task.meetingId names an action item's meeting
_COMMENT = KindSpec(CommentPayload)
_TEAM = KindSpec(TeamPayload)
_USER = KindSpec(UserPayload)
_MEETING = KindSpec(MeetingPayload)
_DECISION = KindSpec(DecisionPayload)

KINDS: dict[EventKind, KindSpec] = {
    EventKind.OBJECTIVE_CREATED: _OBJECTIVE,
    EventKind.OBJECTIVE_CHANGED: _OBJECTIVE,
    EventKind.OBJECTIVE_ALIGNED: _OBJECTIVE,
    EventKind.OBJECTIVE_PUBLISHED: _OBJECTIVE,
    EventKind.OBJECTIVE_ARCHIVED: _OBJECTIVE,
    EventKind.OBJECTIVE_RESTORED: _OBJECTIVE,
    EventKind.OBJECTIVE_WEIGHTS_CHANGED: _OBJECTIVE,
    EventKind.OBJECTIVE_COMMITTED: KindSpec(CommitmentPayload),
    EventKind.OBJECTIVE_REVIEWERS_CHANGED: KindSpec(ReviewersPayload),
    EventKind.OBJECTIVE_LESSONS_CHANGED: KindSpec(LessonsPayload),
    EventKind.OBJECTIVE_CARRIED_FORWARD: _OBJECTIVE,
    EventKind.KEY_RESULT_CREATED: _KEY_RESULT,
    EventKind.KEY_RESULT_CHANGED: _KEY_RESULT,
    EventKind.KEY_RESULT_ARCHIVED: _KEY_RESULT,
    EventKind.KEY_RESULT_CHECKED_IN: KindSpec(CheckInPayload),
    # note: the reason (withdrawn) or the corrected note
    EventKind.CHECK_IN_CORRECTED: KindSpec(CheckInPayload),
    EventKind.CHECK_IN_WITHDRAWN: KindSpec(CheckInPayload),
    EventKind.KEY_RESULT_SCORED: KindSpec(ScorePayload),
    EventKind.KEY_RESULT_REVIEWED: KindSpec(ReviewPayload),
    EventKind.TASK_CREATED: _TASK,
    EventKind.TASK_CHANGED: _TASK,
    EventKind.TASK_DELETED: _TASK,
    EventKind.TASK_RESTORED: _TASK,
    EventKind.COMMENT_ADDED: _COMMENT,
    EventKind.COMMENT_EDITED: _COMMENT,
    EventKind.COMMENT_DELETED: _COMMENT,
    EventKind.LIKE_CHANGED: KindSpec(LikePayload),
    EventKind.CYCLE_CREATED: KindSpec(CyclePayload),
    EventKind.CYCLE_CHANGED: KindSpec(CyclePayload),
    # 2: the phase left, the reason and who was notified
    EventKind.CYCLE_PHASE_CHANGED: KindSpec(PhasePayload, version=2),
    EventKind.TEAM_CREATED: _TEAM,
    EventKind.TEAM_CHANGED: _TEAM,
    EventKind.TEAM_MEMBERSHIP_CHANGED: _TEAM,
    EventKind.USER_CREATED: _USER,
    EventKind.USER_CHANGED: _USER,
    EventKind.USER_INVITED: KindSpec(InvitationPayload),
    EventKind.USER_INVITATION_REVOKED: KindSpec(InvitationPayload),
    EventKind.USER_RESET_REQUESTED: _USER,
    EventKind.USER_PASSWORD_RESET: _USER,
    EventKind.ORGANIZATION_CHANGED: KindSpec(OrganizationPayload),
    EventKind.REACH_NOTIFIED: KindSpec(NoticePayload),
    EventKind.REACH_WEBHOOK_CHANGED: KindSpec(WebhookPayload),
    EventKind.REACH_SETTINGS_CHANGED: KindSpec(OrganizationPayload),
    EventKind.ORGANIZATION_SSO_CHANGED: KindSpec(OrganizationPayload),
    EventKind.MEETING_CREATED: _MEETING,
    EventKind.MEETING_CHANGED: _MEETING,
    EventKind.MEETING_STARTED: _MEETING,
    EventKind.MEETING_ENDED: _MEETING,
    EventKind.MEETING_AGENDA_BUILT: _MEETING,
    EventKind.MEETING_FOCUS_CHANGED: KindSpec(FocusPayload),
    EventKind.MEETING_NOTES_CHANGED: KindSpec(NotesPayload),
    EventKind.MEETING_DECISION_ADDED: _DECISION,
    EventKind.MEETING_DECISION_CHANGED: _DECISION,
    EventKind.MEETING_DECISION_REMOVED: _DECISION,
}


def stamped(kind: EventKind, payload: Payload) -> dict[str, Any]:
    """The payload as written to the log: checked against its kind's type (a payload built for
    another kind fails here, in the tests of the action that writes it) and stamped with the
    version it is written in."""
    spec = KINDS[kind]
    keys = payload.keys()
    missing = spec.payload.__required_keys__ - keys
    unknown = keys - spec.payload.__required_keys__ - spec.payload.__optional_keys__
    if missing or unknown:
        raise TypeError(f"{kind} payload: missing {sorted(missing)}, unknown {sorted(unknown)}")
    return {**payload, "v": spec.version}
