"""Reading a predicted :class:`storyworld.world.World` in the shapes the scorers take."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from ..world import World
from .quote_metrics import Span, trim_span

# storyworld mention kinds that count as entity mentions (LitBank's entity layer has no pronouns)
ENTITY_MENTION_KINDS = frozenset({"name", "title", "nominal"})


class Analyze(Protocol):
    """The system under evaluation: story text in, story world out."""

    def __call__(self, text: str) -> World: ...


class AnalyzeWithQuotes(Protocol):
    """The system given the gold quotation spans, to score speaker attribution alone."""

    def __call__(self, text: str, quote_spans: Sequence[tuple[int, int]]) -> World: ...


class Progress(Protocol):
    """Told ``(done, total, name)`` before each document is analysed, and once at the end."""

    def __call__(self, done: int, total: int, name: str) -> None: ...


def predicted_clusters(world: World) -> dict[str, set[Span]]:
    """Mention spans grouped by character id; a span claimed twice keeps its first character."""
    clusters: dict[str, set[Span]] = {}
    claimed: set[Span] = set()
    for mention in world.mentions:
        span = (mention.start, mention.end)
        if span in claimed or mention.end <= mention.start:
            continue
        claimed.add(span)
        clusters.setdefault(mention.character, set()).add(span)
    return clusters


def predicted_entity_spans(world: World, label: str = "PER") -> set[tuple[int, int, str]]:
    """Non-pronoun character mentions as labelled entity spans (every character is a PER)."""
    return {
        (m.start, m.end, label)
        for m in world.mentions
        if m.kind in ENTITY_MENTION_KINDS and m.end > m.start
    }


def predicted_quote_spans(world: World, text: str) -> list[Span]:
    """Each predicted quote's span trimmed with :func:`trim_span` (same order as world.quotes)."""
    return [trim_span(text, quote.start, quote.end) for quote in world.quotes]
