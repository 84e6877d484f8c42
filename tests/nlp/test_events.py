"""Events: agent-predicate-patient triples resolved to characters, realis only."""

import pytest


def triples(world):
    names = {c.id: c.name for c in world.characters}
    return {(names.get(e.agent), e.predicate, names.get(e.patient)) for e in world.events}


def test_events_resolve_names_pronouns_and_passives(analyse_text):
    world = analyse_text(
        "Sakura waited by the gate. Naruto ran to Sakura. He saved her from the fire. "
        "Sasuke left the village. Sasuke was betrayed by Orochimaru. Orochimaru laughed."
    )
    found = triples(world)
    assert ("Naruto", "save", "Sakura") in found
    assert ("Sasuke", "leave", None) in found
    assert ("Orochimaru", "betray", "Sasuke") in found


def test_write_to_and_write_someone_a_letter(analyse_text):
    world = analyse_text("Sakura wrote to Naruto. Naruto wrote Sakura a long letter.")
    found = triples(world)
    assert ("Sakura", "write to", "Naruto") in found
    assert ("Naruto", "write to", "Sakura") in found


def test_event_offsets_cover_the_clause(analyse_text):
    text = "Itachi killed Shisui by the river."
    world = analyse_text(text)
    event = next(e for e in world.events if e.predicate == "kill")
    assert "killed" in text[event.start : event.end]


@pytest.mark.parametrize(
    "text",
    [
        "Naruto did not save Sakura.",
        "Naruto would have saved Sakura.",
        "Naruto tried to save Sakura.",
        "If Naruto saved Sakura, she would thank him.",
        "Naruto hoped to save Sakura.",
        "Naruto could save Sakura.",
        "Did Naruto save Sakura?",
    ],
)
def test_irrealis_clauses_make_no_event(analyse_text, text):
    assert not any(e.predicate == "save" for e in analyse_text(text).events)


def test_is_realis_on_parsed_clauses(nlp):
    from storyworld.nlp.events import is_realis

    def verb(text, lemma):
        return next(t for t in nlp(text) if t.lemma_ == lemma)

    assert is_realis(verb("He killed the guard.", "kill"))
    assert is_realis(verb("He drew his blade and killed the guard.", "kill"))
    assert not is_realis(verb("He didn't kill the guard.", "kill"))
    assert not is_realis(verb("He would have killed the guard.", "kill"))
    assert not is_realis(verb("She wished that he had married her.", "marry"))
