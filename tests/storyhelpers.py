"""Helpers for reading a World in assertions."""

from __future__ import annotations

from pathlib import Path

STORIES = Path(__file__).resolve().parent / "fixtures" / "stories"
REPO = Path(__file__).resolve().parent.parent
BUNDLED_STORY = REPO / "src" / "storyworld" / "data" / "stories" / "the_gift_of_the_magi.txt"
SCHEMA = REPO.parent / "shared" / "schema" / "storyworld-1.schema.json"


def names_by_id(world) -> dict[str, str]:
    return {c.id: c.name for c in world.characters}


def speaker_of(world, fragment: str) -> str | None:
    """The name of the speaker of the first quote containing ``fragment``."""
    names = names_by_id(world)
    for quote in world.quotes:
        if fragment in quote.text:
            return names.get(quote.speaker) if quote.speaker else None
    raise AssertionError(f"no quote contains {fragment!r}")


def addressee_of(world, fragment: str) -> str | None:
    names = names_by_id(world)
    for quote in world.quotes:
        if fragment in quote.text:
            return names.get(quote.addressee) if quote.addressee else None
    raise AssertionError(f"no quote contains {fragment!r}")
