"""Narrator stage: find the name a first-person narrator goes by.

Requires: quote spans with their attributions, name mentions by cast index, and the index of
the narrator ("I") in the cast.
Assigns: the cast index of the name that is the narrator's own, or None.

Evidence, strongest first: the narrator names themself ("My name is Anna", "call me Ishmael");
another character addresses the narrator by name ("You must be Anna," he said, and "I" answers;
"Anna, come here"). A name that the narration itself uses for someone, or whose bearer speaks
a line of their own, is someone else.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

SELF_NAMING = re.compile(r"\b(?:[Mm]y name(?: is|'s|\u2019s)|I am|I'm|I\u2019m|[Cc]all me)\s+$")
# In the narration of a second-person story: "You are Spock, son of Sarek".
SECOND_PERSON_NAMING = re.compile(r"\b(?:[Yy]our name(?: is|'s|\u2019s)|[Yy]ou are|[Yy]ou're|[Yy]ou\u2019re)\s+$")
ADDRESS_BEFORE = re.compile(r"(?:\b(?:be|you're|you\u2019re|you are|aren't you|Miss|Mister)\s+|[,\"\u201c']\s*|^\s*)$")
ADDRESS_AFTER = re.compile(r"^\s*[,.!?\"\u201d']")
SELF_NAMING_SCORE = 3
ADDRESS_SCORE = 2
UNANSWERED_ADDRESS_SCORE = 1
MIN_LINES_OF_ANOTHER = 2  # one line given to a name may be a misattribution; two are not...
SPEAKER_ADDRESS_SCORE = ADDRESS_SCORE  # ...unless the name is never in narration and is
# said to the narrator again and again: then its lines were the narrator's, misattributed
REPLY_WINDOW = 2  # quotes after the one that names the narrator within which "I" must answer


@dataclass(frozen=True)
class SpokenSpan:
    """A quoted segment and who says it and to whom (cast indices)."""

    start: int
    end: int
    speaker: int | None
    addressee: int | None


@dataclass(frozen=True)
class NameSpan:
    start: int
    end: int
    cast_index: int
    self_named: bool = False


def narrator_name_index(
    text: str, spoken: Sequence[SpokenSpan], names: Sequence[NameSpan], narrator: int
) -> int | None:
    """The cast index of the narrator's own name, if the story gives one."""
    ordered = sorted(spoken, key=lambda s: s.start)
    starts = [s.start for s in ordered]
    names = [
        NameSpan(n.start, n.end, n.cast_index, _self_named(text, n, ordered, starts))
        for n in names
    ]
    in_narration, speakers = _names_used_by_narration_or_speaking(ordered, starts, names)
    scores: Counter[int] = Counter()
    for name in names:
        if name.cast_index in in_narration or name.cast_index == narrator:
            continue
        position = _quote_containing(ordered, starts, name.start)
        if position is None:
            if name.self_named:
                scores[name.cast_index] += SELF_NAMING_SCORE
            continue
        score = _score_in_speech(text, ordered, position, name, narrator)
        if not score and ordered[position].speaker == narrator and name.cast_index not in speakers:
            score = _misread_address(text, ordered[position], name)
        scores[name.cast_index] += score
    for index in speakers:  # lines given to a name only ever said to "me" are mine, misread
        if scores[index] < SPEAKER_ADDRESS_SCORE:
            scores.pop(index, None)
    if not scores:
        return None
    best, score = scores.most_common(1)[0]
    return best if score >= ADDRESS_SCORE else None


def _self_named(text: str, name: NameSpan, ordered: Sequence[SpokenSpan], starts: Sequence[int]) -> bool:
    before = text[max(0, name.start - 20) : name.start]
    if SELF_NAMING.search(before):
        return True
    outside = _quote_containing(ordered, starts, name.start) is None
    return outside and SECOND_PERSON_NAMING.search(before) is not None


def _names_used_by_narration_or_speaking(
    ordered: Sequence[SpokenSpan], starts: Sequence[int], names: Sequence[NameSpan]
) -> tuple[set[int], set[int]]:
    """Names the narration uses, and names with lines of their own (never in narration)."""
    lines = Counter(s.speaker for s in ordered if s.speaker is not None)
    speakers = {speaker for speaker, count in lines.items() if count >= MIN_LINES_OF_ANOTHER}
    in_narration = {
        n.cast_index
        for n in names
        if _quote_containing(ordered, starts, n.start) is None and not n.self_named
    }
    return in_narration, speakers - in_narration


def _score_in_speech(
    text: str, ordered: Sequence[SpokenSpan], position: int, name: NameSpan, narrator: int
) -> int:
    quote = ordered[position]
    before = text[quote.start : name.start]
    if quote.speaker == narrator:
        return SELF_NAMING_SCORE if SELF_NAMING.search(before) else 0
    if not (ADDRESS_BEFORE.search(before[-20:]) and ADDRESS_AFTER.match(text[name.end : quote.end])):
        return 0
    answered = any(
        s.speaker == narrator for s in ordered[position + 1 : position + 1 + REPLY_WINDOW]
    )
    return ADDRESS_SCORE if answered or quote.addressee == narrator else UNANSWERED_ADDRESS_SCORE


def _misread_address(text: str, quote: SpokenSpan, name: NameSpan) -> int:
    """``"Go away, Varric."`` given to the narrator: a name never in narration, with no line of
    its own (one may be misread), addressed in a line read as the narrator's; the line was more likely said to them."""
    before = text[quote.start : name.start]
    if SELF_NAMING.search(before):
        return 0
    if ADDRESS_BEFORE.search(before[-20:]) and ADDRESS_AFTER.match(text[name.end : quote.end]):
        return UNANSWERED_ADDRESS_SCORE
    return 0


def _quote_containing(
    ordered: Sequence[SpokenSpan], starts: Sequence[int], offset: int
) -> int | None:
    index = bisect.bisect_right(starts, offset) - 1
    if index >= 0 and offset < ordered[index].end:
        return index
    return None
