"""Tags: cues and idioms, warnings with evidence, fandoms and canon names, author tags, schema."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from storyworld.tags.cues import find_hits, score
from storyworld.tags.fandoms import ENV_VAR, find_fandom, load_gazetteer
from storyworld.tags.vocabulary import ARCHIVE_WARNINGS, RATINGS, canonical_rating, canonical_warning

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "tagging"
PASSAGES = FIXTURES / "passages"
SCHEMA = Path(__file__).resolve().parents[3] / "shared" / "schema" / "storyworld-1.schema.json"


def test_idioms_and_negations_are_not_cues():
    hits = find_hits("I am dead tired. I'd kill for pizza. He shot her a grin. She didn't die. You'll catch your death.")
    assert score(hits["death_event"]) == 0
    assert score(hits["violence"]) == 0


def test_a_death_on_the_page_is_a_cue():
    hits = find_hits("He tried to speak. Then his breathing stopped, and he died in her arms.")
    assert score(hits["death_event"]) >= 2.5


def test_deaths_told_indirectly_are_cues():
    for sentence in (
        "The surgeon took his cap off. \"Daniel didn't make it.\"",
        "Marco bled out somewhere on the ring road.",
        "Edith never woke up.",
        "He tried to say something else, and then the light left his eyes.",
    ):
        assert score(find_hits(sentence)["death_event"]) >= 2.0, sentence


def test_hyperbole_questions_history_and_remembered_deaths_are_not_deaths_on_the_page():
    for sentence in (
        "No, no, no, I died again! It just killed me through the pillar.",
        "Last month I died on my feet at the Crown. Tonight you knocked them dead.",
        "Who can tell me how King Harold died?",
        "Historians still argue about it. Thousands of men were killed that day.",
        "They say that a long time ago, a fisherman drowned in this very lake.",
        "I could murder a coffee. My feet are killing me.",
        "Her mother had died when she was six.",
        "Ten thousand years ago the king of Altea died in the war, and his daughter still grieves.",
        "When I was little, Grandpa died in the spring.",
        "Since Mom and Dad died, you've said that every night.",
    ):
        assert score(find_hits(sentence)["death_event"]) == 0, sentence


def test_violence_told_without_the_words_violence_or_blood():
    beating = find_hits("A boot caught him under the chin and his jaw cracked sideways; he felt teeth come loose. "
                        "They stamped on his hand and he watched two fingers bend the wrong way.")
    assert score(beating["injury"]) >= 2.0 and score(beating["violence"]) >= 1.0
    throat = find_hits("She drew the knife across his throat. It opened him from ear to ear.")
    assert score(throat["gore"]) >= 1.5 and score(throat["violence"]) >= 1.5
    gentle = find_hits("Her knees cracked as she stood. He cut the cake and snapped his fingers at the band.")
    assert score(gentle["injury"]) == 0 and score(gentle["violence"]) == 0


def test_ao3_vocabularies():
    assert canonical_warning("Choose Not To Use Archive Warnings") == "Creator Chose Not To Use Archive Warnings"
    assert canonical_warning("Underage") == "Underage Sex"
    assert canonical_rating("Rated: Fiction T") == "Teen And Up Audiences"
    assert canonical_rating("nc-17") == "Explicit"


def test_gazetteer_has_fifty_fandoms_and_resolves_canon_names():
    gazetteer = load_gazetteer()
    assert len(gazetteer) >= 130
    naruto = find_fandom("Naruto", gazetteer)
    assert naruto is not None and naruto.name == "NARUTO"
    assert naruto.resolve("Kakashi") == "Hatake Kakashi"
    assert naruto.resolve("Kakashi-sensei") == "Hatake Kakashi"
    assert naruto.resolve("Kakashi Hatake") == "Hatake Kakashi"
    assert find_fandom("Harry Potter", gazetteer).resolve("Hermione") == "Hermione Granger"


def test_users_extend_the_gazetteer(tmp_path, monkeypatch):
    (tmp_path / "mine.yaml").write_text(
        "fandoms:\n  - name: Lanterns of Vell\n    aliases: [Vell]\n    characters:\n      - Orrin Tash\n",
        encoding="utf-8",
    )
    monkeypatch.setenv(ENV_VAR, str(tmp_path))
    fandom = find_fandom("Vell", load_gazetteer())
    assert fandom is not None and fandom.resolve("Orrin") == "Orrin Tash"


@pytest.fixture(scope="module")
def tagged(nlp):
    from storyworld.analysis import analyze_work
    from storyworld.ingest import read_work

    def run(path: Path):
        return analyze_work(read_work(path), nlp=nlp)

    return run


def _suggestion(world, family, tag):
    return next(s for s in world.tags["suggestions"] if s["family"] == family and s["tag"] == tag)


def test_a_gentle_story_gets_no_warning(tagged):
    world = tagged(PASSAGES / "01_tea_and_rain.txt")
    assert world.tags["archive_warnings"] == ["No Archive Warnings Apply"]
    assert world.tags["rating"] == "General Audiences"
    assert world.tags["content_warnings"] == []


def test_death_on_the_page_is_warned_with_evidence(tagged):
    world = tagged(PASSAGES / "43_shot_in_the_dark.txt")
    assert "Major Character Death" in world.tags["archive_warnings"]
    death = _suggestion(world, "archive_warnings", "Major Character Death")
    assert death["confidence"] >= 0.5 and death["evidence"]
    quoted = [world.work.text[e["start"] : e["end"]] for e in death["evidence"]]
    assert any("dead" in q or "died" in q for q in quoted)
    assert any(c["label"] == "death" and c["evidence"] for c in world.tags["content_warnings"])


@pytest.mark.parametrize(
    "name", ["55_night_shift", "56_goldfish", "57_open_mic", "58_history_lesson", "59_monday", "60_respawn", "61_campfire"]
)
def test_gentle_stories_with_scary_words_get_no_archive_warning(tagged, name):
    world = tagged(PASSAGES / f"{name}.txt")
    assert world.tags["archive_warnings"] == ["No Archive Warnings Apply"]


def test_an_indirect_death_is_warned_with_its_sentence_as_evidence(tagged):
    world = tagged(PASSAGES / "46_the_waiting_room.txt")
    death = _suggestion(world, "archive_warnings", "Major Character Death")
    quoted = [world.work.text[e["start"] : e["end"]] for e in death["evidence"]]
    assert "Daniel didn't make it." in quoted


def test_a_nameless_victim_is_graphic_violence_but_no_major_character_death(tagged):
    world = tagged(PASSAGES / "52_the_sentry.txt")
    assert world.tags["archive_warnings"] == ["Graphic Depictions Of Violence"]
    violence = _suggestion(world, "archive_warnings", "Graphic Depictions Of Violence")
    quoted = [world.work.text[e["start"] : e["end"]] for e in violence["evidence"]]
    assert "It opened him from ear to ear." in quoted
    assert all(q[0].isupper() and q.rstrip()[-1] in ".!?" for q in quoted)  # whole sentences


def test_disclaimer_names_the_fandom_and_characters_get_canon_names(tagged):
    world = tagged(PASSAGES / "03_kakashi_lessons.txt")
    assert world.tags["fandoms"][0] == "NARUTO"
    assert "Hatake Kakashi" in world.tags["characters"]
    assert "Haruno Sakura" in world.tags["characters"]


def test_gazetteer_finds_an_undeclared_fandom(tagged, tmp_path):
    story = tmp_path / "hogwarts.txt"
    story.write_text(
        "Harry Potter ran up the stairs of Gryffindor Tower. Hermione Granger was waiting by the fire, "
        "and Ron Weasley was asleep on the sofa. \"Where were you?\" Hermione asked. Harry said nothing.\n",
        encoding="utf-8",
    )
    world = tagged(story)
    assert world.tags["fandoms"][:1] == ["Harry Potter - J. K. Rowling"]


def test_ao3_author_tags_are_kept_and_disagreements_shown(tagged):
    world = tagged(FIXTURES / "ao3_memorial.html")
    assert world.tags["author"]["archive_warnings"] == ["No Archive Warnings Apply"]
    assert world.tags["fandoms"][0] == "NARUTO"
    assert "Major Character Death" in world.tags["archive_warnings"]
    warnings = next(d for d in world.tags["disagreements"] if d["family"] == "archive_warnings")
    assert "Major Character Death" in warnings["only_ours"]
    assert "Hatake Kakashi" in world.tags["characters"]


def test_romance_cues_make_a_slash_relationship(tagged):
    world = tagged(PASSAGES / "26_bedroom_door.txt")
    assert {"Claire/Ryan", "Ryan/Claire"} & set(world.tags["relationships"])  # AO3 takes either order


def test_categories_follow_romantic_pairs_and_pronouns():
    from storyworld.tags.model import Suggestion
    from storyworld.tags.relationships import categories
    from storyworld.world import Character, Narration, Work, World

    cast = (Character("C1", "Ana", (), 3, "she"), Character("C2", "Bea", (), 2, "she"), Character("C3", "Cal", (), 2, "he"))
    world = World(Work("text"), cast, (), (), (), (), Narration("third", "past", None))
    names = {c.id: c.name for c in cast}
    assert [s.tag for s in categories(world, [Suggestion("relationships", "Ana/Bea", 0.8)], names)] == ["F/F"]
    assert [s.tag for s in categories(world, [Suggestion("relationships", "Ana & Cal", 0.8)], names)] == ["Gen"]
    both = categories(world, [Suggestion("relationships", "Ana/Bea", 0.8), Suggestion("relationships", "Ana/Cal", 0.7)], names)
    assert {s.tag for s in both} == {"F/F", "F/M", "Multi"}


def test_json_output_matches_the_schema(tagged):
    jsonschema = pytest.importorskip("jsonschema")
    if not SCHEMA.exists():
        pytest.skip(f"schema not found at {SCHEMA}")
    world = tagged(PASSAGES / "02_the_last_watch.txt")
    data = json.loads(json.dumps(world.to_dict()))
    jsonschema.validate(data, json.loads(SCHEMA.read_text(encoding="utf-8")))
    assert data["emotion_arc"] and data["tags"]["rating"] in RATINGS
    assert set(data["tags"]["archive_warnings"]) <= set(ARCHIVE_WARNINGS)
    for key in ("rating", "archive_warnings", "categories", "relationships", "characters", "additional", "content_warnings"):
        assert key in data["tags"]


def test_a_declared_fandom_finds_its_entry_without_the_authors_name():
    gazetteer = load_gazetteer()
    warriors = find_fandom("Warriors", gazetteer)
    assert warriors is not None and warriors.name == "Warriors - Erin Hunter"
    assert find_fandom("Mob Psycho 100", gazetteer).resolve("Mob") == "Kageyama Shigeo"


def test_an_undeclared_fandom_is_found_from_its_canon_in_a_new_entry(tagged, tmp_path):
    story = tmp_path / "ferret.txt"
    story.write_text(
        "Bolin tossed Pabu a dumpling. Mako rolled his eyes across the attic of the gym.\n\n"
        '"Korra is late again," Mako said. Asami Sato laughed from the door.\n',
        encoding="utf-8",
    )
    world = tagged(story)
    assert world.tags["fandoms"][:1] == ["Avatar: The Legend of Korra"]


def test_a_parent_dead_before_the_story_is_no_major_character_death_one_dying_on_the_page_is():
    from storyworld.analysis import analyze_work
    from storyworld.ingest import work_from_text

    long_ago = work_from_text(
        "Mum died the winter I turned nine, and Da never quite learned to plait hair.\n\n"
        "This morning I plaited my own and went down to the bakery. Mum used to buy the seed loaf "
        'on Saturdays. I bought it too.\n\n"Same as always?" Mrs. Kerr asked.\n\n"Same as always," I said.'
    )
    world = analyze_work(long_ago)
    assert next(c for c in world.characters if c.name == "Mum").status == "dead"  # "used to buy" is no sign of life
    assert world.tags["archive_warnings"] == ["No Archive Warnings Apply"]
    on_the_page = work_from_text(
        'Dad was coughing again when I came down. "Sit with me," he said, and I did.\n\n'
        'By the evening his breathing had slowed. "Don\'t let your sister sell the boat," Dad whispered.\n\n'
        "Dad died just after midnight, with the window open and the sea loud outside."
    )
    assert "Major Character Death" in analyze_work(on_the_page).tags["archive_warnings"]


def _warnings_of(text: str) -> list[str]:
    from storyworld.analysis import analyze_work
    from storyworld.ingest import work_from_text

    return analyze_work(work_from_text(text)).tags["archive_warnings"]


def test_a_death_only_stated_about_someone_never_seen_alive_is_no_major_character_death():
    museum = (
        "Martin led the school group into the small panelled room and lowered his voice.\n\n"
        '"This is the room where King Edward was murdered," he said. "Nobody knows who did it."\n\n'
        'Isla squeezed my hand. "Creepy," she whispered, and Martin smiled at her.\n\n'
        "King Edward was killed in this very room, the sign said, and his portrait watched us leave."
    )
    assert _warnings_of(museum) == ["No Archive Warnings Apply"]


def test_a_character_seen_alive_who_is_then_stated_dead_is_a_major_character_death():
    story = (
        '"Hold the line," Corvin said, and drew his sword. "Whatever happens, hold it."\n\n'
        "Wren held it. The raiders came over the wall at dusk, and Corvin went to meet them.\n\n"
        "By morning Corvin Hale was dead on the mill floor, and Wren sat beside him until the rain came."
    )
    assert "Major Character Death" in _warnings_of(story)


def test_a_death_shown_as_it_happens_is_warned_in_other_words():
    for ending in (
        "Rosa slipped away just before dawn, and her chest didn't rise again.",
        "Rosa went limp and still in Jude's arms and never moved again.",
        "Rosa took her last breath as the sun came up.",
    ):
        story = (
            '"You look awful," Rosa said from the hospice bed.\n\n'
            '"Thank you, my love," said Jude, and held her hand through the night.\n\n' + ending
        )
        assert "Major Character Death" in _warnings_of(story), ending


def test_dead_on_her_feet_and_over_my_dead_body_are_idioms_but_dead_on_the_floor_is_a_death():
    assert score(find_hits("Nurse Bello was dead on her feet. \"Over my dead body,\" she said.")["death_event"]) == 0
    assert score(find_hits("Corvin Hale is dead on the mill floor.")["death_event"]) > 0


def test_a_death_in_a_past_perfect_clause_is_remembered_not_on_the_page():
    for sentence in (
        "Natsu had been there when Acnologia killed Igneel.",
        "With his last breath he had thanked her.",
    ):
        assert score(find_hits(sentence)["death_event"]) == 0, sentence
    assert score(find_hits("He had been shot twice, and he died in her arms.")["death_event"]) > 0


def test_you_killed_me_said_by_the_victim_is_no_killing():
    from storyworld.analysis import analyze_text

    world = analyze_text(
        'Marisol cast the fireball. "You killed me!" Asha shrieked, laughing. "You killed me, you snake!"\n\n'
        '"Roll a new character," said Tomas.'
    )
    assert not [r for r in world.relations if r.type == "killed"]
    assert next(c for c in world.characters if c.name == "Asha").status != "dead"


def test_a_death_undone_by_revival_is_no_death():
    story = (
        '"Buck!" Eddie shouted, and Buck waved from the water before the current took him.\n\n'
        'They dragged him onto the sand. "No pulse," Hen said. "Not breathing. Starting compressions."\n\n'
        "Eddie watched her hands go up and down. Then Buck coughed, and seawater came out of him, and he "
        "was gasping. He was breathing.\n\n"
        '"There he is," Hen said. "Welcome back."'
    )
    assert _warnings_of(story) == ["No Archive Warnings Apply"]


def test_a_dead_man_is_nobody_named_before_him_and_funerals_alone_warn_nobody():
    battle = (
        '"Hold the wall!" Legolas called, and Gimli laughed at him.\n\n'
        "At some point Legolas ran out of arrows and took up a dead man's sword. The funeral pyres "
        "burned for the nameless dead all the next day, and the mourning songs went on.\n\n"
        '"Still alive," said Gimli. "Still counting."'
    )
    assert "Major Character Death" not in _warnings_of(battle)


def test_more_ways_of_telling_a_death_on_the_page():
    for sentence in (
        "Oberyn's legs kicked once in the sand. Then they did not kick again.",
        "There was nothing behind his eyes any more, and no rise and fall under her hand.",
        "Deeply regret to inform you that Private T. Hollis was reported killed.",
        "They work on him for a long time, and then the older one says the time out loud.",
        "The third stroke takes it. Her head drops into the straw-lined basket.",
    ):
        hits = [h for h in find_hits(sentence)["death_event"] if h.shown]
        assert hits, sentence


def test_a_pet_put_to_sleep_is_no_major_character_death_but_a_person_dying_is():
    vet = (
        "Biscuit was twelve, which Dad said was eighty-four in dog years. Our dog had a grey muzzle now.\n\n"
        '"She is very tired," the vet said. Dad nodded, and I stroked Biscuit\'s ear.\n\n'
        "Biscuit's tail thumped once on the blanket. The vet gave her the injection, and then her "
        "breathing got slower, and then it just stopped."
    )
    assert _warnings_of(vet) == ["No Archive Warnings Apply"]
    grandmother = vet.replace("Biscuit's tail thumped once on the blanket", "Biscuit's paw lay on Nan's hand").replace(
        "The vet gave her the injection, and then her", "Nan smiled at me, and then her"
    )
    assert "Major Character Death" in _warnings_of(grandmother.replace('"She is very tired," the vet said.', '"I love you," Nan said.'))


def test_a_heroine_who_dies_inside_a_novel_read_aloud_is_no_major_character_death():
    reading = (
        '"And so," Anne read, "the Lady Cordelia lay down upon her bier of roses, and breathed her last '
        'sweet breath."\n\n'
        "She lowered the book and sighed. Diana was crying. Anne had saved the last chapter of *The Sorrows of Lady Cordelia* for today.\n\n"
        '"Lady Cordelia was so brave," Diana sobbed. "She died for love."\n\n'
        '"Read it again," Gilbert said, and Anne threw a ginger snap at him.'
    )
    assert _warnings_of(reading) == ["No Archive Warnings Apply"]
