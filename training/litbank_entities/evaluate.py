"""Score the entity tagger on LitBank (dev by default) with the harness's entity metrics.

``python training/litbank_entities/evaluate.py [--model DIR] [--part dev] [--via-doc]``
prints all-category and PER precision/recall/F1 (exact spans against every gold mention,
nested ones included, as storyworld.evaluation scores entities) and PER recall by gold kind.
Never run it on test while tuning.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import spacy

from storyworld.evaluation.entity_metrics import entity_scores
from storyworld.evaluation.litbank import gold_entity_spans, litbank_split, load_litbank_document
from storyworld.nlp import entities


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", type=Path, default=None)
    parser.add_argument("--part", default="dev")
    parser.add_argument("--via-doc", action="store_true", help="tag Docs from pipeline.parse")
    args = parser.parse_args()
    if args.model is not None:
        entities.load_entity_model.cache_clear()
        model = spacy.load(args.model)
        model.max_length = 50_000_000
        entities.load_entity_model = lambda: model  # type: ignore[assignment]
    pairs = []
    kinds: dict[str, list[int]] = {}
    for doc_id in litbank_split("entities", args.part):
        document = load_litbank_document(doc_id)
        if args.via_doc:
            from storyworld.nlp.pipeline import parse

            found = entities.literary_entities(parse(document.text))
        else:
            found = entities.literary_entities(document.text)
        predicted = {(e.start, e.end, e.label) for e in found}
        pairs.append((gold_entity_spans(document), predicted))
        for mention in document.entities:
            if mention.category == "PER":
                hit = kinds.setdefault(str(mention.kind), [0, 0])
                hit[0] += (mention.start, mention.end, "PER") in predicted
                hit[1] += 1
    scores = entity_scores(pairs)
    brief = {k: {m: round(scores[k][m], 3) for m in ("precision", "recall", "f1")} for k in ("all", "per")}
    brief["per_recall_by_kind"] = {k: round(a / b, 3) for k, (a, b) in kinds.items()}
    brief["by_label_f1"] = {k: round(v["f1"], 3) for k, v in scores["by_label"].items()}
    print(json.dumps(brief, indent=1))


if __name__ == "__main__":
    main()
