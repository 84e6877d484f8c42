"""Roles and fates stage: each character's titles, ranks and occupations, and alive or dead.

Requires: the cast, role facts (nominals stage), realis events (events stage), the
characters of tokens and who speaks when. Assigns: ``roles`` (``hokage``, ``jounin``,
``missing-nin``, ``teacher``) and ``status`` (``alive``, ``dead``, ``unknown``) per cast index.

A character is dead when the story tells it as having happened (``died``, ``was killed``,
``his body``, ``buried``, ``hanging from a beam``, ``the late``) and they do not speak or act
again afterwards; alive when they speak or act and no death is told after; else unknown.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from .characters import CastEntry
from .names import split_name
from .nominals import MENTOR_NOUNS, RANKS

KILL_VERBS = frozenset(
    "kill murder slay assassinate execute behead slaughter strangle".split()
)  # a death stated this plainly outweighs later lines: those are memories or misread pronouns
DEATH_VERBS_AGENT = frozenset({"die", "perish", "drown", "starve", "suffocate"})
DEATH_VERBS_PATIENT = frozenset(
    "kill murder slay assassinate execute behead strangle poison slaughter bury mourn hang drown".split()
)
REMAINS = frozenset({"corpse", "grave", "funeral", "remains", "ashes", "coffin", "tomb", "tombstone", "gravestone", "casket", "cadaver"})
BODY_VERBS = frozenset({"find", "discover", "bury", "carry", "burn", "lie", "identify", "cover", "wash", "cremate", "drag", "lay", "hang", "see"})
BODY_ADJECTIVES = frozenset({"lifeless", "dead", "cold", "limp", "broken", "still", "mangled", "burned", "charred"})
HANGING_OBJECTS = frozenset({"rope", "beam", "noose", "rafter", "rafters", "ceiling", "tree", "gallows", "branch"})
ALIVE_WORDS = frozenset({"alive", "living"})
ROLE_HONORIFICS = {"sensei": "sensei", "shishou": "sensei", "taichou": "captain", "hime": "princess", "sama": None}
NAME_TITLES = frozenset({"captain", "doctor", "dr", "professor", "king", "queen", "prince", "princess", "lord", "lady", "sir", "general", "detective", "inspector", "sergeant", "duke", "father", "sister"})


@dataclass(frozen=True)
class Fate:
    status: str
    evidence: tuple[tuple[int, int], ...]


def character_roles(
    cast: Sequence[CastEntry], role_facts: Sequence[object]
) -> list[tuple[str, ...]]:
    """Roles per cast index: ranks and occupations from apposition, copula and titles before
    names (role facts), and titles and honorifics in the names themselves."""
    roles: list[list[str]] = [[] for _ in cast]
    for fact in role_facts:
        role, index = getattr(fact, "role"), getattr(fact, "cast_index")
        if index < len(cast) and (role in RANKS or role in MENTOR_NOUNS) and getattr(fact, "possessor") is None:
            _add(roles[index], role)
    for index, entry in enumerate(cast):
        for alias in (entry.name, *entry.aliases):
            parts = split_name(alias)
            if parts.title in NAME_TITLES and parts.title not in ("father", "sister", "lady", "sir", "lord"):
                _add(roles[index], {"dr": "doctor"}.get(parts.title, parts.title))
            honorific = (parts.honorific or "").lower()
            if ROLE_HONORIFICS.get(honorific):
                _add(roles[index], ROLE_HONORIFICS[honorific])  # type: ignore[arg-type]
            words = [w.lower() for w in alias.split()]
            if words and words[0] in RANKS and len(words) > 1:
                _add(roles[index], words[0])
            elif len(words) == 2 and words[0] in ORDINALS and words[1] in RANKS:
                _add(roles[index], words[1])  # "Fifth Hokage", a canon alias the cast folded in
    return [tuple(r) for r in roles]


def _add(roles: list[str], role: str) -> None:
    if role not in roles:
        roles.append(role)


ORDINALS = frozenset("first second third fourth fifth sixth seventh eighth ninth tenth".split())
PLAIN_DEATHS = frozenset({"die", "perish"})  # told in the narration, a death stands whatever follows


def find_fates(
    doc: Doc,
    size: int,
    character_of_token: Mapping[int, int],
    events: Sequence[object],
    alive_signs: Mapping[int, Sequence[int]],
    realis: Callable[[Token], bool],
    in_speech: Callable[[int], bool] = lambda offset: False,
) -> list[Fate]:
    """Status per cast index (``size`` characters); ``alive_signs``: offsets at which each
    character speaks or acts. Deaths told without the word come in ``events`` as ``die``
    events (the caller adds :func:`euphemistic_deaths`)."""
    deaths: dict[int, list[tuple[int, int]]] = {}
    stated: set[int] = set()  # killed by name, "is dead", "the late X", "X's grave"
    for event in events:
        predicate = getattr(event, "predicate").split()[0]
        agent, patient = getattr(event, "agent"), getattr(event, "patient")
        span = (getattr(event, "start"), getattr(event, "end"))
        if predicate in DEATH_VERBS_AGENT and patient is None and agent is not None:
            deaths.setdefault(agent, []).append(span)
            if predicate in PLAIN_DEATHS and not in_speech(doc[getattr(event, "verb")].idx):
                stated.add(agent)  # "Layla Heartfilia had died when Lucy was ten": memories of her come after
        elif predicate in DEATH_VERBS_PATIENT and patient is not None:
            if predicate == "hang" and agent is not None and agent != patient and not _passive(doc[getattr(event, "verb")]):
                continue
            deaths.setdefault(patient, []).append(span)
            if (predicate in KILL_VERBS or predicate == "bury") and patient != agent:
                stated.add(patient)  # "They buried Leandra Amell on a Tuesday"
    for character, span, plain in _told_deaths(doc, character_of_token, realis):
        deaths.setdefault(character, []).append(span)
        if plain:
            stated.add(character)
    fates: list[Fate] = []
    for index in range(size):
        told = sorted(deaths.get(index, ()))
        signs = alive_signs.get(index, ())
        last_sign = max(signs) if signs else -1
        if told and (index in stated or told[-1][1] >= last_sign):
            fates.append(Fate("dead", tuple(told)))
        elif signs:
            fates.append(Fate("alive", ()))
        else:
            fates.append(Fate("unknown", ()))
    return fates


def told_by_the_victim(doc: Doc, event: object) -> bool:
    """A killing whose victim is "me" or "us" ("You killed me!"): whoever says it is alive to
    say it, so it is a game, a joke or a figure of speech, not a death."""
    if getattr(event, "predicate").split()[0] not in KILL_VERBS:
        return False
    verb = doc[getattr(event, "verb")]
    return any(child.dep_ in ("dobj", "obj") and child.lower_ in ("me", "us") for child in verb.children)


def euphemistic_deaths(doc: Doc, character_of_token: Mapping[int, int]) -> list[tuple[int, int]]:
    """(cast index, verb token index) for deaths told without the word ("didn't make it",
    "the light left his eyes"): events the parse's predicates miss."""
    found = []
    for token in doc:
        if token.pos_ not in ("VERB", "AUX") or not _euphemistic_death(token):
            continue
        subject = next((c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        who = _lost_one(token) or (
            subject if subject is not None and subject.i in character_of_token else _owner_of_eyes(token)
        )
        if who is not None and who.i in character_of_token:
            found.append((character_of_token[who.i], token.i))
    return found


def _passive(verb: Token) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)


def _told_deaths(
    doc: Doc, character_of_token: Mapping[int, int], realis: Callable[[Token], bool]
) -> list[tuple[int, tuple[int, int], bool]]:
    """``X is dead``, ``his body lay``, ``X's grave``, ``the late X``, ``hanging from a beam``;
    each with whether it is told plainly (all but hanging and a funeral, which a threat or a
    joke can name: "at my funeral", "you'll be hanging from the ceiling")."""
    found: list[tuple[int, tuple[int, int], bool]] = []
    for token in doc:
        lowered = token.lower_
        if lowered == "dead" and token.dep_ in ("acomp", "oprd") and realis(token.head):
            subject = next((c for c in token.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subject is not None and subject.i in character_of_token:
                found.append((character_of_token[subject.i], _sentence(token), True))
        elif token.pos_ == "NOUN" and (lowered in REMAINS or lowered == "body"):
            owner = next((c for c in token.children if c.dep_ == "poss"), None)
            if owner is None and lowered in REMAINS:  # "the grave of Uther"
                owner = next((g for c in token.children if c.dep_ == "prep" and c.lower_ == "of"
                              for g in c.children if g.dep_ == "pobj"), None)
            if owner is None or owner.i not in character_of_token or owner.lower_ in ("my", "your", "our"):
                continue  # "at my funeral", "dig your grave": said in speech, a joke or a threat
            if lowered == "body" and not (
                token.head.lemma_.lower() in BODY_VERBS
                or any(c.lower_ in BODY_ADJECTIVES for c in token.children if c.dep_ == "amod")
            ):
                continue
            if token.head.pos_ in ("VERB", "AUX") and not realis(token.head):
                continue
            found.append((character_of_token[owner.i], _sentence(token), lowered != "funeral"))
        elif lowered == "late" and token.dep_ == "amod" and token.head.i in character_of_token:
            found.append((character_of_token[token.head.i], _sentence(token), True))
        elif lowered == "hanging" and token.pos_ in ("VERB", "AUX") and realis(token):
            subject = next((c for c in token.children if c.dep_ == "nsubj"), None)
            tied = any(
                g.lower_ in HANGING_OBJECTS
                for c in token.children if c.dep_ == "prep"
                for g in c.subtree
            )
            if tied and subject is not None and subject.i in character_of_token:
                found.append((character_of_token[subject.i], _sentence(token), False))
    return found


NEVER_AGAIN_VERBS = frozenset({"wake", "survive", "recover"})
LIFE_NOUNS = frozenset({"light", "life"})


def _negated(verb: Token) -> bool:
    return any(c.dep_ == "neg" or c.lower_ in ("never", "n't") for c in verb.children)


def _past(verb: Token) -> bool:
    return verb.tag_ in ("VBD", "VBN") or any(c.lower_ in ("did", "had") for c in verb.children if c.dep_ == "aux")


def _euphemistic_death(verb: Token) -> bool:
    """``did not wake``, ``didn't make it``, ``stopped breathing``, ``breathed her last``,
    ``the light left his eyes``: a death told without the word."""
    lemma = verb.lemma_.lower()
    if not _past(verb):
        return False
    if lemma in NEVER_AGAIN_VERBS and _negated(verb):
        return not any(c.lower_ in ("until", "till", "before") for c in verb.subtree)  # "until noon"
    if lemma == "make" and _negated(verb) and any(c.lower_ == "it" and c.dep_ == "dobj" for c in verb.children):
        return True
    if lemma == "stop" and any(c.lemma_.lower() == "breathe" for c in verb.children):
        return True
    if lemma == "breathe" and any(c.lower_ == "last" for c in verb.children):
        return True
    if _gone_after(verb) or _lost_one(verb) is not None:
        return True
    return lemma == "leave" and _owner_of_eyes(verb) is not None


GONE_MARKS = frozenset({"after", "since", "once", "now"})
GONE_CHILD_DEPS = frozenset({"mark", "nsubj", "nsubjpass", "aux", "auxpass", "neg", "punct", "advmod"})
LOSS_CAUSES = frozenset(
    """fever cancer illness sickness plague war sea consumption pneumonia flu influenza pox
    cholera typhus disease battle front drink overdose stroke"""
    .split()
)


def _gone_after(verb: Token) -> bool:
    """``after Mama was gone``, ``since she was gone``: was gone, and nothing saying where to."""
    if verb.lower_ != "gone" or not any(c.dep_ == "mark" and c.lower_ in GONE_MARKS for c in verb.children):
        return False
    if not any(c.dep_ in ("aux", "auxpass") and c.lower_ in ("was", "were") for c in verb.children):
        return False  # "after Jim has gone": he left
    return all(c.dep_ in GONE_CHILD_DEPS and c.lower_ not in ("away", "out", "home", "off") for c in verb.children)


def _lost_one(verb: Token) -> Token | None:
    """``we lost her to the fever``: the one lost to an illness, a war or the sea."""
    if verb.lemma_.lower() != "lose" or not _past(verb):
        return None
    if not any(
        c.dep_ == "prep" and c.lower_ == "to" and any(g.dep_ == "pobj" and g.lemma_.lower() in LOSS_CAUSES for g in c.children)
        for c in verb.children
    ):
        return None
    return next((c for c in verb.children if c.dep_ == "dobj"), None)


def _owner_of_eyes(verb: Token) -> Token | None:
    """``the light left his eyes``: the owner of the eyes the light or life left."""
    if verb.lemma_.lower() != "leave":
        return None
    if not any(c.dep_ == "nsubj" and c.lemma_.lower() in LIFE_NOUNS for c in verb.children):
        return None
    for child in verb.children:
        if child.dep_ == "dobj" and child.lemma_.lower() in ("eye", "body", "face"):
            return next((c for c in child.children if c.dep_ == "poss"), None)
    return None


def _sentence(token: Token) -> tuple[int, int]:
    sentence = token.sent
    return sentence.start_char, sentence.end_char
