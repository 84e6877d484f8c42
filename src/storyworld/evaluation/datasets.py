"""Where the evaluation data sets live.

The data are never copied into the repository. They are read in place from, in order:

1. the folder named by the environment variable ``STORYWORLD_DATASETS`` (used alone when set);
2. ``<repo>/../shared/datasets``, where ``<repo>`` is the first folder holding a
   ``pyproject.toml`` above this package's own location, else above the current directory.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..errors import StoryworldError

ENV_VAR = "STORYWORLD_DATASETS"


class DatasetsMissing(StoryworldError):
    """The LitBank / PDNC data sets cannot be found."""


def repository_root() -> Path | None:
    """The folder holding ``pyproject.toml``, found from the package location, else the cwd."""
    for start in (Path(__file__).resolve().parent, Path.cwd().resolve()):
        for folder in (start, *start.parents):
            if (folder / "pyproject.toml").is_file():
                return folder
    return None


def candidate_roots() -> list[Path]:
    """The places searched for the data sets, in order."""
    configured = os.environ.get(ENV_VAR)
    if configured:
        return [Path(configured).expanduser()]
    repo = repository_root()
    return [] if repo is None else [repo.parent / "shared" / "datasets"]


def datasets_root() -> Path | None:
    """The data set folder (holding ``litbank/``, ``pdnc/``, ``litbank-splits/``), or None."""
    for root in candidate_roots():
        if root.is_dir():
            return root
    return None


def require_datasets_root(root: Path | None = None) -> Path:
    """``root`` if given, else :func:`datasets_root`; raise :class:`DatasetsMissing` if absent."""
    if root is not None:
        if root.is_dir():
            return root
        raise DatasetsMissing(_missing_message([root]))
    found = datasets_root()
    if found is None:
        raise DatasetsMissing(_missing_message(candidate_roots()))
    return found


def _missing_message(looked_in: list[Path]) -> str:
    places = ", ".join(str(p) for p in looked_in) or "nowhere (no pyproject.toml found)"
    return (
        f"evaluation data sets not found (looked in {places}); "
        f"set {ENV_VAR} to the folder holding litbank/ and pdnc/"
    )
