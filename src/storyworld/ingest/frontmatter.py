"""The opening of a plain story: title line, "by X" line, "Label: value" header block, notes."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..world import Paratext
from .chapters import heading_title
from .draft import Block, WorkDraft
from .metadata import (
    AUTHOR,
    DISCLAIMER,
    NOTE,
    OTHER,
    SUMMARY,
    TITLE,
    add_field,
    add_values,
    language_code,
    parse_label_line,
    sort_categories,
    split_values,
)
from .paratext import edge_kind, explicit_kind
from .scenes import is_scene_break

_BY_LINE = re.compile(
    r"^[\s*_~-]*(?:(?:a\s+)?(?:story|fic|fanfic|one-?shot)\s+)?(?:written\s+)?by\s*[:\-–—]?\s+"
    r"(?P<name>[^\s].{0,59}?)[\s*_~-]*$",
    re.IGNORECASE,
)
_POV = re.compile(r"\bPOV\b|\bpoint of view\b", re.IGNORECASE)
_SENTENCE_INSIDE = re.compile(r"[a-z]{2,}[.!?]\s+[A-Z]")
_TITLE_END_BAD = tuple(".,;:\"'”’")
_MAX_TITLE_CHARS = 100
_MAX_TITLE_WORDS = 15


@dataclass
class FrontMatter:
    """What the opening lines said about the work."""

    title: str | None = None
    author: str | None = None
    language: str | None = None
    paratext: list[Paratext] = field(default_factory=list)
    metadata: dict[str, list[str]] = field(default_factory=dict)
    fandoms: list[str] = field(default_factory=list)


def by_line_author(text: str) -> str | None:
    """``"by O. Henry"`` → ``"O. Henry"``; None if the line is not an author line."""
    if "\n" in text:
        return None
    match = _BY_LINE.match(text)
    if match is None:
        return None
    name = match.group("name").strip()
    return name if len(name.split()) <= 6 else None


def looks_like_title(text: str, next_text: str | None) -> bool:
    """True if an opening line reads as a title: short, no sentence, not a heading or a note."""
    line = text.strip()
    words = line.split()
    if not words or "\n" in line or len(line) > _MAX_TITLE_CHARS or len(words) > _MAX_TITLE_WORDS:
        return False
    if heading_title(line) or is_scene_break(line) or parse_label_line(line) or edge_kind(line):
        return False
    if line.startswith(tuple("\"“'‘(")) or by_line_author(line):
        return False
    if next_text is not None and by_line_author(next_text):
        return True
    if line.endswith(_TITLE_END_BAD) or line.endswith(("!", "?", "…")) or _SENTENCE_INSIDE.search(line):
        return False
    if _POV.search(line):
        return False
    return _title_cased(words)


def _title_cased(words: list[str]) -> bool:
    if not (words[0][:1].isupper() or words[0][:1].isdigit()):
        return False
    long_words = [word for word in words if len(word.strip("\"'“”‘’()-")) >= 4]
    if not long_words:
        return all(word[:1].isupper() or word[:1].isdigit() for word in words)
    capitalised = [word for word in long_words if word.strip("\"'“”‘’(")[:1].isupper()]
    return len(capitalised) / len(long_words) >= 0.6


def take_front_matter(
    blocks: list[Block], *, find_title: bool = True, known_title: str | None = None
) -> tuple[FrontMatter, list[Block]]:
    """Read the title, author line and header block off the start of ``blocks``."""
    front = FrontMatter()
    index = _skip_breaks(blocks, 0)
    index = _take_title(blocks, index, front, find_title, known_title)
    while index < len(blocks):
        block = blocks[index]
        if block.kind == "break":
            index += 1
            continue
        if block.kind != "para":
            break
        used = _take_header_line(blocks, index, front)
        if not used:
            break
        index += used
    return front, blocks[index:]


def _skip_breaks(blocks: list[Block], index: int) -> int:
    while index < len(blocks) and blocks[index].kind == "break":
        index += 1
    return index


def _next_para_text(blocks: list[Block], index: int) -> str | None:
    for block in blocks[index:]:
        if block.kind == "para":
            return block.text
        if block.kind != "break":
            return None
    return None


def _take_title(
    blocks: list[Block], index: int, front: FrontMatter, find_title: bool, known_title: str | None
) -> int:
    if index >= len(blocks) or blocks[index].kind != "para":
        return index
    text = blocks[index].text.strip()
    if known_title and text.casefold().strip(" *_~") == known_title.casefold().strip():
        index += 1
    elif find_title and not known_title and looks_like_title(text, _next_para_text(blocks, index + 1)):
        front.title = text.strip(" *_~")
        front.paratext.append(Paratext("title", front.title))
        index += 1
    else:
        return index
    following = _skip_breaks(blocks, index)
    if following < len(blocks) and blocks[following].kind == "para":
        author = by_line_author(blocks[following].text)
        if author:
            front.author = author
            front.paratext.append(Paratext("header", blocks[following].text.strip()))
            return following + 1
    return index


def _take_header_line(blocks: list[Block], index: int, front: FrontMatter) -> int:
    """Consume one header paragraph (and its value paragraph); return how many blocks it used."""
    text = blocks[index].text.strip()
    parsed = parse_label_line(text)
    if parsed is None:
        author = by_line_author(text) if front.author is None and index <= 2 else None
        if author:
            front.author = author
            front.paratext.append(Paratext("header", text))
            return 1
        kind = edge_kind(text)
        if kind is None:
            return 0
        front.paratext.append(Paratext(kind, text))
        return 1
    key, label, value = parsed
    used = 1
    if not value and index + 1 < len(blocks) and _is_value_paragraph(blocks[index + 1]):
        value = blocks[index + 1].text.strip()
        text = f"{label}: {value}"
        used = 2
    _apply_header(front, key, text, value)
    return used


def _is_value_paragraph(block: Block) -> bool:
    text = block.text
    return block.kind == "para" and not parse_label_line(text) and not explicit_kind(text)


def _apply_header(front: FrontMatter, key: str, line: str, value: str) -> None:
    if key == TITLE:
        front.title = front.title or value
        front.paratext.append(Paratext("title", value))
    elif key == SUMMARY:
        front.paratext.append(Paratext("summary", value))
    elif key == DISCLAIMER:
        front.paratext.append(Paratext("disclaimer", line))
    elif key == NOTE:
        front.paratext.append(Paratext("author_note", line))
    elif key == AUTHOR:
        front.author = front.author or value
        front.paratext.append(Paratext("header", line))
    else:
        front.paratext.append(Paratext("header", line))
        if key != OTHER:
            _apply_metadata(front, key, value)


def _apply_metadata(front: FrontMatter, key: str, value: str) -> None:
    if key == "categories":
        for sorted_key, values in sort_categories(split_values(key, value)).items():
            add_values(front.metadata, sorted_key, values)
            if sorted_key == "fandoms":
                front.fandoms.extend(values)
        return
    add_field(front.metadata, key, value)
    if key == "fandoms":
        front.fandoms.extend(split_values(key, value))
    if key == "language":
        front.language = language_code(value) or front.language


def apply_front_matter(draft: WorkDraft, front: FrontMatter) -> None:
    """Merge what the opening lines said into the draft (values already there win)."""
    draft.title = draft.title or front.title
    draft.author = draft.author or front.author
    draft.language = draft.language or front.language
    draft.front.extend(front.paratext)
    draft.fandoms.extend(front.fandoms)
    for key, values in front.metadata.items():
        draft.metadata.setdefault(key, [])
        draft.metadata[key].extend(v for v in values if v not in draft.metadata[key])
