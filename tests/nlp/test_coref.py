"""Pronoun resolution and gender on texts written for the tests."""

from storyhelpers import names_by_id


def pronoun_targets(world, text):
    names = names_by_id(world)
    return [
        (text[m.start : m.end], names[m.character]) for m in world.mentions if m.kind == "pronoun"
    ]


def test_pronouns_follow_gender_and_salience(analyse_text):
    text = (
        "Sakura waited on the bridge. She was tired of waiting.\n\n"
        "Naruto ran up to her. He was grinning, and his hair was a mess."
    )
    world = analyse_text(text)
    targets = pronoun_targets(world, text)
    assert ("She", "Sakura") in targets
    assert ("He", "Naruto") in targets and ("his", "Naruto") in targets
    assert ("her", "Sakura") in targets


def test_an_object_pronoun_is_not_its_own_clauses_subject(analyse_text):
    text = (
        "Sasuke stood on the water. Kakashi watched him from the shade.\n\n"
        '"Good," Kakashi tells him.'
    )
    world = analyse_text(text)
    targets = pronoun_targets(world, text)
    assert targets[-1] == ("him", "Sasuke")


def test_character_pronouns_come_from_the_text(analyse_text):
    world = analyse_text(
        "Tobias Wren walked into the shop. He bought a loaf of bread and he left. "
        "Ellery Vance watched him go. She shook her head."
    )
    pronouns = {c.name: c.pronouns for c in world.characters}
    assert pronouns["Tobias Wren"] == "he"
    assert pronouns["Ellery Vance"] == "she"
