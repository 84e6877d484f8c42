"""The runners with stand-in systems: one that returns the gold answer, one that returns nothing."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from storyworld.evaluation import (
    LitBankDocument,
    PdncNovel,
    evaluate_litbank,
    evaluate_pdnc,
    flatten_results,
    litbank_split,
    load_litbank_document,
    load_pdnc_novel,
    pdnc_split,
)
from storyworld.world import World

pytestmark = pytest.mark.datasets

KIND = {"PROP": "name", "NOM": "nominal", "PRON": "pronoun"}


def _litbank_documents(root: Path, part: str) -> dict[str, LitBankDocument]:
    ids = set(litbank_split("entities", part)) | set(litbank_split("coref", part))
    documents = [load_litbank_document(doc_id, root) for doc_id in sorted(ids)]
    return {d.text: d for d in documents}


def _gold_coref_world(document: LitBankDocument, make_world: Any) -> World:
    characters = [
        (label, mentions[0].text, (), [(m.start, m.end, KIND[m.kind]) for m in mentions])
        for label, mentions in document.clusters(["PER"]).items()
    ]
    quotes = [(q.start, q.end, q.speaker) for q in document.quotes]
    return make_world(document.text, characters, quotes)


def _gold_entity_world(document: LitBankDocument, make_world: Any) -> World:
    people = [e for e in document.entities if e.category == "PER"]
    characters = [(f"e{i}", e.text, (), [(e.start, e.end, "nominal")]) for i, e in enumerate(people)]
    return make_world(document.text, characters, [])


def _empty_world(text: str, make_world: Any) -> World:
    return make_world(text, [], [])


def test_litbank_gold_coreference_and_quotes_score_100(datasets: Path, make_world: Any) -> None:
    documents = _litbank_documents(datasets, "test")
    result = evaluate_litbank("test", lambda text: _gold_coref_world(documents[text], make_world))
    assert result["documents"] == {"entities": 10, "coref": 9}
    assert result["held_back_dropped"] == {"entities": 0, "coref": 1}
    for metric in ("muc", "b3", "ceafe"):
        assert result["coref_per"][metric] == {"precision": 1.0, "recall": 1.0, "f1": 1.0}
    assert result["coref_per"]["conll_f1"] == 1.0
    assert result["coref_all"]["b3"]["precision"] == 1.0
    assert result["coref_all"]["b3"]["recall"] < 1.0  # non-PER clusters are not predicted
    assert result["pronouns"]["accuracy"] == result["pronouns"]["lenient_accuracy"] == 1.0
    assert result["pronouns"]["eligible"] > 1000
    assert result["quotes"]["exact"]["f1"] == result["quotes"]["overlap"]["f1"] == 1.0
    coref_quotes = sum(len(documents_by_id(documents)[i].quotes) for i in litbank_split("coref", "test"))
    assert result["speakers"] == {
        "accuracy": 1.0, "correct": coref_quotes, "total": coref_quotes,
        "on_detected_quotes": {"accuracy": 1.0, "correct": coref_quotes, "total": coref_quotes},
    }


def test_litbank_gold_entities_score_100(datasets: Path, make_world: Any) -> None:
    documents = _litbank_documents(datasets, "test")
    result = evaluate_litbank("test", lambda text: _gold_entity_world(documents[text], make_world))
    entities = result["entities"]
    assert entities["per"]["f1"] == 1.0
    assert entities["all"]["precision"] == 1.0
    assert entities["all"]["recall"] == pytest.approx(entities["per"]["gold"] / entities["all"]["gold"])
    assert entities["by_label"]["PER"]["f1"] == 1.0
    assert entities["by_label"]["FAC"]["recall"] == 0.0


def test_litbank_empty_system_scores_0(datasets: Path, make_world: Any) -> None:
    result = evaluate_litbank("test", lambda text: _empty_world(text, make_world))
    flat = flatten_results(result)
    scores = {k: v for k, v in flat.items() if k.endswith(("f1", "accuracy", "precision", "recall"))}
    assert scores and all(v == 0.0 for v in scores.values())
    assert result["speakers"]["total"] > 0 and result["quotes"]["exact"]["gold"] > 0


def documents_by_id(documents: dict[str, LitBankDocument]) -> dict[str, LitBankDocument]:
    return {d.doc_id: d for d in documents.values()}


def _pdnc_novels(root: Path, part: str) -> dict[str, PdncNovel]:
    novels = [load_pdnc_novel(name, root) for name in pdnc_split(part)]
    return {n.text: n for n in novels}


def _gold_pdnc_world(novel: PdncNovel, make_world: Any, types: Sequence[str] | None = None) -> World:
    characters = [(c.id, c.main_name, c.aliases, []) for c in novel.characters]
    quotes = [
        (start, end, q.speaker_id if types is None or q.quote_type in types else None)
        for q in novel.quotes
        for start, end in q.spans
    ]
    return make_world(novel.text, characters, quotes)


def test_pdnc_gold_scores_100(datasets: Path, make_world: Any) -> None:
    novels = _pdnc_novels(datasets, "test")
    result = evaluate_pdnc("test", lambda text: _gold_pdnc_world(novels[text], make_world))
    total = sum(len(n.quotes) for n in novels.values())
    assert result["novels"] == 4 and result["gold_quotes"] is False
    assert result["speakers"]["accuracy"] == 1.0 and result["speakers"]["total"] == total
    assert set(result["speakers_by_type"]) >= {"explicit", "anaphoric", "implicit"}
    assert all(v["accuracy"] == 1.0 for v in result["speakers_by_type"].values())
    assert result["quotes"]["exact"]["f1"] == result["quotes"]["overlap"]["f1"] == 1.0
    assert result["characters"]["speaking_recall"] == 1.0
    assert set(result["per_novel"]) == set(pdnc_split("test"))
    assert all(v["speaker_accuracy"] == 1.0 for v in result["per_novel"].values())


def test_pdnc_gold_quotes_mode_passes_the_gold_spans(datasets: Path, make_world: Any) -> None:
    novels = _pdnc_novels(datasets, "test")
    seen: list[int] = []

    def analyze(text: str, quote_spans: Sequence[tuple[int, int]]) -> World:
        novel = novels[text]
        assert list(quote_spans) == novel.quote_spans()
        seen.append(len(quote_spans))
        speaker = {span: q.speaker_id for q in novel.quotes for span in q.spans}
        characters = [(c.id, c.main_name, c.aliases, []) for c in novel.characters]
        return make_world(text, characters, [(s, e, speaker[(s, e)]) for s, e in quote_spans])

    result = evaluate_pdnc("test", analyze, gold_quotes=True)
    assert result["gold_quotes"] is True and len(seen) == 4
    assert result["speakers"]["accuracy"] == 1.0


def test_pdnc_per_type_accuracy(datasets: Path, make_world: Any) -> None:
    novels = _pdnc_novels(datasets, "test")
    result = evaluate_pdnc("test", lambda text: _gold_pdnc_world(novels[text], make_world, ["explicit"]))
    by_type = result["speakers_by_type"]
    assert by_type["explicit"]["accuracy"] == 1.0
    assert by_type["anaphoric"]["accuracy"] == by_type["implicit"]["accuracy"] == 0.0
    assert result["speakers"]["correct"] == by_type["explicit"]["total"]
    assert result["quotes"]["exact"]["f1"] == 1.0


def test_pdnc_empty_system_scores_0(datasets: Path, make_world: Any) -> None:
    result = evaluate_pdnc("test", lambda text: _empty_world(text, make_world), novels=["TheSportOfTheGods"])
    flat = flatten_results(result)
    scores = {k: v for k, v in flat.items() if k.endswith(("f1", "accuracy", "precision", "recall"))}
    assert scores and all(v == 0.0 for v in scores.values())
    assert result["novels"] == 1 and result["speakers"]["total"] == 640


def test_flatten_results() -> None:
    assert flatten_results({"a": {"b": {"f1": 0.5}, "n": 2}, "part": "test"}) == {
        "a.b.f1": 0.5, "a.n": 2, "part": "test"
    }
