"""FanFiction.net pages saved from the browser: ``div#storytext`` and the profile header."""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, Tag

from ..world import Paratext
from .chapters import drop_repeated_heading
from .draft import ChapterDraft, WorkDraft
from .htmltext import canonical_url, headings_as_paragraphs, html_blocks, inline_text
from .metadata import FFN_GENRES, add_field, add_values, language_code

_RATING = re.compile(r"Fiction\s+(K\+|K|T|MA|M)\b")
_LABELLED = re.compile(
    r"^(?P<label>Chapters|Words|Reviews|Favs|Follows|Updated|Published|Status|id)\s*:\s*(?P<value>.*)$"
)
_PAIRING = re.compile(r"\[([^\]]+)\]")


def is_ffn(soup: BeautifulSoup) -> bool:
    return soup.find(id="storytext") is not None or soup.find(id="storycontent") is not None


def ffn_draft(soup: BeautifulSoup, origin: str) -> WorkDraft:
    """Title, author, summary, the metadata line, the fandom and the chapter shown on the page."""
    draft = WorkDraft(source_format="ffn-html", origin=origin)
    url = canonical_url(soup)
    if url:
        add_values(draft.metadata, "source_url", [url])
    profile = soup.find(id="profile_top")
    if isinstance(profile, Tag):
        _read_profile(profile, draft)
    _read_fandom(soup, draft)
    story = soup.find(id="storytext") or soup.find(id="storycontent")
    chapter = ChapterDraft(_chapter_title(soup), headings_as_paragraphs(html_blocks(story)))
    drop_repeated_heading(chapter)
    draft.chapters.append(chapter)
    return draft


def _read_profile(profile: Tag, draft: WorkDraft) -> None:
    title = profile.find("b", class_="xcontrast_txt") or profile.find(["h1", "b"])
    if title is not None:
        draft.title = inline_text(title)
    author = profile.find("a", href=re.compile(r"^(?:https?://[^/]+)?/u/"))
    if author is not None:
        draft.author = inline_text(author)
    summary = profile.find("div", class_="xcontrast_txt", recursive=False)
    if summary is not None and inline_text(summary):
        draft.front.append(Paratext("summary", inline_text(summary)))
    line = profile.find("span", class_="xgray")
    if line is not None:
        read_metadata_line(inline_text(line), draft)


def read_metadata_line(line: str, draft: WorkDraft) -> None:
    """Parse "Rated: Fiction T - English - Genre/Genre - Characters - Chapters: N - Words: N ..."."""
    parts = [part.strip() for part in re.split(r"\s+-\s+", line) if part.strip()]
    positional: list[str] = []
    for part in parts:
        rating = _RATING.search(part)
        labelled = _LABELLED.match(part)
        if part.startswith("Rated"):
            if rating:
                add_values(draft.metadata, "rating", [rating.group(1)])
        elif labelled:
            _add_labelled(draft, labelled.group("label"), labelled.group("value"))
        else:
            positional.append(part)
    _read_positional(positional, draft)


def _add_labelled(draft: WorkDraft, label: str, value: str) -> None:
    if label == "Chapters":
        add_values(draft.metadata, "chapters", [value])
    elif label == "Words":
        add_field(draft.metadata, "words", value)
    elif label == "Published":
        add_values(draft.metadata, "published", [value])
    elif label == "Status":
        add_field(draft.metadata, "status", value)
    elif label == "id" and "source_url" not in draft.metadata:
        add_values(draft.metadata, "source_url", [f"https://www.fanfiction.net/s/{value.strip()}/1/"])


def _read_positional(parts: list[str], draft: WorkDraft) -> None:
    """Language, then genres when they are FFN genres, then characters and [pairings]."""
    if parts:
        add_values(draft.metadata, "language", [parts[0]])
        draft.language = language_code(parts[0]) or draft.language
        parts = parts[1:]
    if parts and _is_genre_list(parts[0]):
        add_field(draft.metadata, "genre", parts[0])
        parts = parts[1:]
    for part in parts:
        _read_characters(part, draft)
    if "status" not in draft.metadata and "chapters" in draft.metadata:
        add_values(draft.metadata, "status", ["In-Progress"])


def _is_genre_list(part: str) -> bool:
    names = [name for name in (n.strip().lower() for n in re.split(r"/(?!comfort)", part.lower())) if name]
    return bool(names) and all(name in FFN_GENRES for name in names)


def _read_characters(part: str, draft: WorkDraft) -> None:
    for pairing in _PAIRING.findall(part):
        add_values(draft.metadata, "relationships", [f"[{pairing.strip()}]"])
    add_field(draft.metadata, "characters", _PAIRING.sub(lambda m: m.group(1) + ",", part))


def _read_fandom(soup: BeautifulSoup, draft: WorkDraft) -> None:
    links = soup.select("#pre_story_links a")
    if not links:
        return
    fandom = re.sub(r"\s+Crossover$", "", inline_text(links[-1]))
    fandoms = [name.strip() for name in fandom.split(" + ") if name.strip()]
    add_values(draft.metadata, "fandoms", fandoms)
    draft.fandoms.extend(fandoms)


def _chapter_title(soup: BeautifulSoup) -> str | None:
    select = soup.find("select", id="chap_select")
    if not isinstance(select, Tag):
        return None
    option = select.find("option", selected=True) or select.find("option")
    return inline_text(option) if option is not None else None
