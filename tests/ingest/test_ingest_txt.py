"""Plain-text fan fiction: front matter, notes, disclaimers, scene breaks, chapters, layouts."""

from __future__ import annotations

from collections.abc import Callable
from importlib.resources import files
from pathlib import Path

import pytest

from storyworld.ingest import read_work, work_from_text
from storyworld.world import Paratext, Work

Check = Callable[[Work], None]


def _kinds(work: Work) -> list[str]:
    return [item.kind for item in work.paratext]


def test_fan_fiction_front_matter(fixture_path: Callable[[str], Path], check_layout: Check) -> None:
    work = read_work(fixture_path("ramen_and_regrets.txt"))
    check_layout(work)
    assert work.title == "Ramen and Regrets"
    assert work.author == "FoxfireWriter"
    assert work.fandoms == ("Naruto",)
    assert work.source_format == "txt"
    assert work.metadata["rating"] == ("T",)
    assert work.metadata["relationships"] == ("Naruto/Hinata", "Sasuke & Sakura")
    assert work.paratext[:2] == (Paratext("title", "Ramen and Regrets"), Paratext("header", "by FoxfireWriter"))
    assert _kinds(work) == ["title", "header", "header", "header", "disclaimer", "author_note", "author_note"]
    assert work.paratext[4].text == "Disclaimer: I don't own Naruto. Masashi Kishimoto does."
    assert work.paratext[-1].text.startswith("A/N: Thanks for reading!")


def test_fan_fiction_story_text_is_clean(fixture_path: Callable[[str], Path]) -> None:
    work = read_work(fixture_path("ramen_and_regrets.txt"))
    assert work.text.startswith("The bell over Ichiraku's door rang twice")
    assert work.text.endswith("for once Kakashi-sensei was early.")
    for paratext in ("A/N", "Disclaimer", "Rating:", "Ramen and Regrets", "FoxfireWriter", "* * *", "~*~", "o0o"):
        assert paratext not in work.text
    assert '"Naruto-kun," Hinata said softly, "Iruka-sensei is looking for you."' in work.text


def test_scene_break_offsets(fixture_path: Callable[[str], Path]) -> None:
    work = read_work(fixture_path("ramen_and_regrets.txt"))
    openings = [work.text[offset:].split(",")[0] for offset in work.scene_breaks]
    assert openings == [
        "Iruka-sensei was not",
        "That night Sakura-chan found him on the roof of the academy",
        "In the morning the whole team met at the bridge",
    ]
    assert len(work.chapters) == 1 and work.chapters[0].title is None


@pytest.mark.parametrize(
    "rule",
    ["***", "* * *", "~*~", "o0o", "oOo", "xXx", "-x-", "----------", "=====", "#", "+ + +", "•••", "___",
     "~~~~", "      *      ", "=o0o="],
)
def test_scene_break_styles(rule: str, check_layout: Check) -> None:
    work = work_from_text(f"Naruto ate ramen at noon.\n\n{rule}\n\nSasuke trained until dark.")
    check_layout(work)
    assert work.text == "Naruto ate ramen at noon.\n\nSasuke trained until dark."
    assert work.scene_breaks == (len("Naruto ate ramen at noon.\n\n"),)
    assert work.text[work.scene_breaks[0]:].startswith("Sasuke trained")


def test_labelled_scene_break_keeps_the_label() -> None:
    work = work_from_text("Naruto ate ramen.\n\n~*~ Sakura's POV ~*~\n\nShe watched him eat.")
    assert work.text == "Naruto ate ramen.\n\nSakura's POV\n\nShe watched him eat."
    assert work.text[work.scene_breaks[0]:].startswith("Sakura's POV")


def test_breaks_collapse_and_vanish_at_the_edges() -> None:
    work = work_from_text("***\n\nFirst scene.\n\n***\n\n-x-\n\nSecond scene.\n\n***")
    assert work.text == "First scene.\n\nSecond scene."
    assert work.scene_breaks == (len("First scene.\n\n"),)


def test_author_note_between_scenes_is_paratext() -> None:
    raw = (
        "Kiba ran into the forest.\n\n***\n\nA/N: Time skip ahead, sorry!\n\n***\n\n"
        "Three years later, Kiba came back taller."
    )
    work = work_from_text(raw)
    assert work.text == "Kiba ran into the forest.\n\nThree years later, Kiba came back taller."
    assert work.paratext == (Paratext("author_note", "A/N: Time skip ahead, sorry!"),)
    assert work.text[work.scene_breaks[0]:].startswith("Three years later")


def test_inline_bracketed_author_note_is_cut_out() -> None:
    work = work_from_text("Naruto bowed low. (A/N: bowing is polite in Konoha) Then he left.\n\nThe end came.")
    assert work.text.startswith("Naruto bowed low. Then he left.")
    assert Paratext("author_note", "(A/N: bowing is polite in Konoha)") in work.paratext


@pytest.mark.parametrize(
    "note",
    ["AN: quick note before we start.", "Author's Note: this one is sad.", "[A/N: set after the war]",
     "(A/N this is unbetaed)", "Hope you enjoy!", "Please read and review :)"],
)
def test_opening_notes(note: str) -> None:
    work = work_from_text(f"{note}\n\nHinata trained alone by the waterfall every morning.")
    assert work.text == "Hinata trained alone by the waterfall every morning."
    assert work.paratext[0].kind == "author_note"


@pytest.mark.parametrize(
    ("disclaimer", "fandoms"),
    [
        ("I don't own Naruto.", ("Naruto",)),
        ("Naruto belongs to Masashi Kishimoto.", ("Naruto",)),
        ("Disclaimer: Harry Potter is the property of J.K. Rowling.", ("Harry Potter",)),
        ("I do not own Naruto or Bleach.", ("Naruto", "Bleach")),
        ("Disclaimer: I don't own Avatar: The Last Airbender.", ("Avatar: The Last Airbender",)),
        ("Not mine. No profit is made.", ()),
        ("I own nothing but the plot.", ()),
    ],
)
def test_disclaimers_name_fandoms(disclaimer: str, fandoms: tuple[str, ...]) -> None:
    work = work_from_text(f"{disclaimer}\n\nThe story starts when the rain stops over Konoha.")
    assert work.text == "The story starts when the rain stops over Konoha."
    assert work.paratext[0] == Paratext("disclaimer", disclaimer)
    assert work.fandoms == fandoms


def test_story_lines_that_sound_like_notes_stay() -> None:
    raw = (
        "I don't own much. A bed, a kettle, a photograph of Team Seven.\n\n"
        '"I don\'t own a sword," Tenten said. "I own forty."\n\n'
        "My heart belongs to Sasuke Uchiha, Ino wrote in her diary."
    )
    work = work_from_text(raw)
    assert work.text == raw
    assert work.paratext == ()


def test_chapters(fixture_path: Callable[[str], Path], check_layout: Check) -> None:
    work = read_work(fixture_path("village_chapters.txt"))
    check_layout(work)
    assert work.title == "Leaves in Autumn"
    assert work.fandoms == ("Naruto",)
    assert [chapter.title for chapter in work.chapters] == ["Chapter 1: The Bell", "Chapter 2: The River", "Epilogue"]
    first, second, epilogue = (work.text[c.start:c.end] for c in work.chapters)
    assert first.startswith("Kakashi rang the bell") and first.endswith("the last onigiri.")
    assert second == "The river was colder than Sakura had expected.\n\nShe waded in anyway, because Sasuke-kun was watching."
    assert epilogue == "Years later, the bell still hung over the training ground."
    assert "Chapter" not in work.text and "Epilogue" not in work.text
    assert [work.text[b:].split(" ")[0:3] for b in work.scene_breaks] == [["By", "noon", "the"]]


@pytest.mark.parametrize(
    "heading",
    ["Chapter 1", "Chapter One: The Bell", "CHAPTER IV.", "Chapter 12 - Homecoming", "Ch. 3: Rain",
     "~*~Chapter 2~*~", "Prologue", "Epilogue: Ten Years Later", "Chapter Twenty-One"],
)
def test_heading_styles(heading: str) -> None:
    work = work_from_text(f"Opening scene of the story.\n\n{heading}\n\nNext part of the story.")
    assert work.text == "Opening scene of the story.\n\nNext part of the story."
    assert work.chapters[1].title is not None and heading.strip("~*") == work.chapters[1].title
    assert work.chapters[1].start == len("Opening scene of the story.\n\n")
    assert work.scene_breaks == ()


def test_sentences_about_chapters_are_not_headings() -> None:
    raw = "Chapter 1 was the hardest to write, she admitted.\n\nPrologues are overrated anyway."
    assert work_from_text(raw).text == raw


def test_numbered_chapters() -> None:
    work = work_from_text("I\n\nThe first part.\n\nII\n\nThe second part.\n\nIII\n\nThe third part.")
    assert [chapter.title for chapter in work.chapters] == ["I", "II", "III"]
    assert work.text == "The first part.\n\nThe second part.\n\nThe third part."


def test_hard_wrapped_text_is_unwrapped(fixture_path: Callable[[str], Path], check_layout: Check) -> None:
    work = read_work(fixture_path("long_road.txt"))
    check_layout(work)
    assert work.title == "The Long Road"
    paragraphs = work.text.split("\n\n")
    assert len(paragraphs) == 4
    assert paragraphs[0].startswith("The travellers left the village before the sun had fully risen over the eastern hills,")
    assert paragraphs[2] == (
        '"Perhaps," said the elder. "Perhaps not. The road does not care either way, '
        'and neither, I think, should we."'
    )


def test_one_paragraph_per_line(fixture_path: Callable[[str], Path], check_layout: Check) -> None:
    work = read_work(fixture_path("one_per_line.txt"))
    check_layout(work)
    paragraphs = work.text.split("\n\n")
    assert len(paragraphs) == 5
    assert paragraphs[2] == '"You\'re brooding again," Naruto said, dropping onto the grass beside him.'
    assert work.title is None


def test_bundled_classic_has_title_and_author() -> None:
    story = files("storyworld") / "data" / "stories" / "the_gift_of_the_magi.txt"
    work = work_from_text(story.read_text(encoding="utf-8"))
    assert (work.title, work.author) == ("THE GIFT OF THE MAGI", "O. Henry")
    assert work.text.startswith("One dollar and eighty-seven cents.")
    assert work.text.endswith("They are the magi.")


def test_gutenberg_boilerplate_is_removed() -> None:
    raw = (
        "The Project Gutenberg eBook of A Small Tale\n\nTitle: A Small Tale\n\nAuthor: Jane Doe\n\n"
        "Language: English\n\n*** START OF THE PROJECT GUTENBERG EBOOK A SMALL TALE ***\n\n"
        "A SMALL TALE\n\nby Jane Doe\n\nOnce there was a small tale.\n\n"
        "*** END OF THE PROJECT GUTENBERG EBOOK A SMALL TALE ***\n\nLicence text goes here."
    )
    work = work_from_text(raw)
    assert work.text == "Once there was a small tale."
    assert (work.title, work.author, work.language) == ("A Small Tale", "Jane Doe", "en")


def test_fanficfare_text_export() -> None:
    raw = (
        "Ashes of the Leaf\n\nby EmberQuill\n\n\nCategory: Naruto\nGenre: Drama, Family\n"
        "Status: Completed\nSummary: Two brothers and one fire.\n\n\nTABLE OF CONTENTS\n\n"
        "Chapter 1: Embers\nChapter 2: Smoke\n\n\nChapter 1: Embers\n\nThe fire burned for three days.\n\n"
        "* * *\n\nItachi came back at dawn.\n\n\nChapter 2: Smoke\n\nSmoke hung over the village.\n\nEnd file.\n"
    )
    work = work_from_text(raw)
    assert (work.title, work.author, work.fandoms) == ("Ashes of the Leaf", "EmberQuill", ("Naruto",))
    assert work.metadata["genre"] == ("Drama", "Family")
    assert [chapter.title for chapter in work.chapters] == ["Chapter 1: Embers", "Chapter 2: Smoke"]
    assert work.text == "The fire burned for three days.\n\nItachi came back at dawn.\n\nSmoke hung over the village."
    assert Paratext("summary", "Two brothers and one fire.") in work.paratext


def test_work_from_text_keeps_the_source_format() -> None:
    assert work_from_text("A story.", source_format="html").source_format == "html"


def test_paragraph_convention_matches_text_module() -> None:
    from storyworld.text import paragraph_spans

    work = work_from_text("Line one is here.\nLine two is here.\nLine three is here.")
    spans = paragraph_spans(work.text)
    assert [work.text[span.start:span.end] for span in spans] == work.text.split("\n\n")


def test_indented_hard_wrapped_paragraphs() -> None:
    raw = (
        "    The travellers left the village before the sun had fully risen over\n"
        "the eastern hills, carrying little more than bread and a flask of water.\n"
        "    For three days they walked without speaking of the thing that had\n"
        "driven them out of their home and into the cold of the mountain pass.\n"
        '    "Perhaps," said the elder.\n'
        "    They drank, filled the flask again, and went on toward the mountains\n"
        "that rose grey and silent before them in the thin light of the morning.\n"
    )
    paragraphs = work_from_text(raw).text.split("\n\n")
    assert len(paragraphs) == 4
    assert paragraphs[1].endswith("driven them out of their home and into the cold of the mountain pass.")
    assert paragraphs[2] == '"Perhaps," said the elder.'


def test_control_characters_are_dropped() -> None:
    assert work_from_text("The end of the file\x1a came.\x00\n\nAnother\x0cpage.").text == (
        "The end of the file came.\n\nAnother\n\npage."
    )
