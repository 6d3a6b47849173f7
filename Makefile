# Two commands do all the set-up: `make verify` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
NOTES := $(shell find derivations -name '*.md' 2>/dev/null)
TEXS := $(patsubst derivations/%.md,build/latex/%.tex,$(NOTES))
PDFS := $(TEXS:.tex=.pdf)
SOURCES := $(shell find derivlint -name '*.py' -o -name '*.lark')
TEX_PACKAGES := texlive-latex-base texlive-latex-recommended texlive-fonts-recommended
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: verify parse test property bench mutate wild adversarial history latex latex-tools bytecode clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	@# the project's distribution was `derivation-verifier` (package `verify`) before it was derivlint: an old
	@# editable install would still register its pytest plugin under that name
	-$(BIN)/pip uninstall --quiet --yes derivation-verifier 2>/dev/null
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

verify: $(STAMP) bytecode
	$(BIN)/python -m derivlint check derivations/

parse: $(STAMP)
	$(BIN)/python -m derivlint parse derivations/

# The LaTeX report's test compiles with pdflatex: latex-tools installs it when it is missing.
test: $(STAMP) latex-tools
	$(BIN)/python -m pytest -q

property: $(STAMP)
	$(BIN)/python -m pytest -q derivations/

bench: $(STAMP) bytecode
	$(BIN)/python bench/run.py

# Compiled once here, the package is not compiled again at every start where Python may not write
# bytecode itself (PYTHONDONTWRITEBYTECODE): 0.13 s of each run. Only stale files are compiled.
bytecode: $(STAMP)
	@$(BIN)/python -m compileall -q derivlint >/dev/null

# Slips written into every verified claim of the catalogue; figures into bench/RESULTS.md.
mutate: $(STAMP)
	$(BIN)/python -m derivlint mutate -j 2 --results bench/RESULTS.md derivations/catalog/

# The wild corpus (tests/wild/): real derivations, their truth established by tests/wild/truth.py;
# the tool's figures on them, measured (formulas read, right verdicts, errors caught, false alarms).
wild: $(STAMP)
	$(BIN)/python tests/wild/measure.py

# The adversarial corpus (tests/adversarial/): claims built to probe the tool's trust (empty ranges,
# supports, partial ranges, near-equalities, strict inequalities, branches, heavy tails, slipped
# closed forms), about half false, their truth by tests/adversarial/truth.py; the tool's figures on them.
adversarial: $(STAMP)
	$(BIN)/python tests/adversarial/measure.py

# The history corpus (tests/history/): real slips once published in libraries, textbooks and posts (KL
# divergences and entropies of torch, statrs, TFP, scipy, ...), each note naming its source, their truth by
# tests/history/truth.py; the tool's diagnoses of them (refuted, right kind, right member, fixes correct).
history: $(STAMP)
	$(BIN)/python tests/history/measure.py

# build/latex/NAME.tex and NAME.pdf for every note: the corrected equations, changes highlighted.
latex: latex-tools $(TEXS) $(PDFS)

latex-tools:
	@command -v pdflatex >/dev/null 2>&1 || { $(SUDO) apt-get update && \
		$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $(TEX_PACKAGES); }

build/latex/%.tex: derivations/%.md $(SOURCES) $(STAMP)
	$(BIN)/python -m derivlint latex $< -o $@

# pdflatex talks a lot: its log is shown only when it fails.
build/latex/%.pdf: build/latex/%.tex | latex-tools
	cd $(@D) && pdflatex -interaction=nonstopmode -halt-on-error $(<F) >/dev/null || { tail -n 40 $(*F).log; exit 1; }

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis build
