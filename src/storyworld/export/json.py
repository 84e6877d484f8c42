"""The World as JSON in the ``storyworld/1`` contract."""

from __future__ import annotations

import json

from ..world import World


def world_to_json(world: World, *, indent: int | None = 2) -> str:
    """Serialise ``world`` as one JSON object (schema ``storyworld/1``)."""
    return json.dumps(world.to_dict(), ensure_ascii=False, indent=indent)
