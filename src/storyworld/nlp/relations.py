"""Relations stage (v1): who interacts with whom, weighted, with evidence.

Requires: quote attributions and character mentions with offsets, and the scene layout.
Assigns: undirected ``interaction`` relations. Talking counts one per quote; sharing a
paragraph counts a fifth; sharing a scene, only when neither happened, a tenth.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from ..world import Span

QUOTE_WEIGHT = 1.0
PARAGRAPH_WEIGHT = 0.2
SCENE_WEIGHT = 0.1
MAX_EVIDENCE = 8
MIN_WEIGHT = 0.2


@dataclass(frozen=True)
class Interaction:
    first: int
    second: int
    weight: float
    evidence: tuple[Span, ...]


@dataclass(frozen=True)
class SpokenLine:
    span: Span
    speaker: int | None
    addressee: int | None


def find_interactions(
    lines: Sequence[SpokenLine],
    mentions: Sequence[tuple[int, int, int]],
    paragraphs: Sequence[Span],
    scene_starts: Sequence[int],
) -> list[Interaction]:
    """Interactions between characters, strongest first. ``mentions``: (start, end, cast)."""
    weights: dict[tuple[int, int], float] = defaultdict(float)
    evidence: dict[tuple[int, int], list[Span]] = defaultdict(list)
    for line in lines:
        if line.speaker is None or line.addressee is None or line.speaker == line.addressee:
            continue
        pair = _pair(line.speaker, line.addressee)
        weights[pair] += QUOTE_WEIGHT
        _add_evidence(evidence[pair], line.span)
    for paragraph, present in _characters_by_region(mentions, paragraphs).items():
        for pair in _pairs(present):
            weights[pair] += PARAGRAPH_WEIGHT
            _add_evidence(evidence[pair], paragraphs[paragraph])
    for pair in _pairs_sharing_scenes(mentions, scene_starts):
        if pair not in weights:
            weights[pair] += SCENE_WEIGHT
    found = [
        Interaction(a, b, round(weight, 3), tuple(evidence[(a, b)]))
        for (a, b), weight in weights.items()
        if weight >= MIN_WEIGHT or evidence[(a, b)]
    ]
    return sorted(found, key=lambda i: (-i.weight, i.first, i.second))


def _pair(a: int, b: int) -> tuple[int, int]:
    return (a, b) if a < b else (b, a)


def _pairs(characters: set[int]) -> list[tuple[int, int]]:
    ordered = sorted(characters)
    return [(a, b) for i, a in enumerate(ordered) for b in ordered[i + 1 :]]


def _add_evidence(spans: list[Span], span: Span) -> None:
    if len(spans) < MAX_EVIDENCE and span not in spans:
        spans.append(span)


def _characters_by_region(
    mentions: Sequence[tuple[int, int, int]], regions: Sequence[Span]
) -> dict[int, set[int]]:
    starts = [r.start for r in regions]
    present: dict[int, set[int]] = defaultdict(set)
    for start, _end, character in mentions:
        index = bisect.bisect_right(starts, start) - 1
        if index >= 0 and start < regions[index].end:
            present[index].add(character)
    return present


def _pairs_sharing_scenes(
    mentions: Sequence[tuple[int, int, int]], scene_starts: Sequence[int]
) -> set[tuple[int, int]]:
    boundaries = sorted(set(scene_starts) | {0})
    scenes: dict[int, set[int]] = defaultdict(set)
    for start, _end, character in mentions:
        scenes[bisect.bisect_right(boundaries, start) - 1].add(character)
    shared: set[tuple[int, int]] = set()
    for present in scenes.values():
        if len(present) <= 12:
            shared.update(_pairs(present))
    return shared
