"""Files shipped inside the package (trained weights), read the same way by every model."""

from __future__ import annotations

from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import TypeVar

RULES_ONLY_ENV = "STORYWORLD_RULES_ONLY"  # "1": every learned model stands aside for the rules

T = TypeVar("T")


def read_packaged(resource: str, read: Callable[[Path], T | None]) -> T | None:
    """``read`` applied to the file shipped at ``resource`` (relative to the package); None
    when it is absent (``read`` itself returns None for stale weights)."""
    packaged = resources.files("storyworld").joinpath(resource)
    if not packaged.is_file():
        return None
    with resources.as_file(packaged) as path:
        return read(path)
