"""The pronoun-antecedent ranker, its weights, and the candidates it weighs, on passages
written for the tests (each pronoun test runs with the hand weights and with the ranker)."""

import numpy as np
import pytest
from storyhelpers import names_by_id

from storyworld.nlp.pronoun_ranker import (
    FEATURE_NAMES,
    SWITCH_ENV,
    Antecedent,
    Candidate,
    PronounSite,
    Salience,
    active_weights,
    best_character,
    features,
    hand_score,
    read_weights,
    save_weights,
    shipped_weights,
)
from storyworld.nlp.speaker_ranker import RULES_ONLY_ENV, RankerWeights


@pytest.fixture(params=["hand weights", "ranker"])
def chooser(request, monkeypatch):
    """Who chooses antecedents in the test: the hand weights or the shipped ranker."""
    monkeypatch.delenv(RULES_ONLY_ENV, raising=False)
    if request.param == "ranker":
        monkeypatch.setenv(SWITCH_ENV, "1")
    else:
        monkeypatch.setenv(SWITCH_ENV, "0")
    return request.param


@pytest.fixture
def ranker_on(monkeypatch):
    """The shipped ranker chooses antecedents (as it does by default)."""
    monkeypatch.delenv(RULES_ONLY_ENV, raising=False)
    monkeypatch.setenv(SWITCH_ENV, "1")


def pronoun_targets(world, text):
    names = names_by_id(world)
    return [
        (text[m.start : m.end], names[m.character]) for m in world.mentions if m.kind == "pronoun"
    ]


# ---- the weights ---------------------------------------------------------------------------


def test_the_package_ships_weights_for_the_current_features():
    weights = shipped_weights()
    assert weights is not None, "run 'make train-pronouns' to write data/models/pronoun_ranker.npz"
    assert weights.mean.shape == (len(FEATURE_NAMES),)
    assert weights.output.shape == (len(FEATURE_NAMES),)


def test_the_ranker_chooses_unless_switched_off(monkeypatch):
    monkeypatch.delenv(RULES_ONLY_ENV, raising=False)
    monkeypatch.delenv(SWITCH_ENV, raising=False)
    assert active_weights() is shipped_weights()
    monkeypatch.setenv(SWITCH_ENV, "0")
    assert active_weights() is None
    monkeypatch.setenv(SWITCH_ENV, "1")
    assert active_weights() is shipped_weights()
    monkeypatch.setenv(RULES_ONLY_ENV, "1")
    assert active_weights() is None


def test_weights_for_other_features_are_refused(tmp_path):
    weights = _hand_only_weights()
    path = tmp_path / "ranker.npz"
    save_weights(weights, path)
    read = read_weights(path)
    assert read is not None and np.allclose(read.output, weights.output)
    with np.load(path) as data:
        fields = dict(data)
    fields["feature_names"] = np.array([*FEATURE_NAMES[:-1], "a_feature_since_renamed"])
    np.savez(path, **fields)
    assert read_weights(path) is None


# ---- the features, on candidates built by hand ----------------------------------------------


def _hand_only_weights() -> RankerWeights:
    """Weights that score a candidate by its hand score alone (a zero correction)."""
    n = len(FEATURE_NAMES)
    output = np.zeros(n, np.float32)
    output[FEATURE_NAMES.index("hand_score")] = 1.0
    return RankerWeights(
        np.zeros(n, np.float32), np.ones(n, np.float32), np.zeros((n, 0), np.float32),
        np.zeros(0, np.float32), output,
    )


def _mention(cast_index: int, sentence: int, token: int, role: str = "other", **fields) -> Antecedent:
    return Antecedent(cast_index, sentence, role == "subject", token=token, role=role, **fields)


def _scene() -> tuple[PronounSite, list[Candidate], Salience]:
    """Three sentences back Anna (0) said something as a subject; one sentence back Beth (1)
    was an object, then Anna again, in a possessive; the pronoun is a subject."""
    mentions = [
        _mention(1, 4, 40, role="object"),
        _mention(0, 4, 35, role="possessive"),
        _mention(0, 2, 10, role="subject", speech_subject=True),
    ]
    salience = Salience()
    for mention in reversed(mentions):
        salience.add(mention)
    candidates = [Candidate(m, rank, True) for rank, m in enumerate(mentions)]
    return PronounSite(token=50, sentence=5, gender="f", case="subject"), candidates, salience


def test_each_candidate_character_gets_one_row_latest_first():
    site, candidates, salience = _scene()
    characters, rows = features(site, candidates, salience)
    assert characters == (1, 0)
    assert rows.shape == (2, len(FEATURE_NAMES))
    column = {name: rows[:, i] for i, name in enumerate(FEATURE_NAMES)}
    assert list(column["distance"]) == [1, 1]  # from each character's latest mention
    assert list(column["subject_distance"]) == [12, 3]  # Beth is never a subject nearby
    assert list(column["entries_in_window_log"]) == pytest.approx([0.0, np.log(2)])
    assert list(column["last_speaker"]) == [0, 1]
    assert list(column["pronoun_subject"]) == [1, 1]


def test_a_zero_correction_chooses_as_the_hand_weights_do():
    site, candidates, salience = _scene()
    characters, rows = features(site, candidates, salience)
    by_hand = max(candidates, key=lambda c: hand_score(site, c)).antecedent.cast_index
    assert best_character(_hand_only_weights(), characters, rows) == by_hand
    assert rows[characters.index(by_hand), FEATURE_NAMES.index("hand_best")] == 1


# ---- passages ------------------------------------------------------------------------------


def test_a_subject_pronoun_follows_the_subject_and_an_object_pronoun_the_object(analyse_text, chooser):
    text = "Anna met Beth in the garden. She smiled at her."
    targets = pronoun_targets(analyse_text(text), text)
    assert ("She", "Anna") in targets and ("her", "Beth") in targets


def test_the_ranker_reaches_back_past_a_long_description(analyse_text, ranker_on):
    """Six sentences back: beyond the hand weights' four, within the ranker's twelve."""
    text = (
        "Margaret stood at the window of the old house. The rain came down in sheets over the "
        "moor. The wind bent the thin trees by the gate. Far off, a bell rang in the village. "
        "The lamps were lit one by one along the road. Nothing moved in the yard. She turned "
        "away from the glass at last."
    )
    assert pronoun_targets(analyse_text(text), text) == [("She", "Margaret")]


def test_he_in_a_quote_is_not_its_speaker(analyse_text, chooser):
    text = 'Sam left the farm at dawn. Tom watched the road all morning.\n\n"He will be back by supper," Tom said.'
    assert pronoun_targets(analyse_text(text), text) == [("He", "Sam")]


def test_the_ranker_prefers_the_main_clauses_subject(analyse_text, ranker_on):
    """The hand weights take the latest subject (Beth, of the relative clause); the shipped
    ranker the subject of the sentence."""
    text = "Anna walked into the kitchen where Beth was baking. She asked for a biscuit."
    assert pronoun_targets(analyse_text(text), text) == [("She", "Anna")]
