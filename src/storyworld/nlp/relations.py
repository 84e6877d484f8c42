"""Relations stage (v1): who interacts with whom, weighted, with evidence.

Requires: quote attributions and character mentions with offsets, and the scene layout.
Assigns: undirected ``interaction`` relations. Talking counts one per quote; sharing a
paragraph counts a fifth; sharing a scene, only when neither happened, a tenth.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ..world import Span
from .names import KIN_ADDRESS, split_name

QUOTE_WEIGHT = 1.0
PARAGRAPH_WEIGHT = 0.2
SCENE_WEIGHT = 0.1
MAX_EVIDENCE = 8
MIN_WEIGHT = 0.2


@dataclass(frozen=True)
class Interaction:
    first: int
    second: int
    weight: float
    evidence: tuple[Span, ...]


@dataclass(frozen=True)
class SpokenLine:
    span: Span
    speaker: int | None
    addressee: int | None


def find_interactions(
    lines: Sequence[SpokenLine],
    mentions: Sequence[tuple[int, int, int]],
    paragraphs: Sequence[Span],
    scene_starts: Sequence[int],
) -> list[Interaction]:
    """Interactions between characters, strongest first. ``mentions``: (start, end, cast)."""
    weights: dict[tuple[int, int], float] = defaultdict(float)
    evidence: dict[tuple[int, int], list[Span]] = defaultdict(list)
    for line in lines:
        if line.speaker is None or line.addressee is None or line.speaker == line.addressee:
            continue
        pair = _pair(line.speaker, line.addressee)
        weights[pair] += QUOTE_WEIGHT
        _add_evidence(evidence[pair], line.span)
    for paragraph, present in _characters_by_region(mentions, paragraphs).items():
        for pair in _pairs(present):
            weights[pair] += PARAGRAPH_WEIGHT
            _add_evidence(evidence[pair], paragraphs[paragraph])
    for pair in _pairs_sharing_scenes(mentions, scene_starts):
        if pair not in weights:
            weights[pair] += SCENE_WEIGHT
    found = [
        Interaction(a, b, round(weight, 3), tuple(evidence[(a, b)]))
        for (a, b), weight in weights.items()
        if weight >= MIN_WEIGHT or evidence[(a, b)]
    ]
    return sorted(found, key=lambda i: (-i.weight, i.first, i.second))


def _pair(a: int, b: int) -> tuple[int, int]:
    return (a, b) if a < b else (b, a)


def _pairs(characters: set[int]) -> list[tuple[int, int]]:
    ordered = sorted(characters)
    return [(a, b) for i, a in enumerate(ordered) for b in ordered[i + 1 :]]


def _add_evidence(spans: list[Span], span: Span) -> None:
    if len(spans) < MAX_EVIDENCE and span not in spans:
        spans.append(span)


def _characters_by_region(
    mentions: Sequence[tuple[int, int, int]], regions: Sequence[Span]
) -> dict[int, set[int]]:
    starts = [r.start for r in regions]
    present: dict[int, set[int]] = defaultdict(set)
    for start, _end, character in mentions:
        index = bisect.bisect_right(starts, start) - 1
        if index >= 0 and start < regions[index].end:
            present[index].add(character)
    return present


def _pairs_sharing_scenes(
    mentions: Sequence[tuple[int, int, int]], scene_starts: Sequence[int]
) -> set[tuple[int, int]]:
    boundaries = sorted(set(scene_starts) | {0})
    scenes: dict[int, set[int]] = defaultdict(set)
    for start, _end, character in mentions:
        scenes[bisect.bisect_right(boundaries, start) - 1].add(character)
    shared: set[tuple[int, int]] = set()
    for present in scenes.values():
        if len(present) <= 12:
            shared.update(_pairs(present))
    return shared


# --- Typed relations (v2) -------------------------------------------------------------------
#
# Requires: role facts and nominal mentions (nominals stage), realis events (events stage),
# quotes with speakers and the name mentions said in them. Assigns: typed, directed relations
# in DESIGN.md's vocabulary, each with its evidence spans and a confidence.

SYMMETRIC_TYPES = frozenset({"romance", "friendship", "team", "rivalry", "interaction"})
KILL_VERBS = frozenset(
    "kill murder slay assassinate execute behead stab shoot strangle poison slaughter".split()
)
ROMANCE_VERBS = frozenset({"kiss", "love", "marry", "wed", "date"})
TEACHING_VERBS = frozenset({"teach", "train", "mentor", "coach", "tutor", "instruct"})
LETTER_NOUNS = frozenset({"letter", "note", "message", "scroll", "postcard", "email", "card", "reply"})
TOOL_NOUNS = frozenset({"tool", "weapon", "pawn", "puppet", "servant", "slave", "instrument"})
MENTOR_HONORIFICS = frozenset({"sensei", "shishou", "shisho", "sensi"})
SIBLING_HONORIFICS = frozenset({"nii", "niisan", "nii-san", "nii-chan", "nee", "neesan", "nee-san", "nee-chan", "oneesan", "oniisan"})
ROLE_CONFIDENCE = {"apposition": 0.9, "copula": 0.85, "title": 0.8, "role": 0.75, "group": 0.8}


@dataclass(frozen=True)
class TypedRelation:
    """One piece of evidence that ``source`` stands in relation ``type`` to ``target``.

    Directions: mentorship source teaches target; service source serves target; killed
    source killed target; family source is the ``label`` (father, sister...) of target;
    correspondence source wrote to target. Other types are symmetric.
    """

    source: int
    target: int
    type: str
    label: str
    confidence: float
    evidence: Span


@dataclass(frozen=True)
class MergedRelation:
    source: int
    target: int
    type: str
    label: str | None
    weight: float
    confidence: float
    evidence: tuple[Span, ...]


def relations_from_roles(roles: Sequence[Any], mentions: Sequence[Any]) -> list[TypedRelation]:
    """``his father`` (possessor Naruto) standing for Minato: Minato is Naruto's father.

    ``roles`` are nominals' RoleFacts, ``mentions`` its NominalMentions (each has
    ``cast_index``, ``possessor``, ``noun``, ``start``, ``end`` and ``how``).
    """
    from .nominals import (
        FRIEND_NOUNS, KINSHIP, MENTOR_NOUNS, RIVAL_NOUNS, ROMANCE_NOUNS, SERVANT_NOUNS,
        STUDENT_NOUNS, SUPERIOR_NOUNS, TEAM_NOUNS,
    )

    found: list[TypedRelation] = []
    seen: set[tuple[int, int, int]] = set()
    for fact in [*roles, *mentions]:
        holder, owner, noun = fact.cast_index, fact.possessor, fact.noun if hasattr(fact, "noun") else fact.role
        if owner is None or owner == holder or (fact.start, holder, owner) in seen:
            continue
        seen.add((fact.start, holder, owner))
        span = Span(fact.start, fact.end)
        confidence = ROLE_CONFIDENCE.get(fact.how, 0.7)
        if noun in KINSHIP:
            found.append(TypedRelation(holder, owner, "family", noun, confidence, span))
        elif noun in MENTOR_NOUNS:
            found.append(TypedRelation(holder, owner, "mentorship", noun, confidence, span))
        elif noun in STUDENT_NOUNS:
            found.append(TypedRelation(owner, holder, "mentorship", noun, confidence, span))
        elif noun in SERVANT_NOUNS:
            found.append(TypedRelation(holder, owner, "service", noun, confidence, span))
        elif noun in SUPERIOR_NOUNS:
            found.append(TypedRelation(owner, holder, "service", noun, confidence * 0.9, span))
        elif noun in FRIEND_NOUNS:
            found.append(TypedRelation(holder, owner, "friendship", noun, confidence, span))
        elif noun in RIVAL_NOUNS:
            found.append(TypedRelation(holder, owner, "rivalry", noun, confidence, span))
        elif noun in TEAM_NOUNS:
            found.append(TypedRelation(holder, owner, "team", noun, confidence, span))
        elif noun in ROMANCE_NOUNS:
            found.append(TypedRelation(holder, owner, "romance", noun, confidence, span))
    return found


def relations_from_events(events: Sequence[Any]) -> list[TypedRelation]:
    """Killings, teaching, love, service and letters told by realis events (EventFacts)."""
    found: list[TypedRelation] = []
    for event in events:
        lemma = event.predicate.split()[0]
        agent, patient, span = event.agent, event.patient, Span(event.start, event.end)
        other = event.via_target
        if lemma in KILL_VERBS and _pair_ok(agent, patient):
            found.append(TypedRelation(agent, patient, "killed", lemma, 0.85, span))
        elif lemma in TEACHING_VERBS or lemma in ("study", "apprentice"):
            if event.via in ("under", "with") and lemma != "teach" and _pair_ok(other, agent):
                found.append(TypedRelation(other, agent, "mentorship", f"{lemma} under", 0.85, span))
            elif lemma in TEACHING_VERBS and _pair_ok(agent, patient):
                found.append(TypedRelation(agent, patient, "mentorship", lemma, 0.75, span))
        elif lemma in ROMANCE_VERBS and event.via is not None and event.via_target is None:
            continue  # "loved him like a brother", "as a son"
        elif lemma in ROMANCE_VERBS and _pair_ok(agent, patient):
            found.append(TypedRelation(agent, patient, "romance", lemma, 0.8, span))
        elif lemma in ("date", "marry") and event.via == "with" and _pair_ok(agent, other):
            found.append(TypedRelation(agent, other, "romance", lemma, 0.75, span))
        elif lemma in ("serve", "fight") and event.via == "under" and _pair_ok(agent, other):
            found.append(TypedRelation(agent, other, "service", "served under", 0.8, span))
        elif lemma in ("swear", "pledge") and event.via == "to" and _pair_ok(agent, other):
            found.append(TypedRelation(agent, other, "service", "swore to", 0.75, span))
        elif lemma in ("serve", "obey") and _pair_ok(agent, patient):
            found.append(TypedRelation(agent, patient, "service", lemma, 0.85, span))
        elif lemma in ("die", "perish") and event.via == "for" and _pair_ok(agent, other):
            found.append(TypedRelation(agent, other, "service", "died for", 0.7, span))
        elif lemma == "use" and event.via in TOOL_NOUNS and _pair_ok(patient, agent):
            found.append(TypedRelation(patient, agent, "service", f"used as a {event.via}", 0.75, span))
        elif lemma == "befriend" and _pair_ok(agent, patient):
            found.append(TypedRelation(agent, patient, "friendship", lemma, 0.8, span))
        elif lemma in ("write", "send", "answer", "reply"):
            target = patient if event.predicate.endswith(" to") else other if event.via == "to" else None
            if _pair_ok(agent, target):
                found.append(TypedRelation(agent, target, "correspondence", event.predicate, 0.8, span))
        elif lemma == "receive" and event.via == "from" and _pair_ok(other, agent):
            found.append(TypedRelation(other, agent, "correspondence", "received from", 0.75, span))
    return found


def _pair_ok(first: int | None, second: int | None) -> bool:
    return first is not None and second is not None and first != second


def relations_from_address(
    lines: Sequence[SpokenLine],
    said: Sequence[tuple[int, int, int, str]],
) -> list[TypedRelation]:
    """``Kakashi-sensei`` said by Sakura: Kakashi teaches Sakura. ``said``: name mentions as
    (start, end, cast index, surface), sorted by start."""
    starts = [m[0] for m in said]
    found: list[TypedRelation] = []
    for line in lines:
        if line.speaker is None:
            continue
        index = bisect.bisect_left(starts, line.span.start)
        while index < len(said) and said[index][0] < line.span.end:
            start, end, character, surface = said[index]
            index += 1
            honorific = surface.rsplit("-", 1)[-1].lower() if "-" in surface else ""
            if character == line.speaker:
                continue
            if honorific in MENTOR_HONORIFICS:
                found.append(TypedRelation(character, line.speaker, "mentorship", f"-{honorific}", 0.7, Span(start, end)))
            elif honorific in SIBLING_HONORIFICS or surface.lower().endswith(tuple(f"-{h}" for h in SIBLING_HONORIFICS)):
                found.append(TypedRelation(character, line.speaker, "family", "sibling", 0.4, Span(start, end)))
    return found


KIN_VOCATIVES = frozenset(
    """dad daddy papa pa father mom mum mommy mummy mama mamma ma mother brother bro sis sister
    grandpa grandma granny grandmother grandfather nana uncle auntie aunt""".split()
)


def relations_from_kin_address(doc: Any, lines: Sequence[SpokenLine]) -> list[TypedRelation]:
    """``"You caught it, Dad,"`` said to Goku by Gohan: Goku is Gohan's family."""
    found: list[TypedRelation] = []
    for line in lines:
        if line.speaker is None or line.addressee is None or line.speaker == line.addressee:
            continue
        span = doc.char_span(line.span.start, line.span.end, alignment_mode="expand")
        for token in span if span is not None else ():
            honorific = token.lower_ in KIN_ADDRESS and token.i + 2 < span.end and doc[token.i + 1].text == "-"
            if not (token.lower_ in KIN_VOCATIVES or honorific) or not token.is_title:
                continue
            before = doc[token.i - 1] if token.i > span.start else None
            last = token.i + 2 if honorific else token.i  # "Nii-sama": the address ends at "sama"
            after = doc[last + 1] if last + 1 < span.end else None
            opens = before is None or before.text in (",", "\u2014") or before.is_quote
            closes = after is None or after.text in (",", "!", "?", ".", "\u2014", "\u2026") or after.is_quote
            if opens and closes:
                found.append(TypedRelation(
                    line.addressee, line.speaker, "family", token.lower_, 0.6,
                    Span(token.idx, token.idx + len(token)),
                ))
                break
    return found


def relations_from_groups(
    doc: Any, character_of_token: Mapping[int, int], realis: Any
) -> list[TypedRelation]:
    """``Naruto and Sasuke were rivals``; ``Sakura, Naruto and Sasuke were Team Seven``;
    ``Ino joined Team Ten``: plural predicates and named teams make symmetric relations."""
    from .nominals import FRIEND_NOUNS, KINSHIP, RIVAL_NOUNS, ROMANCE_NOUNS, TEAM_NOUNS

    kinds = {**{n: "friendship" for n in FRIEND_NOUNS}, **{n: "rivalry" for n in RIVAL_NOUNS},
             **{n: "team" for n in TEAM_NOUNS}, **{n: "romance" for n in ROMANCE_NOUNS},
             **{n: "family" for n in ("brother", "sister", "sibling", "twin", "cousin")}}
    found: list[TypedRelation] = []
    teams: dict[str, set[int]] = defaultdict(set)
    team_evidence: dict[str, list[Span]] = defaultdict(list)
    for token in doc:
        if token.dep_ not in ("attr", "pobj", "dobj"):
            continue
        verb = token.head if token.dep_ in ("attr", "dobj") else token.head.head
        if verb.pos_ not in ("VERB", "AUX") or not realis(verb):
            continue
        team = _team_name(token)
        if token.tag_ in ("NNS", "NNPS") and token.lemma_.lower() in kinds and token.dep_ == "attr":
            members = _subject_characters(verb, character_of_token)
            kind = kinds[token.lemma_.lower()]
            span = Span(verb.sent.start_char, verb.sent.end_char)
            for a, b in _pairs(set(members)):
                found.append(TypedRelation(a, b, kind, token.lemma_.lower(), 0.8, span))
        elif team and verb.lemma_.lower() in ("be", "join", "form", "make", "assign", "put", "place", "become"):
            members = _subject_characters(verb, character_of_token)
            teams[team].update(members)
            team_evidence[team].append(Span(verb.sent.start_char, verb.sent.end_char))
    for team, members in teams.items():
        for a, b in _pairs(members):
            for span in team_evidence[team][:MAX_EVIDENCE]:
                found.append(TypedRelation(a, b, "team", team, 0.75, span))
    return found


def _team_name(token: Any) -> str | None:
    """``Team Seven``, ``Team 7``, ``Team Kakashi``, ``Squad Ten`` (head ``Team`` or its
    compound)."""
    words = [t for t in token.subtree if not t.is_punct][:3]
    if len(words) >= 2 and words[0].lower_ in ("team", "squad", "cell") and (words[1].is_title or words[1].like_num):
        return f"{words[0].text.title()} {words[1].text}"
    if token.lower_ in ("team", "squad") and token.i + 1 < len(token.doc):
        following = token.doc[token.i + 1]
        if following.like_num or following.is_title:
            return f"{token.text.title()} {following.text}"
    return None


def _subject_characters(verb: Any, character_of_token: Mapping[int, int]) -> list[int]:
    members: list[int] = []
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            for token in (child, *child.conjuncts):
                if token.i in character_of_token:
                    members.append(character_of_token[token.i])
    return members


FAMILY_CLOSURE_MAX = 6  # a larger family component is more likely a chain of mistakes
KIN_OF_KIN_CONFIDENCE = 0.45


def relations_within_families(found: Sequence[TypedRelation]) -> list[TypedRelation]:
    """Everyone in one family is family of everyone else in it: the mother of two sisters is
    the mother of both, the sisters are sisters. Families are the connected groups of family
    relations (of at most ``FAMILY_CLOSURE_MAX`` characters); each new pair carries the
    evidence of the relations that join it."""
    links: dict[int, set[int]] = defaultdict(set)
    evidence: dict[int, list[Span]] = defaultdict(list)
    for relation in found:
        if relation.type == "family" and relation.source != relation.target:
            links[relation.source].add(relation.target)
            links[relation.target].add(relation.source)
            evidence[relation.source].append(relation.evidence)
            evidence[relation.target].append(relation.evidence)
    added: list[TypedRelation] = []
    seen: set[int] = set()
    for start in sorted(links):
        if start in seen:
            continue
        family, frontier = {start}, [start]
        while frontier:
            for other in links[frontier.pop()]:
                if other not in family:
                    family.add(other)
                    frontier.append(other)
        seen |= family
        if len(family) > FAMILY_CLOSURE_MAX:
            continue
        for a, b in _pairs(family):
            if b not in links[a]:
                span = min(evidence[a] + evidence[b], key=lambda e: e.start)
                added.append(TypedRelation(a, b, "family", "family", KIN_OF_KIN_CONFIDENCE, span))
    return added


SURNAME_CONFIDENCE = 0.5


def relations_by_surname(names: Sequence[str], first_spans: Sequence[Span | None]) -> list[TypedRelation]:
    """Characters who share a surname are family ("Malcolm Hawke", "Marian Hawke"; "Mr. Bennet",
    "Mrs. Bennet"): a name of two words or more, or a title and a surname, whose last word is
    the other's. The evidence is each one's first mention."""
    by_surname: dict[str, list[int]] = defaultdict(list)
    for index, name in enumerate(names):
        parts = split_name(name)
        if parts.honorific or not parts.words or first_spans[index] is None:
            continue
        if len(parts.words) < 2 and parts.title is None:
            continue
        surname = parts.words[-1]
        if surname[:1].isupper() and surname.isalpha() and len(surname) > 2:
            by_surname[surname].append(index)
    found: list[TypedRelation] = []
    for members in by_surname.values():
        if 2 <= len(members) <= FAMILY_CLOSURE_MAX:
            for a, b in _pairs(set(members)):
                if names[a] == names[b]:
                    continue  # one person the cast has not yet folded, not two relatives
                span = first_spans[a] if first_spans[a].start <= first_spans[b].start else first_spans[b]  # type: ignore[union-attr]
                found.append(TypedRelation(a, b, "family", "surname", SURNAME_CONFIDENCE, span))  # type: ignore[arg-type]
    return found


def merge_relations(found: Sequence[TypedRelation]) -> list[MergedRelation]:
    """One relation per (source, target, type): symmetric types are stored once per pair;
    confidence combines independent evidence (1 - prod(1 - c)); weight sums confidences."""
    grouped: dict[tuple[int, int, str], list[TypedRelation]] = defaultdict(list)
    for relation in found:
        source, target = relation.source, relation.target
        if relation.type in SYMMETRIC_TYPES:
            source, target = _pair(source, target)
        grouped[(source, target, relation.type)].append(relation)
    merged: list[MergedRelation] = []
    for (source, target, kind), items in grouped.items():
        doubt = 1.0
        for item in items:
            doubt *= 1.0 - item.confidence
        labels = [i.label for i in items]
        label = max(set(labels), key=labels.count)
        spans: list[Span] = []
        for item in sorted(items, key=lambda i: -i.confidence):
            _add_evidence(spans, item.evidence)
        merged.append(
            MergedRelation(
                source, target, kind, label,
                round(sum(i.confidence for i in items), 3),
                round(1.0 - doubt, 3),
                tuple(sorted(spans, key=lambda s: s.start)),
            )
        )
    return sorted(merged, key=lambda r: (-r.confidence, -r.weight, r.source, r.target))
