"""Shared helpers for the ingest tests: fixture paths, EPUB building, layout invariants."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

import pytest
from ebooklib import epub

from storyworld.world import Work

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "ingest"

Page = tuple[str, str, str]  # file name, body markup, body class


def xhtml(body: str, body_class: str = "") -> str:
    """A complete XHTML page around ``body``."""
    attribute = f' class="{body_class}"' if body_class else ""
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<html xmlns="http://www.w3.org/1999/xhtml"><head><title>page</title></head>'
        f"<body{attribute}>{body}</body></html>"
    )


def write_epub(
    path: Path,
    pages: Sequence[Page],
    *,
    title: str,
    author: str,
    dublin_core: dict[str, str] | None = None,
) -> Path:
    """Write an EPUB whose spine is ``pages`` in order; pages are stored exactly as given."""
    book = epub.EpubBook()
    book.set_identifier(f"test-{title}")
    book.set_title(title)
    book.set_language("en")
    book.add_author(author)
    for key, value in (dublin_core or {}).items():
        book.add_metadata("DC", key, value)
    items = []
    for name, body, body_class in pages:
        uid = name.replace("/", "_").replace(".", "_")
        item = epub.EpubItem(
            uid=uid, file_name=name, media_type="application/xhtml+xml", content=xhtml(body, body_class).encode()
        )
        book.add_item(item)
        items.append(item)
    book.add_item(epub.EpubNcx())
    book.spine = items
    epub.write_epub(str(path), book)
    return path


@pytest.fixture
def fixture_path() -> Callable[[str], Path]:
    return lambda name: FIXTURES / name


@pytest.fixture
def epub_writer() -> Callable[..., Path]:
    return write_epub


def assert_layout(work: Work) -> None:
    """The conventions every Work keeps: clean text, ordered chapters, breaks inside chapters."""
    text = work.text
    assert text == text.strip()
    assert "\r" not in text and "\ufeff" not in text and "\n\n\n" not in text
    assert all(paragraph.strip() == paragraph and "\n" not in paragraph for paragraph in text.split("\n\n"))
    assert work.chapters, "every work has at least one chapter"
    assert work.chapters[0].start == 0 and work.chapters[-1].end == len(text)
    for before, after in zip(work.chapters, work.chapters[1:]):
        assert after.start == before.end + 2 and text[before.end : after.start] == "\n\n"
    starts = {chapter.start for chapter in work.chapters}
    for offset in work.scene_breaks:
        assert offset not in starts
        assert text[offset - 2 : offset] == "\n\n"


@pytest.fixture
def check_layout() -> Callable[[Work], None]:
    return assert_layout
