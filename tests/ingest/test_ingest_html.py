"""HTML: AO3 downloads and saved pages, FanFiction.net, FanFicFare and generic pages."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from storyworld.ingest import read_work
from storyworld.world import Chapter, Paratext, Work

Check = Callable[[Work], None]
Fixture = Callable[[str], Path]


def _chapter_texts(work: Work) -> list[str]:
    return [work.text[chapter.start:chapter.end] for chapter in work.chapters]


def test_ao3_multi_chapter_metadata(fixture_path: Fixture) -> None:
    work = read_work(fixture_path("ao3_multi.html"))
    assert work.source_format == "ao3-html"
    assert (work.title, work.author, work.language) == ("The Bridge at Dawn", "FoxfireWriter", "en")
    assert work.fandoms == ("Naruto",)
    meta = work.metadata
    assert meta["rating"] == ("Teen And Up Audiences",)
    assert meta["warnings"] == ("Graphic Depictions Of Violence", "Major Character Death")
    assert meta["categories"] == ("Gen", "F/M")
    assert meta["relationships"] == ("Haruno Sakura/Uchiha Sasuke", "Team Seven & Hatake Kakashi")
    assert meta["characters"] == ("Uzumaki Naruto", "Haruno Sakura", "Uchiha Sasuke", "Hatake Kakashi")
    assert meta["additional_tags"] == ("Angst with a Happy Ending", "Team as Family")
    assert meta["fandoms"] == ("Naruto",)
    assert (meta["words"], meta["chapters"], meta["status"]) == (("1204",), ("2/2",), ("Complete",))
    assert meta["published"] == ("2021-03-04",)
    assert meta["source_url"] == ("https://archiveofourown.org/works/123456",)


def test_ao3_multi_chapter_notes_are_paratext(fixture_path: Fixture) -> None:
    work = read_work(fixture_path("ao3_multi.html"))
    assert work.paratext == (
        Paratext("title", "The Bridge at Dawn"),
        Paratext("summary", "Team Seven waits on a bridge. Kakashi is late. Some things never change."),
        Paratext("author_note", "Written for a friend who wanted more Team Seven feelings."),
        Paratext("summary", "Sakura counts the planks."),
        Paratext("author_note", "Short one today, sorry!"),
        Paratext("author_note", "Next chapter: Kakashi finally shows up."),
        Paratext("author_note", "Thank you for reading! Kudos and comments make my day."),
    )
    for note in ("Kakashi is late", "Short one today", "Next chapter", "Kudos", "Please drop by"):
        assert note not in work.text


def test_ao3_multi_chapter_text(fixture_path: Fixture, check_layout: Check) -> None:
    work = read_work(fixture_path("ao3_multi.html"))
    check_layout(work)
    assert [chapter.title for chapter in work.chapters] == ["Chapter 1: Waiting", "Chapter 2: Arrival"]
    first, second = _chapter_texts(work)
    assert first.split("\n\n") == [
        "Sakura counted the planks of the bridge for the third time and still got forty-one.",
        "\u201cHe\u2019s late again,\u201d Sasuke said, without any surprise at all.",
        "Naruto kicked a pebble into the river. It sank without a sound.",
        "By the time the sun was high, even Naruto had stopped complaining.",
    ]
    assert second.startswith("Kakashi-sensei arrived at noon") and second.endswith("and it was enough.")
    assert [work.text[offset:offset + 18] for offset in work.scene_breaks] == [
        "By the time the su",
        "That evening they ",
    ]


def test_ao3_single_chapter(fixture_path: Fixture, check_layout: Check) -> None:
    work = read_work(fixture_path("ao3_single.html"))
    check_layout(work)
    assert (work.title, work.author) == ("Paper Cranes", "InkAndLeaf")
    assert work.fandoms == ("Naruto", "Boruto: Naruto Next Generations")
    assert work.chapters == (Chapter(None, 0, len(work.text)),)
    assert work.text == (
        "Himawari folded the nine hundred and ninety-ninth crane with great care.\n\n"
        "\u201cOne more,\u201d she whispered to the empty kitchen. \u201cJust one more.\u201d"
    )
    assert work.metadata["warnings"] == ("No Archive Warnings Apply",)
    assert work.paratext[1] == Paratext("summary", "Himawari folds a thousand cranes.")


def test_ao3_saved_work_page(fixture_path: Fixture, check_layout: Check) -> None:
    work = read_work(fixture_path("ao3_saved_page.html"))
    check_layout(work)
    assert work.source_format == "ao3-html"
    assert (work.title, work.author) == ("Lanterns on the Water", "MoonlitKunai")
    assert work.metadata["rating"] == ("Mature",)
    assert work.metadata["warnings"] == ("Creator Chose Not To Use Archive Warnings",)
    assert work.metadata["relationships"] == ("Uchiha Itachi/Hoshigaki Kisame",)
    assert work.metadata["additional_tags"] == ("Slow Burn", "Lantern Festival")
    assert (work.metadata["words"], work.metadata["status"]) == (("2345",), ("In-Progress",))
    assert [chapter.title for chapter in work.chapters] == ["Chapter 1: Paper", "Chapter 2: Water"]
    assert "Chapter Text" not in work.text and "Chapter 9" not in work.text
    assert _chapter_texts(work)[0].startswith("The festival town smelled of rice paper")
    assert work.text[work.scene_breaks[0]:].startswith("They walked down to the water")
    assert [item.text for item in work.paratext if item.kind == "author_note"] == [
        "Inspired by a lantern festival I went to last summer.",
        "This chapter is mostly Kisame being dramatic.",
        "More soon!",
        "Thanks for reading this far.",
    ]


def test_fanfiction_net_page(fixture_path: Fixture, check_layout: Check) -> None:
    work = read_work(fixture_path("ffn_page.html"))
    check_layout(work)
    assert work.source_format == "ffn-html"
    assert (work.title, work.author, work.fandoms) == ("The Quiet Shinobi", "NightOwlInk", ("Naruto",))
    meta = work.metadata
    assert (meta["rating"], meta["language"], meta["words"]) == (("T",), ("English",), ("12345",))
    assert meta["genre"] == ("Friendship", "Hurt/Comfort")
    assert meta["characters"] == ("Shino A.", "Hinata H.", "Kiba I.")
    assert meta["relationships"] == ("[Shino A., Hinata H.]",)
    assert meta["published"] == ("Jul 14, 2017",)
    assert work.chapters[0].title == "2. Rain"
    assert work.text.startswith("The rain started just after noon")
    assert work.text.endswith("her voice carried over the storm.")
    assert work.text[work.scene_breaks[0]:].startswith("Hinata found the cave first.")
    assert [item.kind for item in work.paratext] == ["title", "summary", "disclaimer", "author_note"]


def test_fanficfare_html(fixture_path: Fixture, check_layout: Check) -> None:
    work = read_work(fixture_path("fanficfare.html"))
    check_layout(work)
    assert work.source_format == "fanficfare-html"
    assert (work.title, work.author, work.fandoms) == ("Thunder Over Suna", "SandAndStorm", ("Naruto",))
    meta = work.metadata
    assert meta["characters"] == ("Gaara", "Temari", "Kankurou")
    assert meta["relationships"] == ("Gaara & Temari & Kankurou",)
    assert meta["categories"] == ("Gen",)
    assert meta["additional_tags"] == ("Hurt/Comfort", "Sibling Bonding")
    assert meta["source_url"] == ("https://archiveofourown.org/works/31337",)
    assert meta["status"] == ("Complete",)
    assert [chapter.title for chapter in work.chapters] == ["Chapter 1: Thunder", "Chapter 2: Morning"]
    assert "Table of Contents" not in work.text
    assert work.text[work.scene_breaks[0]:].startswith("Gaara stood at the window")
    assert Paratext("author_note", "The last chapter! Thank you all for reading.") in work.paratext
    assert Paratext("summary", "A storm rolls over Suna, and the Sand Siblings learn to sit out the thunder together.") in work.paratext


def test_generic_html(fixture_path: Fixture, check_layout: Check) -> None:
    work = read_work(fixture_path("generic_story.html"))
    check_layout(work)
    assert work.source_format == "html"
    assert (work.title, work.author) == ("The Fox at the Gate", "Rin Amano")
    assert [chapter.title for chapter in work.chapters] == ["Chapter 1", "Chapter 2"]
    assert work.text.split("\n\n") == [
        "The fox came to the village gate every evening at the same hour.",
        "Izumo and Kotetsu had long since stopped pretending not to feed it.",
        "One night it did not come.",
        "The next morning they found its tracks leading into the forest.",
        "They followed them until noon.",
    ]
    assert work.text[work.scene_breaks[0]:].startswith("One night it did not come.")


def test_html_inline_markup_and_single_breaks(tmp_path: Path) -> None:
    page = (
        "<html><body><p>She <em>really</em> meant it.<br/>Every word.</p>"
        "<p style='text-align:center'>~*~</p><p>&nbsp;&nbsp;Later, \u201cfine,\u201d he said.</p></body></html>"
    )
    path = tmp_path / "page.htm"
    path.write_text(page, encoding="utf-8")
    work = read_work(path)
    assert work.text == "She really meant it. Every word.\n\nLater, \u201cfine,\u201d he said."
    assert work.text[work.scene_breaks[0]:].startswith("Later")


def test_html_without_tags_is_read_as_text(tmp_path: Path) -> None:
    path = tmp_path / "story.xhtml"
    path.write_text("Just words.\n\nMore words.", encoding="utf-8")
    work = read_work(path)
    assert work.text == "Just words.\n\nMore words."


def test_single_chapter_heading_is_not_the_title(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(
        "<html><head><title>Moonrise</title></head><body><h1>Chapter 1</h1><p>The moon rose.</p></body></html>",
        encoding="utf-8",
    )
    work = read_work(path)
    assert (work.title, work.chapters[0].title, work.text) == ("Moonrise", "Chapter 1", "The moon rose.")
