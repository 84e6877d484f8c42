"""Scoring the world layer of a fan-fiction story: relations, deaths, fandom, warnings, low point.

Gold files of a held-out folder may carry these optional keys beside the cast, quotes and
narration (a key that is absent is not scored, so older gold files keep working)::

    "fandom": "common fandom name" or null,
    "rating": "General Audiences" | "Teen And Up Audiences" | "Mature" | "Explicit",
    "warnings": [AO3 archive warnings]              ([] = No Archive Warnings Apply),
    "relations": [{"type": "mentorship", "source": "name", "target": "name"}],
    "dead": ["gold names of characters dead by the story's end"],
    "low_point": "first ~40 characters of the sentence at the emotional low point" or null

Counting rules:

* relations: predicted relations other than ``interaction`` are mapped through the cast
  alignment (predicted character id -> gold name); one with an end that aligns to no gold
  character is left out (counted as ``unaligned``). Mapped relations and gold relations are
  compared as distinct ``(type, source, target)`` keys; ``mentorship`` (source = teacher),
  ``service`` (source = servant) and ``killed`` (source = killer) are directed, the other types
  symmetric. A gold relation is *recovered* when a predicted relation of its type links its two
  characters in its direction (either direction for symmetric types); one predicted only the
  other way round counts as *wrong direction* (and not recovered). Precision is over the
  distinct mapped predicted relations.
* deaths: characters whose ``status`` is ``dead``, mapped to gold names; dead characters that
  align to no gold character are listed apart and left out of precision.
* fandom: the most certain detected fandom (``tags["fandoms"][0]``) against the gold name,
  case-insensitively or through the gazetteer's aliases (both naming the same entry); gold
  ``null`` is right when no fandom is detected.
* warnings: the real archive warnings only (``No Archive Warnings Apply`` and ``Creator Chose
  Not To Use Archive Warnings`` are left out) as TP/FP/FN per warning; a *gentle* story (gold
  ``[]``) that gets any real warning is flagged. Rating: exact AO3 rating.
* low point: the gold sentence is found in ``work.text`` by its opening characters; the lowest
  valence entry of ``World.emotion_arc`` (the smoothed windows) is right when its span covers
  that offset or lies within 15% of the story's length of it. Gold ``null`` is not scored.

Library only: nothing here prints.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields
from typing import Any

from ..tags.fandoms import Fandom, find_fandom, load_gazetteer
from ..tags.vocabulary import ARCHIVE_WARNINGS, CHOSE_NOT, NO_WARNINGS, RATINGS
from ..world import EmotionPoint, World

DIRECTED_TYPES = frozenset({"mentorship", "service", "killed"})
SYMMETRIC_TYPES = frozenset({"family", "romance", "friendship", "team", "rivalry", "correspondence"})
RELATION_TYPES = DIRECTED_TYPES | SYMMETRIC_TYPES
REPORTED_TYPES = ("mentorship", "family", "service", "killed")  # per-type recall always shown
NOT_WARNINGS = frozenset({NO_WARNINGS, CHOSE_NOT})
REAL_WARNINGS = tuple(w for w in ARCHIVE_WARNINGS if w not in NOT_WARNINGS)
LOW_POINT_TOLERANCE = 0.15  # of the story's length
WORLD_KEYS = ("fandom", "rating", "warnings", "relations", "dead", "low_point")


class GoldLabelError(ValueError):
    """A gold file that does not fit its story (a quote text not found, an unknown name)."""


# ---------------------------------------------------------------------------------------------
# Gold labels


@dataclass(frozen=True)
class GoldRelation:
    type: str
    source: str
    target: str

    @property
    def key(self) -> tuple[str, str, str]:
        return relation_key(self.type, self.source, self.target)


@dataclass(frozen=True)
class GoldWorld:
    """The optional world-layer labels of one story; ``keys`` names those present in the file."""

    keys: frozenset[str] = frozenset()
    fandom: str | None = None
    rating: str | None = None
    warnings: tuple[str, ...] = ()
    relations: tuple[GoldRelation, ...] = ()
    dead: tuple[str, ...] = ()
    low_point: str | None = None

    def has(self, key: str) -> bool:
        return key in self.keys


def relation_key(kind: str, source: str, target: str) -> tuple[str, str, str]:
    """``(type, source, target)``; a symmetric type's two ends in sorted order."""
    if kind in SYMMETRIC_TYPES and target < source:
        source, target = target, source
    return kind, source, target


def parse_gold_world(data: Mapping[str, Any], story: str = "") -> GoldWorld:
    """The world-layer keys of a parsed gold file (absent keys stay unlabelled)."""
    keys = frozenset(k for k in WORLD_KEYS if k in data)
    relations = tuple(
        GoldRelation(str(r["type"]), str(r["source"]), str(r["target"])) for r in data.get("relations") or ()
    )
    unknown_types = sorted({r.type for r in relations if r.type not in RELATION_TYPES})
    if unknown_types:
        raise GoldLabelError(f"{story}: unknown relation types {unknown_types}")
    warnings = tuple(_vocabulary(w, ARCHIVE_WARNINGS, "archive warning", story) for w in data.get("warnings") or ())
    rating = data.get("rating")
    return GoldWorld(
        keys=keys,
        fandom=data.get("fandom"),
        rating=_vocabulary(rating, RATINGS, "rating", story) if rating is not None else None,
        warnings=warnings,
        relations=relations,
        dead=tuple(data.get("dead") or ()),
        low_point=data.get("low_point"),
    )


def _vocabulary(value: str, known: Sequence[str], what: str, story: str) -> str:
    for term in known:
        if term.lower() == str(value).strip().lower():
            return term
    raise GoldLabelError(f"{story}: unknown {what} {value!r}")


def unknown_world_names(gold: GoldWorld, names: Iterable[str]) -> list[str]:
    """Names used by relations and deaths that are not gold characters."""
    known = set(names)
    used = [r.source for r in gold.relations] + [r.target for r in gold.relations] + list(gold.dead)
    return sorted({n for n in used if n not in known})


# ---------------------------------------------------------------------------------------------
# Relations


@dataclass(frozen=True)
class RelationScore:
    gold: tuple[tuple[str, str, str], ...]  # distinct gold keys
    predicted: tuple[tuple[str, str, str], ...]  # distinct mapped predicted keys
    recovered: tuple[tuple[str, str, str], ...]  # gold keys predicted in the right direction
    wrong_direction: tuple[tuple[str, str, str], ...]  # gold keys predicted only reversed
    unaligned: int = 0  # predicted typed relations with an end aligned to no gold character

    @property
    def correct(self) -> int:
        """Predicted keys matching a gold relation (equal to ``len(recovered)``)."""
        return len(set(self.predicted) & set(self.gold))

    @property
    def missed(self) -> tuple[tuple[str, str, str], ...]:
        recovered = set(self.recovered)
        return tuple(k for k in self.gold if k not in recovered)

    @property
    def extra(self) -> tuple[tuple[str, str, str], ...]:
        gold = set(self.gold)
        return tuple(k for k in self.predicted if k not in gold)

    def by_type(self) -> dict[str, TypeCounts]:
        counts: dict[str, TypeCounts] = {}
        for kind in sorted({k[0] for k in (*self.gold, *self.predicted)}):
            counts[kind] = TypeCounts(
                gold=sum(1 for k in self.gold if k[0] == kind),
                recovered=sum(1 for k in self.recovered if k[0] == kind),
                wrong_direction=sum(1 for k in self.wrong_direction if k[0] == kind),
                predicted=sum(1 for k in self.predicted if k[0] == kind),
                correct=len({k for k in self.predicted if k[0] == kind} & set(self.gold)),
            )
        return counts


@dataclass(frozen=True)
class TypeCounts:
    gold: int = 0
    recovered: int = 0
    wrong_direction: int = 0
    predicted: int = 0
    correct: int = 0

    def __add__(self, other: TypeCounts) -> TypeCounts:
        return TypeCounts(
            self.gold + other.gold,
            self.recovered + other.recovered,
            self.wrong_direction + other.wrong_direction,
            self.predicted + other.predicted,
            self.correct + other.correct,
        )


def score_relations(
    gold: Sequence[GoldRelation], world: World, gold_of: Mapping[str, str]
) -> RelationScore:
    """Compare the World's typed relations, mapped to gold names, with the gold relations."""
    predicted: dict[tuple[str, str, str], None] = {}
    unaligned = 0
    for relation in world.relations:
        if relation.type == "interaction":
            continue
        source, target = gold_of.get(relation.source), gold_of.get(relation.target)
        if source is None or target is None:
            unaligned += 1
            continue
        predicted.setdefault(relation_key(relation.type, source, target))
    gold_keys = tuple(dict.fromkeys(r.key for r in gold))
    recovered = tuple(k for k in gold_keys if k in predicted)
    wrong_direction = tuple(
        k for k in gold_keys if k[0] in DIRECTED_TYPES and k not in predicted and (k[0], k[2], k[1]) in predicted
    )
    return RelationScore(gold_keys, tuple(predicted), recovered, wrong_direction, unaligned)


def show_relation(key: tuple[str, str, str]) -> str:
    kind, source, target = key
    arrow = "->" if kind in DIRECTED_TYPES else "--"
    return f"{kind}: {source} {arrow} {target}"


# ---------------------------------------------------------------------------------------------
# Deaths, fandom, warnings, rating


@dataclass(frozen=True)
class DeathScore:
    gold: tuple[str, ...]
    predicted: tuple[str, ...]  # gold names of the characters predicted dead
    unaligned: tuple[str, ...] = ()  # predicted dead characters aligned to no gold character

    @property
    def right(self) -> tuple[str, ...]:
        return tuple(n for n in self.predicted if n in self.gold)

    @property
    def missed(self) -> tuple[str, ...]:
        return tuple(n for n in self.gold if n not in self.predicted)

    @property
    def extra(self) -> tuple[str, ...]:
        return tuple(n for n in self.predicted if n not in self.gold)


def score_deaths(gold: Sequence[str], world: World, gold_of: Mapping[str, str]) -> DeathScore:
    predicted: dict[str, None] = {}
    unaligned = []
    for character in world.characters:
        if character.status != "dead":
            continue
        name = gold_of.get(character.id)
        if name is None:
            unaligned.append(character.name)
        else:
            predicted.setdefault(name)
    return DeathScore(tuple(dict.fromkeys(gold)), tuple(predicted), tuple(unaligned))


@dataclass(frozen=True)
class FandomScore:
    gold: str | None
    predicted: tuple[str, ...]  # detected fandoms, most certain first
    right: bool


def same_fandom(gold: str, predicted: str, gazetteer: Sequence[Fandom]) -> bool:
    """Equal names (case-insensitively) or two names of one gazetteer entry."""
    if gold.strip().lower() == predicted.strip().lower():
        return True
    gold_entry = find_fandom(gold, gazetteer)
    return gold_entry is not None and gold_entry is find_fandom(predicted, gazetteer)


def score_fandom(gold: str | None, world: World, gazetteer: Sequence[Fandom]) -> FandomScore:
    predicted = tuple(str(f) for f in world.tags.get("fandoms", ()) or ())
    if gold is None:
        return FandomScore(None, predicted, not predicted)
    return FandomScore(gold, predicted, bool(predicted) and same_fandom(gold, predicted[0], gazetteer))


@dataclass(frozen=True)
class WarningScore:
    gold: tuple[str, ...]  # real archive warnings of the gold ([] for a gentle story)
    predicted: tuple[str, ...]  # real archive warnings predicted

    @property
    def gentle(self) -> bool:
        return not self.gold

    @property
    def gentle_flagged(self) -> bool:
        """A story gold says needs no warning that got one."""
        return self.gentle and bool(self.predicted)

    @property
    def true_positives(self) -> tuple[str, ...]:
        return tuple(w for w in self.predicted if w in self.gold)

    @property
    def false_positives(self) -> tuple[str, ...]:
        return tuple(w for w in self.predicted if w not in self.gold)

    @property
    def false_negatives(self) -> tuple[str, ...]:
        return tuple(w for w in self.gold if w not in self.predicted)


def real_warnings(warnings: Iterable[str]) -> tuple[str, ...]:
    """Archive warnings in AO3's spelling, without the two that say there is none."""
    found: dict[str, None] = {}
    for warning in warnings:
        canonical = next((w for w in ARCHIVE_WARNINGS if w.lower() == str(warning).strip().lower()), str(warning))
        if canonical not in NOT_WARNINGS:
            found.setdefault(canonical)
    return tuple(found)


def score_warnings(gold: Sequence[str], world: World) -> WarningScore:
    return WarningScore(real_warnings(gold), real_warnings(world.tags.get("archive_warnings", ()) or ()))


@dataclass(frozen=True)
class RatingScore:
    gold: str
    predicted: str | None

    @property
    def right(self) -> bool:
        return self.predicted is not None and self.gold.lower() == self.predicted.lower()


# ---------------------------------------------------------------------------------------------
# Low point


@dataclass(frozen=True)
class LowPointScore:
    gold: str  # the sentence's opening characters
    offset: int  # where they are in work.text
    predicted: tuple[int, int] | None  # span of the lowest-valence arc entry
    distance: int | None  # characters between the offset and that span (0 when covered)
    limit: int  # the tolerance in characters

    @property
    def right(self) -> bool:
        return self.distance is not None and self.distance <= self.limit


def locate_sentence(text: str, opening: str, story: str = "") -> int:
    """Offset of a sentence's opening characters; whitespace and quote marks compared loosely."""
    offset = text.find(opening)
    if offset >= 0:
        return offset
    pattern = "".join(_loose(char) for char in opening.strip())
    match = re.search(pattern, text)
    if match is None:
        raise GoldLabelError(f"{story}: low_point sentence not found: {opening!r}")
    return match.start()


def _loose(char: str) -> str:
    if char.isspace():
        return r"\s+"
    if char in "'\u2018\u2019":
        return "['\u2018\u2019]"
    if char in '"\u201c\u201d':
        return '["\u201c\u201d]'
    if char in "-\u2013\u2014":
        return "[-\u2013\u2014]"
    return re.escape(char)


def lowest_point(arc: Sequence[EmotionPoint]) -> EmotionPoint | None:
    """The arc entry of lowest valence (the first of equals), or None for an empty arc."""
    return min(arc, key=lambda p: p.valence) if arc else None


def span_distance(offset: int, start: int, end: int) -> int:
    """Characters from ``offset`` to the half-open span ``[start, end)``; 0 inside it."""
    if offset < start:
        return start - offset
    if offset >= end:
        return offset - end + 1
    return 0


def score_low_point(gold: str, world: World, story: str = "") -> LowPointScore:
    text = world.work.text
    offset = locate_sentence(text, gold, story)
    limit = int(LOW_POINT_TOLERANCE * len(text))
    low = lowest_point(world.emotion_arc)
    if low is None:
        return LowPointScore(gold, offset, None, None, limit)
    return LowPointScore(gold, offset, (low.start, low.end), span_distance(offset, low.start, low.end), limit)


# ---------------------------------------------------------------------------------------------
# One story and the set


@dataclass(frozen=True)
class WorldScore:
    """The world layer of one story; a part whose gold key is absent is None."""

    story: str
    relations: RelationScore | None = None
    deaths: DeathScore | None = None
    fandom: FandomScore | None = None
    warnings: WarningScore | None = None
    rating: RatingScore | None = None
    low_point: LowPointScore | None = None


def score_world(
    story: str,
    gold: GoldWorld,
    world: World,
    gold_of: Mapping[str, str],
    gazetteer: Sequence[Fandom] | None = None,
) -> WorldScore:
    """Score every labelled part of the world layer (``gold_of``: predicted id -> gold name)."""
    fandom = None
    if gold.has("fandom"):
        fandom = score_fandom(gold.fandom, world, gazetteer if gazetteer is not None else load_gazetteer())
    rating = None
    if gold.has("rating") and gold.rating is not None:
        predicted_rating = world.tags.get("rating")
        rating = RatingScore(gold.rating, str(predicted_rating) if predicted_rating else None)
    return WorldScore(
        story=story,
        relations=score_relations(gold.relations, world, gold_of) if gold.has("relations") else None,
        deaths=score_deaths(gold.dead, world, gold_of) if gold.has("dead") else None,
        fandom=fandom,
        warnings=score_warnings(gold.warnings, world) if gold.has("warnings") else None,
        rating=rating,
        low_point=score_low_point(gold.low_point, world, story) if gold.low_point is not None else None,
    )


@dataclass(frozen=True)
class WarningCounts:
    true_positives: int = 0
    false_positives: int = 0
    false_negatives: int = 0


@dataclass(frozen=True)
class WorldTotals:
    """Micro-averaged counts over the stories whose gold labels each part."""

    stories: int = 0  # stories with any world-layer label
    relation_stories: int = 0
    relations_gold: int = 0
    relations_recovered: int = 0
    relations_wrong_direction: int = 0
    relations_predicted: int = 0
    relations_correct: int = 0
    relations_unaligned: int = 0
    relation_types: dict[str, TypeCounts] = field(default_factory=dict)
    death_stories: int = 0
    deaths_gold: int = 0
    deaths_predicted: int = 0
    deaths_right: int = 0
    deaths_unaligned: int = 0
    fandom_scored: int = 0
    fandom_right: int = 0
    warning_stories: int = 0
    warnings_gold: int = 0
    warnings_predicted: int = 0
    warnings_right: int = 0
    per_warning: dict[str, WarningCounts] = field(default_factory=dict)
    gentle_stories: int = 0
    gentle_flagged: int = 0
    rating_scored: int = 0
    rating_right: int = 0
    low_point_scored: int = 0
    low_point_right: int = 0
    rates: dict[str, float] = field(default_factory=dict)

    def fraction(self, rate: str) -> tuple[int, int]:
        """The counts behind one of ``rates``: ``(numerator, denominator)``."""
        counts = {f.name: getattr(self, f.name) for f in fields(self) if f.type == "int"}
        return world_fractions(counts, self.relation_types)[rate]


def world_totals(scores: Iterable[WorldScore | None]) -> WorldTotals:
    present = [s for s in scores if s is not None]
    relations = [s.relations for s in present if s.relations is not None]
    deaths = [s.deaths for s in present if s.deaths is not None]
    fandoms = [s.fandom for s in present if s.fandom is not None]
    warnings = [s.warnings for s in present if s.warnings is not None]
    ratings = [s.rating for s in present if s.rating is not None]
    lows = [s.low_point for s in present if s.low_point is not None]
    types: dict[str, TypeCounts] = {kind: TypeCounts() for kind in REPORTED_TYPES}
    for relation in relations:
        for kind, counts in relation.by_type().items():
            types[kind] = types.get(kind, TypeCounts()) + counts
    counts = {
        "stories": len(present),
        "relation_stories": len(relations),
        "relations_gold": sum(len(r.gold) for r in relations),
        "relations_recovered": sum(len(r.recovered) for r in relations),
        "relations_wrong_direction": sum(len(r.wrong_direction) for r in relations),
        "relations_predicted": sum(len(r.predicted) for r in relations),
        "relations_correct": sum(r.correct for r in relations),
        "relations_unaligned": sum(r.unaligned for r in relations),
        "death_stories": len(deaths),
        "deaths_gold": sum(len(d.gold) for d in deaths),
        "deaths_predicted": sum(len(d.predicted) for d in deaths),
        "deaths_right": sum(len(d.right) for d in deaths),
        "deaths_unaligned": sum(len(d.unaligned) for d in deaths),
        "fandom_scored": len(fandoms),
        "fandom_right": sum(f.right for f in fandoms),
        "warning_stories": len(warnings),
        "warnings_gold": sum(len(w.gold) for w in warnings),
        "warnings_predicted": sum(len(w.predicted) for w in warnings),
        "warnings_right": sum(len(w.true_positives) for w in warnings),
        "gentle_stories": sum(w.gentle for w in warnings),
        "gentle_flagged": sum(w.gentle_flagged for w in warnings),
        "rating_scored": len(ratings),
        "rating_right": sum(r.right for r in ratings),
        "low_point_scored": len(lows),
        "low_point_right": sum(p.right for p in lows),
    }
    per_warning = {
        warning: WarningCounts(
            sum(warning in w.true_positives for w in warnings),
            sum(warning in w.false_positives for w in warnings),
            sum(warning in w.false_negatives for w in warnings),
        )
        for warning in REAL_WARNINGS
    }
    return WorldTotals(
        **counts, relation_types=types, per_warning=per_warning, rates=world_rates(counts, types)
    )


def world_fractions(
    counts: Mapping[str, int], types: Mapping[str, TypeCounts]
) -> dict[str, tuple[int, int]]:
    """``(numerator, denominator)`` behind each headline rate, per-type relation recall included."""
    fractions = {
        "relation_recall": (counts["relations_recovered"], counts["relations_gold"]),
        "relation_precision": (counts["relations_correct"], counts["relations_predicted"]),
        "death_recall": (counts["deaths_right"], counts["deaths_gold"]),
        "death_precision": (counts["deaths_right"], counts["deaths_predicted"]),
        "fandom_accuracy": (counts["fandom_right"], counts["fandom_scored"]),
        "warning_recall": (counts["warnings_right"], counts["warnings_gold"]),
        "warning_precision": (counts["warnings_right"], counts["warnings_predicted"]),
        "gentle_flagged": (counts["gentle_flagged"], counts["gentle_stories"]),
        "rating_accuracy": (counts["rating_right"], counts["rating_scored"]),
        "low_point_accuracy": (counts["low_point_right"], counts["low_point_scored"]),
    }
    for kind, typed in types.items():
        fractions[f"relation_recall_{kind}"] = (typed.recovered, typed.gold)
    return fractions


def world_rates(counts: Mapping[str, int], types: Mapping[str, TypeCounts]) -> dict[str, float]:
    """The headline rates from summed counts (0.0 where a denominator is 0)."""
    return {name: (n / d if d else 0.0) for name, (n, d) in world_fractions(counts, types).items()}
