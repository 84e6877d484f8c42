"""Coreference stage (pronouns): each he/she pronoun linked to a character, and genders learned.

Requires: a parsed Doc, the cast's name mentions. Assigns: pronoun mentions with a cast
index, and each character's pronouns (``he``/``she``) from titles and pronoun agreement.
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import numpy as np
from spacy.tokens import Doc, Token

from ..text import paragraph_spans
from .characters import CastEntry
from .names import Gender, gender_of_given_name, split_name
from .pronoun_ranker import (
    Antecedent,
    Candidate,
    NEAR_SENTENCES,
    RANKER_SENTENCES,
    PronounSite,
    Salience,
    active_weights,
    best_character,
    features,
    hand_score,
)
from .speaker_ranker import RankerWeights, is_speech_verb

PRONOUN_GENDER: dict[str, Gender] = {
    "he": "m", "him": "m", "his": "m", "himself": "m",
    "she": "f", "her": "f", "hers": "f", "herself": "f",
}
FIRST_PERSON = frozenset({"i", "me", "my", "mine", "myself"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
OBJECT_DEPS = frozenset({"dobj", "dative", "iobj"})
MAX_SENTENCES_BACK = NEAR_SENTENCES  # how far back the hand weights' candidates lie
GENDER_MAJORITY = 0.7


@dataclass(frozen=True)
class PronounLink:
    """A pronoun at ``[start, end)`` standing for the cast member at ``cast_index``."""

    start: int
    end: int
    cast_index: int


@dataclass(frozen=True)
class PronounDecision:
    """One pronoun's candidate characters (cast indices, latest mentioned first), their
    feature rows when asked for, and the character chosen (what training reads)."""

    token: int
    candidates: tuple[int, ...]
    features: np.ndarray | None
    chosen: int


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
    *,
    use_ranker: bool = True,
) -> list[PronounLink]:
    """Link third-person singular pronouns to the most salient agreeing character.

    A name said inside a quote is a weak antecedent for a pronoun in the narration.
    ``speech_parties(offset)``: who speaks the quote holding that offset and to whom, once
    quotes are attributed; "he" and "she" in a quote are neither (they say "I" and "you").
    The learned ranker (:mod:`storyworld.nlp.pronoun_ranker`) weighs the candidates when it is
    switched on, its weights are shipped and ``use_ranker`` holds; the hand-weighted score
    otherwise.
    """
    weights = active_weights() if use_ranker else None
    decisions = pronoun_decisions(
        doc, name_tokens, genders, outside_speech, speech_parties, quote_spans, weights
    )
    links = []
    for decision in decisions:
        token = doc[decision.token]
        links.append(PronounLink(token.idx, token.idx + len(token), decision.chosen))
    return links


def pronoun_decisions(
    doc: Doc,
    name_tokens: dict[int, int],
    genders: Sequence[Gender | None],
    outside_speech: Callable[[int], bool] = lambda offset: True,
    speech_parties: Callable[[int], frozenset[int]] = lambda offset: frozenset(),
    quote_spans: Sequence[tuple[int, int]] = (),
    weights: RankerWeights | None = None,
    keep_features: bool = False,
    window: int | None = None,
) -> list[PronounDecision]:
    """Every linked pronoun in reading order, with its candidates: what
    :func:`resolve_pronouns` decides (``weights``: the ranker's, which looks
    :data:`~storyworld.nlp.pronoun_ranker.RANKER_SENTENCES` back; None: the hand weights, which
    look :data:`MAX_SENTENCES_BACK` back). ``keep_features`` keeps each decision's feature rows
    and ``window`` overrides how far back candidates lie (both for training the ranker)."""
    if window is None:
        window = RANKER_SENTENCES if weights is not None else MAX_SENTENCES_BACK
    history: list[Antecedent] = []
    salience = Salience()
    decisions: list[PronounDecision] = []
    resolved: dict[int, int] = {}
    quotes = sorted(quote_spans)
    quote_starts = [start for start, _ in quotes]
    text = doc.text  # a Doc joined from chunks rebuilds its text on every access
    paragraph_starts = [p.start for p in paragraph_spans(text)]

    def place(offset: int) -> tuple[int, int]:
        """(paragraph, quote) holding ``offset``; quote -1 in narration."""
        paragraph = max(bisect.bisect_right(paragraph_starts, offset) - 1, 0)
        index = bisect.bisect_right(quote_starts, offset) - 1
        quote = index if index >= 0 and offset < quotes[index][1] else -1
        return paragraph, quote

    for sentence_index, sentence in enumerate(doc.sents):
        for token in sentence:
            if token.i in name_tokens:
                entry = _antecedent(
                    token, name_tokens[token.i], sentence_index, not outside_speech(token.idx),
                    place(token.idx), history, from_pronoun=False,
                )
                history.append(entry)
                salience.add(entry)
                continue
            gender = PRONOUN_GENDER.get(token.lower_)
            if gender is None:
                continue
            in_speech = not outside_speech(token.idx)
            excluded = {
                _clause_subject(token, name_tokens, resolved),
                *_named_later_in_clause(token, name_tokens, outside_speech),
            }
            if in_speech:
                excluded |= speech_parties(token.idx)
            else:
                excluded |= _named_in_tagged_quote(token, text, quotes, quote_starts, name_tokens)
            site = _site(token, sentence_index, gender, in_speech, place(token.idx))
            candidates = _candidates(history, gender, genders, site, excluded, window)
            if not candidates:
                continue
            rows = None
            if keep_features or weights is not None:
                characters, rows = features(site, candidates, salience)
            else:
                characters = tuple(dict.fromkeys(c.antecedent.cast_index for c in candidates))
            if weights is not None and rows is not None:
                chosen = best_character(weights, characters, rows)
            else:
                chosen = _hand_choice(site, candidates)
            decisions.append(PronounDecision(token.i, characters, rows if keep_features else None, chosen))
            resolved[token.i] = chosen
            entry = _antecedent(
                token, chosen, sentence_index, in_speech, place(token.idx), history, from_pronoun=True
            )
            history.append(entry)
            salience.add(entry, gender)
        if len(history) > 64:
            del history[:-32]
    return decisions


PHRASE_DEPS = frozenset({"compound", "flat"})


def _antecedent(
    token: Token,
    cast_index: int,
    sentence: int,
    in_speech: bool,
    place: tuple[int, int],
    history: Sequence[Antecedent],
    *,
    from_pronoun: bool,
) -> Antecedent:
    """A mention as a later pronoun's candidate; its role is that of the phrase it names
    (``Mr.`` in ``Mr. Bennet said`` is a subject)."""
    phrase = token
    while phrase.dep_ in PHRASE_DEPS and phrase.head.i != phrase.i:
        phrase = phrase.head
    role = _role(phrase)
    return Antecedent(
        cast_index=cast_index,
        sentence=sentence,
        subject=_is_subject(token),
        in_speech=in_speech,
        head=token.head.i,
        token=token.i,
        paragraph=place[0],
        quote=place[1],
        role=role,
        speech_subject=role == "subject" and is_speech_verb(phrase.head),
        from_pronoun=from_pronoun,
        first_in_sentence=not history or history[-1].sentence != sentence,
        entity="" if from_pronoun else token.ent_type_,
    )


def _role(token: Token) -> str:
    """The grammatical role of a mention's phrase head, as the ranker's features read it."""
    if token.dep_ in SUBJECT_DEPS:
        return "subject"
    if token.dep_ in OBJECT_DEPS:
        return "object"
    if token.dep_ == "poss":
        return "possessive"
    if token.dep_ in ("pobj", "agent"):
        return "oblique"
    return "other"


def _site(
    pronoun: Token, sentence: int, gender: Gender, in_speech: bool, place: tuple[int, int]
) -> PronounSite:
    """What the ranker's features read about a pronoun: its case, whether it is a speech tag's
    subject, the heads above it (a subject of one of them governs it)."""
    lowered = pronoun.lower_
    if lowered in ("himself", "herself"):
        case = "reflexive"
    elif _is_accusative(pronoun):
        case = "object"
    elif lowered in ("his", "hers", "her"):
        case = "possessive"
    elif pronoun.dep_ in SUBJECT_DEPS:
        case = "subject"
    else:
        case = "other"
    governors = []
    head = pronoun.head
    while len(governors) < 4 and head.i not in governors:
        governors.append(head.i)
        head = head.head
    return PronounSite(
        token=pronoun.i,
        sentence=sentence,
        gender=gender,
        case=case,
        in_speech=in_speech,
        paragraph=place[0],
        quote=place[1],
        speech_tag=pronoun.dep_ in SUBJECT_DEPS and is_speech_verb(pronoun.head),
        governors=tuple(governors),
    )


TAG_GAP = 3  # characters between a quote and its tag's pronoun: '," she'


def _named_in_tagged_quote(
    pronoun: Token,
    text: str,
    quotes: Sequence[tuple[int, int]],
    starts: Sequence[int],
    name_tokens: dict[int, int],
) -> frozenset[int]:
    """``"Mam says you're to eat," she tells me``: the speaker a tag's pronoun stands for is
    none of the characters named inside the quote it tags (they are talked about or to); nor is
    the subject of an action beat right after a quote (``"Hunk's stress-baking." He drops down
    beside you``): it is most often the one who spoke. A quote that goes on after the tag in the
    same paragraph is the same speaker's, so its names count too."""
    if not quotes or pronoun.dep_ not in SUBJECT_DEPS:
        return frozenset()
    index = bisect.bisect_right(starts, pronoun.idx) - 1
    gap = text[quotes[index][1] : pronoun.idx] if index >= 0 else ""
    if index < 0 or len(gap.strip(" ,")) > TAG_GAP:
        return frozenset()
    if "\n" in gap and not is_speech_verb(pronoun.head):
        return frozenset()  # a new paragraph's first actor is as often the one spoken to
    tagged = [quotes[index]]
    following = quotes[index + 1] if index + 1 < len(quotes) else None
    if following is not None and "\n" not in text[pronoun.idx : following[0]]:
        tagged.append(following)  # '"Nobody knows." He winks. "Some say King Edward escaped."': one speaker
    named: set[int] = set()
    for quote in tagged:
        span = pronoun.doc.char_span(*quote, alignment_mode="expand")
        if span is not None:
            named.update(name_tokens[t.i] for t in span if t.i in name_tokens)
    return frozenset(named)


def _named_later_in_clause(
    pronoun: Token, name_tokens: dict[int, int], outside_speech: Callable[[int], bool]
) -> set[int]:
    """``He drops down next to Keith``: a subject pronoun in the narration is none of the
    characters the narration names after it in its own clause (binding: a name is never bound
    by a pronoun that commands it). Names in a quote the clause holds are left to
    ``_named_in_tagged_quote``."""
    if pronoun.dep_ not in SUBJECT_DEPS or not outside_speech(pronoun.idx):
        return set()
    return {
        name_tokens[t.i]
        for t in pronoun.head.subtree
        if t.i > pronoun.i and t.i in name_tokens and outside_speech(t.idx)
    }


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


def _candidates(
    history: list[Antecedent],
    gender: Gender,
    genders: Sequence[Gender | None],
    site: PronounSite,
    excluded: set[int | None],
    window: int = MAX_SENTENCES_BACK,
) -> list[Candidate]:
    """The recent mentions a pronoun may stand for, latest first: within ``window``
    sentences, of no other gender, and not excluded."""
    found = []
    for rank, antecedent in enumerate(reversed(history)):
        if site.sentence - antecedent.sentence > window:
            break
        known = genders[antecedent.cast_index]
        if known is not None and known != gender:
            continue
        if antecedent.cast_index in excluded:
            continue
        found.append(Candidate(antecedent, rank, known is not None))
    return found


def _hand_choice(site: PronounSite, candidates: Sequence[Candidate]) -> int:
    """The candidate of highest hand-weighted score (ties: the latest)."""
    best = max(range(len(candidates)), key=lambda i: (hand_score(site, candidates[i]), -i))
    return candidates[best].antecedent.cast_index


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
