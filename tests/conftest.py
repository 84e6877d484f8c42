"""Shared fixtures: the real spaCy model, loaded once, and paths to the bundled stories."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def nlp():
    from storyworld.nlp.pipeline import load_language

    return load_language()


@pytest.fixture(scope="session")
def analyse_text(nlp):
    from storyworld.analysis import analyze_text

    def run(text: str):
        return analyze_text(text, nlp=nlp)

    return run


