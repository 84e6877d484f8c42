"""The learned realis event detector on sentences written for the tests, and its weights."""

from pathlib import Path

import numpy as np
import pytest

from storyworld.nlp import realis
from storyworld.nlp.events import realis_triggers, rule_realis_triggers
from storyworld.nlp.realis import (
    HASH_BITS,
    RealisWeights,
    doc_features,
    is_candidate,
    quoted_tokens,
    read_weights,
    realis_event_tokens,
    save_weights,
    shipped_weights,
    spacy_model_name,
)


def events_in(nlp, text: str) -> set[str]:
    return {t.text for t in realis_event_tokens(nlp(text))}


def probability_of(nlp, text: str, word: str) -> float:
    doc = nlp(text)
    features = doc_features(doc)
    weights = shipped_weights()
    assert weights is not None
    for index, probability in zip(features.tokens, weights.probabilities(features)):
        if doc[int(index)].text == word:
            return float(probability)
    raise AssertionError(f"{word!r} is no candidate in {text!r}")


def test_the_package_ships_weights_for_the_current_features(monkeypatch):
    monkeypatch.delenv(realis.RULES_ONLY_ENV, raising=False)
    weights = shipped_weights()
    assert weights is not None, "run 'make train-events' to write data/models/realis_events.npz"
    assert weights.weights.shape == (1 << HASH_BITS,)
    assert np.count_nonzero(weights.weights) > 10_000
    assert 0.05 <= weights.threshold <= 0.95
    assert realis.model_available()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("She screamed, and the crowd fled.", {"screamed", "fled"}),
        ("Margaret opened the letter and read it by the window.", {"opened", "read"}),
        ("He heard the noise of footsteps on the stairs.", {"heard", "noise"}),
    ],
)
def test_things_told_as_done_are_events(nlp, text, expected):
    found = events_in(nlp, text)
    assert expected <= found
    assert not found & {"crowd", "letter", "window", "stairs"}


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Tom never answered the letter.", "answered"),
        ("He did not open the door.", "open"),
        ("She would have married him.", "married"),
        ("She wished that he would leave.", "leave"),
    ],
)
def test_negated_and_modal_verbs_are_no_candidates(nlp, text, word):
    doc = nlp(text)
    token = next(t for t in doc if t.text == word)
    assert not is_candidate(token)
    assert word not in events_in(nlp, text)


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("He wanted to kill the king.", "kill"),  # a wish
        ("If it rains, we will stay inside.", "rains"),  # a condition
        ("If he had stayed, she would have forgiven him.", "stayed"),  # a counterfactual
        ("Unless you hurry, you will miss the coach.", "hurry"),
        ("Dogs bark at strangers.", "bark"),  # generic
        ("Cats usually sleep all day.", "sleep"),  # generic and habitual
    ],
)
def test_the_weights_leave_out_wishes_conditions_and_generics(nlp, text, word):
    weights = shipped_weights()
    assert weights is not None
    assert probability_of(nlp, text, word) < weights.threshold
    assert word not in events_in(nlp, text)


def test_realis_triggers_use_the_model_unless_rules_are_asked_for(nlp, monkeypatch):
    doc = nlp("He heard the noise of footsteps. She knew the answer and smiled.")
    monkeypatch.delenv(realis.RULES_ONLY_ENV, raising=False)
    assert [t.i for t in realis_triggers(doc)] == [t.i for t in realis_event_tokens(doc)]
    monkeypatch.setenv(realis.RULES_ONLY_ENV, "1")
    assert [t.i for t in realis_triggers(doc)] == [t.i for t in rule_realis_triggers(doc)]
    assert "noise" not in {t.text for t in realis_triggers(doc)}  # the rules mark verbs only


def test_quoted_speech_is_flagged(nlp):
    doc = nlp("“I saw him yesterday,” she said.")
    flags = dict(zip((t.text for t in doc), quoted_tokens(doc)))
    assert flags["saw"] and flags["yesterday"]
    assert not flags["she"] and not flags["said"]


def test_weights_round_trip_and_stale_weights_are_refused(tmp_path: Path):
    table = np.zeros(1 << HASH_BITS, np.float32)
    table[7] = 1.5
    path = tmp_path / "weights.npz"
    save_weights(RealisWeights(table, -0.25, 0.4), path, spacy_model_name())
    loaded = read_weights(path, spacy_model_name())
    assert loaded is not None
    assert loaded.weights[7] == 1.5 and loaded.bias == -0.25 and abs(loaded.threshold - 0.4) < 1e-6
    assert read_weights(path, "en_core_web_sm-2.0.0") is None
    np.savez(path, feature_version=np.array("realis-0"), spacy_model=np.array(spacy_model_name()))
    assert read_weights(path) is None
