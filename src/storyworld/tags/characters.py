"""Character tags: the cast as AO3 would tag it, in the canon's full names where known."""

from __future__ import annotations

from collections.abc import Sequence

from ..world import Span, World
from .fandoms import Fandom, canon_name
from .model import Suggestion, evidence_of

NARRATOR = "the narrator"
MIN_MENTIONS = 2
MAX_CHARACTERS = 12


def canonical_names(world: World, fandoms: Sequence[Fandom]) -> dict[str, str]:
    """Character id -> the name to tag: the canon full name within the fandoms, else as found."""
    names = {}
    for character in world.characters:
        canon = None
        for name in (character.name, *character.aliases):
            canon = canon_name(name, fandoms)
            if canon:
                break
        names[character.id] = canon or character.name
    return names


def character_tags(world: World, names: dict[str, str], fandoms: Sequence[Fandom]) -> list[Suggestion]:
    first: dict[str, Span] = {}
    for mention in world.mentions:
        first.setdefault(mention.character, Span(mention.start, mention.end))
    top = max((c.mentions for c in world.characters), default=0)
    tags: dict[str, Suggestion] = {}
    for character in world.characters[:MAX_CHARACTERS]:
        if character.name == NARRATOR or character.mentions < min(MIN_MENTIONS, top):
            continue
        tag = names[character.id]
        canon = tag != character.name or any(f.resolve(character.name) for f in fandoms)
        confidence = min(0.95, 0.5 + 0.05 * character.mentions + (0.2 if canon else 0.0))
        evidence = evidence_of([first[character.id]] if character.id in first else [])
        if tag not in tags:
            tags[tag] = Suggestion("characters", tag, round(confidence, 3), evidence, "gazetteer" if canon else "text")
    return list(tags.values())
