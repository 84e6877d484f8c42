"""Archive of Our Own: downloaded HTML (also inside AO3 EPUBs) and browser-saved work pages."""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, Tag

from ..world import Paratext, ParatextKind
from .chapters import drop_repeated_heading
from .draft import Block, ChapterDraft, WorkDraft, note
from .htmltext import canonical_url, classes, headings_as_paragraphs, html_blocks, inline_text
from .metadata import METADATA_KEYS, add_field, add_values, label_key, language_code, normalize_label

_STATS = re.compile(r"(Published|Completed|Updated|Words|Chapters):\s*([^\s]+)")
_WORK_URL = re.compile(r"/works/\d+/?$")
_PAGE_TAG_CLASSES = {
    "rating": "rating",
    "warning": "warnings",
    "category": "categories",
    "fandom": "fandoms",
    "relationship": "relationships",
    "character": "characters",
    "freeform": "additional_tags",
}
_FRONT_LABELS: dict[str, ParatextKind] = {"summary": "summary", "notes": "author_note"}
_CHAPTER_LABELS: dict[str, ParatextKind] = {
    "chapter summary": "summary",
    "chapter notes": "author_note",
    "chapter end notes": "author_note",
}


def is_ao3_download(soup: BeautifulSoup) -> bool:
    """AO3's download HTML: a preface with ``dl.tags`` and the chapters."""
    has_preface = soup.find(id="preface") is not None or soup.select_one("div.meta dl.tags") is not None
    has_text = soup.find(id="chapters") is not None or soup.select_one("div.userstuff") is not None
    return has_preface and has_text


def is_ao3_page(soup: BeautifulSoup) -> bool:
    """A work page saved from the browser: ``dl.work.meta`` header and ``div#chapters``."""
    return soup.select_one("dl.work.meta") is not None or (
        soup.find(id="workskin") is not None and soup.find(id="chapters") is not None
    )


def ao3_download_draft(soup: BeautifulSoup, source_format: str, origin: str) -> WorkDraft:
    """Read AO3's download layout in document order (robust to EPUB files split mid-work)."""
    reader = _DownloadReader(WorkDraft(source_format=source_format, origin=origin))
    reader.scan(soup)
    for chapter in reader.draft.chapters:
        drop_repeated_heading(chapter)
    return reader.draft


class _DownloadReader:
    def __init__(self, draft: WorkDraft) -> None:
        self.draft = draft
        self.in_text = False

    def scan(self, root: Tag) -> None:
        """Visit elements in document order, looking inside those ``take`` does not handle."""
        stack = [child for child in reversed(list(root.children)) if isinstance(child, Tag)]
        while stack:
            element = stack.pop()
            if not self.take(element):
                stack.extend(child for child in reversed(list(element.children)) if isinstance(child, Tag))

    def take(self, element: Tag) -> bool:
        """Handle an element the layout names; False to look inside it instead."""
        name, kinds = element.name, classes(element)
        if name == "dl" and "tags" in kinds:
            _read_tags(element, self.draft)
        elif name == "h1":
            self.draft.title = self.draft.title or inline_text(element)
        elif name == "div" and "byline" in kinds:
            self.draft.author = self.draft.author or re.sub(r"^by\s+", "", inline_text(element))
        elif name == "p" and "message" in kinds:
            _read_message_link(element, self.draft)
        elif name == "h2" and "heading" in kinds:
            self.draft.chapters.append(ChapterDraft(inline_text(element)))
        elif name == "h2" and "toc-heading" in kinds or element.get("id") in {"series", "children"}:
            pass
        elif name == "blockquote" and "userstuff" in kinds:
            self.note(element)
        elif name == "div" and "userstuff" in kinds and not _is_container(element):
            self.text(element)
        elif name == "div" and "endnote-link" in kinds:
            pass
        else:
            return False
        return True

    def note(self, quote: Tag) -> None:
        label_tag = quote.find_previous_sibling("p")
        label = inline_text(label_tag).strip(":").lower() if label_tag else ""
        text = _paragraphs(quote)
        if not text:
            return
        if label in _CHAPTER_LABELS and self.draft.chapters:
            self.draft.chapters[-1].blocks.append(note(_CHAPTER_LABELS[label], text))
        elif label == "end notes":
            self.draft.back.append(Paratext("author_note", text))
        elif self.in_text and self.draft.chapters:
            self.draft.chapters[-1].blocks.append(note("author_note", text))
        else:
            self.draft.front.append(Paratext(_FRONT_LABELS.get(label, "author_note"), text))

    def text(self, element: Tag) -> None:
        if not self.draft.chapters:
            self.draft.chapters.append(ChapterDraft(None))
        self.draft.chapters[-1].blocks.extend(headings_as_paragraphs(html_blocks(element)))
        self.in_text = True


def _is_container(element: Tag) -> bool:
    """``div#chapters`` holds the chapter divs; older downloads put the text straight in it."""
    return element.select_one("div.userstuff, h2.heading") is not None


def _paragraphs(element: Tag) -> str:
    return "\n\n".join(block.text for block in html_blocks(element) if block.kind in {"para", "heading"})


def _read_message_link(message: Tag, draft: WorkDraft) -> None:
    if "source_url" in draft.metadata:
        return
    for link in message.find_all("a", href=True):
        if _WORK_URL.search(link["href"]):
            add_values(draft.metadata, "source_url", [link["href"]])
            return


def _read_tags(tags: Tag, draft: WorkDraft) -> None:
    for term in tags.find_all("dt"):
        value = term.find_next_sibling("dd")
        if value is None:
            continue
        label = normalize_label(inline_text(term))
        key = label_key(label)
        if label == "stats":
            _read_stats(inline_text(value), draft)
        elif key == "series":
            add_values(draft.metadata, "series", [inline_text(value)])
        elif key in METADATA_KEYS:
            _add_tag_values(draft, key, value)


def _add_tag_values(draft: WorkDraft, key: str, value: Tag) -> None:
    links = [inline_text(link) for link in value.find_all("a")]
    if links:
        add_values(draft.metadata, key, links)
    else:
        add_field(draft.metadata, key, inline_text(value))
    if key == "fandoms":
        draft.fandoms.extend(draft.metadata.get("fandoms", []))
    if key == "language":
        draft.language = language_code(inline_text(value)) or draft.language


def _read_stats(text: str, draft: WorkDraft) -> None:
    stats = dict(_STATS.findall(text))
    if "Published" in stats:
        add_values(draft.metadata, "published", [stats["Published"]])
    if "Words" in stats:
        add_field(draft.metadata, "words", stats["Words"])
    if "Chapters" in stats:
        _add_chapters(draft, stats["Chapters"])


def _add_chapters(draft: WorkDraft, chapters: str) -> None:
    add_values(draft.metadata, "chapters", [chapters])
    posted, _, total = chapters.partition("/")
    status = "Complete" if total and posted == total else "In-Progress"
    add_values(draft.metadata, "status", [status])


def ao3_page_draft(soup: BeautifulSoup, origin: str) -> WorkDraft:
    """Read a browser-saved AO3 work page."""
    draft = WorkDraft(source_format="ao3-html", origin=origin)
    meta = soup.select_one("dl.work.meta")
    if meta is not None:
        _read_page_meta(meta, draft)
    url = canonical_url(soup)
    if url:
        add_values(draft.metadata, "source_url", [url])
    skin = soup.find(id="workskin") or soup
    preface = skin.find("div", class_="preface", recursive=False) if isinstance(skin, Tag) else None
    if preface is not None:
        _read_page_preface(preface, draft)
    chapters = skin.find(id="chapters")
    if chapters is not None:
        _read_page_chapters(chapters, draft)
    end_notes = skin.select_one("#work_endnotes blockquote.userstuff")
    if end_notes is not None and _paragraphs(end_notes):
        draft.back.append(Paratext("author_note", _paragraphs(end_notes)))
    for chapter in draft.chapters:
        drop_repeated_heading(chapter)
    return draft


def _read_page_meta(meta: Tag, draft: WorkDraft) -> None:
    for value in meta.find_all("dd", recursive=False):
        kinds = classes(value)
        key = next((_PAGE_TAG_CLASSES[k] for k in kinds if k in _PAGE_TAG_CLASSES), None)
        if key:
            _add_tag_values(draft, key, value)
        elif "language" in kinds:
            add_values(draft.metadata, "language", [inline_text(value)])
            draft.language = language_code(inline_text(value)) or draft.language
        elif "series" in kinds:
            add_values(draft.metadata, "series", [inline_text(value)])
        elif "stats" in kinds:
            _read_page_stats(value, draft)


def _read_page_stats(stats: Tag, draft: WorkDraft) -> None:
    for name, key in (("published", "published"), ("words", "words")):
        item = stats.find("dd", class_=name)
        if item is not None:
            add_field(draft.metadata, key, inline_text(item))
    chapters = stats.find("dd", class_="chapters")
    if chapters is not None:
        _add_chapters(draft, inline_text(chapters))


def _read_page_preface(preface: Tag, draft: WorkDraft) -> None:
    title = preface.find(class_="title")
    if title is not None:
        draft.title = inline_text(title)
    byline = preface.find(class_="byline")
    if byline is not None:
        draft.author = inline_text(byline)
    for module, kind in (("summary", "summary"), ("notes", "author_note")):
        quote = preface.select_one(f"div.{module} blockquote.userstuff")
        if quote is not None and _paragraphs(quote):
            draft.front.append(Paratext(kind, _paragraphs(quote)))


def _read_page_chapters(root: Tag, draft: WorkDraft) -> None:
    chapters = [div for div in root.find_all("div", recursive=False) if "chapter" in classes(div)]
    if not chapters:
        text = root.find("div", class_="userstuff") or root
        draft.chapters.append(ChapterDraft(None, _page_text(text)))
        return
    for chapter in chapters:
        title = chapter.select_one("h3.title")
        draft_chapter = ChapterDraft(inline_text(title) if title else None)
        for part in chapter.find_all("div", recursive=False):
            draft_chapter.blocks.extend(_page_chapter_part(part))
        draft.chapters.append(draft_chapter)


def _page_chapter_part(part: Tag) -> list[Block]:
    if "userstuff" in classes(part):
        return _page_text(part)
    blocks: list[Block] = []
    for module in part.find_all("div", class_=["summary", "notes"]):
        quote = module.find("blockquote", class_="userstuff")
        text = _paragraphs(quote) if quote is not None else ""
        if text:
            blocks.append(note("summary" if "summary" in classes(module) else "author_note", text))
    return blocks


def _page_text(element: Tag) -> list[Block]:
    skip = lambda tag: "landmark" in classes(tag)  # noqa: E731
    return headings_as_paragraphs(html_blocks(element, skip=skip))
