# The README's two commands are `make run` and `make test`; everything else supports them.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8866
#: Lighthouse for `make bench`, from npm into an ignored local folder (never global); pinned.
LIGHTHOUSE_VERSION := 12.8.2
LIGHTHOUSE := .tools/lighthouse/node_modules/.bin/lighthouse

.PHONY: run test check lint format typecheck validate content-review bench bench-static bench-phone load schema docs static frontend clean

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 10) else "secondop needs Python 3.10 or newer")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.run-installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	@touch $@

$(VENV)/.test-installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[test]"
	@touch $@ $(VENV)/.run-installed

## Serve the dashboard on http://127.0.0.1:$(PORT)
run: $(VENV)/.run-installed
	$(BIN)/secondop serve --port $(PORT)

## Run every test (installs the test extra and a Chromium for the browser tests)
test: $(VENV)/.test-installed
	bash scripts/ensure-chromium.sh
	$(BIN)/python -m pytest

## The everyday loop (under two minutes; tests on both cores): lint, format check, type check, and every test that needs no browser
check: lint typecheck
	$(BIN)/python -m pytest -m "not browser" -q -n 2 --dist loadfile

lint: $(VENV)/.test-installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(VENV)/.test-installed
	$(BIN)/mypy

format: $(VENV)/.test-installed
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

validate: $(VENV)/.run-installed
	$(BIN)/secondop validate

#: The revision a content pull request is compared with (`make content-review BASE=origin/main`).
BASE ?= main

## For a content pull request: validate, then what it does to people's plans against $(BASE), as Markdown to post
content-review: $(VENV)/.run-installed
	$(BIN)/secondop validate
	$(BIN)/secondop diff --against $(BASE) --format md || test $$? -eq 1

schema: $(VENV)/.run-installed
	$(BIN)/python -m secondop.docsgen.json_schema

## Regenerate the field tables of the content guide (data/README.md)
docs: $(VENV)/.run-installed
	$(BIN)/python -m secondop.docsgen.content_guide
	$(BIN)/python -m secondop.docsgen.educators_doc
	$(BIN)/python -m secondop.docsgen.workshop_doc

## Rebuild the dashboard's front end (frontend/ -> the template's secondop-widgets.js; needs Node.js and npm)
frontend:
	@command -v npm >/dev/null || { echo "make frontend needs npm (Node.js)"; exit 1; }
	cd frontend && npm ci --no-audit --no-fund && node build.mjs

$(LIGHTHOUSE):
	@command -v npm >/dev/null || { echo "make bench needs npm (Node.js) for Lighthouse"; exit 1; }
	npm install --no-audit --no-fund --silent --save-exact --prefix .tools/lighthouse lighthouse@$(LIGHTHOUSE_VERSION)

bench: $(VENV)/.test-installed $(LIGHTHOUSE)
	bash scripts/ensure-chromium.sh
	CHROME_PATH=$${SECONDOP_CHROMIUM:-/usr/bin/chromium} $(BIN)/python benchmarks/bench_dashboard.py

## The static edition beside the served one (a few minutes): ready, bytes, requests, tick, size (builds it if missing)
bench-static: $(VENV)/.test-installed
	bash scripts/ensure-chromium.sh
	test -f build/static/voici/render/second_opinion.html || $(BIN)/python -m devtools.static --output build/static
	$(BIN)/python benchmarks/bench_static.py

## The phone from the QR code (issue #22): an example's link on a slow phone, both editions; builds the static edition if missing
bench-phone: $(VENV)/.test-installed $(LIGHTHOUSE)
	bash scripts/ensure-chromium.sh
	test -f build/static/voici/render/second_opinion.html || $(BIN)/python -m devtools.static --output build/static
	CHROME_PATH=$${SECONDOP_CHROMIUM:-/usr/bin/chromium} $(BIN)/python benchmarks/bench_phone.py

load: $(VENV)/.test-installed
	bash scripts/ensure-chromium.sh
	$(BIN)/python benchmarks/load_classroom.py

## The static edition: build/static/, plain files that run the app in the browser (Voici; PyPI and npm only)
static: $(VENV)/.run-installed
	$(BIN)/python -m devtools.static --output build/static

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
