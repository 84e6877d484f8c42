"""Pronoun resolution accuracy on a hand-built example."""

from __future__ import annotations

from storyworld.evaluation.coref_metrics import PronounCounts, pronoun_resolution

# "Alice(0,5) saw Bob(10,13). She(20,23) waved. He(30,32) smiled at her(40,43). His(50,53) ..."
ALICE, BOB = (0, 5), (10, 13)
SHE, HE, HER, HIS = (20, 23), (30, 32), (40, 43), (50, 53)
KEY = [{ALICE, SHE, HER}, {BOB, HE, HIS}]
PRONOUNS = {SHE, HE, HER, HIS}


def test_perfect_response() -> None:
    counts = pronoun_resolution(KEY, PRONOUNS, KEY)
    assert counts == PronounCounts(eligible=4, detected=4, with_antecedent=4, correct=4, correct_any=4)
    assert counts.accuracy == 1.0


def test_nearest_antecedent_decides_and_lenient_accepts_any() -> None:
    # she -> Alice (right); he missing; her clustered with (7,8) and Bob: nearest is Bob
    # (wrong) and nothing of Alice's precedes (wrong also leniently); his has no antecedent
    response = [{ALICE, SHE}, {(7, 8), BOB, HER}, {HIS}]
    counts = pronoun_resolution(KEY, PRONOUNS, response)
    assert counts.eligible == 4
    assert counts.detected == 3  # he is missing
    assert counts.with_antecedent == 2  # she, her
    assert counts.correct == 1 and counts.correct_any == 1
    response = [{ALICE, (15, 16), HER}, {BOB, HE}, {SHE}]
    counts = pronoun_resolution(KEY, PRONOUNS, response)
    # her: nearest antecedent (15,16) is not gold-Alice -> wrong; Alice precedes -> lenient right
    assert (counts.correct, counts.correct_any) == (1, 2)  # he right; her lenient only
    assert counts.accuracy == 0.25 and counts.lenient_accuracy == 0.5


def test_cluster_initial_pronoun_is_not_anaphoric() -> None:
    # "When she(0,3) arrived, Mary(10,14) ..." : cataphoric she is excluded
    key = [{(0, 3), (10, 14)}]
    counts = pronoun_resolution(key, {(0, 3)}, key)
    assert counts == PronounCounts(non_anaphoric=1)
    assert counts.accuracy == 0.0
