"""Bytes to text: BOM, strict UTF-8, UTF-16 without BOM, then charset detection; binary refused."""

from __future__ import annotations

import codecs
import unicodedata

from charset_normalizer import from_bytes

from ..errors import UnsupportedFormatError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_WESTERN = {"cp1252", "windows_1252", "latin_1", "iso8859_1", "iso8859_15", "cp1250", "cp1254",
            "cp1257", "mac_roman", "cp850", "cp437", "iso8859_2", "iso8859_9", "cp775", "cp858",
            "ascii", "mac_latin2"}
_MAX_WESTERN_HIGH_SHARE = 0.05
_CONTROL_OK = {"\n", "\r", "\t", "\f", "\v"}
_MAX_CONTROL_SHARE = 0.01
_SAMPLE = 1 << 20


def _binary_error(name: str, reason: str) -> UnsupportedFormatError:
    return UnsupportedFormatError(
        f"{name} looks like a binary file ({reason}), not text: convert it to .txt (UTF-8), "
        ".html or .epub first"
    )


def decode_text(data: bytes, name: str, declared: str | None = None) -> str:
    """Decode a text file's bytes; ``declared`` is a charset the file names (HTML meta), tried after UTF-8."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _checked(_decode(data[len(bom):], encoding, name), name)
    utf16 = _utf16_without_bom(data)
    if utf16:
        return _checked(_decode(data, utf16, name), name)
    if b"\x00" in data:
        raise _binary_error(name, "it contains NUL bytes")
    try:
        return _checked(data.decode("utf-8"), name)
    except UnicodeDecodeError:
        pass
    if declared:
        text = _try_declared(data, declared)
        if text is not None:
            return _checked(text, name)
    return _checked(_detected(data, name), name)


def _decode(data: bytes, encoding: str, name: str) -> str:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError) as error:
        raise _binary_error(name, f"it is not valid {encoding}") from error


def _utf16_without_bom(data: bytes) -> str | None:
    """``utf-16-le``/``-be`` when every other byte is NUL, as in UTF-16 English text."""
    sample = data[: _SAMPLE & ~1]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    even_nul, odd_nul = even.count(0) / len(even), odd.count(0) / len(odd)
    if odd_nul > 0.6 and even_nul < 0.05:
        return "utf-16-le"
    if even_nul > 0.6 and odd_nul < 0.05:
        return "utf-16-be"
    return None


def _try_declared(data: bytes, declared: str) -> str | None:
    try:
        codec = codecs.lookup(declared).name
    except LookupError:
        return None
    if codec in {"latin-1", "iso8859-1", "ascii"}:
        codec = "cp1252"  # browsers read latin-1 and ascii as windows-1252
    try:
        return data.decode(codec)
    except UnicodeDecodeError:
        return None


def _detected(data: bytes, name: str) -> str:
    """charset-normalizer's guess, preferring windows-1252 for Western text it could be."""
    best = from_bytes(data[:_SAMPLE]).best()
    western = _cp1252(data)
    if best is None:
        if western is not None:
            return western
        raise _binary_error(name, "no text encoding fits it")
    encoding = best.encoding.lower().replace("-", "_")
    if western is not None and (encoding in _WESTERN or _mostly_ascii(data)):
        return western
    return _decode(data, best.encoding, name)


def _cp1252(data: bytes) -> str | None:
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return None


def _mostly_ascii(data: bytes) -> bool:
    sample = data[:_SAMPLE]
    high = sum(1 for byte in sample if byte > 127)
    return high <= _MAX_WESTERN_HIGH_SHARE * len(sample)


def _checked(text: str, name: str) -> str:
    """Refuse decoded text that is mostly control characters (a binary file that happened to decode)."""
    sample = text[:_SAMPLE]
    if not sample:
        return text
    controls = sum(1 for char in sample if unicodedata.category(char) == "Cc" and char not in _CONTROL_OK)
    if controls / len(sample) > _MAX_CONTROL_SHARE or "\x00" in sample:
        raise _binary_error(name, "it is full of control characters")
    return text
