"""The phase table: what each of the four meetings (and a closed cycle) allows, and how a cycle
moves between phases."""

import pytest

from backend.domain.enums import CyclePhase, Locale
from backend.domain.errors import Forbidden, InvalidInput
from backend.domain.messages import translate
from backend.domain.phases import (
    ALLOWED,
    ORDER,
    Activity,
    allows,
    check_in_open,
    checked_move,
    phases_allowing,
    require,
)

D, A, T, R, C = ORDER
A_ = Activity

# activity: the phases that allow it (DESIGN §3)
TABLE: dict[Activity, set[CyclePhase]] = {
    A_.WRITE_DRAFT: {D, A, T, R},
    A_.EDIT_PUBLISHED: {D, A, T},
    A_.PUBLISH: {A, T, R},
    A_.ARCHIVE: {D, A, T, R},
    A_.COMMIT: {A, T},
    A_.CHECK_IN: {T, R},
    A_.MANAGE_TASKS: {D, A, T, R},
    A_.HOLD_MEETING: {D, A, T, R},
    A_.SCORE: {R},
    A_.PEER_REVIEW: {R},
    A_.WRITE_LESSONS: {R},
    A_.COMMENT: {D, A, T, R, C},
    A_.LIKE: {D, A, T, R, C},
    A_.CARRY_FROM: {R, C},
    A_.CARRY_INTO: {D, A, T},
}


def test_the_table_covers_every_activity_and_phase() -> None:
    assert set(TABLE) == set(Activity)
    assert set(ALLOWED) == set(CyclePhase) == set(ORDER)


@pytest.mark.parametrize("activity", list(Activity))
@pytest.mark.parametrize("phase", ORDER)
def test_each_phase_allows_what_the_method_says(phase: CyclePhase, activity: Activity) -> None:
    assert allows(phase, activity) is (phase in TABLE[activity])
    if phase in TABLE[activity]:
        require(phase, activity)
    else:
        with pytest.raises(Forbidden):
            require(phase, activity)


def test_a_closed_cycle_is_read_only_but_for_comments_and_likes() -> None:
    assert ALLOWED[C] - {A_.CARRY_FROM} == {A_.COMMENT, A_.LIKE}


@pytest.mark.parametrize(
    ("phase", "activity", "locale", "message"),
    [
        (
            D,
            A_.CHECK_IN,
            Locale.EN,
            "You can't update progress while the cycle is in drafting (roundtable); that happens "
            "in: progress tracking, retrospective.",
        ),
        (
            D,
            A_.CHECK_IN,
            Locale.ZH_CN,
            "当前周期处于起草（圆桌会）阶段，不能更新进度；可以在以下阶段进行：推进（推进会）、复盘（复盘会）。",
        ),
        (
            T,
            A_.SCORE,
            Locale.EN,
            "You can't score key results while the cycle is in progress tracking; that happens in: "
            "retrospective.",
        ),
        (
            C,
            A_.CHECK_IN,
            Locale.EN,
            "This cycle is closed and read-only (comments and likes aside): you can't update "
            "progress.",
        ),
        (C, A_.PUBLISH, Locale.ZH_CN, "此周期已关闭，只读（仍可评论和点赞），不能发布目标。"),
    ],
)
def test_a_refusal_says_which_phase_allows_it(
    phase: CyclePhase, activity: Activity, locale: Locale, message: str
) -> None:
    with pytest.raises(Forbidden) as refused:
        require(phase, activity)
    assert refused.value.code == "FORBIDDEN"
    assert translate(refused.value.key, locale, refused.value.params) == message


@pytest.mark.parametrize("activity", list(Activity))
def test_every_activity_is_allowed_somewhere(activity: Activity) -> None:
    assert phases_allowing(activity)


@pytest.mark.parametrize(
    ("phase", "scored", "open_"),
    [
        (D, False, False),
        (A, False, False),
        (T, False, True),
        (T, True, True),
        (R, False, True),
        (R, True, False),
        (C, False, False),
    ],
)
def test_late_check_ins_until_the_key_result_is_scored(
    phase: CyclePhase, scored: bool, open_: bool
) -> None:
    assert check_in_open(phase, scored=scored) is open_


@pytest.mark.parametrize(
    ("current", "target", "reason", "kept"),
    [
        (D, A, None, None),
        (A, T, "  consensus reached ", "consensus reached"),
        (T, R, "", None),
        (R, C, None, None),
        (A, D, "two teams still disagree", "two teams still disagree"),
        (R, T, "late numbers from sales", "late numbers from sales"),
    ],
)
def test_one_step_forward_or_one_step_back_with_a_reason(
    current: CyclePhase, target: CyclePhase, reason: str | None, kept: str | None
) -> None:
    assert checked_move(current, target, reason) == kept


@pytest.mark.parametrize(
    ("current", "target", "reason", "key"),
    [
        (D, T, None, "phase.one_step"),  # skipping consensus
        (D, C, "done", "phase.one_step"),
        (T, D, "redo", "phase.one_step"),  # two steps back
        (A, D, None, "input.required"),  # back without a reason
        (A, D, "   ", "input.required"),
        (A, D, "x" * 501, "input.too_long"),
        (T, T, None, "phase.one_step"),  # no move at all
        (C, R, "reopen", "phase.closed_for_good"),
    ],
)
def test_refused_moves(
    current: CyclePhase, target: CyclePhase, reason: str | None, key: str
) -> None:
    with pytest.raises(InvalidInput) as refused:
        checked_move(current, target, reason)
    assert refused.value.key == key
    assert refused.value.field in ("phase", "reason")
