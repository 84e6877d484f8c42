"""Layout of story text shared by every stage: paragraphs as character spans."""

from __future__ import annotations

import re

from .world import Span

_BLANK_LINE = re.compile(r"\n[ \t\u3000]*\n\s*")
_HARD_WRAP_MAX_AVERAGE = 100


def paragraph_spans(text: str) -> list[Span]:
    """Paragraphs of ``text`` as spans without surrounding whitespace.

    Blank lines separate paragraphs. A text with (almost) no blank lines but long lines is
    written one paragraph per line, as much fan fiction is; hard-wrapped text (short lines,
    blank lines between paragraphs) keeps its wrapped lines inside one paragraph.
    """
    if _one_paragraph_per_line(text):
        return _spans_between(text, re.compile(r"\n\s*"))
    return _spans_between(text, _BLANK_LINE)


def _one_paragraph_per_line(text: str) -> bool:
    lines = [line for line in text.split("\n") if line.strip()]
    if len(lines) < 2:
        return False
    blank_separators = len(_BLANK_LINE.findall(text))
    average = sum(len(line) for line in lines) / len(lines)
    return blank_separators < len(lines) / 10 or average > _HARD_WRAP_MAX_AVERAGE


def _spans_between(text: str, separator: re.Pattern[str]) -> list[Span]:
    spans: list[Span] = []
    position = 0
    for match in separator.finditer(text):
        _append_stripped(text, position, match.start(), spans)
        position = match.end()
    _append_stripped(text, position, len(text), spans)
    return spans


def _append_stripped(text: str, start: int, end: int, spans: list[Span]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append(Span(start, end))
