"""Site metadata: "Label: value" lines, label names to ``Work.metadata`` keys, value lists."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

METADATA_KEYS = (
    "rating",
    "warnings",
    "categories",
    "fandoms",
    "relationships",
    "characters",
    "additional_tags",
    "language",
    "words",
    "chapters",
    "series",
    "published",
    "status",
    "genre",
    "source_url",
)
LIST_KEYS = frozenset(
    {"warnings", "categories", "fandoms", "relationships", "characters", "additional_tags", "genre"}
)
# Labels that are not metadata keys but tell what a header line is.
TITLE, AUTHOR, SUMMARY, DISCLAIMER, NOTE, OTHER = (
    "title",
    "author",
    "summary",
    "disclaimer",
    "author_note",
    "header",
)

_LABELS: dict[str, str] = {
    "title": TITLE,
    "story title": TITLE,
    "fic title": TITLE,
    "author": AUTHOR,
    "authors": AUTHOR,
    "author name": AUTHOR,
    "written by": AUTHOR,
    "writer": AUTHOR,
    "pen name": AUTHOR,
    "creator": AUTHOR,
    "rating": "rating",
    "rated": "rating",
    "warning": "warnings",
    "warnings": "warnings",
    "archive warning": "warnings",
    "archive warnings": "warnings",
    "content warning": "warnings",
    "content warnings": "warnings",
    "trigger warning": "warnings",
    "trigger warnings": "warnings",
    "tw": "warnings",
    "cw": "warnings",
    "category": "categories",
    "categories": "categories",
    "fandom": "fandoms",
    "fandoms": "fandoms",
    "relationship": "relationships",
    "relationships": "relationships",
    "pairing": "relationships",
    "pairings": "relationships",
    "ship": "relationships",
    "ships": "relationships",
    "character": "characters",
    "characters": "characters",
    "additional tags": "additional_tags",
    "additional tag": "additional_tags",
    "freeform": "additional_tags",
    "tags": "additional_tags",
    "language": "language",
    "words": "words",
    "word count": "words",
    "wordcount": "words",
    "length": "words",
    "chapters": "chapters",
    "chapter count": "chapters",
    "series": "series",
    "published": "published",
    "date published": "published",
    "date posted": "published",
    "posted": "published",
    "status": "status",
    "genre": "genre",
    "genres": "genre",
    "source": "source_url",
    "url": "source_url",
    "story url": "source_url",
    "original url": "source_url",
    "link": "source_url",
    "summary": SUMMARY,
    "description": SUMMARY,
    "blurb": SUMMARY,
    "disclaimer": DISCLAIMER,
    "disclaimers": DISCLAIMER,
    "a/n": NOTE,
    "an": NOTE,
    "a.n.": NOTE,
    "author's note": NOTE,
    "author's notes": NOTE,
    "authors note": NOTE,
    "authors notes": NOTE,
    "author note": NOTE,
    "author notes": NOTE,
    "note": NOTE,
    "notes": NOTE,
    "spoilers": OTHER,
    "spoiler": OTHER,
    "beta": OTHER,
    "betas": OTHER,
    "beta reader": OTHER,
    "beta'd by": OTHER,
    "dedication": OTHER,
    "feedback": OTHER,
    "archive": OTHER,
    "archiving": OTHER,
    "timeline": OTHER,
    "setting": OTHER,
    "prompt": OTHER,
    "updated": OTHER,
    "completed": OTHER,
    "stats": OTHER,
    "collections": OTHER,
    "pov": OTHER,
    "type": OTHER,
    "packaged": OTHER,
    "publisher": OTHER,
    "site": OTHER,
}

AO3_CATEGORIES = frozenset({"gen", "f/m", "m/m", "f/f", "multi", "other"})
FFN_GENRES = frozenset(
    {
        "general", "romance", "humor", "drama", "poetry", "adventure", "mystery", "horror", "parody",
        "angst", "supernatural", "suspense", "sci-fi", "fantasy", "spiritual", "tragedy", "western",
        "crime", "family", "hurt/comfort", "friendship",
    }
)

_LABEL_LINE = re.compile(
    r"^[*_~\s]*(?P<label>[A-Za-z][A-Za-z'’./ ()-]{0,30}?)[*_\s]*[:：][*_\s]*(?P<value>.*?)[*_\s]*$"
)
_HURT_COMFORT = "Hurt/Comfort"

_LANGUAGE_CODES = {
    "english": "en",
    "español": "es",
    "espanol": "es",
    "spanish": "es",
    "français": "fr",
    "francais": "fr",
    "french": "fr",
    "deutsch": "de",
    "german": "de",
    "italiano": "it",
    "italian": "it",
    "português": "pt",
    "português brasileiro": "pt",
    "portuguese": "pt",
    "nederlands": "nl",
    "dutch": "nl",
    "polski": "pl",
    "polish": "pl",
    "русский": "ru",
    "russian": "ru",
    "日本語": "ja",
    "japanese": "ja",
    "中文": "zh",
    "中文-普通话 國語": "zh",
    "chinese": "zh",
    "한국어": "ko",
    "korean": "ko",
    "svenska": "sv",
    "swedish": "sv",
    "suomi": "fi",
    "finnish": "fi",
    "dansk": "da",
    "norsk": "no",
    "türkçe": "tr",
    "turkish": "tr",
    "bahasa indonesia": "id",
    "indonesian": "id",
    "tiếng việt": "vi",
    "vietnamese": "vi",
    "čeština": "cs",
    "czech": "cs",
    "magyar": "hu",
    "hungarian": "hu",
    "ελληνικά": "el",
    "greek": "el",
    "العربية": "ar",
    "arabic": "ar",
    "עברית": "he",
    "hebrew": "he",
    "català": "ca",
    "catalan": "ca",
    "filipino": "tl",
    "tagalog": "tl",
    "українська": "uk",
    "ukrainian": "uk",
}


def normalize_label(label: str) -> str:
    """``"Archive Warning(s):"`` → ``"archive warnings"``."""
    text = label.strip().strip(":：").replace("’", "'").lower()
    text = text.replace("(s)", "s")
    return re.sub(r"\s+", " ", text).strip()


def label_key(label: str, overrides: Mapping[str, str] | None = None) -> str | None:
    """The metadata key or header role a label names, or None for an unknown label."""
    name = normalize_label(label)
    if overrides and name in overrides:
        return overrides[name]
    return _LABELS.get(name)


def parse_label_line(
    line: str, overrides: Mapping[str, str] | None = None
) -> tuple[str, str, str] | None:
    """``(key, label, value)`` for a known "Label: value" line, else None."""
    match = _LABEL_LINE.match(line)
    if match is None or "\n" in line:
        return None
    label = match.group("label").strip()
    key = label_key(label, overrides)
    if key is None:
        return None
    if label.upper() == "AN" and label != "AN":
        return None
    return key, label, match.group("value").strip()


def split_values(key: str, value: str) -> list[str]:
    """Split a field's text into its values (AO3 tag names never hold commas)."""
    value = re.sub(r"\s+", " ", value).strip()
    if not value:
        return []
    if key == "words":
        digits = re.sub(r"[,.\s\u00a0']", "", value)
        return [digits] if digits else []
    if key == "status":
        return [normalize_status(value)]
    if key not in LIST_KEYS:
        return [value]
    parts = [part.strip() for part in re.split(r"\s*[,;]\s*", value)]
    if key == "genre":
        parts = [piece for part in parts for piece in _split_genre(part)]
    return [part for part in parts if part]


def _split_genre(part: str) -> list[str]:
    protected = part.replace(_HURT_COMFORT, "\x00")
    return [piece.replace("\x00", _HURT_COMFORT).strip() for piece in protected.split("/")]


def normalize_status(value: str) -> str:
    """"Completed", "complete" → "Complete"; "WIP", "Ongoing", "In Progress" → "In-Progress"."""
    text = value.strip().lower()
    if text.startswith("complete") or text in {"finished", "done"}:
        return "Complete"
    if text in {"wip", "ongoing", "in progress", "in-progress", "incomplete", "updating", "unfinished"}:
        return "In-Progress"
    return value.strip()


def language_code(name: str) -> str | None:
    """ISO 639-1 code for a language name or code as sites write it."""
    text = name.strip().lower()
    if re.fullmatch(r"[a-z]{2}(?:[-_][a-z]{2,4})?", text):
        return text[:2]
    return _LANGUAGE_CODES.get(text)


def add_values(metadata: dict[str, list[str]], key: str, values: Iterable[str]) -> None:
    """Append values to ``metadata[key]`` once each, keeping their order."""
    if key not in METADATA_KEYS:
        return
    current = metadata.setdefault(key, [])
    seen = {value.casefold() for value in current}
    for value in values:
        value = value.strip()
        if value and value.casefold() not in seen:
            current.append(value)
            seen.add(value.casefold())
    if not current:
        del metadata[key]


def add_field(metadata: dict[str, list[str]], key: str, value: str) -> None:
    """Add a field's raw text, split as the key wants."""
    add_values(metadata, key, split_values(key, value))


def sort_categories(values: list[str]) -> dict[str, list[str]]:
    """A free-text "Category:" line: AO3 categories, genres, or else fandoms."""
    sorted_values: dict[str, list[str]] = {"categories": [], "genre": [], "fandoms": []}
    for value in values:
        if value.lower() in AO3_CATEGORIES:
            sorted_values["categories"].append(value)
        elif all(part.strip().lower() in FFN_GENRES for part in _split_genre(value)):
            sorted_values["genre"].extend(_split_genre(value))
        else:
            sorted_values["fandoms"].append(value)
    return sorted_values


def frozen_metadata(metadata: Mapping[str, list[str]]) -> dict[str, tuple[str, ...]]:
    """The metadata as ``Work.metadata`` holds it, in the order of METADATA_KEYS."""
    return {key: tuple(metadata[key]) for key in METADATA_KEYS if metadata.get(key)}
