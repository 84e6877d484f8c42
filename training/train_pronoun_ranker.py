"""Train the pronoun-antecedent ranker on LitBank's coreference training documents; select on dev.

    .venv/bin/python training/train_pronoun_ranker.py            # train, select, write weights
    .venv/bin/python training/train_pronoun_ranker.py --report   # also score dev end to end
    .venv/bin/python training/train_pronoun_ranker.py --test     # and the test documents

Each text is analysed through the ordinary pipeline with the ranker off; the inputs of every
``resolve_pronouns`` call are captured (cast tokens, genders, quotes, who speaks each quote).
Two calls teach: the last before quotes are attributed (its links feed the speakers stage) and
the last of all (its links are the world's). Replaying a call with
:func:`storyworld.nlp.coref.pronoun_decisions` gives every pronoun's candidate characters and
their features exactly as inference sees them (the hand weights choosing among the candidates
the ranker sees, so the history holds the links they make).

* LitBank (coreference split, fold 0): a he/she pronoun's target is its gold cluster (first
  mentions left out); a cast character's is the gold cluster most of its name tokens fall in
  (that of the innermost gold PER mention around the token).
* PDNC training novels (``--pdnc-weight``): the pronoun of a speech tag right after a gold
  quote ("...," she said) stands for that quote's gold speaker; a cast character's target is
  the gold character its name maps to (the evaluation's name mapping). Only those pronouns.

A candidate is right when its target is the pronoun's. The model is linear, on top of the hand
score: score = hand score + w . standardised features, so that w = 0 is the hand weights. It is
fitted by full-batch Adam (deterministic) on a structured hinge: the best right candidate should
beat the best wrong one by ``--margin``, with L2 on w; pronouns whose right candidates the hand
weights leave more than ``--reach`` behind their top choice are left out (they teach the model
to break close calls it gets right in exchange for hopeless ones). The L2 weight is selected on
LitBank dev pronoun accuracy over the replayed calls; ties go to the stronger L2. Parses and
captures are cached under bench/out/pronoun_ranker/ (gitignored; PDNC parses are shared with the
speaker ranker's under bench/out/speaker_ranker/). Weights go to
src/storyworld/data/models/pronoun_ranker.npz; the pipeline uses them only when
``STORYWORLD_PRONOUN_RANKER=1`` (the module docstring of storyworld.nlp.pronoun_ranker says why).
Measured (``--report``, l2 = 0.1 chosen): LitBank dev end to end, pronoun accuracy 69.5 (hand
weights) -> 75.4, coreference average (PER) 45.5 -> 48.2.
"""

from __future__ import annotations

import argparse
import bisect
import json
import os
import pickle
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from spacy.tokens import Doc

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import cached_doc, pipeline_version  # noqa: E402
from train_speaker_ranker import Batch  # noqa: E402

import storyworld.analysis as analysis  # noqa: E402
from storyworld.evaluation.litbank import LitBankDocument, evaluate_litbank, load_litbank_document  # noqa: E402
from storyworld.evaluation.pdnc import PdncNovel, load_pdnc_novel, map_characters  # noqa: E402
from storyworld.evaluation.splits import litbank_split, pdnc_split  # noqa: E402
from storyworld.nlp import pronoun_ranker  # noqa: E402
from storyworld.nlp.coref import PRONOUN_GENDER, SUBJECT_DEPS, PronounDecision, pronoun_decisions  # noqa: E402
from storyworld.nlp.narration import OutsideSpeech  # noqa: E402
from storyworld.nlp.pronoun_ranker import FEATURE_NAMES, RANKER_SENTENCES, save_weights  # noqa: E402
from storyworld.nlp.speaker_ranker import RankerWeights, is_speech_verb  # noqa: E402
from storyworld.world import Character  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
CACHE = REPO / "bench" / "out" / "pronoun_ranker"
WEIGHTS = REPO / "src" / "storyworld" / "data" / "models" / "pronoun_ranker.npz"
EPOCHS = 300
MARGIN = 0.5  # in hand-score units: a sentence back costs 2.0, a subject earns 1.5
REACH = 2.0
L2_GRID = (1.0, 0.3, 0.1)
PDNC_WEIGHT = 1
TAG_GAP = ' ,"\'\n\t!?.;:-'  # what may stand between a quote's end and its tag's pronoun
HAND = FEATURE_NAMES.index("hand_score")


# ---- capturing what resolve_pronouns receives ---------------------------------------------


@dataclass
class Call:
    """The inputs of one ``resolve_pronouns`` call, in plain data."""

    name_tokens: dict[int, int]
    genders: list[str | None]
    outside: OutsideSpeech
    quote_spans: list[tuple[int, int]]
    parties: list[frozenset[int]] | None  # per quote span; None before quotes are attributed

    def speech_parties(self) -> Callable[[int], frozenset[int]]:
        if self.parties is None:
            return lambda offset: frozenset()
        spans, parties = sorted(self.quote_spans), self.parties
        starts = [start for start, _ in spans]

        def parties_at(offset: int) -> frozenset[int]:
            index = bisect.bisect_right(starts, offset) - 1
            return parties[index] if index >= 0 and offset < spans[index][1] else frozenset()

        return parties_at


@dataclass
class Source:
    """One text whose pronoun calls teach, with a target for pronouns and characters.

    ``targets``: pronoun token -> what it stands for (a gold cluster or character id);
    ``cast_targets``: per call, cast index -> the same kind of target."""

    name: str
    calls: list[Call]  # the last call before attribution, then the last of all
    targets: dict[int, str]
    cast_targets: list[dict[int, str]]
    load_doc: Callable[[], Doc] = field(repr=False)

    def doc(self) -> Doc:
        return self.load_doc()


def cached_parse(doc_id: str, text: str) -> Doc:
    """A parsed LitBank document, from bench/out/pronoun_ranker/ when present."""
    from storyworld.nlp.pipeline import load_language, parse

    path = CACHE / f"{doc_id}.doc"
    if path.is_file():
        doc = Doc(load_language().vocab).from_bytes(path.read_bytes(), exclude=["tensor", "user_data"])
        if doc.text == text:
            return doc
    doc = parse(text)
    CACHE.mkdir(parents=True, exist_ok=True)
    path.write_bytes(doc.to_bytes(exclude=["tensor", "user_data"]))
    return doc


@contextmanager
def recorded_calls(doc: Doc) -> Iterator[dict[str, list]]:
    """While open, the analysis parses to ``doc``; its pronoun calls (ranker off) are kept
    under ``calls`` and the final cast (name, aliases) under ``cast``."""
    seen: dict[str, list] = {"calls": [], "cast": []}
    real = (analysis.parse, analysis.resolve_pronouns, analysis._assemble_world)
    real_parse, real_resolve, real_assemble = real

    def parse(text, nlp=None):  # type: ignore[no-untyped-def]
        return doc if text == doc.text else real_parse(text, nlp)

    def resolve(  # type: ignore[no-untyped-def]
        doc, name_tokens, genders, outside, speech_parties=None, quote_spans=(), **_
    ):
        spans = list(quote_spans)
        parties = [speech_parties(start) for start, _ in sorted(spans)] if speech_parties else None
        seen["calls"].append(Call(dict(name_tokens), list(genders), outside, spans, parties))
        return real_resolve(
            doc, name_tokens, genders, outside, speech_parties or (lambda offset: frozenset()),
            quote_spans, use_ranker=False,
        )

    def assemble(work, doc, quotes, cast, *rest):  # type: ignore[no-untyped-def]
        seen["cast"] = [(entry.name, tuple(entry.aliases)) for entry in cast]
        return real_assemble(work, doc, quotes, cast, *rest)

    analysis.parse, analysis.resolve_pronouns, analysis._assemble_world = parse, resolve, assemble  # type: ignore[assignment]
    try:
        yield seen
    finally:
        analysis.parse, analysis.resolve_pronouns, analysis._assemble_world = real  # type: ignore[assignment]


def captured(name: str, doc: Doc) -> dict[str, list]:
    """The teaching calls and the cast of one analysis of ``doc`` (cached on disk)."""
    path = CACHE / f"{name}.{pipeline_version('pronoun_ranker.py')}.calls.pkl"
    if path.is_file():
        calls, cast = pickle.loads(path.read_bytes())
        return {"calls": [Call(*fields) for fields in calls], "cast": cast}
    with recorded_calls(doc) as seen:
        analysis.analyze_text(doc.text)
    before = [c for c in seen["calls"] if c.parties is None]
    after = [c for c in seen["calls"] if c.parties is not None]
    kept = {"calls": [before[-1], *after[-1:]], "cast": seen["cast"]}
    CACHE.mkdir(parents=True, exist_ok=True)
    plain = [(c.name_tokens, c.genders, c.outside, c.quote_spans, c.parties) for c in kept["calls"]]
    path.write_bytes(pickle.dumps((plain, kept["cast"])))  # plain tuples: loadable from any entry point
    return kept


# ---- LitBank: gold clusters ---------------------------------------------------------------


def litbank_source(doc_id: str) -> Source:
    gold = load_litbank_document(doc_id)
    doc = cached_parse(doc_id, gold.text)
    calls = captured(doc_id, doc)["calls"]
    mentions = sorted(
        ((m.start, m.end, m.cluster) for m in gold.coref_mentions if m.category == "PER"),
        key=lambda m: m[1] - m[0],
    )
    return Source(
        doc_id, calls, _gold_pronouns(gold, doc), [_cast_clusters(doc, call, mentions) for call in calls],
        lambda: doc,
    )


def _gold_pronouns(gold: LitBankDocument, doc: Doc) -> dict[int, str]:
    """Token of every anaphoric gold PER he/she pronoun -> its cluster (first mentions left out)."""
    first: dict[str, int] = {}
    for mention in gold.coref_mentions:
        first[mention.cluster] = min(first.get(mention.cluster, mention.start), mention.start)
    token_at = {token.idx: token.i for token in doc}
    found = {}
    for mention in gold.coref_mentions:
        if mention.is_pronoun and mention.category == "PER" and mention.start > first[mention.cluster]:
            token = token_at.get(mention.start)
            if token is not None and doc[token].idx + len(doc[token]) == mention.end:
                if doc[token].lower_ in PRONOUN_GENDER:
                    found[token] = mention.cluster
    return found


def _cast_clusters(doc: Doc, call: Call, mentions: Sequence[tuple[int, int, str]]) -> dict[int, str]:
    """Cast index -> the gold cluster most of its name tokens fall in (innermost mention)."""
    votes: dict[int, Counter[str]] = {}
    for token_index, cast_index in call.name_tokens.items():
        token = doc[token_index]
        start, end = token.idx, token.idx + len(token)
        cluster = next((c for s, e, c in mentions if s <= start and end <= e), None)
        if cluster is not None:
            votes.setdefault(cast_index, Counter())[cluster] += 1
    return {index: counter.most_common(1)[0][0] for index, counter in votes.items()}


# ---- PDNC: the speakers of quotes tagged "she said" ---------------------------------------


def pdnc_source(name: str) -> Source:
    novel = load_pdnc_novel(name)

    def doc() -> Doc:
        return cached_doc(name, novel.text)

    path = CACHE / f"pdnc.{name}.{pipeline_version('pronoun_ranker.py')}.tags.pkl"
    kept = captured(f"pdnc.{name}", doc())
    if path.is_file():
        tags = pickle.loads(path.read_bytes())
    else:
        tags = _tag_speakers(doc(), novel)
        path.write_bytes(pickle.dumps(tags))
    pseudo = [Character(id=str(i), name=n, aliases=a, mentions=1) for i, (n, a) in enumerate(kept["cast"])]
    cast_gold = {int(k): v for k, v in map_characters(pseudo, novel.characters).items()}
    return Source(name, kept["calls"], tags, [cast_gold for _ in kept["calls"]], doc)


def _tag_speakers(doc: Doc, novel: PdncNovel) -> dict[int, str]:
    """He/she subject of a speech verb right after a gold quote -> that quote's speaker."""
    ends = sorted((e, q.speaker_id) for q in novel.quotes if q.speaker_id for _, e in q.spans)
    end_offsets = [e for e, _ in ends]
    text = doc.text
    found = {}
    for token in doc:
        if token.lower_ not in PRONOUN_GENDER or token.dep_ not in SUBJECT_DEPS or not is_speech_verb(token.head):
            continue
        index = bisect.bisect_right(end_offsets, token.idx) - 1
        if index >= 0 and not text[ends[index][0] : token.idx].strip(TAG_GAP):
            found[token.i] = ends[index][1]
    return found


# ---- rows, training, scoring --------------------------------------------------------------


@dataclass
class Rows:
    """Feature rows of every pronoun with a target, and which candidates are right."""

    features: list[np.ndarray]
    labels: list[np.ndarray]


def decisions(
    source: Source, call: Call, weights: RankerWeights | None, keep: bool = False, window: int | None = None
) -> list[PronounDecision]:
    return pronoun_decisions(
        source.doc(), call.name_tokens, call.genders, call.outside, call.speech_parties(),  # type: ignore[arg-type]
        call.quote_spans, weights, keep_features=keep, window=window,
    )


def rows(source: Source) -> Rows:
    """Rows of every teaching call, replayed with the hand weights choosing among the
    candidates the ranker sees (as far back as it looks)."""
    found = Rows([], [])
    for call, cast_targets in zip(source.calls, source.cast_targets):
        for decision in decisions(source, call, None, keep=True, window=RANKER_SENTENCES):
            target = source.targets.get(decision.token)
            if target is None or decision.features is None:
                continue
            found.features.append(decision.features)
            found.labels.append(np.array([cast_targets.get(c) == target for c in decision.candidates]))
    return found


def batch(parts: Sequence[tuple[Rows, int]]) -> Batch:
    """The pronouns with a right candidate among two or more, each part's rows ``weight`` times."""
    xs, ys, sizes = [], [], []
    for part, weight in parts:
        for x, y in zip(part.features, part.labels):
            if y.any() and len(y) > 1:
                for _ in range(weight):
                    xs.append(x)
                    ys.append(y.astype(np.float32))
                    sizes.append(len(y))
    sizes_arr = np.array(sizes)
    starts = np.concatenate([[0], np.cumsum(sizes_arr)[:-1]])
    return Batch(
        np.concatenate(xs).astype(np.float32), np.concatenate(ys), starts,
        np.repeat(np.arange(len(sizes)), sizes_arr),
    )


def within_reach(data: Batch, reach: float) -> Batch:
    """The pronouns whose best right candidate the hand weights rank within ``reach`` of
    their top choice."""
    margin = data.x[:, FEATURE_NAMES.index("hand_margin")]
    best_right = np.maximum.reduceat(np.where(data.y > 0, margin, -np.inf), data.starts)
    kept = best_right > -reach
    sizes = np.bincount(data.group, minlength=len(data.starts))[kept]
    rows_kept = kept[data.group]
    starts = np.concatenate([[0], np.cumsum(sizes)[:-1]])
    return Batch(data.x[rows_kept], data.y[rows_kept], starts, np.repeat(np.arange(len(sizes)), sizes))


def train(data: Batch, l2: float, margin: float = MARGIN, epochs: int = EPOCHS, rate: float = 0.01) -> RankerWeights:
    """Hand score plus a linear correction, fitted on a structured hinge (best right candidate
    over best wrong one by ``margin``) with L2 on the correction; full-batch Adam."""
    mean = data.x.mean(axis=0)
    scale = data.x.std(axis=0) + 1e-3
    x = ((data.x - mean) / scale).astype(np.float64)
    hand = data.x[:, HAND].astype(np.float64)
    right = data.y > 0
    w = np.zeros(x.shape[1])
    m, s = np.zeros_like(w), np.zeros_like(w)
    groups = len(data.starts)
    for step in range(1, epochs + 1):
        scores = hand + x @ w
        right_scores = np.where(right, scores, -np.inf)
        wrong_scores = np.where(right, -np.inf, scores)
        best_right = np.maximum.reduceat(right_scores, data.starts)
        best_wrong = np.maximum.reduceat(wrong_scores, data.starts)
        violated = (margin + best_wrong - best_right > 0)[data.group]
        push_up = violated & (right_scores == best_right[data.group])
        push_down = violated & (wrong_scores == best_wrong[data.group])
        grad = (x[push_down].sum(axis=0) - x[push_up].sum(axis=0)) / groups + l2 * w
        m = 0.9 * m + 0.1 * grad
        s = 0.999 * s + 0.001 * grad * grad
        w -= rate * (m / (1 - 0.9**step)) / (np.sqrt(s / (1 - 0.999**step)) + 1e-8)
    w[HAND] += scale[HAND]  # the hand score itself, in standardised units
    n = len(FEATURE_NAMES)
    return RankerWeights(
        mean.astype(np.float32), scale.astype(np.float32), np.zeros((n, 0), np.float32),
        np.zeros(0, np.float32), w.astype(np.float32),
    )


def accuracy(sources: Sequence[Source], weights: RankerWeights | None, which: int = -1) -> dict[str, float]:
    """Over the pronouns with a target in one call per source (-1: the last of all, 0: the
    last before attribution): how often the chosen character is right (``accuracy``), how often
    a right one was a candidate (``oracle``)."""
    right = reachable = total = 0
    for source in sources:
        call, cast_targets = source.calls[which], source.cast_targets[which]
        chosen = {d.token: d for d in decisions(source, call, weights)}
        for token, target in source.targets.items():
            total += 1
            decision = chosen.get(token)
            if decision is not None:
                right += cast_targets.get(decision.chosen) == target
                reachable += any(cast_targets.get(c) == target for c in decision.candidates)
    return {"accuracy": round(right / total, 4), "oracle": round(reachable / total, 4), "pronouns": total}


@contextmanager
def ranker_choosing(weights: RankerWeights | None) -> Iterator[None]:
    """Within the block the pipeline's pronouns are chosen by ``weights`` (None: by the hand
    weights), whatever is shipped or switched on."""
    real, switch = pronoun_ranker.shipped_weights, os.environ.pop(pronoun_ranker.SWITCH_ENV, None)
    pronoun_ranker.shipped_weights = lambda: weights  # type: ignore[assignment]
    if weights is not None:
        os.environ[pronoun_ranker.SWITCH_ENV] = "1"
    try:
        yield
    finally:
        pronoun_ranker.shipped_weights = real  # type: ignore[assignment]
        os.environ.pop(pronoun_ranker.SWITCH_ENV, None)
        if switch is not None:
            os.environ[pronoun_ranker.SWITCH_ENV] = switch


def end_to_end(part: str, weights: RankerWeights | None) -> dict[str, float]:
    """``storyworld eval litbank`` figures with ``weights`` choosing (None: the hand weights)."""
    with ranker_choosing(weights):
        result = evaluate_litbank(part, analysis.analyze_text)
    return {
        "pronoun_accuracy": round(result["pronouns"]["accuracy"], 4),
        "coref_per_avg_f1": round(result["coref_per"]["conll_f1"], 4),
        "coref_all_avg_f1": round(result["coref_all"]["conll_f1"], 4),
        "speaker_accuracy": round(result["speakers"]["accuracy"], 4),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--report", action="store_true", help="also score dev end to end")
    parser.add_argument("--test", action="store_true", help="also score the test documents")
    parser.add_argument("--epochs", type=int, default=EPOCHS)
    parser.add_argument("--margin", type=float, default=MARGIN)
    parser.add_argument("--reach", type=float, default=REACH)
    parser.add_argument(
        "--pdnc-weight", type=int, default=PDNC_WEIGHT,
        help="copies of the PDNC training novels' speech-tag rows (0: LitBank only)",
    )
    args = parser.parse_args()
    started = time.perf_counter()
    parts = ("train", "dev", "test") if args.test else ("train", "dev")
    litbank = {part: [litbank_source(i) for i in litbank_split("coref", part)] for part in parts}
    pdnc = {
        part: [pdnc_source(name) for name in pdnc_split(part)]
        for part in (("train", "dev") if args.pdnc_weight > 0 else ())
    }
    print(f"texts captured in {time.perf_counter() - started:.0f} s", flush=True)
    train_rows = [(rows(s), 1) for s in litbank["train"]]
    train_rows += [(rows(s), args.pdnc_weight) for s in pdnc.get("train", [])]
    data = within_reach(batch(train_rows), args.reach)
    print(f"training pronouns: {len(data.starts)} ({len(data.y)} candidates)", flush=True)

    def dev_scores(weights: RankerWeights | None) -> dict[str, float]:
        """Accuracy on dev, in the last call of all and the last before attribution."""
        scores = {}
        for which, call in (("final", -1), ("before", 0)):
            scores[f"litbank.{which}"] = accuracy(litbank["dev"], weights, call)["accuracy"]
            if pdnc:
                scores[f"pdnc_tags.{which}"] = accuracy(pdnc["dev"], weights, call)["accuracy"]
        return scores

    print(f"hand weights ({pronoun_ranker.NEAR_SENTENCES} sentences back): dev {dev_scores(None)}", flush=True)
    best: tuple[float, RankerWeights, str] | None = None
    for l2 in L2_GRID:
        weights = train(data, l2, args.margin, args.epochs)
        dev = dev_scores(weights)
        score = dev["litbank.final"] + dev["litbank.before"]
        print(f"l2={l2}: dev {dev}", flush=True)
        if best is None or score > best[0]:
            best = (score, weights, f"l2={l2}")
    assert best is not None
    print(f"chose {best[2]}")
    WEIGHTS.parent.mkdir(parents=True, exist_ok=True)
    save_weights(best[1], WEIGHTS)
    print(f"wrote {WEIGHTS.relative_to(REPO)} ({WEIGHTS.stat().st_size} bytes)")
    if args.report:
        report = {
            f"{part}.{system}": end_to_end(part, weights)
            for part in parts
            if part != "train"
            for system, weights in (("hand", None), ("ranker", best[1]))
        }
        print(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
