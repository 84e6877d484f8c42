"""Emotion stage: how the story feels, scene by scene and window by window.

Requires: the story text, scene and chapter starts, attributed quotes, the focal character.
Assigns: an emotion arc (valence plus the eight NRC emotions) per scene and per window of
roughly fixed length, a smoothed arc, and the feelings of each speaking and focal character
(``with_emotion`` puts them on the World: ``emotion_arc``, ``emotion_scenes``, ``Character.emotion``).

Two lexicons that ship inside PyPI packages, read as data (no model, nothing downloaded):

- valence: VADER (``vaderSentiment``), per sentence; VADER itself handles negation ("not
  happy"), intensifiers ("very", "barely"), capitals and exclamation marks. A few words that
  fiction uses for loss and harm and that VADER lacks ("dies", "bleeding", "buried") are added.
- emotions: the NRC Emotion Lexicon's word lists as bundled in ``nrclex`` (its JSON file is read
  directly: nrclex's own code pulls in TextBlob). An emotion word inside a negation's scope
  ("not afraid", "never trusted", three words up to the clause's end) counts nothing; one after
  an intensifier counts 1.5, after a dampener 0.5 (VADER's booster list).

Emotion values are weighted emotion words per 100 words. Valence lies in ``[-1, 1]``: the
length-weighted mean of VADER's compound score over the span's sentences, blended with the NRC
positive/negative balance (three to one).
"""

from __future__ import annotations

import bisect
import importlib.util
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

from ..world import CharacterEmotion, EmotionPoint, World

EMOTIONS = ("joy", "sadness", "fear", "anger", "trust", "disgust", "surprise", "anticipation")
NEGATION_SCOPE = 3
INTENSIFIED = 1.5
DAMPENED = 0.5
VADER_SHARE = 0.75
MIN_WINDOW_WORDS = 40
MAX_WINDOW_WORDS = 1000
TARGET_WINDOWS = 40
SMOOTHING = (1.0, 2.0, 1.0)

# Valence for words of loss and harm that VADER's lexicon lacks (VADER's -4..4 scale).
_FICTION_VALENCE = {
    "dies": -2.6, "dying": -2.6, "bleeding": -1.8, "bled": -1.8, "blood": -1.2, "bloody": -1.5,
    "buried": -1.3, "burial": -1.5, "corpses": -2.7, "coffin": -1.8, "mourning": -1.8,
    "sobbing": -1.9, "wound": -1.6, "wounded": -1.8, "screaming": -1.5, "stabbing": -2.2,
    "cuddled": 2.0, "cuddle": 2.0, "cozy": 1.8, "snuggled": 1.8, "beaming": 2.2,
}
_WORD = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)*")
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"”’')\]]*\s+|\n\s*\n+")
_CLAUSE_BREAK = re.compile(r"[.,;:!?()\"“”—–]|\s-\s")
_EXTRA_NEGATIONS = frozenset({"no", "not", "never", "without", "nothing", "nobody", "none", "neither", "nor"})


@dataclass(frozen=True)
class EmotionScore:
    """Feelings of one span: valence in [-1, 1] and emotion words per 100 words."""

    start: int
    end: int
    valence: float
    emotions: dict[str, float]
    words: int

    def point(self, unit: str = "window") -> EmotionPoint:
        return EmotionPoint(self.start, self.end, self.valence, dict(self.emotions), unit, words=self.words)

    @property
    def dominant(self) -> str | None:
        """The strongest emotion, or None where no emotion word was found."""
        best = max(EMOTIONS, key=lambda e: self.emotions.get(e, 0.0))
        return best if self.emotions.get(best, 0.0) > 0 else None


@dataclass(frozen=True)
class EmotionReport:
    """Everything the emotion stage found about one story."""

    scenes: tuple[EmotionScore, ...]
    windows: tuple[EmotionScore, ...]
    arc: tuple[EmotionPoint, ...]
    characters: dict[str, EmotionScore] = field(default_factory=dict)

    @property
    def low_point(self) -> EmotionPoint | None:
        return min(self.arc, key=lambda p: p.valence) if self.arc else None

    @property
    def mean_valence(self) -> float:
        total = sum(w.words for w in self.windows)
        if not total:
            return 0.0
        return sum(w.valence * w.words for w in self.windows) / total

    def mean_emotions(self) -> dict[str, float]:
        total = sum(w.words for w in self.windows)
        return {
            e: (sum(w.emotions[e] * w.words for w in self.windows) / total if total else 0.0)
            for e in EMOTIONS
        }


@dataclass
class _Tally:
    """Running sums over sentences: weighted emotion counts, polarity, words, valence."""

    words: int = 0
    valence_sum: float = 0.0
    positive: float = 0.0
    negative: float = 0.0
    counts: dict[str, float] = field(default_factory=lambda: dict.fromkeys(EMOTIONS, 0.0))

    def add(self, other: _Tally) -> None:
        self.words += other.words
        self.valence_sum += other.valence_sum
        self.positive += other.positive
        self.negative += other.negative
        for emotion in EMOTIONS:
            self.counts[emotion] += other.counts[emotion]

    def score(self, start: int, end: int) -> EmotionScore:
        words = max(self.words, 1)
        vader = self.valence_sum / words
        polar = self.positive + self.negative
        nrc = (self.positive - self.negative) / polar if polar else 0.0
        valence = VADER_SHARE * vader + (1 - VADER_SHARE) * nrc if polar else vader
        emotions = {e: round(100.0 * self.counts[e] / words, 3) for e in EMOTIONS}
        return EmotionScore(start, end, round(valence, 4), emotions, self.words)


@dataclass(frozen=True)
class _Sentence:
    start: int
    end: int
    tally: _Tally


# -- lexicons -------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def nrc_lexicon() -> dict[str, frozenset[str]]:
    """The NRC emotion lexicon bundled with nrclex: word -> emotions (incl. positive/negative)."""
    spec = importlib.util.find_spec("nrclex")
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("the emotion stage needs nrclex's lexicon: pip install nrclex==4.1.0")
    path = Path(next(iter(spec.submodule_search_locations))) / "data" / "nrc_en.json"
    with path.open(encoding="utf-8") as handle:
        raw: dict[str, list[str]] = json.load(handle)
    return {word.lower(): frozenset(labels) for word, labels in raw.items()}


@lru_cache(maxsize=1)
def _vader():  # type: ignore[no-untyped-def]
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    analyzer = SentimentIntensityAnalyzer()
    for word, value in _FICTION_VALENCE.items():
        analyzer.lexicon.setdefault(word, value)
    return analyzer


@lru_cache(maxsize=1)
def _modifiers() -> tuple[frozenset[str], dict[str, float]]:
    from vaderSentiment import vaderSentiment as vs

    negations = frozenset(w.lower() for w in vs.NEGATE) | _EXTRA_NEGATIONS
    boosters = {
        word.lower(): (INTENSIFIED if value > 0 else DAMPENED) for word, value in vs.BOOSTER_DICT.items()
    }
    return negations, boosters


def lexicon_emotions(word: str) -> frozenset[str]:
    """NRC labels of a word, trying simple inflection stems when the word itself is absent."""
    lexicon = nrc_lexicon()
    word = word.lower().replace("’", "'")
    if word in lexicon:
        return lexicon[word]
    for stem in _stems(word):
        if stem in lexicon:
            return lexicon[stem]
    return frozenset()


def _stems(word: str) -> Iterable[str]:
    if word.endswith("'s"):
        yield word[:-2]
    if word.endswith("ies"):
        yield word[:-3] + "y"
    if word.endswith("ied"):
        yield word[:-3] + "y"
    for suffix in ("es", "s", "ed", "d", "ing", "ly", "ness"):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            base = word[: -len(suffix)]
            yield base
            yield base + "e"
            if len(base) > 2 and base[-1] == base[-2]:
                yield base[:-1]


# -- scoring --------------------------------------------------------------------------------


def sentence_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Sentence-like spans of ``text[start:end]``, split at end punctuation and blank lines."""
    end = len(text) if end is None else end
    spans = []
    cursor = start
    for match in _SENTENCE_END.finditer(text, start, end):
        if text[cursor : match.start()].strip():
            spans.append(_trimmed(text, cursor, match.start()))
        cursor = match.end()
    if text[cursor:end].strip():
        spans.append(_trimmed(text, cursor, end))
    return spans


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _tally_sentence(text: str, start: int, end: int) -> _Tally:
    negations, boosters = _modifiers()
    tally = _Tally()
    sentence = text[start:end]
    negated_until = -1
    boost = 1.0
    boost_left = 0
    previous_end = 0
    for index, match in enumerate(_WORD.finditer(sentence)):
        if _CLAUSE_BREAK.search(sentence, previous_end, match.start()):
            negated_until, boost_left = -1, 0
        previous_end = match.end()
        word = match.group().lower().replace("’", "'")
        tally.words += 1
        if word in negations or word.endswith("n't"):
            negated_until = index + NEGATION_SCOPE
            continue
        if word in boosters:
            boost, boost_left = boosters[word], 2
            continue
        labels = lexicon_emotions(word)
        weight = boost if boost_left > 0 else 1.0
        boost_left -= 1
        if not labels:
            continue
        if index <= negated_until:
            # "not happy": the emotion is denied; its polarity turns, weakly.
            if "positive" in labels:
                tally.negative += 0.5 * weight
            if "negative" in labels:
                tally.positive += 0.5 * weight
            continue
        for emotion in EMOTIONS:
            if emotion in labels:
                tally.counts[emotion] += weight
        if "positive" in labels:
            tally.positive += weight
        if "negative" in labels:
            tally.negative += weight
    if tally.words:
        tally.valence_sum = _vader().polarity_scores(sentence)["compound"] * tally.words
    return tally


def _sentences(text: str, start: int = 0, end: int | None = None) -> list[_Sentence]:
    return [_Sentence(s, e, _tally_sentence(text, s, e)) for s, e in sentence_spans(text, start, end)]


def score_span(text: str, start: int = 0, end: int | None = None) -> EmotionScore:
    """Valence and emotions of one span of text."""
    end = len(text) if end is None else end
    return _combine(_sentences(text, start, end), start, end)


def _combine(sentences: Sequence[_Sentence], start: int, end: int) -> EmotionScore:
    tally = _Tally()
    for sentence in sentences:
        tally.add(sentence.tally)
    return tally.score(start, end)


def scene_scores(
    text: str, scene_starts: Sequence[int], sentences: Sequence[_Sentence] | None = None
) -> list[EmotionScore]:
    """One score per scene; scenes start at 0 and at each of ``scene_starts``."""
    sentences = list(sentences) if sentences is not None else _sentences(text)
    bounds = sorted({0, *(s for s in scene_starts if 0 < s < len(text))})
    ends = bounds[1:] + [len(text)]
    starts = [s.start for s in sentences]
    scores = []
    for start, end in zip(bounds, ends):
        inside = sentences[bisect.bisect_left(starts, start) : bisect.bisect_left(starts, end)]
        if inside:
            scores.append(_combine(inside, start, end))
    return scores


def window_size(word_count: int) -> int:
    """Words per window: about TARGET_WINDOWS windows, within fixed bounds, in steps of 10."""
    size = -(-word_count // TARGET_WINDOWS)
    return max(MIN_WINDOW_WORDS, min(MAX_WINDOW_WORDS, -(-size // 10) * 10))


def window_scores(
    text: str,
    window_words: int | None = None,
    sentences: Sequence[_Sentence] | None = None,
    scene_starts: Sequence[int] = (),
) -> list[EmotionScore]:
    """Scores over consecutive windows of whole sentences, each about ``window_words`` long.

    A window never crosses a scene start: it closes early there.
    """
    sentences = list(sentences) if sentences is not None else _sentences(text)
    total = sum(s.tally.words for s in sentences)
    size = window_words or window_size(total)
    bounds = sorted(set(scene_starts))
    windows: list[EmotionScore] = []
    current: list[_Sentence] = []
    words = 0
    for sentence in sentences:
        if current and _crosses(bounds, current[0].start, sentence.start):
            windows.append(_combine(current, current[0].start, current[-1].end))
            current, words = [], 0
        current.append(sentence)
        words += sentence.tally.words
        if words >= size:
            windows.append(_combine(current, current[0].start, current[-1].end))
            current, words = [], 0
    if current:
        if windows and words < size // 2 and not _crosses(bounds, windows[-1].start, current[0].start):
            last = windows.pop()
            tail = [s for s in sentences if s.start >= last.start]
            windows.append(_combine(tail, last.start, current[-1].end))
        else:
            windows.append(_combine(current, current[0].start, current[-1].end))
    return windows


def _crosses(bounds: Sequence[int], start: int, position: int) -> bool:
    """True when a scene starts in ``(start, position]``."""
    index = bisect.bisect_right(bounds, start)
    return index < len(bounds) and bounds[index] <= position


def smooth(scores: Sequence[EmotionScore], weights: Sequence[float] = SMOOTHING) -> list[EmotionPoint]:
    """A centred weighted moving average of valence and emotions. Past either end the story's
    mean valence stands in for the missing windows: averaged over fewer windows, the first and
    last ones swung further than any other and took the low point from the story's turn (open
    sets: 3 of 8 missed low points were the opening window)."""
    half = len(weights) // 2
    mean_valence = sum(s.valence for s in scores) / len(scores) if scores else 0.0
    points = []
    for index, score in enumerate(scores):
        total = 0.0
        valence = 0.0
        emotions = dict.fromkeys(EMOTIONS, 0.0)
        emotion_total = 0.0
        for offset, weight in enumerate(weights):
            other = index + offset - half
            total += weight
            if 0 <= other < len(scores):
                valence += weight * scores[other].valence
                emotion_total += weight
                for emotion in EMOTIONS:
                    emotions[emotion] += weight * scores[other].emotions[emotion]
            else:
                valence += weight * mean_valence
        points.append(
            EmotionPoint(
                score.start,
                score.end,
                round(valence / total, 4),
                {e: round(v / emotion_total, 3) for e, v in emotions.items()},
                "window",
                raw_valence=score.valence,
                raw_emotions=dict(score.emotions),
                words=score.words,
            )
        )
    return points


# -- characters -----------------------------------------------------------------------------


def character_scores(
    text: str,
    quotes: Sequence[tuple[int, int, str | None]],
    focal: str | None = None,
) -> dict[str, EmotionScore]:
    """Feelings per character: what each speaker says, and the narration around the focal one.

    ``quotes`` are ``(start, end, speaker id)``; the focal character's feelings come from the
    narration outside quotes (free indirect style carries the focal character's mood).
    """
    spans: dict[str, list[tuple[int, int]]] = {}
    for start, end, speaker in quotes:
        if speaker:
            spans.setdefault(speaker, []).append((start, end))
    result: dict[str, EmotionScore] = {}
    for speaker, pieces in spans.items():
        sentences = [s for start, end in pieces for s in _sentences(text, start, end)]
        result[speaker] = _combine(sentences, pieces[0][0], pieces[-1][1])
    if focal:
        outside = _outside(len(text), [(s, e) for s, e, _ in quotes])
        sentences = [s for start, end in outside for s in _sentences(text, start, end)]
        if sentences:
            narrated = _combine(sentences, 0, len(text))
            spoken = result.get(focal)
            result[focal] = _merge(spoken, narrated) if spoken else narrated
    return result


def _outside(length: int, spans: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    pieces, cursor = [], 0
    for start, end in sorted(spans):
        if start > cursor:
            pieces.append((cursor, start))
        cursor = max(cursor, end)
    if cursor < length:
        pieces.append((cursor, length))
    return pieces


def _merge(first: EmotionScore, second: EmotionScore) -> EmotionScore:
    words = max(first.words + second.words, 1)
    valence = (first.valence * first.words + second.valence * second.words) / words
    emotions = {
        e: round((first.emotions[e] * first.words + second.emotions[e] * second.words) / words, 3)
        for e in EMOTIONS
    }
    return EmotionScore(
        min(first.start, second.start), max(first.end, second.end), round(valence, 4), emotions, words
    )


# -- the stage ------------------------------------------------------------------------------


def describe_emotion(
    text: str,
    scene_starts: Sequence[int] = (),
    quotes: Sequence[tuple[int, int, str | None]] = (),
    focal: str | None = None,
    *,
    window_words: int | None = None,
    events: Sequence[tuple[int, float]] = (),
) -> EmotionReport:
    """The emotion stage over plain inputs: scenes, windows, smoothed arc, characters."""
    sentences = _with_story_events(_sentences(text), events)
    windows = window_scores(text, window_words, sentences, scene_starts)
    return EmotionReport(
        scenes=tuple(scene_scores(text, scene_starts, sentences)),
        windows=tuple(windows),
        arc=tuple(smooth(windows)),
        characters=character_scores(text, quotes, focal),
    )


def emotion_of_world(world: World, *, window_words: int | None = None) -> EmotionReport:
    """The emotion stage over an assembled World (its text, scenes, quotes and narration)."""
    work = world.work
    scene_starts = sorted(set(work.scene_breaks) | {c.start for c in work.chapters})
    quotes = [(q.start, q.end, q.speaker) for q in world.quotes]
    return describe_emotion(
        work.text, scene_starts, quotes, world.narration.focal_character,
        window_words=window_words, events=story_event_weights(world),
    )


# A death told in the story weighs on its sentence like this many words of the bleakest prose:
# the lexicons alone read "Aerith was slain by Sephiroth while she prayed" as mild.
DEATH_WEIGHT_WORDS = 30.0
STRONG_CUE_WEIGHT = 2.0
DEATH_PREDICATES = frozenset(
    "die perish drown kill murder slay assassinate execute behead strangle slaughter".split()
)


def story_event_weights(world: World) -> list[tuple[int, float]]:
    """(offset, valence in word-equivalents) for the first death the story tells as happening
    (a realis death event, or a death cue in the story's present: "didn't make it"). Only the
    first weighs: later death talk mostly retells that loss or follows from it, and weighting
    every telling moved the low point off the death itself (open sets: 5 of 17 low points
    right with every death weighed, 8 of 17 with the first only)."""
    from ..tags.cues import find_hits

    weights = [
        (event.start, -DEATH_WEIGHT_WORDS)
        for event in world.events
        if event.predicate.split()[0] in DEATH_PREDICATES
    ]
    for hit in find_hits(world.work.text, ["death_event"]).get("death_event", ()):
        if hit.weight >= STRONG_CUE_WEIGHT:
            weights.append((hit.start, -DEATH_WEIGHT_WORDS))
    return sorted(weights)[:1]


def _with_story_events(sentences: list[_Sentence], events: Sequence[tuple[int, float]]) -> list[_Sentence]:
    """Add each event's weight to the valence of the sentence holding it."""
    if not events:
        return sentences
    starts = [s.start for s in sentences]
    for offset, weight in events:
        index = bisect.bisect_right(starts, offset) - 1
        if 0 <= index < len(sentences) and offset < sentences[index].end:
            sentences[index].tally.valence_sum += weight
    return sentences


def with_emotion(world: World, report: EmotionReport) -> World:
    """``world`` with the report's smoothed arc, its scenes, and each speaking or focal
    character's feelings (``Character.emotion``)."""
    lines: dict[str, int] = {}
    for quote in world.quotes:
        if quote.speaker:
            lines[quote.speaker] = lines.get(quote.speaker, 0) + 1
    focal = world.narration.focal_character
    characters = []
    for character in world.characters:
        score = report.characters.get(character.id)
        if score is not None:
            spoke = lines.get(character.id, 0)
            source = "speech" if character.id != focal else ("speech+narration" if spoke else "narration")
            feeling = CharacterEmotion(score.valence, dict(score.emotions), score.words, spoke, source)
            character = replace(character, emotion=feeling)
        characters.append(character)
    return replace(
        world,
        emotion_arc=report.arc,
        emotion_scenes=tuple(s.point("scene") for s in report.scenes),
        characters=tuple(characters),
    )


SPARK_CHARS = "▁▂▃▄▅▆▇█"


def sparkline(points: Sequence[EmotionPoint], width: int = 60) -> str:
    """A one-line picture of valence over the arc (low blocks are dark moments)."""
    if not points:
        return ""
    values = [p.valence for p in points]
    if len(values) > width:
        step = len(values) / width
        values = [
            sum(values[int(i * step) : max(int((i + 1) * step), int(i * step) + 1)])
            / max(int((i + 1) * step) - int(i * step), 1)
            for i in range(width)
        ]
    low, high = min(values), max(values)
    spread = high - low
    if spread < 1e-9:
        return SPARK_CHARS[len(SPARK_CHARS) // 2] * len(values)
    return "".join(
        SPARK_CHARS[min(int((v - low) / spread * len(SPARK_CHARS)), len(SPARK_CHARS) - 1)] for v in values
    )
