"""A meeting's agenda from plain facts: what each kind of meeting asks, in what order, with what
ids; movement since the previous progress meeting; the facilitator's focus and its clock."""

from datetime import UTC, datetime, timedelta

import pytest

from backend.domain.agenda import (
    MAX_ITEMS,
    MOVERS,
    AgendaFacts,
    AgendaItem,
    Focus,
    KeyResultFacts,
    ObjectiveFacts,
    TaskFacts,
    build,
    objective_moved,
    progress_then,
    refocus,
    watch_kind,
)
from backend.domain.enums import (
    AgendaItemKind,
    MeetingKind,
    ObjectiveLevel,
    ObjectiveState,
    StatusReason,
    TrackStatus,
)

K = AgendaItemKind
L = ObjectiveLevel
S = ObjectiveState
T = TrackStatus
R = StatusReason


def o(
    id: int,
    level: ObjectiveLevel = L.PERSONAL,
    state: ObjectiveState = S.PUBLISHED,
    **kw: object,
) -> ObjectiveFacts:
    return ObjectiveFacts(
        id=id,
        title=f"O{id}",
        level=level,
        state=state,
        owner_id=100 + id,
        **kw,  # type: ignore[arg-type]
    )


def kr(id: int, objective_id: int, **kw: object) -> KeyResultFacts:
    return KeyResultFacts(id=id, objective_id=objective_id, title=f"KR{id}", **kw)  # type: ignore[arg-type]


def ids(items: list[AgendaItem]) -> list[str]:
    return [i.id for i in items]


# --- ROUNDTABLE -----------------------------------------------------------------------------


def test_roundtable_lists_the_drafts_with_their_writing_problems() -> None:
    facts = AgendaFacts(
        objectives=[
            o(1, state=S.DRAFT, hints=("NOT_MEASURABLE", "WEIGHTS")),
            o(2),  # published: settled already
            o(3, state=S.DRAFT),
        ]
    )
    items = build(MeetingKind.ROUNDTABLE, facts)
    assert ids(items) == ["draft-o1", "draft-o3"]
    assert items[0].hints == ("NOT_MEASURABLE", "WEIGHTS") and items[1].hints == ()
    assert (items[0].kind, items[0].title, items[0].owner_id) == (K.DRAFT, "O1", 101)


# --- CONSENSUS ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("objective", "expected"),
    [
        # aligned to nothing: every team and personal objective, drafts too
        (o(1, parent_id=None, committed=True), ["unaligned-o1"]),
        (o(1, state=S.DRAFT, parent_id=None, weights=(100,)), ["unaligned-o1"]),
        # a company objective aligns under nothing: never unaligned
        (o(1, L.COMPANY, parent_id=None, committed=False), []),
        # published and not committed (a company objective's owner is not asked)
        (o(1, parent_id=9, committed=False), ["uncommitted-o1"]),
        (o(1, L.TEAM, parent_id=9, committed=False), ["uncommitted-o1"]),
        (o(1, parent_id=9, committed=True), []),
        (o(1, state=S.DRAFT, parent_id=9, weights=(100,)), []),  # drafts commit later
        # a draft whose weights do not add up to 100 (or that has none)
        (o(1, state=S.DRAFT, parent_id=9, weights=(50, 30)), ["weights_off-o1"]),
        (o(1, state=S.DRAFT, parent_id=9, weights=()), ["weights_off-o1"]),
        (o(1, state=S.DRAFT, parent_id=9, weights=(60, 40.005)), []),  # within 0.01
        (o(1, parent_id=9, committed=True, weights=(50, 30)), []),  # published: not a draft
    ],
)
def test_consensus_open_points(objective: ObjectiveFacts, expected: list[str]) -> None:
    assert ids(build(MeetingKind.CONSENSUS, AgendaFacts(objectives=[objective]))) == expected


def test_consensus_order_and_weight_sum() -> None:
    facts = AgendaFacts(
        objectives=[
            o(1, state=S.DRAFT, parent_id=None, weights=(50, 30)),
            o(2, parent_id=None, committed=False),
        ]
    )
    items = build(MeetingKind.CONSENSUS, facts)
    # unaligned first, then uncommitted, then weights
    assert ids(items) == ["unaligned-o1", "unaligned-o2", "uncommitted-o2", "weights_off-o1"]
    assert items[-1].weight_sum == 80


@pytest.mark.parametrize(
    ("parent", "converted", "expected"),
    [
        (o(1, L.COMPANY), frozenset(), ["uncovered-k11", "uncovered-k12"]),
        (o(1, L.COMPANY), frozenset({11}), ["uncovered-k12"]),  # KR 11 was taken on
        (o(1, L.TEAM, parent_id=9, committed=True), frozenset({12}), ["uncovered-k11"]),
        (o(1, L.COMPANY, S.DRAFT), frozenset(), []),  # a draft parent: not settled yet
        (o(1, L.PERSONAL, parent_id=9, committed=True), frozenset(), []),  # nothing aligns to it
    ],
)
def test_consensus_uncovered_parent_key_results(
    parent: ObjectiveFacts, converted: frozenset[int], expected: list[str]
) -> None:
    facts = AgendaFacts(
        objectives=[parent],
        key_results=[kr(11, 1, owner_id=7), kr(12, 1)],
        converted_from=converted,
    )
    uncovered = [i for i in build(MeetingKind.CONSENSUS, facts) if i.kind is K.UNCOVERED_KEY_RESULT]
    assert ids(uncovered) == expected
    for item in uncovered:  # the KR's owner answers for it, else the objective's
        assert item.key_result_id is not None and item.objective_id == 1
        assert item.owner_id == (7 if item.key_result_id == 11 else 101)


# --- PROGRESS -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "reasons", "kind"),
    [
        (T.BEHIND, (R.BEHIND_SCHEDULE,), K.BEHIND),
        (T.BEHIND, (R.BEHIND_SCHEDULE, R.STALE), K.BEHIND),
        (T.AT_RISK, (R.LOW_CONFIDENCE,), K.AT_RISK),
        (T.AT_RISK, (R.STALE, R.OVERDUE), K.AT_RISK),
        (T.AT_RISK, (R.STALE,), K.STALE),  # silence is its only risk
        (T.AT_RISK, (), K.AT_RISK),
        (T.ON_TRACK, (), None),
        (T.DONE, (), None),
        (T.NOT_STARTED, (), None),
    ],
)
def test_why_a_progress_meeting_looks_at_an_objective(
    status: TrackStatus, reasons: tuple[StatusReason, ...], kind: AgendaItemKind | None
) -> None:
    assert watch_kind(o(1, status=status, reasons=reasons)) == kind


def test_progress_order_blocked_tasks_and_movers() -> None:
    facts = AgendaFacts(
        objectives=[
            o(1, status=T.AT_RISK, reasons=(R.STALE,)),
            o(2, status=T.BEHIND, reasons=(R.BEHIND_SCHEDULE,)),
            o(3, status=T.AT_RISK, reasons=(R.LOW_CONFIDENCE,)),
            o(4, status=T.ON_TRACK),
            o(5, state=S.DRAFT, status=T.BEHIND),  # drafts are not tracked
        ],
        blocked=[TaskFacts(40, 4, 41, "Waiting on legal", assignee_id=8)],
        moved={4: 0.25, 1: -0.4, 5: 0.9, 3: 0.005},
    )
    items = build(MeetingKind.PROGRESS, facts)
    assert ids(items) == ["behind-o2", "at_risk-o3", "stale-o1", "task-t40", "mover-o1", "mover-o4"]
    task = items[3]
    assert (task.kind, task.task_id, task.key_result_id, task.owner_id, task.title) == (
        K.BLOCKED_TASK,
        40,
        41,
        8,
        "Waiting on legal",
    )
    assert [i.delta for i in items[4:]] == [-0.4, 0.25]  # biggest either way first
    assert items[0].reasons == (R.BEHIND_SCHEDULE,) and items[0].status is T.BEHIND


def test_only_the_biggest_movers_ties_in_display_order() -> None:
    objectives = [o(i) for i in range(1, 10)]
    moved = {i: 0.1 for i in range(1, 10)} | {9: 0.5}
    items = build(MeetingKind.PROGRESS, AgendaFacts(objectives=objectives, moved=moved))
    assert ids(items) == ["mover-o9", "mover-o1", "mover-o2", "mover-o3", "mover-o4"]
    assert len(items) == MOVERS


@pytest.mark.parametrize(
    ("check_ins", "then"),
    [
        ([], None),  # never checked in: unchanged
        ([(-5, 0.2)], 0.2),
        ([(-5, 0.2), (-1, 0.3), (2, 0.6)], 0.3),  # the latest up to then
        ([(0, 0.4), (2, 0.6)], 0.4),  # at `since` counts
        ([(1, 0.4), (2, 0.6)], 0.0),  # first check-in after: it moved from nothing
        ([(-1, 0.3), (-1, 0.5)], 0.5),  # the same instant: the later one
    ],
)
def test_progress_at_the_previous_meeting(
    check_ins: list[tuple[int, float]], then: float | None
) -> None:
    since = datetime(2026, 3, 2, 9, tzinfo=UTC)
    history = [(since + timedelta(days=d), p) for d, p in check_ins]
    assert progress_then(history, since) == then


@pytest.mark.parametrize(
    ("key_results", "moved"),
    [
        ([(50, 0.6, 0.2), (50, 0.5, 0.5)], 0.2),
        ([(50, 0.6, 0.2), (50, 0.5, None)], 0.2),  # None: unchanged
        ([(0, 0.6, 0.2), (0, 0.0, 0.4)], 0.0),  # no weights: the plain mean
        ([(100, 0.1, 0.7)], -0.6),
        ([], 0.0),
    ],
)
def test_an_objective_moved_as_its_progress_is_weighted(
    key_results: list[tuple[float, float, float | None]], moved: float
) -> None:
    assert objective_moved(key_results) == pytest.approx(moved)


# --- RETROSPECTIVE --------------------------------------------------------------------------


def test_retrospective_lists_every_key_result_of_the_published_objectives() -> None:
    facts = AgendaFacts(
        objectives=[o(1), o(2, state=S.DRAFT)],
        key_results=[kr(11, 1, progress=0.8, score=0.7), kr(12, 1, owner_id=5), kr(21, 2)],
    )
    items = build(MeetingKind.RETROSPECTIVE, facts)
    assert ids(items) == ["score-k11", "score-k12"]
    assert (items[0].score, items[0].progress, items[0].owner_id) == (0.7, 0.8, 101)
    assert (items[1].score, items[1].owner_id) == (None, 5)


# --- kept with the meeting ------------------------------------------------------------------


def test_an_agenda_is_cut_at_its_limit() -> None:
    facts = AgendaFacts(objectives=[o(i, state=S.DRAFT) for i in range(MAX_ITEMS + 5)])
    assert len(build(MeetingKind.ROUNDTABLE, facts)) == MAX_ITEMS


@pytest.mark.parametrize(
    "item",
    [
        AgendaItem("draft-o1", K.DRAFT, 1, "Grow", 5, hints=("ACTIVITY",), progress=0.0),
        AgendaItem(
            "behind-o2",
            K.BEHIND,
            2,
            "Ship",
            6,
            progress=0.1,
            status=T.BEHIND,
            reasons=(R.BEHIND_SCHEDULE, R.STALE),
        ),
        AgendaItem("task-t3", K.BLOCKED_TASK, 2, "Call", None, key_result_id=4, task_id=3),
        AgendaItem("mover-o2", K.MOVER, 2, "Ship", 6, delta=-0.25),
        AgendaItem("weights_off-o7", K.WEIGHTS_OFF, 7, "Hire", 6, weight_sum=80.0),
        AgendaItem("score-k4", K.SCORE_KEY_RESULT, 2, "NPS", 6, key_result_id=4, score=0.0),
    ],
)
def test_an_item_reads_back_as_it_was_kept(item: AgendaItem) -> None:
    assert AgendaItem.from_json(item.to_json()) == item


# --- the focus ------------------------------------------------------------------------------

NOW = datetime(2026, 3, 9, 10, 0, tzinfo=UTC)
EARLIER = NOW - timedelta(seconds=95)
BEHIND = Focus("behind-o2", 2, EARLIER)


@pytest.mark.parametrize(
    ("current", "item", "objective", "focus", "left"),
    [
        # nothing open: the item opens now
        (None, "behind-o2", 2, Focus("behind-o2", 2, NOW), None),
        # another item: the one left is credited with the time it was open
        (BEHIND, "stale-o3", 3, Focus("stale-o3", 3, NOW), ("behind-o2", 95)),
        # the same item with another objective keeps its clock
        (BEHIND, "behind-o2", 9, Focus("behind-o2", 9, EARLIER), None),
        # closed: nothing open
        (BEHIND, None, None, None, ("behind-o2", 95)),
        # only an objective, no item: its own clock
        (Focus(None, 2, EARLIER), None, 2, Focus(None, 2, EARLIER), None),
        (Focus(None, 2, EARLIER), None, 3, Focus(None, 3, NOW), None),
        (BEHIND, None, 2, Focus(None, 2, NOW), ("behind-o2", 95)),
        # a clock never runs backwards (another server's time)
        (Focus("a", 1, NOW + timedelta(seconds=3)), "b", 1, Focus("b", 1, NOW), ("a", 0)),
        (None, None, None, None, None),
    ],
)
def test_moving_the_focus(
    current: Focus | None,
    item: str | None,
    objective: int | None,
    focus: Focus | None,
    left: tuple[str, int] | None,
) -> None:
    assert refocus(current, item, objective, NOW) == (focus, left)
