"""Entity span scores on small hand-worked examples."""

from __future__ import annotations

import pytest

from storyworld.evaluation.entity_metrics import SpanCounts, entity_counts, entity_scores, exact_counts

GOLD = {(0, 5, "PER"), (10, 20, "FAC"), (12, 20, "PER"), (30, 35, "GPE")}
PREDICTED = {(0, 5, "PER"), (10, 20, "PER"), (12, 20, "PER"), (40, 45, "PER")}


def test_labelled_exact_match() -> None:
    counts = entity_counts(GOLD, PREDICTED)
    # (0,5,PER) and (12,20,PER) match; (10,20) has the wrong label
    assert counts == SpanCounts(2, 4, 2, 4)
    assert counts.precision == counts.recall == counts.f1 == 0.5


def test_per_only() -> None:
    counts = entity_counts(GOLD, PREDICTED, {"PER"})
    assert counts == SpanCounts(2, 2, 2, 4)
    assert counts.recall == 1.0
    assert counts.precision == 0.5
    assert counts.f1 == pytest.approx(2 / 3)


def test_duplicates_count_once() -> None:
    assert exact_counts([(0, 1), (0, 1)], [(0, 1)]) == SpanCounts(1, 1, 1, 1)


def test_entity_scores_micro_average_and_by_label() -> None:
    result = entity_scores([(GOLD, PREDICTED), ({(0, 3, "LOC")}, set())])
    assert result["documents"] == 2
    assert result["all"]["gold"] == 5 and result["all"]["predicted"] == 4
    assert result["all"]["recall"] == pytest.approx(2 / 5)
    assert result["per"]["f1"] == pytest.approx(2 / 3)
    assert result["by_label"]["LOC"]["recall"] == 0.0
    assert result["by_label"]["FAC"]["gold"] == 1


def test_nothing_predicted_scores_zero() -> None:
    assert entity_counts(GOLD, set()).f1 == 0.0
