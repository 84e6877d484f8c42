"""Plain-text fiction: layout, Project Gutenberg boilerplate, front matter, chapters."""

from __future__ import annotations

import re

from ..world import Paratext, Work
from .assemble import assemble
from .chapters import mark_headings, split_chapters
from .decode import decode_text
from .draft import WorkDraft
from .frontmatter import apply_front_matter, take_front_matter
from .layout import text_blocks
from .metadata import AUTHOR, TITLE, language_code, parse_label_line
from .normalize import normalize_newlines

_GUTENBERG_START = re.compile(r"^\*{3}\s*START OF (?:THE|THIS) PROJECT GUTENBERG.*$", re.M | re.I)
_GUTENBERG_END = re.compile(r"^\*{3}\s*END OF (?:THE|THIS) PROJECT GUTENBERG.*$", re.M | re.I)


def read_txt(data: bytes, name: str) -> Work:
    """A Work from a plain-text file's bytes."""
    return text_work(decode_text(data, name), "txt", name)


def text_work(raw: str, source_format: str, origin: str) -> Work:
    """A Work from decoded plain text, by the plain-text rules."""
    draft = WorkDraft(source_format=source_format, origin=origin)
    text = _strip_gutenberg(normalize_newlines(raw), draft)
    blocks = mark_headings(text_blocks(text))
    front, rest = take_front_matter(blocks, known_title=draft.title)
    apply_front_matter(draft, front)
    draft.chapters = split_chapters(rest)
    return assemble(draft)


def _strip_gutenberg(text: str, draft: WorkDraft) -> str:
    """Cut Project Gutenberg's header and licence; keep title, author and language from the header."""
    start = _GUTENBERG_START.search(text)
    if start is None:
        return text
    header = text[: start.start()]
    _read_gutenberg_header(header, draft)
    draft.front.append(Paratext("header", start.group().strip()))
    end = _GUTENBERG_END.search(text, start.end())
    if end is None:
        return text[start.end():]
    draft.back.append(Paratext("header", end.group().strip()))
    return text[start.end(): end.start()]


def _read_gutenberg_header(header: str, draft: WorkDraft) -> None:
    for line in header.split("\n"):
        parsed = parse_label_line(line.strip())
        if parsed is None:
            continue
        key, _, value = parsed
        if key == TITLE and not draft.title:
            draft.title = value
        elif key == AUTHOR and not draft.author:
            draft.author = value
        elif key == "language" and not draft.language:
            draft.language = language_code(value)
