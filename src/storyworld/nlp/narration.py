"""Narration stage: grammatical person, dominant tense, tense slips and the focal character.

Requires: a parsed Doc, quote spans, and the character each subject token stands for.
Only narration counts: everything inside direct speech is ignored.
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Span as SpacySpan, Token

from ..world import Person, Span, Tense, TenseShift
from .speaker_ranker import is_speech_verb

FIRST_PERSON = frozenset({"i", "me", "my", "mine", "myself"})
SECOND_PERSON = frozenset({"you", "your", "yours", "yourself"})
THIRD_PERSON = frozenset(
    {"he", "him", "his", "himself", "she", "her", "hers", "herself", "they", "them", "their"}
)
FIRST_PERSON_SHARE = 0.2
SECOND_PERSON_SHARE = 0.35
PAST_TAGS = frozenset({"VBD"})
PRESENT_TAGS = frozenset({"VBP", "VBZ"})
PAST_MODALS = frozenset({"would", "could", "should", "might"})
PRESENT_MODALS = frozenset({"will", "can", "shall", "may", "must"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
# Verbs of a mind at work: the narration sees through the eyes of whoever does these.
MIND_VERBS = frozenset({
    "think", "know", "feel", "wonder", "realise", "realize", "remember", "notice", "see", "hear",
    "want", "wish", "hope", "decide", "understand", "learn", "fear", "worry", "suppose",
    "imagine", "recognise", "recognize", "forget", "doubt", "suspect", "believe", "watch",
})
MIND_WEIGHT = 3  # a subject of a mind verb counts as this many plain subjects
AMBIGUOUS_PAST_FORMS = frozenset({"saw", "found", "lay", "read", "wound", "bore", "fell", "felt", "ground", "left"})


@dataclass(frozen=True)
class NarrationFacts:
    person: Person
    tense: Tense
    tense_shifts: tuple[TenseShift, ...]
    focal_cast_index: int | None


class OutsideSpeech:
    """Tells whether an offset lies in narration rather than in direct speech."""

    def __init__(self, quote_spans: Sequence[Span]) -> None:
        ordered = sorted(quote_spans, key=lambda s: s.start)
        self._starts = [s.start for s in ordered]
        self._ends = [s.end for s in ordered]

    def __call__(self, offset: int) -> bool:
        index = bisect.bisect_right(self._starts, offset) - 1
        return index < 0 or offset >= self._ends[index]


def describe_narration(
    doc: Doc, quote_spans: Sequence[Span], character_of_token: Mapping[int, int]
) -> NarrationFacts:
    outside = OutsideSpeech(quote_spans)
    narration_sentences = [s for s in doc.sents if _mostly_outside(s, outside)]
    person = narrative_person(doc, outside)
    tenses = [(sentence, sentence_tense(sentence)) for sentence in narration_sentences]
    dominant = _dominant_tense(t for _, t in tenses)
    shifts = tuple(
        TenseShift(_trimmed_start(s), _trimmed_end(s), tense)
        for s, tense in tenses
        if tense is not None and tense != dominant
    )
    focal = _focal_character(doc, outside, character_of_token)
    return NarrationFacts(person, dominant, shifts, focal)


def narrative_person(doc: Doc, outside: OutsideSpeech) -> Person:
    counts: Counter[str] = Counter()
    for token in doc:
        lowered = token.lower_
        if lowered in FIRST_PERSON:
            key = "first"
        elif lowered in SECOND_PERSON:
            key = "second"
        elif lowered in THIRD_PERSON:
            key = "third"
        else:
            continue
        if outside(token.idx):
            counts[key] += 1
    total = sum(counts.values()) or 1
    if counts["first"] / total >= FIRST_PERSON_SHARE and counts["first"] >= counts["second"]:
        return "first"
    if counts["second"] / total >= SECOND_PERSON_SHARE:
        return "second"
    return "third"


def sentence_tense(sentence: SpacySpan) -> Tense | None:
    """The tense of a sentence's main verb, read off its tag or its auxiliaries.

    The small model tags some irregular past forms as present (``She swam`` as VBP): a
    present root whose other finite verbs are all past counts as past.
    """
    root = sentence.root
    if root.pos_ not in ("VERB", "AUX"):
        return None
    for child in root.children:
        if child.dep_ in ("aux", "auxpass") and child.i < root.i:
            return _verb_tense(child) or _verb_tense(root)
    tense = _verb_tense(root)
    if tense == "present" and _looks_like_irregular_past(root, sentence):
        return "past"
    return tense


def _looks_like_irregular_past(root: Token, sentence: SpacySpan) -> bool:
    if root.tag_ != "VBP" or root.lower_ in AMBIGUOUS_PAST_FORMS:
        return False
    others = [t for t in sentence if t.i != root.i and t.tag_ in PAST_TAGS | PRESENT_TAGS]
    if others and all(t.tag_ in PAST_TAGS for t in others):
        return True
    return root.lower_ in _irregular_past_forms(root.doc.vocab.lang)


@lru_cache(maxsize=1)
def _irregular_past_forms(_lang: str) -> frozenset[str]:
    """Irregular verb forms that are not their own lemma, from spaCy's lemma exceptions."""
    try:
        from spacy.lookups import load_lookups

        table = load_lookups("en", ["lemma_exc"]).get_table("lemma_exc")
        verbs = table.get("verb", {})
    except (ValueError, KeyError, ImportError):
        return frozenset()
    return frozenset(form for form, lemmas in verbs.items() if form not in lemmas)


def _verb_tense(token: Token) -> Tense | None:
    if token.tag_ == "MD":
        if token.lower_ in PAST_MODALS:
            return "past"
        return "present" if token.lower_ in PRESENT_MODALS else None
    if token.tag_ in PAST_TAGS:
        return "past"
    if token.tag_ in PRESENT_TAGS:
        return "present"
    return None


def _dominant_tense(tenses: object) -> Tense:
    counts: Counter[Tense] = Counter(t for t in tenses if t is not None)  # type: ignore[union-attr]
    return "present" if counts["present"] > counts["past"] else "past"


def _mostly_outside(sentence: SpacySpan, outside: OutsideSpeech) -> bool:
    words = [t for t in sentence if not t.is_space and not t.is_punct]
    if not words:
        return False
    inside = sum(1 for t in words if not outside(t.idx))
    return inside == 0


def _trimmed_start(sentence: SpacySpan) -> int:
    for token in sentence:
        if not token.is_space:
            return token.idx
    return sentence.start_char


def _trimmed_end(sentence: SpacySpan) -> int:
    for token in reversed(sentence):
        if not token.is_space:
            return token.idx + len(token)
    return sentence.end_char


def _focal_character(
    doc: Doc, outside: OutsideSpeech, character_of_token: Mapping[int, int]
) -> int | None:
    """The character most often the subject of the narration's clauses, a thinking or
    perceiving subject counting more; a speech tag's subject ("Iroh said") counts for nothing:
    who talks is not whose eyes the story looks through."""
    counts: Counter[int] = Counter()
    for token_index, character in character_of_token.items():
        token = doc[token_index]
        if token.dep_ not in SUBJECT_DEPS or not outside(token.idx) or is_speech_verb(token.head):
            continue
        counts[character] += MIND_WEIGHT if token.head.lemma_.lower() in MIND_VERBS else 1
    if not counts:
        return None
    return counts.most_common(1)[0][0]
