"""Paragraph layout: hard-wrapped novels, one-paragraph-per-line fan fiction, CRLF text."""

from storyworld.text import paragraph_spans


def paragraphs(text: str) -> list[str]:
    return [text[s.start : s.end] for s in paragraph_spans(text)]


def test_hard_wrapped_long_paragraphs_stay_whole() -> None:
    wrapped = "\n".join(f"line {i} of a long paragraph that wraps" for i in range(14))
    text = wrapped + ".\n\n" + wrapped + "."
    assert len(paragraphs(text)) == 2


def test_one_paragraph_per_line_with_a_rare_blank_line() -> None:
    lines = [f'"Line {i}," she said.' for i in range(12)]
    text = "\n".join(lines[:6]) + "\n\n" + "\n".join(lines[6:])
    assert len(paragraphs(text)) == 12


def test_crlf_blank_lines_separate_paragraphs() -> None:
    text = "First paragraph that\r\nwraps here.\r\n\r\nSecond paragraph.\r\n"
    assert paragraphs(text) == ["First paragraph that\r\nwraps here.", "Second paragraph."]


def test_blank_line_separated_lines_keep_their_wraps() -> None:
    text = "'Pretty well,' said Oliver. 'I was going home, but the\nmorning was cold.'\n\nHe left."
    assert len(paragraphs(text)) == 2
