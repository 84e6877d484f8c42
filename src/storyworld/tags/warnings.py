"""Archive warnings in AO3's exact strings, favouring recall, each with evidence.

- Major Character Death: a death in the story's present of a *major* character (named, and in
  more than one paragraph, or speaking, or followed; ``major_characters``). Each death cue
  (``cues.CUES["death_event"]``) is read for whom it is about (``dying_character``: a mention
  inside it, else the subject before it). A cue that only *states* a death ("died", "was
  murdered", "his body") counts for a major character the story shows alive (``shown_alive``:
  speaking, followed, or killed by a named character), so a remembered grandfather, a king in a
  museum or a part in a play is no warning. A cue that *shows* the dying ("her chest didn't rise
  again", "the light left his eyes", "we lost him") counts when a major character is named in
  its sentence or the ones either side. Cues already skip hyperbole, questions, past perfects and
  history or legend. A funeral or grave then adds half its weight (at most 1), and a major
  character shown alive whose status is dead, or a ``killed`` relation to a major character,
  adds 1.5; a total of 1.5 (one stated death of a character seen alive) warns. Two deaths are
  none: a pet's, where the story follows a person (``animal_characters``: "Pepper's tail", "she
  was the best dog"; in a story told by a cat every character is one), and that of someone
  who lives only inside speech (the heroine of a novel read aloud, a figure in a campfire tale).
- Graphic Depictions Of Violence: violent acts together with injury told in detail (``gore``
  and ``injury`` cues: guts, a throat opened, bones breaking, teeth knocked loose), or very
  dense violence; less violence suffices where the injury is told in much detail.
- Rape/Non-Con: sexual-violence cues.
- Underage Sex: sexual content together with an age under eighteen.
Evidence spans are the sentences holding the strongest cues. A work with none of them gets
"No Archive Warnings Apply".
"""

from __future__ import annotations

import bisect
import math
import re
from collections.abc import Iterable, Mapping, Sequence

from ..nlp.characters import KIN_NAMES
from ..nlp.emotion import sentence_spans
from ..nlp.narration import OutsideSpeech
from ..text import paragraph_spans
from ..world import Span, World
from .cues import MINOR_AGE, Hit, revived_after, score
from .model import Suggestion, evidence_of
from .vocabulary import GDOV, MCD, NO_WARNINGS, RAPE, UNDERAGE

MCD_EVENT = 1.5
MCD_STATUS = 1.5  # a major character whose status is dead, or a ``killed`` relation
MCD_REFERENCE_SHARE = 0.5
MCD_REFERENCE_CAP = 1.0
MAJOR_MENTIONS = 3
MCD_WINDOW = 1  # sentences either side of a death cue where the character may be named
SHOWN_WINDOW = 3  # ... and of a cue showing the dying in narration, where some major character is named
GDOV_VIOLENCE = 3.0
GDOV_GORE = 1.0
GDOV_DETAILED_VIOLENCE = 2.0  # less violence suffices where the injury is told in detail ...
GDOV_DETAILED_GORE = 2.5  # ... this much
GDOV_DENSE = 7.0
RAPE_SCORE = 2.0
UNDERAGE_SEX = 3.0
MAX_EVIDENCE = 5
SURE_SPEAKER = 0.9  # a line with a speech tag naming its speaker (the rules' explicit confidence)
_PRONOUN_OF_CUE = {"his": "he", "him": "he", "her": "she"}
_WORD = re.compile(r"[a-z]+")
ANIMAL_PARTS = r"tail|tails|paw|paws|fur|whiskers|snout|muzzle|hoof|hooves|beak|feathers|leash|kennel"
ANIMAL_NOUNS = (
    r"dog|dogs|puppy|pup|cat|kitten|hamster|guinea pig|rabbit|bunny|pony|horse|mare|gelding|"
    r"parrot|budgie|goldfish|tortoise|ferret|mouse|rat|hound|terrier|spaniel|retriever|collie|labrador"
)
_ANIMAL_AFTER_MENTION = re.compile(
    rf"^(?:(?:'s|\u2019s)?\s+(?:[a-z-]+\s+)?(?:{ANIMAL_PARTS})\b(?![ -](?:coat|hat|trim|lined|cloak|jacket|boots|stole|hood|collar))"
    rf"|\s+(?:was|is|had been)\s+(?:a|an|the|our|my|his|her|their)\s+(?:[a-z-]+\s+){{0,2}}?(?:{ANIMAL_NOUNS})\b)"
)
_ANIMAL_BEFORE_MENTION = re.compile(
    rf"\b(?:our|my|his|her|their|the|a)\s+(?:[a-z-]+\s+)?(?:{ANIMAL_NOUNS}),?\s+(?:called\s+|named\s+)?$"
)
_ANIMAL_WORD = re.compile(rf"\b(?:{ANIMAL_NOUNS}|vet|vets|veterinarian)\b", re.IGNORECASE)
ANIMAL_CUES = 2  # cues that make a character an animal...
ANIMAL_STORY_WORDS = 3  # ... or one, in a story whose narration names animals this often
_ITALIC = re.compile(r"(?<![*\w])\*[^*\n]+\*(?![*\w])|(?<![_\w])_[^_\n]+_(?![_\w])")
_NOT_THIRD_PERSON = frozenset({"i", "me", "my", "mine", "myself", "we", "us", "our", "ours", "you", "your", "yours"})


def archive_warnings(world: World, hits: Mapping[str, Sequence[Hit]]) -> list[Suggestion]:
    sentences = sentence_spans(world.work.text)
    found = [
        s
        for s in (_death(world, hits, sentences), _violence(hits, sentences), _rape(hits), _underage(world, hits))
        if s
    ]
    if not found:
        return [Suggestion("archive_warnings", NO_WARNINGS, 0.6)]
    return found


def _confidence(total: float, threshold: float) -> float:
    return round(1.0 - 0.45 * math.exp(-(total - threshold) / threshold), 3)


def sentence_evidence(hits: Iterable[Hit], sentences: Sequence[tuple[int, int]], limit: int = MAX_EVIDENCE) -> list[Span]:
    """The sentences holding the strongest hits (each sentence once), strongest first."""
    starts = [start for start, _ in sentences]
    chosen: list[Span] = []
    for hit in sorted(hits, key=lambda h: (-h.weight, h.start)):
        index = bisect.bisect_right(starts, hit.start) - 1
        start, end = sentences[index] if index >= 0 and hit.start < sentences[index][1] else (hit.start, hit.end)
        span = Span(start, max(end, hit.end))
        if span not in chosen:
            chosen.append(span)
        if len(chosen) >= limit:
            break
    return chosen


def major_characters(world: World) -> set[str]:
    """Ids of the characters whose death is a Major Character Death: named (a name or title
    mention) and in two paragraphs or more, or speaking, or followed; in a story of one
    paragraph, mentioned three times or more. One who passes through a single paragraph of a
    longer story (a soldier a letter mentions once) is not major."""
    paragraphs = [p.start for p in paragraph_spans(world.work.text)]
    single = len(paragraphs) <= 1
    named: set[str] = set()
    seen_in: dict[str, set[int]] = {}
    for mention in world.mentions:
        if mention.kind in ("name", "title"):
            named.add(mention.character)
        seen_in.setdefault(mention.character, set()).add(bisect.bisect_right(paragraphs, mention.start))
    speakers = {q.speaker for q in world.quotes if q.speaker}
    focal = world.narration.focal_character
    return {
        c.id
        for c in world.characters
        if c.id in named
        and (
            (len(seen_in.get(c.id, ())) >= 2 and c.name.lower() not in KIN_NAMES)
            or c.id in speakers
            or c.id == focal
            or (single and c.mentions >= MAJOR_MENTIONS)
        )
    }


def _third_person_mentions(world: World) -> list[tuple[int, int, str]]:
    """(start, end, character) of every character mention that is not I, we or you."""
    text = world.work.text
    return sorted(
        (m.start, m.end, m.character) for m in world.mentions if text[m.start : m.end].lower() not in _NOT_THIRD_PERSON
    )


def shown_alive(world: World) -> set[str]:
    """Characters the story shows alive: they speak a line (one tagged as theirs: a line
    guessed from turns or a pronoun's beat may be misread), the narration follows them, or a
    named character kills them. A death merely stated ("Grandpa Sol died in the spring", "the
    room where King Edward was murdered") counts only for them; a death shown as it happens
    ("her chest didn't rise again") counts for any major character."""
    alive = {q.speaker for q in world.quotes if q.speaker and q.confidence >= SURE_SPEAKER}
    if world.narration.focal_character:
        alive.add(world.narration.focal_character)
    alive.update(r.target for r in world.relations if r.type == "killed")
    return alive


def animal_characters(world: World, outside_speech: OutsideSpeech) -> set[str]:
    """Ids of the characters the story shows to be animals: two or more of "Pepper's tail",
    "her fur", "she was the best dog", "our dog, Pepper" (one, where the narration often names
    animals or a vet)."""
    text = world.work.text
    cues: dict[str, int] = {}
    for mention in world.mentions:
        after = text[mention.end : mention.end + 40].lower()
        before = text[max(0, mention.start - 30) : mention.start].lower()
        if _ANIMAL_AFTER_MENTION.match(after) or _ANIMAL_BEFORE_MENTION.search(before):
            cues[mention.character] = cues.get(mention.character, 0) + 1
    animal_words = sum(1 for m in _ANIMAL_WORD.finditer(text) if outside_speech(m.start()))
    needed = 1 if animal_words >= ANIMAL_STORY_WORDS else ANIMAL_CUES
    return {character for character, count in cues.items() if count >= needed}


def pets(world: World, outside_speech: OutsideSpeech) -> set[str]:
    """Animals in a story that follows someone who is no animal (see ``animal_characters``)."""
    animals = animal_characters(world, outside_speech)
    focal = world.narration.focal_character
    return set() if focal is None or focal in animals else animals


def present_in_story(world: World, outside_speech: OutsideSpeech) -> set[str]:
    """Characters who speak a line or whom the narration names (a pronoun may be misread): not
    only inside quotes or an italic title ("*The Sorrows of Lady Cordelia*")."""
    outside_italics = OutsideSpeech([Span(m.start(), m.end()) for m in _ITALIC.finditer(world.work.text)])
    present = {q.speaker for q in world.quotes if q.speaker}
    present.update(
        m.character for m in world.mentions
        if m.kind != "pronoun" and outside_speech(m.start) and outside_italics(m.start)
    )
    return present


def dying_character(
    hit: Hit,
    hit_text: str,
    mentions: Sequence[tuple[int, int, str]],
    pronouns: Mapping[str, str],
    sentences: Sequence[tuple[int, int]],
    starts: Sequence[int],
) -> str | None:
    """Whom a death cue is about: a mention inside the cue ("killed *him*", "*his* body"), else
    the nearest before it in its sentence (the subject: "Rosa slipped away"); for a cue that
    shows the dying, else the nearest after it there, else the nearest in the sentences either
    side. A cue that holds "his" or "her" is about a character of that gender ("Asha's paladin
    carried his body": not Asha)."""
    mention_starts = [m[0] for m in mentions]
    wanted = _PRONOUN_OF_CUE.get(next((w for w in _WORD.findall(hit_text.lower()) if w in _PRONOUN_OF_CUE), ""))
    if wanted is not None:
        mentions = [m for m in mentions if pronouns.get(m[2], "unknown") in (wanted, "unknown")]
        mention_starts = [m[0] for m in mentions]
    index = max(bisect.bisect_right(starts, hit.start) - 1, 0)
    low, high = sentences[index] if sentences else (0, hit.end)
    inside = [m for m in mentions[bisect.bisect_left(mention_starts, hit.start) :] if m[0] < hit.end]
    if inside:
        return inside[-1][2]
    if hit.anonymous:  # "a dead man's sword" is about no one named before it; "Tom's dead body" is Tom's
        adjacent = [m for m in mentions[: bisect.bisect_left(mention_starts, hit.start)] if hit.start - m[1] <= 3]
        return adjacent[-1][2] if adjacent else None
    before = [m for m in mentions[bisect.bisect_left(mention_starts, low) : bisect.bisect_left(mention_starts, hit.start)]]
    if before:
        return before[-1][2]
    if not hit.shown:
        return None
    after = [m for m in mentions[bisect.bisect_left(mention_starts, hit.end) :] if m[0] < high]
    if after:
        return after[0][2]
    wide_low = sentences[max(index - MCD_WINDOW, 0)][0] if sentences else 0
    wide_high = sentences[min(index + MCD_WINDOW, len(sentences) - 1)][1] if sentences else hit.end
    near = [m for m in mentions[bisect.bisect_left(mention_starts, wide_low) :] if m[0] < wide_high]
    if not near:
        return None
    return min(near, key=lambda m: min(abs(m[0] - hit.start), abs(m[0] - hit.end)))[2]


def _major_nearby(
    hit: Hit, major_starts: Sequence[int], sentences: Sequence[tuple[int, int]], starts: Sequence[int], reach: int
) -> bool:
    """A major character is named (or is "he" or "she") within ``reach`` sentences of the cue."""
    index = max(bisect.bisect_right(starts, hit.start) - 1, 0)
    low = sentences[max(index - reach, 0)][0] if sentences else 0
    high = sentences[min(index + reach, len(sentences) - 1)][1] if sentences else hit.end
    at = bisect.bisect_left(major_starts, low)
    return at < len(major_starts) and major_starts[at] < high


def major_death_cues(
    world: World,
    hits: Mapping[str, Sequence[Hit]],
    sentences: Sequence[tuple[int, int]],
    major: set[str],
    alive: set[str],
) -> list[Hit]:
    """The death cues that tell the death of one of the ``major`` characters in the story (see
    the module doc); ``alive``: the characters the story shows alive (``shown_alive``)."""
    text = world.work.text
    starts = [start for start, _ in sentences]
    mentions = _third_person_mentions(world)
    major_mentions = [m[0] for m in mentions if m[2] in major]
    pronouns = {c.id: c.pronouns for c in world.characters}
    outside_speech = OutsideSpeech(world.quotes)
    absent = {c.id for c in world.characters} - present_in_story(world, outside_speech)
    not_in_the_story = pets(world, outside_speech) | absent
    events: list[Hit] = []
    for hit in hits.get("death_event", ()):
        if hit.shown and revived_after(text, hit.end):
            continue
        who = dying_character(hit, text[hit.start : hit.end], mentions, pronouns, sentences, starts)
        if who in not_in_the_story:
            continue  # a pet, or someone who lives only in what characters say
        if hit.shown:
            reach = SHOWN_WINDOW if outside_speech(hit.start) else MCD_WINDOW  # a death told in speech is often retold
            if who in major or _major_nearby(hit, major_mentions, sentences, starts, reach):
                events.append(hit)  # the dying shown: who it is matters less than that it happens here
        elif who in major and who in alive:
            events.append(hit)
    return events


def _death(world: World, hits: Mapping[str, Sequence[Hit]], sentences: Sequence[tuple[int, int]]) -> Suggestion | None:
    major = major_characters(world)
    if not major:
        return None
    alive = shown_alive(world)
    events = major_death_cues(world, hits, sentences, major, alive)
    total = score(events)
    spans = sentence_evidence(events, sentences)
    if total <= 0:
        return None
    dead = [c for c in world.characters if c.status == "dead" and c.id in major and c.id in alive]
    killed = [r for r in world.relations if r.type == "killed" and r.target in major]
    if dead or killed:
        total += MCD_STATUS
        spans = [s for r in killed for s in r.evidence] + spans
    if total < MCD_EVENT:
        return None
    total += min(MCD_REFERENCE_SHARE * score(hits.get("death_reference", ())), MCD_REFERENCE_CAP)
    return Suggestion("archive_warnings", MCD, _confidence(total, MCD_EVENT), evidence_of(spans[:MAX_EVIDENCE]))


def _violence(hits: Mapping[str, Sequence[Hit]], sentences: Sequence[tuple[int, int]]) -> Suggestion | None:
    violence = score(hits.get("violence", ()))
    gore = score(hits.get("gore", ())) + score(hits.get("injury", ()))
    graphic = (
        (violence >= GDOV_VIOLENCE and gore >= GDOV_GORE)
        or (violence >= GDOV_DETAILED_VIOLENCE and gore >= GDOV_DETAILED_GORE)
        or violence >= GDOV_DENSE
    )
    if not graphic:
        return None
    spans = sentence_evidence([*hits.get("gore", ()), *hits.get("injury", ()), *hits.get("violence", ())], sentences)
    return Suggestion(
        "archive_warnings", GDOV, _confidence(violence + gore, GDOV_VIOLENCE + GDOV_GORE), evidence_of(spans)
    )


def _rape(hits: Mapping[str, Sequence[Hit]]) -> Suggestion | None:
    found = hits.get("sexual violence", ())
    total = score(found)
    if total < RAPE_SCORE:
        return None
    return Suggestion("archive_warnings", RAPE, _confidence(total, RAPE_SCORE), evidence_of(h.span for h in found))


def _underage(world: World, hits: Mapping[str, Sequence[Hit]]) -> Suggestion | None:
    sex = hits.get("sexual content", ())
    if score(sex) < UNDERAGE_SEX:
        return None
    ages = [Span(m.start(), m.end()) for m in MINOR_AGE.finditer(world.work.text)]
    if not ages:
        return None
    return Suggestion("archive_warnings", UNDERAGE, 0.6, evidence_of([*ages, *(h.span for h in sex)]))
