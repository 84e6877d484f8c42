"""A learned ranker of pronoun antecedents: which character a he/she pronoun stands for.

The coreference stage (:mod:`storyworld.nlp.coref`) keeps, as it reads, the recent mentions of
cast characters (names, and the pronouns it has already linked); those a few sentences back
that agree in gender and that no hard rule excludes are a pronoun's candidates. Each candidate
character gets a vector of features (:data:`FEATURE_NAMES`) read from its candidate mentions:
what the hand-weighted score (:func:`hand_score`) thinks of it, how far back its latest
mention lies and in what role, whether both it and the pronoun are subjects, the pronoun's
case, whether a paragraph or a quote lies between them, how often the character has been named
so far and whether the parser calls those names people, whether it said the latest speech
tags, ... The score is the hand score plus a linear correction over the standardised features;
the candidate of highest score is chosen. The weights (``data/models/pronoun_ranker.npz``) are
trained on LitBank's coreference training documents and the speech tags of PDNC's training
novels by ``training/train_pronoun_ranker.py`` (``make train-pronouns``).

The ranker looks further back than the hand weights (:data:`RANKER_SENTENCES` sentences, not
:data:`NEAR_SENTENCES`) and chooses by default since the fifth session. On LitBank dev it
raises pronoun accuracy 69.1 -> 74.8; on the blind fan-fiction sets speakers move heldout_blind
82 -> 85, world_blind 77 -> 79, final_blind 85 -> 84, session3_blind 79 -> 80, session5_blind
79 -> 81, and relation recall world_blind 31 -> 35, session3_blind 26 -> 28. (Held back
before: a pronoun linked into a guide's tale of a king's murder made the tags stage warn a
gentle passage; a quote that goes on after its tag now keeps its names from the tag's pronoun,
see coref._named_in_tagged_quote.) ``STORYWORLD_PRONOUN_RANKER=0`` switches it off and the
hand weights choose (as does ``STORYWORLD_RULES_ONLY=1``).

Numpy only, CPU only; the weights are read once, on first use.
"""

from __future__ import annotations

import math
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np

from .names import Gender
from .packaged import RULES_ONLY_ENV, read_packaged
from .speaker_ranker import RankerWeights, read_network, save_network

WEIGHTS_RESOURCE = "data/models/pronoun_ranker.npz"
SWITCH_ENV = "STORYWORLD_PRONOUN_RANKER"  # "0": the hand weights choose antecedents
FEATURE_VERSION = 1  # bump when a feature keeps its name but changes its meaning
NEAR_SENTENCES = 4  # how far back the hand weights look for candidates
# How far back the ranker looks. It weighs distance itself, and a pronoun opening a paragraph
# after a long description often has its antecedent more than four sentences back.
RANKER_SENTENCES = 12
OTHER_ENTITIES = frozenset({"GPE", "LOC", "ORG", "FAC", "NORP", "PRODUCT", "WORK_OF_ART", "EVENT", "LAW"})

Case = str  # "subject", "object", "possessive", "reflexive" or "other"
Role = str  # "subject", "object", "possessive", "oblique" or "other"

FEATURE_NAMES: tuple[str, ...] = (
    "hand_score",
    "hand_best",
    "hand_margin",
    "distance",
    "distance_log",
    "beyond_near_sentences",
    "same_sentence",
    "previous_sentence",
    "character_rank",
    "nearest_character",
    "history_rank",
    "token_distance_log",
    "candidate_subject",
    "candidate_object",
    "candidate_possessive",
    "candidate_oblique",
    "subject_distance",
    "subject_in_window",
    "pronoun_subject",
    "pronoun_object",
    "pronoun_possessive",
    "pronoun_reflexive",
    "both_subjects",
    "subject_to_subject_nearby",
    "same_sentence_subject_mismatch",
    "gender_unknown",
    "candidate_in_speech",
    "only_in_speech",
    "pronoun_in_speech",
    "speech_to_narration",
    "same_quote",
    "crosses_quote",
    "crosses_paragraph",
    "paragraphs_back",
    "in_pronoun_paragraph",
    "mentions_so_far_log",
    "mention_share",
    "most_frequent",
    "names_so_far_log",
    "pronoun_share",
    "person_entity_share",
    "other_entity_share",
    "last_subject",
    "last_subject_agreeing",
    "speech_verb_subject",
    "pronoun_speech_tag",
    "tag_after_speech_subject",
    "last_speaker",
    "second_last_speaker",
    "tag_x_last_speaker",
    "tag_x_second_last_speaker",
    "from_pronoun",
    "only_pronouns_in_window",
    "previous_same_pronoun",
    "governing_subject",
    "first_in_sentence",
    "entries_in_window_log",
    "entries_last_two_sentences",
)


@dataclass(frozen=True)
class Antecedent:
    """A mention of a cast character that a later pronoun may stand for."""

    cast_index: int
    sentence: int
    subject: bool
    in_speech: bool = False
    head: int = -1  # the mention's syntactic head (its verb, for a subject)
    token: int = -1  # the mention's own token
    paragraph: int = 0
    quote: int = -1  # index of the quote holding it; -1 in narration
    role: Role = "other"
    speech_subject: bool = False  # the subject of a speech verb ("said Anna")
    from_pronoun: bool = False  # a pronoun linked earlier, not a name
    first_in_sentence: bool = False  # no earlier mention in its sentence
    entity: str = ""  # the parser's entity label of a name's token ("PERSON", "GPE", ...)


@dataclass(frozen=True)
class PronounSite:
    """Where a pronoun stands: what the features read about it."""

    token: int
    sentence: int
    gender: Gender
    case: Case
    in_speech: bool = False
    paragraph: int = 0
    quote: int = -1
    speech_tag: bool = False  # the subject of a speech verb ("she said")
    governors: tuple[int, ...] = ()  # its head's chain of heads, nearest first


@dataclass
class Salience:
    """What the document has said so far about each character (counts of mentions)."""

    counts: dict[int, int] = field(default_factory=dict)
    names: dict[int, int] = field(default_factory=dict)  # mentions by name (no pronouns)
    persons: dict[int, int] = field(default_factory=dict)  # names the parser tags PERSON
    others: dict[int, int] = field(default_factory=dict)  # names it tags a place, a group...
    total: int = 0
    last_subject: int | None = None  # the character of the latest subject mention
    last_pronoun: dict[Gender, int] = field(default_factory=dict)  # gender -> character
    speakers: list[int] = field(default_factory=list)  # subjects of speech verbs, latest first

    def add(self, antecedent: Antecedent, pronoun_gender: Gender | None = None) -> None:
        """Count a mention; ``pronoun_gender``: it is a pronoun of that gender, just linked."""
        index = antecedent.cast_index
        self.counts[index] = self.counts.get(index, 0) + 1
        self.total += 1
        if not antecedent.from_pronoun:
            self.names[index] = self.names.get(index, 0) + 1
            if antecedent.entity == "PERSON":
                self.persons[index] = self.persons.get(index, 0) + 1
            elif antecedent.entity in OTHER_ENTITIES:
                self.others[index] = self.others.get(index, 0) + 1
        if antecedent.role == "subject":
            self.last_subject = antecedent.cast_index
        if pronoun_gender is not None:
            self.last_pronoun[pronoun_gender] = antecedent.cast_index
        if antecedent.speech_subject:
            self.speakers = [index, *(s for s in self.speakers if s != index)][:3]


@dataclass(frozen=True)
class Candidate:
    """One mention a pronoun may stand for, and where it lies in the history."""

    antecedent: Antecedent
    history_rank: int  # 0: the latest mention of any character
    gender_known: bool


NO_SUBJECT = 3 * NEAR_SENTENCES  # the subject distance of a character never a subject nearby


def hand_score(site: PronounSite, candidate: Candidate) -> float:
    """The hand-weighted salience (what chooses while the ranker is off, and the ranker's
    starting point): near, recent, subject, of known gender, and not said in a quote when the
    pronoun is in narration."""
    antecedent = candidate.antecedent
    distance = site.sentence - antecedent.sentence
    score = -distance * 2.0 - candidate.history_rank * 0.3
    if antecedent.subject:
        score += 1.5
    if not candidate.gender_known:
        score -= 2.0
    if distance == 0 and site.case == "subject" and not antecedent.subject:
        score -= 0.5
    if antecedent.in_speech and not site.in_speech:
        score -= 3.0
    return score


def features(
    site: PronounSite, candidates: Sequence[Candidate], salience: Salience
) -> tuple[tuple[int, ...], np.ndarray]:
    """The candidate characters, latest mentioned first, and one row of
    :data:`FEATURE_NAMES` each, read from all of its candidate mentions (latest first)."""
    by_character: dict[int, list[tuple[Candidate, float]]] = {}
    for candidate in candidates:
        by_character.setdefault(candidate.antecedent.cast_index, []).append(
            (candidate, hand_score(site, candidate))
        )
    best = {index: max(score for _, score in entries) for index, entries in by_character.items()}
    top = max(best.values())
    hand_choice = next(index for index, score in best.items() if score == top)
    last_agreeing_subject = next(
        (c.antecedent.cast_index for c in candidates if c.antecedent.role == "subject"), None
    )
    most = max(salience.counts.values()) if salience.counts else 0
    previous = salience.last_pronoun.get(site.gender)
    speakers = [*salience.speakers, -1, -1]
    rows = np.zeros((len(by_character), len(FEATURE_NAMES)), np.float32)
    for row, (index, entries) in enumerate(by_character.items()):
        latest, _ = entries[0]
        a = latest.antecedent
        mentions = [c.antecedent for c, _ in entries]
        distance = site.sentence - a.sentence
        subjects = [site.sentence - m.sentence for m in mentions if m.role == "subject"]
        subject_distance = min(subjects) if subjects else NO_SUBJECT
        count = salience.counts.get(index, 0)
        names = salience.names.get(index, 0)
        rows[row] = (
            best[index],
            index == hand_choice,
            best[index] - top,
            distance,
            math.log1p(distance),
            distance > NEAR_SENTENCES,
            distance == 0,
            distance == 1,
            row,
            row == 0,
            latest.history_rank,
            math.log1p(max(site.token - a.token, 0)),
            a.role == "subject",
            a.role == "object",
            a.role == "possessive",
            a.role == "oblique",
            min(subject_distance, NO_SUBJECT),
            bool(subjects),
            site.case == "subject",
            site.case == "object",
            site.case == "possessive",
            site.case == "reflexive",
            a.role == "subject" and site.case == "subject",
            site.case == "subject" and subject_distance <= 1,
            distance == 0 and site.case == "subject" and a.role != "subject",
            not latest.gender_known,
            a.in_speech,
            all(m.in_speech for m in mentions),
            site.in_speech,
            a.in_speech and not site.in_speech,
            any(m.quote >= 0 and m.quote == site.quote for m in mentions),
            a.quote != site.quote,
            a.paragraph != site.paragraph,
            min(site.paragraph - a.paragraph, 5),
            any(m.paragraph == site.paragraph for m in mentions),
            math.log1p(count),
            count / salience.total if salience.total else 0.0,
            count > 0 and count == most,
            math.log1p(names),
            1.0 - names / count if count else 0.0,
            salience.persons.get(index, 0) / names if names else 0.0,
            salience.others.get(index, 0) / names if names else 0.0,
            index == salience.last_subject,
            index == last_agreeing_subject,
            any(m.speech_subject for m in mentions),
            site.speech_tag,
            site.speech_tag and any(m.speech_subject for m in mentions),
            index == speakers[0],
            index == speakers[1],
            site.speech_tag and index == speakers[0],
            site.speech_tag and index == speakers[1],
            a.from_pronoun,
            all(m.from_pronoun for m in mentions),
            index == previous,
            any(m.role == "subject" and m.head in site.governors for m in mentions),
            any(m.first_in_sentence for m in mentions),
            math.log(len(mentions)),
            sum(site.sentence - m.sentence <= 1 for m in mentions),
        )
    return tuple(by_character), rows


def best_character(weights: RankerWeights, characters: Sequence[int], rows: np.ndarray) -> int:
    """The candidate character of highest score (ties: the latest mentioned)."""
    return characters[int(np.argmax(weights.scores(rows)))]


def save_weights(weights: RankerWeights, path: Path) -> None:
    save_network(weights, path, FEATURE_NAMES, feature_version=FEATURE_VERSION)


def read_weights(path: Path) -> RankerWeights | None:
    """Weights from ``path``; None when they were trained for other features."""
    return read_network(path, FEATURE_NAMES, feature_version=FEATURE_VERSION)


def active_weights() -> RankerWeights | None:
    """The weights that choose antecedents: the shipped ones unless ``STORYWORLD_PRONOUN_RANKER=0``
    switches the ranker off or ``STORYWORLD_RULES_ONLY=1`` asks for the rules; None (the hand
    weights choose) then."""
    if os.environ.get(RULES_ONLY_ENV) or os.environ.get(SWITCH_ENV, "1") == "0":
        return None
    return shipped_weights()


@lru_cache(maxsize=1)
def shipped_weights() -> RankerWeights | None:
    """The weights shipped in the package, read on first use; None when absent or stale."""
    return read_packaged(WEIGHTS_RESOURCE, read_weights)
