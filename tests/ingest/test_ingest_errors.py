"""Every input that cannot be read raises a named error with a one-line message."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from storyworld.errors import (
    EmptyStoryError,
    InputError,
    InputTooLargeError,
    MalformedInputError,
    UnsupportedFormatError,
)
from storyworld.ingest import DEFAULT_MAX_BYTES, read_work, work_from_text


def _one_line(error: pytest.ExceptionInfo[BaseException]) -> str:
    message = str(error.value)
    assert "\n" not in message and message
    return message


def test_default_limit_is_fifty_megabytes() -> None:
    assert DEFAULT_MAX_BYTES == 50 * 1024 * 1024


def test_missing_file(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.txt"
    with pytest.raises(InputError) as error:
        read_work(missing)
    assert _one_line(error).startswith(f"no such file: {missing}")


def test_directory(tmp_path: Path) -> None:
    with pytest.raises(EmptyStoryError) as error:
        read_work(tmp_path)
    assert "directory" in _one_line(error)


@pytest.mark.parametrize("content", [b"", b"   \n\n\t  \r\n", b"\xef\xbb\xbf"])
def test_empty_or_blank_file(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "blank.txt"
    path.write_bytes(content)
    with pytest.raises(EmptyStoryError) as error:
        read_work(path)
    assert str(path) in _one_line(error)


def test_only_paratext(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("Disclaimer: I don't own Naruto.\n\nA/N: Hope you enjoy! Please review!\n", encoding="utf-8")
    with pytest.raises(EmptyStoryError) as error:
        read_work(path)
    assert "no story text" in _one_line(error)


def test_work_from_text_empty() -> None:
    with pytest.raises(EmptyStoryError):
        work_from_text("  \n \n")


@pytest.mark.parametrize("content", [b"PK\x03\x04\x00\x00binary\x00\x00data", bytes(range(256)) * 8])
def test_binary_file(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "image.txt"
    path.write_bytes(content)
    with pytest.raises(UnsupportedFormatError) as error:
        read_work(path)
    assert "binary" in _one_line(error)


def test_binary_without_extension(tmp_path: Path) -> None:
    path = tmp_path / "blob"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200))
    with pytest.raises(UnsupportedFormatError):
        read_work(path)


@pytest.mark.parametrize("name", ["story.pdf", "story.docx", "story.mobi", "story.rtf"])
def test_unsupported_extension(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(b"whatever")
    with pytest.raises(UnsupportedFormatError) as error:
        read_work(path)
    message = _one_line(error)
    assert path.suffix in message
    assert all(extension in message for extension in (".txt", ".html", ".epub"))


def test_too_large_is_checked_before_reading(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "huge.txt"
    path.write_text("Naruto ran. " * 200, encoding="utf-8")

    def refuse(*args: object, **kwargs: object) -> bytes:
        raise AssertionError("the file was read")

    monkeypatch.setattr(Path, "read_bytes", refuse)
    with pytest.raises(InputTooLargeError) as error:
        read_work(path, max_bytes=100)
    message = _one_line(error)
    assert "limit" in message and "max_bytes" in message


def test_size_at_the_limit_is_read(tmp_path: Path) -> None:
    path = tmp_path / "small.txt"
    path.write_bytes(b"A short story.")
    assert read_work(path, max_bytes=path.stat().st_size).text == "A short story."


@pytest.mark.parametrize(
    "markup",
    [
        "<html><head><title>Oops</title></head><body><div></div></body></html>",
        "<html><body><script>var story = 'none';</script><p> </p></body></html>",
        "<html><bo",
    ],
)
def test_html_without_story_text(tmp_path: Path, markup: str) -> None:
    path = tmp_path / "page.html"
    path.write_text(markup, encoding="utf-8")
    with pytest.raises(MalformedInputError) as error:
        read_work(path)
    assert "no story text" in _one_line(error)


def test_html_with_only_notes_is_empty(tmp_path: Path) -> None:
    path = tmp_path / "notes.html"
    path.write_text("<html><body><p>A/N: Sorry, no update this week!</p></body></html>", encoding="utf-8")
    with pytest.raises(EmptyStoryError):
        read_work(path)


@pytest.mark.parametrize("content", [b"this is not a zip archive", b"PK\x03\x04 truncated"])
def test_broken_epub(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "book.epub"
    path.write_bytes(content)
    with pytest.raises(MalformedInputError) as error:
        read_work(path)
    assert "EPUB" in _one_line(error)


def test_zip_that_is_not_an_epub(tmp_path: Path) -> None:
    path = tmp_path / "book.epub"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("hello.txt", "not an ebook")
    with pytest.raises(MalformedInputError):
        read_work(path)


def test_errors_share_the_input_error_base(tmp_path: Path) -> None:
    path = tmp_path / "x.pdf"
    path.write_bytes(b"%PDF")
    with pytest.raises(InputError):
        read_work(path)
