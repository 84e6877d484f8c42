"""Characters stage on short texts written for the tests (real small spaCy model)."""

from storyworld.nlp.characters import find_cast


def cast_of(nlp, text):
    from storyworld.nlp.quotes import find_quotes
    from storyworld.world import Span

    doc = nlp(text)
    quotes = [Span(q.start, q.end) for q in find_quotes(text)]
    return {entry.name: entry for entry in find_cast(doc, quotes)}


def test_honorifics_and_family_name_first_fold_into_one_character(nlp):
    text = (
        "Hatake Kakashi arrived late, as always. Naruto pointed at him.\n\n"
        '"Kakashi-sensei, you are late again!" Naruto shouted.\n\n'
        "Kakashi only waved his book. Sakura sighed at both of them."
    )
    cast = cast_of(nlp, text)
    assert "Hatake Kakashi" in cast
    assert set(cast["Hatake Kakashi"].aliases) >= {"Hatake Kakashi", "Kakashi", "Kakashi-sensei"}
    assert {"Naruto", "Sakura"} <= set(cast)
    assert len([name for name in cast if "Kakashi" in name]) == 1


def test_mr_and_mrs_with_one_surname_are_two_people(nlp):
    text = (
        "Mr. Bennet read his newspaper in silence. Mrs. Bennet talked on without pause.\n\n"
        '"My dear Mr. Bennet," said Mrs. Bennet, "have you heard the news?"\n\n'
        "Mr. Bennet replied that he had not."
    )
    cast = cast_of(nlp, text)
    assert "Mr. Bennet" in cast and "Mrs. Bennet" in cast
    assert cast["Mr. Bennet"].gender == "m" and cast["Mrs. Bennet"].gender == "f"


def test_names_tagged_as_organisations_still_count_when_they_act_as_people(nlp):
    text = (
        '"Will you buy my hair?" asked Della.\n\n'
        "Della counted the coins again. Della's hands were shaking.\n\n"
        '"Give it to me quick," said Della.'
    )
    cast = cast_of(nlp, text)
    assert "Della" in cast
    assert len(cast["Della"].mentions) == 4


def test_interjections_villages_and_teams_are_never_characters(nlp):
    text = (
        '"Woe is me," Naruto groaned. "Hah! Oh, whatever."\n\n'
        "Team Seven walked back to Konohagakure together. The Leaf Village was quiet. "
        "Sasuke said nothing at all."
    )
    cast = cast_of(nlp, text)
    for not_a_character in ("Woe", "Hah", "Oh", "Team Seven", "Konohagakure", "Leaf Village"):
        assert not_a_character not in cast
    assert {"Naruto", "Sasuke"} <= set(cast)


def test_a_nickname_joins_the_full_name(nlp):
    text = (
        "Mr. James Dillingham Young came home late. Jim was never late, usually.\n\n"
        '"Hello," said Jim.'
    )
    cast = cast_of(nlp, text)
    assert len(cast) == 1
    (entry,) = cast.values()
    assert {"Jim", "Mr. James Dillingham Young"} <= set(entry.aliases)


def test_a_couple_sharing_a_surname_stays_apart_from_their_daughter(analyse_text):
    world = analyse_text(
        "Jane Bennet came down to breakfast. Mrs. Bennet saw the letter first.\n\n"
        '"Open it, Mr. Bennet!" cried Mrs. Bennet.\n\n'
        '"Patience, my dear," said Mr. Bennet. Jane Bennet smiled at her father.'
    )
    names = {c.name for c in world.characters}
    assert {"Jane Bennet", "Mr. Bennet", "Mrs. Bennet"} <= names


def test_words_capitalised_only_by_position_are_not_characters(analyse_text):
    world = analyse_text(
        '"Brilliant," said Sherlock. "Experiment, John. Nothing is on fire."\n\n'
        '"Tch," John muttered. He thought the experiment was brilliant, in its way.\n\n'
        "They walked in Hogwarts all night, then went back to Baker Street."
    )
    names = {c.name for c in world.characters}
    assert {"Sherlock", "John"} <= names
    assert not names & {"Brilliant", "Experiment", "Tch", "Hogwarts"}


def test_a_kin_word_ending_a_sentence_is_no_title_of_the_next_name(analyse_text):
    world = analyse_text(
        "Minato was Naruto's father. Naruto never met him. Naruto said nothing about it."
    )
    aliases = {a for c in world.characters for a in c.aliases}
    assert not any("." in a and "father" in a for a in aliases), aliases


def test_clipped_and_familiar_first_names_join_the_full_name(nlp):
    text = (
        "Winifred Okafor ran the night shift. Nathan Shelley brought the coffee.\n\n"
        '"Thanks, Nate," Win said. Nate grinned and Win went back to the desk.'
    )
    cast = cast_of(nlp, text)
    assert {"Win", "Winifred Okafor"} <= set(cast["Winifred Okafor"].aliases)
    assert {"Nate", "Nathan Shelley"} <= set(cast["Nathan Shelley"].aliases)
    assert "Win" not in cast and "Nate" not in cast


def test_a_clipped_name_shared_by_two_full_names_joins_neither(nlp):
    text = (
        "Maxwell Reed and Maxine Cole met at noon. Maxwell Reed laughed.\n\n"
        '"Max," said Maxine Cole, "you are late." Max only shrugged.'
    )
    cast = cast_of(nlp, text)
    assert "Max" not in cast["Maxwell Reed"].aliases
    assert "Max" not in cast["Maxine Cole"].aliases


def test_a_capitalised_verb_opening_the_sentence_is_no_part_of_the_name(analyse_text):
    world = analyse_text(
        '"Go home, Bea. Tell Mam I\'m all right," I said. I would tell her myself tomorrow.\n\n'
        "Mam had loved our father once. Mam said so."
    )
    names = {c.name for c in world.characters}
    assert "Tell Mam" not in names and "Mam" in names


def test_a_given_name_the_tagger_left_out_of_the_entity_joins_it(nlp):
    from spacy.tokens import Doc

    from storyworld.nlp.characters import _with_leading_given_name

    words = ["Amanda", "Grayson", "taught", "you", "."]
    doc = Doc(
        nlp.vocab, words=words, spaces=[True, True, True, False, False],
        pos=["PROPN", "PROPN", "VERB", "PRON", "PUNCT"], deps=["compound", "nsubj", "ROOT", "dobj", "punct"],
        heads=[1, 2, 2, 2, 2], ents=["O", "B-PERSON", "O", "O", "O"],
    )
    (grayson,) = doc.ents
    assert _with_leading_given_name(grayson, set(range(1, 2))).text == "Amanda Grayson"


def test_a_nickname_someone_has_been_since_childhood_is_the_same_person(nlp):
    text = (
        "On Saturday mornings the kitchen belongs to Gran, and this Saturday she shares it with Róisín.\n\n"
        '"Sleeves up," Gran says. "And if I see that phone, Sparky, it goes in the bread bin."\n\n'
        "Róisín has been Sparky since she was seven and set the toaster on fire. Róisín rolls her sleeves up."
    )
    cast = cast_of(nlp, text)
    assert "Sparky" in cast["Róisín"].aliases
    assert "Sparky" not in cast


def test_a_bare_title_joins_the_one_character_who_carries_it():
    from storyworld.nlp.characters import CastEntry, NameMention, fold_bare_titles

    def entry(name, *aliases, at=0, gender=None):
        return CastEntry(name, (name, *aliases), gender, (NameMention(at, at + len(name), name, "name"),))

    cast = [entry("Hu Tao", "Director Hu", at=0, gender="f"), entry("the Director", at=40), entry("Zhongli", at=80)]
    folded = {e.name: e for e in fold_bare_titles(cast)}
    assert set(folded) == {"Hu Tao", "Zhongli"}
    assert "the Director" in folded["Hu Tao"].aliases and len(folded["Hu Tao"].mentions) == 2
    two_captains = [entry("Captain Holt"), entry("Captain Pike", at=20), entry("the Captain", at=40)]
    assert len(fold_bare_titles(two_captains)) == 3  # which captain? nobody folds
    mother = [entry("Layla", "Mother Layla"), entry("Mother", at=30)]
    assert len(fold_bare_titles(mother)) == 2  # kin words are left to _fold_stated_kin
