"""The evaluation set: warnings favour recall with precision at least 0.7; gentle stories unwarned."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyworld.evaluation.tagging import load_set, score

SET = Path(__file__).resolve().parent.parent / "fixtures" / "tagging"
BLIND = Path(__file__).resolve().parent.parent / "fixtures" / "tagging_blind"


def test_the_set_has_forty_labelled_passages():
    passages = load_set(SET)
    assert len(passages) >= 40
    assert all(p.labels.get("rating") and "warnings" in p.labels for p in passages)
    assert {p.split for p in passages} == {"dev", "heldout", "probe", "probe2", "probe3"}


def test_scorer_counts_per_family():
    gold = {"archive_warnings": {"Major Character Death"}, "rating": {"Mature"}, "content_warnings": set(),
            "additional": {"Angst"}, "fandoms": set()}
    predicted = {"archive_warnings": {"Major Character Death", "Rape/Non-Con"}, "rating": {"Mature"},
                 "content_warnings": {"death"}, "additional": set(), "fandoms": set()}
    result = score([("a", gold, predicted)])
    assert result.families["archive_warnings"].precision == 0.5
    assert result.families["archive_warnings"].recall == 1.0
    assert result.families["additional"].recall == 0.0


@pytest.mark.integration
def test_warnings_on_the_evaluation_set(nlp):
    from storyworld.evaluation.tagging import evaluate

    result = evaluate(SET, split=("dev", "heldout"), nlp=nlp)
    warnings = result.families["archive_warnings"]
    assert warnings.precision >= 0.7
    assert warnings.recall >= 0.7
    assert result.gentle_warned == []
    assert result.families["rating"].precision >= 0.7


def test_the_probe_split_is_scored_and_reported(nlp):
    from storyworld.evaluation.tagging import evaluate

    probe = evaluate(SET, split="probe", nlp=nlp)
    assert probe.passages == 16
    assert set(probe.families) >= {"archive_warnings", "rating"}
    warnings = probe.families["archive_warnings"]  # tuned on since the fourth session (was P 0, R 0)
    assert warnings.precision >= 0.7
    assert warnings.recall >= 0.6
    assert len(probe.gentle_warned) <= 1
    probe2 = evaluate(SET, split="probe2", nlp=nlp)  # written in the fourth session, tuned on since
    assert probe2.passages == 24
    assert probe2.families["archive_warnings"].precision >= 0.8
    assert probe2.families["archive_warnings"].recall >= 0.75
    assert len(probe2.gentle_warned) <= 1
    probe3 = evaluate(SET, split="probe3", nlp=nlp)  # deaths told without any cue: recall is low (0.19)
    assert probe3.passages == 24
    assert probe3.gentle_warned == []


def test_the_blind_tagging_set_is_labelled_in_the_tag_vocabulary():
    """Labels only: the blind set's passages are scored by bench/tagging_eval.py as totals."""
    from storyworld.tags.fandoms import load_gazetteer
    from storyworld.tags.vocabulary import ADDITIONAL_TAGS, ARCHIVE_WARNINGS, CONTENT_LABELS, RATINGS

    passages = load_set(BLIND)
    assert len(passages) == 24
    fandoms = {f.name for f in load_gazetteer()}
    for passage in passages:
        labels = passage.labels
        assert passage.split == "blind"
        assert labels["rating"] in RATINGS
        assert set(labels["warnings"]) <= set(ARCHIVE_WARNINGS)
        assert set(labels["content"]) <= set(CONTENT_LABELS)
        assert set(labels["additional"]) <= set(ADDITIONAL_TAGS)
        assert labels.get("fandom") is None or labels["fandom"] in fandoms
