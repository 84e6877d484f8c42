"""Coreference scorers checked on hand-worked examples from the literature."""

from __future__ import annotations

import pytest

from storyworld.evaluation.coref_metrics import (
    PRCounts,
    b_cubed,
    ceaf_e,
    conll_f1,
    coreference_scores,
    muc,
    phi4,
)

# Pradhan et al. (2014), "Scoring Coreference Partitions of Predicted Mentions", Figure 1.
PRADHAN_KEY = [{"a", "b", "c"}, {"d", "e", "f", "g"}]
PRADHAN_RESPONSE = [{"a", "b"}, {"c", "d"}, {"f", "g", "h", "i"}]

# Luo (2005), "On Coreference Resolution Performance Metrics", Figure 1: key and systems (a)-(d).
LUO_KEY = [set("12345"), set("67"), set("89ABC")]
LUO_SYSTEMS = {
    "a": [set("12345"), set("6789ABC")],
    "b": [set("123456789ABC") - set("67"), set("67")],
    "c": [set("123456789ABC")],
    "d": [{m} for m in "123456789ABC"],
}


def test_muc_pradhan_example() -> None:
    # recall: K1 split in 2 parts (3-2=1), K2 in 3 parts: {d}, {e} unmatched, {f,g} (4-3=1) -> 2/5
    # precision: R1 1/1, R2 {c},{d} 0/1, R3 {f,g},{h},{i} 1/3 -> 2/5
    score = muc(PRADHAN_KEY, PRADHAN_RESPONSE)
    assert (score.recall_numerator, score.recall_denominator) == (2, 5)
    assert (score.precision_numerator, score.precision_denominator) == (2, 5)
    assert score.f1 == pytest.approx(0.40)


def test_b_cubed_pradhan_example() -> None:
    # recall = (2^2/3 + 1^2/3 + 1^2/4 + 2^2/4) / 7 = (35/12) / 7 = 0.4167 (paper: 0.42)
    # precision = (2^2/2 + 1^2/2 + 1^2/2 + 2^2/4) / 8 = 4/8 (paper: 0.50)
    score = b_cubed(PRADHAN_KEY, PRADHAN_RESPONSE)
    assert score.recall == pytest.approx(35 / 12 / 7)
    assert score.precision == pytest.approx(0.5)
    assert score.f1 == pytest.approx(5 / 11)  # 2PR/(P+R) = (35/84)/(77/84)


def test_ceaf_e_pradhan_example() -> None:
    # best alignment K1-R1 (phi4 = 4/5) and K2-R3 (phi4 = 4/8): total 1.3
    # recall 1.3/2 = 0.65, precision 1.3/3 = 0.43, F1 0.52 (as in the paper)
    score = ceaf_e(PRADHAN_KEY, PRADHAN_RESPONSE)
    assert score.recall == pytest.approx(0.65)
    assert score.precision == pytest.approx(1.3 / 3)
    assert round(score.f1, 2) == 0.52


def test_conll_is_mean_of_three_f1() -> None:
    m, b, c = (f(PRADHAN_KEY, PRADHAN_RESPONSE) for f in (muc, b_cubed, ceaf_e))
    assert conll_f1(m, b, c) == pytest.approx((m.f1 + b.f1 + c.f1) / 3)


@pytest.mark.parametrize(
    ("system", "muc_f1", "b3_f1", "ceafe_f1"),
    [
        # Luo (2005), Table 1 (MUC, B-cubed and phi4 CEAF F-measures)
        ("a", 0.947, 0.865, 0.733),
        ("b", 0.947, 0.737, 0.667),
        ("c", 0.900, 0.545, 0.294),
        ("d", 0.0, 0.400, 0.178),
    ],
)
def test_luo_examples(system: str, muc_f1: float, b3_f1: float, ceafe_f1: float) -> None:
    response = LUO_SYSTEMS[system]
    assert round(muc(LUO_KEY, response).f1, 3) == muc_f1
    assert round(b_cubed(LUO_KEY, response).f1, 3) == b3_f1
    assert round(ceaf_e(LUO_KEY, response).f1, 3) == ceafe_f1


def test_luo_a_ceaf_e_exact() -> None:
    # K1-R1 phi4 = 1, K3-R2 phi4 = 10/12; K2 unaligned. R = (11/6)/3, P = (11/6)/2
    score = ceaf_e(LUO_KEY, LUO_SYSTEMS["a"])
    assert score.recall == pytest.approx(11 / 18)
    assert score.precision == pytest.approx(11 / 12)


def test_perfect_response_scores_one() -> None:
    key = [{(0, 3), (10, 12)}, {(5, 7)}, {(20, 25), (30, 33), (40, 41)}]
    for scorer in (muc, b_cubed, ceaf_e):
        score = scorer(key, [set(c) for c in key])
        assert (score.precision, score.recall, score.f1) == (1.0, 1.0, 1.0)


def test_empty_response_scores_zero() -> None:
    for scorer in (muc, b_cubed, ceaf_e):
        score = scorer(PRADHAN_KEY, [])
        assert (score.precision, score.recall, score.f1) == (0.0, 0.0, 0.0)


def test_singletons_count_in_b_cubed_and_ceaf_but_not_muc() -> None:
    key = [{"x"}, {"y"}]
    response = [{"x"}, {"y"}]
    assert muc(key, response).recall_denominator == 0
    assert b_cubed(key, response).f1 == 1.0
    assert ceaf_e(key, response).f1 == 1.0


def test_twinless_mentions_earn_nothing() -> None:
    # response mention "z" is not in the key; key mention "c" is not in the response
    key = [{"a", "b", "c"}]
    response = [{"a", "b", "z"}]
    assert b_cubed(key, response).recall == pytest.approx((4 / 3) / 3)
    assert b_cubed(key, response).precision == pytest.approx((4 / 3) / 3)
    assert muc(key, response).recall == pytest.approx(1 / 2)
    assert ceaf_e(key, response).f1 == pytest.approx(phi4(key[0], response[0]))


def test_mention_in_two_clusters_is_rejected() -> None:
    with pytest.raises(ValueError, match="more than one cluster"):
        muc([{"a", "b"}, {"b", "c"}], [{"a"}])


def test_ceaf_e_uses_the_optimal_alignment_not_a_greedy_one() -> None:
    # phi4: K1-R1 = 2*2/(3+3) = 2/3, K1-R2 = 2*1/(3+1) = 1/2, K2-R1 = 2*1/(1+3) = 1/2,
    # K2-R2 = 0. Greedy takes the largest pair K1-R1 (2/3) and is left with nothing;
    # the optimum is K1-R2 + K2-R1 = 1.
    key = [{"a", "b", "d"}, {"c"}]
    response = [{"a", "b", "c"}, {"d"}]
    assert phi4(key[0], response[0]) == pytest.approx(2 / 3)
    score = ceaf_e(key, response)
    assert score.recall == pytest.approx(1 / 2)
    assert score.precision == pytest.approx(1 / 2)


def test_multi_document_scores_are_micro_averaged() -> None:
    documents = [(PRADHAN_KEY, PRADHAN_RESPONSE), (LUO_KEY, LUO_SYSTEMS["a"])]
    result = coreference_scores(documents)
    muc_total = muc(*documents[0]) + muc(*documents[1])
    assert result["muc"]["recall"] == pytest.approx(muc_total.recall)
    assert muc_total.recall == pytest.approx((2 + 9) / (5 + 9))
    b3_total = b_cubed(*documents[0]) + b_cubed(*documents[1])
    ceafe_total = ceaf_e(*documents[0]) + ceaf_e(*documents[1])
    assert result["conll_f1"] == pytest.approx((muc_total.f1 + b3_total.f1 + ceafe_total.f1) / 3)
    assert result["documents"] == 2
    assert result["key_mentions"] == 7 + 12
    assert result["response_clusters"] == 3 + 2


def test_pr_counts_zero_denominators_give_zero() -> None:
    assert PRCounts().as_dict() == {"precision": 0.0, "recall": 0.0, "f1": 0.0}
