"""The held-out fan-fiction scorer: alignment and scoring on hand-built Worlds, then the real set."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from storyworld.evaluation.fanfic import (
    HELDOUT_DIR,
    GoldCharacter,
    GoldLabelError,
    GoldNarration,
    GoldQuote,
    GoldStory,
    align_cast,
    evaluate_heldout,
    heldout_stories,
    load_gold,
    locate_quotes,
    match_quotes,
    normalise_form,
    score_story,
    totals,
)
from storyworld.world import Character, Narration, Quote, Work, World

TEXT = (
    '"Sakura, wait," Kakashi said. "Come back."\n\n'
    '"No," said Sakura.\n\n'
    "Naruto's idea of \"help\" was loud.\n\n"
    '"Dobe," Sasuke said.'
)


def _gold(**changes: object) -> GoldStory:
    story = GoldStory(
        name="toy",
        characters=(
            GoldCharacter("Haruno Sakura", ("Sakura", "Sakura-chan", "Haruno Sakura")),
            GoldCharacter("Kakashi", ("Kakashi", "Kakashi-sensei")),
            GoldCharacter("Uchiha Sasuke", ("Sasuke", "Uchiha Sasuke")),
            GoldCharacter("Naruto", ("Naruto", "Dobe")),
        ),
        not_characters=("Konoha", "Team 7"),
        optional=("Hokage",),
        quotes=(
            GoldQuote("Sakura, wait,", "Kakashi", "Haruno Sakura"),
            GoldQuote("Come back.", "Kakashi", "Haruno Sakura"),
            GoldQuote("No,", "Haruno Sakura", "Kakashi"),
            GoldQuote("Dobe,", "Uchiha Sasuke", None),
        ),
        narration=GoldNarration("third", "past", "Haruno Sakura"),
    )
    return GoldStory(**{**story.__dict__, **changes})  # type: ignore[arg-type]


def _span(needle: str, occurrence: int = 0) -> tuple[int, int]:
    """Outer span (marks included) of the quoted segment whose content starts with needle."""
    start = -1
    for _ in range(occurrence + 1):
        start = TEXT.index(needle, start + 1)
    end = TEXT.index('"', start) + 1
    return start - 1, end


def _world(
    characters: list[Character],
    quotes: list[tuple[str, str | None, str | None]],
    focal: str | None = "C1",
    person: str = "third",
) -> World:
    quote_records = []
    for needle, speaker, addressee in quotes:
        start, end = _span(needle)
        quote_records.append(Quote(start, end, TEXT[start + 1 : end - 1], speaker, addressee, 1.0))
    return World(
        work=Work(text=TEXT),
        characters=tuple(characters),
        mentions=(),
        quotes=tuple(quote_records),
        relations=(),
        events=(),
        narration=Narration(person=person, tense="past", focal_character=focal),  # type: ignore[arg-type]
    )


CAST = [
    Character("C1", "Haruno Sakura", ("Sakura", "Haruno Sakura"), 5),
    Character("C2", "Kakashi", ("Kakashi-sensei",), 4),
    Character("C3", "Sasuke", ("Sasuke",), 3),
]


# ---------------------------------------------------------------------------------------------
# Surface forms and cast alignment


def test_forms_compare_without_case_curly_apostrophes_or_edge_punctuation():
    assert normalise_form("  Mr.  Stark ") == "mr. stark"
    assert normalise_form("Widow\u2019s Reach") == normalise_form("widow's reach")
    assert normalise_form("Sakura!") == "sakura"


def test_alignment_by_alias_overlap_finds_missed_characters():
    cast = align_cast(_gold(), CAST)
    assert cast.gold_of == {"C1": "Haruno Sakura", "C2": "Kakashi", "C3": "Uchiha Sasuke"}
    assert cast.missed == ("Naruto",)
    assert not cast.splits and not cast.non_characters and not cast.unlabelled


def test_a_character_spread_over_two_predictions_is_a_split():
    cast = align_cast(_gold(), [*CAST, Character("C4", "Naruto", ("Naruto",), 3), Character("C5", "Dobe", (), 1)])
    assert cast.splits == {"Naruto": ("Naruto", "Dobe")}
    assert cast.missed == ()


def test_non_characters_optional_and_unlabelled_are_told_apart():
    extra = [
        Character("C4", "Konoha", ("Konoha",), 2),
        Character("C5", "Hokage", (), 1),
        Character("C6", "Ramen", (), 1),
    ]
    cast = align_cast(_gold(), [*CAST, *extra])
    assert cast.non_characters == ("Konoha",)
    assert cast.ignored == ("Hokage",)
    assert cast.unlabelled == ("Ramen",)


def test_one_prediction_over_two_gold_characters_is_a_conflation():
    gold = _gold(
        characters=(
            GoldCharacter("Mrs. Bennet", ("Mrs. Bennet",)),
            GoldCharacter("Mr. Bennet", ("Mr. Bennet",)),
        ),
        quotes=(),
        narration=GoldNarration("third", "past", None),
    )
    cast = align_cast(gold, [Character("C1", "Mr. Bennet", ("Mr. Bennet", "Mrs. Bennet"), 9)])
    assert cast.conflated == ("Mr. Bennet",)
    assert cast.gold_of == {"C1": "Mrs. Bennet"}  # equal overlap: the first gold character
    assert cast.missed == ("Mr. Bennet",)


def test_a_first_person_narrator_aligns_through_i():
    gold = _gold(characters=(GoldCharacter("John Watson", ("I", "John"), narrator=True),), quotes=())
    cast = align_cast(gold, [Character("C1", "the narrator", ("I",), 20)])
    assert cast.gold_of == {"C1": "John Watson"}


# ---------------------------------------------------------------------------------------------
# Quotes


def test_gold_quotes_are_located_in_order_after_a_mark():
    located = locate_quotes(TEXT, _gold().quotes)
    assert [TEXT[q.start : q.end] for q in located] == ["Sakura, wait,", "Come back.", "No,", "Dobe,"]
    assert TEXT[located[2].start - 1] == '"'


def test_a_gold_quote_missing_from_the_text_is_a_label_error():
    with pytest.raises(GoldLabelError, match="not found"):
        locate_quotes(TEXT, [GoldQuote("Goodbye", "Kakashi", None)], "toy")


def test_one_predicted_quote_matches_one_gold_quote():
    located = locate_quotes(TEXT, _gold().quotes)
    start, _ = _span("Sakura, wait")
    _, end = _span("Come back.")
    merged = Quote(start, end, TEXT[start:end], "C2", None, 1.0)  # both segments as one
    matches = match_quotes(located, [merged])
    assert matches == [merged, None, None, None]


def test_load_gold_rejects_unknown_speakers(tmp_path: Path):
    path = tmp_path / "bad.gold.json"
    path.write_text(
        json.dumps(
            {
                "characters": [{"name": "A", "aliases": []}],
                "quotes": [{"text": "Hi", "speaker": "B", "addressee": None}],
                "narration": {"person": "third", "tense": "past", "focal": "A"},
            }
        ),
        encoding="utf-8",
    )
    with pytest.raises(GoldLabelError, match="B"):
        load_gold(path)


# ---------------------------------------------------------------------------------------------
# A whole story


def test_score_story_counts_speakers_addressees_and_narration():
    world = _world(
        CAST,
        [
            ("Sakura, wait", "C2", "C1"),  # right, right
            ("Come back.", "C1", "C1"),  # wrong speaker, right addressee
            ("No,", "C1", None),  # right speaker, wrong addressee (gold Kakashi)
            # "Dobe," not found; "help" predicted as speech:
            ("help", None, None),
        ],
    )
    score = score_story(_gold(), world)
    assert (score.gold_quotes, score.predicted_quotes, score.quotes_found) == (4, 4, 3)
    assert score.missed_quotes == ("Dobe,",)
    assert score.extra_quotes == ("help",)
    assert score.speakers_right == 2
    assert score.addressees_right == 2
    assert [(e.quote, e.gold, e.predicted) for e in score.speaker_errors] == [
        ("Come back.", "Kakashi", "Haruno Sakura"),
        ("Dobe,", "Uchiha Sasuke", "(quote missed)"),
    ]
    assert score.person_right and score.tense_right and score.focal_right
    assert score.cast_found == 3 and score.cast_correct == 3


def test_unaligned_speakers_and_focal_characters_are_wrong():
    cast = [*CAST, Character("C4", "Ramen", (), 2)]
    world = _world(cast, [("Sakura, wait", "C4", None)], focal="C4", person="first")
    score = score_story(_gold(), world)
    assert score.speaker_errors[0].predicted == "Ramen"
    assert not score.focal_right and score.focal[1] == "(unaligned) Ramen"
    assert not score.person_right


def test_totals_are_micro_averaged():
    world = _world(CAST, [("Sakura, wait", "C2", "C1"), ("Come back.", "C2", "C1")])
    one = score_story(_gold(), world)
    total = totals([one, one])
    assert total.gold_quotes == 8 and total.speakers_right == 4
    assert total.rates["speaker_accuracy"] == 0.5
    assert total.rates["quote_recall"] == 0.5
    assert total.rates["quote_precision"] == 1.0
    assert total.rates["cast_recall"] == 0.75
    assert total.rates["focal_accuracy"] == 1.0


# ---------------------------------------------------------------------------------------------
# The held-out set itself


def test_every_heldout_story_has_consistent_labels():
    pairs = heldout_stories()
    assert len(pairs) >= 10
    for story, gold_path in pairs:
        gold = load_gold(gold_path)
        text = story.read_text(encoding="utf-8")
        locate_quotes(text, gold.quotes, gold.name)  # every gold quote is in the story, in order
        assert gold.characters and gold.quotes


# Measured with bench/fanfic_eval.py when the set was written, minus a small margin: a regression
# below any of these fails. Raise them as the system improves.
FLOORS = {
    "cast_recall": 0.74,  # measured 0.770
    "cast_precision": 0.75,  # 0.789
    "quote_recall": 0.96,  # 0.988
    "quote_precision": 0.97,  # 0.996
    "speaker_accuracy": 0.62,  # 0.654
    "addressee_accuracy": 0.46,  # 0.492
    "person_accuracy": 0.9,  # 1.0
    "tense_accuracy": 0.9,  # 1.0
    "focal_accuracy": 0.6,  # 0.7
}


@pytest.mark.integration
def test_heldout_scores_stay_above_their_floors(nlp):
    from storyworld.analysis import analyze

    scores = evaluate_heldout(HELDOUT_DIR, analyze=lambda path: analyze(path, nlp=nlp))
    rates = totals(scores).rates
    below = {name: round(rates[name], 3) for name, floor in FLOORS.items() if rates[name] < floor}
    assert not below, f"below the floors {FLOORS}: {below}"
