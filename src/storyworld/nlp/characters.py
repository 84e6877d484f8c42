"""Characters stage: find the people named in a story and fold every name of each into one.

Requires: a parsed Doc (NER, POS, dependencies) and the outer spans of direct speech.
Assigns: name and title mentions, grouped into characters with aliases.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span as SpacySpan, Token

from ..world import Span
from .names import (
    HONORIFIC_NAME,
    NICKNAMES,
    TITLES,
    Gender,
    NameParts,
    first_name_key,
    NOT_NAMES,
    gender_of_given_name,
    is_group_or_place,
    is_plausible_name,
    normalise_title,
    split_name,
)

SPEECH_VERBS = frozenset(
    """
    say ask cry reply answer whisper shout yell call murmur mutter exclaim respond add
    continue repeat demand inquire enquire snap growl hiss sigh laugh scream tell remark
    observe declare insist protest plead beg suggest admit agree explain interrupt chuckle
    sob gasp breathe state announce retort counter note offer warn whine groan grumble bark
    roar stammer stutter squeak drawl confess promise wonder think muse query question
    greet chime pipe quip tease mumble rasp croak choke coo purr sneer scoff snort huff
    grunt shriek squeal wail moan bellow howl thunder boom cough hum sing chant reason
    argue object correct concede acknowledge assure console soothe urge order command
    instruct call_out begin start finish conclude reiterate echo blurt sputter splutter
    """.split()
)
PERSON_LABELS = frozenset({"PERSON"})
NAMING_VERBS = frozenset({"call", "name", "christen", "dub"})
ARGUMENT_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "attr", "pobj", "dative", "oprd", "conj"})
MAYBE_PERSON_LABELS = frozenset({"ORG", "GPE", "NORP", "FAC", "PRODUCT", "WORK_OF_ART", "LOC"})
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
LOCATIVE_PREPOSITIONS = frozenset(
    "in at from into inside outside near toward towards through across around within".split()
)
# Verbs whose subject is nearly always a person (or a person-like being) in fiction.
ANIMATE_VERBS = frozenset(
    """
    nod smile grin laugh weep cry sob sigh shrug frown blink stare glare gaze wink smirk
    scowl grimace flinch wince shiver tremble gasp pant yawn giggle chuckle snicker
    die marry kiss hug embrace hate love adore fear mourn grieve pray kneel bow curtsy
    train teach learn study serve obey betray forgive apologize apologise thank
    decide realize realise remember forget wonder hope wish want believe know think
    pretend promise swear vow lie doubt notice recognize recognise
    lean stomp sit stand climb grab punch kick slap hold hand pat ruffle kneel crouch
    hurry wander march stride storm stumble stagger limp hesitate sneak glance peer squint
    eat drink sleep dream wake laugh cough swallow mutter grumble complain argue snort huff
    fight survive kill murder shoot stab slay strangle assassinate behead execute
    """.split()
)
# Verbs whose direct object is nearly always a person.
PERSON_OBJECT_VERBS = frozenset(
    """
    kill murder assassinate slay execute behead strangle marry kiss hug embrace bury mourn
    betray rescue teach train hire fire befriend adopt raise comfort console serve study
    love adore
    """.split()
)
# Nouns a person owns but a place or thing does not: ``Petra's body``, ``Valjean's funeral``.
PERSONAL_NOUNS = frozenset(
    """
    body corpse grave funeral coffin tomb mother father brother sister son daughter wife
    husband uncle aunt cousin teacher student mentor apprentice hand face eyes hair voice
    smile mouth shoulder shoulders arm arms heart mind bedside widow
    """.split()
)
OPENING_PUNCTUATION = frozenset({"(", "[", "\u2014", "\u2013", "-", "\u2026", "...", ":", "*", "~"})


@dataclass(frozen=True)
class NameMention:
    """One occurrence of a name (or a bare title standing for one) in the text."""

    start: int
    end: int
    surface: str
    kind: str  # "name" | "title"


@dataclass
class _Cluster:
    words: set[str]
    full: tuple[str, ...]
    title: str | None
    gender: Gender | None
    count: int = 0
    surfaces: Counter[str] = field(default_factory=Counter)
    keys: set[tuple[str | None, tuple[str, ...]]] = field(default_factory=set)
    borrowed: set[str] = field(default_factory=set)  # surfaces folded in by a declared alias


@dataclass(frozen=True)
class CastEntry:
    """A character as the characters stage knows it, before ids are assigned."""

    name: str
    aliases: tuple[str, ...]
    gender: Gender | None
    mentions: tuple[NameMention, ...]


@dataclass
class _Evidence:
    person: int = 0
    speech: int = 0
    vocative: int = 0
    possessor: int = 0
    place: int = 0
    total: int = 0
    inside_quotes: int = 0
    argument: int = 0
    definite: int = 0  # preceded by "the": ``the Citadel``, ``the Doctor``
    animate: int = 0  # does what only people do: weeps, is killed, has a funeral


def find_cast(doc: Doc, quote_spans: Sequence[Span] = ()) -> list[CastEntry]:
    """The story's characters, each with every surface form of its name and its mentions."""
    in_quote = _QuoteIndex([*quote_spans, *_marked_stretches(doc.text)])
    lowered = {token.text for token in doc if token.is_lower}  # words the story writes in lower case
    surfaces = _drop_family_plurals(_accepted_surfaces(doc, in_quote, lowered))
    clusters = _merge_declared_aliases(doc.text, _cluster_names(surfaces))
    clusters.extend(_title_name_clusters(doc, in_quote, surfaces))
    mentions = _find_name_mentions(doc, surfaces, clusters, lowered)
    entries = _cast_entries(clusters, mentions)
    return _fold_stated_kin(doc, entries + _kin_named_entries(doc, in_quote, entries))


# Kinship words a story uses as a name: "Mam went to the mill", "asked Dad". The same word
# said in speech ("Night, Dad") joins it; a kin word only ever said in speech is an address
# to someone the story may name (Goku is "Dad" to Goten), so it makes no character alone.
PARENT_NAMES: dict[Gender, frozenset[str]] = {
    "m": frozenset("dad daddy papa pa da father pop".split()),
    "f": frozenset("mom mum mam ma mama mamma mammy mommy mummy mother".split()),
}
KIN_NAMES: dict[str, Gender] = {
    **dict.fromkeys(PARENT_NAMES["m"], "m"),
    **dict.fromkeys(PARENT_NAMES["f"], "f"),
    **dict.fromkeys("gran granny grandma nana nan grandmother".split(), "f"),
    **dict.fromkeys("grandpa granddad grandad gramps grandfather".split(), "m"),
}
NAME_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "poss", "conj", "dative", "appos"})
KIN_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})


def _fold_stated_kin(doc: Doc, entries: list[CastEntry]) -> list[CastEntry]:
    """``Dad`` and ``San`` are one where the narration says ``our father, San`` (or ``my
    mother Kiyoko``): the kin-named entry joins the named one, if only one is so stated."""
    kin = {i: e for i, e in enumerate(entries) if e.name.lower() in KIN_NAMES and e.name in e.aliases}
    if not kin:
        return entries
    starts = {m.start: i for i, e in enumerate(entries) for m in e.mentions if i not in kin}
    stated: dict[str, set[int]] = defaultdict(set)
    for token in doc:
        word = token.lower_
        gender = next((g for g, words in PARENT_NAMES.items() if word in words), None)
        if gender is None or not any(c.dep_ == "poss" and c.lower_ in ("my", "our") for c in token.children):
            continue
        for child in token.children:
            if child.dep_ in ("appos", "compound") and child.idx in starts:
                stated[gender].add(starts[child.idx])
    merged = list(entries)
    dropped: set[int] = set()
    for index, entry in kin.items():
        gender = KIN_NAMES[entry.name.lower()]
        named = stated.get(gender, set()) if entry.name.lower() in PARENT_NAMES[gender] else set()
        if len(named) != 1:
            continue
        target = next(iter(named))
        merged[target] = _joined(merged[target], entry, (entry.name,), gender)
        dropped.add(index)
    return [e for i, e in enumerate(merged) if i not in dropped]


BARE_TITLE = re.compile(r"^(?:[Tt]he\s+)?([A-Z][a-z]+)$")
AMBIGUOUS_TITLES = frozenset({"Doctor"})  # "the Doctor" is a name of its own in some canons


def fold_bare_titles(entries: Sequence[CastEntry]) -> list[CastEntry]:
    """``the Director`` is ``Hu Tao`` when she alone goes by ``Director Hu`` (or ``Director``):
    an entry known only by a bare title joins the one character whose other names carry that
    title, where exactly one does and their genders agree. Kin words stay apart
    (``_fold_stated_kin``)."""
    holders: dict[str, set[int]] = defaultdict(set)
    bare: dict[int, str] = {}
    for index, entry in enumerate(entries):
        forms = {entry.name, *entry.aliases}
        titles = {m.group(1) for f in forms if (m := BARE_TITLE.match(f))}
        if len(titles) == 1 and all(BARE_TITLE.match(f) for f in forms):
            title = titles.pop()
            if title.lower() not in KIN_NAMES and title not in AMBIGUOUS_TITLES:
                bare[index] = title
            continue
        for form in forms:
            words = form.split()
            if len(words) >= 2 and words[0][:1].isupper():
                holders[words[0].rstrip(".")].add(index)
            elif len(words) == 1:
                holders[words[0]].add(index)
    merged = list(entries)
    dropped: set[int] = set()
    for index, title in bare.items():
        found = holders.get(title, set()) - set(bare)
        if len(found) != 1:
            continue
        target = next(iter(found))
        own, entry = merged[target], merged[index]
        if own.gender and entry.gender and own.gender != entry.gender:
            continue
        merged[target] = _joined(own, entry, (*entry.aliases, entry.name), entry.gender)
        dropped.add(index)
    return [e for i, e in enumerate(merged) if i not in dropped]


def _joined(own: CastEntry, other: CastEntry, aliases: Iterable[str], gender: Gender | None) -> CastEntry:
    """``own`` with ``other``'s mentions and the given ``aliases`` added; ``gender`` where
    ``own`` has none."""
    mentions = tuple(sorted({*own.mentions, *other.mentions}, key=lambda m: (m.start, m.end)))
    return CastEntry(own.name, tuple(sorted({*own.aliases, *aliases})), own.gender or gender, mentions)


def _kin_named_entries(doc: Doc, in_quote: _QuoteIndex, entries: Sequence[CastEntry]) -> list[CastEntry]:
    taken = {m.start for entry in entries for m in entry.mentions}
    uses: dict[str, list[Token]] = defaultdict(list)
    for token in doc:
        word = token.text
        if word.lower() not in KIN_NAMES or not word[:1].isupper() or token.idx in taken:
            continue
        if any(c.dep_ in ("det", "poss") for c in token.children) or token.dep_ == "compound":
            continue  # "my Dad's", "Dad Stilinski"
        uses[word].append(token)
    found = []
    for word, tokens in uses.items():
        named = [
            t for t in tokens
            if not in_quote.contains(t.idx) and t.dep_ in NAME_DEPS and (not t.is_sent_start or t.dep_ in KIN_SUBJECT_DEPS)
        ]
        if not named:
            continue
        mentions = tuple(NameMention(t.idx, t.idx + len(t), t.text, "name") for t in tokens)
        found.append(CastEntry(word, (word,), KIN_NAMES[word.lower()], mentions))
    return found


MARKED_STRETCH = re.compile(r'"[^"\n]{1,300}"|\u201c[^\u201c\u201d\n]{1,300}\u201d')
DECLARED_ALIAS = r",\s*(?:[a-z]+\s+){0,3}?(?:known|introduced|referred to|called)\b[^.;,\n]{0,20}?\bas\s+"
# "Róisín has been Sparky since she was seven", "Zuko had been Lee to everyone in the lower ring"
NICKNAME_SINCE = r"\s+(?:has|had)\s+(?:always\s+)?been\s+"
NICKNAME_SINCE_END = r"(?=\s+(?:since|to\s+(?:everyone|everybody|all|the\s+whole|his|her|their|us|them|the))\b)"


def _marked_stretches(text: str) -> list[Span]:
    """Every stretch between double quotation marks, speech or not (signs, titles, sayings)."""
    return [Span(m.start(), m.end()) for m in MARKED_STRETCH.finditer(text)]


MIN_TITLE_NAME_USES = 2
DESTINATIONS = frozenset({"to", "toward", "towards", "into", "onto", "inside", "through", "past"})


def _title_name_clusters(doc: Doc, in_quote: _QuoteIndex, surfaces: Counter[str]) -> list[_Cluster]:
    """``the Doctor``, ``the Captain``: a capitalised title after ``the``, used as a name.

    Accepted when it recurs, is never a place or group, and acts as a person at least once
    (speaks, is addressed, owns something, is tagged PERSON) or is a known title or rank.
    """
    from .nominals import RANKS

    evidence: dict[str, _Evidence] = defaultdict(_Evidence)
    for span in _title_name_spans(doc):
        record = evidence[span.text]
        record.total += 1
        root = span.root
        if root.ent_type_ in PERSON_LABELS:
            record.person += 1
        if root.ent_type_ in PLACE_LABELS or (root.dep_ == "pobj" and root.head.lower_ in DESTINATIONS):
            record.place += 1
        _add_role_evidence(span, in_quote, record)
    named = {w for s in surfaces for w in split_name(s).words}
    clusters = []
    for phrase, record in evidence.items():
        words = tuple(re.split(r"[\s-]+", phrase))
        if record.total < MIN_TITLE_NAME_USES or phrase in named:
            continue
        if is_group_or_place(words) or words[-1].lower() in NOT_NAMES - set(TITLES):
            continue
        known_role = normalise_title(words[-1]) is not None or words[-1].lower() in RANKS
        speaks = record.speech + record.vocative
        if not (known_role and record.argument + record.speech + record.possessor) and not speaks:
            continue
        if record.place > speaks:
            continue
        surface = f"the {phrase}"
        cluster = _Cluster(words={surface.lower()}, full=(surface,), title=None, gender=None)
        cluster.surfaces[surface] = record.total
        cluster.surfaces[f"The {phrase}"] = 0
        cluster.count = record.total
        cluster.keys.add((None, ("the", *words)))
        clusters.append(cluster)
    return clusters


MAX_TITLE_NAME_WORDS = 3


def _title_name_spans(doc: Doc) -> Iterable[SpacySpan]:
    """``the Doctor``, ``the Ox-King``, ``the Fat Lady``: capitalised words right after
    ``the`` (one to three, hyphens joining), ending their phrase."""
    for token in doc:
        if not _is_title_name_start(token):
            continue
        end = token.i + 1
        words = 1
        while end < len(doc) and words < MAX_TITLE_NAME_WORDS:
            current = doc[end]
            if current.text == "-" and not doc[end - 1].whitespace_ and end + 1 < len(doc) and doc[end + 1].is_title:
                end += 2
            elif current.is_title and current.pos_ in ("PROPN", "NOUN") and not current.is_sent_start:
                end += 1
            else:
                break
            words += 1
        following = doc[end] if end < len(doc) else None
        if following is not None and following.is_title and following.pos_ == "PROPN":
            continue  # "the Captain Kuchiki": a title before a name, found elsewhere
        yield doc[token.i : end]


def _is_title_name_start(token: Token) -> bool:
    """A capitalised word, not opening its sentence, right after ``the``."""
    if token.i == 0 or not token.is_title or token.is_sent_start or len(token.text) < 2:
        return False
    return token.doc[token.i - 1].lower_ == "the" and token.pos_ in ("PROPN", "NOUN", "ADJ")


def _drop_family_plurals(surfaces: Counter[str]) -> Counter[str]:
    """``the James Dillingham Youngs`` or ``the Bennets`` name a household, not one person."""
    known = {split_name(s).words for s in surfaces}
    kept: Counter[str] = Counter()
    for surface, count in surfaces.items():
        words = split_name(surface).words
        last = words[-1] if words else ""
        if last.endswith("s") and (*words[:-1], last[:-1]) in known:
            continue
        kept[surface] = count
    return kept


def _merge_declared_aliases(text: str, clusters: list[_Cluster]) -> list[_Cluster]:
    """``Mrs. James Dillingham Young, already introduced to you as Della`` and ``Róisín has
    been Sparky since she was seven``: one person."""
    cluster_of = {surface: c for c in clusters for surface in c.surfaces}
    if len(cluster_of) < 2:
        return clusters
    names = "|".join(re.escape(s) for s in sorted(cluster_of, key=len, reverse=True))
    introduced_as = rf"{DECLARED_ALIAS}({names})(?![\w-])"
    been_since = rf"{NICKNAME_SINCE}({names}){NICKNAME_SINCE_END}"
    pattern = re.compile(rf"(?<![\w-])({names})(?:{introduced_as}|{been_since})")
    merged: set[int] = set()
    for match in pattern.finditer(text):
        declared = match.group(2) or match.group(3)
        source, target = cluster_of[match.group(1)], cluster_of[declared]
        if match.group(3):  # "Róisín has been Sparky since": the nickname joins the name
            source, target = target, source
        if source is target or id(source) in merged:
            continue
        if source.gender and target.gender and source.gender != target.gender:
            continue
        target.surfaces.update(source.surfaces)
        target.borrowed.update(source.surfaces)
        target.words.update(source.words)
        target.keys.update(source.keys)
        target.count += source.count
        target.gender = target.gender or source.gender
        for surface in source.surfaces:
            cluster_of[surface] = target
        merged.add(id(source))
    return [c for c in clusters if id(c) not in merged]


class _QuoteIndex:
    """Answers 'is this offset inside direct speech?' in log time."""

    def __init__(self, spans: Sequence[Span]) -> None:
        self._starts: list[int] = []
        self._ends: list[int] = []
        for span in sorted(spans, key=lambda s: s.start):
            if self._ends and span.start <= self._ends[-1]:
                self._ends[-1] = max(self._ends[-1], span.end)
            else:
                self._starts.append(span.start)
                self._ends.append(span.end)

    def contains(self, offset: int) -> bool:
        index = bisect.bisect_right(self._starts, offset) - 1
        return index >= 0 and offset < self._ends[index]


def _accepted_surfaces(doc: Doc, in_quote: _QuoteIndex, lowered: set[str]) -> Counter[str]:
    """Surface names with enough evidence of naming a person, with their counts."""
    evidence: dict[str, _Evidence] = defaultdict(_Evidence)
    for span, label in _candidate_spans(doc, lowered):
        surface = _surface_with_title(span)
        record = evidence[surface]
        record.total += 1
        if label in PERSON_LABELS:
            record.person += 1
        if label in PLACE_LABELS and not _acts_like_a_person(span) and span.root.dep_ != "nsubj":
            record.place += 1  # the small model calls many unfamiliar names GPE, even "Krillin drops by"
        if label not in PERSON_LABELS and gender_of_given_name(split_name(surface).words):
            record.person += 1
        if span.start > 0 and doc[span.start - 1].lower_ == "the":
            record.definite += 1
        _add_role_evidence(span, in_quote, record)
    for token in _all_caps_names(doc):
        record = evidence[token.text]
        record.total += 1
        _add_role_evidence(doc[token.i : token.i + 1], in_quote, record)
    for match in HONORIFIC_NAME.finditer(doc.text):
        evidence[match.group(0)].person += 2
        evidence[match.group(0)].total += 1
    mid_sentence = _capitalised_mid_sentence(doc)
    strong = {
        s: r
        for s, r in evidence.items()
        if not _only_in_passing_speech(r)
        and not _only_capitalised_by_position(s, r, mid_sentence, lowered)
    }
    base_person = _base_names_with_person_evidence(strong)
    accepted: Counter[str] = Counter()
    for surface, record in evidence.items():
        parts = split_name(surface)
        if _is_all_caps_word(surface):
            if record.speech and record.total >= 2 and not is_group_or_place(parts.words):
                accepted[surface] = record.total
            continue
        if not is_plausible_name(parts.words):
            continue
        if record.definite and record.definite == record.total and len(parts.words) == 1:
            continue  # "the Citadel": a place or thing; titles used as names are found apart
        base_known = (
            " ".join(parts.words) in base_person
            or _full_form_of(parts.words, base_person)
            or _part_of_full_name(parts.words, base_person, mid_sentence)
        )
        if surface not in strong and not base_known:
            continue
        if _acts_as_person(record) or base_known:
            accepted[surface] = record.total
    return accepted


def _is_all_caps_word(surface: str) -> bool:
    return len(surface) >= 3 and surface.isalpha() and surface.isupper()


def _all_caps_names(doc: Doc) -> Iterable[Token]:
    """``FRIDAY announces him``: an all-capitals word amid ordinary text (an AI, a callsign),
    not a shouted stretch of capitals."""
    for token in doc:
        if not _is_all_caps_word(token.text):
            continue
        neighbours = [doc[i] for i in (token.i - 1, token.i + 1) if 0 <= i < len(doc)]
        if any(n.is_alpha and n.is_upper and len(n.text) > 1 for n in neighbours):
            continue
        yield token


def _capitalised_mid_sentence(doc: Doc) -> set[str]:
    """Capitalised words seen where nothing but being a name would capitalise them."""
    found: set[str] = set()
    for token in doc:
        if not token.is_title or token.is_sent_start or token.i == 0:
            continue
        previous = doc[token.i - 1]
        if previous.is_quote or previous.is_space or previous.text in OPENING_PUNCTUATION:
            continue
        found.add(token.text)
    return found


def _only_capitalised_by_position(
    surface: str, record: _Evidence, mid_sentence: set[str], lowered: set[str]
) -> bool:
    """``"Brilliant," he said`` or ``Tch.``: a lone word capitalised only where any word is,
    and besides a common word, only ever said, or never taken for a person by NER."""
    parts = split_name(surface)
    if parts.title or parts.honorific or len(parts.words) != 1:
        return False
    word = parts.words[0]
    if word in mid_sentence or gender_of_given_name(parts.words):
        return False
    return word.lower() in lowered or record.inside_quotes == record.total or (
        record.person == 0 and record.animate == 0
    )


def _full_form_of(words: tuple[str, ...], known: set[str]) -> bool:
    """``Edmund Price`` when ``Price`` is known to be a person: first name plus surname."""
    return len(words) == 2 and words[1] in known and words[0] not in known


def _part_of_full_name(words: tuple[str, ...], known: set[str], mid_sentence: set[str]) -> bool:
    """``Izuku`` when ``Midoriya Izuku`` is known: one word of a known person's full name,
    seen capitalised mid-sentence (so a name there, not a sentence opener)."""
    if len(words) != 1 or words[0] not in mid_sentence:
        return False
    return any(len(name.split()) > 1 and words[0] in name.split() for name in known)


def _only_in_passing_speech(record: _Evidence) -> bool:
    """Named once, inside a quote, not in address: a sign, a song, a saying."""
    return (
        record.total == 1
        and record.inside_quotes == 1
        and not record.vocative
        and not record.argument
    )


def _candidate_spans(doc: Doc, lowered: set[str]) -> Iterable[tuple[SpacySpan, str]]:
    """Entity spans of person-like labels and runs of proper nouns outside any entity."""
    covered: set[int] = set()
    for ent in doc.ents:
        covered.update(range(ent.start, ent.end))
        if ent.label_ in PERSON_LABELS or ent.label_ in MAYBE_PERSON_LABELS:
            trimmed = _trim_span(_with_leading_given_name(ent, covered))
            if trimmed is not None:
                yield _without_capitalised_opener(trimmed, lowered), ent.label_
    run_start: int | None = None
    for token in doc:
        is_name_token = token.pos_ == "PROPN" and token.i not in covered and token.is_title
        if is_name_token and run_start is None:
            run_start = token.i
        elif not is_name_token and run_start is not None:
            yield _without_capitalised_opener(doc[run_start : token.i], lowered), ""
            run_start = None
    if run_start is not None:
        yield _without_capitalised_opener(doc[run_start:], lowered), ""


def _known_given_name(word: str) -> bool:
    return gender_of_given_name((word,)) is not None or word.lower() in NICKNAMES


def _without_capitalised_opener(span: SpacySpan, lowered: set[str]) -> SpacySpan:
    """``Tell Mam I'm all right``: a sentence's first word, capitalised only by its place and
    written in lower case elsewhere in the story, is no part of the name after it."""
    first = span[0]
    opener = first.is_sent_start or first.i > 0 and (first.doc[first.i - 1].is_quote or first.doc[first.i - 1].is_punct)
    common = first.text.lower() in lowered or first.pos_ in ("VERB", "AUX")
    if len(span) > 1 and opener and common and not normalise_title(first.text) and not _known_given_name(first.text):
        return span[1:]  # "Will Ashby" keeps its given name
    return span


def _with_leading_given_name(ent: SpacySpan, covered: set[int]) -> SpacySpan:
    """``Amanda Grayson`` where NER tagged only ``Grayson``: capitalised proper nouns the parse
    attaches to the entity as compounds belong to the name."""
    start = ent.start
    doc = ent.doc
    while start > 0:
        previous = doc[start - 1]
        if not (previous.pos_ == "PROPN" and previous.is_title and previous.dep_ == "compound"
                and ent.start <= previous.head.i < ent.end and previous.i not in covered):
            break
        start -= 1
    return doc[start : ent.end] if start != ent.start else ent


def _trim_span(span: SpacySpan) -> SpacySpan | None:
    """Drop leading determiners and trailing possessive markers from an entity span."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (doc[start].lower_ in ("the", "a", "an") or doc[start].is_punct):
        start += 1
    while end > start and (doc[end - 1].tag_ == "POS" or doc[end - 1].is_punct or doc[end - 1].is_lower):
        end -= 1  # "Edward knelt" tagged PERSON as one span
    return doc[start:end] if end > start else None


def _surface_with_title(span: SpacySpan) -> str:
    """The span's text, extended left over titles such as ``Mr.`` or ``Mme.``."""
    doc = span.doc
    start = span.start
    while start > 0:
        previous = doc[start - 1]
        abbreviation = doc[start - 2] if start > 1 else None
        if (
            previous.text == "."
            and abbreviation is not None
            and abbreviation.is_title
            and len(abbreviation.text) <= 4
            and normalise_title(abbreviation.text)
        ):
            start -= 2
        elif normalise_title(previous.text) and previous.is_title:
            start -= 1
        else:
            break
    text = doc[start : span.end].text
    return re.sub(r"\s+", " ", text)


def _add_role_evidence(span: SpacySpan, in_quote: _QuoteIndex, record: _Evidence) -> None:
    root = span.root
    if _acts_like_a_person(span):
        record.animate += 1
    if root.dep_ in ARGUMENT_DEPS:
        record.argument += 1
    if root.dep_ == "pobj" and root.head.lower_ in LOCATIVE_PREPOSITIONS:
        record.place += 1
    if root.dep_ in ("oprd", "dobj", "attr", "appos") and root.head.lemma_ in NAMING_VERBS:
        record.person += 1
    if root.dep_ in ("nsubj", "nsubjpass") and root.head.lemma_ in SPEECH_VERBS:
        if not in_quote.contains(root.idx):
            record.speech += 1
    if root.dep_ == "poss" or _followed_by_possessive(span):
        record.possessor += 1
    if in_quote.contains(span.start_char):
        record.inside_quotes += 1
        if is_vocative(span):
            record.vocative += 1


def _acts_like_a_person(span: SpacySpan) -> bool:
    """``Cosette wept``, ``killed Gunther``, ``Petra's body``, ``his mother, Trisha``."""
    from .nominals import PERSON_NOUNS

    root = span.root
    head = root.head
    if root.dep_ == "nsubj" and head.lemma_.lower() in ANIMATE_VERBS:
        return True
    if root.dep_ == "nsubj" and head.lemma_ == "make" and any(c.dep_ == "neg" for c in head.children) and any(
        c.dep_ == "dobj" and c.lower_ == "it" for c in head.children
    ):
        return True  # "Kaidan didn't make it"
    if root.dep_ == "nsubj" and _own_body_part(head):
        return True  # "Korra leaned her head", "Tahno shook his head"
    if root.dep_ in ("nsubj", "nsubjpass") and _followed_by_own_pronoun(span):
        return True  # "Tahno had made me pay for it, the way he always did"
    if root.dep_ == "nsubj" and head.lemma_ in ("be", "become") and any(
        c.dep_ == "attr" and c.lemma_.lower() in PERSON_NOUNS for c in head.children
    ):
        return True  # "Tenzin had been her master"
    if root.dep_ in ("dobj", "nsubjpass") and head.lemma_.lower() in PERSON_OBJECT_VERBS:
        return True
    if (root.dep_ == "poss" or _followed_by_possessive(span)) and head.lower_ in PERSONAL_NOUNS:
        return True
    if root.dep_ == "pobj" and head.dep_ in ("agent", "prep") and head.head.lemma_.lower() in PERSON_OBJECT_VERBS:
        return head.dep_ == "agent" or head.lower_ in ("under", "beside", "alongside")
    if root.dep_ == "appos" and head.lemma_.lower() in PERSON_NOUNS:
        return True
    return any(c.dep_ == "appos" and c.lemma_.lower() in PERSON_NOUNS for c in root.children)


GENDERED_SUBJECTS = frozenset({"he", "she"})
GENDERED_POSSESSIVES = frozenset({"his", "her"})


def _followed_by_own_pronoun(span: SpacySpan) -> bool:
    """A subject whose sentence goes on with ``he``/``she`` or ``his``/``her`` before any other
    name or person noun could be meant: people are he and she, places and things are it."""
    from .nominals import PERSON_NOUNS

    doc = span.doc
    for token in doc[span.end : span.root.sent.end]:
        if token.is_quote:
            return False
        if token.pos_ == "PROPN" or token.pos_ == "NOUN" and token.lemma_.lower() in PERSON_NOUNS:
            return False
        own = token.lower_ in GENDERED_SUBJECTS and token.dep_ in ("nsubj", "nsubjpass") or (
            token.lower_ in GENDERED_POSSESSIVES and token.tag_ == "PRP$"
        )
        if own:
            return _within_clause_of(token, span.root.head)
    return False


SUBORDINATORS = frozenset("while when whenever as because before after until till since though although if unless once".split())


def _within_clause_of(token: Token, verb: Token) -> bool:
    """``token`` is not in a clause set against ``verb``'s by a subordinator (``Konoha slept
    while he walked``): there ``he`` could be anyone."""
    current = token
    while current.i != current.head.i and current.i != verb.i:
        if current.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in SUBORDINATORS for c in current.children):
            return False
        current = current.head
    return True


BODY_PARTS = frozenset(
    "head hand hands eyes eye face shoulder shoulders arm arms hair chin jaw lip lips fist fists "
    "knee knees mouth brow teeth nose neck back chest leg legs foot feet finger fingers".split()
)


def _own_body_part(verb: Token) -> bool:
    """The verb's object or prepositional object is ``his``/``her`` body part."""
    for child in verb.children:
        targets = [child] if child.dep_ == "dobj" else [g for g in child.children if g.dep_ == "pobj"] if child.dep_ == "prep" else []
        for target in targets:
            if target.lower_ in BODY_PARTS and any(c.dep_ == "poss" and c.lower_ in ("his", "her") for c in target.children):
                return True
    return False


def _followed_by_possessive(span: SpacySpan) -> bool:
    doc = span.doc
    return span.end < len(doc) and doc[span.end].tag_ == "POS"


def is_vocative(span: SpacySpan) -> bool:
    """``"Jim, darling,"`` or ``", Jim?"``: a name set off by punctuation inside speech."""
    doc = span.doc
    before = doc[span.start - 1] if span.start > 0 else None
    after = doc[span.end] if span.end < len(doc) else None
    opens = before is None or before.is_punct or before.is_quote or before.is_space
    closes = after is not None and (after.text in {",", "!", "?", ".", ";"} or after.is_quote)
    return opens and closes and (before is None or before.text in {",", "\"", "\u201c", "'", "\u2018"} or before.is_quote or before.is_space or after.text == ",")


def _acts_as_person(record: _Evidence) -> bool:
    if record.person and record.person >= record.place:
        return True
    if record.animate and record.animate > record.place:
        return True
    if record.speech or record.vocative:
        return record.speech + record.vocative >= record.place
    return record.possessor >= 2 and record.place == 0


def _base_names_with_person_evidence(evidence: dict[str, _Evidence]) -> set[str]:
    """Names (title and honorific stripped) that some surface form shows to be a person."""
    names: set[str] = set()
    for surface, record in evidence.items():
        if _acts_as_person(record):
            names.add(" ".join(split_name(surface).words))
    return names


def _cluster_names(surfaces: Counter[str]) -> list[_Cluster]:
    """Fold surface names into one cluster per person, longest and commonest names first."""
    parts_by_key: dict[tuple[str | None, tuple[str, ...]], list[str]] = defaultdict(list)
    for surface in surfaces:
        parts = split_name(surface)
        parts_by_key[(parts.title, parts.words)].append(surface)
    key_counts = {key: sum(surfaces[s] for s in group) for key, group in parts_by_key.items()}
    ordered = sorted(key_counts, key=lambda k: (-len(k[1]), k[0] is None, -key_counts[k]))
    clusters: list[_Cluster] = []
    couples = _couple_surnames(key_counts)
    for key in ordered:
        title, words = key
        cluster = _best_cluster(title, words, clusters, couples)
        if cluster is None:
            cluster = _Cluster(
                words=set(), full=words, title=title, gender=TITLES.get(title) if title else None
            )
            clusters.append(cluster)
        cluster.words.update(first_name_key(w) for w in words)
        cluster.keys.add(key)
        cluster.count += key_counts[key]
        for surface in parts_by_key[key]:
            cluster.surfaces[surface] += surfaces[surface]
    return clusters


def _couple_surnames(keys: Iterable[tuple[str | None, tuple[str, ...]]]) -> set[str]:
    """Surnames borne with both a man's and a woman's title: ``Mr.`` and ``Mrs. Bennet``."""
    genders_by_surname: dict[str, set[Gender]] = defaultdict(set)
    for title, words in keys:
        gender = TITLES.get(title) if title else None
        if gender and len(words) == 1:
            genders_by_surname[words[0]].add(gender)
    return {surname for surname, genders in genders_by_surname.items() if len(genders) > 1}


def _best_cluster(
    title: str | None,
    words: tuple[str, ...],
    clusters: list[_Cluster],
    couples: set[str] = frozenset(),  # type: ignore[assignment]
) -> _Cluster | None:
    gender = TITLES.get(title) if title else None
    folded = {first_name_key(w) for w in words}
    candidates = [
        c for c in clusters if folded <= c.words and _compatible(title, gender, words, c)
    ]
    if title and len(words) == 1 and words[0] in couples:
        # the titled surnames are the couple; "Jane Bennet" is one of their family
        candidates = [c for c in candidates if c.title]
    if not candidates and len(words) == 1:
        candidates = [c for c in clusters if _is_short_form(words[0], c) and _compatible(title, gender, words, c)]
        if len({c.full[0].lower() for c in candidates}) > 1:
            return None  # "Sam" beside "Samuel" and "Samantha": no telling which
    if not candidates:
        return None
    if title and len(words) == 1:
        untitled_full = [c for c in candidates if not c.title and len(c.full) > 1]
        if len(untitled_full) > 1 and gender:
            # "Master Hale" beside "Tobias Hale" and "Marta Hale": the given name decides
            agreeing = [c for c in untitled_full if gender_of_given_name(c.full) in (None, gender)]
            known = [c for c in agreeing if gender_of_given_name(c.full) == gender]
            if len(known) == 1:
                return known[0]
        if len(untitled_full) > 1:
            candidates = [c for c in candidates if c not in untitled_full]
            if not candidates:
                return None
    return max(candidates, key=lambda c: c.count)


def _compatible(
    title: str | None, gender: Gender | None, words: tuple[str, ...], cluster: _Cluster
) -> bool:
    """Mr. and Mrs. Bennet are two people; a titled surname never joins an untitled full name."""
    if gender and cluster.gender and gender != cluster.gender:
        return False
    if title and cluster.title and title != cluster.title:
        return gender is not None and gender == cluster.gender
    if title and not cluster.title and len(words) == 1 and len(cluster.full) > 1:
        return cluster.full[-1] == words[0] and (gender is None or cluster.gender in (None, gender))
    return True


def _is_short_form(word: str, cluster: _Cluster) -> bool:
    """``Dell`` for ``Della``, ``Win`` for ``Winifred``, ``Asmo`` for ``Asmodeus``: the first
    name clipped to three letters or more."""
    if len(word) < 3 or len(cluster.full) == 0:
        return False
    lowered = word.lower()
    return any(w.lower().startswith(lowered) and len(w) > len(word) for w in cluster.full[:1])


def _find_name_mentions(
    doc: Doc, surfaces: Counter[str], clusters: list[_Cluster], lowered: set[str]
) -> dict[int, list[NameMention]]:
    """Every occurrence of every accepted surface, NER's misses included, by cluster index."""
    cluster_of = {surface: i for i, c in enumerate(clusters) for surface in c.surfaces}
    by_cluster: dict[int, list[NameMention]] = defaultdict(list)
    if not cluster_of:
        return by_cluster
    token_at = {token.idx: token for token in doc}
    pattern = re.compile(
        r"(?<![\w-])(?:"
        + "|".join(re.escape(s) for s in sorted(cluster_of, key=len, reverse=True))
        + r")(?![\w])"
    )
    for match in pattern.finditer(doc.text):
        surface = match.group(0)
        token = token_at.get(match.start())
        if token is not None and not _is_name_use(token, surface, lowered):
            continue
        by_cluster[cluster_of[surface]].append(
            NameMention(match.start(), match.end(), surface, "name")
        )
    _add_bare_title_mentions(doc, clusters, by_cluster)
    return by_cluster


def _is_name_use(token: Token, surface: str, lowered: set[str] = frozenset()) -> bool:  # type: ignore[assignment]
    """Reject a one-word name that is here a common word (``Will`` you, ``Rose`` up)."""
    if " " in surface or "-" in surface:
        return True
    if token.pos_ == "PROPN" or token.ent_type_:
        return True
    if token.vocab[surface.lower()].is_stop:
        return False
    # a sentence opener mistagged as a noun is still the name when the story never writes
    # the word in lower case
    return not token.is_sent_start or surface.lower() not in lowered


def _add_bare_title_mentions(
    doc: Doc, clusters: list[_Cluster], by_cluster: dict[int, list[NameMention]]
) -> None:
    """``said Madame``: a capitalised title standing alone for the one character bearing it."""
    holders: dict[str, list[int]] = defaultdict(list)
    for index, cluster in enumerate(clusters):
        if cluster.title:
            holders[cluster.title].append(index)
    named = {(m.start) for mentions in by_cluster.values() for m in mentions}
    for token in doc:
        title = normalise_title(token.text)
        if not title or not token.is_title or len(holders.get(title, ())) != 1:
            continue
        following = token.nbor(1) if token.i + 1 < len(doc) else None
        if following is not None and _introduces_name(token, following):
            continue
        if token.idx in named:
            continue
        index = holders[title][0]
        by_cluster[index].append(NameMention(token.idx, token.idx + len(token), token.text, "title"))


def _introduces_name(title: Token, following: Token) -> bool:
    """``Mme. Sofronie`` or ``Madame Sofronie``: the title is part of a longer name here."""
    if following.is_title and not following.is_sent_start:
        return True
    after = following.nbor(1) if following.i + 1 < len(following.doc) else None
    return following.text == "." and after is not None and after.is_title and len(title) <= 4


def _cast_entries(
    clusters: list[_Cluster], mentions: dict[int, list[NameMention]]
) -> list[CastEntry]:
    entries = []
    shared_words = Counter(c.full for c in clusters)
    for index, cluster in enumerate(clusters):
        found = sorted(mentions.get(index, []), key=lambda m: m.start)
        if not found:
            continue
        aliases = sorted({m.surface for m in found} | {s for s, n in cluster.surfaces.items() if n})
        entries.append(
            CastEntry(
                name=_display_name(cluster, keep_title=shared_words[cluster.full] > 1),
                aliases=tuple(aliases),
                gender=cluster.gender,
                mentions=tuple(found),
            )
        )
    return entries


def _display_name(cluster: _Cluster, keep_title: bool = False) -> str:
    """The fullest form of the name; a lone surname keeps its title (``Mr. Bennet``)."""
    def completeness(surface: str) -> tuple[int, int, int]:
        parts: NameParts = split_name(surface)
        return (len(parts.words), parts.honorific is None, cluster.surfaces[surface])

    own = [s for s in cluster.surfaces if s not in cluster.borrowed] or list(cluster.surfaces)
    best = max(own, key=completeness)
    parts = split_name(best)
    if parts.title is None or (len(parts.words) > 1 and not keep_title):
        return " ".join(parts.words)
    if len(parts.words) > 1:
        return best
    return re.sub(r"-[a-z-]+$", "", best)
