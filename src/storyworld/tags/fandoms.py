"""Fandom detection and canon names, from a gazetteer shipped as YAML package data.

Each file under ``storyworld/data/fandoms/`` holds ``fandoms:``, a list of entries::

    - name: NARUTO                       # AO3's canonical fandom name
      aliases: [Naruto, Naruto Shippuden] # how disclaimers and sites name it
      terms: [Konoha, chakra, Hokage]     # words only this canon uses (optional)
      characters:
        - Hatake Kakashi                  # a full name: its parts become aliases
        - {name: Uzumaki Naruto, aliases: [Naruto-kun]}

Users add fandoms (or extend one: entries with the same name merge) with YAML files in the
directories named by ``STORYWORLD_FANDOMS`` (``os.pathsep``-separated) or passed as ``extra``.

Evidence, strongest first: the site's own fandom field (Work.fandoms / metadata), a disclaimer
that names the canon, then canon characters and terms found in the story.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

from ..world import Span, World
from .model import Suggestion, evidence_of

ENV_VAR = "STORYWORLD_FANDOMS"
_PARTICLES = frozenset({"de", "van", "von", "la", "le", "du", "of", "the", "al", "bin", "da", "di", "mc"})
MIN_GAZETTEER_SCORE = 3.0


@dataclass(frozen=True)
class CanonCharacter:
    name: str
    aliases: tuple[str, ...]


@dataclass
class Fandom:
    name: str
    aliases: tuple[str, ...] = ()
    terms: tuple[str, ...] = ()
    characters: list[CanonCharacter] = field(default_factory=list)

    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)

    def resolve(self, name: str) -> str | None:
        """The canon full name for a name found in the story, or None."""
        return _alias_index(self).get(_key(name))


@lru_cache(maxsize=1024)  # one per fandom of every gazetteer loaded (211 bundled)
def _alias_index_cached(fandom_id: int, entries: tuple[CanonCharacter, ...]) -> dict[str, str]:
    index: dict[str, str] = {}
    # Full names and explicit aliases first, then derived parts (first listed wins).
    for character in entries:
        index.setdefault(_key(character.name), character.name)
        for alias in character.aliases:
            index.setdefault(_key(alias), character.name)
    for character in entries:
        for part in _derived_aliases(character.name):
            index.setdefault(_key(part), character.name)
    return index


def _alias_index(fandom: Fandom) -> dict[str, str]:
    return _alias_index_cached(id(fandom), tuple(fandom.characters))


def _derived_aliases(name: str) -> list[str]:
    parts = [p for p in re.split(r"\s+", name) if p]
    if len(parts) < 2:
        return []
    aliases = [" ".join(reversed(parts))] if len(parts) == 2 else []
    aliases += [p for p in parts if p.lower() not in _PARTICLES and len(p) > 2 and p[0].isupper()]
    return aliases


def _key(name: str) -> str:
    name = re.sub(r"[-‐](?:sensei|sama|san|kun|chan|senpai|dono)\b", "", name, flags=re.IGNORECASE)
    return re.sub(r"[^\w]+", " ", name.casefold()).strip()


name_key = _key  # public: the comparison key of a name (case, punctuation, honorific blind)


# -- loading --------------------------------------------------------------------------------


def load_gazetteer(extra: Sequence[str | os.PathLike[str]] = ()) -> list[Fandom]:
    """Every fandom: the bundled files, then ``STORYWORLD_FANDOMS`` directories, then ``extra``."""
    dirs = [d for d in os.environ.get(ENV_VAR, "").split(os.pathsep) if d] + [str(d) for d in extra]
    return list(_load(tuple(dirs)))


@lru_cache(maxsize=8)
def _load(dirs: tuple[str, ...]) -> tuple[Fandom, ...]:
    try:
        import yaml
    except ImportError as error:  # pragma: no cover - pinned dependency
        raise ImportError("fandom detection needs PyYAML: pip install pyyaml==6.0.3") from error
    merged: dict[str, Fandom] = {}
    sources: list[str] = []
    bundled = resources.files("storyworld").joinpath("data", "fandoms")
    for item in sorted(bundled.iterdir(), key=lambda p: p.name):
        if item.name.endswith((".yaml", ".yml")):
            sources.append(item.read_text(encoding="utf-8"))
    for directory in dirs:
        path = Path(directory).expanduser()
        if path.is_dir():
            for file in sorted(path.glob("*.y*ml")):
                sources.append(file.read_text(encoding="utf-8"))
    for text in sources:
        for entry in (yaml.safe_load(text) or {}).get("fandoms", []) or []:
            _merge(merged, _fandom(entry))
    return tuple(merged.values())


def _fandom(entry: dict) -> Fandom:  # type: ignore[type-arg]
    characters = []
    for item in entry.get("characters", []) or []:
        if isinstance(item, str):
            characters.append(CanonCharacter(item, ()))
        else:
            characters.append(CanonCharacter(str(item["name"]), tuple(str(a) for a in item.get("aliases", []) or [])))
    return Fandom(
        name=str(entry["name"]),
        aliases=tuple(str(a) for a in entry.get("aliases", []) or []),
        terms=tuple(str(t) for t in entry.get("terms", []) or []),
        characters=characters,
    )


def _merge(merged: dict[str, Fandom], fandom: Fandom) -> None:
    key = fandom.name.casefold()
    if key not in merged:
        merged[key] = fandom
        return
    current = merged[key]
    current.aliases = tuple(dict.fromkeys(current.aliases + fandom.aliases))
    current.terms = tuple(dict.fromkeys(current.terms + fandom.terms))
    known = {c.name for c in current.characters}
    current.characters = current.characters + [c for c in fandom.characters if c.name not in known]


def _without_qualifiers(name: str) -> str:
    """``Warriors - Erin Hunter`` -> ``Warriors``, ``Lucifer (TV)`` -> ``Lucifer``."""
    return re.sub(r"\s*[(\[].*?[)\]]\s*|\s+-\s+.*$", "", name)


def find_fandom(name: str, gazetteer: Iterable[Fandom]) -> Fandom | None:
    """The gazetteer entry a fandom name or alias refers to (case- and punctuation-blind)."""
    wanted = _key(name)
    wanted_short = _key(_without_qualifiers(name))
    for fandom in gazetteer:
        keys = {_key(n) for n in fandom.names()} | {_key(_without_qualifiers(fandom.name))}
        if wanted in keys or wanted_short in keys:
            return fandom
        if any(_key(part) in keys for part in name.split("|")):
            return fandom
    if len(wanted) >= 8:  # a disclaimer's fragment of a longer name: "The Last Airbender"
        for fandom in gazetteer:
            if any(re.search(r"(?<!\w)" + re.escape(wanted) + r"$", _key(n)) for n in fandom.names()):
                return fandom
    return None


# -- detection ------------------------------------------------------------------------------


def detect_fandoms(world: World, gazetteer: Sequence[Fandom] | None = None) -> list[Suggestion]:
    """Fandoms of the work, most certain first, each with where it was found."""
    gazetteer = list(gazetteer) if gazetteer is not None else load_gazetteer()
    found: dict[str, Suggestion] = {}
    declared = list(world.work.fandoms) + list(world.work.metadata.get("fandoms", ()))
    for name in declared:
        fandom = find_fandom(name, gazetteer)
        tag = fandom.name if fandom else name
        source = "metadata" if world.work.source_format != "txt" or name in world.work.metadata.get("fandoms", ()) else "disclaimer"
        _keep(found, Suggestion("fandoms", tag, 1.0 if source == "metadata" else 0.95, (), source))
    for paratext in world.work.paratext:
        if paratext.kind not in ("disclaimer", "header", "author_note", "summary"):
            continue
        for fandom in gazetteer:
            if any(mentions_name(paratext.text, alias) for alias in fandom.names()):
                confidence = 0.9 if paratext.kind == "disclaimer" else 0.6
                _keep(found, Suggestion("fandoms", fandom.name, confidence, (), "disclaimer"))
    for suggestion in _from_gazetteer(world, gazetteer):
        _keep(found, suggestion)
    return sorted(found.values(), key=lambda s: -s.confidence)


def _keep(found: dict[str, Suggestion], suggestion: Suggestion) -> None:
    current = found.get(suggestion.tag)
    if current is None or suggestion.confidence > current.confidence:
        found[suggestion.tag] = suggestion


def mentions_name(text: str, alias: str) -> bool:
    """Whether ``text`` names ``alias`` as a whole word, case-blind."""
    return _name_pattern(alias).search(text) is not None


@lru_cache(maxsize=4096)
def _name_pattern(alias: str) -> re.Pattern[str]:
    return re.compile(r"(?<!\w)" + re.escape(alias) + r"(?!\w)", re.IGNORECASE)


@dataclass(frozen=True)
class GazetteerMatch:
    """How much of one fandom a story shows: canon characters among its names (a full name
    weighs 2, any other form 1) and canon terms in its text."""

    fandom: Fandom
    canon: dict[str, float]  # canon full name -> weight
    names: tuple[str, ...]  # the story's names that matched
    term_spans: tuple[Span, ...]

    @property
    def score(self) -> float:
        return sum(self.canon.values()) + 1.5 * len(self.term_spans)

    @property
    def confidence(self) -> float:
        return min(0.85, 0.35 + 0.08 * self.score)


def gazetteer_matches(names: Iterable[str], text: str, gazetteer: Sequence[Fandom]) -> list[GazetteerMatch]:
    """The fandom (or two, when nearly tied) whose canon characters and terms the story shows
    enough of: two clues at least, scoring MIN_GAZETTEER_SCORE. Used on the finished cast
    (tags) and on the characters stage's cast (canon)."""
    names = list(dict.fromkeys(names))
    words = set(re.findall(r"\w+", text))  # a term's first word must be there before it is sought
    results = []
    for fandom in gazetteer:
        index = _alias_index(fandom)
        matched: dict[str, float] = {}
        used: list[str] = []
        for name in names:
            canon = index.get(_key(name))
            if canon is None:
                continue
            full = _key(name) == _key(canon) and " " in canon
            matched[canon] = max(matched.get(canon, 0.0), 2.0 if full else 1.0)
            used.append(name)
        spans = []
        for term in fandom.terms:
            first = re.match(r"\w+", term)
            match = _term_pattern(term).search(text) if first is None or first.group() in words else None
            if match:
                spans.append(Span(match.start(), match.end()))
        found = GazetteerMatch(fandom, matched, tuple(used), tuple(spans))
        if len(matched) + len(spans) >= 2 and found.score >= MIN_GAZETTEER_SCORE:
            results.append(found)
    results.sort(key=lambda m: -m.confidence)
    if len(results) > 1 and results[0].confidence - results[1].confidence < 0.05:
        return results[:2]
    return results[:1]


@lru_cache(maxsize=4096)
def _term_pattern(term: str) -> re.Pattern[str]:
    """A canon term as a whole word (compiled once: the gazetteer holds hundreds)."""
    return re.compile(r"(?<!\w)" + re.escape(term) + r"(?!\w)")


def _from_gazetteer(world: World, gazetteer: Sequence[Fandom]) -> list[Suggestion]:
    """Canon characters (full names count double) and canon terms found in the story."""
    names = [(c.name, c.id) for c in world.characters] + [
        (alias, c.id) for c in world.characters for alias in c.aliases
    ]
    first_span = _first_mention_spans(world)
    results = []
    for match in gazetteer_matches((n for n, _ in names), world.work.text, gazetteer):
        used = set(match.names)
        spans = [first_span[cid] for name, cid in names if name in used and cid in first_span]
        spans += match.term_spans
        results.append(Suggestion("fandoms", match.fandom.name, match.confidence, evidence_of(spans), "gazetteer"))
    return results


def _first_mention_spans(world: World) -> dict[str, Span]:
    spans: dict[str, Span] = {}
    for mention in world.mentions:
        if mention.kind == "name" and mention.character not in spans:
            spans[mention.character] = Span(mention.start, mention.end)
    return spans


def canon_name(name: str, fandoms: Sequence[Fandom]) -> str | None:
    """The canon full name of a story's character within the detected fandoms, or None."""
    for fandom in fandoms:
        canon = fandom.resolve(name)
        if canon:
            return canon
    return None
