"""Shared fixtures for the evaluation tests: the data set folder and a World builder."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

import pytest

from storyworld.evaluation import datasets_root
from storyworld.world import Character, Mention, Narration, Quote, World, Work

MISSING_REASON = "../shared/datasets not found: set STORYWORLD_DATASETS"

# (start, end, kind) per mention; kind one of name/title/pronoun/nominal
CharacterSpec = tuple[str, str, Sequence[str], Sequence[tuple[int, int, str]]]
QuoteSpec = tuple[int, int, "str | None"]
WorldBuilder = Callable[[str, Iterable[CharacterSpec], Iterable[QuoteSpec]], World]


@pytest.fixture(scope="session")
def datasets() -> Path:
    root = datasets_root()
    if root is None:
        pytest.skip(MISSING_REASON)
    return root


def build_world(text: str, characters: Iterable[CharacterSpec], quotes: Iterable[QuoteSpec] = ()) -> World:
    """A World with the given characters (id, name, aliases, mentions) and quotes."""
    character_list = []
    mention_list = []
    for character_id, name, aliases, mentions in characters:
        character_list.append(Character(character_id, name, tuple(aliases), len(mentions)))
        mention_list.extend(Mention(character_id, s, e, kind) for s, e, kind in mentions)  # type: ignore[arg-type]
    quote_list = [Quote(s, e, text[s:e], speaker, None, 1.0) for s, e, speaker in quotes]
    return World(
        work=Work(text=text),
        characters=tuple(character_list),
        mentions=tuple(sorted(mention_list, key=lambda m: (m.start, m.end))),
        quotes=tuple(quote_list),
        relations=(),
        events=(),
        narration=Narration(person="third", tense="past", focal_character=None),
    )


@pytest.fixture(scope="session")
def make_world() -> WorldBuilder:
    return build_world
