"""Fan-fiction stories with hand labels as extra training rows for the speaker ranker.

Only the folders that are open for debugging (``tests/fixtures/heldout``, ``world_dev``,
``cast_dev``, ``broad_dev``: 38 stories, about 900 quotes) may be used: the blind sets stay blind. Each story is analysed
through the ordinary pipeline with the ranker off; what the speakers stage received (Doc,
quotes, mentions, the rules' choices) becomes the candidates and their features, and a
candidate is right when its character aligns (``align_cast``) to the gold speaker of the gold
quote matched to its quote.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

import storyworld.analysis as analysis
from corpus import recorded_speaker_inputs
from storyworld.evaluation.fanfic import align_cast, heldout_stories, load_gold, locate_quotes, match_quotes
from storyworld.ingest import read_work
from storyworld.nlp.speaker_ranker import QuoteCandidates, RuleChoice, build_candidates
from storyworld.world import Character

REPO = Path(__file__).resolve().parents[1]
OPEN_FOLDERS = tuple(REPO / "tests" / "fixtures" / name for name in ("heldout", "world_dev", "cast_dev", "broad_dev"))


@dataclass
class StoryRows:
    """Candidates of every quote of one story, with which of them are right."""

    name: str
    candidates: list[QuoteCandidates]
    labels: list[np.ndarray]
    rules: list[RuleChoice]
    gold_speakers: list[str | None]  # per predicted quote: the matched gold quote's speaker
    cast_gold: dict[int, str]  # cast index -> gold character name


def story_rows(story: Path, gold_path: Path) -> StoryRows:
    gold = load_gold(gold_path)
    with recorded_speaker_inputs() as seen:
        world = analysis.analyze_work(read_work(story))
    rules = [RuleChoice(a.speaker, a.addressee, a.confidence) for a in seen["rules"]]  # type: ignore[attr-defined]
    candidates = build_candidates(seen["doc"], seen["quotes"], seen["mentions"], rules)  # type: ignore[arg-type]
    # candidates name cast indices; the cast as assembled (a narrator's found name folded in)
    pseudo = [Character(id=str(i), name=n, aliases=a, mentions=1) for i, (n, a) in enumerate(seen["cast"])]  # type: ignore[arg-type]
    alignment = align_cast(gold, pseudo)
    cast_gold = {int(k): v for k, v in alignment.gold_of.items()}
    located = locate_quotes(world.work.text, gold.quotes, story.name)
    matches = match_quotes(located, world.quotes)
    speaker_of: dict[int, str] = {}
    starts = {q.start: i for i, q in enumerate(seen["quotes"])}  # type: ignore[attr-defined]
    for gold_quote, quote in zip(located, matches):
        if quote is not None and quote.start in starts:
            speaker_of.setdefault(starts[quote.start], gold_quote.gold.speaker)
    labels = [
        np.array([cast_gold.get(c) == speaker_of.get(i, "\0") for c in cands.characters], bool)
        for i, cands in enumerate(candidates)
    ]
    return StoryRows(story.stem, candidates, labels, rules, [speaker_of.get(i) for i in range(len(candidates))], cast_gold)


def open_story_rows(folders: tuple[Path, ...] = OPEN_FOLDERS) -> list[StoryRows]:
    return [story_rows(story, gold) for folder in folders for story, gold in heldout_stories(folder)]
