#!/usr/bin/env bash
# Reproduce the shipped LitBank entity tagger: convert, train on CPU, ship model-best.
# Usage (from the repository root): training/litbank_entities/train.sh  (or: make train-entities)
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
PY="${PYTHON:-$ROOT/.venv/bin/python}"
OUT="${OUT:-$HERE/build/model}"
SHIP="$ROOT/src/storyworld/data/models/litbank_entities"
cd "$ROOT"
"$PY" "$HERE/convert.py" --out "$HERE/build/corpus"
"$PY" -m spacy train "$HERE/config.cfg" --output "$OUT" --code "$HERE/functions.py" --gpu-id -1 "$@"
# Ship what spacy.load needs: model-best without training leftovers.
"$PY" "$HERE/ship.py" "$OUT/model-best" "$SHIP"
