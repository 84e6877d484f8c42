"""The shipped LitBank entity tagger: it loads, finds names and common-noun people, char offsets."""

from __future__ import annotations

import pytest

from storyworld.errors import ModelMissingError
from storyworld.nlp import entities
from storyworld.nlp.entities import EntitySpan, literary_entities, load_entity_model

PASSAGE = (
    "Elizabeth Bennet walked down the lane to the village.\n\n"
    "At the gate the old woman was waiting for her. \"You are late,\" the old woman said, "
    "and Elizabeth Bennet laughed."
)


def test_shipped_model_loads() -> None:
    nlp = load_entity_model()
    assert "ner" in nlp.pipe_names
    assert set(entities.LABELS) <= set(nlp.get_pipe("ner").labels)
    assert load_entity_model() is nlp


def test_tags_names_and_common_noun_people_as_per() -> None:
    found = literary_entities(PASSAGE)
    assert all(isinstance(e, EntitySpan) for e in found)
    per = {PASSAGE[e.start : e.end] for e in found if e.label == "PER"}
    assert "Elizabeth Bennet" in per
    assert "the old woman" in per
    kinds = {PASSAGE[e.start : e.end]: e.kind for e in found if e.label == "PER"}
    assert kinds["Elizabeth Bennet"] == "PROP"
    assert kinds["the old woman"] == "NOM"


def test_offsets_are_char_offsets_into_the_text() -> None:
    found = literary_entities(PASSAGE)
    starts = [e.start for e in found]
    assert starts == sorted(starts)
    second = PASSAGE.index("the old woman said")
    assert any(e.start == second and e.end == second + len("the old woman") for e in found)
    for e in found:
        assert 0 <= e.start < e.end <= len(PASSAGE)
        assert PASSAGE[e.start : e.end] == PASSAGE[e.start : e.end].strip()


def test_offsets_survive_chunking(monkeypatch: pytest.MonkeyPatch) -> None:
    long_text = ("The boy ran home.\n\n" * 400) + "Elizabeth Bennet smiled."
    found = literary_entities(long_text)
    assert any(long_text[e.start : e.end] == "Elizabeth Bennet" for e in found)
    assert all(long_text[e.start : e.end] in {"The boy", "Elizabeth Bennet", "home"} for e in found)


def test_a_parsed_doc_keeps_its_own_entities() -> None:
    from storyworld.nlp.pipeline import parse

    doc = parse(PASSAGE)
    before = [(e.start_char, e.end_char, e.label_) for e in doc.ents]
    found = literary_entities(doc)
    assert [(e.start_char, e.end_char, e.label_) for e in doc.ents] == before
    per = {PASSAGE[e.start : e.end] for e in found if e.label == "PER"}
    assert {"Elizabeth Bennet", "the old woman"} <= per


def test_missing_model_is_a_named_error(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:
    monkeypatch.setattr(entities, "MODEL_RESOURCE", "data/models/no_such_model")
    entities.load_entity_model.cache_clear()
    try:
        with pytest.raises(ModelMissingError, match="make train-entities"):
            entities.load_entity_model()
    finally:
        monkeypatch.undo()
        entities.load_entity_model.cache_clear()
