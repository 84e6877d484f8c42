"""storyworld on the held-out fan-fiction set: cast, quotes, speakers and narration per story.

Usage::

    .venv/bin/python bench/fanfic_eval.py [--markdown] [--errors] [--folder DIR]

Stories and gold labels: ``tests/fixtures/heldout`` (see its README for the counting rules);
the scorer is ``storyworld.evaluation.fanfic``. ``--markdown`` prints a table for
BENCHMARKS.md; ``--errors`` lists every failure (missed and non-characters, split aliases,
missed and extra quotes, wrong speakers). Where the gold files carry the world layer's keys
(``storyworld.evaluation.fanfic_world``) a second table scores relations, deaths, fandom,
warnings, rating and the emotional low point, and ``--errors`` lists its misses too.
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
from storyworld.evaluation.fanfic_world import (
    REPORTED_TYPES,
    WorldScore,
    WorldTotals,
    show_relation,
    world_totals,
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


# ---------------------------------------------------------------------------------------------
# The world layer


WORLD_HEADERS = [
    "story",
    "relations R",
    "relations P",
    "wrong dir",
    *REPORTED_TYPES,
    "deaths R",
    "deaths P",
    "fandom",
    "warnings R",
    "warnings P",
    "gentle flagged",
    "rating",
    "low point",
]
_NOT_SCORED = "-"


def _fraction(numerator: int, denominator: int) -> str:
    return f"{numerator}/{denominator}"


def _mark(right: bool | None) -> str:
    return _NOT_SCORED if right is None else ("ok" if right else "wrong")


def _world_row(score: WorldScore) -> list[str]:
    relations, deaths, warnings = score.relations, score.deaths, score.warnings
    types = relations.by_type() if relations else {}
    return [
        score.story,
        _fraction(len(relations.recovered), len(relations.gold)) if relations else _NOT_SCORED,
        _fraction(relations.correct, len(relations.predicted)) if relations else _NOT_SCORED,
        str(len(relations.wrong_direction)) if relations else _NOT_SCORED,
        *[
            _fraction(types[kind].recovered, types[kind].gold) if kind in types and types[kind].gold else _NOT_SCORED
            for kind in REPORTED_TYPES
        ],
        _fraction(len(deaths.right), len(deaths.gold)) if deaths else _NOT_SCORED,
        _fraction(len(deaths.right), len(deaths.predicted)) if deaths else _NOT_SCORED,
        _mark(score.fandom.right if score.fandom else None),
        _fraction(len(warnings.true_positives), len(warnings.gold)) if warnings else _NOT_SCORED,
        _fraction(len(warnings.true_positives), len(warnings.predicted)) if warnings else _NOT_SCORED,
        ("yes" if warnings.gentle_flagged else "no") if warnings and warnings.gentle else _NOT_SCORED,
        _mark(score.rating.right if score.rating else None),
        _mark(score.low_point.right if score.low_point else None),
    ]


def _counted(numerator: int, denominator: int) -> str:
    """A rate with its counts: ``67% (4/6)``; ``-`` where nothing was scored."""
    if not denominator:
        return _NOT_SCORED
    return f"{_pct(numerator / denominator)} ({numerator}/{denominator})"


def _world_total_row(total: WorldTotals) -> list[str]:
    types = total.relation_types
    return [
        f"TOTAL ({total.stories})",
        _counted(total.relations_recovered, total.relations_gold),
        _counted(total.relations_correct, total.relations_predicted),
        str(total.relations_wrong_direction),
        *[_counted(types[kind].recovered, types[kind].gold) for kind in REPORTED_TYPES],
        _counted(total.deaths_right, total.deaths_gold),
        _counted(total.deaths_right, total.deaths_predicted),
        _counted(total.fandom_right, total.fandom_scored),
        _counted(total.warnings_right, total.warnings_gold),
        _counted(total.warnings_right, total.warnings_predicted),
        _fraction(total.gentle_flagged, total.gentle_stories),
        _counted(total.rating_right, total.rating_scored),
        _counted(total.low_point_right, total.low_point_scored),
    ]


def world_notes(total: WorldTotals) -> list[str]:
    """Per-type relation recall and per-warning counts over the whole set."""
    types = ", ".join(
        f"{kind} {counts.recovered}/{counts.gold}"
        + (f" ({counts.wrong_direction} reversed)" if counts.wrong_direction else "")
        for kind, counts in total.relation_types.items()
        if counts.gold
    )
    warnings = ", ".join(
        f"{warning} TP {c.true_positives} FP {c.false_positives} FN {c.false_negatives}"
        for warning, c in total.per_warning.items()
        if c.true_positives or c.false_positives or c.false_negatives
    )
    return [
        f"relation recall by type: {types or 'no gold relations'}; predicted typed relations with an "
        f"unaligned end (left out of precision): {total.relations_unaligned}",
        f"archive warnings: {warnings or 'none gold or predicted'}; "
        f"dead characters aligned to no gold character: {total.deaths_unaligned}",
    ]


def world_rich_table(scores: list[WorldScore], total: WorldTotals) -> Table:
    table = Table(title="world layer: relations, deaths, fandom, warnings, rating, low point")
    for header in WORLD_HEADERS:
        table.add_column(header, justify="left" if header == "story" else "right")
    for score in scores:
        table.add_row(*_world_row(score))
    table.add_row(*_world_total_row(total), style="bold")
    return table


def world_markdown_table(scores: list[WorldScore], total: WorldTotals) -> str:
    lines = ["| " + " | ".join(WORLD_HEADERS) + " |", "|" + "---|" * len(WORLD_HEADERS)]
    for row in [*map(_world_row, scores), _world_total_row(total)]:
        lines.append("| " + " | ".join(row) + " |")
    return "\n".join(lines) + "\n\n" + "\n".join(world_notes(total))


def world_error_lines(score: WorldScore) -> list[str]:
    lines = []
    if score.relations:
        for key in score.relations.missed:
            reversed_ = key in score.relations.wrong_direction
            lines.append(f"  missed relation: {show_relation(key)}" + (" (predicted reversed)" if reversed_ else ""))
        for key in score.relations.extra:
            lines.append(f"  extra relation: {show_relation(key)}")
    if score.deaths:
        for name in score.deaths.missed:
            lines.append(f"  missed death: {name}")
        for name in score.deaths.extra:
            lines.append(f"  extra death: {name}")
        for name in score.deaths.unaligned:
            lines.append(f"  death of an unaligned character: {name}")
    if score.fandom and not score.fandom.right:
        lines.append(f"  fandom: gold={score.fandom.gold} predicted={list(score.fandom.predicted)}")
    if score.warnings:
        for warning in score.warnings.false_negatives:
            lines.append(f"  missed warning: {warning}")
        for warning in score.warnings.false_positives:
            lines.append(f"  extra warning: {warning}" + (" (gentle story)" if score.warnings.gentle else ""))
    if score.rating and not score.rating.right:
        lines.append(f"  rating: gold={score.rating.gold} predicted={score.rating.predicted}")
    low = score.low_point
    if low and not low.right:
        found = f"lowest window {low.predicted[0]}-{low.predicted[1]}" if low.predicted else "no emotion arc"
        lines.append(
            f"  low point: {low.gold!r} at {low.offset}, {found} (distance {low.distance}, limit {low.limit})"
        )
    return lines


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
    if score.world_layer is not None:
        lines.extend(world_error_lines(score.world_layer))
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
    world_scores = [s.world_layer for s in scores if s.world_layer is not None]
    world_total = world_totals(world_scores)
    elapsed = time.perf_counter() - began
    if args.markdown:
        print(markdown_table(scores, total))
        if world_scores:
            print("\n" + world_markdown_table(world_scores, world_total))
    else:
        console = Console()
        if not console.is_terminal:
            console = Console(width=260)
        console.print(rich_table(scores, total))
        if world_scores:
            console.print(world_rich_table(world_scores, world_total))
            for line in world_notes(world_total):
                console.print(line)
        console.print(f"{len(scores)} stories in {elapsed:.1f} s")
    if args.errors:
        for score in scores:
            lines = error_lines(score)
            if lines:
                print(f"\n{score.story}")
                print("\n".join(lines))


if __name__ == "__main__":
    main()
