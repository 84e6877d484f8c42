"""Kuhn-Munkres matching against brute force."""

from __future__ import annotations

import itertools
import random

import pytest

from storyworld.evaluation.matching import max_weight_matching, max_weight_matching_sparse


def brute_force_best(weights: list[list[float]]) -> float:
    rows, cols = len(weights), len(weights[0])
    best = 0.0
    if rows <= cols:
        for perm in itertools.permutations(range(cols), rows):
            best = max(best, sum(weights[i][perm[i]] for i in range(rows)))
    else:
        for perm in itertools.permutations(range(rows), cols):
            best = max(best, sum(weights[perm[j]][j] for j in range(cols)))
    return best


def total(weights: list[list[float]], pairs: list[tuple[int, int]]) -> float:
    return sum(weights[i][j] for i, j in pairs)


def test_greedy_trap() -> None:
    weights = [[0.9, 0.8], [0.7, 0.0]]
    pairs = max_weight_matching(weights)
    assert pairs == [(0, 1), (1, 0)]
    assert total(weights, pairs) == pytest.approx(1.5)


@pytest.mark.parametrize("seed", range(40))
def test_matches_brute_force(seed: int) -> None:
    rng = random.Random(seed)
    rows, cols = rng.randint(1, 6), rng.randint(1, 6)
    weights = [[rng.choice([0.0, rng.random(), float(rng.randint(0, 3))]) for _ in range(cols)] for _ in range(rows)]
    pairs = max_weight_matching(weights)
    assert len({i for i, _ in pairs}) == len(pairs) == len({j for _, j in pairs})
    assert all(weights[i][j] > 0 for i, j in pairs)
    assert total(weights, pairs) == pytest.approx(brute_force_best(weights))


@pytest.mark.parametrize("seed", range(20))
def test_sparse_matches_dense(seed: int) -> None:
    rng = random.Random(100 + seed)
    edges = {(f"k{rng.randint(0, 7)}", f"r{rng.randint(0, 7)}"): rng.random() for _ in range(12)}
    lefts = sorted({a for a, _ in edges})
    rights = sorted({b for _, b in edges})
    dense = [[edges.get((a, b), 0.0) for b in rights] for a in lefts]
    pairs = max_weight_matching_sparse(edges)
    assert len({a for a, _ in pairs}) == len(pairs) == len({b for _, b in pairs})
    assert sum(edges[p] for p in pairs) == pytest.approx(brute_force_best(dense))


def test_empty_and_negative() -> None:
    assert max_weight_matching([]) == []
    assert max_weight_matching_sparse({}) == []
    with pytest.raises(ValueError):
        max_weight_matching([[1.0, -1.0]])
