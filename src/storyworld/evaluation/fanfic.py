"""Scoring storyworld against the held-out fan-fiction set (``tests/fixtures/heldout``).

Each story ``NAME.txt`` has hand-written labels in ``NAME.gold.json`` (format and counting
rules: ``tests/fixtures/heldout/README.md``). The scorer runs ``storyworld.analyze`` on the
story and compares the World with the labels:

* cast: each predicted character is aligned to the gold character sharing most surface forms
  (name and aliases, compared case-insensitively); several predicted characters aligned to one
  gold character are a *split* (aliases not merged), one predicted character sharing forms
  with several gold characters is a *conflation*; predicted characters matching a
  ``not_characters`` form are flagged, those matching an ``optional`` form are ignored;
* quotes: each gold quote is located in ``work.text`` by its opening characters and matched
  one-to-one with the predicted quote whose span covers it;
* speakers and addressees: right when the predicted character aligns to the gold one (for
  addressees, ``null`` matches ``null``); a gold quote that was not found counts as wrong;
* narration: person, tense, and the focal character through the same alignment;
* the world layer (relations, deaths, fandom, warnings, rating, low point) where the gold file
  has its optional keys: ``storyworld.evaluation.fanfic_world``.

Library only: nothing here prints.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..tags.fandoms import Fandom
from ..world import Character, Quote, World
from .fanfic_world import (
    GoldLabelError,
    GoldWorld,
    WorldScore,
    parse_gold_world,
    score_world,
    unknown_world_names,
)

Analyze = Callable[[Path], World]

HELDOUT_DIR = Path(__file__).resolve().parents[3] / "tests" / "fixtures" / "heldout"
_QUOTE_OPENERS = "\"'\u201c\u201d\u2018\u2019\u201e\u00ab\u2014\u2015-"
_MIN_PREFIX_COVER = 0.5


# ---------------------------------------------------------------------------------------------
# Gold labels


@dataclass(frozen=True)
class GoldCharacter:
    name: str
    aliases: tuple[str, ...]
    narrator: bool = False  # the first-person "I" or second-person "you" of the narration

    @property
    def forms(self) -> frozenset[str]:
        return frozenset(normalise_form(f) for f in (self.name, *self.aliases))


@dataclass(frozen=True)
class GoldQuote:
    text: str  # the opening characters of the quoted segment, exactly as in the story
    speaker: str
    addressee: str | None


@dataclass(frozen=True)
class GoldNarration:
    person: str
    tense: str
    focal: str | None


@dataclass(frozen=True)
class GoldStory:
    name: str
    characters: tuple[GoldCharacter, ...]
    not_characters: tuple[str, ...]
    optional: tuple[str, ...]
    quotes: tuple[GoldQuote, ...]
    narration: GoldNarration
    world: GoldWorld = GoldWorld()  # optional world-layer labels; none by default


def load_gold(path: Path) -> GoldStory:
    """Read ``NAME.gold.json``; names used by quotes and narration must be gold characters."""
    data = json.loads(path.read_text(encoding="utf-8"))
    story = GoldStory(
        name=path.name.removesuffix(".gold.json"),
        characters=tuple(
            GoldCharacter(c["name"], tuple(c.get("aliases", ())), bool(c.get("narrator", False)))
            for c in data["characters"]
        ),
        not_characters=tuple(data.get("not_characters", ())),
        optional=tuple(data.get("optional", ())),
        quotes=tuple(GoldQuote(q["text"], q["speaker"], q.get("addressee")) for q in data["quotes"]),
        narration=GoldNarration(
            data["narration"]["person"], data["narration"]["tense"], data["narration"].get("focal")
        ),
        world=parse_gold_world(data, path.name.removesuffix(".gold.json")),
    )
    _check_names(story)
    return story


def _check_names(story: GoldStory) -> None:
    names = {c.name for c in story.characters}
    used = [q.speaker for q in story.quotes] + [q.addressee for q in story.quotes]
    used.append(story.narration.focal)
    unknown = sorted({n for n in used if n is not None and n not in names})
    unknown += unknown_world_names(story.world, names)
    if unknown:
        raise GoldLabelError(f"{story.name}: names not among the gold characters: {unknown}")


def heldout_stories(folder: Path = HELDOUT_DIR) -> list[tuple[Path, Path]]:
    """``(story, gold)`` path pairs of a held-out folder, sorted by name."""
    pairs = []
    for gold in sorted(folder.glob("*.gold.json")):
        story = gold.with_name(gold.name.removesuffix(".gold.json") + ".txt")
        if not story.exists():
            raise GoldLabelError(f"{gold.name} has no story file {story.name}")
        pairs.append((story, gold))
    return pairs


_SPACE = re.compile(r"\s+")


def normalise_form(form: str) -> str:
    """A surface form for comparison: lower case, straight apostrophes, single spaces."""
    form = form.replace("\u2019", "'").replace("\u2018", "'")
    return _SPACE.sub(" ", form).strip(" .,;:!?\"'").lower()


# ---------------------------------------------------------------------------------------------
# Cast


@dataclass(frozen=True)
class CastAlignment:
    gold_of: dict[str, str]  # predicted character id -> gold character name
    missed: tuple[str, ...]  # gold characters with no predicted character
    splits: dict[str, tuple[str, ...]]  # gold name -> names of the predicted characters
    conflated: tuple[str, ...]  # predicted names sharing forms with several gold characters
    non_characters: tuple[str, ...]  # predicted names that are labelled not characters
    unlabelled: tuple[str, ...]  # predicted names matching nothing in the labels
    ignored: tuple[str, ...]  # predicted names matching an optional form
    predicted: int  # predicted characters, ignored ones included


def character_forms(character: Character) -> frozenset[str]:
    return frozenset(normalise_form(f) for f in (character.name, *character.aliases))


def align_cast(gold: GoldStory, characters: Sequence[Character]) -> CastAlignment:
    """Align each predicted character to the gold character sharing most surface forms."""
    gold_of: dict[str, str] = {}
    conflated: list[str] = []
    non_characters: list[str] = []
    unlabelled: list[str] = []
    ignored: list[str] = []
    not_forms = frozenset(normalise_form(f) for f in gold.not_characters)
    optional_forms = frozenset(normalise_form(f) for f in gold.optional)
    for character in characters:
        forms = character_forms(character)
        overlaps = [len(forms & g.forms) for g in gold.characters]
        best = max(overlaps, default=0)
        if best > 0:
            gold_of[character.id] = gold.characters[overlaps.index(best)].name
            if sum(1 for o in overlaps if o > 0) > 1:
                conflated.append(character.name)
        elif forms & not_forms:
            non_characters.append(character.name)
        elif forms & optional_forms:
            ignored.append(character.name)
        else:
            unlabelled.append(character.name)
    names = {c.id: c.name for c in characters}
    by_gold: dict[str, list[str]] = {}
    for character_id, gold_name in gold_of.items():
        by_gold.setdefault(gold_name, []).append(names[character_id])
    return CastAlignment(
        gold_of=gold_of,
        missed=tuple(g.name for g in gold.characters if g.name not in by_gold),
        splits={name: tuple(found) for name, found in by_gold.items() if len(found) > 1},
        conflated=tuple(conflated),
        non_characters=tuple(non_characters),
        unlabelled=tuple(unlabelled),
        ignored=tuple(ignored),
        predicted=len(characters),
    )


# ---------------------------------------------------------------------------------------------
# Quotes


@dataclass(frozen=True)
class LocatedQuote:
    gold: GoldQuote
    start: int
    end: int  # start + len(gold.text)


def locate_quotes(text: str, quotes: Sequence[GoldQuote], story: str = "") -> list[LocatedQuote]:
    """Find each gold quote's opening text in order, preferring places right after a mark."""
    located = []
    cursor = 0
    for quote in quotes:
        start = _find_after_mark(text, quote.text, cursor)
        if start < 0:
            raise GoldLabelError(f"{story}: gold quote not found after offset {cursor}: {quote.text!r}")
        located.append(LocatedQuote(quote, start, start + len(quote.text)))
        cursor = start + len(quote.text)
    return located


def _find_after_mark(text: str, needle: str, cursor: int) -> int:
    first = text.find(needle, cursor)
    position = first
    while position >= 0:
        before = text[:position].rstrip(" \t")
        if not before or before[-1] in _QUOTE_OPENERS or before[-1] in ".,!?":
            return position
        position = text.find(needle, position + 1)
    return first


def match_quotes(
    located: Sequence[LocatedQuote], predicted: Sequence[Quote]
) -> list[Quote | None]:
    """For each located gold quote, the predicted quote covering its opening text (one-to-one)."""
    used: set[int] = set()
    matches: list[Quote | None] = []
    for gold in located:
        match = None
        for index, quote in enumerate(predicted):
            if index in used or not quote.start <= gold.start < quote.end:
                continue
            covered = min(quote.end, gold.end) - gold.start
            if covered >= _MIN_PREFIX_COVER * (gold.end - gold.start):
                match = quote
                used.add(index)
                break
        matches.append(match)
    return matches


# ---------------------------------------------------------------------------------------------
# One story


@dataclass(frozen=True)
class SpeakerError:
    quote: str
    gold: str | None
    predicted: str | None  # the predicted character's name, "(quote missed)" when not found


@dataclass(frozen=True)
class StoryScore:
    story: str
    cast: CastAlignment
    gold_characters: int
    gold_quotes: int
    predicted_quotes: int
    quotes_found: int
    speakers_right: int
    addressees_right: int
    person: tuple[str, str]  # (gold, predicted)
    tense: tuple[str, str]
    focal: tuple[str | None, str | None]  # gold name, predicted character aligned (or its name)
    missed_quotes: tuple[str, ...] = ()
    extra_quotes: tuple[str, ...] = ()  # predicted quotes matching no gold quote
    speaker_errors: tuple[SpeakerError, ...] = ()
    addressee_errors: tuple[SpeakerError, ...] = ()
    world_layer: WorldScore | None = None  # None when the gold file has no world-layer keys

    @property
    def cast_found(self) -> int:
        return self.gold_characters - len(self.cast.missed)

    @property
    def cast_correct(self) -> int:
        return len(self.cast.gold_of)

    @property
    def cast_counted(self) -> int:
        """Predicted characters that count for precision (optional ones left out)."""
        return self.cast.predicted - len(self.cast.ignored)

    @property
    def person_right(self) -> bool:
        return self.person[0] == self.person[1]

    @property
    def tense_right(self) -> bool:
        return self.tense[0] == self.tense[1]

    @property
    def focal_right(self) -> bool:
        return self.focal[0] == self.focal[1]


def score_story(gold: GoldStory, world: World, gazetteer: Sequence[Fandom] | None = None) -> StoryScore:
    """Compare one analysed story with its gold labels (``gazetteer``: for fandom aliases)."""
    cast = align_cast(gold, world.characters)
    located = locate_quotes(world.work.text, gold.quotes, gold.name)
    matches = match_quotes(located, world.quotes)
    speaker_errors, addressee_errors = [], []
    for item, quote in zip(located, matches):
        predicted_speaker = _aligned(world, cast, quote.speaker if quote else None)
        if quote is None or predicted_speaker != item.gold.speaker:
            speaker_errors.append(_error(world, item, quote, item.gold.speaker, quote.speaker if quote else None))
        predicted_addressee = _aligned(world, cast, quote.addressee if quote else None)
        if quote is None or predicted_addressee != item.gold.addressee:
            addressee_errors.append(
                _error(world, item, quote, item.gold.addressee, quote.addressee if quote else None)
            )
    matched_ids = {id(q) for q in matches if q is not None}
    focal = _aligned(world, cast, world.narration.focal_character)
    return StoryScore(
        story=gold.name,
        cast=cast,
        gold_characters=len(gold.characters),
        gold_quotes=len(gold.quotes),
        predicted_quotes=len(world.quotes),
        quotes_found=sum(1 for q in matches if q is not None),
        speakers_right=len(gold.quotes) - len(speaker_errors),
        addressees_right=len(gold.quotes) - len(addressee_errors),
        person=(gold.narration.person, world.narration.person),
        tense=(gold.narration.tense, world.narration.tense),
        focal=(gold.narration.focal, focal),
        missed_quotes=tuple(i.gold.text for i, q in zip(located, matches) if q is None),
        extra_quotes=tuple(q.text for q in world.quotes if id(q) not in matched_ids),
        speaker_errors=tuple(speaker_errors),
        addressee_errors=tuple(addressee_errors),
        world_layer=(
            score_world(gold.name, gold.world, world, cast.gold_of, gazetteer) if gold.world.keys else None
        ),
    )


def _aligned(world: World, cast: CastAlignment, character_id: str | None) -> str | None:
    if character_id is None:
        return None
    return cast.gold_of.get(character_id, f"(unaligned) {_name(world, character_id)}")


def _name(world: World, character_id: str | None) -> str | None:
    character = world.character(character_id)
    return character.name if character else character_id


def _error(
    world: World, item: LocatedQuote, quote: Quote | None, gold: str | None, predicted: str | None
) -> SpeakerError:
    shown = "(quote missed)" if quote is None else _name(world, predicted)
    return SpeakerError(item.gold.text, gold, shown)


# ---------------------------------------------------------------------------------------------
# The whole set


@dataclass(frozen=True)
class Totals:
    """Micro-averaged counts and rates over a set of stories."""

    stories: int = 0
    gold_characters: int = 0
    cast_found: int = 0
    cast_counted: int = 0
    cast_correct: int = 0
    splits: int = 0
    conflations: int = 0
    non_characters: int = 0
    unlabelled: int = 0
    gold_quotes: int = 0
    predicted_quotes: int = 0
    quotes_found: int = 0
    speakers_right: int = 0
    addressees_right: int = 0
    person_right: int = 0
    tense_right: int = 0
    focal_right: int = 0
    rates: dict[str, float] = field(default_factory=dict)


def totals(scores: Iterable[StoryScore]) -> Totals:
    scores = list(scores)
    counts = {
        "stories": len(scores),
        "gold_characters": sum(s.gold_characters for s in scores),
        "cast_found": sum(s.cast_found for s in scores),
        "cast_counted": sum(s.cast_counted for s in scores),
        "cast_correct": sum(s.cast_correct for s in scores),
        "splits": sum(len(s.cast.splits) for s in scores),
        "conflations": sum(len(s.cast.conflated) for s in scores),
        "non_characters": sum(len(s.cast.non_characters) for s in scores),
        "unlabelled": sum(len(s.cast.unlabelled) for s in scores),
        "gold_quotes": sum(s.gold_quotes for s in scores),
        "predicted_quotes": sum(s.predicted_quotes for s in scores),
        "quotes_found": sum(s.quotes_found for s in scores),
        "speakers_right": sum(s.speakers_right for s in scores),
        "addressees_right": sum(s.addressees_right for s in scores),
        "person_right": sum(s.person_right for s in scores),
        "tense_right": sum(s.tense_right for s in scores),
        "focal_right": sum(s.focal_right for s in scores),
    }
    return Totals(**counts, rates=rates(counts))


def rates(counts: dict[str, int]) -> dict[str, float]:
    """The headline rates from summed counts (0.0 where a denominator is 0)."""

    def ratio(numerator: str, denominator: str) -> float:
        return counts[numerator] / counts[denominator] if counts[denominator] else 0.0

    return {
        "cast_recall": ratio("cast_found", "gold_characters"),
        "cast_precision": ratio("cast_correct", "cast_counted"),
        "quote_recall": ratio("quotes_found", "gold_quotes"),
        "quote_precision": ratio("quotes_found", "predicted_quotes"),
        "speaker_accuracy": ratio("speakers_right", "gold_quotes"),
        "addressee_accuracy": ratio("addressees_right", "gold_quotes"),
        "person_accuracy": ratio("person_right", "stories"),
        "tense_accuracy": ratio("tense_right", "stories"),
        "focal_accuracy": ratio("focal_right", "stories"),
    }


def story_rates(score: StoryScore) -> dict[str, float]:
    return totals([score]).rates


def _default_analyze(path: Path) -> World:
    from .. import analyze

    return analyze(path)


def evaluate_heldout(
    folder: Path = HELDOUT_DIR, analyze: Analyze | None = None
) -> list[StoryScore]:
    """Analyse and score every story of a held-out folder."""
    run = analyze or _default_analyze
    return [score_story(load_gold(gold), run(story)) for story, gold in heldout_stories(folder)]
