"""Quote span scores, quote matching and speaker accuracy on small examples."""

from __future__ import annotations

import pytest

from storyworld.evaluation.entity_metrics import SpanCounts
from storyworld.evaluation.quote_metrics import (
    AccuracyCounts,
    match_quotes,
    quote_span_counts,
    speaker_accuracy,
    trim_span,
)


def test_trim_span_strips_marks_whitespace_and_dashes() -> None:
    text = 'He said, \u201cCome here!\u201d and \u2018 Oh dear ! \u2019 -- Go --'
    start = text.index("\u201c")
    assert text[slice(*trim_span(text, start, text.index("\u201d") + 1))] == "Come here!"
    start = text.index("\u2018")
    assert text[slice(*trim_span(text, start, text.index("\u2019") + 1))] == "Oh dear !"
    start = text.index("-- Go")
    assert text[slice(*trim_span(text, start, len(text)))] == "Go"
    start, end = trim_span('" "', 0, 3)
    assert start == end


def test_exact_and_overlap_counts() -> None:
    gold = [(0, 10), (20, 30), (40, 50)]
    predicted = [(0, 10), (22, 28), (60, 70)]
    assert quote_span_counts(gold, predicted, "exact") == SpanCounts(1, 3, 1, 3)
    overlap = quote_span_counts(gold, predicted, "overlap")
    assert overlap == SpanCounts(2, 3, 2, 3)
    # one long prediction covering two gold quotes: both recalled, one precise prediction
    assert quote_span_counts(gold, [(5, 45)], "overlap") == SpanCounts(3, 3, 1, 1)
    # touching spans do not overlap (half-open)
    assert quote_span_counts([(0, 10)], [(10, 20)], "overlap") == SpanCounts(0, 1, 0, 1)
    with pytest.raises(ValueError):
        quote_span_counts(gold, predicted, "fuzzy")


def test_match_quotes_prefers_largest_overlap_then_earliest() -> None:
    gold = [[(0, 10), (20, 30)], [(40, 50)], [(60, 70)], [(80, 90)]]
    predicted = [(0, 3), (18, 31), (45, 48), (41, 44), (100, 110)]
    # quote 0: 3 chars with #0, 10 with #1; quote 1: 3 chars with #2 and #3 -> earliest index #2
    assert match_quotes(gold, predicted) == [1, 2, None, None]
    assert match_quotes(gold, []) == [None, None, None, None]


def test_speaker_accuracy() -> None:
    counts = speaker_accuracy(["a", "b", "c", "a"], ["a", None, "b", "a"])
    assert counts == AccuracyCounts(2, 4)
    assert counts.accuracy == 0.5
    assert (counts + AccuracyCounts(2, 0)).accuracy == 1.0
    with pytest.raises(ValueError):
        speaker_accuracy(["a"], [])
