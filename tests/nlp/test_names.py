from storyworld.nlp.names import (
    first_name_key,
    gender_of_given_name,
    is_plausible_name,
    split_name,
)


def test_split_name_takes_off_titles_and_honorifics():
    assert split_name("Mr. James Dillingham Young").title == "mr"
    assert split_name("Mr. James Dillingham Young").words == ("James", "Dillingham", "Young")
    parts = split_name("Kakashi-sensei")
    assert parts.words == ("Kakashi",) and parts.honorific == "sensei"
    assert split_name("Mme. Sofronie").title == "madame"
    assert split_name("Hatake Kakashi's").words == ("Hatake", "Kakashi")


def test_titles_carry_gender():
    assert split_name("Mrs. Bennet").gender == "f"
    assert split_name("Mr. Bennet").gender == "m"
    assert split_name("Dr. Watson").gender is None


def test_nicknames_fold_to_the_full_first_name():
    assert first_name_key("Jim") == first_name_key("James") == "james"
    assert first_name_key("Lizzy") == "elizabeth"
    assert first_name_key("Kakashi") == "kakashi"


def test_interjections_places_and_groups_are_not_names():
    for words in [("Woe",), ("Hah",), ("Oh",), ("Team", "Seven"), ("Konohagakure",),
                  ("Leaf", "Village"), ("Mrs.",), ("Yo",)]:
        assert not is_plausible_name(words), words
    assert is_plausible_name(("Hatake", "Kakashi"))
    assert is_plausible_name(("Della",))


def test_given_name_gender_reads_either_end_of_the_name():
    assert gender_of_given_name(("Sakura",)) == "f"
    assert gender_of_given_name(("Uzumaki", "Naruto")) == "m"
    assert gender_of_given_name(("Zxq",)) is None
