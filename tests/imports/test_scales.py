"""Answer labels placed on the framework's scale, spread evenly and rounded."""

from __future__ import annotations

from trustboard.domain.framework import Framework, RatingScale, ScaleStep
from trustboard.services.imports.scales import COMMON_SCALES, guess_labels

ONE_TO_FIVE = RatingScale(tuple(ScaleStep(v, str(v)) for v in range(1, 6)))
ZERO_TO_TEN = RatingScale(tuple(ScaleStep(v, str(v)) for v in range(0, 11)))


def test_five_point_agreement_maps_one_to_one() -> None:
    labels = COMMON_SCALES["agreement"]
    assert dict(guess_labels(labels, ONE_TO_FIVE)) == dict(zip(labels, range(1, 6), strict=True))


def test_four_and_seven_point_scales_spread_and_round() -> None:
    # 4 labels on 1–5: 1, 2.33, 3.67, 5 -> 1, 2, 4, 5
    four = guess_labels(COMMON_SCALES["agreement-4"], ONE_TO_FIVE)
    assert [v for _, v in four] == [1, 2, 4, 5]
    # 7 labels on 1–5: 1, 1.67, 2.33, 3, 3.67, 4.33, 5 -> 1, 2, 2, 3, 4, 4, 5
    seven = guess_labels(COMMON_SCALES["agreement-7"], ONE_TO_FIVE)
    assert [v for _, v in seven] == [1, 2, 2, 3, 4, 4, 5]
    # 5 labels on 0–10: 0, 2.5, 5, 7.5, 10 -> halves round up
    assert [v for _, v in guess_labels(COMMON_SCALES["quality"], ZERO_TO_TEN)] == [0, 3, 5, 8, 10]


def test_case_spaces_numbers_skips_and_unplaced_labels() -> None:
    answers = ["  strongly   AGREE", "5 - Strongly agree", "Neutral", "Don’t know", "N/A",
               "Prefer not to say", "Banana"]  # fmt: skip
    found = dict(guess_labels(answers, ONE_TO_FIVE))
    assert found == {
        "  strongly   AGREE": 5,
        "5 - Strongly agree": 5,
        "Neutral": 3,
        "Don’t know": None,
        "N/A": None,
        "Prefer not to say": None,
    }


def test_the_frameworks_own_labels_map_to_their_steps(rtx: Framework) -> None:
    assert dict(guess_labels(["Patchy", "exemplary", "Often"], rtx.scale)) == {
        "Patchy": 2,
        "exemplary": 5,
    }


def test_the_scale_matching_most_answers_wins() -> None:
    found = dict(guess_labels(["Never", "Often", "Always", "Good"], ONE_TO_FIVE))
    assert found == {"Never": 1, "Often": 4, "Always": 5}
