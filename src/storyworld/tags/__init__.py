"""Tags in AO3's model, suggested from the text, each with a confidence and evidence spans.

``suggest_tags(world, report)`` runs one module per tag family: ``fandoms`` (disclaimers, site
metadata, a gazetteer of canon characters), ``characters`` (canon full names), ``relationships``
(and categories), ``warnings`` (archive warnings), ``content`` (content warnings), ``rating`` and
``additional``; ``author`` keeps the author's own tags and says where ours differ.

``TagSet.to_dict()`` is the JSON contract's ``tags`` object: the plain lists the contract names
(``rating``, ``archive_warnings``, ``categories``, ``relationships``, ``characters``,
``additional``, ``content_warnings``) plus ``fandoms``, ``suggestions`` (every tag with family,
confidence, evidence and source), ``author`` and ``disagreements``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from ..nlp.emotion import EmotionReport, emotion_of_world
from ..world import World
from .additional import additional_tags
from .author import author_tags, disagreements
from .characters import canonical_names, character_tags
from .content import content_warnings
from .cues import find_hits
from .fandoms import Fandom, detect_fandoms, find_fandom, load_gazetteer
from .model import Suggestion
from .rating import rating
from .relationships import categories, relationship_tags
from .warnings import archive_warnings

__all__ = ["Suggestion", "TagSet", "suggest_tags", "load_gazetteer"]

MIN_FANDOM_CONFIDENCE = 0.5


@dataclass(frozen=True)
class TagSet:
    rating: Suggestion
    archive_warnings: tuple[Suggestion, ...]
    categories: tuple[Suggestion, ...]
    fandoms: tuple[Suggestion, ...]
    relationships: tuple[Suggestion, ...]
    characters: tuple[Suggestion, ...]
    additional: tuple[Suggestion, ...]
    content_warnings: tuple[Suggestion, ...]
    author: dict[str, list[str]] = field(default_factory=dict)

    def all(self) -> list[Suggestion]:
        return [
            self.rating,
            *self.archive_warnings,
            *self.categories,
            *self.fandoms,
            *self.relationships,
            *self.characters,
            *self.additional,
            *self.content_warnings,
        ]

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "rating": self.rating.tag,
            "archive_warnings": [s.tag for s in self.archive_warnings],
            "categories": [s.tag for s in self.categories],
            "fandoms": [s.tag for s in self.fandoms],
            "relationships": [s.tag for s in self.relationships],
            "characters": [s.tag for s in self.characters],
            "additional": [s.tag for s in self.additional],
            "content_warnings": [
                {
                    "label": s.tag,
                    "confidence": round(s.confidence, 3),
                    "evidence": [{"start": e.start, "end": e.end} for e in s.evidence],
                }
                for s in self.content_warnings
            ],
            "suggestions": [s.to_dict() for s in self.all()],
        }
        if self.author:
            data["author"] = self.author
            data["disagreements"] = disagreements(data, self.author)
        return data


def suggest_tags(
    world: World,
    report: EmotionReport | None = None,
    *,
    gazetteer: Sequence[Fandom] | None = None,
) -> TagSet:
    """Every tag family for one analysed work."""
    report = report if report is not None else emotion_of_world(world)
    gazetteer = list(gazetteer) if gazetteer is not None else load_gazetteer()
    fandoms = [f for f in detect_fandoms(world, gazetteer) if f.confidence >= MIN_FANDOM_CONFIDENCE]
    canon = [f for f in (find_fandom(s.tag, gazetteer) for s in fandoms) if f is not None]
    names = canonical_names(world, canon)
    hits = find_hits(world.work.text)
    warnings = archive_warnings(world, hits)
    content = content_warnings(hits)
    relationships = relationship_tags(world, names)
    return TagSet(
        rating=rating(world.work.text, warnings, content),
        archive_warnings=tuple(warnings),
        categories=tuple(categories(world, relationships, names)),
        fandoms=tuple(fandoms),
        relationships=tuple(relationships),
        characters=tuple(character_tags(world, names, canon)),
        additional=tuple(additional_tags(world, report, warnings, content)),
        content_warnings=tuple(content),
        author=author_tags(world.work),
    )
