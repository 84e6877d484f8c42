"""The blind held-out fan-fiction set (``tests/fixtures/heldout_blind``): labels and a smoke run.

Engineers must not read these stories or their per-story failures (see the folder's README).
No accuracy floors yet: the integration test only checks that every story is analysed and
scored; floors come later, from the TOTAL row of ``bench/fanfic_eval.py --folder``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from storyworld.evaluation.fanfic import (
    evaluate_heldout,
    heldout_stories,
    load_gold,
    locate_quotes,
    totals,
)

BLIND_DIR = Path(__file__).resolve().parents[1] / "fixtures" / "heldout_blind"


def test_every_blind_story_has_consistent_labels():
    pairs = heldout_stories(BLIND_DIR)
    assert len(pairs) == 8
    for story, gold_path in pairs:
        gold = load_gold(gold_path)
        text = story.read_text(encoding="utf-8")
        locate_quotes(text, gold.quotes, gold.name)  # every gold quote is in the story, in order
        assert gold.characters and gold.quotes


@pytest.mark.integration
def test_blind_set_runs_and_every_story_is_scored(nlp):
    from storyworld.analysis import analyze

    pairs = heldout_stories(BLIND_DIR)
    scores = evaluate_heldout(BLIND_DIR, analyze=lambda path: analyze(path, nlp=nlp))
    assert [s.story for s in scores] == [gold.name.removesuffix(".gold.json") for _, gold in pairs]
    assert all(s.gold_quotes > 0 and s.gold_characters > 0 for s in scores)
    total = totals(scores)
    assert total.stories == len(pairs) == 8
    assert set(total.rates) >= {"cast_recall", "quote_recall", "speaker_accuracy"}
