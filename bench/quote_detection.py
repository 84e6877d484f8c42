"""Quote detection against PDNC and LitBank: precision, recall and F1 of quote spans.

Usage::

    .venv/bin/python bench/quote_detection.py [--corpus pdnc|litbank|both] [--only NAME]
                                              [--errors N] [--datasets DIR]

A predicted span is the *content* of a ``QuoteSpan`` (inside the marks). Two matchings, each
one-to-one:

* exact: equal after stripping whitespace, quote marks and dialogue dashes from both ends;
* overlap: intersection over union of the stripped spans at least 0.5.

Data, read in place from ``../shared/datasets`` (nothing is copied into the repository):

* PDNC ``quotation_info.csv``: ``quoteByteSpans`` are character offsets of each
  sub-quotation *without* its marks (checked: over 98% of spans have a ``"`` right before and
  right after). PDNC splits a quote around a nested quote and leaves out letters, quoted
  reported speech and some unattributed speech, which costs precision here.
* LitBank ``quotations/tsv/*_brat.ann``: ``QUOTE id start_sentence start_token end_sentence
  end_token text`` rows (end token inclusive; the marks are inside the span) over the
  tokenised ``*_brat.txt`` (one sentence a line, no paragraph breaks). Tokens are aligned back
  onto ``original/<id>.txt`` (all 1,510 gold quotes align exactly), ``find_quotes`` runs on the
  whole original and predictions are clipped to the annotated excerpt. Works whose ``.ann`` is
  empty count as excerpts without quotes. No document split exists for this layer: all 87
  works are reported (13 of LitBank's 100 are held back and absent).

The scorer, ``score_spans``, is importable (tests load this file by path).
"""

from __future__ import annotations

import argparse
import ast
import csv
import json
import re
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

DEFAULT_DATASETS = Path(__file__).resolve().parents[2] / "shared" / "datasets"
MIN_IOU = 0.5
_STRIPPED = " \t\r\n\"'\u201c\u201d\u2018\u2019\u00ab\u00bb\u2014\u2015"

SpanPair = tuple[int, int]


# ---------------------------------------------------------------------------------------------
# Scoring


def normalise_span(span: SpanPair, text: str | None) -> SpanPair:
    """The span without surrounding whitespace, quote marks and dialogue dashes."""
    start, end = span
    if text is None:
        return start, end
    while start < end and text[start] in _STRIPPED:
        start += 1
    while end > start and text[end - 1] in _STRIPPED:
        end -= 1
    if text.startswith("--", start):
        start += 2
        while start < end and text[start] in _STRIPPED:
            start += 1
    return start, end


def iou(a: SpanPair, b: SpanPair) -> float:
    intersection = min(a[1], b[1]) - max(a[0], b[0])
    if intersection <= 0:
        return 0.0
    union = max(a[1], b[1]) - min(a[0], b[0])
    return intersection / union


def _prf(true_positives: int, predicted: int, gold: int) -> dict[str, float | int]:
    precision = true_positives / predicted if predicted else 0.0
    recall = true_positives / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"tp": true_positives, "precision": precision, "recall": recall, "f1": f1}


def _match_overlap(pred: list[SpanPair], gold: list[SpanPair], min_iou: float) -> int:
    """One-to-one matching, best pairs first; returns the number of matched pairs."""
    pairs: list[tuple[float, int, int]] = []
    gold_sorted = sorted(range(len(gold)), key=lambda g: gold[g])
    for p, span in enumerate(pred):
        for g in gold_sorted:
            if gold[g][0] >= span[1]:
                break
            score = iou(span, gold[g])
            if score >= min_iou:
                pairs.append((score, p, g))
    pairs.sort(key=lambda pair: -pair[0])
    used_pred: set[int] = set()
    used_gold: set[int] = set()
    for _, p, g in pairs:
        if p not in used_pred and g not in used_gold:
            used_pred.add(p)
            used_gold.add(g)
    return len(used_pred)


def score_spans(
    pred: Sequence[SpanPair],
    gold: Sequence[SpanPair],
    text: str | None = None,
    min_iou: float = MIN_IOU,
) -> dict[str, object]:
    """Precision, recall and F1 of predicted against gold spans, exact and overlap matching.

    With ``text``, both sides are first stripped of whitespace, quote marks and dialogue dashes.
    Returns ``{"pred": n, "gold": n, "exact": {tp, precision, recall, f1}, "overlap": {...}}``.
    """
    pred_spans = [normalise_span(span, text) for span in pred]
    gold_spans = [normalise_span(span, text) for span in gold]
    pred_spans = [span for span in pred_spans if span[1] > span[0]]
    gold_spans = [span for span in gold_spans if span[1] > span[0]]
    exact = len(set(pred_spans) & set(gold_spans))
    overlap = _match_overlap(pred_spans, gold_spans, min_iou)
    return {
        "pred": len(pred_spans),
        "gold": len(gold_spans),
        "exact": _prf(exact, len(pred_spans), len(gold_spans)),
        "overlap": _prf(overlap, len(pred_spans), len(gold_spans)),
    }


def combine(scores: Sequence[dict[str, object]]) -> dict[str, object]:
    """Micro-averaged scores from per-document ones."""
    def total(key: str, kind: str | None = None) -> int:
        count = 0
        for score in scores:
            value = score[kind] if kind else score
            assert isinstance(value, dict)
            count += int(value[key])
        return count

    pred, gold = total("pred"), total("gold")
    result: dict[str, object] = {"pred": pred, "gold": gold}
    for kind in ("exact", "overlap"):
        result[kind] = _prf(total("tp", kind), pred, gold)
    return result


# ---------------------------------------------------------------------------------------------
# Data


@dataclass
class Document:
    name: str
    text: str
    gold: list[SpanPair]
    region: SpanPair  # the annotated part of the text


def load_pdnc(datasets: Path) -> list[Document]:
    documents = []
    for folder in sorted((datasets / "pdnc" / "data").iterdir()):
        text = (folder / "novel_text.txt").read_text(encoding="utf-8")
        gold: list[SpanPair] = []
        with (folder / "quotation_info.csv").open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                gold.extend((int(s), int(e)) for s, e in json.loads(row["quoteByteSpans"]))
        documents.append(Document(folder.name, text, sorted(gold), (0, len(text))))
    return documents


def load_litbank(datasets: Path) -> list[Document]:
    """LitBank quotation layer, token spans aligned onto the original texts."""
    root = datasets / "litbank"
    documents = []
    for annotation in sorted((root / "quotations" / "tsv").glob("*_brat.ann")):
        stem = annotation.name[: -len("_brat.ann")]
        original = root / "original" / f"{stem}.txt"
        tokens_file = annotation.with_suffix(".txt")
        if not original.exists() or not tokens_file.exists():
            continue
        text = original.read_text(encoding="utf-8")
        lines = tokens_file.read_text(encoding="utf-8").split("\n")
        sentences = [line.split(" ") for line in lines]
        offsets = _align_tokens(text, sentences)
        if offsets is None:
            print(f"litbank: could not align {stem}", file=sys.stderr)
            continue
        gold = []
        for line in annotation.read_text(encoding="utf-8").splitlines():
            fields = line.split("\t")
            if len(fields) < 6 or fields[0] != "QUOTE":
                continue
            s_sent, s_tok, e_sent, e_tok = (int(value) for value in fields[2:6])
            gold.append((offsets[s_sent][s_tok][0], offsets[e_sent][e_tok][1]))
        flat = [span for sentence in offsets for span in sentence if span[1] > span[0]]
        region = (flat[0][0], flat[-1][1])
        documents.append(Document(stem, text, sorted(gold), region))
    return documents


_TOKEN_EQUIVALENTS = {
    "``": ('"', "\u201c"),
    "''": ('"', "\u201d"),
    "-LRB-": ("(",),
    "-RRB-": (")",),
}


def _align_tokens(text: str, sentences: list[list[str]]) -> list[list[SpanPair]] | None:
    """Character spans of LitBank's tokens in the original text (sequential search)."""
    words = [token for sentence in sentences for token in sentence if token]
    anchor = r"\s*".join(re.escape(token) for token in words[:12])
    found = re.search(anchor, text)
    if found is None:
        return None
    cursor = found.start()
    offsets: list[list[SpanPair]] = []
    for sentence in sentences:
        spans: list[SpanPair] = []
        for token in sentence:
            if not token:
                spans.append((cursor, cursor))
                continue
            span = _find_token(text, token, cursor)
            spans.append(span)
            cursor = max(cursor, span[1])
        offsets.append(spans)
    return offsets


def _find_token(text: str, token: str, cursor: int) -> SpanPair:
    while cursor < len(text) and text[cursor].isspace():
        cursor += 1
    for candidate in (token, *_TOKEN_EQUIVALENTS.get(token, ())):
        if text.startswith(candidate, cursor):
            return cursor, cursor + len(candidate)
    for candidate in (token, *_TOKEN_EQUIVALENTS.get(token, ())):
        position = text.find(candidate, cursor, cursor + 40)
        if position >= 0:
            return position, position + len(candidate)
    return cursor, cursor


# ---------------------------------------------------------------------------------------------
# Running


def predicted_spans(text: str, region: SpanPair) -> list[SpanPair]:
    from storyworld.nlp.quotes import find_quotes

    spans = []
    for quote in find_quotes(text):
        start = max(quote.content_start, region[0])
        end = min(quote.content_end, region[1])
        if end > start:
            spans.append((start, end))
    return spans


def _triple(score: dict[str, object], kind: str) -> str:
    values = score[kind]
    assert isinstance(values, dict)
    return f"{values['precision']:.3f} {values['recall']:.3f} {values['f1']:.3f}"


def _row(name: str, score: dict[str, object]) -> str:
    return (
        f"{name:<34} {score['gold']:>6} {score['pred']:>6}  "
        f"{_triple(score, 'exact')}  {_triple(score, 'overlap')}"
    )


def _header() -> str:
    return f"{'document':<34} {'gold':>6} {'pred':>6}  {'exact P/R/F1':<17}  overlap P/R/F1"


def _print_errors(document: Document, pred: list[SpanPair], limit: int) -> None:
    text = document.text
    gold = [normalise_span(span, text) for span in document.gold]
    predicted = [normalise_span(span, text) for span in pred]
    false_positives = [p for p in predicted if not any(iou(p, g) >= MIN_IOU for g in gold)]
    false_negatives = [g for g in gold if not any(iou(p, g) >= MIN_IOU for p in predicted)]
    for label, spans in (("FP", false_positives), ("FN", false_negatives)):
        for start, end in spans[:limit]:
            context = text[max(0, start - 60) : min(len(text), end + 60)]
            inside = text[start:end]
            print(f"  {label} {start}: {inside[:120]!r}\n       in {context[:260]!r}")


def evaluate(name: str, documents: list[Document], errors: int) -> dict[str, object]:
    print(f"\n== {name} ==\n{_header()}")
    scores = []
    elapsed = 0.0
    for document in documents:
        began = time.perf_counter()
        pred = predicted_spans(document.text, document.region)
        elapsed += time.perf_counter() - began
        score = score_spans(pred, document.gold, document.text)
        scores.append(score)
        print(_row(document.name[:34], score))
        if errors:
            _print_errors(document, pred, errors)
    total = combine(scores)
    print(_row("ALL (micro)", total))
    characters = sum(len(document.text) for document in documents)
    print(f"find_quotes: {characters / 1e6:.1f} M characters in {elapsed:.2f} s")
    return total


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--datasets", type=Path, default=DEFAULT_DATASETS)
    parser.add_argument("--errors", type=int, default=0, help="print N errors of each kind")
    parser.add_argument("--only", help="only documents whose name contains this")
    parser.add_argument("--corpus", choices=("pdnc", "litbank", "both"), default="both")
    arguments = parser.parse_args(argv)
    if arguments.corpus in ("pdnc", "both"):
        documents = load_pdnc(arguments.datasets)
        if arguments.only:
            documents = [d for d in documents if arguments.only.lower() in d.name.lower()]
        evaluate("PDNC", documents, arguments.errors)
    if arguments.corpus in ("litbank", "both"):
        documents = load_litbank(arguments.datasets)
        if arguments.only:
            documents = [d for d in documents if arguments.only.lower() in d.name.lower()]
        evaluate("LitBank quotations", documents, arguments.errors)
    return 0


if __name__ == "__main__":
    sys.exit(main())
