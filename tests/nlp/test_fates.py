"""Roles (titles, ranks, occupations) and fates (alive, dead) from what the story tells."""

import pytest


def by_name(world):
    return {c.name: c for c in world.characters}


def test_roles_from_apposition_copula_and_title(analyse_text):
    world = analyse_text(
        "Tsunade, the Fifth Hokage, sighed. Kakashi was a jounin. Itachi, a missing-nin, "
        "watched Kakashi. Captain Yamato nodded to Tsunade. Yamato smiled at Itachi."
    )
    cast = by_name(world)
    assert "hokage" in cast["Tsunade"].roles
    assert "jounin" in cast["Kakashi"].roles
    assert "missing-nin" in cast["Itachi"].roles
    yamato = next(c for c in world.characters if "Yamato" in c.name)
    assert "captain" in yamato.roles


@pytest.mark.parametrize(
    "text, dead",
    [
        ("Asuma fought hard. Asuma died in the forest.", "Asuma"),
        ("Hidan laughed. Hidan killed Asuma. Asuma fell.", "Asuma"),
        ("Shikamaru found Asuma's body in the clearing. Shikamaru wept.", "Asuma"),
        ("Shikamaru buried Asuma under the trees. Shikamaru wept.", "Asuma"),
        ("Asuma is dead. Shikamaru knows it.", "Asuma"),
        ("Shikamaru saw Asuma hanging from a beam. Shikamaru screamed.", "Asuma"),
        ("Kurenai said nothing. After Asuma was gone, Shikamaru smoked. Asuma had loved the clouds.", "Asuma"),
        ("Shikamaru took in washing until the winter we lost Asuma to the fever. Shikamaru wept.", "Asuma"),
        ("Asuma had died when Shikamaru was ten. Asuma used to laugh at the clouds.", "Asuma"),
        ("They buried Asuma on a Tuesday. Asuma would have hated the rain.", "Asuma"),
    ],
)
def test_deaths_are_known(analyse_text, text, dead):
    assert by_name(analyse_text(text))[dead].status == "dead"


@pytest.mark.parametrize(
    "text",
    [
        "Hidan laughed. Hidan would have killed Asuma. Asuma ran.",
        "Asuma did not die. Asuma laughed.",
        "Asuma's body ached after training. Asuma laughed.",
        "Later, after Asuma has gone, Shikamaru opens a channel. Asuma laughs.",
        "We lost Asuma in the crowd. Asuma laughed.",
    ],
)
def test_no_death_without_one_told(analyse_text, text):
    assert by_name(analyse_text(text))["Asuma"].status != "dead"


def test_a_speaker_is_alive(analyse_text):
    world = analyse_text('"Hurry up," Shikamaru said. Shikamaru yawned.')
    assert by_name(world)["Shikamaru"].status == "alive"


def test_deaths_told_without_the_word(analyse_text):
    world = analyse_text(
        "Fantine did not wake that morning. The doctor closed her eyes. Valjean wept beside Cosette.\n\n"
        "Akaza drove his fist through Rengoku's chest. Rengoku smiled at the boys, and then the "
        "light left his eyes."
    )
    status = {c.name: c.status for c in world.characters}
    assert status["Fantine"] == "dead"
    assert status["Rengoku"] == "dead"
    assert status.get("Valjean") != "dead" and status.get("Cosette") != "dead"


def test_a_death_told_of_an_apposition_reaches_the_named_character(analyse_text):
    world = analyse_text(
        "Edward knelt at the grave. His mother, Trisha, had died when he was ten. Edward still missed her."
    )
    status = {c.name: c.status for c in world.characters}
    assert status["Trisha"] == "dead"
    assert status["Edward"] != "dead"


def test_a_hoped_for_waking_is_no_death(analyse_text):
    world = analyse_text(
        '"Wake up," Cosette said to Fantine. Fantine did not wake until noon.'
    )
    assert {c.name: c.status for c in world.characters}["Fantine"] != "dead"


def test_a_death_told_without_the_word_is_an_event_too(analyse_text):
    world = analyse_text("Kaidan fought to the end. Kaidan didn't make it. Shepard wept for Kaidan.")
    names = {c.id: c.name for c in world.characters}
    assert ("Kaidan", "die") in {(names.get(e.agent), e.predicate) for e in world.events}


def test_a_plainly_stated_killing_outweighs_lines_given_to_the_dead_later(analyse_text):
    world = analyse_text(
        "Aerith was slain by Sephiroth while she prayed. Tifa could not get past that sentence.\n\n"
        '"Hey," she said to Cloud, much later.'
    )
    assert by_name(world)["Aerith"].status == "dead"


def test_the_grave_of_a_character_tells_a_death_but_a_joked_funeral_does_not(analyse_text):
    world = analyse_text(
        "Tom Baker had built the house with his own hands. Years later Mara stood at the grave "
        "of Tom Baker and cried.\n\n"
        '"At my funeral, without an appointment?" Hu Tao asked. Hu Tao laughed and walked on.'
    )
    cast = by_name(world)
    assert cast["Tom Baker"].status == "dead"
    assert cast["Hu Tao"].status != "dead"
