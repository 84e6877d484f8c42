"""storyworld: read a story, recover the world it describes.

>>> from storyworld import analyze
>>> world = analyze("story.txt")
>>> [c.name for c in world.characters]
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from .analysis import analyze, analyze_text, analyze_work
    from .ingest import read_work

__all__ = ["World", "analyze", "analyze_text", "analyze_work", "read_work", "__version__"]

_LAZY = {
    "analyze": ("analysis", "analyze"),
    "analyze_text": ("analysis", "analyze_text"),
    "analyze_work": ("analysis", "analyze_work"),
    "read_work": ("ingest", "read_work"),
    "World": ("world", "World"),
}


def __getattr__(name: str) -> Any:
    """Import the heavy modules (spaCy) only when their functions are first used."""
    if name not in _LAZY:
        raise AttributeError(f"module 'storyworld' has no attribute {name!r}")
    from importlib import import_module

    module_name, attribute = _LAZY[name]
    return getattr(import_module(f".{module_name}", __name__), attribute)
