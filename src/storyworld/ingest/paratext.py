"""Paratext inside the text: author's notes, disclaimers, chatty notes; fandoms named in disclaimers.

Explicit notes ("A/N:", "Author's note", "Disclaimer:") are paratext anywhere. Disclaimers
without a label and chatty notes ("hope you enjoy!", "please review") only count at the very
start or end of a chapter, where authors put them.
"""

from __future__ import annotations

import re

from ..world import Paratext, ParatextKind
from .draft import Block, para
from .metadata import DISCLAIMER, NOTE, SUMMARY, parse_label_line

_LEAD = r"^[\s*_~>#=-]*"
_EXPLICIT_NOTE = re.compile(
    _LEAD
    + r"(?:[(\[]\s*)?(?:(?:A\s*/\s*N|A\.\s?N\.)(?![\w/])"
    + r"|Authors?'?s?\s+Notes?\s*(?:[:\-–—.)\]!]|$))",
    re.IGNORECASE,
)
_EXPLICIT_AN = re.compile(_LEAD + r"(?:[(\[]\s*)?AN\s*[:\-–—)\]]")
_EDGE_NOTE = re.compile(
    _LEAD + r"(?:N/A|Notes?|End\s+Notes?|Beginning\s+Notes?|Chapter\s+Notes?|P\.?S\.?|Edit)\s*[:\-–—]",
    re.IGNORECASE,
)
_DISCLAIMER_LABEL = re.compile(_LEAD + r"disclaimers?\b\s*[:\-–—.!]*\s*", re.IGNORECASE)
_END_MARKERS = re.compile(r"^(?:end\s+file\.?|(?:table\s+of\s+)?contents:?)$", re.IGNORECASE)
_INLINE_NOTE = re.compile(
    r"\s*[(\[]\s*(?:A\s*/\s*N|AN|Authors?'?s?\s+notes?)\b\s*[:\-–—]?[^)\]]*[)\]]", re.IGNORECASE
)
_DISCLAIMER = re.compile(
    r"|".join(
        [
            r"(?i:\bI\s+(?:do\s*n[o']?t|dont|do\s+not|didn'?t)\s+own\s+)(?:(?i:anything|any\s+of|it\b|this\b|"
            r"them\b|these\b|the\s+(?:characters?|rights|franchise|series|anime|manga|show|books?|"
            r"original|story|world|universe))|(?:the\s+)?[A-Z0-9])",
            r"(?i:\bI\s+own\s+nothing\b)",
            r"(?i:\bI\s+(?:only\s+)?own\s+(?:only\s+)?(?:the|my)\s+"
            r"(?:plot|OCs?|original\s+characters?|idea)\b)",
            r"(?i:^\W*not\s+mine\b)",
            r"(?:[A-Z][\w'’:-]*|(?i:characters|they|these))\s+(?i:is|are)(?i:n'?t|\s+not)\s+"
            r"mine\b(?!\s+to\b)",
            r"(?i:\bno\s+(?:profit|money)\s+(?:is\s+|was\s+|will\s+be\s+)?(?:being\s+)?"
            r"(?:made|earned|gained|intended|involved)\b)",
            r"(?i:\bno\s+(?:copyright\s+)?infringement\b|\bno\s+profit\b(?=\s*[.!]|\s*$))",
            r"(?i:\bnot\s+(?:making|earning|receiving)\s+(?:any\s+)?(?:money|profit)\b)",
            r"(?i:\b(?:is|are)\s+(?:the\s+)?(?:sole\s+)?(?:property|copyright)\s+of\b)",
            r"(?i:\b(?:is|are)\s+owned\s+by\b)",
            r"(?i:\ball\s+rights\s+(?:go|belong|reserved))",
            r"©|\([cC]\)\s+[A-Z]",
        ]
    )
)
_I_DONT_OWN = re.compile(r"\bI\s+(?:do\s*n[o']?t|dont|do\s+not|didn'?t)\s+own\s+(?:the\s+)?", re.I)
_BELONGS = re.compile(r"\b(?:belongs?|belonged)\s+to\s+(?P<owner>[^.!?;]*)", re.IGNORECASE)
_CHATTY = re.compile(
    r"|".join(
        [
            r"\bhope\s+(?:you|u|y'all|everyone|ya)\b",
            r"\bplease\s+(?:r\s*&\s*r|review|comment|leave|let\s+me\s+know|tell\s+me|enjoy|forgive)",
            r"\br\s*(?:&|and)\s*r\b",
            r"\bread\s+(?:and|&)\s+review",
            r"\breviews?\s+(?:please|are|would|make|mean)",
            r"\bthanks?\s+(?:you\s+)?(?:so\s+much\s+)?for\s+(?:reading|the\s+reviews|all|your|reviewing|"
            r"following|favou?riting|the\s+kudos|sticking)",
            r"\bthank\s+you\s+(?:all|everyone|to|for)\b",
            r"\bthanks\s+(?:to|everyone|guys|again|all)\b",
            r"\b(?:let|tell)\s+me\s+(?:know\s+)?what\s+you\s+think",
            r"\bleave\s+(?:a|some)\s+(?:review|comment|kudos)",
            r"\bkudos\b",
            r"\bconstructive\s+criticism",
            r"\bflames?\b",
            r"\bmy\s+first\s+(?:fic|fanfic|story|fan\s?fiction|one-?shot)",
            r"\b(?:next|last|this|previous)\s+chapter\b",
            r"\bupdate\s+(?:soon|schedule|every|will)|\b(?:next|late|slow|quick)\s+update|"
            r"\b(?:will|'ll|to)\s+update\b|\bupdates?\s+(?:will|are|every)",
            r"\bsorry\s+(?:for|about)\s+the\b",
            r"\buntil\s+next\s+time\b",
            r"\bsee\s+(?:you|ya)\s+(?:next|soon|later|all)",
            r"\bstay\s+tuned\b",
            r"\bbeta(?:'d|ed|\s+read|\s+reader)?\b",
            r"\bdedicated\s+to\b",
            r"^\W*enjoy\b|\benjoy\s*(?:[!:]|the\s+(?:chapter|story|fic|read|ride)|this\s+(?:chapter|story|fic|one))",
            r"\bfeedback\b",
            r"\breviewers?\b",
            r"\bfavou?rites\b",
            r"\b(?:fic|fanfic|fan\s?fiction|one-?shot|drabble)\b",
            r"\bprompt\b",
            r"\bwritten\s+for\b",
        ]
    ),
    re.IGNORECASE,
)
_ADDRESSES_READER = re.compile(
    r"\b(?:I|I'm|I've|I'll|I'd|I’m|I’ve|I’ll|I’d)\b"
    r"|\b(?i:me|my|you|your|you're|you’re|y'all|u|guys|"
    r"everyone|readers?|lol)\b|!|[:;]-?[)(DPp3]|<3|\^\^|\bxD\b"
)
_DIALOGUE = re.compile(r"[\"“”]")
_QUOTES = tuple("\"“”'‘’«„")
_MAX_EDGE_WORDS = 90
_MAX_RUN_WORDS = 80
_RUN_PARAGRAPHS = 4

_PHRASE_CONNECTORS = {"of", "the", "and", "in", "on", "a", "an", "&", "to", "no", "x", "vs", "vs.", "de"}
_NOT_FANDOM = {
    "i", "it", "this", "these", "they", "them", "all", "any", "anything", "nothing", "everything",
    "characters", "character", "everyone", "some", "most", "none", "sadly", "unfortunately",
    "obviously", "only", "my", "me", "mine", "nope", "disclaimer", "if", "no", "not", "you", "we",
    "he", "she", "his", "her", "its", "our", "their", "your", "sorry", "yes", "well", "so", "but",
    "and", "or", "also", "just", "still", "even", "a/n", "an", "however", "though", "sadly,",
}
_OWNER_VERBS = {"does", "do", "did", "owns", "own", "has", "have"}
_SUBJECT_VERBS = re.compile(
    r"\s+(?:and\s+(?:all\s+)?(?:its|it's|their|the)\s+characters\s+)?(?:(?:belongs?|belonged)\s+to|"
    r"(?:is|are)\s+(?:the\s+)?(?:sole\s+)?(?:property|copyright)\s+of|(?:is|are)\s+owned\s+by|"
    r"(?:isn't|aren't|is\s+not|are\s+not)\s+mine)\b",
    re.IGNORECASE,
)
_DISCLAIMER_SUBJECT = re.compile(
    r"\b(?:characters?|rights|franchise|series|anime|manga|world|universe|everything|all)\b", re.IGNORECASE
)
_HONORIFIC_OWNER = re.compile(r"[A-Z]\w*(?:-(?:sensei|sama|san)\b|\.)")
_ABBREVIATION = re.compile(r"^(?:[A-Z]\.)+$|^(?:Mr|Mrs|Ms|Dr|St|Jr|Sr)\.$")


def word_count(text: str) -> int:
    return len(text.split())


def _plain(text: str) -> str:
    return text.replace("’", "'").replace("‘", "'")


def explicit_kind(text: str) -> ParatextKind | None:
    """Kind of a paragraph labelled as paratext ("A/N:", "Author's note", "Disclaimer:"), else None."""
    plain = _plain(text)
    if _EXPLICIT_NOTE.match(plain) or _EXPLICIT_AN.match(plain):
        return "author_note"
    if _DISCLAIMER_LABEL.match(plain):
        return "disclaimer"
    return None


def edge_kind(text: str) -> ParatextKind | None:
    """Kind of a paragraph found at a chapter's start or end if it is paratext there, else None."""
    explicit = explicit_kind(text)
    if explicit:
        return explicit
    plain = _plain(text).strip()
    if _END_MARKERS.match(plain):
        return "header"
    label = _label_kind(plain)
    if label:
        return label
    if plain.startswith(_QUOTES) or word_count(plain) > _MAX_EDGE_WORDS:
        return None
    if _EDGE_NOTE.match(plain):
        return "author_note"
    if is_disclaimer(plain):
        return "disclaimer"
    if _CHATTY.search(plain) and _ADDRESSES_READER.search(plain) and not _DIALOGUE.search(plain):
        return "author_note"
    return None


def _label_kind(text: str) -> ParatextKind | None:
    parsed = parse_label_line(text)
    if parsed is None:
        return None
    key = parsed[0]
    if key == SUMMARY:
        return "summary"
    if key == DISCLAIMER:
        return "disclaimer"
    if key == NOTE:
        return "author_note"
    return None


def is_disclaimer(text: str) -> bool:
    """True for "I don't own X", "X belongs to Y", "Not mine", "no profit" and the like."""
    plain = _plain(text)
    if _DISCLAIMER.search(plain):
        return True
    match = _BELONGS.search(plain)
    if match is None:
        return False
    subject = _clause_before(plain, match.start())
    words = subject.split()
    if not words or words[0].lower() in {"my", "his", "her", "your", "our", "their"}:
        return False
    owner = match.group("owner")
    if _DISCLAIMER_SUBJECT.search(subject):
        return any(word[:1].isupper() for word in owner.split()[:4]) or _owner_named(owner)
    return bool(_capitalised_phrase(subject)) and _owner_named(owner)


def _owner_named(owner: str) -> bool:
    words = owner.split()
    if not words:
        return False
    if re.match(r"(?:their|its|the)\s+(?:respective|original|rightful|wonderful|amazing|brilliant|great)",
                owner, re.IGNORECASE):
        return True
    capitalised = [word for word in words[:4] if word[:1].isupper()]
    return len(capitalised) >= 2 or any(_HONORIFIC_OWNER.match(word) for word in capitalised)


def fandoms_from_disclaimer(text: str) -> list[str]:
    """Works named in a disclaimer: "I don't own Naruto" → ["Naruto"]."""
    plain = _DISCLAIMER_LABEL.sub("", _plain(text), count=1)
    found: list[str] = []
    for match in _I_DONT_OWN.finditer(plain):
        found.extend(_phrase_list(plain[match.end():]))
    for match in _SUBJECT_VERBS.finditer(plain):
        phrase = _capitalised_phrase(_clause_before(plain, match.start()))
        if phrase:
            found.append(phrase)
    for match in re.finditer(r"\s*(?:©|\(c\))", plain):
        phrase = _capitalised_phrase(_clause_before(plain, match.start()))
        if phrase:
            found.append(phrase)
    return _unique(found)


def _clause_before(text: str, end: int) -> str:
    """The clause that ends at ``end``: back to the last sentence mark, colon or comma."""
    head = text[:end]
    marks = (". ", "! ", "? ", "; ", ", ", ": ", "\n", "—", " - ", "(")
    cut = max((head.rfind(mark) + len(mark) if mark in head else 0) for mark in marks)
    return head[cut:].strip()


def _phrase_list(text: str) -> list[str]:
    """Phrases in "Naruto, Bleach or One Piece"; stops at an owner ("..., Kishimoto does")."""
    phrases: list[str] = []
    rest = text
    while True:
        phrase, consumed = _leading_phrase(rest)
        if not phrase:
            break
        after = rest[consumed:]
        if after.split()[:1] and after.split()[0].strip(".,!").lower() in _OWNER_VERBS and phrases:
            break
        phrases.append(phrase)
        joiner = re.match(r"\s*(?:,\s*(?:or|and|nor)?|\s+or|\s+nor)\s+", after)
        if joiner is None:
            break
        rest = after[joiner.end():]
    return phrases


def _capitalised_phrase(clause: str) -> str | None:
    phrase, _ = _leading_phrase(clause)
    return phrase


def _leading_phrase(text: str) -> tuple[str | None, int]:
    """The run of capitalised words that opens ``text`` and how many characters it used."""
    tokens: list[str] = []
    position = 0
    for match in re.finditer(r"\S+", text):
        token = match.group()
        word = token.rstrip(",;!?)\"”")
        bare = word.rstrip(".:")
        capitalised = bare[:1].isupper() or bare[:1].isdigit()
        if not bare or not capitalised and not (tokens and bare.lower() in _PHRASE_CONNECTORS):
            break
        tokens.append(bare if word.endswith(".") and not _ABBREVIATION.match(word) else word)
        position = match.start() + len(word)
        if word != token or (word.endswith(".") and not _ABBREVIATION.match(word)) or len(tokens) >= 8:
            break
    while tokens and tokens[-1].lower() in _PHRASE_CONNECTORS:
        tokens.pop()
    if not tokens or tokens[0].lower() in _NOT_FANDOM:
        return None, position
    if tokens[0].lower() in {"the", "a", "an"} and len(tokens) == 1:
        return None, position
    return " ".join(tokens).strip(" .:"), position


def _unique(values: list[str]) -> list[str]:
    seen: set[str] = set()
    result = []
    for value in values:
        if value.casefold() not in seen:
            seen.add(value.casefold())
            result.append(value)
    return result


def separate_paratext(blocks: list[Block]) -> tuple[list[Block], list[Paratext]]:
    """Split a chapter's blocks into story blocks and paratext, both in reading order."""
    kinds = _explicit_kinds(blocks)
    _mark_edge(blocks, kinds, list(range(len(blocks))))
    _mark_edge(blocks, kinds, list(reversed(range(len(blocks)))))
    _mark_opening_note(blocks, kinds)
    _mark_closing_note(blocks, kinds)
    return _split(blocks, kinds)


def _explicit_kinds(blocks: list[Block]) -> list[ParatextKind | None]:
    kinds: list[ParatextKind | None] = []
    for block in blocks:
        if block.kind == "paratext":
            kinds.append(block.note)
        elif block.kind == "para":
            kinds.append(explicit_kind(block.text))
        else:
            kinds.append(None)
    return kinds


def _mark_edge(blocks: list[Block], kinds: list[ParatextKind | None], order: list[int]) -> None:
    """Mark the run of paratext paragraphs at one end of the chapter."""
    for index in order:
        block = blocks[index]
        if block.kind != "para" or kinds[index]:
            continue
        kind = edge_kind(block.text)
        if kind is None:
            return
        kinds[index] = kind


def _story_indexes(blocks: list[Block], kinds: list[ParatextKind | None]) -> list[int]:
    return [i for i, block in enumerate(blocks) if block.kind == "para" and kinds[i] is None]


def _note_like(block: Block, limit: int = _MAX_RUN_WORDS) -> bool:
    """A short paragraph in the author's voice: chatty, or speaking as I to you."""
    text = _plain(block.text)
    if word_count(text) > limit or text.lstrip().startswith(_QUOTES):
        return False
    return bool(_CHATTY.search(text) or _ADDRESSES_READER.search(text))


def _mark_opening_note(blocks: list[Block], kinds: list[ParatextKind | None]) -> None:
    """An opening "A/N:" runs on, over a few short paragraphs, to the first scene break."""
    story = _story_indexes(blocks, kinds)
    if not story or not any(
        blocks[i].kind == "para" and explicit_kind(blocks[i].text) == "author_note" for i in range(story[0])
    ):
        return
    run: list[int] = []
    for index in range(story[0], len(blocks)):
        block = blocks[index]
        if block.kind == "break":
            if run:
                for marked in run:
                    kinds[marked] = "author_note"
            return
        if block.kind == "para" and kinds[index] is None:
            if len(run) >= _RUN_PARAGRAPHS - 1 or not _note_like(block, 60):
                return
            run.append(index)


def _mark_closing_note(blocks: list[Block], kinds: list[ParatextKind | None]) -> None:
    """A closing "A/N:" takes the few short paragraphs after it to the end of the chapter."""
    story = _story_indexes(blocks, kinds)
    for start in reversed(range(len(blocks))):
        block = blocks[start]
        after = [i for i in story if i > start]
        if block.kind == "break" or len(after) > _RUN_PARAGRAPHS:
            return
        if block.kind == "para" and kinds[start] == "author_note" and explicit_kind(block.text):
            if all(_note_like(blocks[i]) for i in after):
                for index in after:
                    kinds[index] = "author_note"
            return


def _split(blocks: list[Block], kinds: list[ParatextKind | None]) -> tuple[list[Block], list[Paratext]]:
    story: list[Block] = []
    notes: list[Paratext] = []
    merge_next = False
    for block, kind in zip(blocks, kinds):
        if kind is None:
            if block.kind == "para":
                text, inline = extract_inline_notes(block.text)
                notes.extend(inline)
                if text:
                    story.append(para(text))
                    merge_next = False
            elif block.kind != "paratext":
                story.append(block)
            continue
        if merge_next and block.kind == "para" and kind == "author_note" and notes[-1].kind == kind:
            notes[-1] = Paratext(kind, f"{notes[-1].text}\n\n{block.text}")
        else:
            notes.append(Paratext(kind, block.text))
        merge_next = block.kind == "para" and kind == "author_note"
    return story, notes


def extract_inline_notes(text: str) -> tuple[str, list[Paratext]]:
    """Cut "(A/N: ...)" and "[A/N ...]" out of a story paragraph."""
    notes = [Paratext("author_note", match.group().strip()) for match in _INLINE_NOTE.finditer(text)]
    if not notes:
        return text, []
    return _INLINE_NOTE.sub("", text).strip(), notes
