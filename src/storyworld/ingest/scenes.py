"""Scene-break lines: rules of symbols (``* * *``, ``~*~``, ``o0o``, ``-x-``) and labelled rules."""

from __future__ import annotations

import re

# Characters that never make a rule on their own: quotes, brackets, sentence punctuation.
_NOT_RULE = set("'\"“”‘’‚„«»‹›()[]{}`")
_SENTENCE = set(".,;:!?…")
_LETTER_RULE = set("oO0xX")
_SPACED_LABEL = re.compile(r"^(?P<left>\S+)\s+(?P<label>.{1,40}?)\s+(?P<right>\S+)$")
_TIGHT_LABEL = re.compile(
    r"^(?P<left>[^\w\s]{3,})(?P<label>[^\W_].{0,38}?[^\W_]|[^\W_])(?P<right>[^\w\s]{3,})$"
)


def _is_rule_char(char: str) -> bool:
    return not char.isalnum() and not char.isspace() and char not in _NOT_RULE | _SENTENCE


def _alternating(letters: str) -> bool:
    """``o0o``, ``oOo``, ``xXx``, ``OxO``: neighbours always differ."""
    return len(letters) >= 3 and all(a != b for a, b in zip(letters, letters[1:]))


def is_scene_break(line: str) -> bool:
    """True if ``line`` is a scene-break rule such as ``***``, ``* * *``, ``~*~``, ``o0o``, ``-x-``."""
    compact = "".join(line.split())
    if not compact or len(compact) > 120:
        return False
    if all(char in _LETTER_RULE for char in compact):
        return _alternating(compact)
    rule_chars = [char for char in compact if _is_rule_char(char)]
    if not rule_chars:
        return False
    letters = [char for char in compact if char.isalnum()]
    if not letters:
        return all(_is_rule_char(char) or char in _SENTENCE for char in compact)
    return _is_decorated_letter_rule(compact)


def _is_decorated_letter_rule(compact: str) -> bool:
    """``-x-``, ``~o~``, ``=o0o=``, ``*xXx*``: letters from oO0xX framed by rule characters."""
    core = compact.strip("".join({c for c in compact if _is_rule_char(c)}))
    if not core or any(char not in _LETTER_RULE for char in core):
        return False
    if not all(_is_rule_char(char) or char in _LETTER_RULE for char in compact):
        return False
    framed = compact[0] != core[0] and compact[-1] != core[-1]
    return framed and (len(core) == 1 or _alternating(core) or len(set(core)) == 1)


def labelled_break(line: str) -> str | None:
    """The label of a rule such as ``~*~ Naruto's POV ~*~`` or ``--- Later ---``, else None."""
    text = line.strip()
    match = _SPACED_LABEL.match(text) or _TIGHT_LABEL.match(text)
    if match is None:
        return None
    left, right = match.group("left"), match.group("right")
    if not (_is_decoration(left) and _is_decoration(right)):
        return None
    label = match.group("label").strip()
    if len(label.split()) > 6 or any(char in "\"“”" for char in label):
        return None
    return label


def _is_decoration(token: str) -> bool:
    return len(token) >= 3 and is_scene_break(token)
