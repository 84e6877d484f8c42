"""Layout of story text shared by every stage: paragraphs as character spans."""

from __future__ import annotations

import re

from .world import Span

_BLANK_LINE = re.compile(r"\r?\n[ \t\r\u3000]*\n\s*")
_LINE_BREAK = re.compile(r"\r?\n\s*")
_LINE_END_PUNCTUATION = tuple(".!?:;\"')]*\u201d\u2019\u2014\u2026-~")
_WRAPPED_SHARE = 0.4


def paragraph_spans(text: str) -> list[Span]:
    """Paragraphs of ``text`` as spans without surrounding whitespace.

    Blank lines separate paragraphs. A text with (almost) no blank lines but long lines is
    written one paragraph per line, as much fan fiction is; hard-wrapped text (short lines,
    blank lines between paragraphs) keeps its wrapped lines inside one paragraph.
    """
    if _one_paragraph_per_line(text):
        return _spans_between(text, _LINE_BREAK)
    return _spans_between(text, _BLANK_LINE)


def _one_paragraph_per_line(text: str) -> bool:
    """True unless blank lines separate paragraphs whose lines are wrapped mid-sentence."""
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    if len(lines) < 2:
        return False
    blank_separators = len(_BLANK_LINE.findall(text))
    if blank_separators * 2 >= len(lines) - 1:
        return False
    return blank_separators == 0 or not _is_hard_wrapped(lines)


def _is_hard_wrapped(lines: list[str]) -> bool:
    """Hard-wrapped prose breaks most lines mid-sentence; a line per paragraph ends them."""
    unfinished = sum(1 for line in lines if not line.endswith(_LINE_END_PUNCTUATION))
    return unfinished / len(lines) > _WRAPPED_SHARE


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
