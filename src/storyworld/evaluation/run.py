"""One call that evaluates storyworld on LitBank or PDNC: the library behind ``storyworld eval``.

Nothing here prints: progress goes to an optional callback, results come back as a dict (the
runner's result plus a ``headline`` block of the figures the report leads with).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from ..errors import StoryworldError
from ..world import World
from .datasets import require_datasets_root
from .litbank import evaluate_litbank, litbank_document_ids
from .pdnc import evaluate_pdnc, pdnc_novel_names
from .predictions import Analyze, AnalyzeWithQuotes, Progress

Dataset = Literal["litbank", "pdnc"]
DATASETS: tuple[str, ...] = ("litbank", "pdnc")
PARTS: tuple[str, ...] = ("train", "dev", "test")
DEFAULT_PART = "dev"


class EvaluationRequestError(StoryworldError):
    """An evaluation was asked for with options that do not fit together or name no data."""


@dataclass(frozen=True)
class EvalRequest:
    """What to evaluate: a data set, a split part, and optionally a subset of its documents."""

    dataset: Dataset
    part: str = DEFAULT_PART
    gold_quotes: bool = False
    names: tuple[str, ...] = field(default=())
    """PDNC novel folder names or LitBank document ids; empty: the whole part."""
    entities: str = "characters"
    """LitBank entity mentions from the cast (``characters``) or the trained tagger (``tagger``)."""

    def command(self) -> str:
        """The ``storyworld eval`` command line that reproduces this request."""
        words = [".venv/bin/storyworld", "eval", self.dataset, "--split", self.part]
        if self.gold_quotes:
            words.append("--gold-quotes")
        if self.entities != "characters":
            words += ["--entities", self.entities]
        option = "--novel" if self.dataset == "pdnc" else "--doc"
        for name in self.names:
            words += [option, f"'{name}'" if " " in name else name]
        return " ".join(words)


def storyworld_analyze() -> Analyze:
    """storyworld's own analysis, with the language model loaded once."""
    from ..analysis import analyze_text
    from ..nlp.pipeline import load_language

    nlp = load_language()

    def analyze(text: str) -> World:
        return analyze_text(text, nlp=nlp)

    return analyze


def storyworld_analyze_with_quotes() -> AnalyzeWithQuotes:
    """storyworld given the gold quotation spans in place of its own quote detection."""
    from ..analysis import analyze_text
    from ..nlp.pipeline import load_language

    nlp = load_language()

    def analyze(text: str, quote_spans: Sequence[tuple[int, int]]) -> World:
        return analyze_text(text, quote_spans, nlp=nlp)

    return analyze


def run_evaluation(
    request: EvalRequest,
    *,
    analyze: Analyze | AnalyzeWithQuotes | None = None,
    progress: Progress | None = None,
) -> dict[str, Any]:
    """Evaluate ``analyze`` (default: storyworld) as ``request`` says; see docs/EVALUATION.md.

    Raises :class:`DatasetsMissing` when the data sets cannot be found and
    :class:`EvaluationRequestError` for an unknown part, data set or document name.
    """
    check_request(request)
    names = list(request.names) or None
    if request.dataset == "litbank":
        system = analyze or storyworld_analyze()
        tagger = tagger_entity_spans if request.entities == "tagger" else None
        result = evaluate_litbank(
            request.part, system, documents=names, progress=progress, entity_spans=tagger  # type: ignore[arg-type]
        )
        if names is None and analyze is None:  # the events split's documents, storyworld's own parse
            from .litbank_events import evaluate_litbank_events

            result["events"] = evaluate_litbank_events(request.part)["events"]
    elif request.gold_quotes:
        system = analyze or storyworld_analyze_with_quotes()
        result = evaluate_pdnc(request.part, system, True, novels=names, progress=progress)  # type: ignore[arg-type]
    else:
        system = analyze or storyworld_analyze()
        result = evaluate_pdnc(request.part, system, False, novels=names, progress=progress)  # type: ignore[arg-type]
    return {"command": request.command(), "headline": headline(result), **result}


def tagger_entity_spans(text: str) -> set[tuple[int, int, str]]:
    """Entity mentions of the shipped LitBank entity tagger, all six categories."""
    from ..nlp.entities import literary_entities

    return {(e.start, e.end, e.label) for e in literary_entities(text)}


def check_request(request: EvalRequest) -> None:
    """Raise when the request cannot be run (before any slow work starts)."""
    if request.dataset not in DATASETS:
        raise EvaluationRequestError(f"unknown data set {request.dataset!r}; expected litbank or pdnc")
    if request.part not in PARTS:
        raise EvaluationRequestError(f"unknown split {request.part!r}; expected train, dev or test")
    if request.gold_quotes and request.dataset != "pdnc":
        raise EvaluationRequestError("--gold-quotes applies to pdnc only")
    if request.entities not in ("characters", "tagger"):
        raise EvaluationRequestError(f"unknown entity source {request.entities!r}; expected characters or tagger")
    if request.entities == "tagger" and request.dataset != "litbank":
        raise EvaluationRequestError("--entities applies to litbank only")
    require_datasets_root()
    if request.names:
        known = set(pdnc_novel_names() if request.dataset == "pdnc" else litbank_document_ids())
        unknown = [name for name in request.names if name not in known]
        if unknown:
            kind = "PDNC novel" if request.dataset == "pdnc" else "LitBank document"
            raise EvaluationRequestError(
                f"unknown {kind} {unknown[0]!r}; known: {', '.join(sorted(known)[:5])}, ..."
            )


def headline(result: dict[str, Any]) -> dict[str, float]:
    """The figures a report leads with, flat, each in [0, 1]."""
    if result["dataset"] == "litbank":
        return litbank_headline(result)
    return pdnc_headline(result)


def litbank_headline(result: dict[str, Any]) -> dict[str, float]:
    per, every = result["entities"]["per"], result["entities"]["all"]
    coref_per, coref_all = result["coref_per"], result["coref_all"]
    return {
        "entity_per_precision": per["precision"],
        "entity_per_recall": per["recall"],
        "entity_per_f1": per["f1"],
        "entity_all_f1": every["f1"],
        "coref_per_muc_f1": coref_per["muc"]["f1"],
        "coref_per_b3_f1": coref_per["b3"]["f1"],
        "coref_per_ceafe_f1": coref_per["ceafe"]["f1"],
        "coref_per_avg_f1": coref_per["conll_f1"],
        "coref_all_muc_f1": coref_all["muc"]["f1"],
        "coref_all_b3_f1": coref_all["b3"]["f1"],
        "coref_all_ceafe_f1": coref_all["ceafe"]["f1"],
        "coref_all_avg_f1": coref_all["conll_f1"],
        "pronoun_accuracy": result["pronouns"]["accuracy"],
        "quote_exact_f1": result["quotes"]["exact"]["f1"],
        "quote_overlap_f1": result["quotes"]["overlap"]["f1"],
        "speaker_accuracy": result["speakers"]["accuracy"],
        "speaker_b3_f1": result["speaker_b3"]["f1"],
        **({"events_f1": result["events"]["f1"]} if "events" in result else {}),
    }


def pdnc_headline(result: dict[str, Any]) -> dict[str, float]:
    exact = result["quotes"]["exact"]
    figures = {
        "quote_exact_precision": exact["precision"],
        "quote_exact_recall": exact["recall"],
        "quote_exact_f1": exact["f1"],
        "quote_overlap_f1": result["quotes"]["overlap"]["f1"],
        "speaker_accuracy": result["speakers"]["accuracy"],
        "speaker_b3_f1": result["speaker_b3"]["f1"],
    }
    for quote_type in ("explicit", "anaphoric", "implicit"):
        counts = result["speakers_by_type"].get(quote_type)
        if counts is not None:
            figures[f"speaker_accuracy_{quote_type}"] = counts["accuracy"]
    return figures
