"""Turning the runners' nested result dicts into flat rows for tables."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


def flatten_results(results: Mapping[str, Any], separator: str = ".") -> dict[str, Any]:
    """``{"quotes": {"exact": {"f1": 0.5}}}`` -> ``{"quotes.exact.f1": 0.5}``, keys in order."""
    flat: dict[str, Any] = {}
    for key, value in results.items():
        if isinstance(value, Mapping):
            for inner_key, inner_value in flatten_results(value, separator).items():
                flat[f"{key}{separator}{inner_key}"] = inner_value
        else:
            flat[str(key)] = value
    return flat
