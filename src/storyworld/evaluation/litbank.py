"""LitBank: gold documents and the LitBank evaluation runner.

Layout read (under ``<datasets>/litbank``), one file per document id such as
``1023_bleak_house_brat``:

* ``coref/tsv/<id>.txt``: the tokenised text, identical in every layer: tokens joined by
  single spaces, one sentence per line, each line ending in ``"\\n"``;
* ``entities/tsv/<id>.tsv``: one token per line, blank line between sentences, then one
  column per nesting layer of BIO tags (``B-PER``...). Used for entity mentions because it
  is token-aligned (a few ``entities/brat`` spans stop mid-token);
* ``coref/tsv/<id>.ann``: ``MENTION id sent tok sent tok text CAT PROP|NOM|PRON`` (last token
  inclusive), ``COREF id cluster-label``, ``COP id id``, ``APPOS id id``;
* ``quotations/tsv/<id>.ann``: ``QUOTE id sent tok sent tok text`` and ``ATTRIB id
  speaker-cluster-label`` (speaker labels are coref cluster labels);
* ``original/<id without _brat>.txt``: the whole public-domain book.

All annotations are read as token ranges and turned into half-open character offsets into
the document text, which comes in one of two layouts:

* ``"original"`` (default): the excerpt exactly as printed in ``original/`` (from the first
  token's first character to the last token's last character): real paragraphs, hard-wrapped
  lines, ``Lincoln's`` rather than ``Lincoln 's``. Every token is found in it character for
  character, whitespace aside (checked for all 87 works).
* ``"tokenized"``: the ``.txt`` file verbatim (one sentence per line, tokens space-separated).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from ..world import World
from .coref_metrics import Clusters, PRCounts, PronounCounts, coreference_scores, pronoun_resolution
from .datasets import require_datasets_root
from .entity_metrics import SpanCounts, entity_scores
from .matching import max_weight_matching_sparse
from .predictions import Analyze, Progress, predicted_clusters, predicted_entity_spans, predicted_quote_spans
from .quote_metrics import (
    AccuracyCounts,
    Span,
    match_quotes,
    quote_span_counts,
    speaker_accuracy,
    speaker_b_cubed,
    trim_span,
)
from .splits import litbank_dropped_ids, litbank_split

MentionType = Literal["PROP", "NOM", "PRON"]
Layout = Literal["original", "tokenized"]
LAYOUTS: tuple[str, ...] = ("original", "tokenized")
CATEGORIES: tuple[str, ...] = ("PER", "FAC", "GPE", "LOC", "VEH", "ORG")
SINGLETON_SUFFIX = "@singleton"

TokenRange = tuple[int, int]
"""First and last (inclusive) token of a span, as indices over the whole document."""


@dataclass(frozen=True)
class EntityMention:
    """A mention of LitBank's entity layer (proper and common noun phrases, nested)."""

    start: int
    end: int
    category: str
    kind: MentionType | None
    """PROP or NOM from the coref layer mention over the same tokens; None if there is none."""
    text: str


@dataclass(frozen=True)
class CorefMention:
    """A mention of LitBank's coreference layer.

    ``cluster`` is the gold cluster label (``"Lord_Chancellor-2"``). Mentions annotated only as
    the attribute of a copula or apposition have no cluster of their own in the data; like the
    official CoNLL files, they become singletons labelled ``"<mention_id>@singleton"``.
    """

    mention_id: str
    start: int
    end: int
    cluster: str
    category: str
    kind: MentionType
    text: str

    @property
    def is_pronoun(self) -> bool:
        return self.kind == "PRON"

    @property
    def span(self) -> Span:
        return (self.start, self.end)


@dataclass(frozen=True)
class LitBankQuote:
    """A quotation (its span includes the quotation marks) and its speaker's cluster label."""

    quote_id: str
    start: int
    end: int
    text: str
    speaker: str


@dataclass(frozen=True)
class LitBankDocument:
    doc_id: str
    text: str
    layout: Layout
    token_spans: tuple[Span, ...]
    """Character span of every token in ``text``, in order across the whole document."""
    sentence_starts: tuple[int, ...]
    """Index into ``token_spans`` of each sentence's first token."""
    entities: tuple[EntityMention, ...]
    coref_mentions: tuple[CorefMention, ...]
    quotes: tuple[LitBankQuote, ...]
    copulas: tuple[tuple[str, str], ...] = ()
    appositions: tuple[tuple[str, str], ...] = ()

    def char_span(self, sentence: int, first_token: int, last_token: int) -> Span:
        """Character span of tokens ``first_token..last_token`` (inclusive) of ``sentence``."""
        offset = self.sentence_starts[sentence]
        return (self.token_spans[offset + first_token][0], self.token_spans[offset + last_token][1])

    def clusters(self, categories: Collection[str] | None = None) -> dict[str, tuple[CorefMention, ...]]:
        """Gold coreference clusters by label, optionally only those of ``categories``."""
        grouped: dict[str, list[CorefMention]] = {}
        for mention in self.coref_mentions:
            if categories is None or mention.category in categories:
                grouped.setdefault(mention.cluster, []).append(mention)
        return {label: tuple(sorted(ms, key=lambda m: m.span)) for label, ms in grouped.items()}

    def cluster_spans(self, categories: Collection[str] | None = None) -> list[set[Span]]:
        """Gold clusters as ``list[set[(start, end)]]`` for the coreference scorers."""
        return [{m.span for m in ms} for ms in self.clusters(categories).values()]


def litbank_root(root: Path | None = None) -> Path:
    """``<datasets>/litbank``; raises DatasetsMissing when the data set folder is absent."""
    return require_datasets_root(root) / "litbank"


def litbank_document_ids(root: Path | None = None) -> list[str]:
    """Ids of every LitBank document present in the data set folder."""
    return sorted(path.stem for path in (litbank_root(root) / "coref" / "tsv").glob("*.ann"))


def load_litbank_document(doc_id: str, root: Path | None = None, layout: Layout = "original") -> LitBankDocument:
    """Read every layer of one LitBank document, with offsets into the chosen text layout."""
    if layout not in LAYOUTS:
        raise ValueError(f"unknown LitBank text layout {layout!r}; expected one of {LAYOUTS}")
    base = litbank_root(root)
    tokenized = (base / "coref" / "tsv" / f"{doc_id}.txt").read_text(encoding="utf-8")
    tokens, sentence_starts = split_tokens(tokenized)
    if layout == "tokenized":
        text, token_spans = tokenized, tokenized_spans(tokens, sentence_starts)
    else:
        original = (base / "original" / f"{doc_id.removesuffix('_brat')}.txt").read_text(encoding="utf-8")
        text, token_spans = align_to_original(tokens, original, doc_id)
    document = _Tokens(text, tokens, token_spans, sentence_starts)
    coref_rows = _read_rows(base / "coref" / "tsv" / f"{doc_id}.ann")
    coref_mentions, kinds = _coref_mentions(coref_rows, document)
    entity_tsv = (base / "entities" / "tsv" / f"{doc_id}.tsv").read_text(encoding="utf-8")
    quote_rows = _read_rows(base / "quotations" / "tsv" / f"{doc_id}.ann")
    return LitBankDocument(
        doc_id=doc_id,
        text=text,
        layout=layout,
        token_spans=token_spans,
        sentence_starts=sentence_starts,
        entities=_entity_mentions(entity_tsv, document, kinds, doc_id),
        coref_mentions=coref_mentions,
        quotes=_quotes(quote_rows, document),
        copulas=tuple((row[1], row[2]) for row in coref_rows if row[0] == "COP"),
        appositions=tuple((row[1], row[2]) for row in coref_rows if row[0] == "APPOS"),
    )


def load_litbank(layer: str, part: str, root: Path | None = None, layout: Layout = "original") -> list[LitBankDocument]:
    """Documents of one split part (see :func:`storyworld.evaluation.splits.litbank_split`)."""
    return [load_litbank_document(doc_id, root, layout) for doc_id in litbank_split(layer, part)]


def split_tokens(tokenized: str) -> tuple[tuple[str, ...], tuple[int, ...]]:
    """Tokens and sentence starts of a tokenised LitBank text (one sentence a line)."""
    tokens: list[str] = []
    starts: list[int] = []
    lines = tokenized.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    for line in lines:
        starts.append(len(tokens))
        tokens.extend(line.split(" "))
    return tuple(tokens), tuple(starts)


def tokenized_spans(tokens: Sequence[str], sentence_starts: Sequence[int]) -> tuple[Span, ...]:
    """Token spans in the tokenised layout: one space between tokens, a newline between sentences."""
    spans: list[Span] = []
    position = 0
    for token in tokens:
        spans.append((position, position + len(token)))
        position += len(token) + 1  # the space, or the newline ending the sentence
    return tuple(spans)


def align_to_original(tokens: Sequence[str], original: str, doc_id: str = "") -> tuple[str, tuple[Span, ...]]:
    """The excerpt of ``original`` the tokens come from, and each token's span in it.

    Tokens must appear in ``original`` character for character, in order, with only whitespace
    (or nothing, as in ``do|n't``) between them.
    """
    characters = "".join(tokens)
    pattern = r"\s*".join(re.escape(c) for c in characters[:200])
    match = re.search(pattern, original)
    if match is None:
        raise ValueError(f"LitBank {doc_id}: excerpt not found in the original text")
    spans: list[Span] = []
    position = match.start()
    for token in tokens:
        while position < len(original) and original[position].isspace():
            position += 1
        start = position
        if original[start:start + len(token)] != token:
            raise ValueError(f"LitBank {doc_id}: token {token!r} not found at offset {start} of the original")
        position = start + len(token)
        spans.append((start, position))
    first = spans[0][0]
    excerpt = original[first:spans[-1][1]]
    return excerpt, tuple((start - first, end - first) for start, end in spans)


def evaluate_litbank(
    part: str,
    analyze: Analyze,
    *,
    root: Path | None = None,
    layout: Layout = "original",
    documents: Sequence[str] | None = None,
    progress: Progress | None = None,
    entity_spans: Callable[[str], set[tuple[int, int, str]]] | None = None,
) -> dict[str, Any]:
    """Run ``analyze`` on the LitBank documents of ``part`` and score it against the gold.

    ``entity_spans(text)``, when given, supplies the entity mentions scored (labelled spans,
    e.g. from a trained tagger) in place of the characters' mentions in the World.

    Entity scores use the documents of the ``entities`` split; coreference, pronoun, quotation
    and speaker scores use those of the ``coref`` split (fold 0). Each document is analysed
    once, as text in ``layout``. ``documents`` overrides both lists (every layer is scored on
    them; for quick runs). ``progress(done, total, doc_id)`` is called before each analysis.
    See docs/EVALUATION.md for every definition.
    """
    entity_ids = list(documents) if documents is not None else litbank_split("entities", part)
    coref_ids = list(documents) if documents is not None else litbank_split("coref", part)
    worlds: dict[str, World] = {}
    loaded: dict[str, LitBankDocument] = {}
    names = sorted(set(entity_ids) | set(coref_ids))
    for done, doc_id in enumerate(names):
        if progress is not None:
            progress(done, len(names), doc_id)
        loaded[doc_id] = load_litbank_document(doc_id, root, layout)
        worlds[doc_id] = analyze(loaded[doc_id].text)
    if progress is not None:
        progress(len(names), len(names), "")
    tagged = {i: entity_spans(loaded[i].text) for i in entity_ids} if entity_spans is not None else None
    return _litbank_scores(part, layout, loaded, worlds, entity_ids, coref_ids, tagged)


def _litbank_scores(
    part: str,
    layout: str,
    documents: dict[str, LitBankDocument],
    worlds: dict[str, World],
    entity_ids: Sequence[str],
    coref_ids: Sequence[str],
    tagged: dict[str, set[tuple[int, int, str]]] | None = None,
) -> dict[str, Any]:
    def predicted(doc_id: str) -> set[tuple[int, int, str]]:
        return tagged[doc_id] if tagged is not None else predicted_entity_spans(worlds[doc_id])

    return {
        "dataset": "litbank",
        "part": part,
        "layout": layout,
        "entity_source": "tagger" if tagged is not None else "characters",
        "documents": {"entities": len(entity_ids), "coref": len(coref_ids)},
        "held_back_dropped": {
            "entities": len(litbank_dropped_ids("entities", part)),
            "coref": len(litbank_dropped_ids("coref", part)),
        },
        "entities": entity_scores(
            (gold_entity_spans(documents[i]), predicted(i)) for i in entity_ids
        ),
        "coref_per": coreference_scores(_coref_pairs(documents, worlds, coref_ids, ("PER",))),
        "coref_all": coreference_scores(_coref_pairs(documents, worlds, coref_ids, None)),
        "pronouns": _pronoun_counts(documents, worlds, coref_ids).as_dict(),
        **_quote_scores(documents, worlds, coref_ids),
    }


def gold_entity_spans(document: LitBankDocument) -> set[tuple[int, int, str]]:
    return {(e.start, e.end, e.category) for e in document.entities}


def align_characters(world: World, document: LitBankDocument) -> dict[str, str]:
    """Predicted character id -> gold cluster label, one-to-one.

    The weight of a (character, cluster) pair is the number of the character's mentions whose
    span exactly matches a mention of the cluster; the alignment maximising the total weight
    is found with Kuhn-Munkres. Characters sharing no mention with any cluster stay unaligned.
    """
    cluster_of = {m.span: m.cluster for m in document.coref_mentions}
    weights: dict[tuple[str, str], float] = {}
    for character, spans in predicted_clusters(world).items():
        for span in spans:
            if span in cluster_of:
                pair = (character, cluster_of[span])
                weights[pair] = weights.get(pair, 0.0) + 1.0
    return dict(max_weight_matching_sparse(weights))


def _coref_pairs(
    documents: dict[str, LitBankDocument],
    worlds: dict[str, World],
    doc_ids: Iterable[str],
    categories: Collection[str] | None,
) -> Iterable[tuple[Clusters, Clusters]]:
    for doc_id in doc_ids:
        response = list(predicted_clusters(worlds[doc_id]).values())
        yield documents[doc_id].cluster_spans(categories), response


def _pronoun_counts(
    documents: dict[str, LitBankDocument], worlds: dict[str, World], doc_ids: Iterable[str]
) -> PronounCounts:
    total = PronounCounts()
    for doc_id in doc_ids:
        document = documents[doc_id]
        key = document.cluster_spans(("PER",))
        pronouns = {m.span for m in document.coref_mentions if m.is_pronoun and m.category == "PER"}
        response = list(predicted_clusters(worlds[doc_id]).values())
        total = total + pronoun_resolution(key, pronouns, response)
    return total


def _quote_scores(
    documents: dict[str, LitBankDocument], worlds: dict[str, World], doc_ids: Iterable[str]
) -> dict[str, Any]:
    exact, overlap = SpanCounts(), SpanCounts()
    speakers, matched_speakers = AccuracyCounts(), AccuracyCounts()
    b3 = PRCounts()
    for doc_id in doc_ids:
        document, world = documents[doc_id], worlds[doc_id]
        gold_spans = [trim_span(document.text, q.start, q.end) for q in document.quotes]
        predicted_spans = predicted_quote_spans(world, document.text)
        nonempty = [span for span in predicted_spans if span[1] > span[0]]
        exact = exact + quote_span_counts(gold_spans, nonempty, "exact")
        overlap = overlap + quote_span_counts(gold_spans, nonempty, "overlap")
        alignment = align_characters(world, document)
        matches = match_quotes([[span] for span in gold_spans], predicted_spans)
        predicted = [_aligned_speaker(world, alignment, index) for index in matches]
        gold = [q.speaker for q in document.quotes]
        speakers = speakers + speaker_accuracy(gold, predicted)
        b3 = b3 + speaker_b_cubed(gold, [_raw_speaker(world, index) for index in matches])
        found = [i for i, index in enumerate(matches) if index is not None]
        matched_speakers = matched_speakers + speaker_accuracy(
            [gold[i] for i in found], [predicted[i] for i in found]
        )
    return {
        "quotes": {"exact": exact.as_dict(), "overlap": overlap.as_dict()},
        "speakers": {**speakers.as_dict(), "on_detected_quotes": matched_speakers.as_dict()},
        "speaker_b3": b3.as_dict(),
    }


def _raw_speaker(world: World, quote_index: int | None) -> str | None:
    return None if quote_index is None else world.quotes[quote_index].speaker


def _aligned_speaker(world: World, alignment: dict[str, str], quote_index: int | None) -> str | None:
    if quote_index is None:
        return None
    speaker = world.quotes[quote_index].speaker
    return None if speaker is None else alignment.get(speaker)


@dataclass(frozen=True)
class _Tokens:
    """A document's text and tokens while its annotations are read."""

    text: str
    tokens: tuple[str, ...]
    spans: tuple[Span, ...]
    sentence_starts: tuple[int, ...]

    def token_range(self, row: Sequence[str], item: str) -> TokenRange:
        """Token range of ``sent tok sent tok`` columns 2-5, checked against the text column 6."""
        s1, t1, s2, t2 = (int(v) for v in row[2:6])
        first, last = self.sentence_starts[s1] + t1, self.sentence_starts[s2] + t2
        if " ".join(self.tokens[first:last + 1]) != row[6]:
            raise ValueError(f"LitBank {item}: tokens {first}-{last} differ from {row[6]!r}")
        return (first, last)

    def char_span(self, tokens: TokenRange) -> Span:
        return (self.spans[tokens[0]][0], self.spans[tokens[1]][1])


def _read_rows(path: Path) -> list[list[str]]:
    rows = []
    for line in path.read_text(encoding="utf-8").split("\n"):
        if line.strip():
            rows.append(line.rstrip("\r").split("\t"))
    return rows


def _coref_mentions(
    rows: list[list[str]], document: _Tokens
) -> tuple[tuple[CorefMention, ...], dict[TokenRange, MentionType]]:
    clusters = {row[1]: row[2] for row in rows if row[0] == "COREF"}
    mentions = []
    kinds: dict[TokenRange, MentionType] = {}
    for row in rows:
        if row[0] != "MENTION":
            continue
        mention_id = row[1]
        tokens = document.token_range(row, mention_id)
        start, end = document.char_span(tokens)
        kind = _mention_type(row[8])
        if kind != "PRON":
            kinds[tokens] = kind
        mentions.append(
            CorefMention(
                mention_id=mention_id,
                start=start,
                end=end,
                cluster=clusters.get(mention_id, mention_id + SINGLETON_SUFFIX),
                category=row[7],
                kind=kind,
                text=document.text[start:end],
            )
        )
    return tuple(sorted(mentions, key=lambda m: (m.start, -m.end, m.mention_id))), kinds


def _entity_mentions(
    tsv: str, document: _Tokens, kinds: dict[TokenRange, MentionType], doc_id: str
) -> tuple[EntityMention, ...]:
    sentences = _tsv_sentences(tsv)
    if len(sentences) != len(document.sentence_starts):
        raise ValueError(
            f"LitBank {doc_id}: entity TSV has {len(sentences)} sentences, text has {len(document.sentence_starts)}"
        )
    found: set[tuple[int, int, str]] = set()
    for index, sentence in enumerate(sentences):
        offset = document.sentence_starts[index]
        for first, last, category in _bio_spans(sentence):
            found.add((offset + first, offset + last, category))
    mentions = []
    for first, last, category in found:
        start, end = document.char_span((first, last))
        mentions.append(EntityMention(start, end, category, kinds.get((first, last)), document.text[start:end]))
    return tuple(sorted(mentions, key=lambda m: (m.start, -m.end, m.category)))


def _tsv_sentences(rows: str) -> list[list[list[str]]]:
    sentences: list[list[list[str]]] = [[]]
    for line in rows.split("\n"):
        line = line.rstrip("\r")
        if not line.strip():
            if sentences[-1]:
                sentences.append([])
            continue
        sentences[-1].append(line.split("\t"))
    if not sentences[-1]:
        sentences.pop()
    return sentences


def _bio_spans(sentence: list[list[str]]) -> list[tuple[int, int, str]]:
    """(first token, last token, category) of every BIO chunk in every layer column."""
    spans = []
    layers = max(len(row) for row in sentence) - 1
    for layer in range(1, layers + 1):
        open_chunk: tuple[int, str] | None = None
        for index, row in enumerate(sentence):
            tag = row[layer] if layer < len(row) else "O"
            if open_chunk is not None and not (tag.startswith("I-") and tag[2:] == open_chunk[1]):
                spans.append((open_chunk[0], index - 1, open_chunk[1]))
                open_chunk = None
            if tag.startswith("B-") or (tag.startswith("I-") and open_chunk is None):
                open_chunk = (index, tag[2:])
        if open_chunk is not None:
            spans.append((open_chunk[0], len(sentence) - 1, open_chunk[1]))
    return spans


def _quotes(rows: list[list[str]], document: _Tokens) -> tuple[LitBankQuote, ...]:
    speakers = {row[1]: row[2] for row in rows if row[0] == "ATTRIB"}
    quotes = []
    for row in rows:
        if row[0] != "QUOTE":
            continue
        start, end = document.char_span(document.token_range(row, row[1]))
        quotes.append(LitBankQuote(row[1], start, end, document.text[start:end], speakers[row[1]]))
    return tuple(sorted(quotes, key=lambda q: (q.start, q.end)))


def _mention_type(value: str) -> MentionType:
    if value == "PROP" or value == "NOM" or value == "PRON":
        return value
    raise ValueError(f"unknown LitBank mention type {value!r}")
