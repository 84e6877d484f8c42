"""PDNC novels parsed once and cached under bench/out/speaker_ranker/ (gitignored).

The spaCy parse is the slow part of an analysis (~10 s a novel) and does not depend on the
quotes, so it is cached as ``Doc.to_bytes`` and replayed: :func:`cached_parse` stands in for
``storyworld.analysis.parse`` while the rest of the pipeline runs as usual.
"""

from __future__ import annotations

import hashlib
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from spacy.tokens import Doc
from spacy.vocab import Vocab

REPO = Path(__file__).resolve().parents[1]
CACHE = REPO / "bench" / "out" / "speaker_ranker"

def pipeline_version(leaving_out: str) -> str:
    """A hash of the pipeline's source (the module named ``leaving_out``, the model being
    trained, aside), so captures of an older pipeline are not reused."""
    package = REPO / "src" / "storyworld"
    digest = hashlib.sha256()
    for path in sorted([*package.glob("*.py"), *(package / "nlp").glob("*.py")]):
        if path.name != leaving_out:
            digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


_docs: dict[str, Doc] = {}  # the last novel only: whole parsed novels are large


def _vocab() -> Vocab:
    """The model's vocabulary: lexeme flags (``is_punct``, ``is_quote``) come from its language."""
    from storyworld.nlp.pipeline import load_language

    global _shared_vocab
    if _shared_vocab is None:
        _shared_vocab = load_language().vocab
    return _shared_vocab


_shared_vocab: Vocab | None = None


def doc_path(name: str) -> Path:
    return CACHE / f"{name}.doc"


def cached_doc(name: str, text: str) -> Doc:
    """The parsed novel, from the cache when present (parsed and stored otherwise)."""
    if name in _docs:
        return _docs[name]
    path = doc_path(name)
    if path.is_file():
        doc = Doc(_vocab()).from_bytes(path.read_bytes(), exclude=["tensor", "user_data"])
    else:
        from storyworld.nlp.pipeline import parse

        doc = parse(text)
        CACHE.mkdir(parents=True, exist_ok=True)
        path.write_bytes(doc.to_bytes(exclude=["tensor", "user_data"]))
    if doc.text != text:
        raise ValueError(f"cached parse of {name} does not match its text: delete {path}")
    _docs.clear()
    _docs[name] = doc
    return doc


@contextmanager
def replayed_parses(texts: dict[str, str]) -> Iterator[None]:
    """Within the block, ``storyworld.analysis.parse`` returns cached Docs for known texts."""
    import storyworld.analysis as analysis

    by_text = {text: name for name, text in texts.items()}
    original = analysis.parse

    def parse(text: str, nlp=None):  # type: ignore[no-untyped-def]
        name = by_text.get(text)
        return cached_doc(name, text) if name is not None else original(text, nlp)

    analysis.parse = parse  # type: ignore[assignment]
    try:
        yield
    finally:
        analysis.parse = original  # type: ignore[assignment]


def main(names: list[str]) -> None:
    from storyworld.evaluation.pdnc import load_pdnc_novel

    for name in names:
        if not doc_path(name).is_file():
            cached_doc(name, load_pdnc_novel(name).text)
            print("parsed", name, flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])


@contextmanager
def recorded_speaker_inputs() -> Iterator[dict[str, object]]:
    """While open, every analysis records what its speakers stage received (``doc``,
    ``quotes``, ``mentions``, and the rules' attributions as ``rules``, computed with the ranker
    off) and the cast as assembled (``cast``: name and aliases per cast index)."""
    import storyworld.analysis as analysis
    from storyworld.nlp.speakers import attribute_quotes

    seen: dict[str, object] = {}
    real_attribute, real_assemble = analysis.attribute_quotes, analysis._assemble_world

    def recording_attribute(doc, quotes, mention_spans):  # type: ignore[no-untyped-def]
        found = attribute_quotes(doc, quotes, mention_spans, use_ranker=False)
        seen.update(doc=doc, quotes=list(quotes), mentions=list(mention_spans), rules=found)
        return found

    def recording_assemble(work, doc, quotes, cast, *rest):  # type: ignore[no-untyped-def]
        seen["cast"] = [(entry.name, tuple(entry.aliases)) for entry in cast]
        return real_assemble(work, doc, quotes, cast, *rest)

    analysis.attribute_quotes, analysis._assemble_world = recording_attribute, recording_assemble
    try:
        yield seen
    finally:
        analysis.attribute_quotes, analysis._assemble_world = real_attribute, real_assemble
