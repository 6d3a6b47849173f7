# Two commands do all the set-up: `make verify` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: verify parse test property bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

verify: $(STAMP)
	$(BIN)/python -m verify check derivations/

parse: $(STAMP)
	$(BIN)/python -m verify parse derivations/

test: $(STAMP)
	$(BIN)/python -m pytest -q

property: $(STAMP)
	$(BIN)/python -m pytest -q derivations/

bench: $(STAMP)
	$(BIN)/python bench/seed_vs_sympy.py

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis
