"""Person, tense, tense slips and focal character on passages written for the tests."""


def test_third_person_past_with_a_focal_character(analyse_text):
    world = analyse_text(
        "Mira opened the door. She looked down the hall and saw nobody. "
        "Mira walked to the window. Outside, the rain fell on the street. "
        "Tom was asleep upstairs. Mira sat down and waited."
    )
    narration = world.narration
    assert (narration.person, narration.tense) == ("third", "past")
    assert world.character(narration.focal_character).name == "Mira"


def test_present_tense_with_a_slip_into_the_past(analyse_text):
    text = (
        "Sakura walks to the bridge. She waits for an hour. The wind is cold. "
        "Naruto finally arrived with ramen on his breath. She sighs and stands up."
    )
    world = analyse_text(text)
    assert world.narration.tense == "present"
    slips = [text[s.start : s.end] for s in world.narration.tense_shifts]
    assert slips == ["Naruto finally arrived with ramen on his breath."]
    assert world.narration.tense_shifts[0].tense == "past"


def test_first_person_narrator_is_a_character_and_the_focus(analyse_text):
    world = analyse_text(
        "I never meant to stay in the city. I carried one suitcase to the station. "
        '"You must be new here," said Mr. Price. I told him that I was. He laughed at me.'
    )
    assert world.narration.person == "first"
    narrator = world.character(world.narration.focal_character)
    assert narrator is not None and narrator.name == "the narrator"


def test_second_person(analyse_text):
    world = analyse_text(
        "You wake before dawn. You reach for your phone and your hand finds nothing. "
        "You remember that you left it at the station."
    )
    assert world.narration.person == "second"
    assert world.narration.tense == "present"


def test_second_person_story_follows_you_not_the_most_active_other(analyse_text):
    world = analyse_text(
        "You stand at the door of the lab. Keiko opens it. Keiko waves you in. Keiko hands you "
        "a coat. Keiko points at the tank. You know, suddenly, that you should not have come."
    )
    focal = world.character(world.narration.focal_character)
    assert focal is not None and "you" in focal.aliases


def test_the_one_who_talks_most_is_not_the_one_whose_eyes_we_borrow(analyse_text):
    world = analyse_text(
        '"Careful," Iroh said. "Hot tea burns." Zuko scowled at the kettle. "Why?" '
        '"Because," Iroh said. "Wisdom," Iroh added. Zuko wondered why he had come. '
        '"Patience," Iroh said. Zuko knew the answer already.'
    )
    assert world.character(world.narration.focal_character).name == "Zuko"


def test_speech_does_not_count_towards_person_or_tense(analyse_text):
    world = analyse_text(
        'Anna looked at the sea. "I am going to swim," she said. "I love it here. I am happy." '
        "She walked into the water. She swam until the sun went down."
    )
    assert world.narration.person == "third"
    assert world.narration.tense == "past"
    assert world.narration.tense_shifts == ()
