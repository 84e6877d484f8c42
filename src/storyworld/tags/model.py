"""Tag suggestions: a tag, its family, a confidence and the spans of text that support it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ..world import Span

MAX_EVIDENCE = 5


@dataclass(frozen=True)
class Suggestion:
    """One suggested tag. ``source``: "text", "metadata", "disclaimer", "gazetteer", "narration"."""

    family: str
    tag: str
    confidence: float
    evidence: tuple[Span, ...] = ()
    source: str = "text"

    def to_dict(self) -> dict[str, Any]:
        return {
            "family": self.family,
            "tag": self.tag,
            "confidence": round(self.confidence, 3),
            "evidence": [{"start": s.start, "end": s.end} for s in self.evidence],
            "source": self.source,
        }


def evidence_of(spans: Iterable[Span], limit: int = MAX_EVIDENCE) -> tuple[Span, ...]:
    """Distinct spans in text order, at most ``limit``."""
    unique = sorted(set(spans), key=lambda s: (s.start, s.end))
    return tuple(unique[:limit])
