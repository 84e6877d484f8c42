"""The author's own tags (AO3 and site metadata), kept, and where ours disagree with them."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from ..world import Work
from .vocabulary import CHOSE_NOT, NO_WARNINGS, canonical_rating, canonical_warning

FAMILIES = {
    "rating": "rating",
    "warnings": "archive_warnings",
    "categories": "categories",
    "fandoms": "fandoms",
    "relationships": "relationships",
    "characters": "characters",
    "additional_tags": "additional",
}


def author_tags(work: Work) -> dict[str, list[str]]:
    """The author's tags by our family names, warnings and ratings in AO3's exact strings."""
    result: dict[str, list[str]] = {}
    for key, family in FAMILIES.items():
        values = list(work.metadata.get(key, ()))
        if key == "fandoms" and not values and work.source_format != "txt":
            values = list(work.fandoms)
        if key == "rating":
            values = [canonical_rating(v) or v for v in values[:1]]
        if key == "warnings":
            values = [canonical_warning(v) or v for v in values]
        if values:
            result[family] = values
    return result


def disagreements(ours: Mapping[str, Any], theirs: Mapping[str, Sequence[str]]) -> list[dict[str, Any]]:
    """Per family, tags only we suggest and tags only the author gave (case-blind)."""
    found = []
    for family, author_values in theirs.items():
        if family == "fandoms":
            continue
        mine = ours.get(family, [])
        mine_list = [mine] if isinstance(mine, str) else list(mine)
        if family == "archive_warnings" and CHOSE_NOT in author_values:
            continue
        if family == "archive_warnings":
            mine_list = [w for w in mine_list if w != NO_WARNINGS] or [NO_WARNINGS]
        mine_keys = {m.casefold(): m for m in mine_list}
        their_keys = {t.casefold(): t for t in author_values}
        only_ours = [v for k, v in mine_keys.items() if k not in their_keys]
        only_theirs = [v for k, v in their_keys.items() if k not in mine_keys]
        if only_ours or only_theirs:
            found.append({"family": family, "only_ours": only_ours, "only_author": only_theirs})
    return found
