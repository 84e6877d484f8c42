"""HTML files: pick the site layout (AO3, FanFiction.net, FanFicFare) or read generic HTML."""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, Tag

from ..errors import MalformedInputError
from ..world import Work
from .ao3 import ao3_download_draft, ao3_page_draft, is_ao3_download, is_ao3_page
from .assemble import assemble
from .chapters import heading_title, mark_headings, split_chapters
from .decode import decode_text
from .draft import Block, WorkDraft, para
from .fanficfare import fanficfare_html_draft, is_fanficfare_html
from .ffn import ffn_draft, is_ffn
from .frontmatter import apply_front_matter, take_front_matter
from .htmltext import html_blocks, inline_text, parse_html
from .metadata import add_values, language_code
from .txt import text_work

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE)
_TAG = re.compile(r"<\s*/?\s*[a-zA-Z][a-zA-Z0-9]*[^>]*>")


def read_html(data: bytes, name: str) -> Work:
    """A Work from an HTML file's bytes."""
    declared = _META_CHARSET.search(data[:4096])
    text = decode_text(data, name, declared.group(1).decode("ascii", "ignore") if declared else None)
    return html_work(text, name)


def html_work(markup: str, origin: str) -> Work:
    """A Work from decoded HTML; plain text with an .html name is read as text."""
    if not _TAG.search(markup):
        return text_work(markup, "html", origin)
    soup = _parse(markup, origin)
    draft = draft_from_soup(soup, origin)
    if not _has_text(draft):
        raise MalformedInputError(
            f"no story text found in HTML file {origin}: open it in a browser to check it is a saved "
            "story page, or save the story again"
        )
    return assemble(draft)


def _has_text(draft: WorkDraft) -> bool:
    """Anything read besides the title: story blocks, notes, a summary."""
    blocks = [block for chapter in draft.chapters for block in chapter.blocks]
    notes = [item for item in (*draft.front, *draft.back) if item.kind != "title"]
    return any(block.kind in {"para", "paratext"} for block in blocks) or bool(notes)


def _parse(markup: str, origin: str) -> BeautifulSoup:
    try:
        return parse_html(markup)
    except Exception as error:  # lxml and bs4 raise many kinds on broken markup
        raise MalformedInputError(
            f"cannot parse HTML file {origin} ({type(error).__name__}): save the page again"
        ) from None


def draft_from_soup(soup: BeautifulSoup, origin: str) -> WorkDraft:
    """The draft for whichever layout the page has."""
    if is_ao3_download(soup):
        return ao3_download_draft(soup, "ao3-html", origin)
    if is_ao3_page(soup):
        return ao3_page_draft(soup, origin)
    if is_fanficfare_html(soup):
        return fanficfare_html_draft(soup, origin)
    if is_ffn(soup):
        return ffn_draft(soup, origin)
    return generic_draft(soup, origin)


def generic_draft(soup: BeautifulSoup, origin: str, source_format: str = "html") -> WorkDraft:
    """Any other page: ``<p>`` paragraphs, headings as chapter titles, title from h1 or ``<title>``."""
    draft = WorkDraft(source_format=source_format, origin=origin)
    draft.title = page_title(soup)
    _read_head_meta(soup, draft)
    blocks = html_blocks(soup.body or soup)
    draft.chapters = split_chapters(chapter_blocks(blocks, draft))
    return draft


def chapter_blocks(blocks: list[Block], draft: WorkDraft) -> list[Block]:
    """Headings of the chapter level kept, the title heading and front matter read off."""
    blocks = heading_levels(blocks, draft.title)
    blocks = mark_headings(blocks)
    front, rest = take_front_matter(blocks, find_title=draft.title is None, known_title=draft.title)
    apply_front_matter(draft, front)
    return rest


def heading_levels(blocks: list[Block], title: str | None) -> list[Block]:
    """Drop the heading that repeats the title; keep the top level as chapters, others as text."""
    if title:
        for index, block in enumerate(blocks):
            if block.kind == "heading" and block.text.casefold() == title.casefold():
                blocks = blocks[:index] + blocks[index + 1 :]
                break
    levels = [block.level for block in blocks if block.kind == "heading"]
    if not levels:
        return blocks
    top = min(levels)
    return [para(b.text) if b.kind == "heading" and b.level != top else b for b in blocks]


def page_title(soup: BeautifulSoup) -> str | None:
    """The single ``<h1>`` if there is one, else ``<title>``."""
    headings = soup.find_all("h1")
    if len(headings) == 1 and inline_text(headings[0]) and not heading_title(inline_text(headings[0])):
        return inline_text(headings[0])
    title = soup.find("title")
    return inline_text(title) if isinstance(title, Tag) and inline_text(title) else None


def _read_head_meta(soup: BeautifulSoup, draft: WorkDraft) -> None:
    author = soup.find("meta", attrs={"name": re.compile("^author$", re.I)})
    if isinstance(author, Tag) and isinstance(author.get("content"), str):
        draft.author = author["content"].strip() or None
    html = soup.find("html")
    lang = html.get("lang") if isinstance(html, Tag) else None
    if isinstance(lang, str) and language_code(lang):
        draft.language = language_code(lang)
    url = soup.find("link", rel="canonical")
    if isinstance(url, Tag) and isinstance(url.get("href"), str):
        add_values(draft.metadata, "source_url", [url["href"]])
