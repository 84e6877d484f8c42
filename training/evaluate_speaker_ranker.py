"""Score rules against the ranker with the evaluation harness (``evaluate_pdnc``).

    .venv/bin/python training/evaluate_speaker_ranker.py dev
    .venv/bin/python training/evaluate_speaker_ranker.py test   # only to report, never to tune

Runs the whole pipeline (parses replayed from bench/out/speaker_ranker/, see corpus.py) on
each novel of the part, end to end and with gold quote spans, once with the shipped ranker
and once with the rules alone, and prints speaker accuracy overall and per quote type.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import replayed_parses  # noqa: E402

import storyworld.nlp.speakers as speakers  # noqa: E402
from storyworld.analysis import analyze_text  # noqa: E402
from storyworld.evaluation.pdnc import evaluate_pdnc, load_pdnc_novel  # noqa: E402
from storyworld.evaluation.splits import pdnc_split  # noqa: E402


def scores(part: str, system: str, gold_quotes: bool) -> dict[str, object]:
    texts = {name: load_pdnc_novel(name).text for name in pdnc_split(part)}
    shipped = speakers.shipped_weights
    if system == "rules":
        speakers.shipped_weights = lambda: None  # type: ignore[assignment]
    try:
        with replayed_parses(texts):
            if gold_quotes:
                result = evaluate_pdnc(part, lambda t, q: analyze_text(t, q), gold_quotes=True)
            else:
                result = evaluate_pdnc(part, lambda t: analyze_text(t))
    finally:
        speakers.shipped_weights = shipped  # type: ignore[assignment]
    return {
        "overall": round(result["speakers"]["accuracy"], 4),
        **{k: round(v["accuracy"], 4) for k, v in result["speakers_by_type"].items()},
        "per_novel": {k: round(v["speaker_accuracy"], 4) for k, v in result["per_novel"].items()},
    }


def main() -> None:
    part = sys.argv[1] if len(sys.argv) > 1 else "dev"
    report = {
        f"{part} {'gold quotes' if gold else 'end to end'} {system}": scores(part, system, gold)
        for gold in (False, True)
        for system in ("rules", "ranker")
    }
    print(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
