"""HTML elements to blocks: ``<p>`` paragraphs, ``<br>`` runs, ``<hr>`` rules, headings, notes."""

from __future__ import annotations

import re
import warnings
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from bs4 import BeautifulSoup, NavigableString, Tag, XMLParsedAsHTMLWarning
from bs4.element import Comment, Declaration, Doctype, ProcessingInstruction

from ..world import ParatextKind
from .draft import BLANK, BREAK, Block, heading, note, para
from .layout import text_blocks
from .normalize import strip_edges

_BLOCK_TAGS = frozenset(
    "address article aside blockquote body center dd details dialog div dl dt fieldset figcaption "
    "figure footer form header hgroup html li main nav ol p section summary table tbody td tfoot th "
    "thead tr ul".split()
)
_SKIP_TAGS = frozenset(
    "script style head title noscript template iframe select option button svg math object embed "
    "audio video canvas input textarea link meta map".split()
)
_SPACED_TAGS = _BLOCK_TAGS | {"br", "h1", "h2", "h3", "h4", "h5", "h6"}
_NEVER_TEXT = frozenset({"script", "style", "noscript", "template"})
_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
_NOT_TEXT = (Comment, Declaration, Doctype, ProcessingInstruction)
_SPACES = re.compile(r"[ \t\r\n\f]+")
_LINE = "\u2028"  # stands for a single <br> until the paragraph is finished
_SPLIT_LINES_MIN = 5
_SPLIT_LINES_AVERAGE = 60
_NOTE_CLASSES = {"fff_chapter_notes": "author_note"}

Skip = Callable[[Tag], bool]
NoteKind = Callable[[Tag], ParatextKind | None]


def parse_html(markup: str | bytes) -> BeautifulSoup:
    """A forgiving parse with lxml's HTML parser (XHTML too)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", XMLParsedAsHTMLWarning)
        return BeautifulSoup(markup, "lxml")


def classes(element: Tag) -> set[str]:
    value = element.get("class") or []
    return set(value.split() if isinstance(value, str) else value)


def default_note_kind(element: Tag) -> ParatextKind | None:
    for name in classes(element):
        if name in _NOTE_CLASSES:
            return _NOTE_CLASSES[name]  # type: ignore[return-value]
    return None


def canonical_url(soup: BeautifulSoup) -> str | None:
    """The page's own address from ``<link rel=canonical>`` or ``og:url``."""
    link = soup.find("link", rel="canonical") or soup.find("meta", property="og:url")
    if not isinstance(link, Tag):
        return None
    url = link.get("href") or link.get("content")
    return url if isinstance(url, str) and url else None


def inline_text(element: Tag) -> str:
    """An element's text on one line: ``<br>`` and block edges as spaces, whitespace collapsed."""
    parts: list[str] = []
    for node in element.descendants:
        if isinstance(node, _NOT_TEXT):
            continue
        if isinstance(node, NavigableString):
            if node.parent is None or node.parent.name not in _NEVER_TEXT:
                parts.append(str(node))
        elif isinstance(node, Tag) and node.name in _SPACED_TAGS:
            parts.append(" ")
    return strip_edges(_SPACES.sub(" ", "".join(parts)))


@dataclass(frozen=True)
class _BlockEnd:
    """Marks where a block element closes during the walk."""

    name: str
    blocks_before: int


class _Walker:
    """Collects blocks from a DOM subtree in reading order."""

    def __init__(self, skip: Skip | None, note_kind: NoteKind | None) -> None:
        self.blocks: list[Block] = []
        self.pieces: list[str] = []
        self.breaks = 0
        self.skip = skip or (lambda element: False)
        self.note_kind = note_kind or default_note_kind

    def walk(self, nodes: list[object]) -> None:
        """Visit ``nodes`` and their descendants in document order, without recursion."""
        stack: list[object] = list(reversed(nodes))
        while stack:
            node = stack.pop()
            if isinstance(node, _BlockEnd):
                self.end_block(node)
            elif isinstance(node, NavigableString):
                if not isinstance(node, _NOT_TEXT):
                    self.text(str(node))
            elif isinstance(node, Tag):
                stack.extend(reversed(self.element(node)))

    def element(self, element: Tag) -> list[object]:
        """Handle one element; return what is still to visit: its children, then its end."""
        name = (element.name or "").lower()
        if name in _SKIP_TAGS or self.skip(element):
            return []
        if name == "br":
            self.breaks += 1
            return []
        kind = self.note_kind(element)
        if kind:
            self.flush()
            inner = html_blocks(element, note_kind=lambda tag: None)
            text = "\n\n".join(block.text for block in inner if block.kind == "para")
            if text:
                self.blocks.append(note(kind, text))
            return []
        if name == "hr":
            self.flush()
            self.blocks.append(BREAK)
        elif name in _HEADINGS:
            self.flush()
            text = inline_text(element)
            if text:
                self.blocks.append(heading(text, _HEADINGS[name]))
        elif name == "pre":
            self.flush()
            self.blocks.extend(text_blocks(element.get_text()))
        elif name in _BLOCK_TAGS:
            self.flush()
            return [*element.children, _BlockEnd(name, len(self.blocks))]
        else:
            return list(element.children)
        return []

    def end_block(self, end: _BlockEnd) -> None:
        self.flush()
        if end.name == "p" and len(self.blocks) == end.blocks_before:
            self.blocks.append(BLANK)

    def text(self, value: str) -> None:
        if not value.strip():
            if self.pieces:
                self.pieces.append(" ")
            return
        self.resolve_breaks()
        self.pieces.append(value)

    def resolve_breaks(self) -> None:
        count, self.breaks = self.breaks, 0
        if count == 1 and self.pieces:
            self.pieces.append(_LINE)
        elif count == 2:
            self.end_paragraph()
        elif count >= 3:
            self.end_paragraph()
            self.blocks.append(BREAK)

    def flush(self) -> None:
        if self.breaks >= 3:
            self.resolve_breaks()
        self.breaks = 0
        self.end_paragraph()

    def end_paragraph(self) -> None:
        text = _SPACES.sub(" ", "".join(self.pieces))
        self.pieces = []
        lines = [strip_edges(line) for line in text.split(_LINE)]
        lines = [line for line in lines if line]
        if not lines:
            return
        if len(lines) >= _SPLIT_LINES_MIN and sum(map(len, lines)) / len(lines) >= _SPLIT_LINES_AVERAGE:
            self.blocks.extend(para(line) for line in lines)
        else:
            self.blocks.append(para(" ".join(lines)))


def html_blocks(root: Tag, *, skip: Skip | None = None, note_kind: NoteKind | None = None) -> list[Block]:
    """The blocks under ``root``; runs of empty ``<p>`` longer than usual become scene breaks."""
    walker = _Walker(skip, note_kind)
    walker.walk(list(root.children) if root.name in _BLOCK_TAGS | {"[document]"} else [root])
    walker.flush()
    return resolve_blanks(walker.blocks)


def resolve_blanks(blocks: list[Block]) -> list[Block]:
    """Empty paragraphs: a run longer than the text's usual spacing is a scene break."""
    runs = _blank_run_lengths(blocks)
    threshold = _blank_threshold(runs, sum(1 for block in blocks if block.kind == "para"))
    result: list[Block] = []
    run = 0
    for block in [*blocks, para("")]:
        if block.kind == "blank":
            run += 1
            continue
        if run >= threshold and result:
            result.append(BREAK)
        run = 0
        result.append(block)
    return result[:-1]


def _blank_run_lengths(blocks: list[Block]) -> list[int]:
    runs: list[int] = []
    run = 0
    for block in blocks:
        if block.kind == "blank":
            run += 1
        else:
            if run:
                runs.append(run)
            run = 0
    return runs


def _blank_threshold(runs: list[int], paragraphs: int) -> int:
    if not runs:
        return 2
    usual, count = Counter(runs).most_common(1)[0]
    return usual + 1 if count >= max(3, 0.3 * (paragraphs - 1)) else 2


def headings_as_paragraphs(blocks: list[Block]) -> list[Block]:
    """Headings inside a chapter's text read as paragraphs."""
    return [para(block.text) if block.kind == "heading" else block for block in blocks]
