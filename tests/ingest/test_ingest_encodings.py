"""Text files in the encodings fan fiction arrives in decode to the same story."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from storyworld.ingest import read_work

STORY = (
    "Sakura-chan sighed. \u201cNaruto, you\u2019re late \u2014 again.\u201d\n\n"
    "He grinned at the caf\u00e9 door, na\u00efve as ever."
)


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    "data",
    [
        STORY.encode("utf-8"),
        codecs.BOM_UTF8 + STORY.encode("utf-8"),
        codecs.BOM_UTF16_LE + STORY.encode("utf-16-le"),
        codecs.BOM_UTF16_BE + STORY.encode("utf-16-be"),
        STORY.encode("utf-16-le"),
        STORY.encode("cp1252"),
    ],
    ids=["utf-8", "utf-8-bom", "utf-16-le-bom", "utf-16-be-bom", "utf-16-le-no-bom", "cp1252"],
)
def test_encodings_decode_to_the_same_text(tmp_path: Path, data: bytes) -> None:
    work = read_work(_write(tmp_path, "story.txt", data))
    assert work.text == STORY


def test_cp1252_smart_quotes_and_dash(tmp_path: Path) -> None:
    data = b"\x93Wait,\x94 Hinata said \x97 and then she smiled. It\x92s fine."
    work = read_work(_write(tmp_path, "story.txt", data))
    assert work.text == "\u201cWait,\u201d Hinata said \u2014 and then she smiled. It\u2019s fine."


def test_latin1_accents(tmp_path: Path) -> None:
    text = "Le gar\u00e7on entra dans le caf\u00e9. \u00c0 midi, tout \u00e9tait calme, d\u00e9j\u00e0."
    work = read_work(_write(tmp_path, "story.txt", text.encode("latin-1")))
    assert work.text == text


def test_crlf_and_cr_newlines(tmp_path: Path) -> None:
    data = "First line of the story.\r\n\r\nSecond paragraph here.\r\rThird one.".encode("utf-8")
    work = read_work(_write(tmp_path, "story.txt", data))
    assert work.text == "First line of the story.\n\nSecond paragraph here.\n\nThird one."


def test_indentation_spaces_are_stripped(tmp_path: Path) -> None:
    text = "\u3000\u3000Kiba ran ahead.\n\n\u00a0\u00a0Akamaru barked twice.\n\n\tShino followed."
    work = read_work(_write(tmp_path, "story.txt", text.encode("utf-8")))
    assert work.text == "Kiba ran ahead.\n\nAkamaru barked twice.\n\nShino followed."


def test_file_without_extension_read_as_text(tmp_path: Path) -> None:
    work = read_work(_write(tmp_path, "STORY", STORY.encode("utf-8")))
    assert work.text == STORY and work.source_format == "txt"


def test_html_declared_charset(tmp_path: Path) -> None:
    page = '<html><head><meta charset="windows-1252"></head><body><p>\x93Hi,\x94 she said.</p></body></html>'
    work = read_work(_write(tmp_path, "page.html", page.encode("latin-1")))
    assert work.text == "\u201cHi,\u201d she said."
