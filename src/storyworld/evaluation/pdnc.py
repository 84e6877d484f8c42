"""PDNC (Project Dialogism Novel Corpus): gold novels and the PDNC evaluation runner.

Layout read (under ``<datasets>/pdnc/data/<Novel>/``):

* ``novel_text.txt``: the novel (ASCII); quotation spans are character offsets into it;
* ``quotation_info.csv``: ``quoteID, quoteText, subQuotationList, quoteByteSpans, speaker,
  addressees, quoteType, referringExpression, mentionTextsList, mentionSpansList,
  mentionEntitiesList``; list columns are Python literals;
* ``character_info.csv``: ``Character ID, Main Name, Aliases, Gender, Category``; ``Aliases``
  is a Python set (sometimes list) literal.

Quote spans (``quoteByteSpans``) exclude the quotation marks. ``speaker`` is usually the
character's main name but sometimes one of its aliases; it is resolved to the character here.
"""

from __future__ import annotations

import ast
import csv
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, overload

from ..world import Character, World
from .datasets import require_datasets_root
from .coref_metrics import PRCounts
from .entity_metrics import SpanCounts
from .predictions import Analyze, AnalyzeWithQuotes, Progress, predicted_quote_spans
from .quote_metrics import (
    AccuracyCounts,
    Span,
    match_quotes,
    quote_span_counts,
    speaker_accuracy,
    speaker_b_cubed,
    trim_span,
)
from .splits import pdnc_split

QuoteType = Literal["explicit", "anaphoric", "implicit", "unknown"]
QUOTE_TYPES: tuple[QuoteType, ...] = ("explicit", "anaphoric", "implicit", "unknown")


@dataclass(frozen=True)
class PdncCharacter:
    id: str
    main_name: str
    aliases: tuple[str, ...]
    gender: str
    """F, M, U (unknown) or X (not annotated), as in the data."""
    category: str
    """major, intermediate or minor."""

    @property
    def names(self) -> tuple[str, ...]:
        """Main name first, then the aliases not equal to it."""
        return (self.main_name, *(a for a in self.aliases if a != self.main_name))


@dataclass(frozen=True)
class PdncQuote:
    quote_id: str
    spans: tuple[Span, ...]
    """Sub-quotation spans from ``quoteByteSpans``, in file order, quotation marks excluded."""
    text: str
    speaker: str
    """The speaking character's main name (the file sometimes writes an alias instead)."""
    speaker_id: str | None
    speaker_as_written: str
    addressees: tuple[str, ...]
    """Addressees as written (main names or aliases)."""
    addressee_ids: tuple[str | None, ...]
    quote_type: QuoteType
    referring_expression: str | None


@dataclass(frozen=True)
class PdncNovel:
    name: str
    text: str
    quotes: tuple[PdncQuote, ...]
    characters: tuple[PdncCharacter, ...]

    def character(self, character_id: str | None) -> PdncCharacter | None:
        for character in self.characters:
            if character.id == character_id:
                return character
        return None

    def quote_spans(self) -> list[Span]:
        """Every sub-quotation span, sorted: what ``gold_quotes=True`` hands to the system."""
        return sorted(span for quote in self.quotes for span in quote.spans)


def pdnc_root(root: Path | None = None) -> Path:
    """``<datasets>/pdnc/data``; raises DatasetsMissing when the data set folder is absent."""
    return require_datasets_root(root) / "pdnc" / "data"


def pdnc_novel_names(root: Path | None = None) -> list[str]:
    return sorted(p.name for p in pdnc_root(root).iterdir() if (p / "novel_text.txt").is_file())


def load_pdnc_novel(name: str, root: Path | None = None) -> PdncNovel:
    folder = pdnc_root(root) / name
    text = (folder / "novel_text.txt").read_text(encoding="utf-8")
    characters = _characters(folder / "character_info.csv")
    resolve = NameResolver(characters)
    quotes = tuple(_quote(row, resolve) for row in _csv_rows(folder / "quotation_info.csv"))
    return PdncNovel(name=name, text=text, quotes=quotes, characters=characters)


def load_pdnc(part: str, root: Path | None = None) -> list[PdncNovel]:
    return [load_pdnc_novel(name, root) for name in pdnc_split(part)]


def normalise_name(name: str) -> str:
    """Case-folded, periods removed, whitespace collapsed: ``" Mr.  Bennet"`` -> ``"mr bennet"``."""
    return " ".join(name.replace(".", " ").casefold().split())


class NameResolver:
    """Finds the gold character a name refers to: main names first, then aliases.

    Exact (stripped) matches are tried before normalised ones (:func:`normalise_name`). A name
    that fits several characters equally resolves to None.
    """

    def __init__(self, characters: Sequence[PdncCharacter]) -> None:
        self._main_names = {character.id: character.main_name for character in characters}
        self._tables: list[dict[str, set[str]]] = []
        for key in (str.strip, normalise_name):
            mains: dict[str, set[str]] = {}
            aliases: dict[str, set[str]] = {}
            for character in characters:
                mains.setdefault(key(character.main_name), set()).add(character.id)
                for alias in character.aliases:
                    aliases.setdefault(key(alias), set()).add(character.id)
            self._tables.append(mains)
            self._tables.append(aliases)
        self._keys = (str.strip, str.strip, normalise_name, normalise_name)

    def candidates(self, name: str) -> set[str]:
        """Ids of the characters ``name`` matches at the first level where any matches."""
        for key, table in zip(self._keys, self._tables):
            found = table.get(key(name))
            if found:
                return set(found)
        return set()

    def __call__(self, name: str) -> str | None:
        found = self.candidates(name)
        return next(iter(found)) if len(found) == 1 else None

    def main_name(self, character_id: str | None) -> str | None:
        return None if character_id is None else self._main_names.get(character_id)


def map_characters(predicted: Iterable[Character], gold: Sequence[PdncCharacter]) -> dict[str, str]:
    """Predicted character id -> gold character id, by name.

    1. The predicted character's ``name`` is resolved with :class:`NameResolver` (main names,
       then aliases; exact, then case-insensitive without periods). One match: mapped.
    2. Otherwise every name of the predicted character (name and aliases) is resolved; the gold
       character matched by the most of them is taken, if unique (when step 1 found several
       candidates, only those are considered).
    3. Otherwise the predicted character is unmapped (its quotes score as wrong).

    Several predicted characters may map to the same gold character.
    """
    resolve = NameResolver(gold)
    mapping: dict[str, str] = {}
    for character in predicted:
        target = _map_one(character, resolve)
        if target is not None:
            mapping[character.id] = target
    return mapping


@overload
def evaluate_pdnc(
    part: str, analyze: Analyze, gold_quotes: Literal[False] = False, *,
    root: Path | None = None, novels: Sequence[str] | None = None,
    progress: Progress | None = None,
) -> dict[str, Any]: ...


@overload
def evaluate_pdnc(
    part: str, analyze: AnalyzeWithQuotes, gold_quotes: Literal[True], *,
    root: Path | None = None, novels: Sequence[str] | None = None,
    progress: Progress | None = None,
) -> dict[str, Any]: ...


def evaluate_pdnc(
    part: str,
    analyze: Analyze | AnalyzeWithQuotes,
    gold_quotes: bool = False,
    *,
    root: Path | None = None,
    novels: Sequence[str] | None = None,
    progress: Progress | None = None,
) -> dict[str, Any]:
    """Run ``analyze`` on the PDNC novels of ``part`` and score quotes and speakers.

    With ``gold_quotes`` the system is called as ``analyze(text, quote_spans)`` with every gold
    sub-quotation span (sorted, quotation marks excluded). ``novels`` overrides the split's
    list (for quick runs). ``progress(done, total, name)`` is called before each analysis and
    once at the end. See docs/EVALUATION.md for every definition.
    """
    names = list(novels) if novels is not None else pdnc_split(part)
    totals = PdncCounts()
    per_novel: dict[str, Any] = {}
    for done, name in enumerate(names):
        if progress is not None:
            progress(done, len(names), name)
        novel = load_pdnc_novel(name, root)
        if gold_quotes:
            world = analyze(novel.text, novel.quote_spans())  # type: ignore[call-arg]
        else:
            world = analyze(novel.text)  # type: ignore[call-arg]
        novel_totals = score_pdnc_novel(novel, world)
        per_novel[name] = novel_totals.summary()
        totals = totals + novel_totals
    if progress is not None:
        progress(len(names), len(names), "")
    return {
        "dataset": "pdnc",
        "part": part,
        "gold_quotes": gold_quotes,
        "novels": len(names),
        **totals.as_dict(),
        "per_novel": per_novel,
    }


@dataclass(frozen=True)
class PdncCounts:
    """Quote span, speaker and character counts of one or more novels, summable."""

    exact: SpanCounts = SpanCounts()
    overlap: SpanCounts = SpanCounts()
    by_type: dict[str, AccuracyCounts] | None = None
    detected_by_type: dict[str, AccuracyCounts] | None = None
    speaking_characters: int = 0
    speaking_characters_found: int = 0
    predicted_characters: int = 0
    mapped_characters: int = 0
    speaker_b3: PRCounts = PRCounts()

    def __add__(self, other: PdncCounts) -> PdncCounts:
        return PdncCounts(
            self.exact + other.exact,
            self.overlap + other.overlap,
            _add_by_type(self.by_type, other.by_type),
            _add_by_type(self.detected_by_type, other.detected_by_type),
            self.speaking_characters + other.speaking_characters,
            self.speaking_characters_found + other.speaking_characters_found,
            self.predicted_characters + other.predicted_characters,
            self.mapped_characters + other.mapped_characters,
            self.speaker_b3 + other.speaker_b3,
        )

    def speakers(self) -> AccuracyCounts:
        return sum((self.by_type or {}).values(), AccuracyCounts())

    def as_dict(self) -> dict[str, Any]:
        by_type = self.by_type or {}
        detected = self.detected_by_type or {}
        return {
            "quotes": {"exact": self.exact.as_dict(), "overlap": self.overlap.as_dict()},
            "speakers": {
                **self.speakers().as_dict(),
                "on_detected_quotes": sum(detected.values(), AccuracyCounts()).as_dict(),
            },
            "speaker_b3": self.speaker_b3.as_dict(),
            "speakers_by_type": {
                t: by_type.get(t, AccuracyCounts()).as_dict() for t in QUOTE_TYPES if t in by_type
            },
            "characters": {
                "speaking": self.speaking_characters,
                "speaking_found": self.speaking_characters_found,
                "speaking_recall": (
                    self.speaking_characters_found / self.speaking_characters
                    if self.speaking_characters else 0.0
                ),
                "predicted": self.predicted_characters,
                "predicted_mapped": self.mapped_characters,
            },
        }

    def summary(self) -> dict[str, Any]:
        return {
            "quotes": self.speakers().total,
            "speaker_accuracy": self.speakers().accuracy,
            "quote_exact_f1": self.exact.f1,
            "quote_overlap_f1": self.overlap.f1,
        }


def score_pdnc_novel(novel: PdncNovel, world: World) -> PdncCounts:
    """Quote span and speaker counts for one novel."""
    gold_spans = [trim_span(novel.text, s, e) for q in novel.quotes for s, e in q.spans]
    predicted_spans = predicted_quote_spans(world, novel.text)
    nonempty = [span for span in predicted_spans if span[1] > span[0]]
    mapping = map_characters(world.characters, novel.characters)
    gold_quote_spans = [[trim_span(novel.text, s, e) for s, e in q.spans] for q in novel.quotes]
    matches = match_quotes(gold_quote_spans, predicted_spans)
    predicted = [_mapped_speaker(world, mapping, index) for index in matches]
    by_type: dict[str, AccuracyCounts] = {}
    detected: dict[str, AccuracyCounts] = {}
    for quote, index, speaker in zip(novel.quotes, matches, predicted):
        counts = speaker_accuracy([quote.speaker_id], [speaker])
        by_type[quote.quote_type] = by_type.get(quote.quote_type, AccuracyCounts()) + counts
        if index is not None:
            detected[quote.quote_type] = detected.get(quote.quote_type, AccuracyCounts()) + counts
    speaking = {q.speaker_id for q in novel.quotes if q.speaker_id is not None}
    return PdncCounts(
        exact=quote_span_counts(gold_spans, nonempty, "exact"),
        overlap=quote_span_counts(gold_spans, nonempty, "overlap"),
        by_type=by_type,
        detected_by_type=detected,
        speaking_characters=len(speaking),
        speaking_characters_found=len(speaking & set(mapping.values())),
        predicted_characters=len(world.characters),
        mapped_characters=len(mapping),
        speaker_b3=speaker_b_cubed(
            [q.speaker_id for q in novel.quotes], [_raw_speaker(world, index) for index in matches]
        ),
    )


def _add_by_type(
    a: dict[str, AccuracyCounts] | None, b: dict[str, AccuracyCounts] | None
) -> dict[str, AccuracyCounts]:
    result = dict(a or {})
    for key, value in (b or {}).items():
        result[key] = result.get(key, AccuracyCounts()) + value
    return result


def _map_one(character: Character, resolve: NameResolver) -> str | None:
    first = resolve.candidates(character.name)
    if len(first) == 1:
        return next(iter(first))
    votes: dict[str, int] = {}
    for name in {character.name, *character.aliases}:
        for candidate in resolve.candidates(name):
            if not first or candidate in first:
                votes[candidate] = votes.get(candidate, 0) + 1
    if not votes:
        return None
    best = max(votes.values())
    winners = [c for c, v in votes.items() if v == best]
    return winners[0] if len(winners) == 1 else None


def _raw_speaker(world: World, quote_index: int | None) -> str | None:
    return None if quote_index is None else world.quotes[quote_index].speaker


def _mapped_speaker(world: World, mapping: dict[str, str], quote_index: int | None) -> str | None:
    if quote_index is None:
        return None
    speaker = world.quotes[quote_index].speaker
    return None if speaker is None else mapping.get(speaker)


def _csv_rows(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _characters(path: Path) -> tuple[PdncCharacter, ...]:
    characters = []
    for row in _csv_rows(path):
        aliases = ast.literal_eval(row["Aliases"]) if row["Aliases"].strip() else ()
        characters.append(
            PdncCharacter(
                id=row["Character ID"].strip(),
                main_name=row["Main Name"].strip(),
                aliases=tuple(sorted(a.strip() for a in aliases)),
                gender=row["Gender"].strip(),
                category=row["Category"].strip(),
            )
        )
    return tuple(characters)


def _quote(row: dict[str, str], resolve: NameResolver) -> PdncQuote:
    spans = tuple((int(s), int(e)) for s, e in ast.literal_eval(row["quoteByteSpans"]))
    speaker_id = resolve(row["speaker"])
    addressees = tuple(a.strip() for a in _literal_list(row["addressees"]))
    return PdncQuote(
        quote_id=row["quoteID"],
        spans=spans,
        text=row["quoteText"],
        speaker=resolve.main_name(speaker_id) or row["speaker"].strip(),
        speaker_id=speaker_id,
        speaker_as_written=row["speaker"],
        addressees=addressees,
        addressee_ids=tuple(resolve(a) for a in addressees),
        quote_type=_quote_type(row["quoteType"]),
        referring_expression=_optional(row["referringExpression"]),
    )


def _quote_type(value: str) -> QuoteType:
    lowered = value.strip().lower()
    if lowered == "explicit" or lowered == "anaphoric" or lowered == "implicit":
        return lowered
    return "unknown"


def _optional(value: str) -> str | None:
    value = value.strip()
    return None if value in ("", "nan", "None") else value


def _literal_list(value: str) -> list[str]:
    value = value.strip()
    if not value or value == "nan":
        return []
    parsed = ast.literal_eval(value)
    return [str(item) for item in parsed]

