"""EPUB: FanFicFare, AO3 (its download HTML split over pages) and generic books, built with ebooklib."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from storyworld.errors import EmptyStoryError
from storyworld.ingest import read_work
from storyworld.world import Paratext, Work

Check = Callable[[Work], None]
Writer = Callable[..., Path]

FFF_TITLE_PAGE = (
    '<h3><a href="https://www.fanfiction.net/s/111/1/">Ashes</a> by <a href="#">EmberQuill</a></h3><div>'
    "<b>Category:</b> Naruto<br /><b>Genre:</b> Drama, Family<br />"
    "<b>Characters:</b> Itachi U., Sasuke U.<br /><b>Status:</b> In-Progress<br />"
    "<b>Rating:</b> T<br /><b>Chapters:</b> 2<br /><b>Words:</b> 1,500<br />"
    "<b>Summary:</b> Two brothers, one fire.<br />It burns for years.<br /></div>"
)


@pytest.fixture
def fanficfare_epub(tmp_path: Path, epub_writer: Writer) -> Path:
    pages = [
        ("OEBPS/title_page.xhtml", FFF_TITLE_PAGE, "fff_titlepage"),
        ("OEBPS/toc_page.xhtml", '<div><h3>Table of Contents</h3><a href="file0001.xhtml">Embers</a></div>', "fff_tocpage"),
        (
            "OEBPS/file0001.xhtml",
            '<h3 class="fff_chapter_title">Embers</h3><div class="fff_chapter_notes"><p>Written in one sitting.</p></div>'
            "<div><p>The fire had burned for three days.</p><p>Sasuke watched it from the hill.</p><hr />"
            "<p>Itachi came back at dawn.</p></div>",
            "fff_chapter",
        ),
        ("OEBPS/file0002.xhtml", '<h3 class="fff_chapter_title">Smoke</h3><div><p>Smoke hung over the village.</p></div>', "fff_chapter"),
    ]
    return epub_writer(
        tmp_path / "ashes.epub",
        pages,
        title="Ashes",
        author="EmberQuill",
        dublin_core={"contributor": "FanFicFare [https://github.com/JimmXinu/FanFicFare]",
                     "source": "https://www.fanfiction.net/s/111/1/"},
    )


def test_fanficfare_epub(fanficfare_epub: Path, check_layout: Check) -> None:
    work = read_work(fanficfare_epub)
    check_layout(work)
    assert work.source_format == "fanficfare-epub"
    assert (work.title, work.author, work.fandoms) == ("Ashes", "EmberQuill", ("Naruto",))
    meta = work.metadata
    assert (meta["rating"], meta["status"], meta["words"]) == (("T",), ("In-Progress",), ("1500",))
    assert meta["characters"] == ("Itachi U.", "Sasuke U.")
    assert meta["genre"] == ("Drama", "Family")
    assert meta["source_url"] == ("https://www.fanfiction.net/s/111/1/",)
    assert [chapter.title for chapter in work.chapters] == ["Embers", "Smoke"]
    assert work.text == (
        "The fire had burned for three days.\n\nSasuke watched it from the hill.\n\n"
        "Itachi came back at dawn.\n\nSmoke hung over the village."
    )
    assert work.text[work.scene_breaks[0]:].startswith("Itachi came back")
    assert Paratext("summary", "Two brothers, one fire.\n\nIt burns for years.") in work.paratext
    assert Paratext("author_note", "Written in one sitting.") in work.paratext


def test_ao3_epub(tmp_path: Path, epub_writer: Writer, check_layout: Check) -> None:
    preface = (
        '<div id="preface"><p class="message"><b>Salt</b><br/>Posted originally on the '
        '<a href="https://archiveofourown.org/">Archive of Our Own</a> at '
        '<a href="https://archiveofourown.org/works/55">https://archiveofourown.org/works/55</a>.</p>'
        '<div class="meta"><dl class="tags"><dt>Rating:</dt><dd><a href="#">Explicit</a></dd>'
        '<dt>Archive Warning:</dt><dd><a href="#">No Archive Warnings Apply</a></dd>'
        '<dt>Fandom:</dt><dd><a href="#">Naruto</a></dd>'
        '<dt>Relationship:</dt><dd><a href="#">Nara Shikamaru/Temari</a></dd>'
        '<dt>Characters:</dt><dd><a href="#">Nara Shikamaru</a>, <a href="#">Temari</a></dd>'
        '<dt>Additional Tags:</dt><dd><a href="#">Beach Episode</a></dd>'
        "<dt>Stats:</dt><dd>Published: 2020-01-01 Words: 90 Chapters: 2/?</dd></dl>"
        '<h1>Salt</h1><div class="byline">by <a rel="author" href="#">TideWriter</a></div>'
        '<p>Summary</p><blockquote class="userstuff"><p>Shikamaru hates the beach.</p></blockquote></div></div>'
    )
    first = (
        '<div id="chapters" class="userstuff"><div class="meta group"><h2 class="heading">Chapter 1: Sand</h2></div>'
        '<div class="userstuff"><p>The sand got everywhere.</p><p>Temari laughed at him.</p></div></div>'
    )
    second = (
        '<div class="userstuff"><div class="meta group"><h2 class="heading">Chapter 2: Waves</h2>'
        '<p>Chapter Notes</p><blockquote class="userstuff"><p>Short and sweet.</p></blockquote></div>'
        '<div class="userstuff"><p>The waves were louder at night.</p></div></div>'
    )
    afterword = (
        '<div id="afterword"><div class="meta"><div id="endnotes"><p>End Notes</p>'
        '<blockquote class="userstuff"><p>Thanks for reading!</p></blockquote></div></div></div>'
    )
    pages = [("preface.xhtml", preface, ""), ("split_001.xhtml", first, ""), ("split_002.xhtml", second, ""),
             ("split_003.xhtml", afterword, "")]
    work = read_work(epub_writer(tmp_path / "salt.epub", pages, title="Salt", author="TideWriter"))
    check_layout(work)
    assert work.source_format == "ao3-epub"
    assert (work.title, work.author, work.fandoms) == ("Salt", "TideWriter", ("Naruto",))
    assert work.metadata["relationships"] == ("Nara Shikamaru/Temari",)
    assert work.metadata["additional_tags"] == ("Beach Episode",)
    assert work.metadata["status"] == ("In-Progress",)
    assert [chapter.title for chapter in work.chapters] == ["Chapter 1: Sand", "Chapter 2: Waves"]
    assert work.text == "The sand got everywhere.\n\nTemari laughed at him.\n\nThe waves were louder at night."
    assert [item.text for item in work.paratext] == ["Salt", "Shikamaru hates the beach.", "Short and sweet.", "Thanks for reading!"]


def test_generic_epub(tmp_path: Path, epub_writer: Writer, check_layout: Check) -> None:
    pages = [
        ("title.xhtml", "<h1>The Lantern Keeper</h1><p>by Mira Holt</p>", ""),
        ("ch1.xhtml", "<h2>Chapter 1: The Lamp</h2><p>The lamp was older than the lighthouse.</p>"
                      "<p>* * *</p><p>In winter the keeper slept beside it.</p>", ""),
        ("ch2.xhtml", "<h2>Chapter 2: The Storm</h2><p>The storm came in from the north.</p>", ""),
    ]
    path = epub_writer(tmp_path / "lantern.epub", pages, title="The Lantern Keeper", author="Mira Holt",
                       dublin_core={"description": "<p>A keeper, a lamp, a storm.</p>"})
    work = read_work(path)
    check_layout(work)
    assert work.source_format == "epub"
    assert (work.title, work.author) == ("The Lantern Keeper", "Mira Holt")
    assert [chapter.title for chapter in work.chapters] == ["Chapter 1: The Lamp", "Chapter 2: The Storm"]
    assert work.text == (
        "The lamp was older than the lighthouse.\n\nIn winter the keeper slept beside it.\n\n"
        "The storm came in from the north."
    )
    assert work.text[work.scene_breaks[0]:].startswith("In winter")
    assert Paratext("summary", "A keeper, a lamp, a storm.") in work.paratext


def test_generic_epub_pages_follow_the_spine(tmp_path: Path, epub_writer: Writer) -> None:
    pages = [("b.xhtml", "<h1>One</h1><p>First page text.</p>", ""), ("a.xhtml", "<h1>Two</h1><p>Second page text.</p>", "")]
    work = read_work(epub_writer(tmp_path / "order.epub", pages, title="Order", author="X"))
    assert [chapter.title for chapter in work.chapters] == ["One", "Two"]
    assert work.text == "First page text.\n\nSecond page text."


def test_epub_without_story_text(tmp_path: Path, epub_writer: Writer) -> None:
    pages = [("only.xhtml", "<h1>Nothing here</h1>", "")]
    with pytest.raises(EmptyStoryError):
        read_work(epub_writer(tmp_path / "empty.epub", pages, title="Empty", author="X"))
