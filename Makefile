# Two commands do all set-up on a fresh machine (see README):
#   make demo   - venv, install, ingest the bundled samples into SQLite, print claims and relations
#   make test   - venv, install, system packages for the browser tests, then the whole test suite
PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

.PHONY: demo test lint bench eval fuzz clean

$(STAMP): pyproject.toml
	@command -v $(PYTHON) >/dev/null || { echo "needs $(PYTHON) (Python 3.11)"; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/entente demo

test: $(STAMP)
	@bash tools/system-deps.sh
	$(BIN)/ruff check src tests
	$(BIN)/mypy src
	$(BIN)/pytest -q

bench: $(STAMP)
	$(BIN)/entente bench

fuzz: $(STAMP)
	$(BIN)/python tools/fuzz.py --inputs 10000 2>/dev/null  # stderr: warcio warnings on damaged records

eval: $(STAMP)
	$(BIN)/entente eval ../shared/eval/dev/*.jsonl

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache build *.egg-info
