"""FanFicFare output: HTML (h1, ``table.full``, chapters under h2) and the EPUB title page."""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, Tag

from ..world import Paratext
from .chapters import drop_repeated_heading, split_chapters
from .draft import Block, ChapterDraft, WorkDraft, para
from .htmltext import classes, html_blocks, inline_text
from .metadata import (
    AO3_CATEGORIES,
    AUTHOR,
    DISCLAIMER,
    METADATA_KEYS,
    NOTE,
    SUMMARY,
    TITLE,
    add_field,
    add_values,
    label_key,
    language_code,
    parse_label_line,
    split_values,
)

# FanFicFare's "Category" is the fandom (for AO3 sources too); labels are configurable.
LABEL_OVERRIDES = {"category": "fandoms", "categories": "fandoms"}
_CHAPTER_LEVEL = 2
_TOC = re.compile(r"^table of contents$", re.IGNORECASE)


def is_fanficfare_html(soup: BeautifulSoup) -> bool:
    return soup.select_one("table.full") is not None or soup.find(
        "a", attrs={"name": re.compile(r"^(?:TOCTOP|section\d+)$")}
    ) is not None


def fanficfare_html_draft(soup: BeautifulSoup, origin: str) -> WorkDraft:
    """Title and author from h1, fields from ``table.full``, one chapter per h2."""
    draft = WorkDraft(source_format="fanficfare-html", origin=origin)
    title = soup.find("h1")
    if isinstance(title, Tag):
        read_title_heading(title, draft)
    table = soup.select_one("table.full")
    if table is not None:
        read_title_table(table, draft)
    body = soup.body or soup
    skip = lambda tag: tag is title or tag is table  # noqa: E731
    blocks = _without_toc(html_blocks(body, skip=skip))
    chapter_blocks = [
        block if block.kind != "heading" or block.level == _CHAPTER_LEVEL else para(block.text)
        for block in blocks
    ]
    draft.chapters = split_chapters(chapter_blocks)
    for chapter in draft.chapters:
        drop_repeated_heading(chapter)
    finish_draft(draft)
    return draft


def _without_toc(blocks: list[Block]) -> list[Block]:
    """Drop the "Table of Contents" heading and the links under it."""
    result: list[Block] = []
    in_toc = False
    for block in blocks:
        if block.kind == "heading":
            in_toc = bool(_TOC.match(block.text))
            if in_toc:
                continue
        if not in_toc:
            result.append(block)
    return result


def read_title_heading(element: Tag, draft: WorkDraft) -> None:
    """``<h1><a href=URL>Title</a> by <a>Author</a></h1>`` (h3 on the EPUB title page)."""
    links = element.find_all("a")
    text = inline_text(element)
    if links:
        draft.title = inline_text(links[0])
        href = links[0].get("href")
        if isinstance(href, str) and href.startswith("http"):
            add_values(draft.metadata, "source_url", [href])
        rest = text[len(draft.title):] if text.startswith(draft.title) else ""
    else:
        draft.title, _, rest = text.rpartition(" by ")
        rest = " by " + rest if draft.title else ""
        draft.title = draft.title or text
    author = re.sub(r"^\s*by\s+", "", rest).strip()
    if author:
        draft.author = author


def read_title_table(table: Tag, draft: WorkDraft) -> None:
    """Rows of ``<td><b>Label:</b></td><td>value</td>``."""
    for row in table.find_all("tr"):
        cells = row.find_all("td")
        if len(cells) >= 2:
            apply_field(draft, inline_text(cells[0]), inline_text(cells[1]))
        elif cells:
            parsed = parse_label_line(inline_text(cells[0]), LABEL_OVERRIDES)
            if parsed:
                apply_field(draft, parsed[1], parsed[2])


def read_title_lines(element: Tag, draft: WorkDraft) -> None:
    """``<b>Label:</b> value<br/>`` lines; a line without a label continues the value before it."""
    for br in element.find_all("br"):
        br.replace_with("\n")
    fields: list[list[str]] = []
    for line in element.get_text().split("\n"):
        line = line.strip()
        parsed = parse_label_line(line, LABEL_OVERRIDES) if line else None
        if parsed:
            fields.append([parsed[1], parsed[2]])
        elif line and fields:
            fields[-1][1] = f"{fields[-1][1]}\n\n{line}"
    for label, value in fields:
        apply_field(draft, label, value)


def apply_field(draft: WorkDraft, label: str, value: str) -> None:
    """Put one title-page field where it belongs."""
    key = label_key(label, LABEL_OVERRIDES)
    value = value.strip()
    if not key or not value:
        return
    if key == TITLE:
        draft.title = draft.title or value
    elif key == AUTHOR:
        draft.author = draft.author or value
    elif key == SUMMARY:
        draft.front.append(Paratext("summary", value))
    elif key == DISCLAIMER:
        draft.front.append(Paratext("disclaimer", value))
    elif key == NOTE:
        draft.front.append(Paratext("author_note", value))
    elif key in METADATA_KEYS:
        add_field(draft.metadata, key, value)
        if key == "fandoms":
            draft.fandoms.extend(split_values(key, value))
        if key == "language":
            draft.language = language_code(value) or draft.language


def finish_draft(draft: WorkDraft) -> None:
    """For AO3 sources FanFicFare mixes AO3 categories into "Genre": sort them back out."""
    urls = draft.metadata.get("source_url", [])
    genres = draft.metadata.get("genre", [])
    if not genres or not any("archiveofourown" in url for url in urls):
        return
    del draft.metadata["genre"]
    add_values(draft.metadata, "categories", [g for g in genres if g.lower() in AO3_CATEGORIES])
    add_values(draft.metadata, "additional_tags", [g for g in genres if g.lower() not in AO3_CATEGORIES])


def is_title_page(body: Tag) -> bool:
    return "fff_titlepage" in classes(body)


def title_page_draft(body: Tag, draft: WorkDraft) -> None:
    """Read FanFicFare's EPUB title page into the draft."""
    heading = body.find("h3")
    if isinstance(heading, Tag):
        read_title_heading(heading, draft)
    table = body.select_one("table.full")
    if table is not None:
        read_title_table(table, draft)
        return
    for block in body.find_all("div", recursive=False) or [body]:
        read_title_lines(block, draft)


def chapter_from_body(body: Tag) -> ChapterDraft:
    """A chapter file: ``h3.fff_chapter_title`` then the text, notes in ``div.fff_chapter_notes``."""
    title_tag = body.find(class_="fff_chapter_title")
    title = inline_text(title_tag) if isinstance(title_tag, Tag) else None
    skip = lambda tag: tag is title_tag  # noqa: E731
    blocks = [para(b.text) if b.kind == "heading" else b for b in html_blocks(body, skip=skip)]
    chapter = ChapterDraft(title, blocks)
    drop_repeated_heading(chapter)
    return chapter
