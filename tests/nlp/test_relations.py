from storyworld.nlp.relations import SpokenLine, find_interactions
from storyworld.world import Span


def test_dialogue_outweighs_shared_paragraphs_and_evidence_is_kept():
    paragraphs = [Span(0, 10), Span(12, 30), Span(32, 50)]
    lines = [SpokenLine(Span(12, 20), 0, 1), SpokenLine(Span(32, 40), 1, 0)]
    mentions = [(0, 3, 0), (5, 8, 2), (13, 15, 0), (33, 35, 1)]
    found = find_interactions(lines, mentions, paragraphs, scene_starts=[])
    strongest = found[0]
    assert (strongest.first, strongest.second) == (0, 1)
    assert strongest.weight == 2.0
    assert Span(12, 20) in strongest.evidence and Span(32, 40) in strongest.evidence
    shared = {(i.first, i.second): i for i in found}
    assert shared[(0, 2)].weight == 0.2
    assert shared[(0, 2)].evidence == (Span(0, 10),)


def test_characters_in_different_scenes_never_meet():
    paragraphs = [Span(0, 10), Span(20, 30)]
    mentions = [(0, 3, 0), (20, 23, 1)]
    assert find_interactions([], mentions, paragraphs, scene_starts=[20]) == []
