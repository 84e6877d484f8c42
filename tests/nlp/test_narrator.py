"""Narrator stage: the name a first-person narrator goes by."""

from storyworld.nlp.narrator import NameSpan, SpokenSpan, narrator_name_index

NARRATOR = 2


def spans_of(text: str, needle: str, cast_index: int) -> list[NameSpan]:
    start = text.index(needle)
    return [NameSpan(start, start + len(needle), cast_index)]


def quote(text: str, content: str, speaker: int | None, addressee: int | None = None) -> SpokenSpan:
    start = text.index(content) - 1
    return SpokenSpan(start, start + len(content) + 2, speaker, addressee)


def test_addressed_by_name_and_answering_names_the_narrator() -> None:
    text = '"You must be Anna," he said.\n\n"I am," I said.'
    spoken = [quote(text, "You must be Anna,", 0), quote(text, "I am,", NARRATOR)]
    assert narrator_name_index(text, spoken, spans_of(text, "Anna", 1), NARRATOR) == 1


def test_self_naming_in_narration_names_the_narrator() -> None:
    text = "My name is Ishmael. I went to sea."
    assert narrator_name_index(text, [], spans_of(text, "Ishmael", 1), NARRATOR) == 1


def test_a_name_the_narration_uses_for_someone_else_is_not_the_narrator() -> None:
    text = '"Tom, wait," he said.\n\n"Why?" I said. Tom left.'
    spoken = [quote(text, "Tom, wait,", 0), quote(text, "Why?", NARRATOR)]
    names = [*spans_of(text, "Tom,", 1), NameSpan(text.rindex("Tom"), text.rindex("Tom") + 3, 1)]
    assert narrator_name_index(text, spoken, names, NARRATOR) is None


def test_a_name_mentioned_in_passing_is_not_the_narrator() -> None:
    text = '"Have you seen the letters from Tom today?" he asked.\n\n"No," I said.'
    spoken = [quote(text, "Have you seen the letters from Tom today?", 0), quote(text, "No,", NARRATOR)]
    assert narrator_name_index(text, spoken, spans_of(text, "Tom", 1), NARRATOR) is None


def test_first_person_story_names_its_narrator(analyse_text) -> None:
    world = analyse_text(
        'I knocked twice. Mr. Hale opened the door.\n\n'
        '"You must be Clara," he said. "Come in."\n\n'
        '"Thank you," I said, and stepped inside.\n\n'
        "I sat by the fire while he made the tea."
    )
    narrator = world.character(world.narration.focal_character)
    assert narrator is not None and narrator.name == "Clara" and "I" in narrator.aliases
    assert not any(c.name == "the narrator" for c in world.characters)


def test_a_name_only_ever_said_to_me_names_me_even_in_a_line_misread_as_mine() -> None:
    text = '"Go away, Varric." I did not go away.\n\n"It did not help, Varric," she said. I held her.'
    spoken = [quote(text, "Go away, Varric.", NARRATOR, 1), quote(text, "It did not help, Varric,", 0, 1)]
    names = [NameSpan(text.index("Varric"), text.index("Varric") + 6, 1),
             NameSpan(text.rindex("Varric"), text.rindex("Varric") + 6, 1)]
    assert narrator_name_index(text, spoken, names, NARRATOR) == 1


def test_a_name_i_keep_saying_to_someone_who_answers_is_not_mine() -> None:
    text = '"Hi, Mom." I waited.\n\n"Hello, love," she said.\n\n"Bye, Mom." I hung up.\n\n"Bye," she said.'
    spoken = [quote(text, "Hi, Mom.", NARRATOR, 1), quote(text, "Hello, love,", 1, NARRATOR),
              quote(text, "Bye, Mom.", NARRATOR, 1), quote(text, "Bye,", 1, NARRATOR)]
    names = [NameSpan(text.index("Mom"), text.index("Mom") + 3, 1),
             NameSpan(text.rindex("Mom"), text.rindex("Mom") + 3, 1)]
    assert narrator_name_index(text, spoken, names, NARRATOR) is None


def test_once_named_the_narrator_is_never_the_speaker_of_a_line_that_calls_them_by_name(analyse_text):
    from storyhelpers import speaker_of

    text = (
        '"You must be Kael," the knight said.\n\n'
        '"I am," I said. I held the reins while he climbed down.\n\n'
        "The river was loud. I did not look at him.\n\n"
        '"Kael."\n\n'
        "I turned. Ser Vhalen was smiling."
    )
    world = analyse_text(text)
    narrator = next(c for c in world.characters if "I" in c.aliases)
    assert narrator.name == "Kael"
    assert speaker_of(world, "Kael.") != "Kael"
