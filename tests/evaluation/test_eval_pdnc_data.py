"""PDNC loader checked against the raw CSV files."""

from __future__ import annotations

import ast
import csv
from functools import lru_cache
from pathlib import Path

import pytest

from storyworld.evaluation import PdncNovel, load_pdnc_novel, map_characters, pdnc_novel_names
from storyworld.evaluation.pdnc import NameResolver, normalise_name
from storyworld.evaluation.quote_metrics import trim_span
from storyworld.world import Character

pytestmark = pytest.mark.datasets


@lru_cache(maxsize=None)
def _all_novels(root: Path) -> tuple[PdncNovel, ...]:
    return tuple(load_pdnc_novel(name, root) for name in pdnc_novel_names(root))


@pytest.fixture(scope="module")
def novels(datasets: Path) -> tuple[PdncNovel, ...]:
    return _all_novels(datasets)


def test_corpus_totals(novels: tuple[PdncNovel, ...]) -> None:
    assert len(novels) == 22
    quotes = [q for n in novels for q in n.quotes]
    assert len(quotes) == 29042
    types = [q.quote_type for q in quotes]
    assert (types.count("explicit"), types.count("anaphoric"), types.count("implicit")) == (8802, 7493, 12735)
    assert types.count("unknown") == 12  # quoteType "nan"
    assert all(q.speaker_id is not None for q in quotes)
    assert sum(a is None for q in quotes for a in q.addressee_ids) == 35


def test_speakers_resolve_to_main_names(novels: tuple[PdncNovel, ...]) -> None:
    for novel in novels:
        for quote in novel.quotes:
            character = novel.character(quote.speaker_id)
            assert character is not None and character.main_name == quote.speaker
    rooms = next(n for n in novels if n.name == "ARoomWithAView")
    lucy = [q for q in rooms.quotes if q.speaker_as_written == "Lucy"]
    assert lucy and {q.speaker for q in lucy} == {"Miss Honeychurch"}  # "Lucy" is an alias


def test_spans_are_character_offsets_inside_the_quotation_marks(datasets: Path, novels: tuple[PdncNovel, ...]) -> None:
    same = different = 0
    for novel in novels:
        with open(datasets / "pdnc" / "data" / novel.name / "quotation_info.csv", encoding="utf-8", newline="") as f:
            subs = {row["quoteID"]: ast.literal_eval(row["subQuotationList"]) for row in csv.DictReader(f)}
        for quote in novel.quotes:
            for (start, end), sub in zip(quote.spans, subs[quote.quote_id]):
                assert 0 <= start < end <= len(novel.text)
                if novel.text[start:end] == sub:
                    same += 1
                else:  # differs only by quotation marks / whitespace at the ends
                    different += 1
                    trimmed = novel.text[slice(*trim_span(novel.text, start, end))]
                    sub_trimmed = sub[slice(*trim_span(sub, 0, len(sub)))]
                    assert " ".join(trimmed.split()) == " ".join(sub_trimmed.split())
    assert same == 37309 and different == 796


def test_characters(novels: tuple[PdncNovel, ...]) -> None:
    pride = next(n for n in novels if n.name == "PrideAndPrejudice")
    charlotte = next(c for c in pride.characters if c.main_name == "Charlotte Lucas")
    assert "Miss Lucas" in charlotte.aliases and charlotte.gender == "F"
    assert charlotte.names[0] == "Charlotte Lucas"
    for novel in novels:
        ids = [c.id for c in novel.characters]
        assert len(ids) == len(set(ids))
        assert len({c.main_name for c in novel.characters}) == len(ids)


def test_name_mapping_rule(novels: tuple[PdncNovel, ...]) -> None:
    pride = next(n for n in novels if n.name == "PrideAndPrejudice")
    resolve = NameResolver(pride.characters)
    elizabeth = resolve("Elizabeth")
    assert elizabeth is not None
    assert resolve("Lizzy") == elizabeth  # alias
    assert resolve("miss  eliza") == elizabeth  # normalised alias
    assert normalise_name(" Mr.  Bennet") == "mr bennet"
    predicted = [
        Character("c1", "Elizabeth Bennet", ("Lizzy",), 3),   # name unknown, alias decides
        Character("c2", "MR. DARCY", (), 3),                   # case and periods ignored
        Character("c3", "Somebody Unknown", (), 1),            # no gold match
        Character("c4", "Mrs Bennet", (), 1),                  # "Mrs Bennet" == "Mrs. Bennet"
    ]
    mapping = map_characters(predicted, pride.characters)
    assert mapping["c1"] == elizabeth
    assert pride.character(mapping["c2"]).main_name == "Mr. Darcy"  # type: ignore[union-attr]
    assert "c3" not in mapping
    assert pride.character(mapping["c4"]).main_name == "Mrs. Bennet"  # type: ignore[union-attr]
    for novel in novels:  # gold characters map to themselves
        as_predicted = [Character(c.id, c.main_name, c.aliases, 1) for c in novel.characters]
        assert map_characters(as_predicted, novel.characters) == {c.id: c.id for c in novel.characters}
