"""Canon stage: fold a fandom's nicknames into the characters they name.

Requires: the cast from the characters stage, the story text, and the fandoms the work declares
(site metadata) or names in its paratext (disclaimers, notes). Assigns: nothing new; characters
that the detected canon knows to be one person (``Deku`` and ``Midoriya Izuku``, ``Greg`` and
``Lestrade``) become one character with every surface form as an alias.

A fandom counts as detected when the work declares it or its paratext names it, or when the
cast and text show enough of its canon characters and terms (``tags.fandoms.gazetteer_matches``). Only unambiguous keys fold: a
family name shared by two canon characters (``Weasley``) never merges anyone.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from functools import lru_cache

from ..tags.fandoms import Fandom, find_fandom, gazetteer_matches, load_gazetteer, mentions_name, name_key
from .characters import CastEntry, NameMention

MIN_PART_LETTERS = 3


def fold_canon_aliases(
    cast: Sequence[CastEntry],
    text: str = "",
    declared: Sequence[str] = (),
    paratext: Sequence[str] = (),
    gazetteer: Sequence[Fandom] | None = None,
) -> list[CastEntry]:
    """The cast with entries naming the same canon character merged (see module doc)."""
    gazetteer = list(gazetteer) if gazetteer is not None else load_gazetteer()
    fandoms = _detected_fandoms(cast, text, declared, paratext, gazetteer)
    if not fandoms:
        return list(cast)
    cast = _without_canon_terms(cast, fandoms)
    cast = _with_canon_forms(cast, text, fandoms)
    canon_of = [_canon_of_entry(entry, fandoms) for entry in cast]
    groups: dict[str, list[int]] = defaultdict(list)
    for index, canon in enumerate(canon_of):
        if canon is not None:
            groups[canon].append(index)
    merged_into: dict[int, int] = {}
    for members in groups.values():
        if len(members) > 1 and _genders_agree([cast[i] for i in members]):
            keeper = max(members, key=lambda i: (len(cast[i].mentions), -i))
            for index in members:
                merged_into[index] = keeper
    if not merged_into:
        return list(cast)
    cast = list(cast)
    result: list[CastEntry] = []
    for index, entry in enumerate(cast):
        keeper = merged_into.get(index, index)
        if keeper != index:
            continue
        members = [cast[i] for i, k in merged_into.items() if k == index] or [entry]
        result.append(_merge(entry, members))
    return result


def _without_canon_terms(cast: Sequence[CastEntry], fandoms: Sequence[Fandom]) -> list[CastEntry]:
    """The cast without entries that name one of a detected fandom's places, peoples or things
    (its ``terms``: ``Hogwarts``, ``ThunderClan``, ``Longbourn``) and no canon character."""
    terms = {name_key(term) for fandom in fandoms for term in fandom.terms}
    people = {key for fandom in fandoms for key in _character_keys(fandom)}
    kept = []
    for entry in cast:
        keys = {name_key(form) for form in (entry.name, *entry.aliases)}
        if keys and keys <= terms and not keys & people:
            continue
        kept.append(entry)
    return kept


def _character_keys(fandom: Fandom) -> set[str]:
    """Every key that names a canon character of ``fandom``, ambiguous ones included."""
    keys = set()
    for character in fandom.characters:
        for form in (character.name, *character.aliases):
            keys.add(name_key(form))
            keys.update(name_key(part) for part in form.split())
    return keys


def _with_canon_forms(cast: Sequence[CastEntry], text: str, fandoms: Sequence[Fandom]) -> list[CastEntry]:
    """Add what the canon knows and the story uses: ``Kacchan`` for Bakugou, and canon
    characters named in full (``All Might``) that the characters stage passed over."""
    if not text:
        return list(cast)
    taken = [(m.start, m.end) for entry in cast for m in entry.mentions]
    written = set(WHOLE_WORD.findall(text))  # every word as the story writes it
    result = list(cast)
    for fandom in fandoms:
        keys = _unambiguous_keys(fandom)
        owner = {}
        for index, entry in enumerate(result):
            found = {keys[name_key(f)] for f in (entry.name, *entry.aliases) if name_key(f) in keys}
            if len(found) == 1:
                owner.setdefault(found.pop(), index)
        for character in fandom.characters:
            forms = [f for f in (*character.aliases, character.name) if len(f) >= 3 and name_key(f) in keys]
            index = owner.get(character.name)
            if index is None:
                forms = [f for f in forms if " " in f or f in character.aliases]
                forms += [p for p in _name_parts(character.name) if name_key(p) in keys and p not in forms]
            new = [m for form in forms for m in _occurrences(text, form) if not _overlaps(m, taken)]
            if not new:
                continue
            if index is None:
                if not any(" " in m.surface or _used_as_name(text, m, written) for m in new):
                    continue
                index = _clipped_entry(result, character.name, set(owner.values()))
                if index is None:
                    result.append(CastEntry(character.name, (), None, ()))
                    index = len(result) - 1
                owner[character.name] = index
            entry = result[index]
            aliases = tuple(sorted({*entry.aliases, *(m.surface for m in new)}))
            mentions = tuple(sorted((*entry.mentions, *new), key=lambda m: (m.start, m.end)))
            result[index] = CastEntry(entry.name, aliases, entry.gender, mentions)
            taken.extend((m.start, m.end) for m in new)
    return result


def _clipped_entry(cast: Sequence[CastEntry], canon: str, owned: set[int]) -> int | None:
    """The one unowned entry going by a clipped form of a canon name part (``Mamo-chan`` for
    ``Mamoru``), which the canon character then joins."""
    parts = [p.lower() for p in _name_parts(canon)]
    found = [
        i for i, entry in enumerate(cast)
        if i not in owned and len(entry.name.split()) == 1
        and any(p.startswith(name_key(entry.name)) and len(p) > len(name_key(entry.name)) >= MIN_PART_LETTERS for p in parts)
    ]
    return found[0] if len(found) == 1 else None


def _name_parts(name: str) -> list[str]:
    """``Tenzin`` of ``Tenzin``, ``Pike`` of ``Christopher Pike``: one-word forms a story may use."""
    return [part for part in name.split() if len(part) >= MIN_PART_LETTERS and part[0].isupper() and part.isalpha()]


WHOLE_WORD = re.compile(r"(?<![\w-])\w+")


def _used_as_name(text: str, mention: NameMention, written: set[str]) -> bool:
    """A one-word canon name used as one: capitalised, and not a word the story also writes
    in lower case (``pike``, ``rock``; ``written``: the story's words, from WHOLE_WORD); an
    English word only where nothing but a name would be capitalised (after a lower-case word or
    a comma: ``told Pike``)."""
    surface = mention.surface.split("-")[0]
    if not surface[:1].isupper() or _written_in_lower_case(text, surface.lower(), written):
        return False
    if surface.lower() not in _english_words():
        return True
    before = text[max(0, mention.start - 24) : mention.start].rstrip()
    return bool(before) and (before[-1] == "," or before[-1].islower())


def _written_in_lower_case(text: str, word: str, written: set[str]) -> bool:
    if re.fullmatch(r"\w+", word):
        return word in written
    return re.search(r"(?<![\w-])" + re.escape(word) + r"(?!\w)", text) is not None  # "mr.", "d'arcy"


@lru_cache(maxsize=1)
def _english_words() -> frozenset[str]:
    """Common English words: the NRC and VADER lexicons' entries."""
    from .emotion import nrc_lexicon, _vader

    return frozenset(nrc_lexicon()) | frozenset(_vader().lexicon)


def _occurrences(text: str, form: str) -> list[NameMention]:
    pattern = re.compile(r"(?<![\w-])" + re.escape(form) + r"(?:-[a-z]+)?(?![\w])")
    return [NameMention(m.start(), m.end(), m.group(0), "name") for m in pattern.finditer(text)]


def _overlaps(mention: NameMention, taken: Sequence[tuple[int, int]]) -> bool:
    return any(start < mention.end and mention.start < end for start, end in taken)


def _detected_fandoms(
    cast: Sequence[CastEntry], text: str, declared: Sequence[str], paratext: Sequence[str], gazetteer: Sequence[Fandom]
) -> list[Fandom]:
    """Declared fandoms, fandoms the paratext names, and the fandom whose canon characters and
    terms the story shows (the tags stage's test, on this cast)."""
    found: list[Fandom] = []
    for name in declared:
        fandom = find_fandom(name, gazetteer)
        if fandom is not None and fandom not in found:
            found.append(fandom)
    for fandom in gazetteer:
        if fandom not in found and any(
            mentions_name(text, name) for text in paratext for name in fandom.names() if len(name) >= 4
        ):
            found.append(fandom)
    names = [form for entry in cast for form in (entry.name, *entry.aliases)]
    for match in gazetteer_matches(names, text, gazetteer):
        if match.fandom not in found:
            found.append(match.fandom)
    return found


def _unambiguous_keys(fandom: Fandom) -> dict[str, str]:
    """Every key naming exactly one canon character: full names, aliases, name parts."""
    owners: dict[str, set[str]] = defaultdict(set)
    for character in fandom.characters:
        forms = [character.name, *character.aliases]
        parts = character.name.split()
        if len(parts) == 2:
            forms.append(f"{parts[1]} {parts[0]}")
        forms.extend(p for p in parts if len(p) > 2 and p[0].isupper())
        for form in forms:
            owners[name_key(form)].add(character.name)
    return {key: next(iter(names)) for key, names in owners.items() if len(names) == 1 and key}


def _canon_of_entry(entry: CastEntry, fandoms: Sequence[Fandom]) -> str | None:
    for fandom in fandoms:
        keys = _unambiguous_keys(fandom)
        found = {keys[name_key(form)] for form in (entry.name, *entry.aliases) if name_key(form) in keys}
        if len(found) == 1:
            return f"{fandom.name}\u0000{found.pop()}"
    return None


def _genders_agree(entries: Sequence[CastEntry]) -> bool:
    genders = {e.gender for e in entries if e.gender}
    return len(genders) <= 1


def _merge(keeper: CastEntry, members: Sequence[CastEntry]) -> CastEntry:
    aliases = sorted({alias for member in members for alias in (member.name, *member.aliases)})
    mentions = tuple(sorted({m for member in members for m in member.mentions}, key=lambda m: (m.start, m.end)))
    name = max((m.name for m in members), key=lambda n: (len(n.split()), n == keeper.name))
    gender = next((m.gender for m in members if m.gender), None)
    return CastEntry(name=name, aliases=tuple(aliases), gender=gender, mentions=mentions)
