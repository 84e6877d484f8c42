"""Speakers stage: who says each quote, and to whom.

Requires: a parsed Doc, the quote spans, and a map from token to character (names, titles
and resolved pronouns). Assigns: a speaker, an addressee and a confidence to each quote.

Evidence, strongest first: a speech verb beside the quote whose subject is a character
("...," she said / said Tom); a character acting in the quote's own paragraph; a speaker
revealed in the next sentence ("He looks up to see Sakura"); the last character acting in the
narration just before; and turn-taking in a two-person exchange. A name used in address inside
the quote is its addressee and so not its speaker.

When the package ships ranker weights (``data/models/speaker_ranker.npz``), these rules become
features of a learned ranker (:mod:`.speaker_ranker`) that picks each quote's speaker among the
nearby characters; its probability is the confidence. Without weights the rules decide alone.
An addressee is never the speaker.
"""

from __future__ import annotations

import os

from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Span as SpacySpan, Token

from ..text import paragraph_spans
from ..world import Span
from .characters import is_vocative
from .quotes import QuoteSpan
from .speaker_ranker import (
    RuleChoice,
    is_speech_verb,
    model_available,
    rank_quotes,
    shipped_weights,
)

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
INSCRIPTION_VERBS = frozenset({"read", "write", "say"})
THOUGHT_VERBS = frozenset({"think", "wonder", "muse", "reason"})  # tags only right beside a quote
SENTENCE_ENDS = frozenset({".", "!", "?"})
TAG_REACH = 4  # tokens between a thought verb and its quote: '," she thought'  / 'I thought, "'

PERCEPTION_VERBS = frozenset({"see", "find", "notice", "spot", "recognize", "recognise", "discover"})
CONVERSATION_GAP = 3  # narration-only paragraphs that end a conversation

EXPLICIT_CONFIDENCE = 0.92
RULE_TRUST = 0.75  # rules this sure (a speech verb, a self-introduction, an actor in the paragraph) stand
INTRODUCTION_CONFIDENCE = 0.9
ACTION_CONFIDENCE = 0.75
REVEAL_CONFIDENCE = 0.65
TURN_CONFIDENCE = 0.6
PRECEDING_CONFIDENCE = 0.55
GUESS_CONFIDENCE = 0.3


@dataclass(frozen=True)
class Attribution:
    speaker: int | None
    addressee: int | None
    confidence: float


@dataclass
class _Conversation:
    speakers: list[int]
    last_quote_paragraph: int = -10

    def other_than(self, character: int | None) -> int | None:
        for speaker in reversed(self.speakers):
            if speaker != character:
                return speaker
        return None


class _TokenCharacters:
    """Which character a token stands for (a name's tokens, a title, a resolved pronoun)."""

    def __init__(self, doc: Doc, mention_spans: Sequence[tuple[int, int, int]]) -> None:
        self._by_token: dict[int, int] = {}
        self._span_of: dict[int, SpacySpan] = {}
        for start, end, cast_index in mention_spans:
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is None:
                continue
            for token in span:
                self._by_token[token.i] = cast_index
                self._span_of[token.i] = span

    def mention_span(self, token: Token) -> SpacySpan | None:
        return self._span_of.get(token.i)

    def of(self, token: Token) -> int | None:
        return self._by_token.get(token.i)

    def in_phrase(self, token: Token) -> int | None:
        """The character named by the phrase headed by ``token`` (``Tom``, ``poor Tom``)."""
        found = self.of(token)
        if found is not None:
            return found
        for child in token.children:
            if child.dep_ in ("compound", "appos", "flat"):
                found = self.of(child)
                if found is not None:
                    return found
        return None


def attribute_quotes(
    doc: Doc,
    quotes: Sequence[QuoteSpan],
    mention_spans: Sequence[tuple[int, int, int]],
    *,
    use_ranker: bool = True,
) -> list[Attribution]:
    """One attribution per quote, in order. ``mention_spans``: (start, end, cast index).

    The learned ranker decides when its weights are shipped (and ``use_ranker``); the rules
    otherwise.
    """
    rules = rule_attributions(doc, quotes, mention_spans)
    weights = shipped_weights() if use_ranker and model_available() else None
    if weights is None or not quotes:
        return rules
    choices = [RuleChoice(a.speaker, a.addressee, a.confidence) for a in rules]
    ranked = rank_quotes(doc, quotes, mention_spans, choices, weights)
    trusted = float(os.environ.get("STORYWORLD_RULE_TRUST", RULE_TRUST))
    return [
        rule if rule.speaker is not None and rule.confidence >= trusted
        else Attribution(r.speaker, r.addressee, r.confidence)
        for rule, r in zip(rules, ranked)
    ]


def rule_attributions(
    doc: Doc,
    quotes: Sequence[QuoteSpan],
    mention_spans: Sequence[tuple[int, int, int]],
) -> list[Attribution]:
    """The rules' attribution of every quote, in order (see the module docstring)."""
    characters = _TokenCharacters(doc, mention_spans)
    paragraphs = paragraph_spans(doc.text)
    by_paragraph = _group_by_paragraph(quotes)
    conversation = _Conversation(speakers=[])
    results: dict[int, Attribution] = {}
    for paragraph_index in sorted(by_paragraph):
        quote_indices = by_paragraph[paragraph_index]
        if paragraph_index - conversation.last_quote_paragraph > CONVERSATION_GAP + 1:
            conversation = _Conversation(speakers=[])
        paragraph = paragraphs[paragraph_index]
        spans = [quotes[i] for i in quote_indices]
        attribution = _attribute_paragraph(
            doc, paragraph, spans, paragraphs, paragraph_index, characters, conversation
        )
        if attribution.addressee is not None and attribution.addressee == attribution.speaker:
            attribution = Attribution(attribution.speaker, None, attribution.confidence)
        for index in quote_indices:
            results[index] = attribution
        if attribution.speaker is not None:
            conversation.speakers.append(attribution.speaker)
        conversation.last_quote_paragraph = paragraph_index
    return [results.get(i, Attribution(None, None, 0.0)) for i in range(len(quotes))]


def _group_by_paragraph(quotes: Sequence[QuoteSpan]) -> dict[int, list[int]]:
    grouped: dict[int, list[int]] = {}
    for index, quote in enumerate(quotes):
        grouped.setdefault(quote.paragraph, []).append(index)
    return grouped


def _attribute_paragraph(
    doc: Doc,
    paragraph: Span,
    quotes: Sequence[QuoteSpan],
    paragraphs: Sequence[Span],
    paragraph_index: int,
    characters: _TokenCharacters,
    conversation: _Conversation,
) -> Attribution:
    inside = [(q.start, q.end) for q in quotes]
    narration = [t for t in _tokens_in(doc, paragraph) if not _inside(t.idx, inside)]
    quoted = [t for t in _tokens_in(doc, paragraph) if _inside(t.idx, inside)]
    vocatives = _vocatives(doc, quoted, characters)
    explicit = _explicit_speaker(narration, characters)
    revealed = _revealed_next(doc, paragraphs, paragraph_index, quotes, characters)
    introduced = _self_introduction(quoted, characters)
    if introduced in vocatives:
        introduced = None
    if explicit is not None:
        speaker, verb, by_pronoun = explicit
        if introduced is not None and by_pronoun:
            # '"Please, call me Carlisle," he said': the name outranks whom "he" was taken for
            return Attribution(introduced, _addressee(vocatives, introduced, conversation), EXPLICIT_CONFIDENCE)
        if speaker is None:
            if revealed is None:
                return Attribution(None, vocatives[0] if vocatives else None, 0.0)
            return Attribution(
                revealed, _addressee(vocatives, revealed, conversation), REVEAL_CONFIDENCE
            )
        addressee = _spoken_to(verb, speaker, characters)
        if addressee is None:
            addressee = _addressee(vocatives, speaker, conversation)
        return Attribution(speaker, addressee, EXPLICIT_CONFIDENCE)
    if introduced is not None:
        return Attribution(introduced, _addressee(vocatives, introduced, conversation), INTRODUCTION_CONFIDENCE)
    candidates: list[tuple[int | None, float]] = [
        (_acting_character(narration, characters), ACTION_CONFIDENCE),
        (revealed, REVEAL_CONFIDENCE),
        (_turn_taking(conversation, paragraph_index), TURN_CONFIDENCE),
        (_preceding_actor(doc, paragraphs, paragraph_index, characters), PRECEDING_CONFIDENCE),
        (conversation.other_than(None), GUESS_CONFIDENCE),
    ]
    for speaker, confidence in candidates:
        if speaker is None or speaker in vocatives:
            continue
        return Attribution(speaker, _addressee(vocatives, speaker, conversation), confidence)
    fallback = conversation.other_than(vocatives[0]) if vocatives else None
    addressee = vocatives[0] if vocatives else None
    if fallback is not None:
        return Attribution(fallback, addressee, GUESS_CONFIDENCE)
    return Attribution(None, addressee, 0.0)


SELF_INTRODUCTIONS = (
    ("i", "'m"), ("i", "\u2019m"), ("i", "am"), ("name", "is"), ("name", "'s"), ("name", "\u2019s"),
    ("call", "me"),
)


def _self_introduction(quoted: Sequence[Token], characters: _TokenCharacters) -> int | None:
    """``"I'm Ash Ketchum, from Pallet Town."``: whoever introduces themselves speaks."""
    for first, second in zip(quoted, quoted[1:]):
        if (first.lower_, second.lower_) not in SELF_INTRODUCTIONS:
            continue
        if first.lower_ == "name" and not any(c.lower_ == "my" for c in first.children):
            continue
        following = second.nbor(1) if second.i + 1 < len(second.doc) else None
        if following is None or following.pos_ == "PRON":
            continue
        found = characters.of(following)
        if found is not None:
            return found
    return None


def _tokens_in(doc: Doc, span: Span) -> list[Token]:
    if span.end <= span.start:  # a given quote may run past its paragraph's end
        return []
    region = doc.char_span(span.start, span.end, alignment_mode="expand")
    return list(region) if region is not None else []


def _inside(offset: int, spans: Sequence[tuple[int, int]]) -> bool:
    return any(start <= offset < end for start, end in spans)


def _vocatives(doc: Doc, quoted: Sequence[Token], characters: _TokenCharacters) -> list[int]:
    found: list[int] = []
    for token in quoted:
        character = characters.of(token)
        if character is None or token.pos_ == "PRON":
            continue
        span = characters.mention_span(token)
        if span is not None and is_vocative(span) and character not in found:
            found.append(character)
    return found


def _explicit_speaker(
    narration: Sequence[Token], characters: _TokenCharacters
) -> tuple[int | None, Token, bool] | None:
    """The subject of a speech verb in the narration around the quotes, the verb, and whether
    that subject is a pronoun ("he said").

    Returns ``(None, verb, False)`` when the verb's subject is no character (``the sign read:``,
    ``a timid voice asks``), and None when there is no speech verb at all.
    """
    in_narration = {t.i for t in narration}
    unknown: tuple[int | None, Token, bool] | None = None
    for token in narration:
        if not (_is_speech_verb(token) or token.lemma_ in INSCRIPTION_VERBS):
            continue
        if token.lemma_ in THOUGHT_VERBS and not _beside_speech(token, in_narration):
            continue  # "He missed, on purpose I think.": a thought, not a tag
        subject = _verb_subject(token, in_narration)
        if subject is not None:
            speaker = characters.in_phrase(subject)
            if speaker is not None:
                return speaker, token, subject.pos_ == "PRON"
            if subject.pos_ in ("NOUN", "PROPN") and unknown is None:
                unknown = (None, token, False)
            continue
        adjacent = _adjacent_character(token, in_narration, characters)
        if adjacent is not None:
            return adjacent, token, False
    return unknown


def _beside_speech(verb: Token, in_narration: set[int]) -> bool:
    """A tag's verb stands next to the quote: at most a subject, an adverb or punctuation lies
    between them ("'Odd,' she thought" / "I wondered: 'why?'")."""
    doc = verb.doc
    for step in (-1, 1):
        index = verb.i + step
        while 0 <= index < len(doc) and index in in_narration and abs(index - verb.i) <= TAG_REACH:
            if doc[index].text in SENTENCE_ENDS:
                break
            index += step
        if 0 <= index < len(doc) and index not in in_narration and abs(index - verb.i) <= TAG_REACH:
            return True
    return False


def _verb_subject(verb: Token, in_narration: set[int]) -> Token | None:
    for child in verb.children:
        if child.dep_ in SUBJECT_DEPS and child.i in in_narration:
            return child
    if verb.dep_ == "conj":
        for child in verb.head.children:
            if child.dep_ in SUBJECT_DEPS and child.i in in_narration:
                return child
    return None


def _adjacent_character(
    verb: Token, in_narration: set[int], characters: _TokenCharacters
) -> int | None:
    """``asked Della`` parsed without a subject: the name right after (or before) the verb."""
    doc = verb.doc
    for index in (verb.i + 1, verb.i + 2, verb.i - 1):
        if 0 <= index < len(doc) and index in in_narration:
            found = characters.of(doc[index])
            if found is not None:
                return found
    return None


_is_speech_verb = is_speech_verb


def _spoken_to(verb: Token, speaker: int, characters: _TokenCharacters) -> int | None:
    """``told Tom`` / ``said to her`` / ``said to herself``: whom the verb names as listener."""
    listeners: list[Token] = []
    for child in verb.children:
        if child.dep_ in ("dobj", "dative") and verb.lemma_ in ("tell", "ask", "answer", "greet"):
            listeners.append(child)
        if child.dep_ == "prep" and child.lower_ == "to":
            listeners.extend(child.children)
    for token in listeners:
        found = characters.in_phrase(token)
        if found is not None and found != speaker:
            return found
    return None


def _addressee(vocatives: Sequence[int], speaker: int, conversation: _Conversation) -> int | None:
    for character in vocatives:
        if character != speaker:
            return character
    return conversation.other_than(speaker)


def _acting_character(narration: Sequence[Token], characters: _TokenCharacters) -> int | None:
    for token in narration:
        if token.dep_ in SUBJECT_DEPS:
            character = characters.in_phrase(token)
            if character is not None:
                return character
    return None


def _revealed_next(
    doc: Doc,
    paragraphs: Sequence[Span],
    paragraph_index: int,
    quotes: Sequence[QuoteSpan],
    characters: _TokenCharacters,
) -> int | None:
    """``"Sensei?" A timid voice asks. He looks up to see Sakura.``: the one who is seen."""
    after_quote = Span(quotes[-1].end, paragraphs[paragraph_index].end)
    regions = [after_quote]
    if paragraph_index + 1 < len(paragraphs):
        regions.append(paragraphs[paragraph_index + 1])
    for region in regions:
        for token in _tokens_in(doc, region):
            if token.lemma_ in PERCEPTION_VERBS:
                for child in token.children:
                    if child.dep_ in ("dobj", "ccomp", "xcomp"):
                        found = characters.in_phrase(child)
                        if found is None:
                            found = _subject_of(child, characters)
                        if found is not None:
                            return found
    return None


def _subject_of(token: Token, characters: _TokenCharacters) -> int | None:
    for child in token.children:
        if child.dep_ in SUBJECT_DEPS:
            return characters.in_phrase(child)
    return None


def _turn_taking(conversation: _Conversation, paragraph_index: int) -> int | None:
    """In a two-person exchange, turns alternate: the speaker before last speaks again."""
    if paragraph_index - conversation.last_quote_paragraph > 1:
        return None
    speakers = conversation.speakers
    if len(speakers) >= 2 and speakers[-1] != speakers[-2]:
        return speakers[-2]
    return None


def _preceding_actor(
    doc: Doc, paragraphs: Sequence[Span], paragraph_index: int, characters: _TokenCharacters
) -> int | None:
    """The subject of the last sentence of the narration paragraph just before."""
    if paragraph_index == 0:
        return None
    tokens = _tokens_in(doc, paragraphs[paragraph_index - 1])
    if not tokens or any(t.is_quote for t in tokens):
        return None
    for token in reversed(tokens):
        if token.dep_ in SUBJECT_DEPS:
            found = characters.in_phrase(token)
            if found is not None:
                return found
    return None
