# Two set-up commands for a fresh machine (see README):
#   make run   - install into .venv and triage the example complaint with the bundled model
#   make test  - install with the test tools and run the whole test suite
# Each target creates or refreshes the virtualenv itself when pyproject.toml changes.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
EXAMPLE ?= corpora/contoh/pengaduan_1.txt

.PHONY: run test bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@ $(VENV)/.installed

run: $(VENV)/.installed
	$(BIN)/coi-nlp preprocess --file $(EXAMPLE)

test: $(VENV)/.installed-dev
	$(BIN)/python -m pytest

bench: $(VENV)/.installed-dev
	$(BIN)/python benchmarks/preprocess.py

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis
