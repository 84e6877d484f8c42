"""Lay a ``WorkDraft`` out as a ``Work``: paratext set apart, paragraphs joined, offsets recorded."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..errors import EmptyStoryError
from ..world import Chapter, Paratext, Work
from .draft import BREAK, Block, ChapterDraft, WorkDraft, para
from .metadata import frozen_metadata
from .normalize import clean_paragraph
from .paratext import fandoms_from_disclaimer, separate_paratext, word_count
from .scenes import is_scene_break, labelled_break

PARAGRAPH_SEPARATOR = "\n\n"
_PRELUDE_MAX_WORDS = 60
_PRELUDE_MAX_PARAGRAPHS = 2


@dataclass
class _Layout:
    parts: list[str] = field(default_factory=list)
    length: int = 0
    chapters: list[Chapter] = field(default_factory=list)
    scene_breaks: list[int] = field(default_factory=list)

    def add(self, text: str) -> int:
        """Append one paragraph; return its start offset."""
        if self.parts:
            self.parts.append(PARAGRAPH_SEPARATOR)
            self.length += len(PARAGRAPH_SEPARATOR)
        start = self.length
        self.parts.append(text)
        self.length += len(text)
        return start


def tidy_blocks(blocks: list[Block]) -> list[Block]:
    """Clean paragraph text, turn rule lines into breaks, collapse breaks, drop them at the edges."""
    tidy: list[Block] = []
    for block in blocks:
        for item in _tidy_block(block):
            if item.kind == "break" and (not tidy or tidy[-1].kind == "break"):
                continue
            tidy.append(item)
    while tidy and tidy[-1].kind == "break":
        tidy.pop()
    return tidy


def _tidy_block(block: Block) -> list[Block]:
    if block.kind == "break":
        return [BREAK]
    if block.kind == "heading":
        return [para(clean_paragraph(block.text))] if clean_paragraph(block.text) else []
    if block.kind == "paratext":
        return [block]
    if block.kind != "para":
        return []
    text = clean_paragraph(block.text)
    if not text:
        return []
    if is_scene_break(text):
        return [BREAK]
    label = labelled_break(text)
    return [BREAK, para(label)] if label else [para(text)]


def assemble(draft: WorkDraft) -> Work:
    """The ``Work`` a draft describes; raises EmptyStoryError when no story text is left."""
    paratext: list[Paratext] = _opening_paratext(draft)
    chapters = [(chapter.title, *_separate(chapter)) for chapter in draft.chapters]
    if any(item.kind in {"title", "header"} for item in draft.front):
        chapters = _prelude_as_summary(chapters)
    layout = _Layout()
    for title, story, notes in chapters:
        paratext.extend(notes)
        _lay_out_chapter(layout, title, story)
    paratext.extend(draft.back)
    text = "".join(layout.parts)
    if not text:
        raise EmptyStoryError(
            f"no story text in {draft.origin}: it is empty or holds only notes, disclaimers or "
            "headers; pass a file that contains the story itself"
        )
    return Work(
        text=text,
        title=_clean_optional(draft.title),
        author=_clean_optional(draft.author),
        fandoms=tuple(_fandoms(draft, paratext)),
        language=draft.language or "en",
        paratext=tuple(_clean_paratext(paratext)),
        chapters=tuple(layout.chapters),
        scene_breaks=tuple(layout.scene_breaks),
        metadata=frozen_metadata(draft.metadata),
        source_format=draft.source_format,
    )


def _opening_paratext(draft: WorkDraft) -> list[Paratext]:
    opening = list(draft.front)
    if draft.title and not any(item.kind == "title" for item in opening):
        opening.insert(0, Paratext("title", draft.title))
    return opening


def _separate(chapter: ChapterDraft) -> tuple[list[Block], list[Paratext]]:
    story, notes = separate_paratext(tidy_blocks(chapter.blocks))
    return tidy_blocks(story), notes


def _prelude_as_summary(
    chapters: list[tuple[str | None, list[Block], list[Paratext]]],
) -> list[tuple[str | None, list[Block], list[Paratext]]]:
    """After a title block, a short untitled text before titled chapters is a blurb, not a chapter."""
    if len(chapters) < 2 or chapters[0][0] is not None or chapters[1][0] is None:
        return chapters
    _, story, notes = chapters[0]
    paragraphs = [block.text for block in story if block.kind == "para"]
    words = sum(word_count(text) for text in paragraphs)
    if len(paragraphs) > _PRELUDE_MAX_PARAGRAPHS or words > _PRELUDE_MAX_WORDS:
        return chapters
    summary = [Paratext("summary", text) for text in paragraphs]
    return [(None, [], notes + summary), *chapters[1:]]


def _lay_out_chapter(layout: _Layout, title: str | None, story: list[Block]) -> None:
    start: int | None = None
    pending_break = False
    for block in story:
        if block.kind == "break":
            pending_break = start is not None
            continue
        offset = layout.add(block.text)
        if start is None:
            start = offset
        elif pending_break:
            layout.scene_breaks.append(offset)
        pending_break = False
    if start is not None:
        layout.chapters.append(Chapter(_clean_optional(title), start, layout.length))


def _clean_optional(value: str | None) -> str | None:
    if value is None:
        return None
    return clean_paragraph(value) or None


def _clean_paratext(paratext: list[Paratext]) -> list[Paratext]:
    cleaned = []
    for item in paratext:
        paragraphs = [clean_paragraph(part) for part in item.text.split("\n\n")]
        text = PARAGRAPH_SEPARATOR.join(part for part in paragraphs if part)
        if text:
            cleaned.append(Paratext(item.kind, text))
    return cleaned


def _fandoms(draft: WorkDraft, paratext: list[Paratext]) -> list[str]:
    found = list(draft.fandoms) + list(draft.metadata.get("fandoms", []))
    for item in paratext:
        if item.kind == "disclaimer":
            found.extend(fandoms_from_disclaimer(item.text))
    unique: dict[str, str] = {}
    for fandom in found:
        fandom = clean_paragraph(fandom)
        if fandom:
            unique.setdefault(fandom.casefold(), fandom)
    return list(unique.values())
