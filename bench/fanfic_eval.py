"""storyworld on the held-out fan-fiction set: cast, quotes, speakers and narration per story.

Usage::

    .venv/bin/python bench/fanfic_eval.py [--markdown] [--errors] [--folder DIR]

Stories and gold labels: ``tests/fixtures/heldout`` (see its README for the counting rules);
the scorer is ``storyworld.evaluation.fanfic``. ``--markdown`` prints a table for
BENCHMARKS.md; ``--errors`` lists every failure (missed and non-characters, split aliases,
missed and extra quotes, wrong speakers).
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from rich.console import Console
from rich.table import Table

from storyworld.evaluation.fanfic import (
    HELDOUT_DIR,
    StoryScore,
    Totals,
    evaluate_heldout,
    story_rates,
    totals,
)

COLUMNS = [
    ("cast R", "cast_recall"),
    ("cast P", "cast_precision"),
    ("quote R", "quote_recall"),
    ("quote P", "quote_precision"),
    ("speaker", "speaker_accuracy"),
    ("addressee", "addressee_accuracy"),
]


def _pct(value: float) -> str:
    return f"{100 * value:.0f}%"


def _narration(score: StoryScore) -> str:
    marks = [
        ("person", score.person_right, score.person[1]),
        ("tense", score.tense_right, score.tense[1]),
        ("focal", score.focal_right, score.focal[1]),
    ]
    wrong = [f"{label}={shown}" for label, right, shown in marks if not right]
    return "ok" if not wrong else "; ".join(wrong)


def _row(score: StoryScore) -> list[str]:
    rates = story_rates(score)
    return [
        score.story,
        *[_pct(rates[key]) for _, key in COLUMNS],
        str(len(score.cast.splits)),
        str(len(score.cast.non_characters) + len(score.cast.unlabelled)),
        _narration(score),
    ]


def _total_row(total: Totals) -> list[str]:
    return [
        f"TOTAL ({total.stories})",
        *[_pct(total.rates[key]) for _, key in COLUMNS],
        str(total.splits),
        str(total.non_characters + total.unlabelled),
        f"person {total.person_right}/{total.stories}, tense {total.tense_right}/{total.stories}, "
        f"focal {total.focal_right}/{total.stories}",
    ]


HEADERS = ["story", *[label for label, _ in COLUMNS], "splits", "extra chars", "narration"]


def rich_table(scores: list[StoryScore], total: Totals) -> Table:
    table = Table(title="storyworld on the held-out fan-fiction set")
    for header in HEADERS:
        table.add_column(header, justify="left" if header in ("story", "narration") else "right")
    for score in scores:
        table.add_row(*_row(score))
    table.add_row(*_total_row(total), style="bold")
    return table


def markdown_table(scores: list[StoryScore], total: Totals) -> str:
    lines = ["| " + " | ".join(HEADERS) + " |", "|" + "---|" * len(HEADERS)]
    for row in [*map(_row, scores), _total_row(total)]:
        lines.append("| " + " | ".join(row) + " |")
    counts = (
        f"{total.gold_characters} gold characters, {total.gold_quotes} gold quotes; "
        f"micro-averaged over stories. Speaker and addressee accuracy are over all gold quotes "
        f"(a quote not found counts as wrong)."
    )
    return "\n".join(lines) + "\n\n" + counts


def error_lines(score: StoryScore) -> list[str]:
    cast = score.cast
    lines = []
    if cast.missed:
        lines.append(f"  missed characters: {', '.join(cast.missed)}")
    for gold, found in cast.splits.items():
        lines.append(f"  split: {gold} -> {' | '.join(found)}")
    if cast.conflated:
        lines.append(f"  conflated: {', '.join(cast.conflated)}")
    if cast.non_characters:
        lines.append(f"  non-characters: {', '.join(cast.non_characters)}")
    if cast.unlabelled:
        lines.append(f"  unlabelled predicted characters: {', '.join(cast.unlabelled)}")
    for text in score.missed_quotes:
        lines.append(f"  missed quote: {text!r}")
    for text in score.extra_quotes:
        lines.append(f"  extra quote: {text[:50]!r}")
    for error in score.speaker_errors:
        lines.append(f"  speaker: {error.quote!r} gold={error.gold} predicted={error.predicted}")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folder", type=Path, default=HELDOUT_DIR)
    parser.add_argument("--markdown", action="store_true", help="print a Markdown table")
    parser.add_argument("--errors", action="store_true", help="list every failure per story")
    args = parser.parse_args()
    began = time.perf_counter()
    scores = evaluate_heldout(args.folder)
    total = totals(scores)
    elapsed = time.perf_counter() - began
    if args.markdown:
        print(markdown_table(scores, total))
    else:
        console = Console()
        if not console.is_terminal:
            console = Console(width=160)
        console.print(rich_table(scores, total))
        console.print(f"{len(scores)} stories in {elapsed:.1f} s")
    if args.errors:
        for score in scores:
            lines = error_lines(score)
            if lines:
                print(f"\n{score.story}")
                print("\n".join(lines))


if __name__ == "__main__":
    main()
