"""Tagging evaluation: precision and recall per tag family on a labelled set of passages.

The set is a directory with ``passages/*.txt`` and ``labels.yaml`` (see
``tests/fixtures/tagging``). Each passage is read as a plain-text work (disclaimers become
paratext), analysed, and its suggested tags compared with the labels, micro-averaged per family:
``archive_warnings`` ("No Archive Warnings Apply" is the empty set), ``rating`` (one label each,
so precision = recall = accuracy), ``content_warnings``, ``additional`` and ``fandoms``. Gentle
passages (no warnings labelled) that still got an archive warning are listed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

FAMILIES = ("archive_warnings", "rating", "content_warnings", "additional", "fandoms")
NO_WARNINGS = "No Archive Warnings Apply"


@dataclass(frozen=True)
class Passage:
    id: str
    text: str
    labels: dict[str, Any]

    @property
    def split(self) -> str:
        return str(self.labels.get("split", "dev"))


@dataclass
class FamilyScore:
    true_positives: int = 0
    false_positives: int = 0
    false_negatives: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        found = self.true_positives + self.false_positives
        return self.true_positives / found if found else 1.0

    @property
    def recall(self) -> float:
        wanted = self.true_positives + self.false_negatives
        return self.true_positives / wanted if wanted else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class TaggingScore:
    passages: int
    families: dict[str, FamilyScore]
    per_tag: dict[str, dict[str, FamilyScore]]
    gentle_warned: list[str]
    gentle_passages: int = 0  # passages whose gold has no archive warning


def load_set(directory: str | Path) -> list[Passage]:
    import yaml

    root = Path(directory)
    labels = yaml.safe_load((root / "labels.yaml").read_text(encoding="utf-8"))["passages"]
    return [
        Passage(pid, (root / "passages" / f"{pid}.txt").read_text(encoding="utf-8"), dict(label))
        for pid, label in labels.items()
    ]


def gold_of(passage: Passage) -> dict[str, set[str]]:
    labels = passage.labels
    fandom = labels.get("fandom")
    return {
        "archive_warnings": set(labels.get("warnings") or []),
        "rating": {labels["rating"]},
        "content_warnings": set(labels.get("content") or []),
        "additional": set(labels.get("additional") or []),
        "fandoms": {fandom} if fandom else set(),
    }


def predicted_of(tags: Mapping[str, Any], gazetteer_names: Callable[[str], str] | None = None) -> dict[str, set[str]]:
    fandoms = set(tags.get("fandoms", []))
    if gazetteer_names is not None:
        fandoms = {gazetteer_names(f) for f in fandoms}
    return {
        "archive_warnings": {w for w in tags.get("archive_warnings", []) if w != NO_WARNINGS},
        "rating": {tags["rating"]},
        "content_warnings": {c["label"] for c in tags.get("content_warnings", [])},
        "additional": set(tags.get("additional", [])),
        "fandoms": fandoms,
    }


def score(pairs: Iterable[tuple[str, dict[str, set[str]], dict[str, set[str]]]]) -> TaggingScore:
    """Micro-averaged scores from ``(passage id, gold, predicted)`` triples."""
    families = {f: FamilyScore() for f in FAMILIES}
    per_tag: dict[str, dict[str, FamilyScore]] = {f: {} for f in FAMILIES}
    gentle: list[str] = []
    count = gentle_count = 0
    for pid, gold, predicted in pairs:
        count += 1
        gentle_count += not gold["archive_warnings"]
        if not gold["archive_warnings"] and predicted["archive_warnings"]:
            gentle.append(pid)
        for family in FAMILIES:
            wanted, found = gold[family], predicted[family]
            total = families[family]
            for tag in wanted | found:
                tag_score = per_tag[family].setdefault(tag, FamilyScore())
                if tag in wanted and tag in found:
                    total.true_positives += 1
                    tag_score.true_positives += 1
                elif tag in found:
                    total.false_positives += 1
                    tag_score.false_positives += 1
                    total.errors.append(f"{pid}: +{tag}")
                else:
                    total.false_negatives += 1
                    tag_score.false_negatives += 1
                    total.errors.append(f"{pid}: -{tag}")
    return TaggingScore(count, families, per_tag, gentle, gentle_count)


def evaluate(
    directory: str | Path, *, split: str | tuple[str, ...] | None = None, nlp: Any = None
) -> TaggingScore:
    """Analyse every passage (of one split or several, or all) and score the suggested tags."""
    from ..analysis import analyze_work
    from ..ingest import work_from_text
    from ..tags.fandoms import find_fandom, load_gazetteer

    gazetteer = load_gazetteer()

    def short(name: str) -> str:
        return name

    triples = []
    for passage in load_set(directory):
        if split and passage.split not in ((split,) if isinstance(split, str) else split):
            continue
        world = analyze_work(work_from_text(passage.text), nlp=nlp)
        gold = gold_of(passage)
        gold["fandoms"] = {_canonical(f, gazetteer, find_fandom) for f in gold["fandoms"]}
        triples.append((passage.id, gold, predicted_of(world.tags, short)))
    return score(triples)


def _canonical(name: str, gazetteer: Any, find: Any) -> str:
    fandom = find(name, gazetteer)
    return fandom.name if fandom else name


def markdown(results: Mapping[str, TaggingScore]) -> str:
    """A markdown table: one row per (subset, family)."""
    lines = [
        "| subset | passages | family | precision | recall | F1 | TP | FP | FN |",
        "|---|---:|---|---:|---:|---:|---:|---:|---:|",
    ]
    for name, result in results.items():
        for family, s in result.families.items():
            lines.append(
                f"| {name} | {result.passages} | {family} | {s.precision:.2f} | {s.recall:.2f} | {s.f1:.2f} "
                f"| {s.true_positives} | {s.false_positives} | {s.false_negatives} |"
            )
    return "\n".join(lines)


def per_tag_markdown(result: TaggingScore, families: Iterable[str] = ("archive_warnings", "content_warnings", "additional")) -> str:
    lines = ["| family | tag | precision | recall | TP | FP | FN |", "|---|---|---:|---:|---:|---:|---:|"]
    for family in families:
        for tag, s in sorted(result.per_tag[family].items()):
            lines.append(
                f"| {family} | {tag} | {s.precision:.2f} | {s.recall:.2f} | {s.true_positives} "
                f"| {s.false_positives} | {s.false_negatives} |"
            )
    return "\n".join(lines)
