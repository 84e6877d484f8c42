"""Fixed train/dev/test document splits for LitBank and PDNC.

The id lists are part of the package (``storyworld/data/splits/*.json``), so a split never
depends on which files happen to be present. See ``docs/EVALUATION.md`` for their provenance.

LitBank layers:

* ``entities``: the published NAACL 2019 80/10/10 split;
* ``coref`` (and ``quotations``, which uses it): fold 0 of the LREC 2020 ten-fold split,
  with fold 0's own dev set;
* ``events``: the published ACL 2019 split.

Ids of the 13 LitBank works held back from ``../shared/datasets`` are dropped from every list
(they are recorded under ``dropped_held_back`` in ``litbank.json``).
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

Part = Literal["train", "dev", "test"]
PARTS: tuple[str, ...] = ("train", "dev", "test")
LITBANK_LAYERS: tuple[str, ...] = ("entities", "coref", "quotations", "events")

_SPLITS_DIR = Path(__file__).resolve().parent.parent / "data" / "splits"
_LAYER_FILE_KEY = {"entities": "entities", "coref": "coref", "quotations": "coref", "events": "events"}


def litbank_split(layer: str, part: str) -> list[str]:
    """LitBank document ids (e.g. ``"1023_bleak_house_brat"``) of ``part`` for ``layer``."""
    if layer not in _LAYER_FILE_KEY:
        raise ValueError(f"unknown LitBank layer {layer!r}; expected one of {LITBANK_LAYERS}")
    _check_part(part)
    return list(_load("litbank.json")["layers"][_LAYER_FILE_KEY[layer]][part])


def litbank_dropped_ids(layer: str, part: str) -> list[str]:
    """Ids of the published ``part`` of ``layer`` that are held back and so left out."""
    if layer not in _LAYER_FILE_KEY:
        raise ValueError(f"unknown LitBank layer {layer!r}; expected one of {LITBANK_LAYERS}")
    _check_part(part)
    return list(_load("litbank.json")["layers"][_LAYER_FILE_KEY[layer]]["dropped_held_back"][part])


def pdnc_split(part: str) -> list[str]:
    """PDNC novel folder names (e.g. ``"PrideAndPrejudice"``) of ``part``."""
    _check_part(part)
    return list(_load("pdnc.json")[part])


def _check_part(part: str) -> None:
    if part not in PARTS:
        raise ValueError(f"unknown split part {part!r}; expected one of {PARTS}")


@lru_cache(maxsize=None)
def _load(name: str) -> dict[str, Any]:
    with open(_SPLITS_DIR / name, encoding="utf-8") as handle:
        data: dict[str, Any] = json.load(handle)
    return data
