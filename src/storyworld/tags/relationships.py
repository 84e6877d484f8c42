"""Relationship tags ("A/B" romantic, "A & B" platonic) and AO3 categories.

Typed relations from the relations stage come first (``romance`` -> "A/B"; ``friendship``,
``family``, ``mentorship``, ``team`` -> "A & B"). Where the stage found only interactions,
romance cues (kisses, "I love you", husband/wife) in paragraphs where both appear make "A/B",
and strong interactions make "A & B".
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from collections.abc import Sequence

from ..text import paragraph_spans
from ..world import Span, World
from .model import Suggestion, evidence_of

ROMANCE_CUE = re.compile(
    r"\bkiss(?:ed|es|ing)?\b|\bI\s+love\s+you\b|\bin\s+love\b|\b(?:husband|wife|boyfriend|girlfriend|fiancée?)\b|"
    r"\bmade\s+love\b|\bheld\s+hands\b|\bcrush\b|\bdate\b",
    re.IGNORECASE,
)
PLATONIC_TYPES = ("friendship", "family", "mentorship", "team")
MIN_PLATONIC_WEIGHT = 1.5
MAX_RELATIONSHIPS = 6


def relationship_tags(world: World, names: dict[str, str]) -> list[Suggestion]:
    found: dict[tuple[str, str], Suggestion] = {}
    for relation in world.relations:
        if relation.source not in names or relation.target not in names or relation.source == relation.target:
            continue
        pair = _pair(relation.source, relation.target)
        if relation.type == "romance":
            _keep(found, pair, Suggestion("relationships", _tag(names, pair, "/"), 0.8, evidence_of(relation.evidence)))
        elif relation.type in PLATONIC_TYPES:
            _keep(found, pair, Suggestion("relationships", _tag(names, pair, " & "), 0.7, evidence_of(relation.evidence)))
    for pair, spans in _romance_cues(world).items():
        if pair[0] in names and pair[1] in names and (pair not in found or " & " in found[pair].tag):
            found[pair] = Suggestion(
                "relationships", _tag(names, pair, "/"), min(0.9, 0.5 + 0.15 * len(spans)), evidence_of(spans)
            )
    for relation in world.relations:
        if relation.type != "interaction" or relation.weight < MIN_PLATONIC_WEIGHT:
            continue
        if relation.source not in names or relation.target not in names or relation.source == relation.target:
            continue
        pair = _pair(relation.source, relation.target)
        if pair not in found:
            confidence = min(0.75, 0.35 + 0.1 * relation.weight)
            found[pair] = Suggestion("relationships", _tag(names, pair, " & "), confidence, evidence_of(relation.evidence))
    ordered = sorted(found.values(), key=lambda s: -s.confidence)
    return [s for s in ordered if "the narrator" not in s.tag][:MAX_RELATIONSHIPS]


def _pair(a: str, b: str) -> tuple[str, str]:
    return (a, b) if int(a[1:]) < int(b[1:]) else (b, a)


def _tag(names: dict[str, str], pair: tuple[str, str], joiner: str) -> str:
    return joiner.join(names[c] for c in pair)


def _keep(found: dict[tuple[str, str], Suggestion], pair: tuple[str, str], suggestion: Suggestion) -> None:
    current = found.get(pair)
    if current is None or ("/" in suggestion.tag and "/" not in current.tag) or suggestion.confidence > current.confidence:
        found[pair] = suggestion


def _romance_cues(world: World) -> dict[tuple[str, str], list[Span]]:
    """Pairs of characters named or referred to in a paragraph with a romance cue."""
    text = world.work.text
    paragraphs = paragraph_spans(text)
    starts = [p.start for p in paragraphs]
    present: dict[int, set[str]] = defaultdict(set)
    for mention in world.mentions:
        index = bisect.bisect_right(starts, mention.start) - 1
        if index >= 0:
            present[index].add(mention.character)
    result: dict[tuple[str, str], list[Span]] = defaultdict(list)
    for match in ROMANCE_CUE.finditer(text):
        index = bisect.bisect_right(starts, match.start()) - 1
        people = sorted(present.get(index, ()), key=lambda c: int(c[1:]))
        if len(people) == 2:
            result[_pair(*people)].append(Span(match.start(), match.end()))
    return dict(result)


def categories(world: World, relationships: Sequence[Suggestion], names: dict[str, str]) -> list[Suggestion]:
    """AO3 categories from romantic pairs and the characters' pronouns; Gen when none."""
    pronouns_by_name = {names[c.id]: c.pronouns for c in world.characters if c.id in names}
    found: dict[str, Suggestion] = {}
    romantic = [r for r in relationships if "/" in r.tag]
    for suggestion in romantic:
        people = suggestion.tag.split("/")
        letters = sorted("F" if pronouns_by_name.get(p) == "she" else "M" if pronouns_by_name.get(p) == "he" else "?" for p in people)
        if "?" in letters:
            category = "Other"
        elif len(people) > 2:
            category = "Multi"
        else:
            category = {"FM": "F/M", "FF": "F/F", "MM": "M/M"}["".join(letters)]
        if category not in found:
            found[category] = Suggestion("categories", category, suggestion.confidence * 0.9, suggestion.evidence)
    if len({c for c in found if c in ("F/M", "F/F", "M/M")}) > 1:
        found["Multi"] = Suggestion("categories", "Multi", 0.5)
    if not found:
        found["Gen"] = Suggestion("categories", "Gen", 0.6)
    return list(found.values())
