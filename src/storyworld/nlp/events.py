"""Events stage: who did what to whom, as agent-predicate-patient triples, realis only.

Requires: a parsed Doc and the characters of tokens (head token -> cast index, from names,
pronouns and nominals). Assigns: events whose predicate is one of ``PREDICATES`` and whose
agent or patient is a character. Negated, conditional, modal, wished, attempted and
"would have" clauses are left out by rules (``is_realis``). The learned model of
:mod:`storyworld.nlp.realis` is not asked there: LitBank's events leave out states and stances
(``loved her``, ``was married to``) that the facts and relations need. It decides
``realis_triggers``, every word told as happening (LitBank's realis event layer).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from .realis import model_available, realis_event_tokens

PREDICATES = frozenset(
    """
    kill murder slay assassinate execute behead stab shoot strangle poison slaughter
    die perish hang drown save rescue protect heal free write send answer reply marry wed
    leave abandon betray teach train bury mourn kiss hug embrace love hate attack fight
    defeat hit punch slap meet visit help carry adopt raise serve obey capture kidnap
    arrest forgive threaten chase befriend date mentor use receive swear pledge coach tutor
    instruct study apprentice
    """.split()
)
# Verbs whose dependents are plans, wishes or attempts, not things that happened.
IRREALIS_HEADS = frozenset(
    """
    want wish hope try plan intend attempt refuse fail threaten promise pretend imagine
    dream fear need mean expect decide prepare vow swear long yearn desire consider
    contemplate aim seek suppose hesitate offer ask beg order tell would like
    """.split()
)
IRREALIS_FORMS = frozenset(  # the tagger's lemma can miss ("hoped" -> "hop")
    f"{w}{end}" for w in IRREALIS_HEADS for end in ("", "s", "d", "ed", "ing")
) | frozenset({"hoping", "planned", "planning", "wanting", "trying", "tried", "dreaming"})
MODALS = frozenset(
    {"would", "could", "might", "should", "may", "must", "will", "shall", "can", "'d", "wo", "ca", "ought"}
)
CONDITIONAL_MARKS = frozenset({"if", "unless", "whether", "lest"})
HEDGES = frozenset({"almost", "nearly", "never", "not", "n't", "hardly", "barely"})
CLAUSE_LINKS = frozenset({"conj", "xcomp", "ccomp", "advcl", "relcl", "acl", "pcomp", "prep"})
RECIPIENT_VERBS = frozenset({"write", "send", "reply", "answer", "talk"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})
MAX_CLIMB = 6


@dataclass(frozen=True)
class EventFact:
    """``agent`` ``predicate`` ``patient`` (cast indices or None); ``verb`` its token index;
    ``[start, end)`` the clause it was read from."""

    agent: int | None
    predicate: str
    patient: int | None
    verb: int
    start: int
    end: int
    via: str | None = None  # preposition or object noun that shaped it ("to", "for", "letter")
    via_target: int | None = None


def is_realis(verb: Token) -> bool:
    """True when the clause of ``verb`` tells of something that happened or holds.

    False for negation (``didn't kill``), modals and "would have" (``would have killed``),
    conditions (``if he loved her``), questions, hedges (``almost``) and clauses under a
    wish, plan or attempt (``wanted to kill``, ``wished she had married him``).
    """
    token = verb
    for _ in range(MAX_CLIMB):
        for child in token.children:
            lowered = child.lower_
            if child.dep_ == "neg" or lowered in HEDGES and child.dep_ in ("advmod", "neg"):
                return False
            if child.dep_ == "aux" and lowered in MODALS:
                return False
            if child.dep_ == "mark" and lowered in CONDITIONAL_MARKS:
                return False
        if token.dep_ not in CLAUSE_LINKS or token.head is token:
            break
        parent = token.head
        if token.dep_ in ("xcomp", "ccomp") and (
            parent.lemma_.lower() in IRREALIS_HEADS or parent.lower_ in IRREALIS_FORMS
        ):
            return False
        if token.dep_ in ("relcl", "acl", "prep", "pcomp"):
            break
        token = parent
    sentence_end = verb.sent[-1]
    return not (sentence_end.text == "?" or (sentence_end.i > 0 and verb.doc[sentence_end.i - 1].text == "?"))


def find_events(doc: Doc, character_of_token: Mapping[int, int]) -> list[EventFact]:
    """Realis events of ``PREDICATES`` with at least one character among their arguments."""
    events: list[EventFact] = []
    for token in doc:
        if token.pos_ not in ("VERB", "AUX") and token.dep_ != "ROOT":
            continue
        lemma = token.lemma_.lower()
        if lemma not in PREDICATES or not is_realis(token) or _habitual_used_to(token):
            continue
        events.extend(_events_of(token, lemma, character_of_token))
    return events


def _habitual_used_to(verb: Token) -> bool:
    """``Mum used to buy the loaf``: a habit of the past, not an act of using."""
    following = verb.nbor(1) if verb.i + 1 < len(verb.doc) else None
    return verb.lemma_.lower() == "use" and verb.tag_ == "VBD" and following is not None and following.lower_ == "to"


def _events_of(verb: Token, lemma: str, characters: Mapping[int, int]) -> Iterator[EventFact]:
    agents = [characters.get(t.i) for t in _agents(verb)] or [None]
    patients = [characters[t.i] for t in _patients(verb) if t.i in characters] or [None]
    via, via_target = _via(verb, lemma, characters)
    if lemma in RECIPIENT_VERBS and via == "to" and patients == [None]:
        patients = [via_target]
    predicate = lemma
    if lemma in RECIPIENT_VERBS and via == "to":
        predicate = f"{lemma} to"
    start = min(verb.left_edge.idx, verb.idx)
    right = verb.right_edge
    end = right.idx + len(right)
    if end - start > 400:
        start, end = verb.sent.start_char, verb.sent.end_char
    for agent in agents:
        for patient in patients:
            if agent is None and patient is None and via_target is None:
                continue
            if agent is not None and agent == patient and lemma not in ("hang", "kill", "poison", "shoot", "stab"):
                continue
            yield EventFact(agent, predicate, patient, verb.i, start, end, via, via_target)


def _agents(verb: Token) -> list[Token]:
    passive = any(c.dep_ == "nsubjpass" for c in verb.children)
    if passive:
        found = [g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
        return _with_conjuncts(found)
    found = [c for c in verb.children if c.dep_ in ("nsubj", "csubj")]
    if not found and verb.dep_ in ("conj", "xcomp") and verb.head.pos_ in ("VERB", "AUX"):
        found = [c for c in verb.head.children if c.dep_ == "nsubj"]
    return _with_conjuncts(found)


def _patients(verb: Token) -> list[Token]:
    found = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass", "dative")]
    return _with_conjuncts(found)


def _with_conjuncts(tokens: list[Token]) -> list[Token]:
    result: list[Token] = []
    for token in tokens:
        result.append(token)
        result.extend(c for c in token.conjuncts if c.i > token.i)
    return result


OATH_VERBS = frozenset({"swear", "pledge"})


def _via(verb: Token, lemma: str, characters: Mapping[int, int]) -> tuple[str | None, int | None]:
    """The preposition (``to``, ``for``, ``under``, ``from``) with a character as object, or
    the object noun (``letter``, ``tool``) with the character it concerns."""
    heads = [verb]
    if lemma in OATH_VERBS:  # "swore an oath to Arthur": the "to" may hang on the oath
        heads += [c for c in verb.children if c.dep_ == "dobj"]
    for child in (c for head in heads for c in head.children):
        if child.dep_ == "dative" and child.i in characters and lemma in RECIPIENT_VERBS:
            return "to", characters[child.i]
        if child.dep_ in ("prep", "dative"):
            for grandchild in child.children:
                if grandchild.dep_ == "pobj" and grandchild.i in characters:
                    return child.lower_, characters[grandchild.i]
                if grandchild.dep_ == "pobj" and child.lower_ == "as":
                    return grandchild.lemma_.lower(), None
                if grandchild.dep_ == "pobj" and child.lower_ == "like":
                    return "like", None
    return None, None


TRIGGER_TAGS = frozenset({"VBD", "VBN", "VBZ", "VBP", "VBG"})
# States and stances are no events: "she knew", "it seemed", "he had a horse".
STATIVE_VERBS = frozenset(
    """be have seem know think believe suppose feel remember forget want wish hope like love hate
    mean need belong contain consist own understand fancy imagine appear deserve matter prefer
    doubt expect intend wonder care mind owe resemble depend""".split()
)


def realis_triggers(doc: Doc) -> list[Token]:
    """Every word told as actually happening, whoever its arguments are (LitBank's realis event
    layer): verbs, and the nouns and adjectives that name events (``the war``, ``a cry``).

    The learned model of :mod:`storyworld.nlp.realis` decides (LitBank dev F1 0.71 against
    0.55 for the rules); without its weights, or with ``STORYWORLD_RULES_ONLY=1``, the rules
    do (:func:`rule_realis_triggers`)."""
    if model_available():
        return realis_event_tokens(doc)
    return rule_realis_triggers(doc)


def rule_realis_triggers(doc: Doc) -> list[Token]:
    """The rules' realis events: a finite or participle verb that ``is_realis`` passes, not a
    state or stance (``knew``, ``seemed``), not a bare infinitive and not a "used to" habit."""
    return [
        token
        for token in doc
        if token.pos_ == "VERB" and token.tag_ in TRIGGER_TAGS and token.lemma_.lower() not in STATIVE_VERBS
        and is_realis(token) and not _habitual_used_to(token)
    ]
