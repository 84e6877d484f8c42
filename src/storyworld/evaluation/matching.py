"""Maximum-weight bipartite matching (Kuhn-Munkres / Hungarian algorithm), pure Python.

Used for CEAF alignment and for aligning predicted characters with gold clusters. Sparse
inputs are split into connected components first, so documents with hundreds of clusters
but few overlaps stay fast.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from typing import TypeVar

L = TypeVar("L", bound=Hashable)
R = TypeVar("R", bound=Hashable)

_INF = float("inf")


def max_weight_matching(weights: Sequence[Sequence[float]]) -> list[tuple[int, int]]:
    """One-to-one (row, column) pairs of maximum total weight; weights must be >= 0.

    Pairs of weight 0 are left out of the answer.
    """
    if not weights or not weights[0]:
        return []
    rows, cols = len(weights), len(weights[0])
    if any(len(row) != cols for row in weights):
        raise ValueError("weight matrix rows differ in length")
    if any(w < 0 for row in weights for w in row):
        raise ValueError("weights must be non-negative")
    transposed = rows > cols
    matrix = [list(col) for col in zip(*weights)] if transposed else [list(r) for r in weights]
    assignment = _hungarian_minimise([[-w for w in row] for row in matrix])
    pairs = [(i, j) for i, j in enumerate(assignment) if matrix[i][j] > 0]
    if transposed:
        pairs = [(j, i) for i, j in pairs]
    return sorted(pairs)


def max_weight_matching_sparse(edges: Mapping[tuple[L, R], float]) -> list[tuple[L, R]]:
    """Maximum-weight one-to-one matching given only the non-zero edges ``(left, right) -> w``."""
    positive = {pair: w for pair, w in edges.items() if w > 0}
    if any(w < 0 for w in edges.values()):
        raise ValueError("weights must be non-negative")
    result: list[tuple[L, R]] = []
    for component in _components(list(positive)):
        lefts = sorted({left for left, _ in component}, key=repr)
        rights = sorted({right for _, right in component}, key=repr)
        if len(component) == 1:
            result.append(component[0])
            continue
        left_index = {left: i for i, left in enumerate(lefts)}
        right_index = {right: j for j, right in enumerate(rights)}
        matrix = [[0.0] * len(rights) for _ in lefts]
        for left, right in component:
            matrix[left_index[left]][right_index[right]] = positive[(left, right)]
        result.extend((lefts[i], rights[j]) for i, j in max_weight_matching(matrix))
    return result


def _components(edges: list[tuple[L, R]]) -> list[list[tuple[L, R]]]:
    parent: dict[tuple[str, Hashable], tuple[str, Hashable]] = {}

    def find(node: tuple[str, Hashable]) -> tuple[str, Hashable]:
        parent.setdefault(node, node)
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for left, right in edges:
        root_left, root_right = find(("L", left)), find(("R", right))
        if root_left != root_right:
            parent[root_left] = root_right
    groups: dict[tuple[str, Hashable], list[tuple[L, R]]] = {}
    for left, right in edges:
        groups.setdefault(find(("L", left)), []).append((left, right))
    return list(groups.values())


def _hungarian_minimise(cost: list[list[float]]) -> list[int]:
    """Column assigned to each row minimising total cost; needs rows <= columns. O(n^2 m)."""
    n, m = len(cost), len(cost[0])
    u = [0.0] * (n + 1)
    v = [0.0] * (m + 1)
    owner = [0] * (m + 1)  # owner[j]: row (1-based) assigned to column j, 0 if none
    way = [0] * (m + 1)
    for row in range(1, n + 1):
        owner[0] = row
        column = 0
        min_slack = [_INF] * (m + 1)
        used = [False] * (m + 1)
        while True:
            used[column] = True
            current_row = owner[column]
            delta = _INF
            next_column = 0
            for j in range(1, m + 1):
                if used[j]:
                    continue
                slack = cost[current_row - 1][j - 1] - u[current_row] - v[j]
                if slack < min_slack[j]:
                    min_slack[j] = slack
                    way[j] = column
                if min_slack[j] < delta:
                    delta = min_slack[j]
                    next_column = j
            for j in range(m + 1):
                if used[j]:
                    u[owner[j]] += delta
                    v[j] -= delta
                else:
                    min_slack[j] -= delta
            column = next_column
            if owner[column] == 0:
                break
        while column:
            previous = way[column]
            owner[column] = owner[previous]
            column = previous
    assignment = [-1] * n
    for j in range(1, m + 1):
        if owner[j]:
            assignment[owner[j] - 1] = j - 1
    return assignment
