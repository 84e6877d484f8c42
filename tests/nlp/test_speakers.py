"""Speaker and addressee attribution on dialogue written for the tests."""

from storyhelpers import addressee_of, speaker_of


def test_speech_verbs_on_either_side_and_pronoun_speakers(analyse_text):
    text = (
        'Tom came into the kitchen. "Where is the bread?" he asked.\n\n'
        '"In the box," said Mary.\n\n'
        '"Thanks," Tom said. "I was starving."'
    )
    world = analyse_text(text)
    assert speaker_of(world, "Where is the bread?") == "Tom"
    assert speaker_of(world, "In the box") == "Mary"
    assert speaker_of(world, "I was starving") == "Tom"
    assert addressee_of(world, "In the box") == "Tom"


def test_alternating_turns_in_a_two_person_exchange(analyse_text):
    text = (
        '"Are you coming?" asked Ellen.\n\n'
        '"In a minute," said Robert.\n\n'
        '"You said that an hour ago."\n\n'
        '"And I meant it then, too."\n\n'
        '"Then I am going without you."'
    )
    world = analyse_text(text)
    assert speaker_of(world, "You said that an hour ago") == "Ellen"
    assert speaker_of(world, "And I meant it then") == "Robert"
    assert speaker_of(world, "Then I am going without you") == "Ellen"


def test_a_name_in_address_is_the_addressee_not_the_speaker(analyse_text):
    text = (
        "Della held the chain out to Jim.\n\n"
        '"Isn\'t it a dandy, Jim? Give me your watch."\n\n'
        '"Dell," said he, "let us put our presents away."'
    )
    world = analyse_text(text)
    assert speaker_of(world, "Isn't it a dandy") == "Della"
    assert addressee_of(world, "Isn't it a dandy") == "Jim"
    assert speaker_of(world, "let us put our presents away") == "Jim"
    assert addressee_of(world, "let us put our presents away") == "Della"


def test_a_speaker_revealed_in_the_next_sentence(analyse_text):
    text = (
        "Naruto sat alone on the swing.\n\n"
        '"Naruto?" A timid voice asks. He looks up to see Sakura at the gate.'
    )
    world = analyse_text(text)
    assert speaker_of(world, "Naruto?") == "Sakura"
    assert addressee_of(world, "Naruto?") == "Naruto"


def test_every_quote_carries_a_confidence(analyse_text):
    world = analyse_text('"Hello," said Tom.\n\n"Hi," said Ann.')
    assert all(0.0 <= q.confidence <= 1.0 for q in world.quotes)
    assert world.quotes[0].confidence > 0.8


def test_a_self_introduction_outranks_the_pronoun_of_its_tag(analyse_text):
    text = (
        "Carlisle Cullen came to the door with Edward. Edward looked at the cast on Bella's wrist "
        "and frowned.\n\n"
        '"Please, call me Carlisle," he said.'
    )
    world = analyse_text(text)
    assert speaker_of(world, "Please, call me Carlisle") == "Carlisle Cullen"


def test_a_parenthetical_i_think_is_no_speech_tag(analyse_text):
    text = (
        "Sebastian racked the balls and handed me a cue.\n\n"
        "'Robin wants a shed,' Sebastian said.\n\n"
        "'A big one.'\n\n"
        "'She'll make it too big.' He missed, on purpose I think. 'She always does.'"
    )
    world = analyse_text(text)
    assert speaker_of(world, "She'll make it too big") == "Sebastian"


def test_a_thought_tag_beside_its_quote_still_counts(analyse_text):
    text = (
        "Mira and Tom walked to the harbour.\n\n"
        '"Nobody is here," Mira thought. Tom looked at the empty boats.'
    )
    world = analyse_text(text)
    assert speaker_of(world, "Nobody is here") == "Mira"


def test_a_subject_pronoun_is_nobody_named_later_in_its_clause(analyse_text):
    text = (
        "Lance had been pacing the corridor for an hour. Keith sat alone on the floor of the hangar, "
        "watching the Black Lion.\n\n"
        '"Can\'t sleep either? Hunk\'s stress-baking and the whole wing smells like cinnamon." He drops '
        "down next to Keith and holds out a pouch.\n\n"
        '"Go back to bed, Lance."'
    )
    world = analyse_text(text)
    assert speaker_of(world, "Can't sleep either?") == "Lance"
