"""Quote detection: where direct speech sits in a story's text.

Pure text processing, paragraph by paragraph (``paragraph_spans``). A text is read with one
*primary* quote style, decided once for the whole text: double marks (straight ``"`` or curly
“ ”), single marks (``'`` or ‘ ’, British style, where apostrophes must be told apart from
quote marks) or guillemets (« »). A paragraph that opens with a dash (``—``, ``―``, ``--``)
is dash dialogue when the text uses that convention. Quoted strings that are not speech
(scare quotes, mentions of a word, titles of works) are dropped.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from ..text import paragraph_spans
from ..world import Span

QuoteStyle = Literal["double", "single", "dash", "guillemet"]
Role = Literal["open", "close", "either"]


@dataclass(frozen=True)
class QuoteSpan:
    """One contiguous quoted segment; offsets are character offsets into the text.

    Dash dialogue has no closing mark: its segments end before the narrator's words or at the
    paragraph end, and a segment resumed after an attribution (``he said. Will that do?``) has
    no opening mark either (``start == content_start``).
    """

    start: int  # offset of the opening mark
    end: int  # just after the closing mark, or the paragraph end when the quote runs on
    content_start: int  # first character inside the marks
    content_end: int  # just after the last character inside the marks
    paragraph: int  # index into paragraph_spans(text)
    continues: bool  # the speech runs on into the next paragraph
    style: QuoteStyle


def quote_text(text: str, quote: QuoteSpan) -> str:
    """What is said: the quote's content, without its marks."""
    return text[quote.content_start : quote.content_end]


def find_quotes(text: str) -> list[QuoteSpan]:
    """Every segment of direct speech in ``text``, in text order."""
    paragraphs = paragraph_spans(text)
    primary = _primary_style(text, paragraphs)
    dash_dialogue = _uses_dash_dialogue(text, paragraphs)
    segments: list[_Segment] = []
    for index, paragraph in enumerate(paragraphs):
        if dash_dialogue and _DASH_OPENING.match(text, paragraph.start, paragraph.end):
            segments.extend(_dash_segments(text, paragraph, index))
        else:
            segments.extend(_marked_segments(text, paragraph, index, primary))
    _link_continuations(paragraphs, segments)
    quotes: list[QuoteSpan] = []
    previous: _Segment | None = None  # the last segment kept as speech
    for segment in segments:
        follows_speech = previous is not None and _interrupted_by_attribution(
            text, previous, segment
        )
        if (
            segment.continues
            or segment.continued
            or _is_speech(text, paragraphs, segment, follows_speech)
        ):
            quotes.append(segment.to_quote())
            previous = segment
    return quotes


_ATTRIBUTION_MAX_WORDS = 8
_SENTENCE_END = re.compile(r"[.!?]")


def _interrupted_by_attribution(text: str, previous: _Segment, segment: _Segment) -> bool:
    """Speech resumed after a short attribution: ``"We always seem" she hesitated "to be"``."""
    if previous.paragraph != segment.paragraph or not previous.closed:
        return False
    between = _ABBREVIATION.sub(r"\1", text[previous.end : segment.start])
    content = text[segment.content_start : segment.content_end].lstrip()
    return (
        content[:1].islower()
        and len(between.split()) <= _ATTRIBUTION_MAX_WORDS
        and not _SENTENCE_END.search(between)
    )


# ---------------------------------------------------------------------------------------------
# Marks and the text's primary style

_DOUBLE_MARKS = '"\u201c\u201d\u201e'
_SINGLE_MARKS = "'\u2018\u2019"
_GUILLEMETS = "\u00ab\u00bb"
_CURLY_OPENERS = "\u201c\u201e\u2018\u00ab"
_CURLY_CLOSERS = "\u201d\u2019\u00bb"
_MARK_PATTERNS = {
    "double": re.compile('["\u201c\u201d\u201e]'),
    "single": re.compile("['\u2018\u2019]"),
    "guillemet": re.compile("[\u00ab\u00bb]"),
}
_DASH_OPENING = re.compile(r"(?:\u2014|\u2015|--)[ \t]*(?=[A-Z\u00c0-\u00de\u00a1\u00bf\"'])")
_QUOTE_MARKS = _DOUBLE_MARKS + _SINGLE_MARKS
_OPENING_CONTEXT = set(" \t\n\r([{<\u2014\u2013\u2015-/*_~\u00a0") | set(_QUOTE_MARKS)
_CLOSING_CONTEXT = set(" \t\n\r)]}>.,;:!?\u2014\u2013\u2015-/*_~\u2026\u00a0") | set(_QUOTE_MARKS)
_NEVER_OPENED = set(".,;:!?)]}")  # what cannot follow an opening mark
_STRONG_CLOSER_BEFORE = set(".,;:!?\u2014\u2013\u2015-\u2026*_)")
# Words that begin with an apostrophe: an opening single mark before them is no quote.
_APOSTROPHE_WORDS = re.compile(
    r"(?:tis|twas|twere|twill|twould|twixt|tween|em|cause|cos|coz|cuz|n|til|bout|round|"
    r"fore|neath|nuff|sup|s|d|ll|re|ve|m|t|un|uns|e|er|im|ave|ad|ere|ow|ome|alf|ead|"
    r"ello|appen|orse|ouse|eart|igh|ope|mongst|midst|gainst|pon|prentice|spect|kay|scuse|"
    r"fraid|member|nother|ceptin|course)\b"
    r"|\d"
)
_APOSTROPHE_WORDS_ANY_CASE = re.compile(_APOSTROPHE_WORDS.pattern, re.IGNORECASE)
# Text-level evidence that single marks open dialogue: a single mark at a word start.
_SINGLE_OPENER_EVIDENCE = re.compile(r"(?:^|(?<=[\s(\u2014]))(?:\u2018|')(?=[A-Z])", re.MULTILINE)
_DOUBLE_OPENER_EVIDENCE = re.compile(r"(?:^|(?<=[\s(\u2014]))[\u201c\u201e\"](?=\S)", re.MULTILINE)
_GUILLEMET_EVIDENCE = re.compile("[\u00ab\u00bb]")
_MIN_OPENING_PARAGRAPHS = 3


def _primary_style(text: str, paragraphs: list[Span]) -> QuoteStyle:
    """The mark that opens dialogue in this text: double, single or guillemet.

    Dialogue paragraphs open with the primary mark, so the marks that open paragraphs decide
    (a frame story in double marks with single-quoted dialogue inside is a double-mark text);
    without enough of them, the marks that open words anywhere do.
    """
    opening = {"double": 0, "single": 0, "guillemet": 0}
    for paragraph in paragraphs:
        style = _opening_style(text, paragraph)
        if style is not None:
            opening[style] += 1
    if sum(opening.values()) >= _MIN_OPENING_PARAGRAPHS:
        return max(("double", "single", "guillemet"), key=lambda style: opening[style])
    doubles = len(_DOUBLE_OPENER_EVIDENCE.findall(text))
    singles = len(_SINGLE_OPENER_EVIDENCE.findall(text))
    guillemets = len(_GUILLEMET_EVIDENCE.findall(text)) // 2
    if guillemets > max(doubles, singles):
        return "guillemet"
    if singles > doubles:
        return "single"
    return "double"


def _opening_style(text: str, paragraph: Span) -> QuoteStyle | None:
    """The style of the quote mark that opens a paragraph, if one does."""
    first = text[paragraph.start]
    if first in _DOUBLE_MARKS:
        return "double"
    if first in _GUILLEMETS:
        return "guillemet"
    if first in _SINGLE_MARKS and _SINGLE_OPENER_EVIDENCE.match(text, paragraph.start):
        return "single"
    return None


def _uses_dash_dialogue(text: str, paragraphs: list[Span]) -> bool:
    """Dash dialogue is on when dash-led paragraphs rival those that open with a quote mark."""
    dashed = 0
    marked = 0
    for paragraph in paragraphs:
        if _DASH_OPENING.match(text, paragraph.start, paragraph.end):
            dashed += 1
        elif text[paragraph.start] in _QUOTE_MARKS + _GUILLEMETS:
            marked += 1
    return dashed >= 1 and dashed >= marked


# ---------------------------------------------------------------------------------------------
# Segments


@dataclass
class _Segment:
    start: int
    end: int
    content_start: int
    content_end: int
    paragraph: int
    style: QuoteStyle
    closed: bool
    continues: bool = False
    continued: bool = False  # the segment carries on speech from the previous paragraph

    def to_quote(self) -> QuoteSpan:
        return QuoteSpan(
            start=self.start,
            end=self.end,
            content_start=self.content_start,
            content_end=self.content_end,
            paragraph=self.paragraph,
            continues=self.continues,
            style=self.style,
        )


@dataclass(frozen=True)
class _Mark:
    position: int
    role: Role
    # How surely a closing mark closes: 2 after punctuation ("it.'"), 1 before punctuation
    # ("rubbish'." but also "mornin';"), 0 between a letter and a space ("the boys' books").
    level: int


def _marked_segments(
    text: str, paragraph: Span, index: int, primary: QuoteStyle
) -> list[_Segment]:
    style = _paragraph_style(text, paragraph, primary)
    marks = list(_marks(text, paragraph, style))
    return _pair_marks(text, paragraph, index, style, marks)


def _paragraph_style(text: str, paragraph: Span, primary: QuoteStyle) -> QuoteStyle:
    """The primary style, or double marks in a single-mark text's paragraph that has no single."""
    if primary != "single":
        return primary
    body = text[paragraph.start : paragraph.end]
    if _DOUBLE_OPENER_EVIDENCE.search(body) and not _SINGLE_OPENER_EVIDENCE.search(body):
        return "double"
    return "single"


def _marks(text: str, paragraph: Span, style: QuoteStyle) -> Iterator[_Mark]:
    pattern = _MARK_PATTERNS[style]
    for match in pattern.finditer(text, paragraph.start, paragraph.end):
        mark = _classify(text, paragraph, match.start(), style)
        if mark is not None:
            yield mark


def _classify(text: str, paragraph: Span, position: int, style: QuoteStyle) -> _Mark | None:
    """The role a mark can play here, from its glyph and its neighbours; None for apostrophes."""
    before = text[position - 1] if position > paragraph.start else " "
    after = text[position + 1] if position + 1 < paragraph.end else " "
    char = text[position]
    opener_like = before in _OPENING_CONTEXT and not after.isspace() and after not in _NEVER_OPENED
    closer_like = after in _CLOSING_CONTEXT and not before.isspace()
    if before in _STRONG_CLOSER_BEFORE or before in _QUOTE_MARKS:
        level = 2
    elif after in _NEVER_OPENED:
        level = 1
    else:
        level = 0
    if style == "single":
        if before.isalnum() and after.isalnum():
            return None  # don't, o'clock, Ma'am
        if opener_like and not closer_like:
            if _APOSTROPHE_WORDS.match(text, position + 1) and (
                char != "\u2018" or text[position + 1].islower() or text[position + 1].isdigit()
            ):
                return None  # 'tis, 'em, rock 'n' roll, '90s
            if char == "\u2019" and (text[position + 1].islower() or text[position + 1].isdigit()):
                return None  # ’cause
            return _Mark(position, "open", 0)
        if closer_like and not opener_like:
            if char == "\u2018":
                return None
            return _Mark(position, "close", level)
        if opener_like and closer_like:
            return _Mark(position, "either", level)
        return None
    if char in _CURLY_OPENERS:
        role: Role = "close" if closer_like and not opener_like else "open"
    elif char in _CURLY_CLOSERS:
        role = "open" if opener_like and not closer_like else "close"
    elif opener_like and not closer_like:
        role = "open"
    elif closer_like and not opener_like:
        role = "close"
    else:
        role = "either"
    return _Mark(position, role, level)


@dataclass(frozen=True)
class _Lookahead:
    """What lies after each mark of a paragraph, computed once in a backward pass."""

    balance: list[int]  # closing minus opening marks after mark i
    closer_after: list[bool]  # some closing (or either) mark after mark i
    surest_before_opener: list[int]  # highest closer level after mark i, before the next opener

    @classmethod
    def of(cls, marks: list[_Mark]) -> _Lookahead:
        count = len(marks)
        balance = [0] * count
        closer_after = [False] * count
        surest = [-1] * count
        running_balance, running_closer, running_surest = 0, False, -1
        for number in range(count - 1, -1, -1):
            balance[number] = running_balance
            closer_after[number] = running_closer
            surest[number] = running_surest
            mark = marks[number]
            if mark.role == "open":
                running_balance -= 1
                running_surest = -1
            else:
                running_balance += 1
                running_closer = True
                running_surest = max(running_surest, mark.level)
        return cls(balance, closer_after, surest)


def _pair_marks(
    text: str, paragraph: Span, index: int, style: QuoteStyle, marks: list[_Mark]
) -> list[_Segment]:
    """Walk the marks as a small state machine: closed, or open since some mark."""
    ahead = _Lookahead.of(marks)
    segments: list[_Segment] = []
    opened: _Mark | None = None
    nested = 0  # quotes open inside the open quote ("But you said "to-morrow". ...")
    for number, mark in enumerate(marks):
        if opened is None:
            if mark.role == "close":
                continue  # a stray closing mark (or a possessive apostrophe)
            if style == "single" and not _single_opener_plausible(
                text, paragraph, mark, ahead.closer_after[number]
            ):
                continue
            opened = mark
            continue
        if mark.role == "open":
            if style == "single":
                continue  # an apostrophe word or a nested quote: the quote stays open
            if ahead.balance[number] > nested + 1:
                nested += 1  # enough closing marks follow for this one and the outer quote
                continue
            segments.append(_segment(text, index, style, opened.position, mark.position, False))
            opened = mark
            continue
        if nested:
            nested -= 1
            continue
        if style == "single" and ahead.surest_before_opener[number] > mark.level:
            continue  # the boys' books, goin' home: a surer mark closes the quote later
        segments.append(_segment(text, index, style, opened.position, mark.position, True))
        opened = None
    if opened is not None:
        segments.append(_segment(text, index, style, opened.position, paragraph.end, False))
    return [segment for segment in segments if segment.content_end > segment.content_start]


def _single_opener_plausible(
    text: str, paragraph: Span, mark: _Mark, closed_later: bool
) -> bool:
    """Whether a single mark opens a quote rather than an apostrophe word ('Twas, 'em)."""
    if _APOSTROPHE_WORDS_ANY_CASE.match(text, mark.position + 1) and not closed_later:
        return False  # 'Twas the night before Christmas
    if mark.position == paragraph.start:
        return True
    following = text[mark.position + 1 : mark.position + 2]
    return closed_later or not following.islower()


def _segment(
    text: str, index: int, style: QuoteStyle, open_at: int, close_at: int, closed: bool
) -> _Segment:
    content_start = open_at + 1
    if closed:
        return _Segment(open_at, close_at + 1, content_start, close_at, index, style, True)
    end = close_at
    while end > content_start and text[end - 1].isspace():
        end -= 1
    return _Segment(open_at, end, content_start, end, index, style, False)


# ---------------------------------------------------------------------------------------------
# Speech verbs, for attributions ("she said") next to quotes and inside dash dialogue

_SPEECH_VERBS = (
    "said|says|say|saying|asked|asks|ask|asking|cried|cries|crying|replied|replies|replying|"
    "answered|answers|answering|shouted|shouts|shouting|whispered|whispers|whispering|"
    "muttered|mutters|muttering|murmured|murmurs|murmuring|exclaimed|exclaims|exclaiming|"
    "added|adds|adding|continued|continues|returned|repeated|repeats|repeating|began|begins|"
    "observed|remarked|rejoined|retorted|demanded|demands|inquired|enquired|responded|"
    "screamed|screams|screaming|yelled|yells|yelling|snapped|snaps|growled|growls|hissed|"
    "hisses|sighed|sighs|sighing|laughed|laughs|laughing|groaned|breathed|stammered|"
    "stammering|stuttered|protested|protesting|insisted|suggested|declared|explained|"
    "interrupted|pleaded|begged|begging|called|calls|calling|roared|bellowed|mumbled|"
    "mumbling|grumbled|sobbed|sobbing|gasped|gasping|admitted|agreed|announced|announcing|"
    "ordered|commanded|warned|joked|teased|drawled|chuckled|giggled|snarled|sneered|"
    "shrieked|wailed|moaned|whined|barked|purred|urged|offered|corrected|echoed|concluded|"
    "persisted|ventured|resumed|went on|put in|broke in|told|tells|thought|thinks|thinking|"
    "wondered|intoned|chanted|sang|sings|singing|hummed|humming|uttered|uttering|quoth|"
    "called out|cut in|spoke|speaks|nodded|smiled|grinned|shrugged|whimpered|wept"
)
_SPEECH_VERB = re.compile(rf"\b(?:{_SPEECH_VERBS})\b", re.IGNORECASE)

# ---------------------------------------------------------------------------------------------
# Dash dialogue

_PRONOUN = r"(?:he|she|they|I|we|you|it)"
_NAME = r"(?:(?:[A-Z][\w'.\u2019-]*|the|a|an|his|her|their|my|old|young|little)\s+){0,3}?"
# Joyce's "—Back to barracks! he said sternly.": the speech ends at the punctuation.
_INLINE_ATTRIBUTION = re.compile(
    rf"(?<=[,!?.\u2026])\s+(?:{_PRONOUN}|{_NAME}[A-Z][\w'.\u2019-]*)\s+(?:{_SPEECH_VERBS})\b"
    rf"|(?<=[,!?.\u2026])\s+(?:{_SPEECH_VERBS})\s+(?:{_PRONOUN}|{_NAME}[A-Z]\w*)\b"
)
# Spanish-style "—Hello —said John—. How are you?": a dash before the narrator's words.
_DASH_INTERRUPTION = re.compile(r"\s(?:\u2014|\u2015|--)\s*(?=[a-z])")
# "he said sternly. Will that do?": the speech resumes after the attribution's clause.
_ATTRIBUTION_END = re.compile(r"[,.;:!?\u2026]+\s*(?=\S)")
_DASH_RESUME = re.compile(r"(?:\u2014|\u2015|--)[\s.,;:]*(?=\S)")


def _dash_segments(text: str, paragraph: Span, index: int) -> list[_Segment]:
    """Speech in a dash-led paragraph, cut around the narrator's words."""
    opening = _DASH_OPENING.match(text, paragraph.start, paragraph.end)
    assert opening is not None
    segments: list[_Segment] = []
    start = paragraph.start
    content_start = opening.end()
    while content_start < paragraph.end:
        interruption = _DASH_INTERRUPTION.search(text, content_start, paragraph.end)
        attribution = _INLINE_ATTRIBUTION.search(text, content_start, paragraph.end)
        if attribution and (interruption is None or attribution.start() < interruption.start()):
            content_end = attribution.start()
            resume = _ATTRIBUTION_END.search(text, attribution.end(), paragraph.end)
        elif interruption:
            content_end = interruption.start()
            resume = _DASH_RESUME.search(text, interruption.end(), paragraph.end)
        else:
            content_end = paragraph.end
            resume = None
        segments.append(
            _Segment(start, content_end, content_start, content_end, index, "dash", False)
        )
        if resume is None:
            break
        start = content_start = resume.end()
    return [segment for segment in segments if segment.content_end > segment.content_start]


# ---------------------------------------------------------------------------------------------
# Speech running over paragraphs


def _link_continuations(paragraphs: list[Span], segments: list[_Segment]) -> None:
    """Mark unclosed segments whose next paragraph reopens the speech."""
    first_in_paragraph: dict[int, _Segment] = {}
    for segment in segments:
        first_in_paragraph.setdefault(segment.paragraph, segment)
    for segment in segments:
        if segment.closed or segment.style == "dash":
            continue
        if segment.end != paragraphs[segment.paragraph].end:
            continue
        following = first_in_paragraph.get(segment.paragraph + 1)
        if following is None or following.style == "dash":
            continue
        if following.start == paragraphs[segment.paragraph + 1].start:
            segment.continues = True
            following.continued = True


# ---------------------------------------------------------------------------------------------
# Speech or not: scare quotes, mentions, titles

_TERMINAL_PUNCTUATION = set(".,!?;:\u2014\u2013\u2015-\u2026")
_EXCLAMATION = set("!?")
_TRAILING_WRAPPERS = "\"'\u201c\u201d\u2018\u2019)]_* \t\n"
_CLAUSE_BEFORE = set(",;([")
_MENTION_CUES = frozenset(
    "a an the so-called called call calls named name term terms word words phrase expression "
    "his her their its my your our this that these those some any no mere such own of "
    "titled entitled labelled labeled marked signed spelled spelt "
    "sign signs headline motto slogan nickname read reads "
    "dubbed famous infamous proverbial supposed alleged".split()
)
_WRITTEN_THINGS = frozenset(
    "sign signs signboard placard label inscription headline headlines banner plaque poster "
    "notice card cards plate board billboard caption heading legend".split()
)
_WRITTEN_VERBS = frozenset(
    "read reads reading said says saying ran runs proclaimed bore bearing".split()
)
_SIGN_WINDOW_WORDS = 5
_SMALL_TITLE_WORDS = frozenset("a an and the of in on at to for or by with from de la le".split())
_WORD = re.compile(r"[\w'\u2019-]+")
_EMBEDDED_MAX_WORDS = 4
_SENTENCE_MIN_WORDS = 3
_HEADING_MIN_LETTERS = 6
_CLAUSE_MAX_WORDS = 3
_TITLE_MAX_WORDS = 8
_VERB_WINDOW_WORDS = 4
_VERB_WINDOW_CHARS = 60
_ABBREVIATION = re.compile(
    r"\b(Mr|Mrs|Ms|Messrs|Dr|St|Mme|Mlle|Capt|Col|Gen|Lt|Sgt|Prof|Rev|Hon|Sr|Jr)\.", re.IGNORECASE
)
_CLAUSE_BREAK = re.compile(r"[.!?;\"\u201c\u201d\u00ab\u00bb\n]")


def _is_speech(
    text: str, paragraphs: list[Span], segment: _Segment, follows_speech: bool = False
) -> bool:
    """Whether a quoted segment is speech rather than a scare quote, a mention or a title.

    ``follows_speech``: speech closed just before, across a short attribution, so a short quote
    here may be the rest of an interrupted sentence (``"It's not that" he tried "it's all."``).
    """
    if segment.style == "dash":
        return True
    paragraph = paragraphs[segment.paragraph]
    content = text[segment.content_start : segment.content_end].strip()
    words = _WORD.findall(content)
    if not words:
        return False
    if segment.start == paragraph.start:
        return not _is_heading(text, paragraph, segment, content)
    context, before = _context_before(text, paragraph, segment.start)
    last = content.rstrip(_TRAILING_WRAPPERS)[-1:]
    exclaimed = last in _EXCLAMATION
    punctuated = last in _TERMINAL_PUNCTUATION
    if context == "word" and before.lower() in _MENTION_CUES and not exclaimed:
        return False  # the so-called "hero", the word "advertise"
    if _read_off_a_sign(text, paragraph, segment):
        return False  # the sign read: "Mme. Sofronie. Hair Goods of All Kinds."
    if _speech_verb_near(text, paragraph, segment, context) or exclaimed:
        return True
    title = _looks_like_title(words) and len(words) <= _TITLE_MAX_WORDS
    if follows_speech:
        return not title
    if context == "word":
        if len(words) <= _EMBEDDED_MAX_WORDS:
            return _sentence_like(content, words, punctuated)  # "It's all a mistake,"
        return not title
    if context == "clause":
        return punctuated or len(words) > _CLAUSE_MAX_WORDS
    return True


def _sentence_like(content: str, words: list[str], punctuated: bool) -> bool:
    """A short quote that reads as a spoken sentence rather than a term or a name."""
    return (
        punctuated
        and len(words) >= _SENTENCE_MIN_WORDS
        and content[:1].isupper()
        and not _looks_like_title(words)
    )


_SPEAKER = (
    r"(?:he|she|they|I|we|you|it|[A-Z][\w'\u2019-]*(?:\s+[A-Z][\w'\u2019-]*){0,2}"
    r"|(?:the|his|her|their|my|a|an|our|your)\s+(?:\w+\s+){0,2}?\w+)"
)
# "No," he said / said Harry / the boy cried softly / Harry quietly said
_ATTRIBUTION_AFTER = re.compile(
    rf"[\s,;:\u2014\u2013-]*(?:{_SPEAKER}\s+)?(?:\w+ly\s+)?(?:{_SPEECH_VERBS})\b"
)
_FILLERS = (
    r"to|him|her|me|us|them|herself|himself|myself|themselves|itself|aloud|out|again|only|"
    r"merely|simply|then|suddenly|just|once|back|at|last|in|a|low|voice|tone"
)
# said, "No" / Harry asked: "No" / said Mr. Wilcox thoughtfully--"perhaps."
_ATTRIBUTION_BEFORE = re.compile(
    rf"\b(?:{_SPEECH_VERBS})\b(?:\s+(?:he|she|they|I|we|you|it|[A-Z][\w'\u2019-]*|\w+ly|"
    rf"{_FILLERS}))*\s*[,:;]?[\s\u2014\u2013-]*$"
)
_FILLER_AFTER_VERB = frozenset(
    "to him her me us them herself himself myself themselves itself aloud softly quietly "
    "loudly out again only merely simply then suddenly just once twice back".split()
)


def _speech_verb_just_before(text: str, paragraph: Span, position: int) -> bool:
    """``said "no"``, ``saying to herself "This is Bill,"``: a verb, perhaps a filler or two."""
    before = text[max(paragraph.start, position - _VERB_WINDOW_CHARS) : position]
    words = _WORD.findall(before)[-_VERB_WINDOW_WORDS:]
    for word in reversed(words):
        if _SPEECH_VERB.fullmatch(word):
            return True
        if word.lower() not in _FILLER_AFTER_VERB:
            return False
    return False


def _read_off_a_sign(text: str, paragraph: Span, segment: _Segment) -> bool:
    """Written words read off a thing: a sign, a card, a label, an inscription."""
    before = text[max(paragraph.start, segment.start - _VERB_WINDOW_CHARS) : segment.start]
    clause = _CLAUSE_BREAK.split(_ABBREVIATION.sub(r"\1", before))[-1]
    words = [word.lower() for word in _WORD.findall(clause)[-_SIGN_WINDOW_WORDS:]]
    return any(word in _WRITTEN_THINGS for word in words) and any(
        word in _WRITTEN_VERBS for word in words
    )


def _is_heading(text: str, paragraph: Span, segment: _Segment, content: str) -> bool:
    """A paragraph that is nothing but a quoted capitalised phrase: 'HASTE TO THE WEDDING'."""
    if segment.end < paragraph.end or any(char.islower() for char in content):
        return False
    letters = sum(char.isalpha() for char in content)
    return (
        len(content.split()) >= 2
        and letters >= _HEADING_MIN_LETTERS
        and content[-1:] not in _TERMINAL_PUNCTUATION
    )


def _context_before(text: str, paragraph: Span, position: int) -> tuple[str, str]:
    """What precedes an opening mark: "start", "sentence", "clause" or "word" (and the word)."""
    cursor = position
    while cursor > paragraph.start and text[cursor - 1].isspace():
        cursor -= 1
    if cursor == paragraph.start:
        return "start", ""
    previous = text[cursor - 1]
    if previous.isalnum():
        stop = cursor
        while cursor > paragraph.start and (text[cursor - 1].isalnum() or text[cursor - 1] in "-'"):
            cursor -= 1
        return "word", text[cursor:stop].strip("-'")
    if previous in _CLAUSE_BEFORE:
        return "clause", ""
    return "sentence", ""


def _looks_like_title(words: list[str]) -> bool:
    significant = [word for word in words if word.lower() not in _SMALL_TITLE_WORDS]
    return bool(significant) and all(word[:1].isupper() for word in significant) and (
        words[0][:1].isupper()
    )


def _speech_verb_near(text: str, paragraph: Span, segment: _Segment, context: str) -> bool:
    """An attribution right after the closing mark, or right before the opening mark.

    After: ``"No," he said``, ``"No," said Harry``, ``"No," the boy cried``. Before: ``said
    "no"``, ``saying to herself "This is Bill,"``, ``said Mr. Wilcox thoughtfully--"perhaps."``.
    """
    after = text[segment.end : min(paragraph.end, segment.end + _VERB_WINDOW_CHARS)]
    if _ATTRIBUTION_AFTER.match(_ABBREVIATION.sub(r"\1", after)):
        return True
    if context == "word":
        return _speech_verb_just_before(text, paragraph, segment.start)
    before = text[max(paragraph.start, segment.start - _VERB_WINDOW_CHARS) : segment.start]
    return bool(_ATTRIBUTION_BEFORE.search(_ABBREVIATION.sub(r"\1", before)))
