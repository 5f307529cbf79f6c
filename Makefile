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

# The npm packages the browser tests read pages with (axe-core, vnu-jar), from the lockfile;
# without npm the tests that need them skip here (and fail in CI, where .ci/run installs it).
NODE_STAMP := node_modules/.installed
$(NODE_STAMP): package.json package-lock.json
	@if command -v npm >/dev/null; then \
		npm ci --no-audit --no-fund --ignore-scripts --loglevel=error && touch $(NODE_STAMP); \
	else echo "npm saknas: webbläsartesterna hoppas över (CI installerar npm)"; fi

## demo: install, then run the year's work on the shipped plans: check them, show what is new,
## write the board's documents (Word, PowerPoint), the follow-up, the owners' report
## workbooks and the website, all into build/
demo: $(STAMP)
	$(BIN)/planverk validate
	$(BIN)/planverk diff 2024 2025
	$(BIN)/planverk render 2025
	$(BIN)/planverk render 2025 --kind handlingsplan
	$(BIN)/planverk render 2025 --kind handlingsplan -f pptx
	$(BIN)/planverk render 2025 --kind verksamhetsplan
	$(BIN)/planverk render 2025 --kind uppföljning
	$(BIN)/planverk status 2025 --saknas --period t2
	$(BIN)/planverk rapportmall 2025 --period helår
	$(BIN)/planverk webb --utan-pdf

## test: install with test extras, then ruff, mypy --strict and pytest
test: $(STAMP) lint typecheck unit

lint: $(STAMP)
	$(BIN)/ruff check $(PYDIRS)
	$(BIN)/ruff format --check $(PYDIRS)

typecheck: $(STAMP)
	$(BIN)/mypy --strict src

unit: $(STAMP) $(NODE_STAMP)
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
