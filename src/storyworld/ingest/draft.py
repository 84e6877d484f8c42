"""Intermediate records between a parsed file and a ``Work``: blocks, chapters, a work draft."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from ..world import Paratext, ParatextKind

BlockKind = Literal["para", "break", "heading", "paratext", "blank"]


@dataclass(frozen=True)
class Block:
    """One unit of reading order: a paragraph, a scene break, a heading, a note or a blank."""

    kind: BlockKind
    text: str = ""
    level: int = 0
    note: ParatextKind | None = None


BREAK = Block("break")
BLANK = Block("blank")


def para(text: str) -> Block:
    return Block("para", text)


def heading(text: str, level: int = 0) -> Block:
    return Block("heading", text, level=level)


def note(kind: ParatextKind, text: str) -> Block:
    return Block("paratext", text, note=kind)


@dataclass
class ChapterDraft:
    """A chapter before paratext is set apart; notes may sit among its blocks."""

    title: str | None
    blocks: list[Block] = field(default_factory=list)


@dataclass
class WorkDraft:
    """Everything a reader found in a file, before the text is laid out."""

    source_format: str
    chapters: list[ChapterDraft] = field(default_factory=list)
    title: str | None = None
    author: str | None = None
    language: str | None = None
    front: list[Paratext] = field(default_factory=list)
    back: list[Paratext] = field(default_factory=list)
    fandoms: list[str] = field(default_factory=list)
    metadata: dict[str, list[str]] = field(default_factory=dict)
    origin: str = "the input"
