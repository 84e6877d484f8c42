"""The World as a readable terminal report (rich renderables; the caller prints them)."""

from __future__ import annotations

from collections.abc import Iterator

from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from ..world import World

MAX_QUOTE_CHARS = 160
MAX_SHIFTS_SHOWN = 8
MAX_RELATIONS_SHOWN = 15


def render_world(world: World) -> RenderableType:
    """A summary: the work, its cast, every spoken line with its speaker, narration, relations."""
    return Group(*_sections(world))


def _sections(world: World) -> Iterator[RenderableType]:
    yield _work_panel(world)
    yield _cast_table(world)
    yield from _character_sheets(world)
    yield _dialogue_table(world)
    yield _narration_panel(world)
    if world.relations:
        yield _relations_table(world)
    if world.emotion_arc or world.tags:
        yield _feelings_and_tags_panel(world)
    if world.entities is not None:
        yield _entities_panel(world)


ENTITY_LABELS = {"PER": "people", "LOC": "places", "GPE": "political places", "FAC": "facilities",
                 "VEH": "vehicles", "ORG": "organisations"}


def _entities_panel(world: World) -> RenderableType:
    """Counts per LitBank category and the commonest phrases of each."""
    from collections import Counter

    text = world.work.text
    lines = Text()
    entities = world.entities or ()
    for label, name in ENTITY_LABELS.items():
        found = Counter(text[e.start : e.end] for e in entities if e.label == label)
        if not found:
            continue
        common = ", ".join(f"{phrase} ({n})" for phrase, n in found.most_common(6))
        lines.append(f"{name}: ", style="bold")
        lines.append(f"{sum(found.values())} mentions: {common}\n")
    return Panel(lines or Text("none found"), title="Entities (LitBank tagger)", expand=False)


def _work_panel(world: World) -> RenderableType:
    work = world.work
    lines = Text()
    lines.append(work.title or "(untitled)", style="bold")
    if work.author:
        lines.append(f" by {work.author}")
    lines.append(f"\n{work.word_count:,} words, {len(work.chapters) or 1} chapter(s), ")
    lines.append(f"{len(work.scene_breaks)} scene break(s)")
    if work.fandoms:
        lines.append(f"\nFandoms: {', '.join(work.fandoms)}")
    kinds = sorted({p.kind for p in work.paratext})
    if kinds:
        lines.append(f"\nKept apart from the story: {', '.join(kinds)}")
    return Panel(lines, title="Work", expand=False)


def _cast_table(world: World) -> RenderableType:
    table = Table(title="Cast", show_lines=False)
    for column in ("id", "name", "aliases", "mentions", "pronouns", "lines"):
        table.add_column(column, justify="right" if column in ("mentions", "lines") else "left")
    spoken = _lines_per_speaker(world)
    for character in world.characters:
        table.add_row(
            character.id,
            character.name,
            ", ".join(a for a in character.aliases if a != character.name),
            str(character.mentions),
            character.pronouns,
            str(spoken.get(character.id, 0)),
        )
    return table


def _lines_per_speaker(world: World) -> dict[str, int]:
    counts: dict[str, int] = {}
    for quote in world.quotes:
        if quote.speaker:
            counts[quote.speaker] = counts.get(quote.speaker, 0) + 1
    return counts


def _dialogue_table(world: World) -> RenderableType:
    names = {c.id: c.name for c in world.characters}
    table = Table(title=f"Dialogue ({len(world.quotes)} quoted segments)")
    table.add_column("speaker")
    table.add_column("to")
    table.add_column("line")
    table.add_column("conf.", justify="right")
    for quote in world.quotes:
        text = quote.text if len(quote.text) <= MAX_QUOTE_CHARS else quote.text[:MAX_QUOTE_CHARS] + "..."
        table.add_row(
            names.get(quote.speaker or "", "?"),
            names.get(quote.addressee or "", ""),
            text,
            f"{quote.confidence:.2f}",
        )
    return table


def _narration_panel(world: World) -> RenderableType:
    narration = world.narration
    focal = world.character(narration.focal_character)
    text = Text()
    text.append(f"{narration.person.capitalize()} person, {narration.tense} tense")
    text.append(f"; follows {focal.name}" if focal else "; no focal character")
    text.append(f"\n{len(narration.tense_shifts)} sentence(s) slip out of the {narration.tense} tense")
    for shift in narration.tense_shifts[:MAX_SHIFTS_SHOWN]:
        sentence = world.work.text[shift.start : shift.end].replace("\n", " ")
        text.append(f"\n  [{shift.tense}] {sentence[:120]}", style="dim")
    return Panel(text, title="Narration", expand=False)


def _relations_table(world: World) -> RenderableType:
    names = {c.id: c.name for c in world.characters}
    table = Table(title="Relations")
    for column in ("source", "type", "target", "weight", "evidence"):
        table.add_column(column)
    for relation in world.relations[:MAX_RELATIONS_SHOWN]:
        table.add_row(
            names[relation.source],
            relation.type,
            names[relation.target],
            f"{relation.weight:g}",
            str(len(relation.evidence)),
        )
    return table


MAX_SHEETS = 8
MAX_SHEET_ITEMS = 6


def _character_sheets(world: World) -> Iterator[RenderableType]:
    """One panel per main character: names, pronouns, roles, status, relations, key events,
    first and last appearance, share of dialogue."""
    names = {c.id: c.name for c in world.characters}
    for character in world.characters[:MAX_SHEETS]:
        text = Text()
        aliases = [a for a in character.aliases if a != character.name]
        text.append(f"Also: {', '.join(aliases) or '-'}\nPronouns: {character.pronouns}")
        text.append(f"\nRoles: {', '.join(character.roles) or '-'}\nStatus: {character.status}")
        if character.first_appearance is not None:
            text.append(f"\nAppears: {character.first_appearance:,} to {character.last_appearance:,}")
        if character.dialogue_share is not None:
            text.append(f"\nShare of dialogue: {character.dialogue_share:.0%}")
        if character.emotion is not None:
            text.append(f"\nFeels: {_feeling(character.emotion.valence, character.emotion.emotions)}")
            text.append(f" (from {character.emotion.source.replace('+', ' and ')})", style="dim")
        typed = [r for r in world.relations if r.type != "interaction" and character.id in (r.source, r.target)]
        for relation in typed[:MAX_SHEET_ITEMS]:
            label = f" ({relation.label})" if relation.label else ""
            text.append(f"\n  {names[relation.source]} -{relation.type}{label}-> {names[relation.target]}")
        events = [e for e in world.events if character.id in (e.agent, e.patient)]
        for event in events[:MAX_SHEET_ITEMS]:
            agent = names.get(event.agent or "", "someone")
            patient = f" {names[event.patient]}" if event.patient in names else ""
            text.append(f"\n  * {agent} {event.predicate}{patient}", style="dim")
        yield Panel(text, title=f"{character.id} {character.name}", expand=False)


MAX_SCENES_SHOWN = 8


def _feeling(valence: float, emotions: dict[str, float]) -> str:
    """``+0.31 joy``: valence and the strongest emotion, if any."""
    strongest = max(emotions, key=lambda e: emotions[e], default=None)
    if strongest is None or emotions[strongest] <= 0:
        return f"{valence:+.2f}"
    return f"{valence:+.2f} {strongest}"


def _feelings_and_tags_panel(world: World) -> RenderableType:
    """The emotion arc as a sparkline, its low point, and the suggested tags with confidence."""
    from ..nlp.emotion import sparkline

    text = Text()
    if world.emotion_arc:
        low = min(world.emotion_arc, key=lambda p: p.valence)
        text.append("Arc  ", style="bold")
        text.append(sparkline(world.emotion_arc), style="cyan")
        passage = world.work.text[low.start : low.end].replace("\n", " ")
        text.append(f"\nLow point (valence {low.valence:+.2f}): {passage[:100]}", style="dim")
    if len(world.emotion_scenes) > 1:
        scenes = world.emotion_scenes
        shown = " | ".join(_feeling(s.valence, s.emotions) for s in scenes[:MAX_SCENES_SHOWN])
        more = f" | ... {len(scenes) - MAX_SCENES_SHOWN} more" if len(scenes) > MAX_SCENES_SHOWN else ""
        text.append("\nScenes  ", style="bold")
        text.append(shown + more)
    tags = world.tags
    confidence = {(s["family"], s["tag"]): s["confidence"] for s in tags.get("suggestions", [])}
    for family, label in (
        ("fandoms", "Fandoms"),
        ("rating", "Rating"),
        ("archive_warnings", "Warnings"),
        ("categories", "Categories"),
        ("relationships", "Relationships"),
        ("characters", "Characters"),
        ("additional", "Additional"),
    ):
        values = tags.get(family)
        values = [values] if isinstance(values, str) else list(values or [])
        if values:
            shown = ", ".join(f"{v} ({confidence.get((family, v), 1.0):.2f})" for v in values)
            text.append(f"\n{label}: ", style="bold")
            text.append(shown)
    content = tags.get("content_warnings") or []
    if content:
        text.append("\nContent: ", style="bold")
        text.append(", ".join(f"{c['label']} ({c.get('confidence', 1.0):.2f})" for c in content))
    for disagreement in tags.get("disagreements", []):
        text.append(f"\nAuthor vs. suggested, {disagreement['family']}: ", style="yellow")
        text.append(f"only ours {disagreement['only_ours']}, only the author's {disagreement['only_author']}")
    return Panel(text, title="Feelings and tags (suggestions)", expand=False)
