"""The rating: the mildest AO3 rating that covers everything the other families found."""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..world import Span
from .cues import EXPLICIT_PATTERN, PROFANITY
from .model import Suggestion, evidence_of
from .vocabulary import EXPLICIT, GDOV, GENERAL, MATURE, MCD, RAPE, TEEN, UNDERAGE

MATURE_CONTENT = {"sexual content", "sexual violence", "gore"}
TEEN_CONTENT = {"violence", "suicide", "self-harm", "abuse", "drugs", "alcohol"}
HARD_DRUGS = re.compile(r"\b(?:heroin|cocaine|meth|overdose\w*|needle|fentanyl)\b", re.IGNORECASE)


def rating(
    text: str, warnings: Sequence[Suggestion], content: Sequence[Suggestion]
) -> Suggestion:
    warned = {w.tag: w for w in warnings}
    labels = {c.tag: c for c in content}
    explicit = [Span(m.start(), m.end()) for m in EXPLICIT_PATTERN.finditer(text)]
    if len(explicit) >= 3 or UNDERAGE in warned:
        return Suggestion("rating", EXPLICIT, 0.7, evidence_of(explicit))
    mature_reasons = [warned[w] for w in (GDOV, RAPE) if w in warned]
    mature_reasons += [labels[c] for c in MATURE_CONTENT if c in labels]
    if "drugs" in labels and HARD_DRUGS.search(text):
        mature_reasons.append(labels["drugs"])
    if mature_reasons:
        return _from("rating", MATURE, mature_reasons)
    teen_reasons = [warned[w] for w in (MCD,) if w in warned]
    teen_reasons += [labels[c] for c in TEEN_CONTENT if c in labels]
    swearing = [Span(m.start(), m.end()) for m in PROFANITY.finditer(text)]
    if teen_reasons or len(swearing) >= 2:
        suggestion = _from("rating", TEEN, teen_reasons) if teen_reasons else Suggestion("rating", TEEN, 0.6)
        if swearing:
            suggestion = Suggestion("rating", TEEN, suggestion.confidence, evidence_of([*suggestion.evidence, *swearing]))
        return suggestion
    return Suggestion("rating", GENERAL, 0.6)


def _from(family: str, tag: str, reasons: Sequence[Suggestion]) -> Suggestion:
    confidence = max(r.confidence for r in reasons)
    return Suggestion(family, tag, confidence, evidence_of(s for r in reasons for s in r.evidence))
