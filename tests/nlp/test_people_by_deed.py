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
