"""Entity span scores: precision, recall and F1 of exactly matching (start, end, label) spans.

Spans are half-open character spans. Gold and predicted spans are compared as sets, so a
span listed twice counts once. Over several documents the counts are summed (micro average).
"""

from __future__ import annotations

from collections.abc import Collection, Hashable, Iterable
from dataclasses import dataclass
from typing import Any

from .coref_metrics import f1_score, safe_divide

LabeledSpan = tuple[int, int, str]


@dataclass(frozen=True)
class SpanCounts:
    """Matched and total gold and predicted items, summable across documents.

    For exact matching ``matched_gold == matched_predicted`` (the true positives); lenient
    matching may match a different number on each side.
    """

    matched_gold: int = 0
    gold: int = 0
    matched_predicted: int = 0
    predicted: int = 0

    def __add__(self, other: SpanCounts) -> SpanCounts:
        return SpanCounts(
            self.matched_gold + other.matched_gold,
            self.gold + other.gold,
            self.matched_predicted + other.matched_predicted,
            self.predicted + other.predicted,
        )

    @property
    def precision(self) -> float:
        return safe_divide(self.matched_predicted, self.predicted)

    @property
    def recall(self) -> float:
        return safe_divide(self.matched_gold, self.gold)

    @property
    def f1(self) -> float:
        return f1_score(self.precision, self.recall)

    def as_dict(self) -> dict[str, float | int]:
        return {
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
            "matched_gold": self.matched_gold,
            "gold": self.gold,
            "matched_predicted": self.matched_predicted,
            "predicted": self.predicted,
        }


def exact_counts(gold: Iterable[Hashable], predicted: Iterable[Hashable]) -> SpanCounts:
    """Counts for exact matching of any hashable items (spans, labelled spans)."""
    gold_set, predicted_set = set(gold), set(predicted)
    matched = len(gold_set & predicted_set)
    return SpanCounts(matched, len(gold_set), matched, len(predicted_set))


def entity_counts(
    gold: Iterable[LabeledSpan],
    predicted: Iterable[LabeledSpan],
    labels: Collection[str] | None = None,
) -> SpanCounts:
    """Exact (start, end, label) matching, keeping only ``labels`` on both sides if given."""
    if labels is None:
        return exact_counts(gold, predicted)
    return exact_counts(
        (span for span in gold if span[2] in labels),
        (span for span in predicted if span[2] in labels),
    )


def entity_scores(
    documents: Iterable[tuple[Iterable[LabeledSpan], Iterable[LabeledSpan]]],
) -> dict[str, Any]:
    """Micro-averaged entity scores over ``(gold, predicted)`` document pairs.

    ``all``: every label; ``per``: PER spans only on both sides; ``by_label``: one entry per
    label seen in gold or predictions.
    """
    totals = {"all": SpanCounts(), "per": SpanCounts()}
    by_label: dict[str, SpanCounts] = {}
    document_count = 0
    for gold, predicted in documents:
        gold_set, predicted_set = set(gold), set(predicted)
        document_count += 1
        totals["all"] = totals["all"] + entity_counts(gold_set, predicted_set)
        totals["per"] = totals["per"] + entity_counts(gold_set, predicted_set, {"PER"})
        for label in sorted({s[2] for s in gold_set} | {s[2] for s in predicted_set}):
            counts = entity_counts(gold_set, predicted_set, {label})
            by_label[label] = by_label.get(label, SpanCounts()) + counts
    return {
        "all": totals["all"].as_dict(),
        "per": totals["per"].as_dict(),
        "by_label": {label: counts.as_dict() for label, counts in sorted(by_label.items())},
        "documents": document_count,
    }
