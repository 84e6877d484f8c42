"""EPUB files through ebooklib: AO3 and FanFicFare layouts, or any EPUB in spine order."""

from __future__ import annotations

import posixpath
import warnings
from dataclasses import dataclass
from pathlib import Path

import ebooklib
from bs4 import BeautifulSoup, Tag
from ebooklib import epub

from ..errors import MalformedInputError
from ..world import Paratext, Work
from .ao3 import ao3_download_draft, is_ao3_download
from .assemble import assemble
from .chapters import mark_headings, split_chapters
from .draft import Block, WorkDraft, heading
from .fanficfare import chapter_from_body, finish_draft, is_title_page, title_page_draft
from .frontmatter import apply_front_matter, take_front_matter
from .html import heading_levels
from .htmltext import classes, html_blocks, inline_text, parse_html
from .metadata import add_values, language_code

_FFF_SKIPPED_PAGES = {"fff_tocpage", "fff_logpage", "fff_coverpage"}
_TOC_LINK_SHARE = 0.8


@dataclass(frozen=True)
class _Document:
    name: str
    body: Tag


def read_epub(file: Path) -> Work:
    """A Work from an EPUB file; a broken archive raises MalformedInputError."""
    book = _open(file)
    documents = _spine_documents(book, file)
    if not documents:
        raise MalformedInputError(f"{file} has no readable chapters: re-download or re-export the EPUB")
    draft = _draft(book, documents, str(file))
    return assemble(draft)


def _open(file: Path) -> epub.EpubBook:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            return epub.read_epub(str(file), options={"ignore_ncx": False})
        except Exception as error:  # BadZipFile, KeyError, lxml errors, EpubException...
            raise MalformedInputError(
                f"{file} is not a readable EPUB ({type(error).__name__}: {_first_line(error)}): "
                "re-download or re-export it"
            ) from None


def _first_line(error: Exception) -> str:
    text = str(error).strip().splitlines()
    return text[0][:120] if text else "broken archive"


def _spine_documents(book: epub.EpubBook, file: Path) -> list[_Document]:
    items = []
    for entry in book.spine:
        item = book.get_item_with_id(entry[0] if isinstance(entry, tuple) else entry)
        if item is not None and item.get_type() == ebooklib.ITEM_DOCUMENT:
            items.append(item)
    if not items:
        items = list(book.get_items_of_type(ebooklib.ITEM_DOCUMENT))
    documents = []
    for item in items:
        if isinstance(item, epub.EpubNav):
            continue
        try:
            soup = parse_html(_raw_content(item))
        except Exception:  # one unreadable page should not sink the book
            continue
        body = soup.body or soup
        documents.append(_Document(item.get_name(), body))
    return documents


def _raw_content(item: epub.EpubItem) -> bytes:
    """The page as stored: ``get_content()`` rebuilds XHTML pages and drops the body's classes."""
    raw = getattr(item, "content", None)
    return raw if isinstance(raw, (bytes, str)) and raw else item.get_content()


def _draft(book: epub.EpubBook, documents: list[_Document], origin: str) -> WorkDraft:
    if _is_fanficfare(book, documents):
        draft = _fanficfare_draft(documents, origin)
    else:
        joined = _joined(documents)
        if is_ao3_download(joined):
            draft = ao3_download_draft(joined, "ao3-epub", origin)
        else:
            draft = _generic_draft(book, documents, origin)
    _apply_book_metadata(book, draft)
    return draft


def _dc(book: epub.EpubBook, name: str) -> list[str]:
    try:
        values = book.get_metadata("DC", name)
    except Exception:
        return []
    return [value[0].strip() for value in values if isinstance(value, tuple) and isinstance(value[0], str)]


def _is_fanficfare(book: epub.EpubBook, documents: list[_Document]) -> bool:
    if any("fanficfare" in value.lower() for value in _dc(book, "contributor")):
        return True
    return any(classes(d.body) & ({"fff_titlepage", "fff_chapter"}) for d in documents)


def _fanficfare_draft(documents: list[_Document], origin: str) -> WorkDraft:
    draft = WorkDraft(source_format="fanficfare-epub", origin=origin)
    for document in documents:
        kinds = classes(document.body)
        if is_title_page(document.body) or document.name.endswith("title_page.xhtml"):
            title_page_draft(document.body, draft)
        elif kinds & _FFF_SKIPPED_PAGES or _is_toc(document.body):
            continue
        else:
            draft.chapters.append(chapter_from_body(document.body))
    return draft


def _joined(documents: list[_Document]) -> BeautifulSoup:
    """All spine pages in one document (AO3 EPUBs split the download HTML across files)."""
    inner = "".join(document.body.decode_contents() for document in documents)
    return parse_html(f"<html><body>{inner}</body></html>")


def _generic_draft(book: epub.EpubBook, documents: list[_Document], origin: str) -> WorkDraft:
    draft = WorkDraft(source_format="epub", origin=origin)
    titles = _dc(book, "title")
    draft.title = titles[0] if titles else None
    toc = _toc_titles(book)
    blocks: list[Block] = []
    for document in documents:
        if not _is_toc(document.body):
            blocks.extend(_document_blocks(document, draft.title, toc))
    blocks = mark_headings(blocks)
    front, rest = take_front_matter(blocks, find_title=draft.title is None, known_title=draft.title)
    apply_front_matter(draft, front)
    draft.chapters = split_chapters(rest)
    for description in _dc(book, "description")[:1]:
        text = inline_text(parse_html(description))
        if text:
            draft.front.insert(0, Paratext("summary", text))
    return draft


def _document_blocks(document: _Document, title: str | None, toc: dict[str, str]) -> list[Block]:
    """A page's blocks: its top heading level starts chapters; a page without headings takes its TOC title."""
    blocks = heading_levels(html_blocks(document.body), title)
    has_text = any(block.kind == "para" for block in blocks)
    toc_title = toc.get(document.name) or toc.get(posixpath.basename(document.name))
    if has_text and toc_title and not any(block.kind == "heading" for block in blocks):
        return [heading(toc_title), *blocks]
    return blocks


def _toc_titles(book: epub.EpubBook) -> dict[str, str]:
    titles: dict[str, str] = {}

    def visit(entries: object) -> None:
        for entry in entries if isinstance(entries, (list, tuple)) else [entries]:
            if isinstance(entry, epub.Link):
                href = (entry.href or "").split("#")[0]
                for key in (href, posixpath.basename(href)):
                    titles.setdefault(key, entry.title or "")
            elif isinstance(entry, (list, tuple)):
                visit(list(entry))

    visit(book.toc or [])
    return {key: value for key, value in titles.items() if key and value}


def _is_toc(body: Tag) -> bool:
    """A page that is mostly links: a table of contents."""
    text = inline_text(body)
    if not text:
        return False
    linked = sum(len(inline_text(link)) for link in body.find_all("a"))
    return linked / len(text) >= _TOC_LINK_SHARE


def _apply_book_metadata(book: epub.EpubBook, draft: WorkDraft) -> None:
    """Dublin Core fields fill what the pages did not say."""
    titles, creators = _dc(book, "title"), _dc(book, "creator")
    draft.title = draft.title or (titles[0] if titles else None)
    draft.author = draft.author or (", ".join(creators) if creators else None)
    for language in _dc(book, "language")[:1]:
        draft.language = draft.language or language_code(language)
    sources = [value for value in _dc(book, "source") if value.startswith("http")]
    if sources and "source_url" not in draft.metadata:
        add_values(draft.metadata, "source_url", sources[:1])
    if draft.source_format == "fanficfare-epub":
        finish_draft(draft)
