"""The line-level rules: scene-break lines, chapter headings, notes, disclaimers, titles."""

from __future__ import annotations

import pytest

from storyworld.ingest import work_from_text
from storyworld.ingest.chapters import heading_title
from storyworld.ingest.frontmatter import by_line_author, looks_like_title
from storyworld.ingest.metadata import language_code, parse_label_line, split_values
from storyworld.ingest.paratext import edge_kind, explicit_kind, fandoms_from_disclaimer, is_disclaimer
from storyworld.ingest.scenes import is_scene_break, labelled_break


@pytest.mark.parametrize("line", ["***", "* * *", "~*~", "o0o", "oOo", "xXx", "-x-", "~o~", "#", "•••", "+++", "—"])
def test_scene_break_lines(line: str) -> None:
    assert is_scene_break(line)


@pytest.mark.parametrize("line", ["...", '"..."', "xxx", "Ooo", "Hi", "*sigh*", "!", "<3", "(...)"])
def test_not_scene_break_lines(line: str) -> None:
    assert not is_scene_break(line)


def test_labelled_breaks() -> None:
    assert labelled_break("~*~ Naruto's POV ~*~") == "Naruto's POV"
    assert labelled_break("~~~Flashback~~~") == "Flashback"
    assert labelled_break("**sigh**") is None
    assert labelled_break('"Hi," he said') is None


@pytest.mark.parametrize(
    ("line", "title"),
    [("Chapter 1", "Chapter 1"), ("**Chapter 3**", "Chapter 3"), ("[Chapter 1]", "Chapter 1"),
     ("Chapter 1 (Part 2)", "Chapter 1 (Part 2)"), ("Chapter 1 of 3", "Chapter 1 of 3"),
     ("Chapter Five The Storm", "Chapter Five The Storm")],
)
def test_heading_titles(line: str, title: str) -> None:
    assert heading_title(line) == title


@pytest.mark.parametrize("line", ["Chapter 1 was the hardest to write.", "Chapters are hard", "Prologues bore me.",
                                  "Chapter In which nothing happens"])
def test_not_headings(line: str) -> None:
    assert heading_title(line) is None


@pytest.mark.parametrize(
    ("text", "kind"),
    [("A/N: hi", "author_note"), ("AN: hi", "author_note"), ("Author\u2019s Note: hey", "author_note"),
     ("(A/N: brief)", "author_note"), ("Disclaimer: not mine", "disclaimer"), ("An old man walked in.", None),
     ("Anna sat down.", None)],
)
def test_explicit_kinds(text: str, kind: str | None) -> None:
    assert explicit_kind(text) == kind


@pytest.mark.parametrize(
    ("text", "kind"),
    [("Hope you enjoy!", "author_note"), ("Please review!", "author_note"), ("Thanks for reading :)", "author_note"),
     ("End file.", "header"), ("Summary: a tale.", "summary"), ("I don't own Naruto.", "disclaimer"),
     ("Thanks for reading, Naruto thought.", None), ('"Enjoy!" she said.', None), ("The sun rose.", None)],
)
def test_edge_kinds(text: str, kind: str | None) -> None:
    assert edge_kind(text) == kind


@pytest.mark.parametrize(
    "text",
    ["All characters belong to Masashi Kishimoto.", "Naruto (c) Masashi Kishimoto", "I own nothing.",
     "No copyright infringement intended.", "I'm not making any money from this."],
)
def test_disclaimers(text: str) -> None:
    assert is_disclaimer(text)


@pytest.mark.parametrize(
    "text", ["My heart belongs to Sasuke Uchiha.", "Sakura belongs to Sasuke.", "The sword belongs to my father.",
             "I don't own much."],
)
def test_not_disclaimers(text: str) -> None:
    assert not is_disclaimer(text)


@pytest.mark.parametrize(
    ("text", "fandoms"),
    [("I don't own Naruto, Kishimoto does.", ["Naruto"]),
     ("Sadly, Naruto and all its characters belong to Kishimoto-sensei.", ["Naruto"]),
     ("I don't own Naruto, Bleach, or One Piece.", ["Naruto", "Bleach", "One Piece"]),
     ("The Hunger Games belongs to Suzanne Collins.", ["The Hunger Games"]),
     ("I do not own the Naruto franchise", ["Naruto"]),
     ("I don't own anything.", []),
     ("All characters belong to Masashi Kishimoto.", [])],
)
def test_fandoms_from_disclaimers(text: str, fandoms: list[str]) -> None:
    assert fandoms_from_disclaimer(text) == fandoms


def test_titles_and_by_lines() -> None:
    assert looks_like_title("Ramen and Regrets", "The bell rang.")
    assert looks_like_title("Why?", "by Someone")
    assert not looks_like_title("Naruto ran.", "He was late.")
    assert not looks_like_title("Sakura's POV", "She ran.")
    assert not looks_like_title('"Run!" he shouted', None)
    assert by_line_author("by O. Henry") == "O. Henry"
    assert by_line_author("Written by: FoxfireWriter") == "FoxfireWriter"
    assert by_line_author("by the river they waited for the ferry that never came to take them home") is None


def test_labels_and_values() -> None:
    assert parse_label_line("Pairing: Naruto/Hinata") == ("relationships", "Pairing", "Naruto/Hinata")
    assert parse_label_line("Archive Warning(s): None") == ("warnings", "Archive Warning(s)", "None")
    assert parse_label_line("Time: noon") is None
    assert split_values("genre", "Romance/Hurt/Comfort") == ["Romance", "Hurt/Comfort"]
    assert split_values("words", "12,345") == ["12345"]
    assert (language_code("English"), language_code("Español"), language_code("fr-CA")) == ("en", "es", "fr")


def test_short_blurb_after_a_title_is_a_summary() -> None:
    raw = "Ramen and Regrets\n\nby Foxfire\n\nNaruto tries to cook. Hilarity ensues.\n\nChapter 1\n\nThe kitchen was on fire."
    work = work_from_text(raw)
    assert work.text == "The kitchen was on fire."
    assert work.paratext[-1].kind == "summary" and work.paratext[-1].text.startswith("Naruto tries to cook.")
    assert work.chapters[0].title == "Chapter 1"


@pytest.mark.parametrize(
    ("text", "kind"),
    [("Author's notes were scattered across the desk.", None), ("The decision isn't mine to make.", None),
     ("There was no money left in the house.", None), ('Naruto grinned. "See you later, Sasuke!"', None),
     ("Naruto isn't mine.", "disclaimer"), ("The characters aren't mine.", "disclaimer"),
     ("No profit is made from this.", "disclaimer"), ("They didn't enjoy the mission. I did.", None),
     ("I updated the mission report twice.", None), ("Sorry for the late update, guys!", "author_note")],
)
def test_story_sentences_near_the_edges(text: str, kind: str | None) -> None:
    assert edge_kind(text) == kind
