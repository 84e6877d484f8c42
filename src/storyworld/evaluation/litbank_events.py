"""LitBank's realis event layer: which tokens are events told as actually happening.

Gold: ``litbank/events/tsv/<id>.tsv`` (one token a line, ``EVENT`` or ``O``; the same tokens as
the coreference layer). Predicted: :func:`storyworld.nlp.events.realis_triggers` over the
document's text (the learned model of :mod:`storyworld.nlp.realis`, trained on the ``train``
part; ``STORYWORLD_RULES_ONLY=1`` scores the rules instead). Scored per token: precision,
recall and F1 of ``EVENT`` (BookNLP's published figure for this task: 70.6 F1 small, 74.1
big). Documents: the ``events`` split (ACL 2019).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..nlp.events import realis_triggers
from ..nlp.pipeline import parse
from .litbank import load_litbank_document, litbank_root
from .splits import litbank_split


def gold_event_spans(doc_id: str, root: Path | None = None) -> tuple[set[tuple[int, int]], str]:
    """Character spans (in the original text) of the gold event tokens, and that text."""
    document = load_litbank_document(doc_id, root)
    rows = [
        line.split("\t")
        for line in (litbank_root(root) / "events" / "tsv" / f"{doc_id}.tsv").read_text(encoding="utf-8").split("\n")
        if line.strip()
    ]
    if len(rows) != len(document.token_spans):
        raise ValueError(f"{doc_id}: {len(rows)} event rows for {len(document.token_spans)} tokens")
    spans = {tuple(span) for row, span in zip(rows, document.token_spans) if row[1] == "EVENT"}
    return spans, document.text  # type: ignore[return-value]


def evaluate_litbank_events(
    part: str,
    *,
    nlp: Any = None,
    root: Path | None = None,
    progress: Callable[[int, int, str], None] | None = None,
) -> dict[str, Any]:
    """Token-level precision, recall and F1 of realis events on one split part."""
    ids = litbank_split("events", part)
    true_positives = false_positives = false_negatives = 0
    for done, doc_id in enumerate(ids):
        if progress is not None:
            progress(done, len(ids), doc_id)
        gold, text = gold_event_spans(doc_id, root)
        doc = parse(text, nlp)
        predicted = {(t.idx, t.idx + len(t)) for t in realis_triggers(doc)}
        true_positives += len(predicted & gold)
        false_positives += len(predicted - gold)
        false_negatives += len(gold - predicted)
    precision = true_positives / (true_positives + false_positives) if true_positives + false_positives else 0.0
    recall = true_positives / (true_positives + false_negatives) if true_positives + false_negatives else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "dataset": "litbank-events",
        "part": part,
        "documents": len(ids),
        "events": {"precision": precision, "recall": recall, "f1": f1,
                   "true_positives": true_positives, "false_positives": false_positives,
                   "false_negatives": false_negatives},
    }
