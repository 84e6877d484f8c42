"""Cue phrases: what in the text points at death, violence, sex, drugs and the rest.

Each cue is a regular expression with a weight. A match does not count when it sits inside an
idiom ("dead tired", "I'd kill for pizza", "shot her a grin") or after a negation or a
hypothetical in the same clause ("didn't die", "nearly died", "if you die").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from ..world import Span

# Idioms masked out before any cue is looked for.
IDIOMS = (
    r"dead\s+(?:tired|serious|set|silent|centre|center|on|ahead|end|of\s+(?:night|winter))",
    r"deadlines?",
    r"(?:die|died|dying)\s+(?:of|from)\s+(?:embarrassment|laughter|boredom|shame)",
    r"died\s+laughing|dying\s+to\b|to\s+die\s+for",
    r"(?:bored|scared|frightened|worried|tickled|loved)\s+to\s+death",
    r"catch\s+(?:your|his|her|my|their)\s+death",
    r"(?:the|be\s+the)\s+death\s+of\s+me",
    r"(?:kill|killed|killing)\s+(?:for|time|it|the\s+(?:mood|lights?|engine))",
    r"(?:murder|murderer|murders)\s+(?:mystery|mysteries|show|book|podcast)",
    r"who\s+the\s+murderer\s+is|worked\s+out\s+who",
    r"shot\s+(?:him|her|them|me|us|you)?\s*(?:a|an)\s+(?:glance|grin|look|smile|wink|glare)",
    r"shot\s+(?:to|up|out|back)\s+(?:his|her|their|my)?\s*(?:feet|up)",
    r"(?:shot|shots?)\s+(?:on|at)\s+goal|\bshot\s+to\s+his\s+feet",
    r"drunk\s+(?:on|with)\s+(?:love|happiness|joy|power|sleep)",
    r"blood\s+(?:orange|oranges|moon|type|relatives?|brothers?)",
    r"cut\s+(?:the|a|her|his|my|their)\s+(?:first\s+)?(?:slice|cake|bread|lavender|hair|grass|deal|class)",
    r"punching\s+above",
    r"(?:jump|jumped)\s+scares?",
    r"(?:beat|beating)\s+(?:the\s+)?(?:eggs|level|game|record|traffic|rush)",
    r"(?:heart|breath)\s+(?:stopped|caught)\s+(?:when|as)",
    r"killing\s+me\b|\bkills\s+me\b",
    r"is\s+everyone\s+alive",
)
_IDIOM = re.compile("|".join(f"(?:{p})" for p in IDIOMS), re.IGNORECASE)

# A negation or hypothetical shortly before a cue cancels it.
_CANCEL = re.compile(
    r"\b(?:not|never|n't|didn't|don't|doesn't|won't|wouldn't|almost|nearly|if|would|could|"
    r"might|should|'d|'ll|will|gonna|going\s+to|afraid\s+(?:he|she|they)\s+(?:would|might)|"
    r"pretend(?:ed|ing)?|game)\b[^.!?;,]{0,25}$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Cue:
    pattern: str
    weight: float = 1.0
    cancellable: bool = True


@dataclass(frozen=True)
class Hit:
    label: str
    start: int
    end: int
    weight: float

    @property
    def span(self) -> Span:
        return Span(self.start, self.end)


_PRONOUN_OBJ = r"(?:him|her|them|me|you|us|it)"
_REFLEXIVE = r"(?:himself|herself|themselves|myself|yourself|themself)"

CUES: dict[str, tuple[Cue, ...]] = {
    # A death that happens in the story.
    "death_event": (
        Cue(r"\b(?:died|dies)\b(?!\s+(?:down|out|away))", 1.5),
        Cue(r"\b(?:was|is|were|are|lay|lies|now)\s+dead\b", 1.5),
        Cue(r"\bdead\s+(?:body|man|woman|boy|girl)\b", 1.0),
        Cue(r"\b(?:was|were|got|been)\s+(?:killed|murdered|slain|executed)\b", 1.5),
        Cue(r"\b(?:killed|murdered|slew|slain)\s+" + _PRONOUN_OBJ + r"\b", 1.2),
        Cue(r"\bwho\s+had\s+killed\s+" + _PRONOUN_OBJ, 1.2),
        Cue(r"\b(?:stopped|stop)\s+breathing\b|\bbreath(?:ing)?\s+(?:had\s+)?(?:just\s+)?stopped\b", 1.5),
        Cue(r"\b(?:last|final|dying)\s+breath\b|\bbreathed\s+(?:his|her|their)\s+last\b", 1.5),
        Cue(r"\beyes\s+went\s+(?:still|empty|glassy|dull|blank)|\bwent\s+still\s+and\s+empty", 1.5),
        Cue(r"\bpronounced\s+dead\b|\btime\s+of\s+death\b|\bcalled\s+it\s+at\b", 1.5),
        Cue(r"\bunder\s+a\s+sheet\b|\bwent\s+cold\b|\bbody\s+hung\b", 1.0),
        Cue(r"\b(?:his|her|their)\s+(?:body|corpse)\b", 0.8),
        Cue(r"\bwhere\s+(?:he|she|they)\s+had\s+died\b", 1.0),
        Cue(r"\bsorry\s+for\s+(?:your|our)\s+loss\b", 1.0),
    ),
    # A death that happened before the story, or is only remembered.
    "death_reference": (
        Cue(r"\bfuneral\b|\bburied\b|\bgraves?\b|\bmemorial\b|\bgravestone\b|\bheadstone\b|\bcoffin\b", 1.0),
        Cue(r"\bpassed\s+away\b|\blate\s+(?:husband|wife|father|mother)\b", 1.0),
        Cue(r"\bhad\s+(?:died|been\s+killed)\b", 1.0),
        Cue(r"\b(?:was|is)\s+gone\b|\bwhen\s+(?:she|he)\s+was\s+gone\b", 0.8),
        Cue(r"\bmourn(?:ed|ing|s)?\b|\bwidow(?:er|ed)?\b", 0.8),
        Cue(r"\bdeath\b", 0.8),
    ),
    "violence": (
        Cue(r"\bpunch(?:ed|es|ing)?\b", 1.0),
        Cue(r"\bstabb?(?:ed|ing|s)?\b|\bknife\s+wound\b", 1.2),
        Cue(r"\bgunshot\b|\bshot\s+(?:him|her|them|me|dead)\b|\bbullet\b", 1.2),
        Cue(r"\b(?:kicked|kicks)\s+(?:him|her|them|me|out|at)\b|\bboot\s+slammed\b", 0.8),
        Cue(r"\bslash(?:ed|es|ing)?\b|\bhack(?:ed|ing)\s+(?:at|through)\b|\bcut\s+down\b", 1.2),
        Cue(r"\b(?:spear|sword|blade|arrow|knife|lightsaber)s?\b", 0.5),
        Cue(r"\barrow\s+took\b|\bthrough\s+the\s+(?:belly|chest|throat|heart)\b", 1.2),
        Cue(r"\b(?:beat|beaten|beating)\s+(?:him|her|them|me)\b|\bblows\b", 1.0),
        Cue(r"\bbroke\s+(?:his|her|their|my)\s+\w+|\bbroken\s+(?:ribs|nose|fingers)\b", 1.0),
        Cue(r"\bwounds?\b|\bstitches\b|\bgash\b", 0.6),
        Cue(r"\bbleed(?:ing)?\b|\bbled\b|\bblood\b", 0.6),
        Cue(r"\bscreamed\b|\bscreaming\b", 0.3),
        Cue(r"\bhit\s+(?:him|her|them|me)\b|\bstruck\b|\bslapped\b", 0.8),
        Cue(r"\bfight(?:ing)?\b|\bbattle\b|\braiders?\b|\bcombat\b", 0.4),
        Cue(r"\btortur(?:e|ed|ing)\b|\bpliers\b|\binterrogat\w*", 1.2),
        Cue(r"\bstrangl\w+|\bthrottl\w+", 1.2),
        Cue(r"\bthe\s+belt\b", 0.8),
    ),
    "gore": (
        Cue(r"\bguts\b|\bentrails\b|\bviscera\b|\bintestines\b|\bbrains?\s+(?:spilled|splattered)\b", 1.5),
        Cue(r"\bblood\s+(?:sprayed|spurted|splattered|gushed|pooled|bubbled|soaking)\b|\bsprayed\s+\w+\s+blood|"
            r"\bhot\s+blood\b|\bin\s+(?:his|her|their)\s+blood\b", 1.0),
        Cue(r"\bto\s+the\s+bone\b|\bcrack\s+of\s+the\s+bone\b|\blodged\s+in\s+bone\b|\bbone\s+(?:snapped|jutting)", 1.0),
        Cue(r"\bsevered\b|\bdismember\w*|\bdecapitat\w+|\bgore\b|\bmutilat\w+", 1.0),
        Cue(r"\bcrows\s+were\s+(?:already\s+)?at\s+(?:his|her)\s+eyes\b|\bvomiting\b", 0.8),
        Cue(r"\b(?:swept|sliced|cut)\s+through\s+\w+'s\s+(?:legs?|arms?)\b|\bhis\s+legs\s+and\s+left\s+arm", 1.0),
    ),
    "suicide": (
        Cue(r"\bsuicid\w*", 1.5),
        Cue(r"\bkill(?:ed|ing)?\s+" + _REFLEXIVE, 1.5, cancellable=False),
        Cue(r"\b(?:took|take|taking)\s+(?:his|her|their|my|your)\s+own\s+life\b", 1.5, cancellable=False),
        Cue(r"\bwanted\s+to\s+die\b|\bwant\s+to\s+die\b|\bend\s+it\s+all\b", 1.5, cancellable=False),
        Cue(r"\bnoose\b|\bhanged\s+" + _REFLEXIVE, 1.5),
        Cue(r"\b(?:stood|standing)\s+on\s+the\s+(?:roof|ledge|bridge)|\bstepped\s+off\s+the\s+ledge", 0.8),
        Cue(r"\bcount(?:ed)?\s+the\s+pills\b|\bthe\s+pills\s+twice\b", 1.0),
    ),
    "self-harm": (
        Cue(r"\bself[- ]harm\w*", 1.5),
        Cue(r"\bcut(?:ting)?\s+" + _REFLEXIVE, 1.5, cancellable=False),
        Cue(r"\bwanted\s+to\s+cut\b|\bthe\s+urge\s+to\s+cut\b", 1.5, cancellable=False),
        Cue(r"\brazor\b", 0.8),
        Cue(r"\bscars?\b[^.]{0,40}\bwrists?\b|\bwrists?\b[^.]{0,40}\bscars?\b", 1.0),
        Cue(r"\bburn(?:ed|t)\s+" + _REFLEXIVE, 1.5),
    ),
    "sexual violence": (
        Cue(r"\brap(?:e|ed|es|ing|ist)\b", 2.0),
        Cue(r"\bforced\s+himself\s+on\b|\bforced\s+herself\s+on\b|\bnon-?con\w*", 2.0, cancellable=False),
        Cue(r"\bsexual(?:ly)?\s+assault\w*|\bmolest\w*", 2.0),
        Cue(r"\bwithout\s+(?:her|his|their|my)\s+consent\b|\bsaid\s+no\b[^.]{0,60}\bdid\s+not\s+stop\b", 1.0,
            cancellable=False),
        Cue(r"\btugging\s+at\s+her\s+skirt\b|\bpinned\s+(?:her|him)\s+against\b", 0.8),
    ),
    "abuse": (
        Cue(r"\babus(?:e|ed|er|ive)\b", 1.5),
        Cue(r"\bthe\s+belt\s+came\s+off\b|\bcounted\s+the\s+blows\b", 1.5),
        Cue(r"\b(?:father|dad|mother|mum|mom|stepfather)\s+(?:came\s+home\s+drunk|hit|beat)\b", 1.5),
        Cue(r"\bthe\s+way\s+it\s+always\s+did\b|\bmade\s+it\s+last\s+longer\b", 0.6),
        Cue(r"\bbruises?\s+(?:he|she|they)\s+hid\b|\bhid\s+the\s+bruises\b", 1.0),
    ),
    "alcohol": (
        Cue(r"\bdrunk(?:en|enly)?\b|\bhangover\b|\btipsy\b|\bbooze\b", 1.0),
        Cue(r"\bwhiske?y\b|\bvodka\b|\bbourbon\b|\btequila\b|\brum\b|\bgin\b|\bsake\b|\bbeer\b", 1.0),
        Cue(r"\bwine\b|\bchampagne\b|\bpub\b|\bshots?\s+of\b|\bfourth\s+shot\b", 0.5),
        Cue(r"\bbottle\b", 0.3),
    ),
    "drugs": (
        Cue(r"\bheroin\b|\bcocaine\b|\bmeth\b|\bcrack\s+pipe\b|\bfentanyl\b|\bLSD\b|\becstasy\b", 1.5),
        Cue(r"\boverdose\w*|\bneedle\b[^.]{0,40}\barm\b|\bwhite\s+powder\b|\bsnort\w*", 1.2),
        Cue(r"\bweed\b|\bmarijuana\b|\bstoned\b|\bhigh\s+as\b", 1.0),
        Cue(r"\bhanded\s+(?:her|him|me)\s+a\s+pill\b|\bswallowed\s+(?:it|the\s+pill)\b|\beveryone'?s\s+taking\b", 0.8),
    ),
    "sexual content": (
        Cue(r"\bnaked\b|\bnude\b|\bundress\w*|\bundid\s+(?:his|her)\s+buttons\b", 1.0),
        Cue(r"\bmade\s+love\b|\bslept\s+together\b|\bhad\s+sex\b|\bsex\b", 1.5),
        Cue(r"\btangle\s+of\s+(?:clothes|sheets|limbs)\b|\bunder\s+the\s+sheets\b|\bonto\s+the\s+bed\b", 0.7),
        Cue(r"\bmoan(?:ed|ing|s)?\b|\barous\w+|\berection\b|\borgasm\w*|\bthrust\w*|\bnipples?\b", 1.5),
        Cue(r"\bcock\b|\bclit\w*|\bcum\b|\bpussy\b|\bfuck(?:ed|ing)\s+(?:him|her|them|me)\b", 2.0),
    ),
}

EXPLICIT_PATTERN = re.compile(
    r"\bcock\b|\bclit\w*|\bcum\b|\bpussy\b|\borgasm\w*|\berection\b|\bfuck(?:ed|ing)\s+(?:him|her|them|me)\b",
    re.IGNORECASE,
)
PROFANITY = re.compile(r"\bfuck\w*|\bshit\w*|\bbitch\w*|\bbastard\b|\bcunt\b", re.IGNORECASE)
MINOR_AGE = re.compile(
    r"\b(?:eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|1[1-7])[- ]years?[- ]old\b|"
    r"\b(?:middle\s+school|junior\s+high)\b",
    re.IGNORECASE,
)


@lru_cache(maxsize=1)
def _compiled() -> dict[str, tuple[tuple[re.Pattern[str], Cue], ...]]:
    return {
        label: tuple((re.compile(cue.pattern, re.IGNORECASE), cue) for cue in cues)
        for label, cues in CUES.items()
    }


def masked(text: str) -> str:
    """The text with idioms blanked out (same length, so offsets hold)."""
    return _IDIOM.sub(lambda m: " " * len(m.group()), text)


def find_hits(text: str, labels: Sequence[str] | None = None) -> dict[str, list[Hit]]:
    """Cue matches per label in ``text`` (idioms masked, negated and hypothetical ones dropped)."""
    clean = masked(text)
    result: dict[str, list[Hit]] = {}
    for label, cues in _compiled().items():
        if labels is not None and label not in labels:
            continue
        hits = []
        for pattern, cue in cues:
            for match in pattern.finditer(clean):
                if cue.cancellable and _cancelled(clean, match.start()):
                    continue
                hits.append(Hit(label, match.start(), match.end(), cue.weight))
        result[label] = sorted(hits, key=lambda h: h.start)
    return result


def _cancelled(text: str, start: int) -> bool:
    clause_start = max(text.rfind(c, 0, start) for c in ".!?;\n")
    before = text[max(clause_start + 1, start - 40) : start]
    return bool(_CANCEL.search(before))


def score(hits: Sequence[Hit]) -> float:
    """Sum of cue weights, each distinct matched phrase counted at most twice."""
    seen: dict[tuple[str, int], int] = {}
    total = 0.0
    for hit in hits:
        key = (hit.label, round(hit.weight * 10))
        seen[key] = seen.get(key, 0) + 1
        total += hit.weight if seen[key] <= 2 else hit.weight * 0.25
    return total
