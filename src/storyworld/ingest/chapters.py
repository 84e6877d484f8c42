"""Chapter headings in text ("Chapter 1", "CHAPTER IV.", "Prologue") and splitting blocks into chapters."""

from __future__ import annotations

import re

from .draft import Block, ChapterDraft, heading
from .paratext import edge_kind

_UNITS = "one|two|three|four|five|six|seven|eight|nine"
_TEENS = "ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_NUMBER_WORD = rf"(?:(?:{_TENS})(?:[- ](?:{_UNITS}))?|{_TEENS}|{_UNITS}|hundred|zero)"
_NUMBER = rf"(?:\d{{1,4}}(?:\.\d)?|[ivxlcdm]{{1,8}}|{_NUMBER_WORD})"
_NUMBERED = re.compile(
    rf"^(?P<word>chapter|chap\.?|ch\.|ch|part|book|volume|vol\.|act)\s*(?P<number>{_NUMBER})\b(?P<rest>.*)$",
    re.IGNORECASE,
)
_NAMED = re.compile(
    r"^(?P<word>prologue|epilogue|interlude|omake|intermission)\b(?P<rest>.*)$", re.IGNORECASE
)
_SEPARATOR = re.compile(r"^\s*(?:[.:\-–—|)~]+\s*|\s+(?=[A-Z0-9\"“'‘(]))")
_OF_TOTAL = re.compile(r"^\s*(?:of|/)\s*\d+\b", re.IGNORECASE)
_BARE_NUMBER = re.compile(r"^(?P<number>\d{1,3}|[IVXLC]{1,7})\.?$")
_DECORATION = "*_#~=-+•<> \t"
_BRACKETS = {"[": "]", "(": ")", "{": "}", "\u3010": "\u3011"}
_MAX_HEADING_CHARS = 90
_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}


def strip_decoration(line: str) -> str:
    """``"~*~Chapter 1~*~"`` → ``"Chapter 1"``; ``"**Prologue**"`` → ``"Prologue"``."""
    text = line.strip().strip(_DECORATION).strip()
    while len(text) > 2 and _BRACKETS.get(text[0]) == text[-1]:
        text = text[1:-1].strip().strip(_DECORATION).strip()
    return text


def heading_title(line: str) -> str | None:
    """The heading text if ``line`` is a chapter heading, else None."""
    if "\n" in line or len(line) > _MAX_HEADING_CHARS:
        return None
    text = strip_decoration(line)
    match = _NUMBERED.match(text) or _NAMED.match(text)
    if match is None:
        return None
    rest = match.group("rest")
    if match.re is _NUMBERED and not _rest_fits(rest):
        return None
    if match.re is _NAMED and rest.strip() and not _SEPARATOR.match(rest):
        return None
    if _reads_like_sentence(rest):
        return None
    return text


def _rest_fits(rest: str) -> bool:
    if not rest.strip() or rest.strip() in {".", ":"}:
        return True
    return bool(_SEPARATOR.match(rest) or _OF_TOTAL.match(rest))


def _reads_like_sentence(rest: str) -> bool:
    words = rest.split()
    return len(words) > 12 or (len(words) > 6 and rest.rstrip().endswith((".", ",")))


def roman_value(text: str) -> int | None:
    """Value of an upper-case Roman numeral, or None."""
    total, previous = 0, 0
    for char in reversed(text):
        value = _ROMAN.get(char)
        if value is None:
            return None
        total = total - value if value < previous else total + value
        previous = max(previous, value)
    return total or None


def _bare_number(text: str) -> int | None:
    match = _BARE_NUMBER.match(strip_decoration(text))
    if match is None:
        return None
    number = match.group("number")
    return int(number) if number.isdigit() else roman_value(number)


def mark_headings(blocks: list[Block]) -> list[Block]:
    """Turn paragraphs that are chapter headings into heading blocks.

    Bare numbers ("1", "II.") count only when they run 1, 2, 3... through the text.
    """
    marked = [_as_heading(block) for block in blocks]
    numbered = [(i, _bare_number(b.text)) for i, b in enumerate(marked) if b.kind == "para"]
    numbered = [(i, n) for i, n in numbered if n is not None]
    if len(numbered) >= 2 and [n for _, n in numbered] == list(range(1, len(numbered) + 1)):
        for index, _ in numbered:
            marked[index] = heading(strip_decoration(marked[index].text))
    return marked


def _as_heading(block: Block) -> Block:
    if block.kind != "para":
        return block
    title = heading_title(block.text)
    return heading(title) if title else block


def split_chapters(blocks: list[Block]) -> list[ChapterDraft]:
    """Chapters at each heading block; text before the first heading is an untitled chapter.

    A part heading right before a chapter heading, or a repeated heading, merges into one title;
    chapters left with no blocks (a table of contents) are dropped.
    """
    chapters: list[ChapterDraft] = [ChapterDraft(None)]
    for block in blocks:
        current = chapters[-1]
        if block.kind != "heading":
            current.blocks.append(block)
        elif not current.blocks and _merges(current.title, block.text):
            current.title = merge_titles(current.title, block.text)
        else:
            chapters.append(ChapterDraft(block.text))
    return [chapter for chapter in chapters if chapter.blocks]


def _merges(first: str | None, second: str) -> bool:
    if first is None:
        return True
    a, b = first.casefold(), second.casefold()
    return a in b or b in a or bool(re.match(r"(?:part|book|volume|vol\.|act)\b", a))


def merge_titles(first: str | None, second: str) -> str:
    """Join a part heading and a chapter heading that follow each other."""
    if not first:
        return second
    if first.casefold() in second.casefold():
        return second
    if second.casefold() in first.casefold():
        return first
    return f"{first}: {second}"


def drop_repeated_heading(chapter: ChapterDraft) -> None:
    """Remove a chapter's first paragraph when it repeats the heading ("Chapter 1" again).

    Notes and disclaimers before it are passed over.
    """
    for index, block in enumerate(chapter.blocks):
        if block.kind == "paratext" or block.kind == "para" and edge_kind(block.text):
            continue
        if block.kind != "para":
            return
        text = strip_decoration(block.text)
        same = chapter.title is not None and text.casefold() == strip_decoration(chapter.title).casefold()
        if same or heading_title(block.text):
            chapter.title = chapter.title or heading_title(block.text)
            del chapter.blocks[index]
        return
