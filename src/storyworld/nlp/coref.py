"""Coreference stage (pronouns): each he/she pronoun linked to a character, and genders learned.

Requires: a parsed Doc, the cast's name mentions. Assigns: pronoun mentions with a cast
index, and each character's pronouns (``he``/``she``) from titles and pronoun agreement.
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from .characters import CastEntry
from .names import Gender, gender_of_given_name, split_name
from .speaker_ranker import is_speech_verb

PRONOUN_GENDER: dict[str, Gender] = {
    "he": "m", "him": "m", "his": "m", "himself": "m",
    "she": "f", "her": "f", "hers": "f", "herself": "f",
}
FIRST_PERSON = frozenset({"i", "me", "my", "mine", "myself"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
OBJECT_DEPS = frozenset({"dobj", "dative", "iobj"})
MAX_SENTENCES_BACK = 4
GENDER_MAJORITY = 0.7


@dataclass(frozen=True)
class PronounLink:
    """A pronoun at ``[start, end)`` standing for the cast member at ``cast_index``."""

    start: int
    end: int
    cast_index: int


@dataclass(frozen=True)
class _Antecedent:
    cast_index: int
    sentence: int
    subject: bool
    in_speech: bool = False
    head: int = -1


def name_mention_tokens(doc: Doc, cast: Sequence[CastEntry]) -> dict[int, int]:
    """Token index of each name mention's head token -> cast index."""
    token_at = {token.idx: token.i for token in doc}
    heads: dict[int, int] = {}
    for cast_index, entry in enumerate(cast):
        for mention in entry.mentions:
            token_index = token_at.get(mention.start)
            if token_index is None:
                continue
            span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
            head = span.root.i if span is not None else token_index
            heads[head] = cast_index
            if head != token_index:
                heads[token_index] = cast_index
            for token in span if span is not None else ():
                if token.dep_ in SUBJECT_DEPS or token.dep_ in OBJECT_DEPS or token.dep_ == "poss":
                    heads.setdefault(token.i, cast_index)  # "Will Ashby" parsed as aux + nsubj
    return heads


def infer_genders(
    doc: Doc,
    cast: Sequence[CastEntry],
    name_tokens: dict[int, int],
    outside_speech: Callable[[int], bool] = lambda offset: True,
) -> list[Gender | None]:
    """Each character's gender: its title's; else the pronouns that refer back to it when it
    is alone in narration (two or more agreeing); else its given name's usual gender."""
    votes: list[Counter[Gender]] = [Counter() for _ in cast]
    previous_alone: int | None = None
    for sentence in doc.sents:
        if not outside_speech(sentence.start_char) or not outside_speech(sentence.end_char - 1):
            previous_alone = None
            continue
        named = {name_tokens[t.i] for t in sentence if t.i in name_tokens}
        if len(named) == 1:
            (alone,) = named
            first_name = next(t.i for t in sentence if t.i in name_tokens)
            _vote(votes[alone], sentence.doc[first_name + 1 : sentence.end])
        elif not named and previous_alone is not None:
            _vote(votes[previous_alone], sentence, first_only=True)
        previous_alone = next(iter(named)) if len(named) == 1 else None
    genders: list[Gender | None] = []
    for entry, counter in zip(cast, votes):
        strong = _majority(counter) if sum(counter.values()) >= 2 else None
        genders.append(entry.gender or strong or _name_gender(entry) or _majority(counter))
    return genders


def _vote(counter: Counter[Gender], tokens: Iterable[Token], first_only: bool = False) -> None:
    """Count the pronouns that can only point back: subjects, possessives, reflexives."""
    for token in tokens:
        gender = PRONOUN_GENDER.get(token.lower_)
        if gender is None or _is_accusative(token):
            continue
        counter[gender] += 1
        if first_only:
            return


def _name_gender(entry: CastEntry) -> Gender | None:
    return gender_of_given_name(split_name(entry.name).words)


def _majority(counter: Counter[Gender]) -> Gender | None:
    total = sum(counter.values())
    if not total:
        return None
    gender, count = counter.most_common(1)[0]
    return gender if count / total >= GENDER_MAJORITY else None


def refine_genders(
    genders: Sequence[Gender | None], links: Sequence[PronounLink], doc: Doc
) -> list[Gender | None]:
    """Fill unknown genders from the pronouns a first resolution pass linked to them."""
    votes: list[Counter[Gender]] = [Counter() for _ in genders]
    text = doc.text  # a Doc joined from chunks rebuilds its text on every access
    for link in links:
        gender = PRONOUN_GENDER.get(text[link.start : link.end].lower())
        if gender:
            votes[link.cast_index][gender] += 1
    return [
        known or (_majority(counter) if sum(counter.values()) >= 2 else None)
        for known, counter in zip(genders, votes)
    ]


def resolve_pronouns(
    doc: Doc,
    name_tokens: dict[int, int],
    genders: Sequence[Gender | None],
    outside_speech: Callable[[int], bool] = lambda offset: True,
    speech_parties: Callable[[int], frozenset[int]] = lambda offset: frozenset(),
    quote_spans: Sequence[tuple[int, int]] = (),
) -> list[PronounLink]:
    """Link third-person singular pronouns to the most salient agreeing character.

    A name said inside a quote is a weak antecedent for a pronoun in the narration.
    ``speech_parties(offset)``: who speaks the quote holding that offset and to whom, once
    quotes are attributed; "he" and "she" in a quote are neither (they say "I" and "you").
    """
    history: list[_Antecedent] = []
    links: list[PronounLink] = []
    resolved: dict[int, int] = {}
    quotes = sorted(quote_spans)
    quote_starts = [start for start, _ in quotes]
    text = doc.text if quotes else ""  # a Doc joined from chunks rebuilds its text on every access
    for sentence_index, sentence in enumerate(doc.sents):
        for token in sentence:
            if token.i in name_tokens:
                history.append(
                    _Antecedent(
                        name_tokens[token.i],
                        sentence_index,
                        _is_subject(token),
                        not outside_speech(token.idx),
                        token.head.i,
                    )
                )
                continue
            gender = PRONOUN_GENDER.get(token.lower_)
            if gender is None:
                continue
            in_speech = not outside_speech(token.idx)
            excluded = {_clause_subject(token, name_tokens, resolved)}
            if in_speech:
                excluded |= speech_parties(token.idx)
            else:
                excluded |= _named_in_tagged_quote(token, text, quotes, quote_starts, name_tokens)
            chosen = _choose_antecedent(
                history, gender, genders, sentence_index, token, in_speech, excluded
            )
            if chosen is None:
                continue
            links.append(PronounLink(token.idx, token.idx + len(token), chosen))
            resolved[token.i] = chosen
            history.append(_Antecedent(chosen, sentence_index, _is_subject(token), in_speech))
        if len(history) > 64:
            del history[:-32]
    return links


TAG_GAP = 3  # characters between a quote and its tag's pronoun: '," she'


def _named_in_tagged_quote(
    pronoun: Token,
    text: str,
    quotes: Sequence[tuple[int, int]],
    starts: Sequence[int],
    name_tokens: dict[int, int],
) -> frozenset[int]:
    """``"Mam says you're to eat," she tells me``: the speaker a tag's pronoun stands for is
    none of the characters named inside the quote it tags (they are talked about or to)."""
    if not quotes or pronoun.dep_ not in SUBJECT_DEPS or not is_speech_verb(pronoun.head):
        return frozenset()
    index = bisect.bisect_right(starts, pronoun.idx) - 1
    if index < 0 or len(text[quotes[index][1] : pronoun.idx].strip(" ,")) > TAG_GAP:
        return frozenset()
    span = pronoun.doc.char_span(*quotes[index], alignment_mode="expand")
    return frozenset(name_tokens[t.i] for t in span if t.i in name_tokens) if span is not None else frozenset()


def _clause_subject(
    pronoun: Token, name_tokens: dict[int, int], resolved: dict[int, int]
) -> int | None:
    """``Kakashi tells him``: a plain object pronoun never stands for its clause's subject;
    nor does the possessive of a predicate noun (``Iruka was his teacher``)."""
    if pronoun.dep_ == "poss" and pronoun.head.dep_ == "appos" and not any(
        c.dep_ in ("appos", "compound") and c.pos_ == "PROPN" for c in pronoun.head.children
    ):  # "Bulma, her husband Vegeta" lists a second person: "her" may be Bulma
        anchor = pronoun.head.head  # "Alphonse, his brother": "his" is not Alphonse
        return name_tokens.get(anchor.i, resolved.get(anchor.i))
    noun = pronoun.head
    if pronoun.dep_ == "poss" and noun.dep_ == "conj" and noun.head.dep_ == "attr":
        noun = noun.head  # "her guardian and her teacher"
    if pronoun.dep_ == "poss" and noun.dep_ == "attr":
        copula = noun.head
        for child in copula.children:
            if child.dep_ in SUBJECT_DEPS:
                return name_tokens.get(child.i, resolved.get(child.i))
        return None
    if not _is_accusative(pronoun):
        return None
    for verb in (pronoun.head, pronoun.head.head):
        for child in verb.children:
            if child.dep_ in SUBJECT_DEPS and child.i != pronoun.i:
                return name_tokens.get(child.i, resolved.get(child.i))
    return None


def _is_accusative(pronoun: Token) -> bool:
    """``him``, and ``her`` when it is no possessive: never a reflexive."""
    lowered = pronoun.lower_
    return lowered == "him" or (lowered == "her" and pronoun.dep_ != "poss")


def _is_subject(token: Token) -> bool:
    return token.dep_ in SUBJECT_DEPS


def _choose_antecedent(
    history: list[_Antecedent],
    gender: Gender,
    genders: Sequence[Gender | None],
    sentence_index: int,
    pronoun: Token,
    pronoun_in_speech: bool,
    excluded: set[int | None] = frozenset(),  # type: ignore[assignment]
) -> int | None:
    best: tuple[float, int] | None = None
    for rank, antecedent in enumerate(reversed(history)):
        distance = sentence_index - antecedent.sentence
        if distance > MAX_SENTENCES_BACK:
            break
        known = genders[antecedent.cast_index]
        if known is not None and known != gender:
            continue
        score = -distance * 2.0 - rank * 0.3
        if antecedent.subject:
            score += 1.5
        if known is None:
            score -= 2.0
        if distance == 0 and _is_subject(pronoun) and not antecedent.subject:
            score -= 0.5
        if antecedent.in_speech and not pronoun_in_speech:
            score -= 3.0
        if antecedent.cast_index in excluded:
            continue
        if best is None or score > best[0]:
            best = (score, antecedent.cast_index)
    return best[1] if best else None


SECOND_PERSON = frozenset({"you", "your", "yours", "yourself"})


def resolve_speech_pronouns(
    doc: Doc,
    quotes: Sequence[tuple[int, int, int | None, int | None]],
    taken: Callable[[int], bool] = lambda offset: False,
) -> list[PronounLink]:
    """Inside a quote, ``I``/``me``/``my`` stand for its speaker and ``you``/``your`` (said to
    one person) for its addressee. ``quotes``: (start, end, speaker, addressee) cast indices;
    ``taken(offset)`` tells a pronoun that already has a character."""
    links: list[PronounLink] = []
    for start, end, speaker, addressee in quotes:
        if speaker is None and addressee is None:
            continue
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            continue
        for token in span:
            lowered = token.lower_
            if lowered in FIRST_PERSON and speaker is not None:
                chosen = speaker
            elif lowered in SECOND_PERSON and addressee is not None and addressee != speaker:
                chosen = addressee
            else:
                continue
            if not taken(token.idx):
                links.append(PronounLink(token.idx, token.idx + len(token), chosen))
    return links
