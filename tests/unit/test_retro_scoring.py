"""The retrospective's scores (DESIGN §4): the owner's final score with its reason, the peers'
mean, and the gap between them that is worth talking about."""

import pytest

from backend.domain.errors import InvalidInput
from backend.domain.scoring import final_score, gap_flagged, mean_score


@pytest.mark.parametrize(
    ("completion", "difficulty", "effort", "score", "reason", "final", "suggested", "kept"),
    [
        (0.7, 0.5, 0.5, None, None, 0.6, 0.6, ""),  # the suggestion stands
        (1.0, 0.5, 0.5, None, None, 0.8, 0.8, ""),
        (0.5, 0.9, 0.8, 0.6, None, 0.6, 0.6, ""),  # 0.3 + 0.18 + 0.16: the suggestion, given
        (0.7, 0.5, 0.5, 0.6, "  as suggested ", 0.6, 0.6, "as suggested"),
        (0.7, 0.5, 0.5, 0.9, "the target was set too low", 0.9, 0.6, "the target was set too low"),
        (0.0, 0.0, 0.0, 0.0, None, 0.0, 0.0, ""),
        (1.0, 1.0, 1.0, 1.0, None, 1.0, 1.0, ""),
    ],
)
def test_final_score(
    completion: float,
    difficulty: float,
    effort: float,
    score: float | None,
    reason: str | None,
    final: float,
    suggested: float,
    kept: str,
) -> None:
    scored = final_score(completion, difficulty, effort, score, reason)
    assert (scored.score, scored.suggested, scored.reason) == (final, suggested, kept)
    assert (scored.difficulty, scored.effort) == (difficulty, effort)


@pytest.mark.parametrize(
    ("completion", "difficulty", "effort", "score", "reason", "field", "key"),
    [
        (0.7, 0.5, 0.5, 0.9, None, "reason", "score.reason_required"),
        (0.7, 0.5, 0.5, 0.9, "   ", "reason", "score.reason_required"),
        (0.7, 0.5, 0.5, 0.9, "x" * 501, "reason", "input.too_long"),
        (0.7, 1.5, 0.5, None, None, "difficulty", "input.out_of_range"),
        (0.7, 0.5, -0.1, None, None, "effort", "input.out_of_range"),
        (0.7, float("nan"), 0.5, None, None, "difficulty", "input.not_finite"),
        (0.7, 0.5, 0.5, 0.65, "why not", "score", "input.one_decimal"),
        (0.7, 0.5, 0.5, 1.1, "why not", "score", "input.out_of_range"),
    ],
)
def test_refused_scores(
    completion: float,
    difficulty: float,
    effort: float,
    score: float | None,
    reason: str | None,
    field: str,
    key: str,
) -> None:
    with pytest.raises(InvalidInput) as refused:
        final_score(completion, difficulty, effort, score, reason)
    assert (refused.value.field, refused.value.key) == (field, key)


def test_the_reason_names_the_suggestion() -> None:
    with pytest.raises(InvalidInput) as refused:
        final_score(0.7, 0.5, 0.5, 0.9)
    assert refused.value.params == {"suggested": 0.6}


@pytest.mark.parametrize(
    ("scores", "mean"),
    [([], None), ([0.7], 0.7), ([0.6, 0.7], 0.7), ([0.3, 0.4, 0.4], 0.4), ([0.1, 0.2], 0.2)],
)
def test_the_peers_score_is_their_mean(scores: list[float], mean: float | None) -> None:
    assert mean_score(scores) == mean


@pytest.mark.parametrize(
    ("own", "peer", "flagged"),
    [
        (0.7, 0.4, True),
        (0.4, 0.7, True),
        (0.7, 0.5, False),
        (0.6, 0.1 + 0.2, True),  # 0.30000000000000004: still a gap of 0.3
        (0.9, 0.6, True),
        (1.0, 0.0, True),
        (None, 0.4, False),
        (0.7, None, False),
    ],
)
def test_a_gap_of_three_tenths_is_flagged(
    own: float | None, peer: float | None, flagged: bool
) -> None:
    assert gap_flagged(own, peer) is flagged
