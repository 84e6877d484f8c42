"""AO3's fixed vocabularies and storyworld's own documented ones (content warnings, freeforms)."""

from __future__ import annotations

import re

GENERAL = "General Audiences"
TEEN = "Teen And Up Audiences"
MATURE = "Mature"
EXPLICIT = "Explicit"
NOT_RATED = "Not Rated"
RATINGS = (NOT_RATED, GENERAL, TEEN, MATURE, EXPLICIT)

MCD = "Major Character Death"
GDOV = "Graphic Depictions Of Violence"
RAPE = "Rape/Non-Con"
UNDERAGE = "Underage Sex"
NO_WARNINGS = "No Archive Warnings Apply"
CHOSE_NOT = "Creator Chose Not To Use Archive Warnings"
ARCHIVE_WARNINGS = (CHOSE_NOT, NO_WARNINGS, GDOV, MCD, RAPE, UNDERAGE)
_WARNING_SPELLINGS = {
    "choose not to use archive warnings": CHOSE_NOT,
    "creator chose not to use archive warnings": CHOSE_NOT,
    "underage": UNDERAGE,
    "underage sex": UNDERAGE,
    "rape/non-con": RAPE,
    "rape/noncon": RAPE,
    "non-con": RAPE,
}

CATEGORIES = ("Gen", "F/M", "M/M", "F/F", "Multi", "Other")

CONTENT_LABELS = (
    "death",
    "suicide",
    "self-harm",
    "violence",
    "gore",
    "sexual violence",
    "abuse",
    "alcohol",
    "drugs",
    "sexual content",
)

ADDITIONAL_TAGS = (
    "Angst",
    "Hurt/Comfort",
    "Fluff",
    "Grief",
    "Character Study",
    "Friendship",
    "Mentor/Protégé",
    "Romance",
    "First Kiss",
    "Family",
    "Epistolary",
    "Present Tense",
    "POV First Person",
    "POV Second Person",
)


def canonical_rating(value: str) -> str | None:
    """AO3's rating for a site's or author's rating word (AO3's importer's mapping)."""
    text = value.strip().lower()
    for rating in RATINGS:
        if text == rating.lower():
            return rating
    words = re.sub(r"^(?:rated\s*:?\s*)?(?:fiction\s+)?", "", text).strip()
    if words in {"nc-17", "x", "ma", "explicit", "e"}:
        return EXPLICIT
    if words in {"r", "m", "mature"}:
        return MATURE
    if words in {"pg-13", "t", "teen", "teen and up", "t+"}:
        return TEEN
    if words in {"pg", "g", "k", "k+", "general", "gen"}:
        return GENERAL
    return None


def canonical_warning(value: str) -> str | None:
    """AO3's exact warning string for any accepted spelling, else None."""
    text = value.strip().lower()
    for warning in ARCHIVE_WARNINGS:
        if text == warning.lower():
            return warning
    return _WARNING_SPELLINGS.get(text)
