"""The input file: checks before reading (exists, regular, size) and which reader it needs."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Literal

from ..errors import EmptyStoryError, InputError, InputTooLargeError, UnsupportedFormatError

Format = Literal["txt", "html", "epub"]

DEFAULT_MAX_BYTES = 50 * 1024 * 1024
EXTENSIONS: dict[str, Format] = {
    ".txt": "txt",
    ".text": "txt",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".epub": "epub",
}
SUPPORTED = ".txt, .text, .html, .htm, .xhtml, .epub"
_ZIP_MAGIC = b"PK\x03\x04"
_HTML_STARTS = (b"<!doctype html", b"<html", b"<?xml", b"<head", b"<body")


def existing_file(path: str | os.PathLike[str]) -> Path:
    """The path, once it is known to name a regular file."""
    file = Path(path)
    try:
        file.stat()
    except FileNotFoundError:
        raise InputError(f"no such file: {file} (check the path and try again)") from None
    except OSError as error:
        raise InputError(f"cannot read {file}: {error.strerror or error}; check its permissions") from None
    if file.is_dir():
        raise EmptyStoryError(f"{file} is a directory, not a story file: pass one file inside it")
    if not file.is_file():
        raise InputError(f"{file} is not a regular file: pass a .txt, .html or .epub file")
    return file


def check_size(file: Path, max_bytes: int) -> None:
    """Refuse a file larger than ``max_bytes`` or empty, from its size alone."""
    size = file.stat().st_size
    if size > max_bytes:
        raise InputTooLargeError(
            f"{file} is {_megabytes(size)}, over the {_megabytes(max_bytes)} limit: "
            "split the story into smaller files or raise max_bytes"
        )
    if size == 0:
        raise EmptyStoryError(f"{file} is empty: pass a file that contains the story")


def _megabytes(size: int) -> str:
    if size < 1024 * 1024:
        return f"{size} bytes"
    return f"{size / (1024 * 1024):.1f} MB"


def format_by_extension(file: Path) -> Format | None:
    """The reader a file's extension asks for; None when it has no extension."""
    suffix = file.suffix.lower()
    if not suffix:
        return None
    if suffix in EXTENSIONS:
        return EXTENSIONS[suffix]
    raise UnsupportedFormatError(
        f"unsupported file type {suffix!r} ({file.name}): storyworld reads {SUPPORTED}; "
        "convert the file to one of these"
    )


def sniff_format(head: bytes) -> Format:
    """The reader for a file without extension, from its first bytes."""
    if head.startswith(_ZIP_MAGIC):
        return "epub"
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if start.startswith(_HTML_STARTS):
        return "html"
    return "txt"


def read_bytes(file: Path) -> bytes:
    """The file's bytes; OS errors become InputError."""
    try:
        return file.read_bytes()
    except OSError as error:
        raise InputError(f"cannot read {file}: {error.strerror or error}; check its permissions") from None


def read_head(file: Path, size: int = 512) -> bytes:
    try:
        with file.open("rb") as handle:
            return handle.read(size)
    except OSError as error:
        raise InputError(f"cannot read {file}: {error.strerror or error}; check its permissions") from None
