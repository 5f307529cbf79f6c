# planverk – two commands on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
PYDIRS := src tests $(wildcard bench)

.PHONY: demo test lint typecheck unit schema docs bench vsix constraints clean

# Installs the versions CI passed with (constraints.txt); see that file for moving them on.
$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c constraints.txt -e '.[test]'
	touch $(STAMP)

## demo: install, then validate the shipped plans and render the board's documents
demo: $(STAMP)
	$(BIN)/planverk validate
	$(BIN)/planverk diff 2024 2025
	$(BIN)/planverk render 2025
	$(BIN)/planverk render 2025 --kind handlingsplan
	$(BIN)/planverk render 2025 --kind verksamhetsplan

## test: install with test extras, then ruff, mypy --strict and pytest
test: $(STAMP) lint typecheck unit

lint: $(STAMP)
	$(BIN)/ruff check $(PYDIRS)
	$(BIN)/ruff format --check $(PYDIRS)

typecheck: $(STAMP)
	$(BIN)/mypy --strict src

unit: $(STAMP)
	$(BIN)/pytest -q

## schema: regenerate schemas/ from the plan model
schema: $(STAMP)
	$(BIN)/planverk schema

## bench: time planverk on generated plan sets against the PyYAML floor and check-jsonschema,
## and the language server's diagnostics after an edit (bench/lsp.py)
bench: $(STAMP)
	$(BIN)/pip install --quiet -r bench/requirements.txt
	$(BIN)/python bench/run.py --readme
	$(BIN)/python bench/lsp.py --readme

## vsix: the VS Code extension: npm ci from the lockfile, compile, package to
## editors/vscode/planverk.vsix with @vscode/vsce, and test it against `planverk lsp`
vsix: $(STAMP)
	cd editors/vscode && npm ci --no-audit --no-fund && npm run package
	test -s editors/vscode/planverk.vsix
	cd editors/vscode && PLANVERK=$(abspath $(BIN))/planverk npm test

## docs: regenerate docs/regler.md from the rules' docstrings
docs: $(STAMP)
	$(BIN)/planverk regler --markdown > docs/regler.md

## constraints: pin the versions installed in .venv (after `make test` passed with them)
constraints: $(STAMP)
	{ sed -n '/^#/p' constraints.txt; $(BIN)/pip freeze --exclude-editable --all | grep -v -e '^pip==' -e '^planverk'; } > constraints.txt.new
	mv constraints.txt.new constraints.txt

clean:
	rm -rf $(VENV) build .mypy_cache .ruff_cache .pytest_cache
	rm -rf editors/vscode/node_modules editors/vscode/out editors/vscode/planverk.vsix
