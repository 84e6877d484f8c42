"""The whole pipeline on the bundled story and on fan-fiction fixtures written for the tests."""

from __future__ import annotations

import json

import pytest

from storyhelpers import BUNDLED_STORY, SCHEMA, STORIES, addressee_of, speaker_of

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def magi(nlp):
    from storyworld import analyze

    return analyze(BUNDLED_STORY, nlp=nlp)


@pytest.fixture(scope="module")
def training_ground(nlp):
    from storyworld import analyze

    return analyze(STORIES / "training_ground.txt", nlp=nlp)


def test_magi_cast_folds_names_and_has_no_non_characters(magi):
    cast = {c.name: c for c in magi.characters}
    della = cast["Della"]
    assert "Dell" in della.aliases and della.pronouns == "she"
    jim = next(c for c in magi.characters if "Jim" in c.aliases)
    assert any("James Dillingham Young" in a for a in jim.aliases) and jim.pronouns == "he"
    sofronie = next(c for c in magi.characters if "Sofronie" in c.name)
    assert "Madame" in sofronie.aliases
    assert [c.id for c in magi.characters[:2]] == ["C1", "C2"]
    assert {magi.characters[0].name, magi.characters[1].name} == {"Della", jim.name}
    names = " ".join(cast)
    for not_a_character in ("O. Henry", "Merry Christmas", "Hair Goods", "Majesty", "Christmas"):
        assert not_a_character not in cast, names


def test_magi_speakers(magi):
    jim = next(c.name for c in magi.characters if "Jim" in c.aliases)
    assert speaker_of(magi, "Will you buy my hair?") == "Della"
    assert speaker_of(magi, "I buy hair") == "Mme. Sofronie"
    assert speaker_of(magi, "You've cut off your hair?") == jim
    assert speaker_of(magi, "You say your hair is gone?") == jim
    assert speaker_of(magi, "Don't make any mistake, Dell") == jim
    assert speaker_of(magi, "Isn't it a dandy, Jim?") == "Della"
    assert speaker_of(magi, "let's put our Christmas presents away") == jim
    assert addressee_of(magi, "Jim, darling") == jim
    assert addressee_of(magi, "Don't make any mistake, Dell") == "Della"


def test_magi_paratext_and_narration(magi):
    assert magi.work.title and "MAGI" in magi.work.title.upper()
    assert magi.work.author == "O. Henry"
    assert not magi.work.text.startswith("THE GIFT")
    narration = magi.narration
    assert (narration.person, narration.tense) == ("third", "past")
    assert magi.character(narration.focal_character).name == "Della"


def test_magi_della_and_jim_interact(magi):
    top = magi.relations[0]
    pair = {magi.character(top.source).name, magi.character(top.target).name}
    assert "Della" in pair and top.type == "interaction" and top.evidence


def test_json_output_validates_against_the_schema(magi):
    jsonschema = pytest.importorskip("jsonschema")
    if not SCHEMA.exists():
        pytest.skip(f"{SCHEMA} not found: the shared schema sits beside the repository")
    from storyworld.export.json import world_to_json

    data = json.loads(world_to_json(magi))
    jsonschema.validate(data, json.loads(SCHEMA.read_text()))
    text = data["work"]["text"]
    for quote in data["quotes"]:
        assert quote["text"] in text[quote["start"] : quote["end"]]
    for mention in data["mentions"][:50]:
        assert text[mention["start"] : mention["end"]].strip()


def test_fan_fiction_honorifics_paratext_scenes_and_present_tense(training_ground):
    world = training_ground
    cast = {c.name: c for c in world.characters}
    assert set(cast) == {"Hatake Kakashi", "Naruto", "Sakura", "Sasuke"}
    assert {"Kakashi", "Kakashi-sensei", "Hatake Kakashi"} <= set(cast["Hatake Kakashi"].aliases)
    assert "Sakura-chan" in cast["Sakura"].aliases
    assert "Naruto" in world.work.fandoms
    kinds = [p.kind for p in world.work.paratext]
    assert "disclaimer" in kinds and "author_note" in kinds
    assert "review" not in world.work.text and "I don't own" not in world.work.text
    assert len(world.work.scene_breaks) == 2
    assert world.narration.tense == "present" and world.narration.person == "third"
    assert speaker_of(world, "He's doing it on purpose") == "Naruto"
    assert speaker_of(world, "Obviously.") == "Sasuke"
    assert speaker_of(world, "Then stop falling in") == "Sakura"
    assert addressee_of(world, "Stop laughing, Sakura-chan!") == "Sakura"
    assert speaker_of(world, "Thank you, Kakashi-sensei") == "Sakura"


def test_a_story_without_dialogue_has_no_quotes_for_its_scare_quotes(nlp):
    from storyworld import analyze

    world = analyze(STORIES / "quiet_garden.txt", nlp=nlp)
    assert world.quotes == ()
    assert [c.name for c in world.characters] == ["Margaret Hale"]


def test_first_person_story(nlp):
    from storyworld import analyze

    world = analyze(STORIES / "letters_home.txt", nlp=nlp)
    assert world.narration.person == "first"
    names = {c.name for c in world.characters}
    assert {"Edmund Price", "Harriet Lowe"} <= names
    price = next(c for c in world.characters if c.name == "Edmund Price")
    assert "Mr. Price" in price.aliases
    assert speaker_of(world, "You must be Anna") == "Edmund Price"
    assert speaker_of(world, "She writes to everyone") == world.character(world.narration.focal_character).name
    assert world.character(world.narration.focal_character).name == "Anna"
