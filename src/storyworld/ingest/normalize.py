"""Character-level clean-up shared by every reader: newlines, BOMs, indentation, paragraph text."""

from __future__ import annotations

import re

_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff"
_LINE_BREAKS = str.maketrans({"\u2028": "\n", "\u000b": "\n", "\u000c": "\n", "\u0085": "\n"})
_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_INNER_NEWLINES = re.compile(r"[ \t]*\n[ \t\u00a0\u3000]*")


def strip_edges(text: str) -> str:
    """Strip whitespace, non-breaking and full-width spaces and zero-width characters at both ends."""
    previous = None
    while previous != text:
        previous = text
        text = text.strip().strip(_INVISIBLE)
    return text


def normalize_newlines(raw: str) -> str:
    """``\\r\\n`` and ``\\r`` to ``\\n``, BOMs and other control characters dropped."""
    text = raw.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "")
    text = text.replace("\u2029", "\n\n").translate(_LINE_BREAKS)
    return _CONTROLS.sub("", text)


def clean_paragraph(text: str) -> str:
    """One paragraph on one line: inner newlines become spaces, edges stripped."""
    return strip_edges(_INNER_NEWLINES.sub(" ", normalize_newlines(text)))
