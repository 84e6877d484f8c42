"""Characters known by what they do, and relations through appositions and "my"."""

from storyhelpers import names_by_id


def typed_relations(world) -> set[tuple[str, str, str]]:
    names = names_by_id(world)
    return {(names[r.source], r.type, names[r.target]) for r in world.relations if r.type != "interaction"}


def test_names_that_only_act_like_people_are_characters(analyse_text):
    world = analyse_text(
        "Jean Valjean died in the spring. Cosette wept at his bedside. "
        "Rengoku was killed by Akaza at dawn. Tanjiro trained under Urokodaki for two years."
    )
    names = {c.name for c in world.characters}
    assert {"Cosette", "Tanjiro", "Urokodaki"} <= names  # "Akaza" (tagged GPE) is still missed


def test_an_apposition_possessive_is_not_the_name_it_follows(analyse_text):
    world = analyse_text(
        "Edward stood by the gate. Alphonse, his younger brother, waited beside him.\n\n"
        '"Brother, it is late," Alphonse said.'
    )
    assert ("Alphonse", "family", "Edward") in typed_relations(world)


def test_my_in_first_person_narration_is_the_narrator(analyse_text):
    world = analyse_text(
        "My sister, Mara, met me at the station. I hugged her. Mara had always been the brave one.\n\n"
        '"You look tired," Mara said.\n\n"I am," I said.'
    )
    assert ("Mara", "family", "the narrator") in typed_relations(world)


def test_trained_under_makes_the_one_named_the_teacher(analyse_text):
    world = analyse_text("Tanjiro trained under Urokodaki for two years. Urokodaki was strict.")
    assert ("Urokodaki", "mentorship", "Tanjiro") in typed_relations(world)


def test_a_kinship_word_with_its_own_name_is_a_second_person(analyse_text):
    world = analyse_text(
        "Out came Bulma, her husband Vegeta, grumbling, and Vegeta's son Trunks. Bulma waved at us."
    )
    relations = typed_relations(world)
    assert ("Vegeta", "family", "Bulma") in relations
    assert ("Trunks", "family", "Vegeta") in relations


def test_our_father_in_first_person_narration_is_the_narrators(analyse_text):
    world = analyse_text(
        "Bolin grinned at me. Our father, San, handed it over without a word. I was eight."
    )
    assert ("San", "family", "the narrator") in typed_relations(world)


def test_a_kinship_vocative_makes_the_addressee_family(analyse_text):
    world = analyse_text('"You caught it, Dad," Gohan said to Goku. Goku grinned at him.')
    assert ("Goku", "family", "Gohan") in typed_relations(world)


def test_a_name_the_model_calls_a_place_still_counts_when_it_acts(analyse_text):
    world = analyse_text(
        "Korra stomped out onto the roof. Korra leaned her head on Mako's shoulder.\n\n"
        '"Tenzin is going to kill me," Korra said.'
    )
    assert "Korra" in {c.name for c in world.characters}


def test_served_under_and_sworn_oaths_are_service(analyse_text):
    world = analyse_text(
        "Rukia smiled. She had served under Ukitake for decades now. Ukitake nodded.\n\n"
        "Bedivere, his knight, had sworn an oath to Arthur as a boy. Arthur smiled at Bedivere."
    )
    relations = typed_relations(world)
    assert ("Rukia", "service", "Ukitake") in relations
    assert ("Bedivere", "service", "Arthur") in relations


def test_a_conjoined_predicate_noun_keeps_its_possessor_apart(analyse_text):
    world = analyse_text("Usagi sighed. Luna had been her guardian and her teacher since that day. Luna purred.")
    assert ("Luna", "mentorship", "Usagi") in typed_relations(world)


def test_a_japanese_kinship_address_is_family_not_a_name(analyse_text):
    world = analyse_text(
        "Rukia knelt by the pond. Byakuya stood behind her.\n\n'So are you, Nii-sama.' Rukia said to Byakuya."
    )
    assert "Nii" not in {c.name for c in world.characters}
    assert ("Byakuya", "family", "Rukia") in typed_relations(world)


def test_a_titled_surname_joins_the_full_name_of_its_gender(analyse_text):
    world = analyse_text(
        "Thomas Hale ran the shop. His wife, Mary Hale, had died years before.\n\n"
        '"Two minutes is two minutes," said Mr. Hale. Thomas Hale smiled at the clocks.'
    )
    by_name = {c.name: c for c in world.characters}
    assert "Mr. Hale" in by_name["Thomas Hale"].aliases
    assert "Mr. Hale" not in by_name["Mary Hale"].aliases


def test_a_subject_the_model_calls_a_place_is_not_held_against_a_person(analyse_text):
    world = analyse_text(
        "Lunch is loud. Krillin drops by with his daughter Marron, because Krillin has been "
        "Goku's best friend since they were small. Goku laughs."
    )
    assert "Krillin" in {c.name for c in world.characters}


def test_the_one_loved_is_a_person(analyse_text):
    world = analyse_text("Arthur sat by the fire. He had loved Guinevere since the first day he saw her.")
    assert "Guinevere" in {c.name for c in world.characters}


def test_a_subject_the_sentence_goes_on_to_call_he_is_a_character(analyse_text):
    world = analyse_text(
        "I left my side open and Tahno made me pay for it, the way he always did. "
        "Later Republic City slept while he walked home alone."
    )
    names = {c.name for c in world.characters}
    assert "Tahno" in names and "Republic City" not in names


def test_our_and_us_belong_to_a_narrator_who_has_been_named(analyse_text):
    world = analyse_text(
        "My name is Mako, and I fight for the Fire Ferrets.\n\n"
        '"Mako!" Bolin shouted up the stairs.\n\n'
        "I went down. Toza had taught us everything we knew about the ring. "
        "Our father, San, had given me his scarf before the fire."
    )
    relations = typed_relations(world)
    narrator = next(c.name for c in world.characters if "I" in c.aliases)
    assert narrator == "Mako"
    assert ("San", "family", "Mako") in relations
    assert ("Toza", "mentorship", "Mako") in relations


def test_a_kinship_name_is_family_of_the_narrator(analyse_text):
    world = analyse_text(
        "Mam went down to the mill before dawn. I stayed home with the clocks.\n\n"
        "When Mam came back, I had supper waiting."
    )
    assert ("Mam", "family", "the narrator") in typed_relations(world)


def test_coaching_and_studying_under_are_mentorship(analyse_text):
    world = analyse_text(
        "Victor laughed at the boards. Yakov had coached Victor since he was a boy. "
        "Gale studied under Elminster for most of his youth."
    )
    relations = typed_relations(world)
    assert ("Yakov", "mentorship", "Victor") in relations
    assert ("Elminster", "mentorship", "Gale") in relations
