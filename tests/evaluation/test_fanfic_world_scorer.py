"""The fan-fiction scorer's world layer on hand-built gold labels and Worlds (no pipeline run)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from storyworld.evaluation.fanfic import (
    GoldCharacter,
    GoldLabelError,
    GoldNarration,
    GoldStory,
    load_gold,
    score_story,
)
from storyworld.evaluation.fanfic_world import (
    GoldRelation,
    GoldWorld,
    parse_gold_world,
    score_deaths,
    score_fandom,
    score_low_point,
    score_relations,
    score_warnings,
    score_world,
    world_totals,
)
from storyworld.tags.fandoms import Fandom
from storyworld.world import Character, EmotionPoint, Narration, Relation, Work, World

GOLD_OF = {"C1": "Kakashi", "C2": "Naruto", "C3": "Sasuke", "C4": "Iruka"}
CAST = (
    Character("C1", "Kakashi", ("Kakashi-sensei",), 5),
    Character("C2", "Naruto", (), 5, status="dead"),
    Character("C3", "Sasuke", (), 5, status="alive"),
    Character("C4", "Iruka", (), 2, status="dead"),
    Character("C9", "Ramen", (), 1, status="dead"),  # aligned to no gold character
)
GAZETTEER = [Fandom("NARUTO", aliases=("Naruto", "Naruto Shippuden"))]


def _relation(kind: str, source: str, target: str) -> Relation:
    return Relation(source, target, kind, 1.0, ())  # type: ignore[arg-type]


def _world(
    relations: tuple[Relation, ...] = (),
    tags: dict[str, object] | None = None,
    arc: tuple[EmotionPoint, ...] = (),
    text: str = "x" * 1000,
) -> World:
    return World(
        work=Work(text=text),
        characters=CAST,
        mentions=(),
        quotes=(),
        relations=relations,
        events=(),
        narration=Narration("third", "past", None),
        emotion_arc=arc,
        tags=dict(tags or {}),
    )


# ---------------------------------------------------------------------------------------------
# Relations


def test_a_directed_relation_needs_its_direction_and_a_reversed_one_is_counted_apart():
    gold = [GoldRelation("mentorship", "Kakashi", "Naruto"), GoldRelation("mentorship", "Kakashi", "Sasuke")]
    world = _world((_relation("mentorship", "C1", "C2"), _relation("mentorship", "C3", "C1")))
    score = score_relations(gold, world, GOLD_OF)
    assert score.recovered == (("mentorship", "Kakashi", "Naruto"),)
    assert score.wrong_direction == (("mentorship", "Kakashi", "Sasuke"),)
    assert score.missed == (("mentorship", "Kakashi", "Sasuke"),)
    assert score.correct == 1 and len(score.predicted) == 2  # the reversed one is not correct


def test_killed_and_service_are_directed_too():
    gold = [GoldRelation("killed", "Sasuke", "Iruka"), GoldRelation("service", "Iruka", "Kakashi")]
    world = _world((_relation("killed", "C4", "C3"), _relation("service", "C4", "C1")))
    score = score_relations(gold, world, GOLD_OF)
    assert score.recovered == (("service", "Iruka", "Kakashi"),)
    assert score.wrong_direction == (("killed", "Sasuke", "Iruka"),)


def test_a_symmetric_relation_is_recovered_in_either_direction():
    gold = [GoldRelation("family", "Naruto", "Iruka"), GoldRelation("rivalry", "Naruto", "Sasuke")]
    world = _world((_relation("family", "C4", "C2"), _relation("rivalry", "C2", "C3")))
    score = score_relations(gold, world, GOLD_OF)
    assert len(score.recovered) == 2 and not score.wrong_direction and not score.missed
    assert score.correct == 2


def test_the_right_pair_with_another_type_is_neither_recovered_nor_correct():
    gold = [GoldRelation("family", "Naruto", "Iruka")]
    world = _world((_relation("friendship", "C2", "C4"),))
    score = score_relations(gold, world, GOLD_OF)
    assert not score.recovered and not score.wrong_direction
    assert score.correct == 0 and score.extra == (("friendship", "Iruka", "Naruto"),)


def test_precision_leaves_out_interactions_and_unaligned_ends_and_counts_duplicates_once():
    gold = [GoldRelation("team", "Naruto", "Sasuke")]
    world = _world(
        (
            _relation("team", "C2", "C3"),
            _relation("team", "C3", "C2"),  # the same symmetric relation again
            _relation("interaction", "C1", "C2"),  # never scored
            _relation("team", "C2", "C9"),  # Ramen aligns to nobody
            _relation("friendship", "C1", "C3"),  # a wrong one
        )
    )
    score = score_relations(gold, world, GOLD_OF)
    assert score.unaligned == 1
    assert len(score.predicted) == 2 and score.correct == 1
    total = world_totals([score_world("toy", GoldWorld(keys=frozenset({"relations"}), relations=tuple(gold)), world, GOLD_OF)])
    assert total.rates["relation_precision"] == 0.5
    assert total.rates["relation_recall"] == 1.0


def test_per_type_recall_is_totalled_over_stories():
    gold = GoldWorld(
        keys=frozenset({"relations"}),
        relations=(GoldRelation("mentorship", "Kakashi", "Naruto"), GoldRelation("family", "Naruto", "Iruka")),
    )
    world = _world((_relation("mentorship", "C1", "C2"),))
    one = score_world("toy", gold, world, GOLD_OF)
    total = world_totals([one, one])
    assert total.relation_types["mentorship"].recovered == 2 and total.relation_types["mentorship"].gold == 2
    assert total.rates["relation_recall_mentorship"] == 1.0
    assert total.rates["relation_recall_family"] == 0.0
    assert total.fraction("relation_recall_family") == (0, 2)
    assert total.fraction("relation_recall_killed") == (0, 0)  # reported type without gold


# ---------------------------------------------------------------------------------------------
# Deaths, fandom, warnings, rating


def test_deaths_recall_and_precision_over_aligned_characters():
    score = score_deaths(["Naruto", "Sasuke"], _world(), GOLD_OF)
    assert score.right == ("Naruto",)
    assert score.missed == ("Sasuke",)
    assert score.extra == ("Iruka",)
    assert score.unaligned == ("Ramen",)  # reported, not counted in precision
    total = world_totals([score_world("toy", GoldWorld(keys=frozenset({"dead"}), dead=("Naruto", "Sasuke")), _world(), GOLD_OF)])
    assert (total.deaths_right, total.deaths_gold, total.deaths_predicted) == (1, 2, 2)


def test_fandom_matches_by_case_or_gazetteer_alias_and_null_needs_no_detection():
    assert score_fandom("naruto", _world(tags={"fandoms": ["NARUTO"]}), GAZETTEER).right
    assert score_fandom("Naruto Shippuden", _world(tags={"fandoms": ["NARUTO"]}), GAZETTEER).right
    assert not score_fandom("Bleach", _world(tags={"fandoms": ["NARUTO"]}), GAZETTEER).right
    assert not score_fandom("Naruto", _world(tags={"fandoms": []}), GAZETTEER).right
    assert score_fandom(None, _world(tags={"fandoms": []}), GAZETTEER).right
    assert not score_fandom(None, _world(tags={"fandoms": ["NARUTO"]}), GAZETTEER).right
    # only the most certain detected fandom counts
    assert not score_fandom("Naruto", _world(tags={"fandoms": ["Bleach", "NARUTO"]}), GAZETTEER).right


def test_a_gentle_story_with_a_real_warning_is_flagged():
    flagged = score_warnings([], _world(tags={"archive_warnings": ["Major Character Death"]}))
    assert flagged.gentle and flagged.gentle_flagged
    assert flagged.false_positives == ("Major Character Death",)
    quiet = score_warnings([], _world(tags={"archive_warnings": ["No Archive Warnings Apply"]}))
    assert quiet.gentle and not quiet.gentle_flagged and not quiet.predicted
    warned = score_warnings(["Major Character Death"], _world(tags={"archive_warnings": ["Major Character Death"]}))
    assert not warned.gentle and not warned.gentle_flagged
    gentle = GoldWorld(keys=frozenset({"warnings"}))
    stories = [
        score_world("a", gentle, _world(tags={"archive_warnings": ["Graphic Depictions Of Violence"]}), GOLD_OF),
        score_world("b", gentle, _world(tags={"archive_warnings": ["No Archive Warnings Apply"]}), GOLD_OF),
        score_world(
            "c",
            GoldWorld(keys=frozenset({"warnings"}), warnings=("Major Character Death",)),
            _world(tags={"archive_warnings": ["Major Character Death"]}),
            GOLD_OF,
        ),
    ]
    total = world_totals(stories)
    assert (total.gentle_flagged, total.gentle_stories) == (1, 2)
    assert total.fraction("gentle_flagged") == (1, 2)


def test_warnings_count_true_false_positives_and_negatives_per_warning():
    gold = GoldWorld(
        keys=frozenset({"warnings", "rating"}),
        warnings=("Major Character Death", "Graphic Depictions Of Violence"),
        rating="Mature",
    )
    world = _world(tags={"archive_warnings": ["Major Character Death", "Rape/Non-Con"], "rating": "Teen And Up Audiences"})
    total = world_totals([score_world("toy", gold, world, GOLD_OF)])
    assert total.per_warning["Major Character Death"].true_positives == 1
    assert total.per_warning["Rape/Non-Con"].false_positives == 1
    assert total.per_warning["Graphic Depictions Of Violence"].false_negatives == 1
    assert (total.warnings_right, total.warnings_gold, total.warnings_predicted) == (1, 2, 2)
    assert total.gentle_stories == 0
    assert total.rating_scored == 1 and total.rating_right == 0


# ---------------------------------------------------------------------------------------------
# Low point


def _arc(*valences: float, size: int = 100) -> tuple[EmotionPoint, ...]:
    return tuple(EmotionPoint(i * size, (i + 1) * size, v, {}) for i, v in enumerate(valences))


def test_the_lowest_window_must_cover_or_be_near_the_gold_sentence():
    text = "a" * 500 + "It was over. " + "b" * 487  # 1000 characters, sentence at 500
    near = score_low_point("It was over.", _world(arc=_arc(0.5, 0.1, 0.2, 0.0, 0.3, 0.1, 0.4, 0.2, 0.3, 0.5), text=text))
    assert near.offset == 500 and near.distance == 101 and near.right  # window 300-400, limit 150
    covered = score_low_point("It was over.", _world(arc=_arc(0.5, 0.1, 0.2, 0.3, 0.3, -0.4), text=text))
    assert covered.distance == 0 and covered.right
    far = score_low_point("It was over.", _world(arc=_arc(-0.9, 0.1, 0.2, 0.3, 0.3, 0.0), text=text))
    assert not far.right
    none = score_low_point("It was over.", _world(text=text))
    assert none.predicted is None and not none.right


def test_a_low_point_sentence_missing_from_the_text_is_a_label_error():
    with pytest.raises(GoldLabelError, match="low_point"):
        score_low_point("Never written.", _world())


# ---------------------------------------------------------------------------------------------
# Gold files


def _gold_file(tmp_path: Path, **world_keys: object) -> Path:
    path = tmp_path / "toy.gold.json"
    data = {
        "characters": [{"name": "Kakashi", "aliases": ["Kakashi"]}, {"name": "Naruto", "aliases": ["Naruto"]}],
        "quotes": [],
        "narration": {"person": "third", "tense": "past", "focal": None},
        **world_keys,
    }
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_old_gold_files_have_no_world_layer_and_absent_keys_are_not_scored(tmp_path: Path):
    gold = load_gold(_gold_file(tmp_path))
    assert gold.world == GoldWorld()
    story = load_gold(_gold_file(tmp_path, fandom=None, dead=[]))
    assert story.world.keys == frozenset({"fandom", "dead"})
    score = score_world("toy", story.world, _world(tags={"fandoms": []}), {"C1": "Kakashi", "C2": "Naruto"})
    assert score.fandom is not None and score.fandom.right
    assert score.deaths is not None and score.deaths.extra == ("Naruto",)
    assert score.relations is None and score.warnings is None and score.rating is None and score.low_point is None


def test_load_gold_reads_relations_and_rejects_unknown_names_and_types(tmp_path: Path):
    relations = [{"type": "mentorship", "source": "Kakashi", "target": "Naruto"}]
    gold = load_gold(_gold_file(tmp_path, relations=relations, warnings=[], rating="general audiences"))
    assert gold.world.relations == (GoldRelation("mentorship", "Kakashi", "Naruto"),)
    assert gold.world.rating == "General Audiences" and gold.world.warnings == ()
    with pytest.raises(GoldLabelError, match="Sakura"):
        load_gold(_gold_file(tmp_path, dead=["Sakura"]))
    with pytest.raises(GoldLabelError, match="hates"):
        parse_gold_world({"relations": [{"type": "hates", "source": "A", "target": "B"}]}, "toy")
    with pytest.raises(GoldLabelError, match="warning"):
        parse_gold_world({"warnings": ["Fluff"]}, "toy")


def test_score_story_carries_the_world_layer_only_when_labelled():
    characters = (GoldCharacter("Kakashi", ("Kakashi",)), GoldCharacter("Naruto", ("Naruto",)))
    plain = GoldStory("toy", characters, (), (), (), GoldNarration("third", "past", None))
    world = _world((_relation("mentorship", "C1", "C2"),), tags={"fandoms": ["NARUTO"]})
    assert score_story(plain, world).world_layer is None
    labelled = GoldStory(
        **{
            **plain.__dict__,
            "world": GoldWorld(
                keys=frozenset({"relations", "fandom"}),
                fandom="Naruto",
                relations=(GoldRelation("mentorship", "Kakashi", "Naruto"),),
            ),
        }
    )
    layer = score_story(labelled, world, GAZETTEER).world_layer
    assert layer is not None and layer.fandom is not None and layer.fandom.right
    assert layer.relations is not None and layer.relations.recovered == (("mentorship", "Kakashi", "Naruto"),)
