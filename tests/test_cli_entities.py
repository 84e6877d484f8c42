"""``storyworld analyze --entities``: the LitBank entity tagger's mentions in the JSON and text."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from storyhelpers import BUNDLED_STORY, SCHEMA

STORYWORLD = Path(sys.executable).with_name("storyworld")


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(STORYWORLD), *args], capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="module")
def tagged() -> dict:
    from storyworld.nlp.entities import entity_model_available

    if not entity_model_available():
        pytest.skip("the LitBank entity model is not in this checkout (make train-entities)")
    result = run("analyze", str(BUNDLED_STORY), "--format", "json", "--entities")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_entities_come_with_labels_kinds_and_offsets_into_the_story(tagged: dict) -> None:
    from storyworld import analyze

    text = analyze(BUNDLED_STORY).work.text
    entities = tagged["entities"]
    assert entities and {e["label"] for e in entities} <= {"PER", "LOC", "FAC", "GPE", "VEH", "ORG"}
    assert {e["kind"] for e in entities} <= {"PROP", "NOM"}
    surfaces = {text[e["start"] : e["end"]] for e in entities if e["label"] == "PER"}
    assert "Della" in surfaces  # the heroine, by name
    assert any(s[:1].islower() for s in surfaces)  # and common-noun phrases the cast never holds


def test_the_json_with_entities_still_fits_the_schema(tagged: dict) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    if not SCHEMA.is_file():
        pytest.skip(f"schema not found at {SCHEMA}")
    jsonschema.validate(tagged, json.loads(SCHEMA.read_text(encoding="utf-8")))


def test_without_the_flag_there_is_no_entities_key() -> None:
    result = run("analyze", str(BUNDLED_STORY), "--format", "json")
    assert result.returncode == 0, result.stderr
    assert "entities" not in json.loads(result.stdout)
