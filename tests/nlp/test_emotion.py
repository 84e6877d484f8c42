"""Emotion stage: lexicons read as data, negation and intensifiers, scene and window arcs."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from storyworld.nlp.emotion import (
    EMOTIONS,
    character_scores,
    describe_emotion,
    lexicon_emotions,
    nrc_lexicon,
    score_span,
    smooth,
    sparkline,
    window_scores,
)

DEATH_STORY = """The morning of the festival was bright and warm. Lena laughed as her brother Tom spun her around the square, and the whole village sang and danced, and the children ate sweet cakes until their faces were sticky with honey. It was the happiest day of the year.

* * *

That night the fever took Tom. Lena held his hand while his breathing slowed. He died before dawn, and she wept over his cold body, and the grief was a terrible, hollow pain that would not end. They buried him in the rain. The funeral was silent and grey and full of sorrow.

* * *

In spring Lena planted flowers on his grave. The sun was warm again. She smiled a little, remembering how he had laughed, and she felt something like peace and hope for the first time in months.
"""


def test_nrc_lexicon_is_read_without_textblob():
    assert "fear" in lexicon_emotions("abandoned")
    assert len(nrc_lexicon()) > 5000
    assert "textblob" not in sys.modules


def test_inflected_words_find_their_lemma():
    assert "sadness" in lexicon_emotions("mourned")
    assert "joy" in lexicon_emotions("happiness")


def test_negation_removes_the_emotion_and_turns_valence():
    plain = score_span("She was happy.")
    negated = score_span("She was not happy.")
    assert plain.emotions["joy"] > 0
    assert negated.emotions["joy"] == 0
    assert negated.valence < 0 < plain.valence


def test_intensifier_counts_more_and_dampener_less():
    plain = score_span("He was angry at the news.")
    strong = score_span("He was very angry at the news.")
    weak = score_span("He was slightly angry at the news.")
    words_ratio = 6 / 7
    assert strong.emotions["anger"] > plain.emotions["anger"] * words_ratio
    assert weak.emotions["anger"] < plain.emotions["anger"]


def test_negation_scope_stops_at_the_clause():
    score = score_span("He did not come, and she was afraid.")
    assert score.emotions["fear"] > 0


def test_death_scene_is_the_low_point_of_the_arc():
    scene_starts = [DEATH_STORY.index("* * *") + 5, DEATH_STORY.rindex("* * *") + 5]
    report = describe_emotion(DEATH_STORY, scene_starts, window_words=40)
    assert len(report.scenes) == 3
    happy, death, spring = report.scenes
    assert death.valence < happy.valence and death.valence < spring.valence
    assert death.emotions["sadness"] > happy.emotions["sadness"]
    death_start = DEATH_STORY.index("That night")
    death_end = DEATH_STORY.index("In spring")
    low = report.low_point
    assert low is not None and death_start <= (low.start + low.end) // 2 < death_end
    assert len(report.arc) == len(report.windows) >= 3


def test_windows_cover_the_text_in_order_with_all_emotions():
    windows = window_scores(DEATH_STORY, 30)
    assert all(a.end <= b.start for a, b in zip(windows, windows[1:]))
    assert all(set(w.emotions) == set(EMOTIONS) for w in windows)


def test_smoothing_keeps_length_and_softens_extremes():
    windows = window_scores(DEATH_STORY, 30)
    arc = smooth(windows)
    assert len(arc) == len(windows)
    assert min(p.valence for p in arc) >= min(w.valence for w in windows)


def test_characters_feel_what_they_say_and_the_focal_one_what_is_narrated():
    text = 'Mara smiled. "I love this wonderful day," she said. "I hate you and I fear the dark," said Bram.'
    first = text.index('"I love')
    second = text.index('"I hate')
    quotes = [(first, text.index(",", first) + 1, "C1"), (second, text.index('," said') + 2, "C2")]
    scores = character_scores(text, quotes, focal="C1")
    assert scores["C1"].valence > 0 > scores["C2"].valence
    assert scores["C2"].emotions["fear"] > 0


def test_sparkline_shows_the_low_point():
    report = describe_emotion(DEATH_STORY, window_words=30)
    line = sparkline(report.arc)
    assert len(line) == len(report.arc)
    assert line[[p.valence for p in report.arc].index(report.low_point.valence)] == "▁"


def _world_with_scenes_and_speakers():
    from storyworld.world import Character, Narration, Quote, Work, World

    text = DEATH_STORY + '"I miss you," Lena said. "Be happy," said Tom in her dream.\n'
    breaks = (DEATH_STORY.index("* * *") + 5, DEATH_STORY.rindex("* * *") + 5)
    first, second = text.index('"I miss'), text.index('"Be happy')
    quotes = (
        Quote(first, text.index(",", first) + 1, '"I miss you,"', "C1", "C2", 0.9),
        Quote(second, text.index(",", second) + 1, '"Be happy,"', "C2", "C1", 0.9),
    )
    cast = (Character("C1", "Lena", (), 6, "she"), Character("C2", "Tom", (), 4, "he"), Character("C3", "Ivo", (), 1))
    return World(Work(text, scene_breaks=breaks), cast, (), quotes, (), (), Narration("third", "past", "C1"))


def test_world_carries_scenes_windows_and_character_feelings():
    from storyworld.nlp.emotion import emotion_of_world, with_emotion

    world = _world_with_scenes_and_speakers()
    report = emotion_of_world(world, window_words=40)
    felt = with_emotion(world, report)
    assert felt.emotion_arc == report.arc and len(felt.emotion_scenes) == 3
    assert {p.unit for p in felt.emotion_arc} == {"window"} and {p.unit for p in felt.emotion_scenes} == {"scene"}
    assert [p.raw_valence for p in felt.emotion_arc] == [w.valence for w in report.windows]
    lena, tom, ivo = felt.characters
    assert lena.emotion.source == "speech+narration" and lena.emotion.lines == 1
    assert tom.emotion.source == "speech" and tom.emotion.lines == 1 and tom.emotion.valence > 0
    assert ivo.emotion is None
    assert set(lena.emotion.emotions) == set(EMOTIONS)


def test_json_emotion_arc_has_scene_and_window_items_and_matches_the_schema():
    from storyworld.nlp.emotion import emotion_of_world, with_emotion

    world = _world_with_scenes_and_speakers()
    data = json.loads(json.dumps(with_emotion(world, emotion_of_world(world, window_words=40)).to_dict()))
    windows = [p for p in data["emotion_arc"] if p["unit"] == "window"]
    scenes = [p for p in data["emotion_arc"] if p["unit"] == "scene"]
    assert len(scenes) == 3 and len(windows) >= 3
    assert data["emotion_arc"][: len(windows)] == windows  # the smoothed arc first, as before
    assert all({"raw_valence", "raw_emotions", "words"} <= set(p) for p in windows)
    assert all("raw_valence" not in p and set(p["emotions"]) == set(EMOTIONS) for p in scenes)
    death = scenes[1]
    assert death["valence"] < min(scenes[0]["valence"], scenes[2]["valence"])
    feelings = {c["id"]: c.get("emotion") for c in data["characters"]}
    assert feelings["C1"]["source"] == "speech+narration" and feelings["C3"] is None
    assert set(feelings["C2"]) == {"valence", "emotions", "words", "lines", "source"}
    schema = Path(__file__).resolve().parents[3] / "shared" / "schema" / "storyworld-1.schema.json"
    jsonschema = pytest.importorskip("jsonschema")
    if not schema.exists():
        pytest.skip(f"schema not found at {schema}")
    jsonschema.validate(data, json.loads(schema.read_text(encoding="utf-8")))


def test_text_report_shows_scenes_and_feelings():
    from rich.console import Console

    from storyworld.export.text import render_world
    from storyworld.nlp.emotion import emotion_of_world, with_emotion

    world = _world_with_scenes_and_speakers()
    console = Console(width=120, record=True)
    console.print(render_world(with_emotion(world, emotion_of_world(world, window_words=40))))
    shown = console.export_text()
    assert "Scenes" in shown and "sadness" in shown
    assert "Feels:" in shown and "(from speech and narration)" in shown


def test_a_death_told_plainly_is_the_low_point_of_the_arc(analyse_text):
    calm = "They walked along the road and talked about the harvest and the weather. " * 6
    text = (
        f"{calm}\n\nMara looked at the hills. {calm}\n\n"
        "Then Sephiroth came down from the roof, and Aerith was slain by Sephiroth while she prayed.\n\n"
        f"{calm}\n\nMara looked at the river. {calm}"
    )
    world = analyse_text(text)
    windows = [p for p in world.emotion_arc if getattr(p, "unit", "window") == "window"]
    lowest = min(windows, key=lambda p: p.valence)
    death = text.index("Aerith was slain")
    assert lowest.start <= death < lowest.end or abs(lowest.start - death) < len(text) * 0.15


def test_the_first_death_told_is_the_low_point_not_its_later_retellings(analyse_text):
    calm = "The river ran past the mill and the wheel turned as it always had. " * 4
    text = (
        f"{calm}\n\nThat winter Mara died in the night, and the house went quiet.\n\n"
        f"{calm}\n\n{calm}\n\n{calm}\n\nOld Tom died the next spring. Ben died a week later.\n\n{calm}"
    )
    world = analyse_text(text)
    low = min(world.emotion_arc, key=lambda p: p.valence)
    first_death = text.index("That winter")
    assert low.start <= first_death < low.end


def test_an_opening_window_is_averaged_with_the_story_mean_where_it_has_no_neighbour():
    from storyworld.nlp.emotion import EmotionScore

    def window(start: int, valence: float) -> EmotionScore:
        return EmotionScore(start, start + 10, valence, dict.fromkeys(EMOTIONS, 0.0), 10)

    scores = [window(0, -0.3), window(10, 0.2), window(20, 0.2), window(30, -0.3), window(40, 0.2), window(50, 0.2)]
    arc = smooth(scores)
    mean = sum(s.valence for s in scores) / len(scores)
    assert arc[0].valence == pytest.approx((mean + 2 * -0.3 + 0.2) / 4, abs=1e-4)
    assert arc[0].valence > (2 * -0.3 + 0.2) / 3  # averaged over what exists, the opening swung further
