"""Plain text to blocks: paragraphs by blank lines or by line, hard wrapping undone, rules found."""

from __future__ import annotations

import re
from collections import Counter

from .chapters import heading_title
from .draft import BREAK, Block, heading, para
from .metadata import parse_label_line
from .normalize import normalize_newlines, strip_edges
from .paratext import explicit_kind
from .scenes import is_scene_break, labelled_break

_MAX_WRAP_WIDTH = 100
_SPARSE_BLANKS = 10  # fewer blank runs than lines/10: one paragraph per line
_BREAK_BLANK_RUN = 3
_HYPHEN_END = re.compile(r"[^\W\d_]-$")
_INDENT = re.compile(r"^(?: {2,}|\t|[\u00a0\u3000])")
_INDENTED_SHARE = (0.05, 0.7)


def text_blocks(text: str) -> list[Block]:
    """Blocks of a plain text: paragraphs, scene breaks and chapter headings in order."""
    raw_lines = normalize_newlines(text).split("\n")
    lines = [strip_edges(line) for line in raw_lines]
    nonblank = [line for line in lines if line]
    if not nonblank:
        return []
    runs = _blank_runs(lines)
    average = sum(len(line) for line in nonblank) / len(nonblank)
    if len(runs) < len(nonblank) / _SPARSE_BLANKS:
        indented = [bool(_INDENT.match(raw)) and bool(line) for raw, line in zip(raw_lines, lines)]
        if _indentation_starts_paragraphs(nonblank, sum(indented)):
            return _indented_paragraphs(lines, indented)
        return _line_per_paragraph(lines)
    wrap = 0 if average > _MAX_WRAP_WIDTH else _wrap_width(lines, nonblank)
    return _blank_separated(lines, wrap, _break_run_length(runs))


def _blank_runs(lines: list[str]) -> list[int]:
    """Lengths of the runs of blank lines that sit between two non-blank lines."""
    runs: list[int] = []
    count = 0
    seen_text = False
    for line in lines:
        if line:
            if seen_text and count:
                runs.append(count)
            seen_text, count = True, 0
        else:
            count += 1
    return runs


def _break_run_length(runs: list[int]) -> int:
    """Blank runs this long are scene breaks, when the text's usual separator is shorter."""
    if not runs:
        return 0
    usual, frequency = Counter(runs).most_common(1)[0]
    if frequency < 0.8 * len(runs):
        return 0
    return max(usual + 2, _BREAK_BLANK_RUN)


def _wrap_width(lines: list[str], nonblank: list[str]) -> int:
    """The width text is hard-wrapped at, or 0 when lines are not wrapped."""
    lengths = sorted(len(line) for line in nonblank)
    width = lengths[int(0.9 * (len(lengths) - 1))]
    if width > _MAX_WRAP_WIDTH or width < 30:
        return 0
    in_groups = sum(
        1
        for i, line in enumerate(lines)
        if line and ((i > 0 and lines[i - 1]) or (i + 1 < len(lines) and lines[i + 1]))
    )
    return width if in_groups >= 0.3 * len(nonblank) else 0


def _indentation_starts_paragraphs(nonblank: list[str], indented: int) -> bool:
    """Hard-wrapped text without blank lines, where an indented line opens each paragraph."""
    low, high = _INDENTED_SHARE
    if not low * len(nonblank) <= indented <= high * len(nonblank):
        return False
    lengths = sorted(len(line) for line in nonblank)
    width = lengths[int(0.9 * (len(lengths) - 1))]
    return 30 <= width <= _MAX_WRAP_WIDTH


def _indented_paragraphs(lines: list[str], indented: list[bool]) -> list[Block]:
    blocks: list[Block] = []
    current: list[str] = []
    for line, opens in zip(lines, indented):
        line_blocks = _line_blocks(line) if line else [BREAK]
        if current and line and not opens and len(line_blocks) == 1 and line_blocks[0].kind == "para":
            current.append(line)
            continue
        if current:
            blocks.append(para(_join_wrapped(current)))
            current = []
        if line_blocks == [para(line)]:
            current = [line]
        elif line or blocks:
            blocks.extend(line_blocks)
    if current:
        blocks.append(para(_join_wrapped(current)))
    return blocks


def _line_per_paragraph(lines: list[str]) -> list[Block]:
    blocks: list[Block] = []
    blank = False
    for line in lines:
        if not line:
            blank = True
            continue
        if blank and blocks:
            blocks.append(BREAK)
        blank = False
        blocks.extend(_line_blocks(line))
    return blocks


def _line_blocks(line: str) -> list[Block]:
    title = heading_title(line)
    if title:
        return [heading(title)]
    if is_scene_break(line):
        return [BREAK]
    label = labelled_break(line)
    if label:
        return [BREAK, para(label)]
    return [para(line)]


def _blank_separated(lines: list[str], wrap: int, break_run: int) -> list[Block]:
    blocks: list[Block] = []
    group: list[str] = []
    blank_count = 0
    for line in [*lines, ""]:
        if line:
            if blank_count and break_run and blank_count >= break_run and blocks:
                blocks.append(BREAK)
            blank_count = 0
            group.append(line)
            continue
        if group:
            blocks.extend(_group_blocks(group, wrap))
            group = []
        blank_count += 1
    return blocks


def _group_blocks(lines: list[str], wrap: int) -> list[Block]:
    """Blocks of one run of non-blank lines: wrapped lines joined, others one paragraph each."""
    blocks: list[Block] = []
    current: list[str] = []
    for position, line in enumerate(lines):
        if current and wrap and _continues(current[-1], line, wrap):
            current.append(line)
            continue
        if current:
            blocks.append(para(_join_wrapped(current)))
            current = []
        if position == 1 and blocks and blocks[-1].kind == "heading" and _subtitle(line, lines):
            blocks[-1] = heading(_with_subtitle(blocks[-1].text, line))
            continue
        line_blocks = _line_blocks(line)
        if line_blocks[-1].kind == "para" and len(line_blocks) == 1:
            current = [line]
        else:
            blocks.extend(line_blocks)
    if current:
        blocks.append(para(_join_wrapped(current)))
    return blocks


def _continues(previous: str, line: str, wrap: int) -> bool:
    if len(previous) < max(0.55 * wrap, wrap - 25):
        return False
    if heading_title(line) or is_scene_break(line) or parse_label_line(line) or explicit_kind(line):
        return False
    return not (heading_title(previous) or is_scene_break(previous))


def _join_wrapped(lines: list[str]) -> str:
    text = lines[0]
    for line in lines[1:]:
        if _HYPHEN_END.search(text) or text.endswith(("—", "--")):
            text += line
        else:
            text += " " + line
    return text


def _subtitle(line: str, lines: list[str]) -> bool:
    if heading_title(line) or is_scene_break(line) or parse_label_line(line):
        return False
    return len(lines) == 2 and len(line) <= 60 and not line.endswith((".", ",", ";", '"', "”"))


def _with_subtitle(title: str, subtitle: str) -> str:
    return f"{title} {subtitle}" if title.endswith((".", ":", "-", "—", "–")) else f"{title}: {subtitle}"
