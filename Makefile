# Two commands for a new user: `make serve` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve test build lint typecheck pytest clean install

install: $(STAMP)

# The stamp is keyed on pyproject.toml, so a rerun with nothing changed installs nothing.
$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	rm -f $(VENV)/.installed-*
	touch $@

serve: $(STAMP)
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000 --livereload

build: $(STAMP)
	$(BIN)/mkdocs build --strict

lint: $(STAMP)
	$(BIN)/ruff check src tests hooks bench
	$(BIN)/ruff format --check src tests hooks bench

typecheck: $(STAMP)
	$(BIN)/mypy --strict src hooks
	# Each bench folder is its own set of scripts (two are named run.py): one run each.
	$(BIN)/mypy --strict --explicit-package-bases bench/linkcheck bench/lists
	$(BIN)/mypy --strict bench/build

pytest: $(STAMP)
	$(BIN)/python -m pytest

test: lint typecheck pytest build

clean:
	rm -rf $(VENV) site .dlnotes .pytest_cache .mypy_cache .ruff_cache
