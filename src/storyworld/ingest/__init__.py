"""Ingest: read a fiction file (plain text, HTML, EPUB) into a ``Work``.

``read_work`` picks the reader from the file's extension (sniffing files without one);
``work_from_text`` applies the plain-text rules to a string already decoded.
"""

from __future__ import annotations

import os

from ..world import Work
from .epub import read_epub
from .files import (
    DEFAULT_MAX_BYTES,
    check_size,
    existing_file,
    format_by_extension,
    read_bytes,
    read_head,
    sniff_format,
)
from .html import read_html
from .txt import read_txt, text_work

__all__ = ["DEFAULT_MAX_BYTES", "read_work", "work_from_text"]


def read_work(path: str | os.PathLike[str], *, max_bytes: int = DEFAULT_MAX_BYTES) -> Work:
    """Read one story file into a Work; raises the InputError family on anything unreadable."""
    file = existing_file(path)
    kind = format_by_extension(file)
    check_size(file, max_bytes)
    if kind is None:
        kind = sniff_format(read_head(file))
    if kind == "epub":
        return read_epub(file)
    data = read_bytes(file)
    if kind == "html":
        return read_html(data, str(file))
    return read_txt(data, str(file))


def work_from_text(raw: str, *, source_format: str = "txt") -> Work:
    """A Work from an already decoded string, by the plain-text rules."""
    return text_work(raw, source_format, "the text")
