"""Content warnings: death, suicide, self-harm, violence, gore, sexual violence, abuse, alcohol,
drugs, sexual content (the vocabulary in ``vocabulary.CONTENT_LABELS``), each with evidence."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

from .cues import Hit, score
from .model import Suggestion, evidence_of

# Cue score a label needs; confidence grows with the score beyond it.
THRESHOLDS: dict[str, float] = {
    "death": 1.4,
    "suicide": 1.5,
    "self-harm": 1.5,
    "violence": 1.6,
    "gore": 1.8,
    "sexual violence": 2.0,
    "abuse": 1.5,
    "alcohol": 1.0,
    "drugs": 1.2,
    "sexual content": 2.0,
}


def content_warnings(hits: Mapping[str, Sequence[Hit]]) -> list[Suggestion]:
    """Content-warning suggestions from cue hits (``cues.find_hits``)."""
    found = []
    for label, threshold in THRESHOLDS.items():
        label_hits = _hits_for(label, hits)
        total = score(label_hits)
        if total >= threshold:
            confidence = 1.0 - 0.5 * math.exp(-(total - threshold) / threshold)
            strongest = sorted(label_hits, key=lambda h: -h.weight)
            found.append(
                Suggestion("content_warnings", label, confidence, evidence_of(h.span for h in strongest[:5]))
            )
    return found


def _hits_for(label: str, hits: Mapping[str, Sequence[Hit]]) -> list[Hit]:
    if label == "death":
        return [*hits.get("death_event", ()), *hits.get("death_reference", ())]
    if label == "violence":
        return [*hits.get("violence", ()), *hits.get("injury", ())]
    return list(hits.get(label, ()))
