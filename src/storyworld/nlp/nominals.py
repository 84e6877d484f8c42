"""Nominal coreference: "the Hokage", "his father", "the old woman" linked to characters.

Requires: a parsed Doc, the cast's name mentions (head token -> cast index) and the resolved
pronouns. Assigns: nominal mentions with a cast index, new unnamed characters for nominals
referred to again and again ("the old woman", "Naruto's father"), and role facts (a character
is "the Hokage", "a jounin", "Naruto's teacher") for the relations and fates stages.

Rules, in order, for a noun phrase headed by a person noun:

1. apposition or copula with a name (``Kakashi, the Hokage``; ``Minato was his father``)
   links the phrase to that name and records the role;
2. a role recorded earlier (``the Hokage``; ``his father`` of the same possessor) links to its
   holder;
3. otherwise possessed relational nouns (``his father``) group by noun and possessor, and
   descriptions (``the old woman``) by their words; a group met twice becomes a character.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from .characters import CastEntry
from .names import Gender

KINSHIP: dict[str, Gender | None] = {
    "father": "m", "dad": "m", "daddy": "m", "papa": "m", "pa": "m", "tou-san": "m",
    "mother": "f", "mom": "f", "mum": "f", "mommy": "f", "mummy": "f", "mama": "f",
    "mamma": "f", "ma": "f", "kaa-san": "f", "parent": None,
    "brother": "m", "sister": "f", "sibling": None, "twin": None,
    "son": "m", "daughter": "f", "child": None,
    "husband": "m", "wife": "f", "spouse": None,
    "uncle": "m", "aunt": "f", "cousin": None, "nephew": "m", "niece": "f",
    "grandfather": "m", "grandmother": "f", "grandpa": "m", "grandma": "f",
    "grandson": "m", "granddaughter": "f", "grandchild": None,
    "stepfather": "m", "stepmother": "f", "stepson": "m", "stepdaughter": "f",
    "stepbrother": "m", "stepsister": "f", "half-brother": "m", "half-sister": "f",
    "father-in-law": "m", "mother-in-law": "f", "brother-in-law": "m", "sister-in-law": "f",
}
MENTOR_NOUNS = frozenset(
    "sensei teacher mentor tutor instructor trainer shishou shisho governess coach".split()
)
STUDENT_NOUNS = frozenset(
    "student pupil apprentice disciple genin protege protégé trainee mentee".split()
)
SUPERIOR_NOUNS = frozenset("master lord liege boss employer hero king queen mistress".split())
SERVANT_NOUNS = frozenset(
    """servant maid butler tool subordinate retainer slave minion bodyguard squire follower
    henchman valet attendant vassal underling lackey pawn""".split()
)
FRIEND_NOUNS = frozenset("friend companion buddy pal confidant confidante".split())
RIVAL_NOUNS = frozenset("rival nemesis archrival arch-rival".split())
TEAM_NOUNS = frozenset("teammate squadmate team-mate squad-mate partner comrade".split())
ROMANCE_NOUNS = frozenset(
    "girlfriend boyfriend lover sweetheart fiance fiancé fiancee fiancée beloved crush".split()
)
RANKS: dict[str, Gender | None] = {
    **{w: None for w in """hokage kazekage mizukage raikage tsuchikage kage genin chunin
    chuunin jounin jonin anbu sannin missing-nin nukenin medic-nin shinobi ninja kunoichi
    samurai captain commander general soldier emperor duke knight doctor medic nurse healer
    priest wizard auror professor headmaster detective inspector officer sergeant
    lieutenant colonel guard merchant farmer blacksmith baker clerk lawyer judge sheriff
    pirate thief assassin mercenary hunter chief elder innkeeper shopkeeper captain
    principal president minister chancellor warden jailer soldier scientist sensei teacher
    servant maid butler""".split()},
    "king": "m", "prince": "m", "princess": "f", "empress": "f", "monk": "m", "nun": "f",
    "witch": "f", "headmistress": "f", "queen": "f",
}
PERSONS: dict[str, Gender | None] = {
    "boy": "m", "man": "m", "gentleman": "m", "lad": "m", "fellow": "m", "youth": "m",
    "girl": "f", "woman": "f", "lady": "f", "lass": "f", "maiden": "f",
    "child": None, "kid": None, "baby": None, "infant": None, "stranger": None,
    "person": None, "figure": None, "teenager": None,
}
RELATIONAL = (
    set(KINSHIP) | MENTOR_NOUNS | STUDENT_NOUNS | SUPERIOR_NOUNS | SERVANT_NOUNS | FRIEND_NOUNS
    | RIVAL_NOUNS | TEAM_NOUNS | ROMANCE_NOUNS
)
PERSON_NOUNS = RELATIONAL | set(RANKS) | set(PERSONS)
DEFINITE = frozenset({"the", "this", "that"})
INDEFINITE = frozenset({"a", "an"})
PREMODIFIER_DEPS = frozenset({"det", "poss", "amod", "compound", "nummod", "nmod"})
COPULAS = frozenset({"be", "become", "remain"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
MIN_GROUP_MENTIONS = 4  # "again and again"; 2 scores a little higher on LitBank dev
MIN_SPEAKING_GROUP_MENTIONS = 2  # "said the stallholder": one who speaks matters sooner
NOUN_GENDER: dict[str, Gender | None] = {**RANKS, **PERSONS, **KINSHIP}
# Occupations made with a person suffix: ferryman, doorman, gatekeeper, milkmaid, locksmith.
PERSON_SUFFIXES: dict[str, Gender | None] = {
    "woman": "f", "man": "m", "keeper": None, "smith": None, "maid": "f", "monger": None,
    "wright": None, "herd": None,
}
NOT_PERSON_WORDS = frozenset("talisman caiman ottoman german dolman cayman".split())


def occupation_gender(noun: str) -> tuple[bool, Gender | None]:
    """Whether ``noun`` names a person by its suffix (``ferryman``), and the gender it gives."""
    if noun in NOT_PERSON_WORDS or not noun.isalpha():
        return False, None
    for suffix, gender in PERSON_SUFFIXES.items():
        if noun.endswith(suffix) and len(noun) >= len(suffix) + 3:
            return True, gender
    return False, None


def is_person_noun(noun: str) -> bool:
    return noun in PERSON_NOUNS or occupation_gender(noun)[0]


def noun_key(token: Token) -> str:
    """The lexicon key of a noun: its lower-cased lemma, hyphenated words kept whole."""
    lowered = token.lower_
    if token.i >= 2 and token.doc[token.i - 1].text == "-" and not token.doc[token.i - 2].whitespace_:
        joined = f"{token.doc[token.i - 2].lower_}-{lowered}"
        if joined in PERSON_NOUNS:
            return joined
    if lowered in PERSON_NOUNS:
        return lowered
    return token.lemma_.lower()


@dataclass(frozen=True)
class NominalMention:
    """A person noun phrase at ``[start, end)`` (head token ``head``) and what it stands for.

    ``possessor`` is the cast index of its possessor (``his`` in ``his father``), ``how`` says
    which rule linked it: ``apposition``, ``copula``, ``role``, ``group``.
    """

    start: int
    end: int
    head: int
    noun: str
    cast_index: int
    possessor: int | None
    how: str


@dataclass(frozen=True)
class RoleFact:
    """A character holds a role (``hokage``, ``father``) per the phrase at ``[start, end)``."""

    cast_index: int
    role: str
    possessor: int | None
    start: int
    end: int
    how: str


@dataclass(frozen=True)
class NominalResult:
    mentions: tuple[NominalMention, ...]
    new_cast: tuple[CastEntry, ...]
    new_genders: tuple[Gender | None, ...]
    roles: tuple[RoleFact, ...]
    # characters named only by a title ("Hokage") whose title mentions went to its holder
    updated_cast: dict[int, CastEntry] = field(default_factory=dict)

    def cast_with(self, cast: Sequence[CastEntry]) -> list[CastEntry]:
        """``cast`` with title-only characters updated, then the new unnamed characters."""
        return [self.updated_cast.get(i, e) for i, e in enumerate(cast)] + list(self.new_cast)

    def head_tokens(self) -> dict[int, int]:
        return {m.head: m.cast_index for m in self.mentions}


@dataclass
class _Group:
    name: str
    gender: Gender | None
    members: list[tuple[int, int, int, str, int | None]] = field(default_factory=list)
    speaks: bool = False


def resolve_nominals(
    doc: Doc,
    cast: Sequence[CastEntry],
    name_tokens: Mapping[int, int],
    pronoun_tokens: Mapping[int, int],
    realis: Callable[[Token], bool] | None = None,
) -> NominalResult:
    """Link person noun phrases to characters; group the unnamed ones (see module doc)."""
    from .events import is_realis

    realis = realis or is_realis
    titled = {i for i, e in enumerate(cast) if e.name.lower().removeprefix("the ") in RANKS}
    covered = _name_covered_tokens(doc, [e for i, e in enumerate(cast) if i not in titled])
    title_tokens = {t: i for t, i in name_tokens.items() if i in titled}
    referent = {**pronoun_tokens, **{t: i for t, i in name_tokens.items() if i not in titled}}
    kept_titles: set[int] = set()
    speaking = _speaking_nouns(doc)
    registry: dict[tuple[str, int | None], int] = {}
    groups: dict[tuple[str, int | None], _Group] = {}
    linked: list[NominalMention] = []
    roles: list[RoleFact] = []
    readings = [
        _read(token, noun, referent, realis)
        for token in doc
        if token.pos_ in ("NOUN", "PROPN") and token.i not in covered and token.tag_ not in ("NNS", "NNPS")
        for noun in (noun_key(token),)
        if is_person_noun(noun) or noun in speaking
    ]
    stated_later = _stated_holders(readings)
    for token, noun, possessor, holder, how in readings:
        start, end = _phrase_bounds(token)
        if holder is not None:
            if holder == possessor:
                continue
            registry[(noun, possessor)] = holder
            if possessor is None or noun in RANKS:
                registry.setdefault((noun, None), holder)
            # copula and apposition state a role; they are no coreferring mention (LitBank)
            roles.append(RoleFact(holder, noun, possessor, start, end, how))
            continue
        if token.dep_ == "attr" or _indefinite(token) and noun in RELATIONAL and possessor is None:
            continue
        holder = registry.get((noun, possessor))
        if holder is None and (possessor is None or noun in RANKS or noun in MENTOR_NOUNS):
            holder = registry.get((noun, None))
        if holder is None and noun in RELATIONAL and any(c.dep_ == "poss" for c in token.children):
            holder = stated_later.get((noun, possessor))  # "Rusk shot our father. Will was our father."
        if holder is not None and holder != possessor:
            linked.append(NominalMention(start, end, token.i, noun, holder, possessor, "role"))
            continue
        if token.i in title_tokens:
            kept_titles.add(token.idx)
            continue
        _add_to_group(doc, groups, token, noun, possessor, cast, start, end)
    mentions, new_cast, new_genders = _groups_to_characters(groups, len(cast), roles)
    linked.extend(mentions)
    linked.sort(key=lambda m: (m.start, m.end))
    updated = {
        i: CastEntry(e.name, e.aliases, e.gender, tuple(m for m in e.mentions if any(m.start <= k < m.end for k in kept_titles)))
        for i, e in enumerate(cast)
        if i in titled
    }
    return NominalResult(tuple(linked), tuple(new_cast), tuple(new_genders), tuple(roles), updated)


def _speaks(token: Token) -> bool:
    """The subject of a speech verb: ``said the stallholder``, ``the guard shouted``."""
    from .speaker_ranker import is_speech_verb

    verb = token.head
    if token.dep_ not in SUBJECT_DEPS or not is_speech_verb(verb):
        return False
    if any(child.dep_ in ("dobj", "oprd") for child in verb.children):
        return False  # "her father called it his wilderness": naming, not speech
    sentence = verb.sent
    edges = [sentence.doc[i] for i in (sentence.start - 1, sentence.end) if 0 <= i < len(sentence.doc)]
    return any(t.is_quote for t in (*sentence, *edges))


SPEAKING_THINGS = frozenset(
    """letter note sign voice paper message card book text screen radio headline article report
    clock television tv announcement inscription label plaque poster email phone notice page
    line words word story legend rumour rumor silence computer system speaker intercom""".split()
)


def _speaking_nouns(doc: Doc) -> set[str]:
    """Common nouns this story makes speak, which are therefore people here."""
    return {
        noun_key(t)
        for t in doc
        if t.pos_ == "NOUN" and t.tag_ == "NN" and _speaks(t) and t.lower_ not in SPEAKING_THINGS
        and any(c.dep_ == "det" and c.lower_ in DEFINITE for c in t.children)
    }


_Reading = tuple[Token, str, int | None, int | None, str]  # token, noun, possessor, holder, how


def _read(
    token: Token, noun: str, referent: Mapping[int, int], realis: Callable[[Token], bool]
) -> _Reading:
    """A person noun with its possessor and the holder an apposition or copula names."""
    holder, how = _established_holder(token, referent, realis)
    return token, noun, _possessor(token, referent), holder, how


def _stated_holders(readings: Sequence[_Reading]) -> dict[tuple[str, int | None], int]:
    """Roles the story states anywhere (apposition, copula), for phrases met before the
    statement; a key stated for two different holders is left out."""
    found: dict[tuple[str, int | None], int] = {}
    clashes: set[tuple[str, int | None]] = set()
    for _, noun, possessor, holder, _ in readings:
        if holder is None or holder == possessor:
            continue
        key = (noun, possessor)
        if found.get(key, holder) != holder:
            clashes.add(key)
        found[key] = holder
    return {k: v for k, v in found.items() if k not in clashes}


def _name_covered_tokens(doc: Doc, cast: Sequence[CastEntry]) -> set[int]:
    token_at = {token.idx: token.i for token in doc}
    covered: set[int] = set()
    for entry in cast:
        for mention in entry.mentions:
            first = token_at.get(mention.start)
            if first is None:
                continue
            index = first
            while index < len(doc) and doc[index].idx < mention.end:
                if doc[index].is_title or doc[index].pos_ == "PROPN":  # not a stray "father."
                    covered.add(index)
                index += 1
    return covered


def _phrase_bounds(head: Token) -> tuple[int, int]:
    """Character bounds of the head with its premodifiers (``the old woman``, ``his father``)."""
    left = head
    for child in head.lefts:
        if child.dep_ in PREMODIFIER_DEPS:
            left = child.left_edge if child.left_edge.i < left.i else left
            break
    return left.idx, head.idx + len(head)


def _possessor(head: Token, referent: Mapping[int, int]) -> int | None:
    for child in head.children:
        if child.dep_ == "poss":
            found = referent.get(child.i)
            if found is None:
                # ``Naruto's``: the name mention's head may be the possessive marker's head
                found = next((referent[t.i] for t in child.subtree if t.i in referent), None)
            return found
    return None


def _indefinite(head: Token) -> bool:
    return any(c.dep_ == "det" and c.lower_ in INDEFINITE for c in head.children)


def _established_holder(
    head: Token, referent: Mapping[int, int], realis: Callable[[Token], bool]
) -> tuple[int | None, str]:
    """The named character an apposition or copula makes this phrase stand for."""
    for child in head.children:  # "her husband Vegeta": the phrase's own name first
        if child.dep_ == "appos" and child.i in referent:
            return referent[child.i], "apposition"
    if head.dep_ == "appos" and head.head.i in referent:
        return referent[head.head.i], "apposition"
    if head.dep_ == "compound" and head.head.i in referent and head.head.pos_ == "PROPN":
        return referent[head.head.i], "title"
    if head.dep_ == "conj" and head.head.dep_ in ("attr", "oprd"):
        head = head.head  # "her guardian and her teacher": the conjunct shares the copula
    if head.dep_ in ("attr", "oprd") and head.head.lemma_ in COPULAS and realis(head.head):
        for child in head.head.children:
            if child.dep_ in SUBJECT_DEPS and child.i in referent:
                return referent[child.i], "copula"
    if head.dep_ == "nsubj" and head.head.lemma_ in COPULAS and realis(head.head):
        for child in head.head.children:  # "Naruto's mother was Kushina"
            if child.dep_ == "attr" and child.i in referent and child.pos_ == "PROPN":
                return referent[child.i], "copula"
    return None, ""


def _add_to_group(
    doc: Doc,
    groups: dict[tuple[str, int | None], _Group],
    head: Token,
    noun: str,
    possessor: int | None,
    cast: Sequence[CastEntry],
    start: int,
    end: int,
) -> None:
    if possessor is not None and noun in RELATIONAL:
        key: tuple[str, int | None] = (noun, possessor)
        owner = cast[possessor].name if possessor < len(cast) else "someone"
        name = f"{owner}'s {noun}"
    else:
        determiner = next((c.lower_ for c in head.children if c.dep_ == "det"), None)
        if determiner not in DEFINITE and determiner not in INDEFINITE:
            return
        words = [t.lower_ for t in doc[head.left_edge.i : head.i + 1] if t.dep_ in ("amod", "compound")]
        words = [w for w in words if w.isalpha()][-2:]
        phrase = " ".join([*words, noun])
        key = (phrase, None)
        name = f"the {phrase}"
        if determiner in INDEFINITE and key in groups:
            return  # "a woman" again: someone new; keep the first
    group = groups.setdefault(key, _Group(name, NOUN_GENDER.get(noun, occupation_gender(noun)[1])))
    group.members.append((start, end, head.i, noun, possessor))
    # "the girl said" is as often an epithet of a named character as someone new
    group.speaks = group.speaks or (_speaks(head) and noun not in PERSONS)


def _groups_to_characters(
    groups: dict[tuple[str, int | None], _Group], first_index: int, roles: list[RoleFact]
) -> tuple[list[NominalMention], list[CastEntry], list[Gender | None]]:
    mentions: list[NominalMention] = []
    new_cast: list[CastEntry] = []
    genders: list[Gender | None] = []
    for (noun_or_phrase, possessor), group in groups.items():
        needed = MIN_SPEAKING_GROUP_MENTIONS if group.speaks else MIN_GROUP_MENTIONS
        if len(group.members) < needed:
            continue
        index = first_index + len(new_cast)
        aliases = tuple(sorted({group.name}))
        first = group.members[0]
        new_cast.append(
            CastEntry(
                name=group.name,
                aliases=aliases,
                gender=group.gender,
                mentions=(),
            )
        )
        genders.append(group.gender)
        for start, end, head, noun, owner in group.members:
            mentions.append(NominalMention(start, end, head, noun, index, owner, "group"))
        if possessor is not None:
            roles.append(RoleFact(index, first[3], possessor, first[0], first[1], "group"))
    return mentions, new_cast, genders
