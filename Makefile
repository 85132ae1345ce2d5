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
	$(BIN)/pip install --quiet -e '.[service,dev]'
	touch $@ $(VENV)/.installed

run: $(VENV)/.installed
	$(BIN)/coi-nlp triage --file $(EXAMPLE)

test: $(VENV)/.installed-dev
	$(BIN)/coi-nlp corpus validate corpora/coi/corpus.jsonl
	$(BIN)/python -m pytest

# The 2016 Sastrawi 1.0.1 release that theses install, in its own virtualenv: it shares the
# import name `Sastrawi` with our PySastrawi, so the two never live in one environment.
SASTRAWI101 := benchmarks/_work/sastrawi101

$(SASTRAWI101)/bin/python:
	$(PYTHON) -m venv $(SASTRAWI101)
	$(SASTRAWI101)/bin/pip install --quiet Sastrawi==1.0.1

bench: $(VENV)/.installed-dev $(SASTRAWI101)/bin/python
	$(BIN)/pip install --quiet -e '.[service,dev,bench]'
	$(BIN)/python benchmarks/preprocess.py --sastrawi101-python $(SASTRAWI101)/bin/python
	$(BIN)/python benchmarks/model.py --sastrawi101-python $(SASTRAWI101)/bin/python

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis
