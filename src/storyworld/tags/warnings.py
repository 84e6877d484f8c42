"""Archive warnings in AO3's exact strings, favouring recall, each with evidence.

- Major Character Death: a death that happens in the story (not one only remembered), from
  death cues near a character, a ``killed`` relation, or a character whose status is dead.
- Graphic Depictions Of Violence: violence together with gore, or very dense violence.
- Rape/Non-Con: sexual-violence cues.
- Underage Sex: sexual content together with an age under eighteen.
A work with none of them gets "No Archive Warnings Apply".
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

from ..world import Span, World
from .cues import MINOR_AGE, Hit, score
from .model import Suggestion, evidence_of
from .vocabulary import GDOV, MCD, NO_WARNINGS, RAPE, UNDERAGE

MCD_EVENT = 2.5
GDOV_VIOLENCE = 3.0
GDOV_GORE = 1.0
GDOV_DENSE = 7.0
RAPE_SCORE = 2.0
UNDERAGE_SEX = 3.0


def archive_warnings(world: World, hits: Mapping[str, Sequence[Hit]]) -> list[Suggestion]:
    found = [s for s in (_death(world, hits), _violence(hits), _rape(hits), _underage(world, hits)) if s]
    if not found:
        return [Suggestion("archive_warnings", NO_WARNINGS, 0.6)]
    return found


def _confidence(total: float, threshold: float) -> float:
    return round(1.0 - 0.45 * math.exp(-(total - threshold) / threshold), 3)


def _death(world: World, hits: Mapping[str, Sequence[Hit]]) -> Suggestion | None:
    events = list(hits.get("death_event", ()))
    total = score(events)
    spans = [h.span for h in sorted(events, key=lambda h: -h.weight)]
    dead = [c for c in world.characters if c.status == "dead"]
    killed = [r for r in world.relations if r.type == "killed"]
    if dead or killed:
        total += MCD_EVENT
        spans = [s for r in killed for s in r.evidence] + spans
    if total < MCD_EVENT:
        return None
    return Suggestion("archive_warnings", MCD, _confidence(total, MCD_EVENT), evidence_of(spans))


def _violence(hits: Mapping[str, Sequence[Hit]]) -> Suggestion | None:
    violence = score(hits.get("violence", ()))
    gore = score(hits.get("gore", ()))
    if not ((violence >= GDOV_VIOLENCE and gore >= GDOV_GORE) or violence >= GDOV_DENSE):
        return None
    spans = [h.span for h in sorted([*hits.get("gore", ()), *hits.get("violence", ())], key=lambda h: -h.weight)]
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
