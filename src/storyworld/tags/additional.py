"""Additional (freeform) tags from the vocabulary ``vocabulary.ADDITIONAL_TAGS``.

Each rule reads what the other stages found: the emotion arc (Angst, Fluff), cue phrases
(Grief, Hurt/Comfort, Mentor/Protégé, Family, Friendship, Romance, First Kiss, Epistolary),
the narration (Present Tense, POV), the cast and the dialogue (Character Study).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..nlp.emotion import EmotionReport
from ..world import Span, World
from .model import Suggestion, evidence_of


def _cue(*patterns: str) -> re.Pattern[str]:
    return re.compile("|".join(patterns), re.IGNORECASE)


GRIEF = _cue(r"\bgriev\w*|\bgrief\b|\bmourn\w*|\bfuneral\b|\bmemorial\b|\bmissed\s+(?:her|him|them)\b",
             r"\bsobb?\w*|\bwept\b|\bcried\b|\bsorry\s+for\s+(?:your|our)\s+loss\b|\bwhen\s+(?:she|he)\s+was\s+gone\b",
             r"\bheadstone\b|\bgrave\b|\bnames\b[^.]{0,30}\bstone\b|\bhad\s+been\s+(?:her|his)\b")
HURT = _cue(r"\bwound\w*|\binjur\w*|\bfever\w*|\bsick\b|\bbleed\w*|\bstitches\b|\bpain\b|\bhurt\b|\bache\b",
            r"\bpanic\w*|\bnightmares?\b|\bshiver\w*|\bshaking\b|\bthrown\s+up\b|\bbad\s+night\b|\bhospital\b",
            r"\bcut\b|\bgash\b|\bburning\s+up\b|\bsobbing\b|\bwanted\s+to\s+die\b")
COMFORT = _cue(r"\bI'?m\s+here\b|\bnot\s+going\s+anywhere\b|\bI\s+got\s+you\b|\bit'?s\s+okay\b|\byou'?re\s+okay\b",
               r"\bheld\s+(?:him|her|them)\b|\bstroked\s+\w+\s+hair\b|\bcomfort\w*|\bsooth\w*|\bhugg?\w*",
               r"\bblanket\b|\bstay\b|\bcalled\s+back\b|\btalked\s+about\s+nothing\b|\btheir\s+hands?\b|\bhis\s+hand\b|\bher\s+hand\b",
               r"\bcold\s+cloth\b|\bfever\s+broke\b|\bsaid\s+your\s+name\b|\bheld\s+(?:him|her)\s+so\s+tightly\b")
MENTOR = _cue(r"\bsensei\b|\bcoach\b|\bmentor\w*|\bapprentice\b|\bteacher\b|\bstudent\b|\bpupil\b|\bresident\b",
              r"\btraining\b|\btaught\b|\blesson\w*|\bexercise\b|\bform'?s\s+better\b|\bagain,?\"|\"again[,.!]",
              r"\byour\s+turn\b|\bguided\s+(?:his|her)\b|\bcontrol\s+first\b|\bpride\b|\bproud\b|\bdone\s+well\b")
FAMILY = _cue(r"\bmum\b|\bmom\b|\bmother\b|\bdad\b|\bfather\b|\bgranddad\b|\bgrandpa\b|\bgrandma\b|\bnana\b",
              r"\bbrother\b|\bsister\b|\buncle\b|\baunt\b|\bnephew\b|\bniece\b|\bdaughter\b|\bson\b|\bfamily\b|\bgenerations\b")
FRIEND = _cue(r"\bfriends?\b|\bfriendship\b|\broommate\b|\bteam\b|\bhigh-fived\b|\bbickering\b|\btogether\b",
              r"\bbest\s+friends?\b|\bsleepover\b|\bstole\s+(?:a|the)\b|\bshoulder\s+to\s+shoulder\b|\brival\b|\bhappily\b")
ROMANCE = _cue(r"\bkiss\w*|\bin\s+love\b|\bI\s+love\s+you\b|\bhusband\b|\bwife\b|\bboyfriend\b|\bgirlfriend\b",
               r"\bmade\s+love\b|\bcrush\w*|\bthink\s+about\s+you\b|\bheld\s+hands\b|\bfirst\s+dance\b")
FIRST_KISS = _cue(r"\bfirst\s+kiss\b|\bkissed\s+(?:him|her|them)\s+(?:back|properly)\b|\bleaned\s+(?:over|in)\s+and\s+kissed\b",
                  r"\bneither\s+of\s+them\s+had\s+said\b")
INTROSPECTION = _cue(r"\bthink\w*|\bthought\b|\bremember\w*|\bwonder\w*|\bfeel\w*|\bfelt\b|\bmemor\w*|\bdream\w*")
LETTER_OPEN = re.compile(r"^\s*(?:My\s+)?(?:Dear|Dearest|My\s+dearest)\b[^\n]{0,40},\s*$", re.MULTILINE | re.IGNORECASE)
LETTER_CLOSE = re.compile(
    r"^\s*(?:Yours|Love|With\s+love|Ever\s+your[^\n]*|Your\s+loving[^\n]*|Sincerely|Always)[^\n]{0,30},?\s*\n\s*\S+\s*$",
    re.MULTILINE | re.IGNORECASE,
)


def additional_tags(
    world: World, report: EmotionReport, warnings: Sequence[Suggestion], content: Sequence[Suggestion]
) -> list[Suggestion]:
    text = world.work.text
    words = max(world.work.word_count, 1)
    warned = {w.tag for w in warnings}
    labels = {c.tag for c in content}
    valence = report.mean_valence
    emotions = report.mean_emotions()
    dark = {"death", "suicide", "self-harm", "abuse", "sexual violence", "gore"}
    tags: list[Suggestion] = []

    def add(tag: str, confidence: float, spans: Sequence[Span] = (), source: str = "text") -> None:
        tags.append(Suggestion("additional", tag, round(min(confidence, 0.95), 3), evidence_of(spans), source))

    low = report.low_point
    low_span = [Span(low.start, low.end)] if low else []
    angst = -valence + 0.03 * (emotions["sadness"] + emotions["fear"] - emotions["joy"]) + (0.3 if labels & dark or warned & {"Major Character Death", "Graphic Depictions Of Violence"} else 0.0)
    if angst >= 0.25:
        add("Angst", 0.4 + angst, low_span)

    grief = _spans(GRIEF, text)
    if len(grief) >= 2 and ("death" in labels or "Major Character Death" in warned):
        add("Grief", 0.45 + 0.08 * len(grief), grief)

    hurt, comfort = _spans(HURT, text), _spans(COMFORT, text)
    if len(hurt) >= 2 and len(comfort) >= 2 and _comfort_follows(hurt, comfort):
        add("Hurt/Comfort", 0.4 + 0.05 * (len(hurt) + len(comfort)), hurt[:2] + comfort[:3])

    high = max(report.arc, key=lambda p: p.valence) if report.arc else None
    if valence >= 0.05 and emotions["joy"] + emotions["trust"] > emotions["sadness"] + emotions["fear"] and not (labels & (dark | {"violence", "drugs"})) and not (warned - {"No Archive Warnings Apply"}) and angst < 0.1:
        add("Fluff", 0.4 + valence, [Span(high.start, high.end)] if high else [])

    mentor_relation = [r for r in world.relations if r.type == "mentorship"]
    mentor = _spans(MENTOR, text)
    if mentor_relation or len(mentor) >= 4:
        add("Mentor/Protégé", 0.5 + 0.05 * len(mentor), [*(s for r in mentor_relation for s in r.evidence), *mentor])

    romance_relation = [r for r in world.relations if r.type == "romance"]
    romance = _spans(ROMANCE, text)
    if romance_relation or len(romance) >= 3:
        add("Romance", 0.45 + 0.07 * len(romance), [*(s for r in romance_relation for s in r.evidence), *romance])
        first = _spans(FIRST_KISS, text)
        if first and not re.search(r"\b(?:husband|wife|married|boyfriend|girlfriend)\b", text, re.IGNORECASE):
            add("First Kiss", 0.55, first)

    family = _spans(FAMILY, text)
    if len(family) >= 4 and valence > 0.1 and "abuse" not in labels:
        add("Family", 0.4 + 0.03 * len(family), family)

    friend_relation = [r for r in world.relations if r.type == "friendship"]
    friend = _spans(FRIEND, text)
    named = [c for c in world.characters if c.name != "the narrator" and c.mentions >= 2]
    if friend_relation or (len(friend) >= 2 and len(named) >= 2 and valence > -0.05 and len(romance) < 3 and not mentor_relation and len(mentor) < 4):
        add("Friendship", 0.45 + 0.05 * len(friend), [*(s for r in friend_relation for s in r.evidence), *friend])

    quoted = sum(q.end - q.start for q in world.quotes) / max(len(text), 1)
    inner = _spans(INTROSPECTION, text)
    if len(named) <= 1 and quoted < 0.1 and len(inner) >= 2 and words >= 60:
        add("Character Study", 0.45 + 0.03 * len(inner), inner)

    if LETTER_OPEN.search(text) and LETTER_CLOSE.search(text):
        opening = LETTER_OPEN.search(text)
        add("Epistolary", 0.75, [Span(opening.start(), opening.end())] if opening else [])

    narration = world.narration
    if narration.tense == "present":
        add("Present Tense", 0.8, source="narration")
    if narration.person == "first":
        add("POV First Person", 0.8, source="narration")
    elif narration.person == "second":
        add("POV Second Person", 0.8, source="narration")
    return tags


def _spans(pattern: re.Pattern[str], text: str) -> list[Span]:
    return [Span(m.start(), m.end()) for m in pattern.finditer(text)]


def _comfort_follows(hurt: Sequence[Span], comfort: Sequence[Span]) -> bool:
    return any(c.start > hurt[0].start for c in comfort)
