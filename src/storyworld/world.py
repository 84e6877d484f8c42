"""The story world as plain, frozen, JSON-serialisable records (schema ``storyworld/1``).

Every offset is a character offset into ``Work.text`` (the story without paratext),
half-open ``[start, end)``.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

SCHEMA = "storyworld/1"

ParatextKind = Literal["title", "author_note", "disclaimer", "summary", "header"]
MentionKind = Literal["name", "title", "pronoun", "nominal"]
Pronouns = Literal["he", "she", "they", "unknown"]
Status = Literal["alive", "dead", "unknown"]
Person = Literal["first", "second", "third"]
Tense = Literal["past", "present"]
RelationType = Literal[
    "mentorship",
    "family",
    "romance",
    "friendship",
    "team",
    "rivalry",
    "service",
    "killed",
    "correspondence",
    "interaction",
]


@dataclass(frozen=True)
class Span:
    start: int
    end: int


@dataclass(frozen=True)
class Paratext:
    """Text that belongs to the work but not to the story: notes, disclaimers, summary."""

    kind: ParatextKind
    text: str


@dataclass(frozen=True)
class Chapter:
    title: str | None
    start: int
    end: int


@dataclass(frozen=True)
class Work:
    """A story as read from a file: clean story text plus everything kept apart from it.

    ``metadata`` holds the site's own fields (AO3 ``rating``, ``warnings``, ``relationships``,
    ``characters``, ``additional_tags``, ``categories``, FFN ``genre`` ...) as lists of strings;
    it is not part of the JSON contract's ``work`` object but feeds the tag stage.
    """

    text: str
    title: str | None = None
    author: str | None = None
    fandoms: tuple[str, ...] = ()
    language: str = "en"
    paratext: tuple[Paratext, ...] = ()
    chapters: tuple[Chapter, ...] = ()
    scene_breaks: tuple[int, ...] = ()
    metadata: dict[str, tuple[str, ...]] = field(default_factory=dict)
    source_format: str = "txt"

    @property
    def word_count(self) -> int:
        return count_words(self.text)


def count_words(text: str) -> int:
    """Count words as AO3 does: apostrophes and hyphens inside words do not split them."""
    count = 0
    in_word = False
    for char in text:
        if char.isalnum():
            if not in_word:
                count += 1
                in_word = True
        elif char in "'\u2019-" and in_word:
            continue
        else:
            in_word = False
    return count


@dataclass(frozen=True)
class CharacterEmotion:
    """How one character feels: valence in [-1, 1] and NRC emotion words per 100 words, from
    their quoted lines and, for the focal character, the narration outside quotes."""

    valence: float
    emotions: dict[str, float]
    words: int
    lines: int  # quoted segments attributed to them
    source: str  # "speech", "narration" or "speech+narration"


@dataclass(frozen=True)
class Character:
    id: str
    name: str
    aliases: tuple[str, ...]
    mentions: int
    pronouns: Pronouns = "unknown"
    roles: tuple[str, ...] = ()
    status: Status = "unknown"
    first_appearance: int | None = None  # offset of the first mention
    last_appearance: int | None = None  # offset of the last mention
    dialogue_share: float | None = None  # share of the attributed quoted segments
    emotion: CharacterEmotion | None = None  # for speaking and focal characters


@dataclass(frozen=True)
class Mention:
    character: str
    start: int
    end: int
    kind: MentionKind


@dataclass(frozen=True)
class Quote:
    start: int
    end: int
    text: str
    speaker: str | None
    addressee: str | None
    confidence: float


@dataclass(frozen=True)
class Relation:
    source: str
    target: str
    type: RelationType
    weight: float
    evidence: tuple[Span, ...]
    confidence: float | None = None  # 0..1, combined over the evidence
    label: str | None = None  # how it was said: "father", "trained under", "-sensei"


@dataclass(frozen=True)
class Event:
    agent: str | None
    predicate: str
    patient: str | None
    start: int
    end: int


@dataclass(frozen=True)
class Entity:
    """A literary entity mention (LitBank's categories: PER LOC FAC GPE VEH ORG); ``kind`` is
    ``PROP`` for a name, ``NOM`` for a common noun phrase ("the old woman", "the village")."""

    start: int
    end: int
    label: str
    kind: str


@dataclass(frozen=True)
class TenseShift:
    start: int
    end: int
    tense: str


@dataclass(frozen=True)
class Narration:
    person: Person
    tense: Tense
    focal_character: str | None
    tense_shifts: tuple[TenseShift, ...] = ()


@dataclass(frozen=True)
class EmotionPoint:
    """One span's feelings. ``unit`` "window": a point of the smoothed arc (``valence`` and
    ``emotions`` smoothed; ``raw_valence`` and ``raw_emotions`` the window's own); "scene": one
    scene, unsmoothed."""

    start: int
    end: int
    valence: float
    emotions: dict[str, float]
    unit: str = "window"
    raw_valence: float | None = None
    raw_emotions: dict[str, float] | None = None
    words: int | None = None


@dataclass(frozen=True)
class World:
    """Everything storyworld recovered from one work."""

    work: Work
    characters: tuple[Character, ...]
    mentions: tuple[Mention, ...]
    quotes: tuple[Quote, ...]
    relations: tuple[Relation, ...]
    events: tuple[Event, ...]
    narration: Narration
    emotion_arc: tuple[EmotionPoint, ...] = ()  # the smoothed arc over fixed windows
    tags: dict[str, Any] = field(default_factory=dict)
    emotion_scenes: tuple[EmotionPoint, ...] = ()  # one point per scene
    entities: tuple[Entity, ...] | None = None  # only when the entity tagger was asked for

    def character(self, character_id: str | None) -> Character | None:
        for character in self.characters:
            if character.id == character_id:
                return character
        return None

    def to_dict(self) -> dict[str, Any]:
        """The JSON contract ``storyworld/1`` as plain Python data."""
        work = self.work
        return {
            "schema": SCHEMA,
            "work": {
                "title": work.title,
                "author": work.author,
                "fandoms": list(work.fandoms),
                "language": work.language,
                "word_count": work.word_count,
                "text": work.text,
                "paratext": [asdict(p) for p in work.paratext],
                "chapters": [asdict(c) for c in work.chapters],
                "scene_breaks": list(work.scene_breaks),
            },
            "characters": [_character_dict(c) for c in self.characters],
            "mentions": [asdict(m) for m in self.mentions],
            "quotes": [asdict(q) for q in self.quotes],
            "relations": [_relation_dict(r) for r in self.relations],
            "events": [asdict(e) for e in self.events],
            "narration": {
                "person": self.narration.person,
                "tense": self.narration.tense,
                "focal_character": self.narration.focal_character,
                "tense_shifts": [asdict(s) for s in self.narration.tense_shifts],
            },
            "emotion_arc": [_emotion_dict(p) for p in (*self.emotion_arc, *self.emotion_scenes)],
            "tags": dict(self.tags),
            **({"entities": [asdict(e) for e in self.entities]} if self.entities is not None else {}),
        }


def _character_dict(character: Character) -> dict[str, Any]:
    data = asdict(character)
    data["aliases"] = list(character.aliases)
    data["roles"] = list(character.roles)
    if character.emotion is None:
        del data["emotion"]
    return data


def _emotion_dict(point: EmotionPoint) -> dict[str, Any]:
    """An ``emotion_arc`` item: the windows of the smoothed arc first, then the scenes."""
    return {key: value for key, value in asdict(point).items() if value is not None}


def _relation_dict(relation: Relation) -> dict[str, Any]:
    return {
        "source": relation.source,
        "target": relation.target,
        "type": relation.type,
        "weight": relation.weight,
        "evidence": [asdict(s) for s in relation.evidence],
        **({"confidence": relation.confidence} if relation.confidence is not None else {}),
        **({"label": relation.label} if relation.label is not None else {}),
    }
