"""Every labelled fan-fiction set loads: gold names resolve and every gold quote is in its story.

Reads labels only through the scorer (no story text is printed), so the blind sets stay blind.
"""

from pathlib import Path

import pytest

from storyworld.evaluation.fanfic import heldout_stories, load_gold, locate_quotes

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
SETS = {"heldout": 10, "heldout_blind": 8, "world_dev": 8, "world_blind": 10, "final_blind": 8, "cast_dev": 8,
        "broad_dev": 12, "session3_blind": 10}


@pytest.mark.parametrize("folder, stories", SETS.items())
def test_every_story_of_the_set_has_consistent_labels(folder: str, stories: int) -> None:
    pairs = heldout_stories(FIXTURES / folder)
    assert len(pairs) == stories
    for story, gold_path in pairs:
        gold = load_gold(gold_path)  # raises on unknown names, types or warnings
        locate_quotes(story.read_text(encoding="utf-8"), gold.quotes, gold.name)
        assert gold.characters and gold.quotes


@pytest.mark.parametrize("folder", ["world_dev", "world_blind", "final_blind", "cast_dev", "broad_dev", "session3_blind"])
def test_world_sets_label_the_world_layer(folder: str) -> None:
    for _, gold_path in heldout_stories(FIXTURES / folder):
        assert load_gold(gold_path).world is not None
