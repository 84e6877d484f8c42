"""A learned detector of realis events: which words tell of something that actually happened.

LitBank's event layer (Sims et al., ACL 2019) marks a token ``EVENT`` when it is an event
told as actually taking place (a verb such as ``ran``, a noun such as ``the war`` or ``a
cry``, now and then an adjective); negated, hypothetical, wished, conditional, generic and
habitual ones are left out. Each candidate token (a verb, noun or adjective) gets a set of
cheap features from the spaCy parse: its word, lemma, tags, dependency and morphology, its
head and the clauses above it (negation, modal and future auxiliaries, ``if``/``unless``,
``to``-infinitives, verbs of wishing and planning), whether it sits in quoted speech, the
sentence's shape and the words beside it. The features are hashed into a fixed table of
weights, a logistic model, whose probability over a threshold chosen on LitBank's dev documents
marks an event. A verb, noun or adjective with a negation or a modal of its own (``did not
scream``, ``would have married``) is no candidate at all. The parser's own token vectors
(``doc.tensor``) were tried as further inputs, linear and through a small hidden layer: they
did not raise dev F1, so the model does without them.

The weights (``data/models/realis_events.npz``) are trained on LitBank's training documents
by ``training/train_realis_events.py`` (``make train-events``). Numpy only, CPU only; the
weights are read once, on first use. :func:`model_available` is False when the weights are
absent, were trained for other features or another spaCy model, or ``STORYWORLD_RULES_ONLY=1``
asks for the rules (:func:`storyworld.nlp.events.realis_triggers` then falls back to them).
"""

from __future__ import annotations

import os
import zlib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
from spacy.tokens import Doc, Token

from .packaged import RULES_ONLY_ENV, read_packaged

WEIGHTS_RESOURCE = "data/models/realis_events.npz"
FEATURE_VERSION = "realis-4"  # change when the features change: older weights are then stale
HASH_BITS = 18
CANDIDATE_POS = frozenset({"VERB", "NOUN", "ADJ"})
MODAL_WORDS = frozenset(
    {"would", "could", "might", "should", "may", "must", "will", "shall", "can", "'d", "'ll", "wo", "ca",
     "ought"}
)
NEGATIONS = frozenset({"not", "n't", "never", "no", "nor", "neither", "nothing", "nobody", "none"})
# Subordinators whose clause may be told as possible, expected or conceded, not as done.
CLAUSE_MARKS = frozenset({"if", "unless", "whether", "lest", "though", "although", "till", "until", "before"})
# Verbs whose complements are plans, wishes, attempts or thoughts rather than things done.
IRREALIS_GOVERNORS = frozenset(
    """want wish hope try plan intend attempt refuse fail promise pretend imagine dream fear
    need mean expect decide prepare vow long yearn desire consider contemplate aim seek suppose
    hesitate offer ask beg order tell like love hate prefer dare resolve determine propose
    suggest allow let make cause seem appear begin start continue ought""".split()
)
GOVERNED_DEPS = frozenset({"xcomp", "ccomp", "advcl", "conj", "pcomp", "pobj", "dobj"})
HABITUAL_ADVERBS = frozenset(
    {"always", "often", "usually", "sometimes", "generally", "ever", "seldom", "rarely", "frequently"}
)
OPENING_QUOTES = frozenset({"“", "«"})
CLOSING_QUOTES = frozenset({"”", "»"})
CLIMB = 3  # clauses above the token whose cues count
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "expl"})


@dataclass(frozen=True)
class RealisWeights:
    """A logistic model over hashed features: one weight per hash bucket, a bias, and the
    probability over which a token is an event."""

    weights: np.ndarray  # (2 ** HASH_BITS,)
    bias: float
    threshold: float

    def probabilities(self, features: TokenFeatures) -> np.ndarray:
        """P(event) of every candidate row."""
        rows = len(features.tokens)
        scores = np.bincount(features.rows, weights=self.weights[features.indices], minlength=rows)
        return 1.0 / (1.0 + np.exp(-(scores + self.bias)))


@dataclass(frozen=True)
class TokenFeatures:
    """Hashed features of a Doc's candidate tokens: row ``rows[k]`` has feature ``indices[k]``."""

    tokens: np.ndarray  # (candidates,) token indices into the Doc
    rows: np.ndarray  # (entries,)
    indices: np.ndarray  # (entries,) hash buckets


def realis_event_tokens(doc: Doc, weights: RealisWeights | None = None) -> list[Token]:
    """The tokens of ``doc`` the model marks as realis events, in order (none without weights)."""
    weights = weights or shipped_weights()
    if weights is None:
        return []
    features = doc_features(doc)
    if len(features.tokens) == 0:
        return []
    chosen = features.tokens[weights.probabilities(features) >= weights.threshold]
    return [doc[int(i)] for i in chosen]


def is_candidate(token: Token) -> bool:
    """A verb, noun or adjective (the parts of speech of 99% of LitBank's event tokens) that
    carries no negation or modal of its own: ``did not scream``, ``never answered``, ``would
    have married`` are never events (of LitBank's training verbs, 10 of 575 negated ones and
    28 of 898 with a modal are), whatever the weights say."""
    if token.pos_ not in CANDIDATE_POS:
        return False
    for child in token.children:
        dep = child.dep_
        if dep == "neg" or dep == "advmod" and child.lower_ in NEGATIONS:
            return False
        if dep == "aux" and child.lower_ in MODAL_WORDS:
            return False
    return True


def doc_features(doc: Doc) -> TokenFeatures:
    """Hashed features of every candidate token of ``doc``."""
    quoted = quoted_tokens(doc)
    questions = question_tokens(doc)
    mask = (1 << HASH_BITS) - 1
    tokens: list[int] = []
    rows: list[int] = []
    indices: list[int] = []
    for token in doc:
        if not is_candidate(token):
            continue
        row = len(tokens)
        tokens.append(token.i)
        names = token_features(token, quoted[token.i], questions[token.i])
        indices.extend(zlib.crc32(name.encode()) & mask for name in names)
        rows.extend([row] * len(names))
    return TokenFeatures(
        np.array(tokens, dtype=np.int64), np.array(rows, dtype=np.int64), np.array(indices, dtype=np.int64)
    )


def token_features(token: Token, in_quote: bool, question: bool) -> list[str]:
    """The feature names of one candidate token (see the module docstring)."""
    lower = token.lower_
    lemma = token.lemma_.lower()
    pos, tag, dep = token.pos_, token.tag_, token.dep_
    head = token.head
    head_lemma = head.lemma_.lower()
    features = [
        f"w={lower}", f"l={lemma}", f"t={tag}", f"d={dep}", f"td={tag}|{dep}", f"lt={lemma}|{tag}",
        f"s3={lower[-3:]}", f"s2={lower[-2:]}", f"p3={lower[:3]}",
        f"hl={head_lemma}", f"ht={head.tag_}", f"dht={dep}|{head.tag_}", f"dhl={dep}|{head_lemma}",
        f"ld={lemma}|{dep}", f"lhl={lemma}|{head_lemma}",
        f"q={in_quote}|{pos}", f"qt={in_quote}|{tag}", f"lq={lemma}|{in_quote}", f"?={question}|{pos}",
        f"cap={token.is_title}|{pos}",
    ]
    morph = token.morph
    for key in ("Tense", "Aspect", "VerbForm", "Mood", "Number"):
        value = morph.get(key)
        if value:
            features.append(f"m{key}={value[0]}|{pos}")
    features.extend(_neighbour_features(token))
    features.extend(_child_features(token, pos))
    features.extend(_clause_features(token, pos))
    return features


def _neighbour_features(token: Token) -> list[str]:
    doc = token.doc
    i = token.i
    before = doc[i - 1] if i > 0 else None
    before2 = doc[i - 2] if i > 1 else None
    after = doc[i + 1] if i + 1 < len(doc) else None
    return [
        f"w-1={before.lower_ if before is not None else '<s>'}",
        f"t-1={before.tag_ if before is not None else '<s>'}",
        f"w-2={before2.lower_ if before2 is not None else '<s>'}",
        f"w+1={after.lower_ if after is not None else '</s>'}",
        f"t+1={after.tag_ if after is not None else '</s>'}",
        f"t-1t={before.tag_ if before is not None else '<s>'}|{token.tag_}",
    ]


def _child_features(token: Token, pos: str) -> list[str]:
    """Auxiliaries, determiners (``no``), subjects and objects hanging on the token."""
    features = []
    for child in token.children:
        dep = child.dep_
        lowered = child.lower_
        if dep in ("aux", "auxpass"):  # "had", "was", "to" (modals never reach here)
            features.append(f"aux={lowered}")
            if lowered == "to":
                features.append("to-inf")
        elif dep == "det" and lowered in NEGATIONS:  # "no answer came"
            features.append(f"neg|{pos}")
        elif dep == "det" or dep == "poss":
            features.append(f"det={lowered}|{pos}")
        elif dep in SUBJECT_DEPS:
            subject = lowered if child.pos_ == "PRON" else child.pos_
            features.append(f"subj={dep}|{subject}")
        elif dep in ("dobj", "prt", "agent", "dative", "attr", "acomp", "prep", "mark", "advmod"):
            features.append(f"c={dep}|{lowered if dep in ('prt', 'mark', 'prep', 'advmod') else child.pos_}")
            if dep == "advmod" and lowered in HABITUAL_ADVERBS:
                features.append("habitual")
    return features


def _clause_features(token: Token, pos: str) -> list[str]:
    """Cues of the clauses above the token: how it hangs on them and what they carry."""
    features = []
    current = token
    for level in range(1, CLIMB + 1):
        if current.dep_ == "ROOT" or current.head is current:
            break
        parent = current.head
        parent_lemma = parent.lemma_.lower()
        features.append(f"a{level}={current.dep_}|{parent.dep_}|{parent.pos_}")
        features.append(f"a{level}l={current.dep_}|{parent_lemma}")
        if current.dep_ in GOVERNED_DEPS and parent_lemma in IRREALIS_GOVERNORS:
            features.append(f"irrealis-gov{level}|{current.dep_}")
        for child in parent.children:
            if child.i == current.i:
                continue
            dep = child.dep_
            lowered = child.lower_
            if dep == "aux" and lowered in MODAL_WORDS:
                features.append(f"a-modal={lowered}|{current.dep_}")
            elif dep == "neg" or lowered in NEGATIONS and dep == "advmod":
                features.append(f"a-neg|{current.dep_}")
            elif dep == "aux" and lowered == "to":
                features.append(f"a-to|{current.dep_}")
            elif dep == "mark" and lowered in CLAUSE_MARKS:
                features.append(f"a-mark={lowered}")
        for child in current.children:
            if child.dep_ == "mark" and child.lower_ in CLAUSE_MARKS:
                features.append(f"mark={child.lower_}|{level}")
        current = parent
    features.append(f"root={current.tag_}|{pos}")
    return features


def quoted_tokens(doc: Doc) -> list[bool]:
    """Per token, whether it lies inside double-quoted speech (quotes close at a paragraph's end)."""
    inside = False
    flags = []
    for token in doc:
        text = token.text
        if token.is_space and text.count("\n") >= 2:
            inside = False
        if text in OPENING_QUOTES:
            inside = True
            flags.append(True)
            continue
        if text in CLOSING_QUOTES:
            flags.append(True)
            inside = False
            continue
        if text == '"':
            inside = not inside
            flags.append(True)
            continue
        flags.append(inside)
    return flags


def question_tokens(doc: Doc) -> list[bool]:
    """Per token, whether its sentence ends in a question mark (closing quotes aside)."""
    flags = [False] * len(doc)
    for sentence in doc.sents:
        tail = [t for t in sentence[-3:] if not t.is_space and not t.is_quote]
        if tail and tail[-1].text == "?":
            flags[sentence.start : sentence.end] = [True] * len(sentence)
    return flags


# ---- weights -------------------------------------------------------------------------------


def save_weights(weights: RealisWeights, path: Path, spacy_model: str) -> None:
    """Write ``weights`` (as float16) with the features and spaCy model they were trained for."""
    np.savez_compressed(
        path,
        feature_version=np.array(FEATURE_VERSION),
        spacy_model=np.array(spacy_model),
        weights=weights.weights.astype(np.float16),
        bias=np.array(weights.bias, np.float32),
        threshold=np.array(weights.threshold, np.float32),
    )


def read_weights(path: Path, spacy_model: str | None = None) -> RealisWeights | None:
    """Weights from ``path``; None when trained for other features (or another spaCy model)."""
    with np.load(path) as data:
        if str(data["feature_version"]) != FEATURE_VERSION:
            return None
        if spacy_model is not None and str(data["spacy_model"]) != spacy_model:
            return None
        table = data["weights"].astype(np.float32)
        if table.shape != (1 << HASH_BITS,):
            return None
        return RealisWeights(
            weights=table,
            bias=float(data["bias"]),
            threshold=float(data["threshold"]),
        )


def spacy_model_name() -> str:
    """``package-version`` of the installed spaCy model whose parses the features read (the
    weights are trained on its tags and dependencies); ``package-missing`` when absent."""
    from importlib import metadata

    from .pipeline import MODEL_PACKAGE

    try:
        return f"{MODEL_PACKAGE}-{metadata.version(MODEL_PACKAGE)}"
    except metadata.PackageNotFoundError:
        return f"{MODEL_PACKAGE}-missing"


def model_available() -> bool:
    """Whether the learned model decides realis events (weights shipped and fresh, and not
    switched off by ``STORYWORLD_RULES_ONLY=1``, which benchmarks use for the rules)."""
    return not os.environ.get(RULES_ONLY_ENV) and shipped_weights() is not None


@lru_cache(maxsize=1)
def shipped_weights() -> RealisWeights | None:
    """The weights shipped in the package, read on first use; None when absent or stale."""
    return read_packaged(WEIGHTS_RESOURCE, lambda path: read_weights(path, spacy_model_name()))

