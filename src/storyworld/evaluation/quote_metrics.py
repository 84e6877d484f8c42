"""Quotation scores: span precision/recall/F1 (exact and overlap) and speaker accuracy.

Spans are half-open character spans ``(start, end)``. Corpora disagree on whether a quote's
span includes its quotation marks (LitBank: yes, PDNC: no), so before exact comparison both
gold and predicted spans are trimmed with :func:`trim_span`.
"""

from __future__ import annotations

import bisect
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass

from .coref_metrics import PRCounts, b_cubed, safe_divide
from .entity_metrics import SpanCounts, exact_counts

Span = tuple[int, int]

QUOTE_TRIM_CHARACTERS = frozenset("\"'`\u201c\u201d\u2018\u2019\u00ab\u00bb\u201e\u201f\u2039\u203a-\u2013\u2014")
"""Quotation marks, apostrophes, backticks and dashes stripped from span ends by trim_span."""


def trim_span(text: str, start: int, end: int) -> Span:
    """``(start, end)`` without whitespace, quotation marks or dashes at either end.

    A span made only of such characters collapses to an empty span.
    """
    while start < end and (text[start].isspace() or text[start] in QUOTE_TRIM_CHARACTERS):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in QUOTE_TRIM_CHARACTERS):
        end -= 1
    return (start, end)


def spans_overlap(a: Span, b: Span) -> bool:
    """True when the half-open spans share at least one character."""
    return a[0] < b[1] and b[0] < a[1]


def overlap_length(a: Span, b: Span) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def quote_span_counts(gold: Iterable[Span], predicted: Iterable[Span], mode: str = "exact") -> SpanCounts:
    """Span counts: ``exact`` (same start and end) or ``overlap`` (lenient).

    In ``overlap`` mode a gold span is recalled when some predicted span overlaps it, and a
    predicted span is precise when it overlaps some gold span (not one-to-one).
    """
    gold_set, predicted_set = set(gold), set(predicted)
    if mode == "exact":
        return exact_counts(gold_set, predicted_set)
    if mode != "overlap":
        raise ValueError(f"unknown quote matching mode {mode!r}; expected 'exact' or 'overlap'")
    matched_gold = _count_overlapping(sorted(gold_set), sorted(predicted_set))
    matched_predicted = _count_overlapping(sorted(predicted_set), sorted(gold_set))
    return SpanCounts(matched_gold, len(gold_set), matched_predicted, len(predicted_set))


def match_quotes(gold_quotes: Sequence[Sequence[Span]], predicted: Sequence[Span]) -> list[int | None]:
    """For each gold quote (its sub-spans), the index of the predicted span overlapping it most.

    Overlap is summed over the gold quote's sub-spans; ties go to the earliest predicted index.
    ``None`` when no predicted span overlaps the quote. Several gold quotes may pick the same
    predicted span.
    """
    index = _SpanIndex(predicted)
    result: list[int | None] = []
    for quote in gold_quotes:
        best: int | None = None
        best_overlap = 0
        for candidate in index.overlapping(quote):
            overlap = sum(overlap_length(part, predicted[candidate]) for part in quote)
            if overlap > best_overlap or (overlap == best_overlap > 0 and best is not None and candidate < best):
                best, best_overlap = candidate, overlap
        result.append(best)
    return result


@dataclass(frozen=True)
class AccuracyCounts:
    correct: int = 0
    total: int = 0

    def __add__(self, other: AccuracyCounts) -> AccuracyCounts:
        return AccuracyCounts(self.correct + other.correct, self.total + other.total)

    @property
    def accuracy(self) -> float:
        return safe_divide(self.correct, self.total)

    def as_dict(self) -> dict[str, float | int]:
        return {"accuracy": self.accuracy, "correct": self.correct, "total": self.total}


def speaker_accuracy(
    gold_speakers: Sequence[Hashable | None], predicted_speakers: Sequence[Hashable | None]
) -> AccuracyCounts:
    """Position-wise: correct when the predicted speaker is not None and equals the gold one.

    Both sequences list one entry per gold quote; ``predicted_speakers`` holds the gold-side
    identity of the predicted speaker (already mapped), or None when the quote was missed, had
    no speaker, or the speaker could not be mapped.
    """
    if len(gold_speakers) != len(predicted_speakers):
        raise ValueError("gold and predicted speaker lists differ in length")
    correct = sum(
        1 for gold, predicted in zip(gold_speakers, predicted_speakers)
        if predicted is not None and predicted == gold
    )
    return AccuracyCounts(correct, len(gold_speakers))


def speaker_b_cubed(
    gold_speakers: Sequence[Hashable | None], predicted_speakers: Sequence[Hashable | None]
) -> PRCounts:
    """B-cubed of the gold quotes clustered by speaker (BookNLP's speaker attribution metric).

    Both sequences list one entry per gold quote. The key groups the quotes by gold speaker; the
    response groups them by predicted speaker, *unmapped* (any predicted character id), so no
    name mapping is involved. A quote with no speaker (missed or unattributed) is left out of
    that side, like an unmatched mention in coreference: it earns nothing, so a system that
    attributes nothing scores 0 (were it a singleton, abstaining would earn precision).
    """
    if len(gold_speakers) != len(predicted_speakers):
        raise ValueError("gold and predicted speaker lists differ in length")
    return b_cubed(_group_by(gold_speakers), _group_by(predicted_speakers))


def _group_by(labels: Sequence[Hashable | None]) -> list[set[int]]:
    groups: dict[Hashable, set[int]] = {}
    for index, label in enumerate(labels):
        if label is not None:
            groups.setdefault(label, set()).add(index)
    return list(groups.values())


def _count_overlapping(spans: Sequence[Span], others: Sequence[Span]) -> int:
    index = _SpanIndex(others)
    return sum(
        1 for span in spans
        if any(spans_overlap(span, others[i]) for i in index.overlapping([span]))
    )


class _SpanIndex:
    """Predicted spans sorted by start, to find those overlapping a quote quickly."""

    def __init__(self, spans: Sequence[Span]) -> None:
        self._spans = spans
        self._order = sorted(range(len(spans)), key=lambda i: spans[i])
        self._starts = [spans[i][0] for i in self._order]
        self._longest = max((end - start for start, end in spans), default=0)

    def overlapping(self, quote: Sequence[Span]) -> list[int]:
        if not quote:
            return []
        quote_start = min(start for start, _ in quote)
        quote_end = max(end for _, end in quote)
        low = bisect.bisect_left(self._starts, quote_start - self._longest)
        high = bisect.bisect_left(self._starts, quote_end)
        return [
            self._order[position]
            for position in range(low, high)
            if self._spans[self._order[position]][1] > quote_start
        ]
