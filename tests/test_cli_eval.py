"""`storyworld eval`, run as a user runs it: a real process on a small slice of the real data."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from storyworld.evaluation import datasets_root

MISSING_REASON = "../shared/datasets not found: set STORYWORLD_DATASETS"
SHORT_NOVEL = "DaisyMiller"  # the shortest PDNC novel (dev split), ~8 s to analyse
LITBANK_DOC = "208_daisy_miller_a_study_brat"  # a LitBank dev document with 31 quotes

needs_datasets = pytest.mark.skipif(datasets_root() is None, reason=MISSING_REASON)


def run_eval(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "storyworld.cli", "eval", *args],
        capture_output=True, text=True, timeout=600, env={**os.environ, **(env or {})},
    )


def assert_one_line_error(result: subprocess.CompletedProcess[str], expected: str) -> None:
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("storyworld: error: "), result.stderr
    assert expected in lines[0]
    assert result.stdout == ""


def test_missing_datasets_is_one_line_and_exit_2(tmp_path: Path) -> None:
    missing = tmp_path / "no-datasets-here"
    result = run_eval("pdnc", env={"STORYWORLD_DATASETS": str(missing)})
    assert_one_line_error(result, "STORYWORLD_DATASETS")
    assert str(missing) in result.stderr


@pytest.mark.parametrize(
    "args, expected",
    [
        (("litbank", "--gold-quotes"), "pdnc only"),
        (("pdnc", "--doc", "x"), "litbank only"),
        (("litbank", "--novel", "x"), "pdnc only"),
        (("pdnc", "--split", "holdout"), "holdout"),
        (("pdnc", "--entities", "tagger"), "litbank only"),
    ],
)
def test_bad_options_are_one_line_and_exit_2(args: tuple[str, ...], expected: str) -> None:
    assert_one_line_error(run_eval(*args), expected)


@needs_datasets
def test_unknown_novel_is_one_line_and_exit_2() -> None:
    assert_one_line_error(run_eval("pdnc", "--novel", "NoSuchNovel"), "NoSuchNovel")


def _assert_scores_in_unit_interval(block: dict[str, Any]) -> None:
    for key, value in block.items():
        if isinstance(value, dict):
            _assert_scores_in_unit_interval(value)
        elif key in {"precision", "recall", "f1", "accuracy", "lenient_accuracy", "conll_f1"}:
            assert 0.0 <= value <= 1.0, (key, value)


@pytest.mark.datasets
@needs_datasets
def test_eval_pdnc_one_novel_json() -> None:
    result = run_eval("pdnc", "--novel", SHORT_NOVEL, "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["dataset"] == "pdnc" and data["part"] == "dev" and data["novels"] == 1
    assert data["command"] == f".venv/bin/storyworld eval pdnc --split dev --novel {SHORT_NOVEL}"
    assert set(data) >= {"headline", "quotes", "speakers", "speaker_b3", "speakers_by_type", "per_novel"}
    assert set(data["speakers_by_type"]) >= {"explicit", "anaphoric", "implicit"}
    assert set(data["headline"]) >= {
        "quote_exact_precision", "quote_exact_recall", "quote_exact_f1", "speaker_accuracy",
        "speaker_accuracy_explicit", "speaker_accuracy_anaphoric", "speaker_accuracy_implicit",
    }
    _assert_scores_in_unit_interval(data)
    # real figures, not a system that found nothing
    assert data["headline"]["quote_exact_f1"] > 0.5
    assert data["headline"]["speaker_accuracy"] > 0.2
    assert data["speakers"]["total"] == sum(t["total"] for t in data["speakers_by_type"].values())


@pytest.mark.datasets
@needs_datasets
def test_eval_pdnc_gold_quotes_written_to_file(tmp_path: Path) -> None:
    output = tmp_path / "pdnc.json"
    result = run_eval("pdnc", "--novel", SHORT_NOVEL, "--gold-quotes", "--format", "json", "-o", str(output))
    assert result.returncode == 0, result.stderr
    data = json.loads(output.read_text(encoding="utf-8"))
    assert data["gold_quotes"] is True
    assert data["quotes"]["exact"]["f1"] == 1.0  # given the gold spans, detection is perfect
    assert 0.2 < data["speakers"]["accuracy"] <= 1.0


@pytest.mark.datasets
@needs_datasets
def test_eval_litbank_one_document_text_and_json() -> None:
    result = run_eval("litbank", "--doc", LITBANK_DOC, "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["documents"] == {"entities": 1, "coref": 1}
    assert set(data) >= {"entities", "coref_per", "coref_all", "pronouns", "quotes", "speakers", "speaker_b3"}
    assert set(data["headline"]) >= {
        "entity_per_precision", "entity_per_recall", "entity_per_f1", "entity_all_f1",
        "coref_per_muc_f1", "coref_per_b3_f1", "coref_per_ceafe_f1", "coref_per_avg_f1",
        "pronoun_accuracy", "quote_exact_f1", "speaker_accuracy",
    }
    _assert_scores_in_unit_interval(data)
    assert data["headline"]["entity_per_f1"] > 0.1 and data["headline"]["quote_exact_f1"] > 0.5
    text = run_eval("litbank", "--doc", LITBANK_DOC)
    assert text.returncode == 0 and "entity_per_f1" in text.stdout


@pytest.mark.datasets
@needs_datasets
def test_eval_litbank_with_the_trained_tagger_scores_its_mentions() -> None:
    from storyworld.nlp.entities import entity_model_available

    if not entity_model_available():
        pytest.skip("the LitBank entity model is not in this checkout (make train-entities)")
    tagged = json.loads(run_eval("litbank", "--doc", LITBANK_DOC, "--entities", "tagger", "--format", "json").stdout)
    cast = json.loads(run_eval("litbank", "--doc", LITBANK_DOC, "--format", "json").stdout)
    assert tagged["entity_source"] == "tagger" and cast["entity_source"] == "characters"
    assert "--entities tagger" in tagged["command"]
    # the tagger finds common-noun mentions and places too, which the cast never holds
    assert tagged["entities"]["per"]["recall"] > cast["entities"]["per"]["recall"]
    assert tagged["entities"]["all"]["f1"] > cast["entities"]["all"]["f1"]
    assert tagged["coref_per"] == cast["coref_per"]  # only the entity layer changes


def test_speaker_b_cubed_leaves_unattributed_quotes_out() -> None:
    from storyworld.evaluation import speaker_b_cubed

    perfect = speaker_b_cubed(["A", "A", "B"], ["x", "x", "y"])
    assert perfect.precision == perfect.recall == 1.0
    nothing = speaker_b_cubed(["A", "A", "B"], [None, None, None])
    assert nothing.precision == nothing.recall == nothing.f1 == 0.0
    merged = speaker_b_cubed(["A", "A", "B"], ["x", "x", "x"])
    assert merged.recall == 1.0 and abs(merged.precision - 5 / 9) < 1e-9
