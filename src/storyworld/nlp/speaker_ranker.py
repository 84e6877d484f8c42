"""A learned ranker of quote speakers: which nearby character says each quote.

For every quote the candidates are the characters mentioned near it (its paragraph, the ten
before and the one after) and the recent speakers the rules chose. Each (quote, candidate)
pair gets a vector of features (:data:`FEATURE_NAMES`): the candidate is the subject of a
speech verb beside the quote, is named in address inside it, spoke one or two turns ago, was
addressed in the turn before, is the rules' choice, how far its nearest mention lies, ...
A small network scores each pair; a softmax over the quote's candidates turns scores into the
probability that the candidate speaks. The weights (``data/models/speaker_ranker.npz``) are
trained on the PDNC training novels by ``training/train_speaker_ranker.py`` (``make train``).

Numpy only, CPU only; the weights are read once, on first use.
"""

from __future__ import annotations

import os

import bisect
import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
from spacy.tokens import Doc, Token

from ..text import paragraph_spans
from ..world import Span
from .characters import SPEECH_VERBS, is_vocative
from .packaged import RULES_ONLY_ENV, read_packaged
from .quotes import QuoteSpan

WEIGHTS_RESOURCE = "data/models/speaker_ranker.npz"
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
PHRASE_DEPS = frozenset({"compound", "appos", "flat"})
INSCRIPTION_VERBS = frozenset({"read", "write", "say"})
FIRST_PERSON = frozenset({"i", "me", "my", "myself", "mine"})
NARRATING_YOU = frozenset({"you", "your", "yours", "yourself"})  # second-person narration
WINDOW_BEFORE = 10  # paragraphs before the quote whose characters are candidates
WINDOW_AFTER = 1
CONVERSATION_GAP = 3  # paragraphs without quotes that end a conversation
EXPLICIT_RULE = 0.9  # the rules' confidence for a speech verb's subject
HISTORY = 6  # earlier quote paragraphs whose speakers are candidates and features

FEATURE_NAMES: tuple[str, ...] = (
    "rule_choice",
    "rule_choice_x_confidence",
    "rule_choice_explicit",
    "speech_subject_after",
    "speech_subject_before",
    "speech_subject_paragraph",
    "speech_subject_is_pronoun",
    "speech_subject_nearest",
    "subject_in_paragraph",
    "first_subject_in_paragraph",
    "mentions_in_narration",
    "named_in_narration",
    "paragraph_opens_with",
    "first_person_in_narration",
    "mentioned_in_quote",
    "vocative_in_quote",
    "vocative_in_paragraph",
    "spoke_1_back",
    "spoke_2_back",
    "spoke_3_back",
    "alternates",
    "previous_continues",
    "addressed_1_back",
    "rule_addressee_1_back",
    "subject_previous_paragraph",
    "last_subject_previous_paragraph",
    "mentioned_previous_paragraph",
    "mentioned_next_paragraph",
    "subject_next_paragraph",
    "nearest_before",
    "nearest_after",
    "mentions_window",
    "salience",
    "is_narrator",
    "previous_quote_same_paragraph",
    "conversation_adjacent",
    "anchor_even_turns_back",
    "anchor_odd_turns_back",
    "anchor_partner_odd_turns_back",
)


@dataclass(frozen=True)
class RuleChoice:
    """What the rules said about one quote (the ranker's strongest single feature)."""

    speaker: int | None
    addressee: int | None
    confidence: float


@dataclass(frozen=True)
class QuoteCandidates:
    """The characters that may say one quote, with one feature row each."""

    characters: tuple[int, ...]
    features: np.ndarray  # shape (len(characters), len(FEATURE_NAMES))


@dataclass(frozen=True)
class RankerWeights:
    """A one-hidden-layer network over standardised features (hidden size 0: linear)."""

    mean: np.ndarray
    scale: np.ndarray
    hidden: np.ndarray  # (features, hidden)
    hidden_bias: np.ndarray  # (hidden,)
    output: np.ndarray  # (hidden + features,): hidden units then a linear skip connection

    def scores(self, features: np.ndarray) -> np.ndarray:
        x = (features - self.mean) / self.scale
        h = np.tanh(x @ self.hidden + self.hidden_bias) if self.hidden.shape[1] else x[:, :0]
        return np.concatenate([h, x], axis=1) @ self.output


@dataclass(frozen=True)
class _Mention:
    start: int
    character: int
    paragraph: int
    token: int  # the mention's root token
    in_quote: bool
    pronoun: bool
    first_person: bool
    vocative: bool
    subject: bool


@dataclass(frozen=True)
class _SpeechCue:
    """A speech verb in narration and the character that is its subject (or stands beside it)."""

    offset: int
    paragraph: int
    character: int
    pronoun: bool


class _DocIndex:
    """Everything about one Doc the features look up, computed once."""

    def __init__(
        self,
        doc: Doc,
        quotes: Sequence[QuoteSpan],
        mention_spans: Sequence[tuple[int, int, int]],
    ) -> None:
        self.doc = doc
        self.quotes = quotes
        self.paragraphs: list[Span] = paragraph_spans(doc.text)
        self._paragraph_starts = [p.start for p in self.paragraphs]
        self._quote_starts = [q.start for q in quotes]
        self.character_of_token: dict[int, int] = {}
        self.mentions = self._mentions(mention_spans)
        self.by_paragraph: dict[int, list[_Mention]] = {}
        self.outside_starts: dict[int, list[int]] = {}
        self.counts: dict[int, int] = {}
        for mention in self.mentions:
            self.by_paragraph.setdefault(mention.paragraph, []).append(mention)
            self.counts[mention.character] = self.counts.get(mention.character, 0) + 1
            if not mention.in_quote:
                self.outside_starts.setdefault(mention.character, []).append(mention.start)
        self.cues: dict[int, list[_SpeechCue]] = {}
        for cue in self._speech_cues():
            self.cues.setdefault(cue.paragraph, []).append(cue)
        self.quote_paragraphs = sorted({q.paragraph for q in quotes})
        self.narrator = self._narrator()

    def paragraph_of(self, offset: int) -> int:
        return max(bisect.bisect_right(self._paragraph_starts, offset) - 1, 0)

    def in_quote(self, offset: int) -> bool:
        index = bisect.bisect_right(self._quote_starts, offset) - 1
        return index >= 0 and offset < self.quotes[index].end

    def _mentions(self, mention_spans: Sequence[tuple[int, int, int]]) -> list[_Mention]:
        found = []
        for start, end, character in sorted(mention_spans):
            span = self.doc.char_span(start, end, alignment_mode="expand")
            if span is None or len(span) == 0:
                continue
            for token in span:
                self.character_of_token[token.i] = character
            root = span.root
            in_quote = self.in_quote(start)
            subject = root.dep_ in SUBJECT_DEPS or (
                root.dep_ in PHRASE_DEPS and root.head.dep_ in SUBJECT_DEPS
            )
            found.append(
                _Mention(
                    start=start,
                    character=character,
                    paragraph=self.paragraph_of(start),
                    token=root.i,
                    in_quote=in_quote,
                    pronoun=root.pos_ == "PRON",
                    first_person=root.lower_ in FIRST_PERSON
                    or (root.lower_ in NARRATING_YOU and not in_quote),
                    vocative=in_quote and root.pos_ != "PRON" and is_vocative(span),
                    subject=subject and not in_quote,
                )
            )
        return found

    def in_phrase(self, token: Token) -> int | None:
        found = self.character_of_token.get(token.i)
        if found is not None:
            return found
        for child in token.children:
            if child.dep_ in PHRASE_DEPS:
                found = self.character_of_token.get(child.i)
                if found is not None:
                    return found
        return None

    def _speech_cues(self) -> list[_SpeechCue]:
        cues = []
        doc = self.doc
        for token in doc:
            if not (is_speech_verb(token) or token.lemma_ in INSCRIPTION_VERBS):
                continue
            if self.in_quote(token.idx):
                continue
            subject = _verb_subject(token)
            character = self.in_phrase(subject) if subject is not None else None
            pronoun = subject is not None and subject.pos_ == "PRON"
            if character is None and subject is None:
                for index in (token.i + 1, token.i + 2, token.i - 1):
                    if 0 <= index < len(doc) and not self.in_quote(doc[index].idx):
                        character = self.character_of_token.get(index)
                        if character is not None:
                            pronoun = doc[index].pos_ == "PRON"
                            break
            if character is not None:
                cues.append(_SpeechCue(token.idx, self.paragraph_of(token.idx), character, pronoun))
        return cues

    def _narrator(self) -> int | None:
        votes: dict[int, int] = {}
        for mention in self.mentions:
            if mention.first_person and not mention.in_quote:
                votes[mention.character] = votes.get(mention.character, 0) + 1
        if not votes:
            return None
        best = max(votes, key=lambda c: votes[c])
        return best if votes[best] >= 20 else None


def is_speech_verb(token: Token) -> bool:
    """``said``, ``asked``, ``went on``: a verb that introduces direct speech."""
    if token.pos_ not in ("VERB", "AUX"):
        return False
    if token.lemma_ in SPEECH_VERBS:
        return True
    return token.lemma_ == "go" and any(c.dep_ == "prt" and c.lower_ == "on" for c in token.children)


def _verb_subject(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ in SUBJECT_DEPS:
            return child
    if verb.dep_ == "conj":
        for child in verb.head.children:
            if child.dep_ in SUBJECT_DEPS:
                return child
    return None


def build_candidates(
    doc: Doc,
    quotes: Sequence[QuoteSpan],
    mention_spans: Sequence[tuple[int, int, int]],
    rules: Sequence[RuleChoice],
) -> list[QuoteCandidates]:
    """Candidates and their feature rows for every quote, in order."""
    return _build(_DocIndex(doc, quotes, mention_spans), rules)


def _build(index: _DocIndex, rules: Sequence[RuleChoice]) -> list[QuoteCandidates]:
    history = _rule_history(index.quotes, rules)
    turn_paragraphs = [turn.paragraph for turn in history]
    return [
        _quote_candidates(index, position, quote, rules[position], history, turn_paragraphs)
        for position, quote in enumerate(index.quotes)
    ]


@dataclass(frozen=True)
class _Turn:
    paragraph: int
    speaker: int | None
    addressee: int | None
    continues: bool
    explicit: bool


def _rule_history(quotes: Sequence[QuoteSpan], rules: Sequence[RuleChoice]) -> list[_Turn]:
    """One turn per quote paragraph, in order: the rules' speaker and addressee there."""
    turns: dict[int, _Turn] = {}
    for quote, rule in zip(quotes, rules):
        previous = turns.get(quote.paragraph)
        continues = quote.continues or (previous is not None and previous.continues)
        if previous is None or (previous.speaker is None and rule.speaker is not None):
            explicit = rule.confidence >= EXPLICIT_RULE
            turns[quote.paragraph] = _Turn(
                quote.paragraph, rule.speaker, rule.addressee, continues, explicit
            )
        else:
            turns[quote.paragraph] = _Turn(
                previous.paragraph, previous.speaker, previous.addressee, continues,
                previous.explicit,
            )
    return [turns[p] for p in sorted(turns)]


def _quote_candidates(
    index: _DocIndex,
    position: int,
    quote: QuoteSpan,
    rule: RuleChoice,
    history: list[_Turn],
    turn_paragraphs: list[int],
) -> QuoteCandidates:
    paragraph = quote.paragraph
    turn_at = bisect.bisect_left(turn_paragraphs, paragraph)
    earlier = _conversation(history[:turn_at], paragraph)
    candidates: list[int] = []
    low = max(paragraph - WINDOW_BEFORE, 0)
    for p in range(low, paragraph + WINDOW_AFTER + 1):
        for mention in index.by_paragraph.get(p, ()):
            if mention.character not in candidates:
                candidates.append(mention.character)
    for turn in earlier[-HISTORY:]:
        if turn.speaker is not None and turn.speaker not in candidates:
            candidates.append(turn.speaker)
    if rule.speaker is not None and rule.speaker not in candidates:
        candidates.append(rule.speaker)
    context = _QuoteContext.of(index, position, quote, earlier)
    rows = [_features(index, context, quote, rule, c) for c in candidates]
    features = np.array(rows, dtype=np.float32).reshape(len(rows), len(FEATURE_NAMES))
    return QuoteCandidates(tuple(candidates), features)


def _conversation(turns: list[_Turn], paragraph: int) -> list[_Turn]:
    """The turns of the conversation the quote belongs to (no long narration gap)."""
    kept: list[_Turn] = []
    after = paragraph
    for turn in reversed(turns):
        if after - turn.paragraph > CONVERSATION_GAP + 1:
            break
        kept.append(turn)
        after = turn.paragraph
    return kept[::-1]


@dataclass(frozen=True)
class _QuoteContext:
    """Spans and facts shared by all candidates of one quote."""

    before: Span  # narration between the previous quote of the paragraph (or its start) and this one
    after: Span  # narration between this quote and the next one of the paragraph (or its end)
    narration: list[_Mention]
    quoted: list[_Mention]  # mentions inside this very quote
    paragraph_quoted: list[_Mention]
    cues: list[_SpeechCue]
    earlier: list[_Turn]
    previous_same_paragraph: bool
    opener: int | None

    @staticmethod
    def of(index: _DocIndex, position: int, quote: QuoteSpan, earlier: list[_Turn]) -> _QuoteContext:
        paragraph = index.paragraphs[quote.paragraph]
        quotes = index.quotes
        previous_same = position > 0 and quotes[position - 1].paragraph == quote.paragraph
        next_same = position + 1 < len(quotes) and quotes[position + 1].paragraph == quote.paragraph
        before = Span(quotes[position - 1].end if previous_same else paragraph.start, quote.start)
        after = Span(quote.end, quotes[position + 1].start if next_same else paragraph.end)
        mentions = index.by_paragraph.get(quote.paragraph, [])
        narration = [m for m in mentions if not m.in_quote]
        opener = narration[0].character if narration and narration[0].start - paragraph.start < 3 else None
        return _QuoteContext(
            before=before,
            after=after,
            narration=narration,
            quoted=[m for m in mentions if quote.start <= m.start < quote.end],
            paragraph_quoted=[m for m in mentions if m.in_quote],
            cues=index.cues.get(quote.paragraph, []),
            earlier=earlier,
            previous_same_paragraph=previous_same,
            opener=opener,
        )


def _features(
    index: _DocIndex, context: _QuoteContext, quote: QuoteSpan, rule: RuleChoice, candidate: int
) -> list[float]:
    mine = [m for m in context.narration if m.character == candidate]
    cues = [c for c in context.cues if c.character == candidate]
    subjects = [m for m in context.narration if m.subject]
    quoted = [m for m in context.quoted if m.character == candidate]
    earlier = context.earlier
    spoke = [
        float(len(earlier) >= back and earlier[-back].speaker == candidate) for back in (1, 2, 3)
    ]
    last = earlier[-1] if earlier else None
    adjacent = last is not None and quote.paragraph - last.paragraph == 1
    alternates = (
        len(earlier) >= 2
        and earlier[-2].speaker == candidate
        and earlier[-1].speaker != candidate
        and adjacent
    )
    previous_paragraph = index.by_paragraph.get(quote.paragraph - 1, [])
    previous_narration = [m for m in previous_paragraph if not m.in_quote]
    previous_subjects = [m for m in previous_narration if m.subject]
    next_paragraph = [m for m in index.by_paragraph.get(quote.paragraph + 1, []) if not m.in_quote]
    is_rule = rule.speaker == candidate
    nearest_cue = min(context.cues, key=lambda c: _distance(c.offset, quote), default=None)
    return [
        float(is_rule),
        rule.confidence if is_rule else 0.0,
        float(is_rule and rule.confidence >= EXPLICIT_RULE),
        float(any(context.after.start <= c.offset < context.after.end for c in cues)),
        float(any(context.before.start <= c.offset < context.before.end for c in cues)),
        float(bool(cues)),
        float(bool(cues) and all(c.pronoun for c in cues)),
        float(nearest_cue is not None and nearest_cue.character == candidate),
        float(any(m.subject for m in mine)),
        float(bool(subjects) and subjects[0].character == candidate),
        math.log1p(len(mine)),
        float(any(not m.pronoun for m in mine)),
        float(context.opener == candidate),
        float(any(m.first_person for m in mine)),
        float(any(not m.vocative for m in quoted)),
        float(any(m.vocative for m in quoted)),
        float(any(m.vocative and m.character == candidate for m in context.paragraph_quoted)),
        *spoke,
        float(alternates),
        float(last is not None and last.continues and last.speaker == candidate and adjacent),
        float(last is not None and _addressed(index, last.paragraph, candidate)),
        float(last is not None and last.addressee == candidate),
        float(any(m.subject and m.character == candidate for m in previous_narration)),
        float(bool(previous_subjects) and previous_subjects[-1].character == candidate),
        float(any(m.character == candidate for m in previous_paragraph)),
        float(any(m.character == candidate for m in next_paragraph)),
        float(any(m.subject and m.character == candidate for m in next_paragraph)),
        _closeness(index, candidate, quote.start, before=True),
        _closeness(index, candidate, quote.end, before=False),
        math.log1p(_window_count(index, candidate, quote.paragraph)),
        math.log1p(index.counts.get(candidate, 0)),
        float(index.narrator == candidate),
        float(context.previous_same_paragraph),
        float(adjacent),
        *_anchor_features(earlier, candidate),
    ]


def _anchor_features(earlier: list[_Turn], candidate: int) -> tuple[float, float, float]:
    """Turn parity from the last turn with a speech verb: A, B, A, B, ... from that anchor."""
    for back in range(1, min(len(earlier), 8) + 1):
        anchor = earlier[-back]
        if not anchor.explicit or anchor.speaker is None:
            continue
        even = back % 2 == 0
        partners = [
            t.speaker for t in earlier[-back - 1 : -back] + earlier[len(earlier) - back + 1 :][:1]
            if t.speaker is not None and t.speaker != anchor.speaker
        ]
        return (
            float(even and anchor.speaker == candidate),
            float(not even and anchor.speaker == candidate),
            float(not even and candidate in partners),
        )
    return 0.0, 0.0, 0.0


def _distance(offset: int, quote: QuoteSpan) -> int:
    return quote.start - offset if offset < quote.start else offset - quote.end


def _addressed(index: _DocIndex, paragraph: int, candidate: int) -> bool:
    return any(
        m.vocative and m.character == candidate for m in index.by_paragraph.get(paragraph, [])
    )


def _closeness(index: _DocIndex, candidate: int, offset: int, *, before: bool) -> float:
    """1 for a mention (outside quotes) right at ``offset``, falling to 0 at ~2,000 characters."""
    starts = index.outside_starts.get(candidate, [])
    at = bisect.bisect_left(starts, offset)
    if before:
        if at == 0:
            return 0.0
        gap = offset - starts[at - 1]
    else:
        if at == len(starts):
            return 0.0
        gap = starts[at] - offset
    return max(0.0, 1.0 - math.log1p(gap) / math.log1p(2000))


def _window_count(index: _DocIndex, candidate: int, paragraph: int) -> int:
    return sum(
        1
        for p in range(max(paragraph - 10, 0), paragraph + 1)
        for m in index.by_paragraph.get(p, ())
        if m.character == candidate
    )


@dataclass(frozen=True)
class RankedQuote:
    speaker: int | None
    addressee: int | None
    confidence: float  # the ranker's probability for the speaker


def rank_quotes(
    doc: Doc,
    quotes: Sequence[QuoteSpan],
    mention_spans: Sequence[tuple[int, int, int]],
    rules: Sequence[RuleChoice],
    weights: RankerWeights,
) -> list[RankedQuote]:
    """The ranker's speaker for every quote, with an addressee that is never the speaker."""
    index = _DocIndex(doc, quotes, mention_spans)
    ranked: list[RankedQuote] = []
    turns: list[tuple[int, int]] = []  # (paragraph, speaker) of earlier quotes
    for quote, rule, candidates in zip(quotes, rules, _build(index, rules)):
        speaker, probability = rank(weights, candidates)
        addressee = _addressee(index, quote, speaker, rule, turns)
        ranked.append(RankedQuote(speaker, addressee, probability))
        if speaker is not None:
            turns.append((quote.paragraph, speaker))
    return ranked


def _addressee(
    index: _DocIndex,
    quote: QuoteSpan,
    speaker: int | None,
    rule: RuleChoice,
    turns: list[tuple[int, int]],
) -> int | None:
    """A name in address in the paragraph's speech, else whom the rules or the turns suggest."""
    for mention in index.by_paragraph.get(quote.paragraph, []):
        if mention.vocative and mention.character != speaker:
            return mention.character
    if rule.speaker == speaker and rule.addressee != speaker:
        return rule.addressee
    after = quote.paragraph
    for paragraph, earlier in reversed(turns):
        if after - paragraph > CONVERSATION_GAP + 1:
            break
        if earlier != speaker:
            return earlier
        after = paragraph
    return rule.addressee if rule.addressee != speaker else None


def rank(weights: RankerWeights, candidates: QuoteCandidates) -> tuple[int | None, float]:
    """The most probable speaker among the candidates and its probability (None, 0 if none)."""
    if not candidates.characters:
        return None, 0.0
    probabilities = softmax(weights.scores(candidates.features))
    best = int(np.argmax(probabilities))
    return candidates.characters[best], float(probabilities[best])


def softmax(scores: np.ndarray) -> np.ndarray:
    shifted = np.exp(scores - scores.max())
    return shifted / shifted.sum()


def save_weights(weights: RankerWeights, path: Path) -> None:
    save_network(weights, path, FEATURE_NAMES)


def read_weights(path: Path) -> RankerWeights | None:
    """Weights from ``path``; None when they were trained for another feature list."""
    return read_network(path, FEATURE_NAMES)


def save_network(weights: RankerWeights, path: Path, feature_names: Sequence[str], **stamps: int) -> None:
    """Write a ranker's network with the feature names it was trained on and any further stamps
    (a feature version) that must match when it is read back."""
    np.savez_compressed(
        path,
        feature_names=np.array(feature_names),
        **{name: np.array(value) for name, value in stamps.items()},
        mean=weights.mean,
        scale=weights.scale,
        hidden=weights.hidden,
        hidden_bias=weights.hidden_bias,
        output=weights.output,
    )


def read_network(path: Path, feature_names: Sequence[str], **stamps: int) -> RankerWeights | None:
    """The network at ``path``; None when its feature names or stamps are not these."""
    with np.load(path) as data:
        if tuple(str(n) for n in data["feature_names"]) != tuple(feature_names):
            return None
        if any(name not in data or int(data[name]) != value for name, value in stamps.items()):
            return None
        return RankerWeights(
            mean=data["mean"].astype(np.float32),
            scale=data["scale"].astype(np.float32),
            hidden=data["hidden"].astype(np.float32),
            hidden_bias=data["hidden_bias"].astype(np.float32),
            output=data["output"].astype(np.float32),
        )


def model_available() -> bool:
    """Whether the learned ranker decides speakers (weights shipped, and not switched off by
    ``STORYWORLD_RULES_ONLY=1``, which benchmarks use for the rules-only baseline)."""
    return not os.environ.get(RULES_ONLY_ENV) and shipped_weights() is not None


@lru_cache(maxsize=1)
def shipped_weights() -> RankerWeights | None:
    """The weights shipped in the package, read on first use; None when absent or stale."""
    return read_packaged(WEIGHTS_RESOURCE, read_weights)
