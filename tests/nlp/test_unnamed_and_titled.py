"""Characters named by a title, in capitals, by a role, or by "you"; canon nicknames folded."""

from storyhelpers import names_by_id, speaker_of


def cast_names(world) -> set[str]:
    return {c.name for c in world.characters}


def test_a_title_after_the_is_a_character_and_speaks(analyse_text):
    text = (
        "The market was loud, and the Doctor was grinning at a stall of clocks.\n\n"
        '"Brilliant," said the Doctor. "Absolutely brilliant."\n\n'
        "Amy rolled her eyes at him.\n\n"
        '"You say that about everything," Amy said.\n\n'
        "The Doctor's grin only widened."
    )
    world = analyse_text(text)
    assert "the Doctor" in cast_names(world)
    assert speaker_of(world, "Brilliant") == "the Doctor"


def test_a_place_after_the_is_no_character(analyse_text):
    text = (
        "They walked to the Citadel at dawn. The Citadel was quiet.\n\n"
        '"We should go in," Amy said, looking at the Citadel.'
    )
    assert not any("Citadel" in name for name in cast_names(analyse_text(text)))


def test_an_unnamed_speaker_with_a_role_becomes_a_character(analyse_text):
    text = (
        "Rose leaned over the counter. The stallholder, a tall woman with four arms, watched her.\n\n"
        '"How much for the compass?" Rose asked.\n\n'
        '"Everything in your pockets," said the stallholder.\n\n'
        '"That seems steep," Rose said.'
    )
    world = analyse_text(text)
    assert "the stallholder" in cast_names(world)
    assert speaker_of(world, "Everything in your pockets") == "the stallholder"


def test_a_letter_that_says_something_is_no_character(analyse_text):
    text = (
        "Jane opened the envelope at the table.\n\n"
        '"Come home at once," the letter said. "Father is ill."\n\n'
        'Jane read it twice. "I must go," she said. The letter said nothing more.'
    )
    assert "the letter" not in cast_names(analyse_text(text))


def test_an_all_capitals_name_that_speaks_is_a_character(analyse_text):
    text = (
        "Tony was elbow-deep in the engine when JARVIS spoke up.\n\n"
        '"Sir, your guest has arrived," JARVIS said.\n\n'
        '"Tell him to wait," Tony said. "I am BUSY."\n\n'
        '"Very good, sir," said JARVIS.'
    )
    world = analyse_text(text)
    names = cast_names(world)
    assert "JARVIS" in names
    assert "BUSY" not in names
    assert speaker_of(world, "your guest has arrived") == "JARVIS"


def test_second_person_protagonist_is_a_character_who_speaks(analyse_text):
    text = (
        "You wake up in a field with grass in your hair. A boy in a red cap runs toward you.\n\n"
        '"Are you okay?" Ash asks.\n\n'
        '"I think so," you say. "Where am I?"\n\n'
        "You look around. The road is empty, and you are very far from home."
    )
    world = analyse_text(text)
    assert world.narration.person == "second"
    protagonist = next(c for c in world.characters if "you" in c.aliases)
    assert speaker_of(world, "I think so") == protagonist.name
    assert speaker_of(world, "Are you okay") == "Ash"


def test_self_introduction_names_the_speaker(analyse_text):
    text = (
        "A girl with a backpack waved from across the road and crossed over to Tom.\n\n"
        '"Hi! I\'m Misty Waters, from the next town. Are you lost?"\n\n'
        "Tom shook his head and smiled at Misty."
    )
    world = analyse_text(text)
    assert speaker_of(world, "from the next town") == "Misty Waters"


def test_canon_nicknames_fold_into_the_character_in_a_detected_fandom(analyse_text):
    text = (
        "Midoriya Izuku looked up from his notebook. Bakugou Katsuki kicked his chair.\n\n"
        '"Move, nerd," Bakugou said.\n\n'
        '"Good morning to you too, Kacchan," Izuku said. Deku was used to it by now.\n\n'
        "Kacchan only scowled and stalked off."
    )
    world = analyse_text(text)
    by_name = {c.name: c for c in world.characters}
    assert "Midoriya Izuku" in by_name and "Bakugou Katsuki" in by_name
    assert {"Deku", "Izuku"} <= set(by_name["Midoriya Izuku"].aliases)
    assert "Kacchan" in by_name["Bakugou Katsuki"].aliases
    assert not any(name in ("Deku", "Kacchan", "Izuku") for name in by_name)
    assert speaker_of(world, "Good morning") == "Midoriya Izuku"
    assert len(names_by_id(world)) == len(by_name)


def test_a_detected_fandoms_places_and_peoples_are_not_characters(analyse_text):
    text = (
        "Harry Potter walked back up to Hogwarts with Ron Weasley. Hogwarts was quiet.\n\n"
        '"Hogwarts never sleeps," Ron said, and Hogwarts creaked as if it agreed.\n\n'
        "Harry laughed. Gryffindor Tower was warm, and Hermione Granger was waiting."
    )
    names = {c.name for c in analyse_text(text).characters}
    assert {"Harry Potter", "Ron Weasley"} <= names
    assert "Hogwarts" not in names and "Gryffindor Tower" not in names


def test_mills_parlours_and_manors_are_places():
    from storyworld.nlp.names import is_plausible_name

    assert not is_plausible_name(("Carrow", "Mill"))
    assert not is_plausible_name(("Wangsheng", "Funeral", "Parlor"))
    assert is_plausible_name(("Tobias", "Hale"))


def test_a_second_person_protagonist_named_in_the_narration_takes_the_name(analyse_text):
    text = (
        "You are Spock, son of Sarek, and you are not sleeping. You sit at the desk.\n\n"
        '"Spock." Jim knocks on the door. "I know you are awake."\n\n'
        '"I am awake," you say. You do not open the door.'
    )
    world = analyse_text(text)
    protagonist = next(c for c in world.characters if "you" in c.aliases)
    assert protagonist.name == "Spock"
    assert sum(1 for c in world.characters if c.name == "Spock") == 1


def test_a_title_of_several_words_after_the_is_one_character(analyse_text):
    text = (
        "The portrait swung aside. The Fat Lady was in a bad mood.\n\n"
        '"Password," said the Fat Lady.\n\n'
        '"Caput draconis," Harry said, and the Fat Lady sniffed at him.'
    )
    world = analyse_text(text)
    assert "the Fat Lady" in {c.name for c in world.characters}
    assert "Lady" not in {c.name for c in world.characters}


def analyse_story(text: str):
    """Through ingest, as a user's file goes: the disclaimer becomes paratext."""
    from storyworld.analysis import analyze_work
    from storyworld.ingest import work_from_text

    return analyze_work(work_from_text(text))


def test_a_one_word_canon_name_joins_the_cast_in_a_detected_fandom():
    text = (
        "I don't own The Legend of Korra.\n\n"
        "Korra slammed the door of the gym. Mako looked up from the ropes.\n\n"
        '"Tenzin says I need patience," Korra said.\n\n'
        '"Tenzin is right," said Mako.'
    )
    world = analyse_story(text)
    assert "Tenzin" in cast_names(world)  # tagged GPE, never acts: only the canon knows him


def test_a_clipped_name_joins_the_canon_character_it_shortens():
    text = (
        "I don't own Sailor Moon.\n\n"
        "Usagi Tsukino lay awake. The phone rang.\n\n"
        '"Mamo-chan?" Usagi whispered.\n\n'
        '"Still awake?" Mamoru sounded sleepy. "I wanted to hear your voice."'
    )
    world = analyse_story(text)
    mamoru = [c for c in world.characters if {"Mamoru", "Mamo-chan"} & {c.name, *c.aliases}]
    assert len(mamoru) == 1 and {"Mamoru", "Mamo-chan"} <= {mamoru[0].name, *mamoru[0].aliases}


def test_a_bare_rank_joins_the_one_character_who_holds_it(analyse_text):
    text = (
        "Sergeant Kovac checked the ridge line twice. Nobody argued with Sergeant Kovac.\n\n"
        '"Sarge, the radio is dead," Ali said.\n\n'
        '"Then fix it," Kovac said. Mayor Lewis would want a report by dawn.'
    )
    world = analyse_text(text)
    kovac = [c for c in world.characters if "Kovac" in c.name]
    assert len(kovac) == 1 and "Sarge" in kovac[0].aliases
    assert "Sarge" not in cast_names(world)


def test_a_kinship_word_the_narration_uses_as_a_name_is_a_character(analyse_text):
    text = (
        "Mam went down to the mill before dawn, as she did every day. I stayed with Bea.\n\n"
        '"Will she be back for supper?" Bea asked.\n\n'
        '"She always is," I said. When Mam came home, her hands were black with oil.'
    )
    world = analyse_text(text)
    mam = next(c for c in world.characters if c.name == "Mam")
    assert mam.mentions >= 2 and mam.pronouns == "she"


def test_a_kinship_word_only_said_in_speech_makes_no_character(analyse_text):
    text = (
        "Goku landed in the yard with a fish over one shoulder.\n\n"
        '"You caught it, Dad," Goten said, sliding down the scales.'
    )
    world = analyse_text(text)
    assert "Dad" not in cast_names(world)


def test_an_unnamed_occupation_met_again_and_again_is_a_character(analyse_text):
    text = (
        "The ferryman would not take us until I showed him the silver. "
        "I asked the ferryman how far it was. He leaned on his pole and said nothing.\n\n"
        "The river was black. The ferryman, who had not said a word for a mile, began to sing.\n\n"
        "At the landing the ferryman would not take my silver back."
    )
    world = analyse_text(text)
    ferryman = next(c for c in world.characters if c.name == "the ferryman")
    assert ferryman.pronouns == "he"


def test_a_kinship_name_joins_the_character_stated_to_be_that_kin(analyse_text):
    text = (
        "Our father, San, handed the wallet over without a word. Dad always did what was asked.\n\n"
        "Later Dad walked us home through the market, and I held Bolin's hand."
    )
    world = analyse_text(text)
    san = next(c for c in world.characters if c.name == "San")
    assert "Dad" in san.aliases and "Dad" not in cast_names(world)
