"""Precision and recall of suggested tags per family on tests/fixtures/tagging.

    .venv/bin/python bench/tagging_eval.py             # plain report, with every error
    .venv/bin/python bench/tagging_eval.py --markdown  # tables for docs/TAGGING.md / BENCHMARKS.md
    .venv/bin/python bench/tagging_eval.py --set tests/fixtures/tagging_blind   # totals only

A set whose passages are all of split ``blind`` (tests/fixtures/tagging_blind) is reported as
totals only: no passage names, no errors, so that nobody tunes on it by reading its report.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from storyworld.evaluation.tagging import evaluate, load_set, markdown, per_tag_markdown
from storyworld.nlp.pipeline import load_language

SET = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "tagging"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--markdown", action="store_true", help="print markdown tables only")
    parser.add_argument("--set", default=str(SET), help="directory with labels.yaml and passages/")
    args = parser.parse_args()
    nlp = load_language()
    started = time.perf_counter()
    splits = sorted({p.split for p in load_set(args.set)})
    if splits == ["blind"]:
        result = evaluate(args.set, nlp=nlp)
        print(markdown({"blind": result}))
        print(f"\nGentle passages given an archive warning: {len(result.gentle_warned)} of {result.gentle_passages}")
        return
    results = {split: evaluate(args.set, split=split, nlp=nlp) for split in splits}
    results["all"] = evaluate(args.set, nlp=nlp)
    elapsed = time.perf_counter() - started
    if args.markdown:
        print(markdown(results))
        print()
        print(per_tag_markdown(results["all"]))
        print(f"\nGentle passages given an archive warning: {results['all'].gentle_warned or 'none'}")
        return
    for name, result in results.items():
        print(f"== {name}: {result.passages} passages")
        for family, s in result.families.items():
            print(f"  {family:18} P={s.precision:.2f} R={s.recall:.2f} F1={s.f1:.2f}  "
                  f"(TP {s.true_positives}, FP {s.false_positives}, FN {s.false_negatives})")
        print(f"  gentle passages warned: {result.gentle_warned or 'none'}")
    print("\nErrors (all passages):")
    for family, s in results["all"].families.items():
        for error in s.errors:
            print(f"  {family}: {error}")
    print(f"\n{elapsed:.1f} s for three passes over the set")


if __name__ == "__main__":
    main()
