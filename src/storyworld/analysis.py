"""One story in, its world out: the stages run in order over one parsed Doc."""

from __future__ import annotations

from typing import Any

import bisect
import os
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace

from spacy.language import Language
from spacy.tokens import Doc, Token

from .nlp.canon import fold_canon_aliases
from .nlp.characters import KIN_NAMES, CastEntry, find_cast, fold_bare_titles
from .nlp.coref import (
    FIRST_PERSON,
    PRONOUN_GENDER,
    PronounLink,
    infer_genders,
    name_mention_tokens,
    refine_genders,
    resolve_pronouns,
    resolve_speech_pronouns,
)
from .nlp.events import EventFact, find_events, is_realis
from .nlp.fates import character_roles, euphemistic_deaths, find_fates, told_by_the_victim
from .nlp.nominals import NominalResult, resolve_nominals
from .nlp.names import Gender
from .nlp.narration import NarrationFacts, OutsideSpeech, describe_narration
from .nlp.narrator import NameSpan, SpokenSpan, narrator_name_index
from .nlp.pipeline import parse
from .nlp.quotes import QuoteSpan, find_quotes, quote_text
from .nlp.relations import (
    SpokenLine,
    TypedRelation,
    find_interactions,
    merge_relations,
    relations_by_surname,
    relations_within_families,
    relations_from_address,
    relations_from_kin_address,
    relations_from_events,
    relations_from_groups,
    relations_from_roles,
)
from .nlp.speakers import Attribution, attribute_quotes
from .text import paragraph_spans
from .world import (
    Character,
    Entity,
    Event,
    Mention,
    Narration,
    Quote,
    Relation,
    Span,
    Work,
    World,
)

NARRATOR_NAME = "the narrator"
PROTAGONIST_NAME = "you"  # the protagonist a second-person story addresses
SECOND_PERSON_NARRATION = frozenset({"you", "your", "yours", "yourself"})
PRONOUNS_BY_GENDER = {"m": "he", "f": "she"}


@dataclass(frozen=True)
class _CastMention:
    start: int
    end: int
    cast_index: int
    kind: str


def analyze(
    path: str | os.PathLike[str], *, nlp: Language | None = None, entities: bool = False
) -> World:
    """Read a story file (.txt, .html, .epub) and recover the world it describes.

    ``entities``: also tag every literary entity (people, places, facilities, vehicles,
    organisations, political places; names and common noun phrases) with the LitBank-trained
    tagger shipped in the package (about half again the time of the analysis).
    """
    from .ingest import read_work

    return analyze_work(read_work(path), nlp=nlp, entities=entities)


def analyze_text(
    text: str,
    quote_offsets: Sequence[tuple[int, int]] | None = None,
    *,
    nlp: Language | None = None,
) -> World:
    """Analyse raw story text; offsets in the result are offsets into ``text``.

    ``quote_offsets`` replaces quote detection with given spans (for evaluation with gold
    quotes): each ``(start, end)`` covers one quoted segment.
    """
    work = Work(text=text)
    quotes = quote_spans_at(text, quote_offsets) if quote_offsets is not None else None
    return analyze_work(work, nlp=nlp, quotes=quotes)


def analyze_work(
    work: Work,
    *,
    nlp: Language | None = None,
    quotes: Sequence[QuoteSpan] | None = None,
    entities: bool = False,
) -> World:
    """Run every stage over an already ingested work."""
    doc = parse(work.text, nlp)
    quotes = list(quotes) if quotes is not None else find_quotes(work.text)
    quote_outer = [Span(q.start, q.end) for q in quotes]
    cast = fold_bare_titles(fold_canon_aliases(
        find_cast(doc, quote_outer),
        work.text,
        declared=[*work.fandoms, *work.metadata.get("fandoms", ())],
        paratext=[p.text for p in work.paratext],
    ))
    name_tokens = name_mention_tokens(doc, cast)
    outside = OutsideSpeech(quote_outer)
    genders = infer_genders(doc, cast, name_tokens, outside)
    spans = [(q.start, q.end) for q in quote_outer]
    pronoun_links = resolve_pronouns(doc, name_tokens, genders, outside, quote_spans=spans)
    if None in genders:
        genders = refine_genders(genders, pronoun_links, doc)
        pronoun_links = resolve_pronouns(doc, name_tokens, genders, outside, quote_spans=spans)
    nominals = resolve_nominals(doc, cast, name_tokens, _token_links(doc, pronoun_links))
    cast, genders = nominals.cast_with(cast), [*genders, *nominals.new_genders]
    if nominals.mentions:  # "the old woman ... she": unnamed characters are antecedents too
        pronoun_links = resolve_pronouns(
            doc, {**name_tokens, **nominals.head_tokens()}, genders, outside, quote_spans=spans
        )
    cast_mentions = _cast_mentions(cast, pronoun_links, nominals)
    character_of_token = _character_of_token(doc, cast_mentions)
    narration = describe_narration(doc, quote_outer, character_of_token)
    cast, genders, cast_mentions = _with_narrator(doc, narration, quote_outer, cast, genders, cast_mentions)
    attributions = attribute_quotes(doc, quotes, [(m.start, m.end, m.cast_index) for m in cast_mentions])
    named = _name_the_narrator(work.text, quotes, cast, genders, cast_mentions, attributions)
    if named[0] is not cast:  # the narrator's name now vetoes them as speaker where it is a vocative
        cast, genders, cast_mentions, _ = named
        attributions = attribute_quotes(doc, quotes, [(m.start, m.end, m.cast_index) for m in cast_mentions])
    cast_mentions = _pronouns_beside_the_speakers(doc, quotes, attributions, cast_mentions, genders, outside)
    cast_mentions = _with_speech_pronouns(doc, quotes, attributions, cast_mentions)
    world = _assemble_world(
        work, doc, quotes, cast, genders, cast_mentions, attributions, narration, nominals
    )
    world = _with_emotion_and_tags(world)
    return _with_entities(world, doc) if entities else world


def _with_entities(world: World, doc: Doc) -> World:
    """The LitBank entity tagger's mentions over the parsed story."""
    from .nlp.entities import literary_entities

    found = literary_entities(doc)
    return replace(world, entities=tuple(Entity(e.start, e.end, e.label, e.kind) for e in found))


def _with_emotion_and_tags(world: World) -> World:
    """The last stages: the emotion arc, then tags (they read everything found before them)."""
    from .nlp.emotion import emotion_of_world, with_emotion
    from .tags import suggest_tags

    report = emotion_of_world(world)
    world = with_emotion(world, report)
    return replace(world, tags=suggest_tags(world, report).to_dict())


def quote_spans_at(text: str, offsets: Sequence[tuple[int, int]]) -> list[QuoteSpan]:
    """Quote spans for given offsets, with paragraph indices looked up in ``text``."""
    paragraphs = paragraph_spans(text)
    starts = [p.start for p in paragraphs]
    spans = []
    for start, end in sorted(offsets):
        paragraph = max(bisect.bisect_right(starts, start) - 1, 0)
        spans.append(QuoteSpan(start, end, start, end, paragraph, False, "double"))
    return spans


def _cast_mentions(
    cast: Sequence[CastEntry],
    pronoun_links: Sequence[PronounLink],
    nominals: NominalResult | None = None,
) -> list[_CastMention]:
    mentions = [
        _CastMention(m.start, m.end, index, m.kind)
        for index, entry in enumerate(cast)
        for m in entry.mentions
    ]
    mentions.extend(_CastMention(p.start, p.end, p.cast_index, "pronoun") for p in pronoun_links)
    if nominals is not None:
        mentions.extend(_CastMention(n.start, n.end, n.cast_index, "nominal") for n in nominals.mentions)
    return sorted(mentions, key=lambda m: (m.start, m.end))


def _token_links(doc: Doc, links: Sequence[PronounLink]) -> dict[int, int]:
    """Token index of each linked pronoun -> cast index."""
    token_at = {token.idx: token.i for token in doc}
    return {token_at[link.start]: link.cast_index for link in links if link.start in token_at}


def _pronouns_beside_the_speakers(
    doc: Doc,
    quotes: Sequence[QuoteSpan],
    attributions: Sequence[Attribution],
    mentions: list[_CastMention],
    genders: Sequence[Gender | None],
    outside: OutsideSpeech,
) -> list[_CastMention]:
    """He/she resolved again once quotes have speakers: inside a quote they are neither its
    speaker nor whom it is said to (before, nearly half of them were one of the two)."""
    spans = [(q.start, q.end, a.speaker, a.addressee) for q, a in zip(quotes, attributions)]
    starts = [s[0] for s in spans]

    def parties(offset: int) -> frozenset[int]:
        index = bisect.bisect_right(starts, offset) - 1
        if index < 0 or offset >= spans[index][1]:
            return frozenset()
        return frozenset(c for c in spans[index][2:] if c is not None)

    text = doc.text

    def third_person(mention: _CastMention) -> bool:
        return mention.kind == "pronoun" and text[mention.start : mention.end].lower() in PRONOUN_GENDER

    if not any(third_person(m) for m in mentions):
        return mentions
    antecedents = _character_of_token(doc, [m for m in mentions if m.kind != "pronoun"])
    links = resolve_pronouns(doc, antecedents, genders, outside, parties, [(q.start, q.end) for q in quotes])
    kept = [m for m in mentions if not third_person(m)]
    kept.extend(_CastMention(p.start, p.end, p.cast_index, "pronoun") for p in links)
    return sorted(kept, key=lambda m: (m.start, m.end))


def _with_speech_pronouns(
    doc: Doc,
    quotes: Sequence[QuoteSpan],
    attributions: Sequence[Attribution],
    mentions: list[_CastMention],
) -> list[_CastMention]:
    """``I`` in a quote is its speaker, ``you`` its addressee."""
    taken = {m.start for m in mentions}
    spoken = [(q.start, q.end, a.speaker, a.addressee) for q, a in zip(quotes, attributions)]
    found = resolve_speech_pronouns(doc, spoken, taken.__contains__)
    if not found:
        return mentions
    added = [_CastMention(p.start, p.end, p.cast_index, "pronoun") for p in found]
    return sorted(mentions + added, key=lambda m: (m.start, m.end))


def _character_of_token(doc: Doc, mentions: Sequence[_CastMention]) -> dict[int, int]:
    """Head token of each mention -> cast index."""
    result: dict[int, int] = {}
    for mention in mentions:
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is not None:
            result[span.root.i] = mention.cast_index
    return result


def _with_narrator(
    doc: Doc,
    narration: NarrationFacts,
    quote_outer: Sequence[Span],
    cast: list[CastEntry],
    genders: list[Gender | None],
    mentions: list[_CastMention],
) -> tuple[list[CastEntry], list[Gender | None], list[_CastMention]]:
    """In first-person narration, "I" outside speech is a character: the narrator; in
    second-person narration, "you" outside speech is the protagonist."""
    if narration.person == "first":
        words, name, alias = FIRST_PERSON, NARRATOR_NAME, "I"
    elif narration.person == "second":
        words, name, alias = SECOND_PERSON_NARRATION, PROTAGONIST_NAME, "you"
    else:
        return cast, genders, mentions
    outside = OutsideSpeech(quote_outer)
    narrator_index = len(cast)
    found = [
        _CastMention(t.idx, t.idx + len(t), narrator_index, "pronoun")
        for t in doc
        if t.lower_ in words and outside(t.idx)
    ]
    if not found:
        return cast, genders, mentions
    narrator = CastEntry(name=name, aliases=(alias,), gender=None, mentions=())
    merged = sorted(mentions + found, key=lambda m: (m.start, m.end))
    return cast + [narrator], genders + [None], merged


def _name_the_narrator(
    text: str,
    quotes: Sequence[QuoteSpan],
    cast: list[CastEntry],
    genders: list[Gender | None],
    mentions: list[_CastMention],
    attributions: list[Attribution],
) -> tuple[list[CastEntry], list[Gender | None], list[_CastMention], list[Attribution]]:
    """Fold the name a first-person narrator goes by ("You must be Anna") into the narrator."""
    if not cast or cast[-1].name not in (NARRATOR_NAME, PROTAGONIST_NAME):
        return cast, genders, mentions, attributions
    narrator = len(cast) - 1
    spoken = [SpokenSpan(q.start, q.end, a.speaker, a.addressee) for q, a in zip(quotes, attributions)]
    names = [NameSpan(m.start, m.end, m.cast_index) for m in mentions if m.kind == "name"]
    named = narrator_name_index(text, spoken, names, narrator)
    if named is None:
        return cast, genders, mentions, attributions
    own = cast[named]
    alias = "I" if cast[narrator].name == NARRATOR_NAME else "you"
    renamed = CastEntry(own.name, tuple(sorted({*own.aliases, alias})), own.gender, own.mentions)
    cast = [*cast[:narrator], renamed]
    genders = [*genders[:narrator], genders[named]]

    def moved(index: int | None) -> int | None:
        return narrator if index == named else index

    mentions = [_CastMention(m.start, m.end, moved(m.cast_index), m.kind) for m in mentions]  # type: ignore[arg-type]
    attributions = [
        replace(a, speaker=moved(a.speaker), addressee=moved(a.addressee)) for a in attributions
    ]
    return cast, genders, mentions, attributions


def _focal_index(narration: NarrationFacts, cast: Sequence[CastEntry]) -> int | None:
    """The narration follows "I" in a first-person story and "you" in a second-person one
    (the narrator entry is last in the cast); otherwise the character most often its subject."""
    pronoun = {"first": "I", "second": "you"}.get(narration.person)
    if pronoun is not None and cast and pronoun in cast[-1].aliases:
        return len(cast) - 1
    return narration.focal_cast_index


def _assemble_world(
    work: Work,
    doc: Doc,
    quotes: Sequence[QuoteSpan],
    cast: Sequence[CastEntry],
    genders: Sequence[Gender | None],
    mentions: Sequence[_CastMention],
    attributions: Sequence[Attribution],
    narration: NarrationFacts,
    nominals: NominalResult | None = None,
) -> World:
    counts = Counter(m.cast_index for m in mentions)
    order = sorted(range(len(cast)), key=lambda i: (-counts[i], cast[i].name))
    ids = {index: f"C{rank + 1}" for rank, index in enumerate(order) if counts[index]}
    focal = _focal_index(narration, cast)
    facts = _story_facts(doc, quotes, attributions, cast, mentions, nominals, focal)
    characters = tuple(
        Character(
            id=ids[index],
            name=cast[index].name,
            aliases=cast[index].aliases,
            mentions=counts[index],
            pronouns=PRONOUNS_BY_GENDER.get(genders[index] or "", "unknown"),  # type: ignore[arg-type]
            roles=facts.roles[index],
            status=facts.status[index],  # type: ignore[arg-type]
            first_appearance=facts.first[index],
            last_appearance=facts.last[index],
            dialogue_share=facts.dialogue_share[index],
        )
        for index in order
        if index in ids
    )
    world_quotes = tuple(
        Quote(
            start=q.start,
            end=q.end,
            text=quote_text(work.text, q),
            speaker=ids.get(a.speaker) if a.speaker is not None else None,
            addressee=ids.get(a.addressee) if a.addressee is not None else None,
            confidence=round(a.confidence, 3),
        )
        for q, a in zip(quotes, attributions)
    )
    world_mentions = tuple(
        Mention(ids[m.cast_index], m.start, m.end, m.kind)  # type: ignore[arg-type]
        for m in mentions
        if m.cast_index in ids
    )
    relations = _typed_relations(facts, ids) + _interaction_relations(
        work, quotes, attributions, mentions, ids
    )
    return World(
        work=work,
        characters=characters,
        mentions=world_mentions,
        quotes=world_quotes,
        relations=relations,
        events=tuple(
            Event(ids.get(e.agent), e.predicate, ids.get(e.patient), e.start, e.end)  # type: ignore[arg-type]
            for e in facts.events
            if (e.agent in ids or e.patient in ids)
        ),
        narration=Narration(
            person=narration.person,
            tense=narration.tense,
            focal_character=ids.get(focal) if focal is not None else None,
            tense_shifts=narration.tense_shifts,
        ),
    )


def _interaction_relations(
    work: Work,
    quotes: Sequence[QuoteSpan],
    attributions: Sequence[Attribution],
    mentions: Sequence[_CastMention],
    ids: dict[int, str],
) -> tuple[Relation, ...]:
    lines = [
        SpokenLine(Span(q.start, q.end), a.speaker, a.addressee)
        for q, a in zip(quotes, attributions)
    ]
    scene_starts = sorted(set(work.scene_breaks) | {c.start for c in work.chapters})
    interactions = find_interactions(
        lines,
        [(m.start, m.end, m.cast_index) for m in mentions],
        paragraph_spans(work.text),
        scene_starts,
    )
    relations = []
    for interaction in interactions:
        if interaction.first not in ids or interaction.second not in ids:
            continue
        source, target = sorted((ids[interaction.first], ids[interaction.second]), key=lambda i: int(i[1:]))
        relations.append(Relation(source, target, "interaction", interaction.weight, interaction.evidence))
    return tuple(relations)


@dataclass(frozen=True)
class _StoryFacts:
    """Per cast index: roles, status, appearances, dialogue share; and events, relations."""

    roles: list[tuple[str, ...]]
    status: list[str]
    first: list[int | None]
    last: list[int | None]
    dialogue_share: list[float | None]
    events: list[EventFact]
    relations: list  # merged typed relations (relations.MergedRelation)


def _story_facts(
    doc: Doc,
    quotes: Sequence[QuoteSpan],
    attributions: Sequence[Attribution],
    cast: Sequence[CastEntry],
    mentions: Sequence[_CastMention],
    nominals: NominalResult | None,
    focal: int | None = None,
) -> _StoryFacts:
    """Events, typed relations, roles and fates over the resolved mentions."""
    size = len(cast)
    character_of_token = _character_of_token(doc, mentions)
    for mention in mentions:  # every word of a name: "Naruto and Sasuke" need both
        if mention.kind == "name":
            span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
            for token in span if span is not None else ():
                if token.pos_ == "PROPN":
                    character_of_token.setdefault(token.i, mention.cast_index)
    _add_appositions(doc, character_of_token)
    ours = _first_person_plural_owners(doc, quotes, attributions, cast)
    for token, owner in ours.items():  # "Toza had taught us": the narrator is one of us
        if doc[token].lower_ == "us":
            character_of_token.setdefault(token, owner)
    events = [e for e in find_events(doc, character_of_token) if not told_by_the_victim(doc, e)]
    events = sorted(
        [*events, *(_death_event(doc, who, verb) for who, verb in euphemistic_deaths(doc, character_of_token))],
        key=lambda e: (e.start, e.end),
    )
    role_facts = nominals.roles if nominals is not None else ()
    lines = [SpokenLine(Span(q.start, q.end), a.speaker, a.addressee) for q, a in zip(quotes, attributions)]
    said = sorted((m.start, m.end, i, m.surface) for i, e in enumerate(cast) for m in e.mentions)
    role_facts = _fill_possessors(doc, role_facts, {**ours, **character_of_token})
    nominal_mentions = _fill_possessors(
        doc, nominals.mentions if nominals is not None else (), {**ours, **character_of_token}
    )
    found = [
        *relations_from_roles(role_facts, nominal_mentions),
        *relations_from_events(events),
        *relations_from_address(lines, said),
        *relations_from_kin_address(doc, lines),
        *relations_from_groups(doc, character_of_token, is_realis),
        *_kin_named_relations(cast, focal),
        *relations_by_surname(
            [entry.name for entry in cast],
            [Span(e.mentions[0].start, e.mentions[0].end) if e.mentions else None for e in cast],
        ),
    ]
    found += relations_within_families(found)
    first: list[int | None] = [None] * size
    last: list[int | None] = [None] * size
    for mention in mentions:
        if 0 <= mention.cast_index < size:
            if first[mention.cast_index] is None:
                first[mention.cast_index] = mention.start
            last[mention.cast_index] = mention.start
    signs: dict[int, list[int]] = {}
    for quote, attribution in zip(quotes, attributions):
        if attribution.speaker is not None:
            signs.setdefault(attribution.speaker, []).append(quote.start)
    for event in events:
        if event.agent is not None and event.predicate not in ("die", "perish", "drown", "hang") and not _remembered(doc[event.verb]):
            signs.setdefault(event.agent, []).append(event.start)
    spoken = Counter(a.speaker for a in attributions if a.speaker is not None)
    total = sum(spoken.values())
    outside_speech = OutsideSpeech(quotes)
    fates = find_fates(doc, size, character_of_token, events, signs, is_realis, lambda offset: not outside_speech(offset))
    return _StoryFacts(
        roles=character_roles(cast, role_facts),
        status=[f.status for f in fates],
        first=first,
        last=last,
        dialogue_share=[round(spoken[i] / total, 3) if total else 0.0 for i in range(size)],
        events=events,
        relations=merge_relations(found),
    )


KIN_NAMED_CONFIDENCE = 0.6


def _remembered(verb: Token) -> bool:
    """``Mama had loved Lucy``: a deed in the past perfect is a memory, no sign of life now."""
    return verb.tag_ == "VBN" and any(c.dep_ == "aux" and c.lower_ in ("had", "'d") for c in verb.children)


def _kin_named_relations(cast: Sequence[CastEntry], focal: int | None) -> list[TypedRelation]:
    """``Mam``, ``Dad`` as names: family of the narrator, or of the focal character."""
    narrator = _narrator_index(cast)
    relative = narrator if narrator is not None else focal
    found = []
    for index, entry in enumerate(cast):
        if relative is None or index == relative or entry.name.lower() not in KIN_NAMES or not entry.mentions:
            continue
        first = entry.mentions[0]
        found.append(TypedRelation(index, relative, "family", entry.name.lower(), KIN_NAMED_CONFIDENCE, Span(first.start, first.end)))
    return found


def _death_event(doc: Doc, who: int, verb: int) -> EventFact:
    """A death told without the word, as an event of dying over its sentence."""
    sentence = doc[verb].sent
    return EventFact(who, "die", None, verb, sentence.start_char, sentence.end_char)


def _add_appositions(doc: Doc, character_of_token: dict[int, int]) -> None:
    """``His mother, Trisha, had died``: the phrase an apposition names stands for that
    character when events and fates are read."""
    for token in doc:
        if token.dep_ == "appos" and token.i in character_of_token and token.head.pos_ == "NOUN":
            character_of_token.setdefault(token.head.i, character_of_token[token.i])


def _narrator_index(cast: Sequence[CastEntry]) -> int | None:
    """The first-person narrator: the entry going by "I" (named or still "the narrator")."""
    return next((i for i, e in enumerate(cast) if "I" in e.aliases), None)


def _first_person_plural_owners(
    doc: Doc, quotes: Sequence[QuoteSpan], attributions: Sequence[Attribution], cast: Sequence[CastEntry]
) -> dict[int, int]:
    """``our father``, ``taught us``: the narrator's (outside speech) or the speaker's (inside
    a quote)."""
    narrator = _narrator_index(cast)
    starts = [q.start for q in quotes]
    owners: dict[int, int] = {}
    for token in doc:
        if token.lower_ not in ("our", "us"):
            continue
        index = bisect.bisect_right(starts, token.idx) - 1
        inside = index >= 0 and token.idx < quotes[index].end
        owner = attributions[index].speaker if inside else narrator
        if owner is not None:
            owners[token.i] = owner
    return owners


def _fill_possessors(doc: Doc, facts: Sequence[Any], character_of_token: dict[int, int]) -> list[Any]:
    """``my sister, Mara``: the nominals stage ran before the narrator (and the speakers of
    quotes) were known, so ``my`` and ``your`` get their characters now."""
    token_at = {token.idx: token for token in doc}
    filled = []
    for fact in facts:
        if fact.possessor is None:
            span = doc.char_span(fact.start, fact.end, alignment_mode="expand")
            head = span.root if span is not None else token_at.get(fact.start)
            owner = next((c for c in head.children if c.dep_ == "poss"), None) if head is not None else None
            holder = character_of_token.get(owner.i) if owner is not None else None
            if holder is not None and holder != fact.cast_index:
                fact = replace(fact, possessor=holder)
        filled.append(fact)
    return filled


def _typed_relations(facts: _StoryFacts, ids: dict[int, str]) -> tuple[Relation, ...]:
    return tuple(
        Relation(ids[r.source], ids[r.target], r.type, r.weight, r.evidence, r.confidence, r.label)
        for r in facts.relations
        if r.source in ids and r.target in ids
    )
