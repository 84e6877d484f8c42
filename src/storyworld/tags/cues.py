"""Cue phrases: what in the text points at death, violence, sex, drugs and the rest.

Each cue is a regular expression with a weight. A match does not count when it sits inside an
idiom ("dead tired", "I'd kill for pizza", "shot her a grin") or after a negation or a
hypothetical in the same clause ("didn't die", "nearly died", "if you die").

A cue for a death that happens in the story (``death_event``) also does not count when it is
not about the story's present: a speaker's own hyperbole ("I died again!", "it killed me"), a
question ("how did King Harold die?"), a past perfect ("had died": that death is remembered, a
``death_reference``), or a paragraph framed as history or legend ("historians", "they say", "a
long time ago").
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from ..world import Span

# Idioms masked out before any cue is looked for.
IDIOMS = (
    r"dead\s+(?:tired|serious|set|silent|centre|center|ahead|end|of\s+(?:night|winter))",
    r"dead\s+on\s+(?:time|target|cue|the\s+(?:money|dot|mark|nose)|point)",
    r"over\s+(?:my|your|his|her|our|their)\s+dead\s+bod(?:y|ies)",
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
    r"(?:died|dying|die|dead)\s+on\s+(?:my|his|her|their|your|our)\s+feet|died\s+on\s+stage",
    r"knock(?:ed|s)?\s+(?:them|'em|him|her|you)\s+dead",
    r"snap(?:ped|s|ping)?\s+(?:his|her|their|my|your)\s+fingers",
    r"(?:could|would|'d)\s+(?:murder|kill)\s+(?:a|an|for|some)\b",
)
_IDIOM = re.compile("|".join(f"(?:{p})" for p in IDIOMS), re.IGNORECASE)

# A negation or hypothetical shortly before a cue cancels it.
_CANCEL = re.compile(
    r"\b(?:not|never|n't|didn't|don't|doesn't|won't|wouldn't|almost|nearly|if|would|could|"
    r"might|should|'d|'ll|will|gonna|going\s+to|afraid\s+(?:he|she|they)\s+(?:would|might)|"
    r"pretend(?:ed|ing)?|game)\b[^.!?;,]{0,25}$",
    re.IGNORECASE,
)


# Death events: what makes a cue not about a death in the story's present.
_FIRST_PERSON_BEFORE = re.compile(
    r"\b(?:I|[Ww]e)(?:'ve|\s+have)?\s+(?:(?:just|nearly|almost|totally|literally|actually|basically|all|both|"
    r"so|kind\s+of|pretty\s+much)\s+)?$"
)
_FIRST_PERSON_AFTER = re.compile(r"\s*(?:me|us)\b", re.IGNORECASE)
_SENTENCE_STOP = re.compile(r"[.!?\n]")
_PAST_PERFECT_BEFORE = re.compile(r"\bhad\s+(?:been\s+|already\s+)?$", re.IGNORECASE)
_SINCE_BEFORE = re.compile(r"\bsince\s+(?:[\w'\u2019]+\s+){1,4}$", re.IGNORECASE)  # "since Mom and Dad died"
_FRAME = re.compile(
    r"\bhistor(?:y|ians?|ical)\b|\blegends?\b|\bthey\s+say\b|\blong\s+(?:time\s+)?ago\b|"
    r"\bcenturies\s+ago\b|\bevery\s+(?:year|summer|winter|spring|autumn|week|night|time)\b|\bre-?enact\w*|\b(?:church's|official|historical|contemporary)\s+accounts?\b|\bchronicles?\b|\bessay\b|\bonce\s+upon\s+a\s+time\b|\bthe\s+story\s+goes\b|"
    r"\b(?:\w+|\d+)\s+years\s+(?:ago|before|earlier|later)\b|"
    r"\bwhen\s+(?:I|we|he|she|they)\s+(?:was|were)\s+(?:a\s+|too\s+)?(?:little|small|young|child|children|kids?|boy|girl|baby)\b|"
    r"\bthe\s+(?:winter|summer|spring|autumn|fall|year|week|month)\s+(?:I|we|he|she|they)\s+(?:turned|was|were)\s+\w+",
    re.IGNORECASE,
)
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


@dataclass(frozen=True)
class Cue:
    pattern: str
    weight: float = 1.0
    cancellable: bool = True
    shown: bool = False  # a death cue that shows the dying itself, not only states a death
    anonymous: bool = False  # names its dead by a common noun ("a dead man's sword"): about no one before it


@dataclass(frozen=True)
class Hit:
    label: str
    start: int
    end: int
    weight: float
    shown: bool = False
    anonymous: bool = False

    @property
    def span(self) -> Span:
        return Span(self.start, self.end)


_PRONOUN_OBJ = r"(?:him|her|them|me|you|us|it)"
_REFLEXIVE = r"(?:himself|herself|themselves|myself|yourself|themself)"

CUES: dict[str, tuple[Cue, ...]] = {
    # A death that happens in the story.
    "death_event": (
        # Stated deaths: they count for a character the story shows alive (see warnings).
        Cue(r"\b(?:died|dies)\b(?!\s+(?:down|out|away))", 1.5),
        Cue(r"\b(?:was|is|were|are|lay|lies|now)\s+dead\b", 1.5),
        Cue(r"\bdead\s+(?:body|man|woman|boy|girl)\b", 1.0, anonymous=True),
        Cue(r"\b(?:was|were|got|been)\s+(?:killed|murdered|slain|executed)\b", 1.5),
        Cue(r"\b(?:killed|murdered|slew|slain)\s+(?:him|her|them)\b", 1.2),
        Cue(r"\bwho\s+had\s+killed\s+(?:him|her|them)", 1.2),
        Cue(r"\b(?:killed|murdered|slew|executed)\s+(?-i:[A-Z][\w'\u2019-]+)(?:\s+(?-i:[A-Z][\w'\u2019-]+))?", 1.2),
        Cue(r"\bfound\s+(?:him|her)\s+dead\b", 1.5),
        Cue(r"\b(?:cut|struck|shot)\s+(?:him|her)\s+down\b|\bslew\b", 1.2),
        Cue(r"\b(?:perished|succumbed|succumbs|perishes)\b|\b(?:dropped|fell|drops|falls)\s+dead\b|"
            r"\bkilled\s+in\s+action\b|\bmortally\s+wounded\b|\bfatal(?:ly)?\s+(?:wound|wounded|blow|shot|injur\w+)\b", 1.5),
        Cue(r"\b(?:stabbed|beat|beaten|choked|strangled|burned|burnt|crushed|frozen|starved|bled)\s+(?:him|her|them)?\s*to\s+death\b|"
            r"\bfell\s+to\s+(?:his|her|their)\s+deaths?\b", 1.5),
        Cue(r"\b(?:gave|laid\s+down|sacrificed|sacrifices|gives)\s+(?:his|her|their)\s+(?:own\s+)?life\b|"
            r"\b(?:cost|claimed|took)\s+(?:him|her)\s+(?:his|her)\s+life\b|\b(?:claimed|took)\s+(?:his|her)\s+life\b|"
            r"\bsacrificed\s+(?:himself|herself)\b", 1.5),
        Cue(r"\b(?:did\s+not|didn'?t)\s+survive\b(?!\s+(?:the\s+)?(?:week|exam|test|class|party|meeting))", 1.5,
            cancellable=False),
        Cue(r"\b(?:was|were|is)\s+(?:hanged|beheaded|decapitated|poisoned|assassinated)\b", 1.2),
        Cue(r"\b(?:his|her|their)\s+(?:body|corpse)\s+(?:was|lay|lies|is)\s+(?:found|recovered|pulled|brought)\b|"
            r"\bbody\s+bag\b|\bthe\s+morgue\b|\bthe\s+coroner\b|\bdeath\s+certificate\b", 1.0),
        Cue(r"\bpass(?:ed|es)\s+(?:away\s+)?(?:in\s+(?:the|his|her|their)\s+sleep|during\s+the\s+night|in\s+the\s+night|"
            r"before\s+(?:dawn|morning)|peacefully)\b", 1.5),
        Cue(r"\bburied\s+(?:him|her)\b(?!\s+(?:face|head|nose|hands?|fingers|mouth)\b)", 1.5),
        Cue(r"\b(?:pistol|gun|revolver|barrel|muzzle)\s+(?:to|against)\s+(?:his|her|their)\s+(?:temple|head|forehead)\b",
            1.0),
        Cue(r"\bdrowned\b|\bwas\s+drowning\b", 1.2),
        Cue(r"\b(?:shot|stabbed|beaten|struck|stone)\s+dead\b|\bkilled\s+instantly\b", 1.5),
        Cue(r"\b(?:arrived|came|got\s+there)\s+too\s+late\b", 0.8),
        Cue(r"\bbody\s+hung\b", 1.0),
        Cue(r"\b(?:his|her|their)\s+(?:body|corpse)\b", 0.8),
        Cue(r"\bwhere\s+(?:he|she|they)\s+had\s+died\b", 1.0),
        # The dying shown, or the news of a death just happened: these count for any major character.
        Cue(r"\b(?:stopped|stop|stops)\s+breathing\b|\b(?:was|is)\s+(?:no\s+longer|not)\s+breathing\b|\bbreath(?:ing)?\s+(?:had\s+)?(?:just\s+)?stopped\b", 1.5, shown=True),
        Cue(r"\bbreath(?:ing)?\b[^.!?]{0,120}\b(?:it|then\s+it)\s+(?:just\s+)?stopped\b", 1.5, shown=True),
        Cue(r"\b(?:chest|breath|breathing|heart)\s+(?:didn'?t|did\s+not|never|wouldn'?t)\s+(?:rise|come|beat|start)\s+again\b",
            1.5, cancellable=False, shown=True),
        Cue(r"\b(?:last|final|dying)\s+breath\b|\bbreathed\s+(?:his|her|their)\s+last\b", 1.5, shown=True),
        Cue(r"\beyes\s+(?:went|go|goes)\s+(?:still|empty|glassy|dull|blank|fixed)|\bwent\s+still\s+and\s+empty", 1.5, shown=True),
        Cue(r"\b(?:the\s+)?(?:light|life)\s+(?:left|leaves|went\s+out\s+of|goes\s+out\s+of|faded\s+from|fades\s+from|"
            r"drained\s+from|drains\s+from)\s+"
            r"(?:his|her|their)\s+eyes\b", 2.5, shown=True),
        Cue(r"\b(?:bled|bleeds)\s+(?:out|to\s+death)\b|\bbleeding\s+out\b", 2.5, shown=True),
        Cue(r"\b(?:heart|pulse)\s+(?:stopped|stops|gave\s+out|gives\s+out|faltered\s+and\s+stopped|went\s+still)\b|"
            r"\b(?:stopped|stops)\s+(?:moving|struggling)\s+(?:altogether|for\s+good|forever)\b", 1.5, shown=True),
        Cue(r"\b(?:went|goes|had\s+gone)\s+(?:limp|slack)\s+(?:and\s+(?:still|cold|heavy))\b|\bnever\s+moved\s+again\b|"
            r"\b(?:did\s+not|didn'?t)\s+(?:move|stir|breathe)\s+again\b", 1.5, cancellable=False, shown=True),
        Cue(r"\b(?:sightless|unseeing|glassy|empty|vacant)\s+eyes\b|\beyes\s+(?:stared|staring)\s+(?:at\s+)?nothing\b", 1.0, shown=True),
        Cue(r"\bdied\s+in\s+(?:his|her|their|my)\s+arms\b|\b(?:was|is)\s+(?:dead|gone)\s+before\s+(?:he|she|they)\s+hit\s+the\b", 1.5,
            shown=True),
        Cue(r"\b(?:took|takes|drew|draws|breathed|breathes)\s+(?:his|her|their)\s+(?:last|final)(?:\s+breath)?\b", 1.5, shown=True),
        Cue(r"\bnever\s+(?:woke|wakes|opened\s+(?:his|her|their)\s+eyes)(?:\s+up)?(?:\s+again)?(?=\s*[.,;!?\"\u201d]|\s+and\b)",
            2.5, cancellable=False, shown=True),
        Cue(r"\b(?:didn'?t|did\s+not|never)\s+make\s+it(?:\s+through\s+the\s+night)?(?=\s*[.,;!?\"\u201d])", 2.0,
            cancellable=False, shown=True),
        Cue(r"\b(?:did|tried)\s+everything\s+(?:we|they|he|she)\s+could\b|\bcouldn'?t\s+save\s+(?:him|her|them)\b|"
            r"\b(?:they|we)\s+tried\s+for\s+(?:an|over\s+an|half\s+an)\s+hour\b", 1.0, cancellable=False, shown=True),
        Cue(r"\b(?:she\s+closed\s+his|he\s+closed\s+her|(?:they|I|we)\s+closed\s+(?:his|her))\s+eyes\b", 1.2, shown=True),
        Cue(r"\bdead\s+on\s+arrival\b", 1.5, shown=True),
        Cue(r"\b(?:was|were)\s+gone\s+(?:by\s+the\s+time|before\s+(?:the\s+)?(?:ambulance|medics?|paramedics|doctors?|"
            r"healers?|help|nurses?)\b)|\bflat-?lin(?:ed|ing|e)\b|"
            r"\b(?:no|couldn'?t\s+find\s+a|there\s+was\s+no)\s+pulse\b", 1.5, shown=True),
        Cue(r"\b(?:we|they)(?:'ve|\s+have)?\s+lost\s+(?:him|her)(?=\s*[.,;!?\"\u201d])", 1.5, shown=True),
        Cue(r"\bslipped\s+away\s+(?:in\s+(?:the|her|his|their)\s+(?:night|sleep)|peacefully|quietly|"
            r"(?:just\s+)?(?:before|at)\s+(?:dawn|daybreak|first\s+light|midnight|sunrise))\b|\blifeless\b", 1.2, shown=True),
        Cue(r"\bpronounced\s+dead\b|\btime\s+of\s+death\b|\bcalled\s+it\s+at\b", 1.5, shown=True),
        Cue(r"\bunder\s+a\s+sheet\b|\bwent\s+cold\b", 1.0, shown=True),
        Cue(r"\b(?:hand|hands|skin|cheek|body)\s+(?:was\s+|were\s+|already\s+|had\s+gone\s+)?(?:cool|cold|icy)\s+(?:and|as|to)\b",
            0.8, shown=True),
        Cue(r"\bsorry\s+for\s+(?:your|our)\s+loss\b", 1.0, shown=True),
        Cue(r"\b(?:did\s+not|didn'?t|never)\s+(?:kick|stir|rise|breathe|wake)\s+again\b|\bno\s+rise\s+and\s+fall\b|"
            r"\b(?:he|she)\s+(?:did\s+not|didn'?t)\s+breathe\b", 1.5, cancellable=False, shown=True),
        Cue(r"\bnothing\s+(?:behind|left\s+in)\s+(?:his|her|their|them|those)\s*(?:eyes)?\s+any\s*more\b|"
            r"\bnothing\s+behind\s+(?:his|her|their)\s+eyes\b|\b(?:his|her|their)\s+(?:cooling|stiffening)\s+(?:hand|body|fingers)\b|"
            r"\b(?:skin|hand|hands|body|cheek|forehead)\s+(?:was|were|had\s+gone|felt)\s+(?:already\s+)?(?:cool|cold)\s+already\b", 1.2,
            shown=True),
        # The body that stops, in the present as in the past: "her chest doesn't rise", "his chest
        # was not moving", "her chest is still", "one long flat tone", "nothing moved behind them".
        Cue(r"\bchest\b[^.!?]{0,30}?\b(?:doesn'?t|does\s+not|didn'?t|did\s+not|wasn'?t|was\s+not|isn'?t|is\s+not|no\s+longer)\s+"
            r"(?:rise|rising|move|moving|heave|heaving)\b", 1.5, shown=True),
        Cue(r"\b(?:chest|body)\s+(?:is|was|lay|lies)\s+(?:completely\s+|perfectly\s+|quite\s+)?still(?=\s*[.;!]|\s+and\s+(?:silent|cold|quiet))",
            1.2, shown=True),
        Cue(r"\bflat\s+(?:tone|line|whine)\b", 1.5, shown=True),
        Cue(r"\b(?:he|she|they)\s+(?:was|were|is|are)\s+already\s+(?:cold|stiff)\b", 1.5, shown=True),
        Cue(r"\bnothing\s+(?:moved|moves|moving|stirred|stirs)\s+behind\s+(?:his|her|their|them|those)\b|"
            r"\beyes?\s+(?:is|was|were|are)\s+(?:still\s+|wide\s+)?open,?\s+(?:looking|staring|gazing)\s+at\s+nothing\b|"
            r"\beyes\s+(?:were|are)\s+still\s+open\b[^.!?]{0,80}\bstayed\b", 1.5, shown=True),
        Cue(r"\b(?:hadn'?t|had\s+not|didn'?t|did\s+not)\s+(?:woken|wake)\s+up(?=\s*[.;!])", 1.2, shown=True),
        Cue(r"\b(?:deeply\s+)?regret\s+to\s+inform\s+you\b|\bkilled\s+in\s+the\s+line\s+of\s+duty\b", 1.5, cancellable=False,
            shown=True),
        Cue(r"\b(?:worked|work|working|tried)\s+on\s+(?:him|her)\s+for\s+(?:a\s+long\s+time|an\s+hour|over\s+an\s+hour|"
            r"(?:twenty|thirty|forty|forty-five)\s+minutes)\b|\b(?:said|says|called)\s+the\s+time\s+(?:out\s+loud|aloud)\b", 1.0,
            cancellable=False, shown=True),
        Cue(r"\b(?:his|her|their)\s+hand\s+(?:on|in)\s+(?:his|hers|hers|mine|theirs|her|my)\s*\w*\s+(?:grew|went|goes|grows)\s+heavy\b|"
            r"\b(?:grew|went)\s+heavy\s+and\s+(?:still|slack|cold)\b", 1.2, shown=True),
        Cue(r"\b(?:head|heads)\s+(?:fell|falls|drops|dropped|rolled|rolls|tumbled|tumbles)\s+(?:in)?to\s+the\s+(?:basket|straw)\b|"
            r"\bsevered\s+head\b|\b(?:axe|blade|sword)\s+(?:bit|bites|took|takes)\s+(?:deep\s+)?(?:into\s+)?(?:the\s+side\s+of\s+)?"
            r"(?:his|her|their)\s+neck\b", 1.5, shown=True),
        Cue(r"\bwent\s+down\s+with\s+all\s+(?:hands|souls)\b|\b(?:goes|go)\s+down\s+with\s+all\s+(?:hands|souls)\b|"
            r"\btwitch\w*\s+(?:once\s+|twice\s+)?(?:and\s+)?then\s+(?:lay\s+|was\s+|went\s+)?still\b", 1.2, shown=True),
        Cue(r"\b(?:he|she)(?:'s|\s+is|\s+was)\s+gone\b(?=\s*[.,;!?\"\u201d])", 1.0, shown=True),
    ),
    # A death that happened before the story, or is only remembered.
    "death_reference": (
        Cue(r"\bfuneral\b|\bburied\b|\bgraves?\b|\bmemorial\b|\bgravestone\b|\bheadstone\b|\bcoffin\b", 1.0),
        Cue(r"\bpassed\s+away\b|\blate\s+(?:husband|wife|father|mother)\b", 1.0),
        Cue(r"\bhad\s+(?:died|been\s+killed)\b", 1.0),
        Cue(r"\b(?:was|is)\s+gone\b|\bwhen\s+(?:she|he)\s+was\s+gone\b", 0.8),
        Cue(r"\bmourn(?:ed|ing|s)?\b|\bwidow(?:er|ed)?\b", 0.8),
        Cue(r"\bdeath\b", 0.8),
        Cue(r"\beulog(?:y|ies|ise|ize)\b|\bspeak\s+at\s+the\s+(?:service|funeral)\b|\bdug\s+(?:his|her|their|a)\s+grave\b", 1.0,
            cancellable=False),
    ),
    "violence": (
        Cue(r"\bpunch(?:ed|es|ing)?\b", 1.0),
        Cue(r"\bstabb?(?:ed|ing|s)?\b|\bknife\s+wound\b", 1.2),
        Cue(r"\bgunshot\b|\b(?:shot|shoots?)\s+(?:him|her|them|me|dead)\b|\bbullet\b", 1.2),
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
        # Violence described without the word: blows with a weapon or a body, a blade going in.
        Cue(r"\b(?:swung|swings|brought|raised)\s+(?:the|a|his|her|their)\s+(?:bat|baton|pipe|club|crowbar|hammer|"
            r"cosh|rifle\s+butt)\b|\b(?:bat|baton|pipe|club|crowbar|hammer|rifle\s+butt)\s+(?:came\s+down|slammed|"
            r"smashed|cracked|connected|caught)\b", 1.2),
        Cue(r"\b(?:baton|crowbar|cosh|brass\s+knuckles|knuckle-?dusters?)\b", 0.5),
        Cue(r"\bstamp(?:ed|ing|s)?\s+on\b|\bstomp(?:ed|ing|s)?\s+on\b", 1.0),
        Cue(r"\b(?:drove|drives|drive|slammed|slams|slam|smashed|smashes|smash)\s+(?:his|her|their|my|a)\s+(?:fist|knee|elbow|head|boot|forehead)\b|"
            r"\bused\s+(?:his|her|their)\s+fists\b|\bfists?\s+(?:into|against)\b", 1.0),
        Cue(r"\b(?:held|pinned|twisted)\s+(?:his|her|their)\s+arms?\b", 0.6),
        Cue(r"\b(?:slit|cut|opened|sliced)\s+(?:his|her|their|the\s+\w+'s)\s+throat\b|"
            r"\b(?:knife|blade|razor)\s+across\s+(?:his|her|their)\s+throat\b", 1.5),
        Cue(r"\b(?:blade|knife|sword|spear|dagger|bayonet)\s+(?:slid|sank|went|plunged|bit|punched)\s+"
            r"(?:\w+\s+){0,4}?into\b", 1.2),
        Cue(r"\bopened\s+fire\b|\bshots?\s+(?:rang\s+out|came\s+from)\b|\bfired\s+(?:at|twice|again|a\s+shot)\b|"
            r"\bthe\s+shot\s+came\b", 1.0),
        Cue(r"\b(?:face|head|skull)\s+(?:hit|struck|slammed\s+into|cracked\s+against)\s+the\b", 0.6),
        Cue(r"\b(?:impaled|skewered|gutted|disembowel\w*|eviscerat\w*|bludgeon\w*|clubbed|mauled|flayed|whipped|lashed\s+(?:him|her))\b|"
            r"\bran\s+(?:him|her|them)\s+through\b|\bsnapped\s+(?:his|her|their)\s+neck\b", 1.2),
        Cue(r"\b(?:axe|machete|cleaver|mace|warhammer|halberd|pistol|rifle|shotgun|grenade|shrapnel)s?\b", 0.4),
    ),
    "gore": (
        Cue(r"\bguts\b|\bentrails\b|\bviscera\b|\bintestines\b|\bbrains?\s+(?:spilled|splattered)\b", 1.5),
        Cue(r"\bblood\s+(?:sprayed|sprays|spurted|spurts|splattered|gushed|gushes|pooled|bubbled|bubbles|soaking|pouring|poured|pours)\b|\b(?:pool|puddle)\s+of\s+(?:his|her|their)\s+(?:own\s+)?blood\b|\bsprayed\s+\w+\s+blood|"
            r"\bhot\s+blood\b|\bin\s+(?:his|her|their)\s+blood\b", 1.0),
        Cue(r"\bto\s+the\s+bone\b|\bcrack\s+of\s+the\s+bone\b|\blodged\s+in\s+bone\b|\bbone\s+(?:snapped|jutting)", 1.0),
        Cue(r"\bsevered\b|\bdismember\w*|\bdecapitat\w+|\bgore\b|\bmutilat\w+", 1.0),
        Cue(r"\bcrows\s+were\s+(?:already\s+)?at\s+(?:his|her)\s+eyes\b|\bvomiting\b", 0.8),
        Cue(r"\b(?:swept|sliced|cut)\s+through\s+\w+'s\s+(?:legs?|arms?)\b|\bhis\s+legs\s+and\s+left\s+arm", 1.0),
        # A throat opened, what pours out of it.
        Cue(r"\bear\s+to\s+ear\b|\bopened\s+(?:him|her|them)\s+(?:up|from)\b", 1.5),
        Cue(r"\b(?:dark|red|crimson|black)\s+pool\b|\bpool(?:ed|ing)?\s+(?:out\s+)?under\s+(?:his|her|their)\b", 0.8),
        Cue(r"\bgurgl\w+", 0.8),
        Cue(r"\bgoug\w+|\b(?:thumbs?|fingers?)\s+(?:into|against|in)\s+(?:\w+'s\s+|his\s+|her\s+|their\s+|the\s+)?(?:\w+\s+){0,3}?eyes?\b|"
            r"\b(?:eye\s+)?socket\b", 1.2),
        Cue(r"\bblood\s+(?:came|comes|welled|wells|well)\s+(?:up\s+)?(?:through|between|over)\s+(?:his|her|their|my)\s+(?:fingers|hands?)\b|"
            r"\b(?:hand|arm|leg|foot)\s+(?:is|was)\s+gone\s+at\s+the\s+(?:wrist|elbow|knee|ankle|shoulder)\b|\bsword\s+cut\s+across\b|"
            r"\bopen\s+(?:wound|gash)\s+across\b", 1.0),
        Cue(r"\bblood\s+(?:sheets|sheeted|sheeting|running|pumping|spurting|gushing|fountained|fountaining)\b|\bpumping\s+red\b|"
            r"\bred\s+(?:down|across|over)\s+(?:his|her|their)\s+(?:jaw|face|chin|collar|neck|chest)\b", 1.0),
        Cue(r"\b(?:coughed|coughs|spat|spits|vomited)\s+(?:up\s+)?(?:blood|red)\b|\bsoaked\s+(?:in|with|through\s+with)\s+blood\b|"
            r"\bblood\s+(?:everywhere|ran|runs|streamed|streams|welled|wells|spilled|spills|seeped|seeps|dripped|drips)\b|"
            r"\bblood-?(?:soaked|slick|drenched|spattered)\b", 1.0),
        Cue(r"\b(?:ripped|torn|tore|rips|tears)\s+(?:open|out|apart)\b|\bexposed\s+bone\b|\bbone\s+(?:showed|showing|gleamed)\b|"
            r"\b(?:caved|stove)\s+in\b|\b(?:skull|head)\s+(?:split|splits|burst)\b|\bbrains?\b[^.]{0,20}\b(?:on|across|over)\s+the\b", 1.0),
    ),
    # Injury told in detail without blood or gore: bones breaking, teeth lost, how it sounds.
    "injury": (
        Cue(r"\b(?:bones?|ribs?|jaw|skull|spine|collarbone|cheekbone)\s+(?:snapped|snap|cracked|crack|broke|break|"
            r"shattered|crunched|gave|give|went|go)\b|\b(?:nose|arm|forearm|leg|knee|kneecap|wrist|finger|shin|elbow)\s+"
            r"(?:snapped|snaps|broke|breaks|shattered|shatters|crunched|crunches)\b", 1.0),
        Cue(r"\b(?:broke|broken|shattered|snapped|crushed)\s+(?:his|her|their|my)\s+(?:jaw|nose|ribs?|arm|leg|wrist|"
            r"fingers?|skull|knee|kneecap|spine|neck)\b", 1.0),
        Cue(r"\bwet\s+(?:crunch|crack|snap|thud|tearing|noise|sound|pop|give|rip|slap)\b", 0.8),
        Cue(r"\bbroken\s+teeth\b|\bteeth\s+(?:had\s+)?(?:gone|went|go)\s+through\b|\b(?:face|head)\s+(?:was|is)\s+(?:a\s+)?(?:ruin|pulp|mess)\b|"
            r"\bpulp\b", 1.0),
        Cue(r"\bteeth\s+(?:came|come|coming)\s+loose\b|\bspat\s+(?:out\s+)?(?:a\s+)?(?:tooth|teeth)\b|"
            r"\bknocked\s+(?:out\s+)?(?:his|her|their)\s+teeth\b|\bswallowed\s+(?:a\s+)?(?:tooth|one)\b", 1.0),
        Cue(r"\b(?:bend|bent|bending|twisted|pointing)\s+the\s+wrong\s+way\b", 1.0),
        Cue(r"\bmouth\s+filled\s+with\b|\btast(?:ed|e|ing)\s+(?:of\s+)?copper\b|\bwarm\s+and\s+metallic\b", 0.6),
        Cue(r"\bsplit\s+(?:open|to\s+the\s+bone)\b|\bskin\s+split\b|\bflesh\s+(?:tore|parted|opened)\b", 1.0),
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
        framed = _framed_paragraphs(clean) if label == "death_event" else None
        for pattern, cue in cues:
            for match in pattern.finditer(clean):
                if cue.cancellable and _cancelled(clean, match.start()):
                    continue
                if framed is not None and not _in_story_present(clean, match.start(), match.end(), framed):
                    continue
                hits.append(Hit(label, match.start(), match.end(), cue.weight, cue.shown, cue.anonymous))
        hits.sort(key=lambda h: h.start)
        result[label] = _without_overlaps(hits) if label == "death_event" else hits
    return result


def _without_overlaps(hits: list[Hit]) -> list[Hit]:
    """One death told once: of cues that overlap ("breathed his last" matched twice), the
    heaviest stays."""
    kept: list[Hit] = []
    for hit in hits:
        if kept and hit.start < kept[-1].end:
            if hit.weight > kept[-1].weight:
                kept[-1] = hit
            continue
        kept.append(hit)
    return kept


def _cancelled(text: str, start: int) -> bool:
    clause_start = max(text.rfind(c, 0, start) for c in ".!?;\n")
    before = text[max(clause_start + 1, start - 40) : start]
    return bool(_CANCEL.search(before))


def _framed_paragraphs(text: str) -> list[tuple[int, int]]:
    """Paragraphs (start, end) framed as history or legend ("historians", "they say")."""
    frames = [m.start() for m in _FRAME.finditer(text)]
    if not frames:
        return []
    starts = [0, *(m.end() for m in _PARAGRAPH_BREAK.finditer(text))]
    ends = [*(m.start() for m in _PARAGRAPH_BREAK.finditer(text)), len(text)]
    return sorted({(starts[i], ends[i]) for i in (bisect.bisect_right(starts, f) - 1 for f in frames)})


def _in_story_present(text: str, start: int, end: int, framed: Sequence[tuple[int, int]]) -> bool:
    """False for a death cue that is hyperbole in the first person ("I died again!"), asked,
    in the past perfect or after "since", or inside a paragraph framed as history or legend."""
    before = text[max(0, start - 40) : start]
    if _FIRST_PERSON_BEFORE.search(before) or _FIRST_PERSON_AFTER.match(text, end):
        return False
    if _PAST_PERFECT_BEFORE.search(before) or _SINCE_BEFORE.search(before):
        return False  # "had died", "ever since Mom and Dad died": a death long before
    if _in_past_perfect_clause(text, start, end):
        return False  # "Natsu had been there when Acnologia killed Igneel", "with his last breath he had thanked her"
    stop = _SENTENCE_STOP.search(text, end)
    if stop is not None and stop.group() == "?":
        return False
    at = bisect.bisect_right(framed, (start, len(text))) - 1
    return not (at >= 0 and framed[at][0] <= start < framed[at][1])


_CLAUSE_START = re.compile(r"[.!?;\n]|,\s+(?:and|but|so|then)\b")
_CLAUSE_END = re.compile(r"[.!?;,\n]")
_PAST_PERFECT = re.compile(r"\bhad\s+(?:(?:already|just|never|once|long\s+since)\s+)?(?:been|[a-z]+(?:ed|en|wn|ght|id|ne|ft|lt|nt|ck))\b",
                           re.IGNORECASE)


def _in_past_perfect_clause(text: str, start: int, end: int) -> bool:
    """A cue whose sentence, from its last clause break before the cue to the first after it,
    is told in the past perfect: a remembered death, not one in the story's present."""
    low = max((m.end() for m in _CLAUSE_START.finditer(text, max(0, start - 200), start)), default=max(0, start - 200))
    stop = _CLAUSE_END.search(text, end)
    high = stop.start() if stop else len(text)
    return bool(_PAST_PERFECT.search(text[low:start]) or _PAST_PERFECT.search(text[end:high]))


REVIVAL_REACH = 1200  # characters after a shown death in which a revival undoes it
_REVIVED = re.compile(
    r"\b(?:started|starts|began|begins)\s+(?:to\s+)?breath(?:e|ing)\b|\bbreathing\s+again\b|\b(?:he|she)(?:'s|\s+is|\s+was)\s+breathing\b|"
    r"\b(?:got|have|found|there'?s|there\s+was|feel)\s+a\s+pulse\b|\bpulse\s+(?:came|comes)\s+back\b|"
    r"\bheart\s+(?:started|starts|restarted|restarts)\b|\bcame\s+back\s+to\s+(?:us|life)\b|\bback\s+with\s+us\b|\bwelcome\s+back\b|"
    r"\b(?:coughed|coughs|spluttered|sputtered|splutters|sputters)\s+(?:up\s+)?(?:water|seawater|and\s+(?:gasped|breathed))\b|"
    r"\bgot\s+(?:him|her)\s+back\b|\b(?:he|she)(?:'ll|\s+will|'s\s+going\s+to)\s+(?:be\s+)?(?:fine|okay|ok|all\s+right|live|make\s+it)\b",
    re.IGNORECASE,
)


def revived_after(text: str, end: int) -> bool:
    """A death shown and then undone: "No pulse." ... "We've got a pulse!", "she coughed up water"."""
    return bool(_REVIVED.search(text, end, min(len(text), end + REVIVAL_REACH)))


def score(hits: Sequence[Hit]) -> float:
    """Sum of cue weights, each distinct matched phrase counted at most twice."""
    seen: dict[tuple[str, int], int] = {}
    total = 0.0
    for hit in hits:
        key = (hit.label, round(hit.weight * 10))
        seen[key] = seen.get(key, 0) + 1
        total += hit.weight if seen[key] <= 2 else hit.weight * 0.25
    return total
