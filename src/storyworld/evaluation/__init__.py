"""Evaluation of storyworld against LitBank and PDNC (see docs/EVALUATION.md).

Data are read in place from ``$STORYWORLD_DATASETS`` or ``<repo>/../shared/datasets``.
"""

from __future__ import annotations

from .coref_metrics import (
    PRCounts,
    PronounCounts,
    b_cubed,
    ceaf_e,
    conll_f1,
    coreference_scores,
    muc,
    pronoun_resolution,
)
from .datasets import DatasetsMissing, datasets_root, require_datasets_root
from .entity_metrics import SpanCounts, entity_counts, entity_scores, exact_counts
from .litbank import (
    CorefMention,
    EntityMention,
    LitBankDocument,
    LitBankQuote,
    align_characters,
    evaluate_litbank,
    litbank_document_ids,
    load_litbank,
    load_litbank_document,
)
from .matching import max_weight_matching, max_weight_matching_sparse
from .pdnc import (
    PdncCharacter,
    PdncNovel,
    PdncQuote,
    evaluate_pdnc,
    load_pdnc,
    load_pdnc_novel,
    map_characters,
    pdnc_novel_names,
)
from .predictions import Analyze, AnalyzeWithQuotes
from .quote_metrics import (
    AccuracyCounts,
    match_quotes,
    quote_span_counts,
    speaker_accuracy,
    speaker_b_cubed,
    trim_span,
)
from .splits import litbank_dropped_ids, litbank_split, pdnc_split
from .tables import flatten_results

__all__ = [
    "AccuracyCounts",
    "Analyze",
    "AnalyzeWithQuotes",
    "CorefMention",
    "DatasetsMissing",
    "EntityMention",
    "LitBankDocument",
    "LitBankQuote",
    "PRCounts",
    "PdncCharacter",
    "PdncNovel",
    "PdncQuote",
    "PronounCounts",
    "SpanCounts",
    "align_characters",
    "b_cubed",
    "ceaf_e",
    "conll_f1",
    "coreference_scores",
    "datasets_root",
    "entity_counts",
    "entity_scores",
    "evaluate_litbank",
    "evaluate_pdnc",
    "exact_counts",
    "flatten_results",
    "litbank_document_ids",
    "litbank_dropped_ids",
    "litbank_split",
    "load_litbank",
    "load_litbank_document",
    "load_pdnc",
    "load_pdnc_novel",
    "map_characters",
    "match_quotes",
    "max_weight_matching",
    "max_weight_matching_sparse",
    "muc",
    "pdnc_novel_names",
    "pdnc_split",
    "pronoun_resolution",
    "quote_span_counts",
    "require_datasets_root",
    "speaker_accuracy",
    "speaker_b_cubed",
    "trim_span",
]
