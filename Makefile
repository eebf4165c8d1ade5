# Lodestar — `make run` serves the demo, `make test` runs every test. Both set things up first.
SHELL := /bin/bash
PY := .venv/bin/python
STAMP_PY := .venv/.installed
STAMP_NPM := frontend/node_modules/.installed
DIST := frontend/dist/index.html
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install run test check lint format schema bench cluster clean

install: $(STAMP_PY) $(DIST)

$(STAMP_PY): pyproject.toml
	test -x $(PY) || python3 -m venv .venv
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $@

$(STAMP_NPM): frontend/package.json frontend/package-lock.json
	cd frontend && npm ci --no-audit --no-fund --loglevel=error
	touch $@

$(DIST): $(STAMP_NPM) frontend/build.mjs $(shell find frontend/src -type f 2>/dev/null)
	cd frontend && npm run --silent build

run: install
	$(PY) -m backend migrate
	$(PY) -m backend seed-demo
	$(PY) -m backend serve --host $(HOST) --port $(PORT)

test: install
	cd frontend && npm test --silent
	$(PY) -m pytest $(ARGS)

check: $(STAMP_PY)
	$(PY) -m ruff check backend tests
	$(PY) -m ruff format --check backend tests
	$(PY) -m mypy
	$(PY) -m backend.api.export --check

lint: check

format: $(STAMP_PY)
	$(PY) -m ruff format backend tests
	$(PY) -m ruff check --fix backend tests

schema: $(STAMP_PY)
	$(PY) -m backend.api.export

clean:
	rm -rf .venv frontend/node_modules frontend/dist
