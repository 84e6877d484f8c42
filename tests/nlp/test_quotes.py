"""Quote detection on small hand-written texts, and the bench scorer on hand-worked cases."""

from __future__ import annotations

import importlib.util
import sys
import time
from pathlib import Path
from types import ModuleType

import pytest

from storyworld.nlp.quotes import QuoteSpan, find_quotes, quote_text
from storyworld.text import paragraph_spans


def marked(text: str) -> list[str]:
    """Each quote as it stands in the text, marks included."""
    return [text[quote.start : quote.end] for quote in find_quotes(text)]


def said(text: str) -> list[str]:
    """Each quote's content, without its marks."""
    return [quote_text(text, quote) for quote in find_quotes(text)]


def check_offsets(text: str, quotes: list[QuoteSpan]) -> None:
    paragraphs = paragraph_spans(text)
    previous_end = -1
    for quote in quotes:
        paragraph = paragraphs[quote.paragraph]
        assert paragraph.start <= quote.start < quote.content_start
        assert quote.content_start < quote.content_end <= quote.end <= paragraph.end
        assert quote.start >= previous_end
        previous_end = quote.end


# ---------------------------------------------------------------------------------------------
# Double quotes


def test_straight_double_quotes_interrupted_by_attribution() -> None:
    text = '"Jim, darling," she cried, "don\'t look at me."'
    quotes = find_quotes(text)
    assert marked(text) == ['"Jim, darling,"', '"don\'t look at me."']
    assert [(q.start, q.end, q.content_start, q.content_end) for q in quotes] == [
        (0, 15, 1, 14),
        (27, 46, 28, 45),
    ]
    assert all(q.style == "double" and not q.continues and q.paragraph == 0 for q in quotes)
    check_offsets(text, quotes)


def test_curly_double_quotes() -> None:
    text = (
        "Della smiled.\n\n"
        "\u201cJim, darling,\u201d she cried, \u201cdon\u2019t look at me.\u201d"
    )
    assert said(text) == ["Jim, darling,", "don\u2019t look at me."]
    assert [q.paragraph for q in find_quotes(text)] == [1, 1]
    check_offsets(text, find_quotes(text))


def test_one_word_speech_is_kept() -> None:
    text = (
        '"No!" she said.\n\n"Dell," said he.\n\n"Oh, oh!"\n\n"Bingley."\n\n'
        'She sighed. "Whatever"'
    )
    assert said(text) == ["No!", "Dell,", "Oh, oh!", "Bingley.", "Whatever"]


def test_exclamation_called_out_mid_sentence_is_speech() -> None:
    text = 'The King cackled out "Silence!" and read from his book.'
    assert said(text) == ["Silence!"]


def test_embedded_quote_after_speech_verb_is_speech() -> None:
    text = 'Mrs. Ferrars said "very pretty," and returned them.'
    assert said(text) == ["very pretty,"]


def test_nested_single_quotes_stay_inside() -> None:
    text = "\"Did you hear him say 'Merry Christmas!' to the cook?\" asked Meg."
    assert marked(text) == ["\"Did you hear him say 'Merry Christmas!' to the cook?\""]


def test_nested_double_quotes_of_the_same_kind_stay_inside() -> None:
    text = '"But you said "to-morrow". It isn\'t fair to change now."\n\n"John, don\'t argue."'
    assert said(text) == [
        'But you said "to-morrow". It isn\'t fair to change now.',
        "John, don't argue.",
    ]
    curly = "\u201cShe said \u201cnever\u201d and left,\u201d Tom explained."
    assert said(curly) == ["She said \u201cnever\u201d and left,"]


def test_missing_closing_mark_before_a_new_quote() -> None:
    text = '"Hello, he said "bye."'
    assert said(text) == ["Hello, he said", "bye."]


def test_closing_mark_after_space_is_not_an_opener() -> None:
    text = '"Style, you know, is what we tend to neglect "; but he was not listening.'
    assert said(text) == ["Style, you know, is what we tend to neglect "]


def test_speech_resumed_after_a_short_attribution() -> None:
    text = '"You will come again, I hope. We always seem" she hesitated "to be interrupted."'
    assert said(text) == ["You will come again, I hope. We always seem", "to be interrupted."]
    text = '"Hum" said Mrs. Ferrars "very pretty," and returned them to her daughter.'
    assert said(text) == ["Hum", "very pretty,"]


def test_speech_verb_with_fillers_before_an_embedded_quote() -> None:
    text = 'Then, saying to herself "This is Bill," she gave one sharp kick.'
    assert said(text) == ["This is Bill,"]


def test_short_spoken_sentence_embedded_in_narration() -> None:
    text = 'To the Englishman\'s passionate "It\'s all a mistake," he answered nothing.'
    assert said(text) == ["It's all a mistake,"]


def test_words_read_off_a_sign_are_not_speech() -> None:
    text = (
        'Where she stopped the sign read: "Mme. Sofronie. Hair Goods of All Kinds." '
        'One flight up Della ran.\n\n"Will you buy my hair?" asked Della.'
    )
    assert said(text) == ["Will you buy my hair?"]


def test_low_nine_opening_marks() -> None:
    text = "\u201eHallo\u201c, sagte er. \u201eWie geht es dir?\u201c"
    assert said(text) == ["Hallo", "Wie geht es dir?"]


# ---------------------------------------------------------------------------------------------
# Paragraphs


def test_speech_over_several_paragraphs() -> None:
    text = (
        '"I have something to tell you. It is long.\n\n'
        '"It began in the spring, when I was young.\n\n'
        '"And it ended in the autumn."\n\n'
        "She said nothing."
    )
    quotes = find_quotes(text)
    assert marked(text) == [
        '"I have something to tell you. It is long.',
        '"It began in the spring, when I was young.',
        '"And it ended in the autumn."',
    ]
    assert [q.continues for q in quotes] == [True, True, False]
    assert [q.paragraph for q in quotes] == [0, 1, 2]
    check_offsets(text, quotes)


def test_unclosed_quote_ends_at_paragraph_end() -> None:
    text = 'He stopped at the door. "Wait, I never told you  \n\nThe room was empty.'
    quotes = find_quotes(text)
    assert marked(text) == ['"Wait, I never told you']
    assert quotes[0].end == text.index("you") + 3
    assert not quotes[0].continues


def test_unclosed_quote_interrupted_by_dash_then_reopened() -> None:
    text = '"Yes," he said. "I\'ll be there at six o\'clock--\n\n"--unless it rains."'
    quotes = find_quotes(text)
    assert said(text) == ["Yes,", "I'll be there at six o'clock--", "--unless it rains."]
    assert [q.continues for q in quotes] == [False, True, False]


def test_one_paragraph_per_line_fan_fiction() -> None:
    text = (
        '"Harry!" Hermione called across the common room, waving a piece of parchment.\n'
        "He looked up from his essay, which was about as long as it had been an hour ago.\n"
        '"What?"\n'
        '"Come here," she said. "You need to see this."\n'
    )
    quotes = find_quotes(text)
    assert said(text) == ["Harry!", "What?", "Come here,", "You need to see this."]
    assert [q.paragraph for q in quotes] == [0, 2, 3, 3]


# ---------------------------------------------------------------------------------------------
# Single quotes and apostrophes


BRITISH = (
    "'Tis a fine day,' said the vicar. 'I've seen the boys' books, and it's past ten o'clock.'\n\n"
    "'Rock 'n' roll,' said Tom, ''cause I like 'em.'\n\n"
    "The lads' caps hung on pegs. It was Ma'am's room, wasn't it?\n\n"
    "'Pretty well, thank you, sir' replied Oliver. 'I was goin' home, but the\n"
    "mornin' was cold.'"
)


def test_single_quote_dialogue_with_apostrophes_everywhere() -> None:
    quotes = find_quotes(BRITISH)
    assert said(BRITISH) == [
        "Tis a fine day,",
        "I've seen the boys' books, and it's past ten o'clock.",
        "Rock 'n' roll,",
        "'cause I like 'em.",
        "Pretty well, thank you, sir",
        "I was goin' home, but the\nmornin' was cold.",
    ]
    assert all(q.style == "single" for q in quotes)
    assert [q.paragraph for q in quotes] == [0, 0, 1, 1, 3, 3]
    check_offsets(BRITISH, quotes)


def test_curly_single_quote_dialogue() -> None:
    text = (
        "\u2018\u2019Tis a fine day,\u2019 said the vicar. \u2018I\u2019ve seen the boys\u2019 "
        "books.\u2019\n\n\u2018Rock \u2019n\u2019 roll,\u2019 said Tom, \u2018\u2019cause I like "
        "\u2019em.\u2019"
    )
    assert marked(text) == [
        "\u2018\u2019Tis a fine day,\u2019",
        "\u2018I\u2019ve seen the boys\u2019 books.\u2019",
        "\u2018Rock \u2019n\u2019 roll,\u2019",
        "\u2018\u2019cause I like \u2019em.\u2019",
    ]


def test_single_quotes_in_a_double_quote_text_are_not_dialogue() -> None:
    text = (
        '"Come on," said Ron.\n\n'
        "Harry thought it was 'brilliant', though Snape called it 'rubbish'. 'I hate this,' he "
        "thought.\n\n"
        '"Fine," said Harry.'
    )
    assert said(text) == ["Come on,", "Fine,"]


def test_single_scare_quotes_and_apostrophes_without_dialogue() -> None:
    text = (
        "Harry had always thought of himself as a 'genius' at Potions, though Snape called his "
        "work 'rubbish'. The boys' dormitory was quiet. He'd read 'The Raven' twice."
    )
    assert find_quotes(text) == []


def test_twas_opening_a_paragraph_is_an_apostrophe() -> None:
    text = "'Twas the night before Christmas, and all through the house.\n\n'Hush,' said Mother."
    assert said(text) == ["Hush,"]


def test_frame_narration_in_double_marks_with_single_quoted_dialogue_inside() -> None:
    text = (
        "\u201cI went up the river that year. 'Kurtz got the tribe to follow him, did he?' I "
        "suggested. He fidgeted.\n\n"
        "\u201cWe anchored off the station. 'They adored him,' he said.\n\n"
        "\u201cThat was the end of it.\u201d\n\n"
        "He ceased, and sat apart."
    )
    quotes = find_quotes(text)
    assert [q.style for q in quotes] == ["double", "double", "double"]
    assert [q.continues for q in quotes] == [True, True, False]
    assert quote_text(text, quotes[0]).startswith("I went up the river")
    assert "'They adored him,' he said." in quote_text(text, quotes[1])


# ---------------------------------------------------------------------------------------------
# Not speech


def test_fan_fiction_paragraph_with_scare_quotes_has_no_quotes() -> None:
    text = (
        'Harry wasn\'t sure they were "friends" anymore. The so-called "hero" of the wizarding '
        'world had spent the night reading "Hogwarts: A History" and thinking about the word '
        '"family". Draco\'s "help" had been anything but, and Ron\'s idea of a "quiet evening" '
        "involved exploding snap."
    )
    assert find_quotes(text) == []


def test_titles_of_works_are_not_speech() -> None:
    text = "He read \u201cThe Raven\u201d aloud, then \u201cAnnabel Lee.\u201d Nobody clapped."
    assert find_quotes(text) == []
    assert find_quotes('She had seen "Hamlet" twice that winter.') == []


def test_quoted_heading_paragraph_is_not_speech() -> None:
    text = "CHAPTER I\n\n'HASTE TO THE WEDDING'\n\n'Edith!' said Margaret, gently, 'Edith!'"
    assert said(text) == ["Edith!", "Edith!"]


def test_mention_after_as_in_lower_case_is_not_speech() -> None:
    text = 'He had what was known in New York as "another establishment."\n\n"Indeed," she said.'
    assert said(text) == ["Indeed,"]


# ---------------------------------------------------------------------------------------------
# Dashes and guillemets


def test_em_dash_dialogue_joyce_style() -> None:
    text = (
        "\u2014Come up, Kinch! Come up, you fearful jesuit!\n\n"
        "Solemnly he came forward and mounted the round gunrest.\n\n"
        "\u2014Back to barracks! he said sternly. Will that do?\n\n"
        "\u2014Thanks, old chap, Buck Mulligan said."
    )
    quotes = find_quotes(text)
    assert marked(text) == [
        "\u2014Come up, Kinch! Come up, you fearful jesuit!",
        "\u2014Back to barracks!",
        "Will that do?",
        "\u2014Thanks, old chap,",
    ]
    assert all(q.style == "dash" and not q.continues for q in quotes)
    assert [q.paragraph for q in quotes] == [0, 2, 2, 3]


def test_double_hyphen_dialogue() -> None:
    text = "--O, Stephen will apologise.\n\nDante said:\n\n--O, if not, the eagles will come."
    assert said(text) == ["O, Stephen will apologise.", "O, if not, the eagles will come."]


def test_dash_dialogue_with_narrator_between_dashes() -> None:
    text = (
        "\u2014Hello there \u2014said John\u2014. How are you?\n\n"
        "\u2014Fine, thanks.\n\nHe left."
    )
    assert said(text) == ["Hello there", "How are you?", "Fine, thanks."]


def test_dash_led_paragraphs_in_a_quote_mark_text_are_narration() -> None:
    text = (
        '"Where were we?" she asked.\n\n"Nowhere," he said.\n\n'
        "\u2014And that was the end of it, or so they thought."
    )
    assert said(text) == ["Where were we?", "Nowhere,"]


def test_guillemets() -> None:
    text = "\u00abBonjour,\u00bb dit-il. \u00abComment \u00e7a va ?\u00bb"
    assert said(text) == ["Bonjour,", "Comment \u00e7a va ?"]
    assert all(q.style == "guillemet" for q in find_quotes(text))
    german = "\u00bbHallo\u00ab, sagte er. \u00bbWie geht es dir?\u00ab"
    assert said(german) == ["Hallo", "Wie geht es dir?"]


# ---------------------------------------------------------------------------------------------
# Edge cases and speed


def test_empty_and_quote_free_texts() -> None:
    assert find_quotes("") == []
    assert find_quotes("Nothing was said all day.\n\nNothing at all.") == []
    assert find_quotes('""') == []


def test_a_novel_sized_text_in_well_under_a_second() -> None:
    paragraph = (
        '"I don\'t know," said Elizabeth, "what you mean by the \'so-called\' rules." '
        "She looked at the boys' books on the shelf, and the so-called \"hero\" of the piece "
        "smiled.\n\n"
        "'Tis the season, thought Darcy, and he walked on for a while without a word.\n\n"
    )
    text = paragraph * (950_000 // len(paragraph))
    began = time.perf_counter()
    quotes = find_quotes(text)
    assert time.perf_counter() - began < 1.0
    assert len(quotes) == 2 * (950_000 // len(paragraph))


# ---------------------------------------------------------------------------------------------
# The bench scorer


def _load_bench() -> ModuleType:
    path = Path(__file__).resolve().parents[2] / "bench" / "quote_detection.py"
    spec = importlib.util.spec_from_file_location("quote_detection_bench", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def bench() -> ModuleType:
    return _load_bench()


def test_scorer_exact_and_overlap(bench: ModuleType) -> None:
    gold = [(0, 10), (20, 30), (40, 50)]
    pred = [(0, 10), (22, 30), (41, 60), (70, 80)]
    score = bench.score_spans(pred, gold)
    assert score["pred"] == 4 and score["gold"] == 3
    assert score["exact"]["tp"] == 1
    assert score["exact"]["precision"] == pytest.approx(1 / 4)
    assert score["exact"]["recall"] == pytest.approx(1 / 3)
    assert score["exact"]["f1"] == pytest.approx(2 * (1 / 4) * (1 / 3) / (1 / 4 + 1 / 3))
    # (22, 30) against (20, 30): IoU 0.8; (41, 60) against (40, 50): IoU 9/20 < 0.5
    assert score["overlap"]["tp"] == 2
    assert score["overlap"]["precision"] == pytest.approx(2 / 4)
    assert score["overlap"]["recall"] == pytest.approx(2 / 3)


def test_scorer_matches_one_to_one(bench: ModuleType) -> None:
    gold = [(0, 10)]
    pred = [(0, 9), (1, 10)]
    score = bench.score_spans(pred, gold)
    assert score["overlap"]["tp"] == 1
    assert score["overlap"]["precision"] == pytest.approx(0.5)
    assert score["overlap"]["recall"] == pytest.approx(1.0)


def test_scorer_strips_marks_and_whitespace_with_text(bench: ModuleType) -> None:
    text = 'He said, "Come here!" and left.'
    gold = [(text.index("C"), text.index("!") + 1)]  # content only
    pred = [(text.index('"'), text.rindex('"') + 1)]  # marks included
    assert bench.score_spans(pred, gold)["exact"]["tp"] == 0
    assert bench.score_spans(pred, gold, text)["exact"]["tp"] == 1


def test_scorer_empty_inputs(bench: ModuleType) -> None:
    score = bench.score_spans([], [])
    assert score["exact"] == {"tp": 0, "precision": 0.0, "recall": 0.0, "f1": 0.0}
    assert bench.score_spans([(0, 5)], [])["overlap"]["precision"] == 0.0


def test_combine_is_micro_averaged(bench: ModuleType) -> None:
    first = bench.score_spans([(0, 10)], [(0, 10), (20, 30)])
    second = bench.score_spans([(0, 10), (20, 30)], [(0, 10)])
    total = bench.combine([first, second])
    assert total["pred"] == 3 and total["gold"] == 3
    assert total["exact"]["tp"] == 2
    assert total["exact"]["f1"] == pytest.approx(2 / 3)
