"""LitBank's realis event layer: gold loading and the rules' triggers."""

from __future__ import annotations

from pathlib import Path

from storyworld.nlp.events import realis_triggers


def test_realis_triggers_are_things_that_happened(nlp) -> None:
    doc = nlp("She ran to the gate and knocked twice. He seemed tired. She did not scream. They might leave tomorrow.")
    found = {t.text for t in realis_triggers(doc)}
    assert {"ran", "knocked"} <= found
    assert not found & {"seemed", "scream", "leave"}


def test_gold_events_load_on_the_original_text(datasets: Path) -> None:
    from storyworld.evaluation.litbank_events import gold_event_spans
    from storyworld.evaluation.splits import litbank_split

    doc_id = litbank_split("events", "dev")[0]
    spans, text = gold_event_spans(doc_id, datasets)
    assert spans and all(text[start:end].strip() == text[start:end] and end > start for start, end in spans)
    assert all(text[start:end].isalpha() or "-" in text[start:end] or "'" in text[start:end] for start, end in spans)
