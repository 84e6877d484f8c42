"""Train the realis event detector on LitBank's event layer; select it on dev.

    .venv/bin/python training/train_realis_events.py            # train, select, write weights
    .venv/bin/python training/train_realis_events.py --report   # also print dev figures
    .venv/bin/python training/train_realis_events.py --test     # score test (once, at the end)

The documents of LitBank's ``events`` split (ACL 2019; train and dev, test only with
``--test``) are parsed once with the ordinary pipeline (``storyworld.nlp.pipeline.parse``) and cached (``Doc.to_bytes``) under
bench/out/realis_events/ (gitignored). A candidate token (``realis.is_candidate``) is labelled
EVENT when its character span is a gold event token's span, as the evaluation
(``storyworld.evaluation.litbank_events``) matches them; gold tokens that are no candidate
count as misses in every figure printed here. The logistic model is fitted by full-batch Adam
(deterministic: zero start, fixed steps, no sampling); the L2 strength, the number of steps
and the threshold are chosen by dev F1 only. Weights go to
src/storyworld/data/models/realis_events.npz.

Measured with the shipped weights (l2=1e-4, 100 steps, threshold 0.33), token P/R/F1:
dev 70.2/72.2/71.1 (the rules: 44.6/72.9/55.3); test, scored once: 58.3/62.1/60.1 (the rules:
37.5/63.3/47.1; BookNLP small 70.6 F1).
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from spacy.tokens import Doc

from storyworld.evaluation.litbank_events import gold_event_spans
from storyworld.evaluation.splits import litbank_split
from storyworld.nlp import realis
from storyworld.nlp.pipeline import load_language, parse
from storyworld.nlp.realis import RealisWeights, TokenFeatures

REPO = Path(__file__).resolve().parents[1]
CACHE = REPO / "bench" / "out" / "realis_events"
WEIGHTS = REPO / "src" / "storyworld" / "data" / "models" / "realis_events.npz"
L2_GRID = (3e-5, 1e-4, 3e-4)
STEP_GRID = (100, 200, 400)
RATE = 0.05


@dataclass
class DocSet:
    """The candidate features of one document with their labels and the gold it holds."""

    name: str
    features: TokenFeatures
    labels: np.ndarray  # (candidates,) 1.0 for a gold event token
    gold: int  # gold event tokens, candidates or not


def cached_doc(doc_id: str, text: str) -> Doc:
    """The parse of one LitBank document, token vectors included (parsed and stored if new)."""
    nlp = load_language()
    path = CACHE / f"{doc_id}.doc"
    if path.is_file():
        doc = Doc(nlp.vocab).from_bytes(path.read_bytes(), exclude=["tensor", "user_data"])
        if doc.text == text:
            return doc
    doc = parse(text, nlp)
    CACHE.mkdir(parents=True, exist_ok=True)
    path.write_bytes(doc.to_bytes(exclude=["tensor", "user_data"]))
    return doc


def doc_set(doc_id: str) -> DocSet:
    gold, text = gold_event_spans(doc_id)
    doc = cached_doc(doc_id, text)
    features = realis.doc_features(doc)
    spans = [(doc[int(i)].idx, doc[int(i)].idx + len(doc[int(i)])) for i in features.tokens]
    labels = np.array([span in gold for span in spans], np.float32)
    return DocSet(doc_id, features, labels, len(gold))


@dataclass
class Stack:
    """Several documents' candidates as one matrix (rows renumbered)."""

    rows: np.ndarray
    indices: np.ndarray
    labels: np.ndarray
    gold: int


def stack(sets: Sequence[DocSet]) -> Stack:
    rows, offset = [], 0
    for data in sets:
        rows.append(data.features.rows + offset)
        offset += len(data.labels)
    return Stack(
        np.concatenate(rows),
        np.concatenate([d.features.indices for d in sets]),
        np.concatenate([d.labels for d in sets]),
        sum(d.gold for d in sets),
    )


def train(data: Stack, l2: float, steps: int) -> list[RealisWeights]:
    """Full-batch Adam on the mean log loss plus L2; the weights after each step count in
    ``STEP_GRID`` up to ``steps`` (threshold 0.5 until :func:`choose_threshold`)."""
    size = 1 << realis.HASH_BITS
    n = len(data.labels)
    params = [np.zeros(size), np.zeros(1)]
    moments = [(np.zeros_like(p), np.zeros_like(p)) for p in params]
    snapshots = []
    for step in range(1, steps + 1):
        scores = np.bincount(data.rows, weights=params[0][data.indices], minlength=n)
        residual = 1.0 / (1.0 + np.exp(-(scores + params[1][0]))) - data.labels
        grads = [
            np.bincount(data.indices, weights=residual[data.rows], minlength=size) / n + l2 * params[0],
            np.array([residual.mean()]),
        ]
        for param, grad, (m, s) in zip(params, grads, moments):
            m[:] = 0.9 * m + 0.1 * grad
            s[:] = 0.999 * s + 0.001 * grad * grad
            param -= RATE * (m / (1 - 0.9**step)) / (np.sqrt(s / (1 - 0.999**step)) + 1e-8)
        if step in STEP_GRID:
            shipped = params[0].astype(np.float16).astype(np.float32)  # as it will be stored
            snapshots.append(RealisWeights(shipped, float(params[1][0]), 0.5))
    return snapshots


def probabilities(weights: RealisWeights, sets: Sequence[DocSet]) -> np.ndarray:
    return np.concatenate([weights.probabilities(d.features) for d in sets])


def scores(predicted: np.ndarray, labels: np.ndarray, gold: int) -> dict[str, float]:
    """Token precision, recall and F1 as the evaluation counts them."""
    true_positives = float((predicted * labels).sum())
    chosen = float(predicted.sum())
    precision = true_positives / chosen if chosen else 0.0
    recall = true_positives / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4)}


def choose_threshold(probability: np.ndarray, labels: np.ndarray, gold: int) -> tuple[float, float]:
    """The threshold (0.05 .. 0.95) with the best F1, and that F1."""
    best = (0.5, -1.0)
    for threshold in np.arange(0.05, 0.96, 0.01):
        f1 = scores((probability >= threshold).astype(np.float32), labels, gold)["f1"]
        if f1 > best[1]:
            best = (round(float(threshold), 2), f1)
    return best


def select(train_sets: Sequence[DocSet], dev_sets: Sequence[DocSet]) -> tuple[RealisWeights, str]:
    """Train at every (L2, steps) of the grid; keep the weights and threshold with the best dev F1."""
    train_stack, dev_stack = stack(train_sets), stack(dev_sets)
    best: tuple[float, RealisWeights, str] | None = None
    for l2 in L2_GRID:
        for steps, weights in zip(STEP_GRID, train(train_stack, l2, max(STEP_GRID))):
            probability = probabilities(weights, dev_sets)
            threshold, f1 = choose_threshold(probability, dev_stack.labels, dev_stack.gold)
            label = f"l2={l2:g} steps={steps} threshold={threshold}"
            print(f"{label}: dev F1 {f1:.4f}", flush=True)
            if best is None or f1 > best[0]:
                best = (f1, RealisWeights(weights.weights, weights.bias, threshold), label)
    assert best is not None
    return best[1], best[2]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--report", action="store_true", help="print train and dev figures of the chosen model")
    parser.add_argument("--test", action="store_true", help="score the written model on test (once)")
    args = parser.parse_args()
    started = time.perf_counter()
    parts = ("train", "dev", "test") if args.test else ("train", "dev")
    sets = {part: [doc_set(i) for i in litbank_split("events", part)] for part in parts}
    print(f"features built in {time.perf_counter() - started:.0f} s", flush=True)
    chosen, label = select(sets["train"], sets["dev"])
    print(f"chose {label}; {time.perf_counter() - started:.0f} s in all")
    WEIGHTS.parent.mkdir(parents=True, exist_ok=True)
    realis.save_weights(chosen, WEIGHTS, realis.spacy_model_name())
    print(f"wrote {WEIGHTS.relative_to(REPO)} ({WEIGHTS.stat().st_size} bytes)")
    shown = [*(("train", "dev") if args.report else ()), *(("test",) if args.test else ())]
    report = {part: figures(chosen, sets[part]) for part in shown}
    if report:
        print(json.dumps(report, indent=1))


def figures(weights: RealisWeights, sets: Sequence[DocSet]) -> dict[str, float]:
    """Precision, recall and F1 of ``weights`` at their threshold on some documents."""
    data = stack(sets)
    predicted = (probabilities(weights, sets) >= weights.threshold).astype(np.float32)
    return scores(predicted, data.labels, data.gold)


if __name__ == "__main__":
    main()
