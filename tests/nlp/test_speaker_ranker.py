"""The learned speaker ranker on dialogue written for the tests, and its weights."""

import numpy as np
import pytest
from storyhelpers import addressee_of, speaker_of

from storyworld.nlp.speaker_ranker import (
    FEATURE_NAMES,
    QuoteCandidates,
    RankerWeights,
    rank,
    read_weights,
    save_weights,
    shipped_weights,
    softmax,
)


def test_the_package_ships_weights_for_the_current_features():
    weights = shipped_weights()
    assert weights is not None, "run 'make train' to write data/models/speaker_ranker.npz"
    assert weights.mean.shape == (len(FEATURE_NAMES),)


def test_explicit_attributions_on_either_side_of_the_quote(analyse_text):
    text = (
        "Margaret walked into the garden where her brother was reading.\n\n"
        '"Have you seen my gloves?" Margaret asked.\n\n'
        '"They are on the hall table," said Henry, without looking up.\n\n'
        'Margaret frowned. "I looked there already."\n\n'
        '"Then look again," Henry said.'
    )
    world = analyse_text(text)
    assert speaker_of(world, "Have you seen my gloves?") == "Margaret"
    assert speaker_of(world, "They are on the hall table") == "Henry"
    assert speaker_of(world, "I looked there already") == "Margaret"
    assert speaker_of(world, "Then look again") == "Henry"


def test_untagged_turns_alternate_after_two_tagged_ones(analyse_text):
    text = (
        "The rain had not stopped all afternoon.\n\n"
        '"Shall we go out?" asked Catherine.\n\n'
        '"Not in this weather," replied Edmund.\n\n'
        '"But we promised the Tilneys."\n\n'
        '"They will understand."\n\n'
        '"I am not so sure of that."'
    )
    world = analyse_text(text)
    assert speaker_of(world, "But we promised the Tilneys") == "Catherine"
    assert speaker_of(world, "They will understand") == "Edmund"
    assert speaker_of(world, "I am not so sure of that") == "Catherine"


def test_the_addressee_is_never_the_speaker(analyse_text):
    text = (
        "Della counted the money three times.\n\n"
        '"One dollar and eighty-seven cents," Della said to herself.\n\n'
        '"Della, is that you?" called Jim from the stairs.\n\n'
        '"Yes, Jim," said Della.'
    )
    world = analyse_text(text)
    assert all(q.addressee is None or q.addressee != q.speaker for q in world.quotes)
    assert speaker_of(world, "is that you?") == "Jim"
    assert addressee_of(world, "is that you?") == "Della"
    assert speaker_of(world, "Yes, Jim") == "Della"
    assert addressee_of(world, "Yes, Jim") == "Jim"


def test_confidence_is_the_rankers_probability(analyse_text):
    world = analyse_text('"Hello," said Tom to Ann.\n\n"Hi," said Ann.')
    assert all(0.0 <= q.confidence <= 1.0 for q in world.quotes)
    assert world.quotes[0].confidence > 0.5


def _linear(weights_for_features: list[float]) -> RankerWeights:
    n = len(FEATURE_NAMES)
    return RankerWeights(
        mean=np.zeros(n, np.float32),
        scale=np.ones(n, np.float32),
        hidden=np.zeros((n, 0), np.float32),
        hidden_bias=np.zeros(0, np.float32),
        output=np.array(weights_for_features, np.float32),
    )


def test_rank_picks_the_highest_scoring_candidate_with_its_probability():
    output = [0.0] * len(FEATURE_NAMES)
    output[FEATURE_NAMES.index("rule_choice")] = 2.0
    features = np.zeros((2, len(FEATURE_NAMES)), np.float32)
    features[1, FEATURE_NAMES.index("rule_choice")] = 1.0
    speaker, probability = rank(_linear(output), QuoteCandidates((7, 9), features))
    assert speaker == 9
    assert probability == pytest.approx(float(softmax(np.array([0.0, 2.0]))[1]))
    assert rank(_linear(output), QuoteCandidates((), features[:0])) == (None, 0.0)


def test_weights_round_trip_and_stale_weights_are_ignored(tmp_path):
    weights = _linear([0.5] * len(FEATURE_NAMES))
    path = tmp_path / "ranker.npz"
    save_weights(weights, path)
    loaded = read_weights(path)
    assert loaded is not None
    assert np.allclose(loaded.output, weights.output)
    with np.load(path) as data:
        stale = {key: data[key] for key in data.files}
    stale["feature_names"] = np.array(FEATURE_NAMES[:-1])
    np.savez(path, **stale)
    assert read_weights(path) is None


def test_rules_only_switch_is_read_at_every_call(monkeypatch) -> None:
    from storyworld.nlp.speaker_ranker import model_available

    monkeypatch.delenv("STORYWORLD_RULES_ONLY", raising=False)
    assert model_available()
    monkeypatch.setenv("STORYWORLD_RULES_ONLY", "1")
    assert not model_available()
