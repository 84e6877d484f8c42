PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test bench train clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): $(BIN)/python requirements.lock pyproject.toml
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/storyworld analyze src/storyworld/data/stories/the_gift_of_the_magi.txt

test: $(STAMP)
	$(BIN)/python -m pytest

bench: $(STAMP)  # BENCH_ARGS="--skip-speed" or "--skip-accuracy" for a quick run
	$(BIN)/python bench/run.py $(BENCH_ARGS)

train: train-entities train-ranker train-events train-pronouns  # every shipped model, from ../shared (CPU, ~40 min)

.PHONY: train-ranker
train-ranker: $(STAMP)  # quote-speaker ranker -> src/storyworld/data/models/speaker_ranker.npz
	$(BIN)/python training/train_speaker_ranker.py --report

.PHONY: train-pronouns
train-pronouns: $(STAMP)  # pronoun-antecedent ranker -> src/storyworld/data/models/pronoun_ranker.npz (CPU, ~5 min; chooses by default, see nlp/pronoun_ranker.py)
	$(BIN)/python training/train_pronoun_ranker.py --report

.PHONY: train-events
train-events: $(STAMP)  # LitBank realis event detector -> src/storyworld/data/models/realis_events.npz (CPU, ~1 min)
	$(BIN)/python training/train_realis_events.py --report

clean:
	rm -rf $(VENV) build src/*.egg-info .pytest_cache

.PHONY: train-entities
train-entities: $(STAMP)  # LitBank entity tagger -> src/storyworld/data/models/litbank_entities (CPU, ~25 min)
	PYTHON=$(BIN)/python training/litbank_entities/train.sh
