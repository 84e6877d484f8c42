"""Coreference scores: MUC, B-cubed, CEAF-e and the CoNLL average.

Definitions follow the reference scorer as described by Pradhan et al. (2014), "Scoring
Coreference Partitions of Predicted Mentions: A Reference Implementation" (ACL), and Luo (2005),
"On Coreference Resolution Performance Metrics" (HLT/EMNLP) for CEAF with phi4:

* a partition is a list of clusters; a cluster is a set of mentions; a mention is any hashable
  value, here a half-open character span ``(start, end)``; mentions match only exactly;
* key (gold) and response (predicted) mentions need not be the same sets: a key mention missing
  from the response, or the reverse, simply earns nothing;
* singletons count (LitBank annotates them), except in MUC where they carry no links;
* over several documents, numerators and denominators are summed before dividing (micro
  average, as the reference scorer does for a multi-document file);
* 0/0 is scored 0.
"""

from __future__ import annotations

from collections.abc import Collection, Hashable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from .matching import max_weight_matching_sparse

Mention = tuple[int, int]
Clusters = Sequence[Collection[Hashable]]
"""A partition, typically ``list[set[tuple[int, int]]]``."""

METRICS: tuple[str, ...] = ("muc", "b3", "ceafe")


@dataclass(frozen=True)
class PRCounts:
    """Numerators and denominators of precision and recall, summable across documents."""

    precision_numerator: float = 0.0
    precision_denominator: float = 0.0
    recall_numerator: float = 0.0
    recall_denominator: float = 0.0

    def __add__(self, other: PRCounts) -> PRCounts:
        return PRCounts(
            self.precision_numerator + other.precision_numerator,
            self.precision_denominator + other.precision_denominator,
            self.recall_numerator + other.recall_numerator,
            self.recall_denominator + other.recall_denominator,
        )

    @property
    def precision(self) -> float:
        return safe_divide(self.precision_numerator, self.precision_denominator)

    @property
    def recall(self) -> float:
        return safe_divide(self.recall_numerator, self.recall_denominator)

    @property
    def f1(self) -> float:
        return f1_score(self.precision, self.recall)

    def as_dict(self) -> dict[str, float]:
        return {"precision": self.precision, "recall": self.recall, "f1": self.f1}


def safe_divide(numerator: float, denominator: float) -> float:
    return numerator / denominator if denominator else 0.0


def f1_score(precision: float, recall: float) -> float:
    return safe_divide(2 * precision * recall, precision + recall)


def normalise_clusters(clusters: Clusters) -> list[frozenset[Hashable]]:
    """Clusters as frozensets, empty ones dropped; a mention in two clusters is an error."""
    result: list[frozenset[Hashable]] = []
    seen: set[Hashable] = set()
    for cluster in clusters:
        members = frozenset(cluster)
        if not members:
            continue
        clash = members & seen
        if clash:
            raise ValueError(f"mention {next(iter(clash))!r} is in more than one cluster")
        seen |= members
        result.append(members)
    return result


def muc(key: Clusters, response: Clusters) -> PRCounts:
    """MUC (Vilain et al. 1995): links kept, counted over the partitions of each cluster."""
    key_sets, response_sets = normalise_clusters(key), normalise_clusters(response)
    recall_num, recall_den = _muc_side(key_sets, response_sets)
    precision_num, precision_den = _muc_side(response_sets, key_sets)
    return PRCounts(precision_num, precision_den, recall_num, recall_den)


def b_cubed(key: Clusters, response: Clusters) -> PRCounts:
    """B-cubed (Bagga & Baldwin 1998), per-mention, every mention weighted equally."""
    key_sets, response_sets = normalise_clusters(key), normalise_clusters(response)
    recall_num, recall_den = _b_cubed_side(key_sets, response_sets)
    precision_num, precision_den = _b_cubed_side(response_sets, key_sets)
    return PRCounts(precision_num, precision_den, recall_num, recall_den)


def ceaf_e(key: Clusters, response: Clusters) -> PRCounts:
    """Entity-based CEAF (Luo 2005) with phi4(K, R) = 2|K & R| / (|K| + |R|).

    The optimal one-to-one alignment of key and response clusters is found with the
    Kuhn-Munkres algorithm; recall divides its total similarity by the number of key
    clusters, precision by the number of response clusters.
    """
    key_sets, response_sets = normalise_clusters(key), normalise_clusters(response)
    similarity = _phi4_edges(key_sets, response_sets)
    alignment = max_weight_matching_sparse(similarity)
    total = sum(similarity[pair] for pair in alignment)
    return PRCounts(total, float(len(response_sets)), total, float(len(key_sets)))


def phi4(key_cluster: Collection[Hashable], response_cluster: Collection[Hashable]) -> float:
    overlap = len(set(key_cluster) & set(response_cluster))
    return safe_divide(2.0 * overlap, len(key_cluster) + len(response_cluster))


def conll_f1(muc_counts: PRCounts, b3_counts: PRCounts, ceafe_counts: PRCounts) -> float:
    """The CoNLL-2012 score: the unweighted mean of MUC, B-cubed and CEAF-e F1."""
    return (muc_counts.f1 + b3_counts.f1 + ceafe_counts.f1) / 3.0


def document_counts(key: Clusters, response: Clusters) -> dict[str, PRCounts]:
    """MUC, B-cubed and CEAF-e counts for one document."""
    return {"muc": muc(key, response), "b3": b_cubed(key, response), "ceafe": ceaf_e(key, response)}


def coreference_scores(documents: Iterable[tuple[Clusters, Clusters]]) -> dict[str, Any]:
    """Micro-averaged scores over ``(key, response)`` document pairs.

    Returns ``{"muc": {...}, "b3": {...}, "ceafe": {...}, "conll_f1": float, "documents": n,
    "key_mentions": n, "response_mentions": n, "key_clusters": n, "response_clusters": n}``,
    each metric a ``{"precision", "recall", "f1"}`` dict.
    """
    totals = {metric: PRCounts() for metric in METRICS}
    counts = {"documents": 0, "key_mentions": 0, "response_mentions": 0,
              "key_clusters": 0, "response_clusters": 0}
    for key, response in documents:
        for metric, value in document_counts(key, response).items():
            totals[metric] = totals[metric] + value
        key_sets, response_sets = normalise_clusters(key), normalise_clusters(response)
        counts["documents"] += 1
        counts["key_mentions"] += sum(len(c) for c in key_sets)
        counts["response_mentions"] += sum(len(c) for c in response_sets)
        counts["key_clusters"] += len(key_sets)
        counts["response_clusters"] += len(response_sets)
    result: dict[str, Any] = {metric: totals[metric].as_dict() for metric in METRICS}
    result["conll_f1"] = conll_f1(totals["muc"], totals["b3"], totals["ceafe"])
    result.update(counts)
    return result


@dataclass(frozen=True)
class PronounCounts:
    """Pronoun resolution counts, summable across documents (see :func:`pronoun_resolution`)."""

    eligible: int = 0
    non_anaphoric: int = 0
    detected: int = 0
    with_antecedent: int = 0
    correct: int = 0
    correct_any: int = 0

    def __add__(self, other: PronounCounts) -> PronounCounts:
        return PronounCounts(
            self.eligible + other.eligible,
            self.non_anaphoric + other.non_anaphoric,
            self.detected + other.detected,
            self.with_antecedent + other.with_antecedent,
            self.correct + other.correct,
            self.correct_any + other.correct_any,
        )

    @property
    def accuracy(self) -> float:
        return safe_divide(self.correct, self.eligible)

    @property
    def lenient_accuracy(self) -> float:
        return safe_divide(self.correct_any, self.eligible)

    def as_dict(self) -> dict[str, float | int]:
        return {
            "accuracy": self.accuracy,
            "lenient_accuracy": self.lenient_accuracy,
            "eligible": self.eligible,
            "non_anaphoric": self.non_anaphoric,
            "detected": self.detected,
            "with_antecedent": self.with_antecedent,
            "correct": self.correct,
            "correct_any": self.correct_any,
        }


def pronoun_resolution(
    key: Sequence[Collection[Mention]],
    pronouns: Collection[Mention],
    response: Sequence[Collection[Mention]],
) -> PronounCounts:
    """How often gold anaphoric pronouns get an antecedent from their own gold cluster.

    Mentions are ``(start, end)`` spans; mention ``a`` precedes ``p`` when ``a.start <
    p.start``. A gold pronoun ``p`` (a member of ``pronouns`` found in a ``key`` cluster ``G``)
    is *eligible* when some other mention of ``G`` precedes it; pronouns that open their gold
    cluster (cataphora, first mentions) are counted as ``non_anaphoric`` and left out.

    For an eligible ``p``, let ``P`` be the response cluster holding exactly ``p``'s span
    (none: wrong). Its *predicted antecedent* is the nearest mention of ``P`` preceding ``p``
    (largest start, then smallest end). ``p`` is ``correct`` when that antecedent's span is a
    mention of ``G``; ``correct_any`` when any preceding mention of ``P`` is. Accuracy is
    ``correct / eligible``, lenient accuracy ``correct_any / eligible``.
    """
    gold_of = {mention: i for i, cluster in enumerate(key) for mention in cluster}
    response_sets = normalise_clusters(response)
    response_of = _mention_index(response_sets)
    counts = PronounCounts()
    for pronoun in sorted(set(pronouns)):
        if pronoun not in gold_of:
            continue
        gold_cluster = key[gold_of[pronoun]]
        if not any(m[0] < pronoun[0] for m in gold_cluster):
            counts = counts + PronounCounts(non_anaphoric=1)
            continue
        counts = counts + _resolve_one(pronoun, gold_cluster, response_sets, response_of)
    return counts


def _resolve_one(
    pronoun: Mention,
    gold_cluster: Collection[Mention],
    response_sets: list[frozenset[Hashable]],
    response_of: dict[Hashable, int],
) -> PronounCounts:
    if pronoun not in response_of:
        return PronounCounts(eligible=1)
    predicted = response_sets[response_of[pronoun]]
    antecedents = [m for m in predicted if isinstance(m, tuple) and m[0] < pronoun[0]]
    if not antecedents:
        return PronounCounts(eligible=1, detected=1)
    gold = set(gold_cluster)
    nearest = max(antecedents, key=lambda m: (m[0], -m[1]))
    return PronounCounts(
        eligible=1,
        detected=1,
        with_antecedent=1,
        correct=int(nearest in gold),
        correct_any=int(any(m in gold for m in antecedents)),
    )


def _muc_side(
    clusters: list[frozenset[Hashable]], other: list[frozenset[Hashable]]
) -> tuple[float, float]:
    index = _mention_index(other)
    numerator = denominator = 0
    for cluster in clusters:
        parts: set[int] = set()
        unmatched = 0
        for mention in cluster:
            if mention in index:
                parts.add(index[mention])
            else:
                unmatched += 1
        numerator += len(cluster) - (len(parts) + unmatched)
        denominator += len(cluster) - 1
    return float(numerator), float(denominator)


def _b_cubed_side(
    clusters: list[frozenset[Hashable]], other: list[frozenset[Hashable]]
) -> tuple[float, float]:
    index = _mention_index(other)
    numerator = 0.0
    denominator = 0
    for cluster in clusters:
        overlaps: dict[int, int] = {}
        for mention in cluster:
            if mention in index:
                overlaps[index[mention]] = overlaps.get(index[mention], 0) + 1
        numerator += sum(n * n for n in overlaps.values()) / len(cluster)
        denominator += len(cluster)
    return numerator, float(denominator)


def _phi4_edges(
    key: list[frozenset[Hashable]], response: list[frozenset[Hashable]]
) -> dict[tuple[int, int], float]:
    index = _mention_index(response)
    edges: dict[tuple[int, int], float] = {}
    for i, cluster in enumerate(key):
        overlaps: dict[int, int] = {}
        for mention in cluster:
            if mention in index:
                overlaps[index[mention]] = overlaps.get(index[mention], 0) + 1
        for j, overlap in overlaps.items():
            edges[(i, j)] = 2.0 * overlap / (len(cluster) + len(response[j]))
    return edges


def _mention_index(clusters: list[frozenset[Hashable]]) -> dict[Hashable, int]:
    return {mention: i for i, cluster in enumerate(clusters) for mention in cluster}
