# Lodestar — `make run` serves the demo, `make test` runs every test. Both set things up first.
SHELL := /bin/bash
PY := .venv/bin/python
LOCK := requirements.lock
STAMP_PY := .venv/.installed
STAMP_NPM := frontend/node_modules/.installed
DIST := frontend/dist/index.html
# `make run` listens where LODESTAR_HOST / LODESTAR_PORT say (as `lodestar serve` does), else here.
HOST ?= $(or $(LODESTAR_HOST),127.0.0.1)
PORT ?= $(or $(LODESTAR_PORT),8000)

.PHONY: install lock upgrade run test test-stock check lint format schema bench bench-smoke cluster clean

install: $(STAMP_PY) $(DIST)

# Exactly the lock (every version pinned, every file hashed), then the project itself on top.
$(STAMP_PY): pyproject.toml $(LOCK)
	test -x $(PY) || python3 -m venv .venv
	$(PY) -m pip install --quiet --require-hashes -r $(LOCK)
	$(PY) -m pip install --quiet --no-deps -e .
	touch $@

# `lock` resolves pyproject's dependencies keeping every pin it can (after adding one);
# `upgrade` moves everything to the newest release within pyproject's ranges.
# Both rewrite requirements.lock for every platform; the next make installs it.
LOCK_ARGS = pyproject.toml --extra dev --universal --generate-hashes \
	--custom-compile-command "make lock" --quiet -o $(LOCK)

lock: $(STAMP_PY)
	.venv/bin/uv pip compile $(LOCK_ARGS)

upgrade: $(STAMP_PY)
	.venv/bin/uv pip compile --upgrade $(LOCK_ARGS)

$(STAMP_NPM): frontend/package.json frontend/package-lock.json
	cd frontend && npm ci --no-audit --no-fund --loglevel=error
	touch $@

$(DIST): $(STAMP_NPM) frontend/build.mjs $(shell find frontend/src frontend/graphiql -type f 2>/dev/null)
	cd frontend && npm run --silent build

run: install
	$(PY) -m backend migrate
	$(PY) -m backend seed-demo
	$(PY) -m backend serve --host $(HOST) --port $(PORT)

# Several server processes on PostgreSQL + Redis (README "Running several processes").
# Put any load balancer in front of the ports; no sticky sessions are needed.
CLUSTER_PORTS ?= 8001 8002 8003
CLUSTER_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/lodestar_cluster
CLUSTER_BROKER_URL ?= redis://127.0.0.1:6379/0

cluster: install
	@set -euo pipefail; \
	export LODESTAR_DATABASE_URL='$(CLUSTER_DATABASE_URL)' LODESTAR_BROKER_URL='$(CLUSTER_BROKER_URL)'; \
	db="$${LODESTAR_DATABASE_URL##*/}"; server="$${LODESTAR_DATABASE_URL%/*}/postgres"; \
	if [ -z "$$(psql "$$server" -tAc "SELECT 1 FROM pg_database WHERE datname = '$$db'")" ]; then \
		psql "$$server" -qc "CREATE DATABASE \"$$db\""; fi; \
	redis-cli -u '$(CLUSTER_BROKER_URL)' ping >/dev/null; \
	$(PY) -m backend migrate; \
	$(PY) -m backend seed-demo; \
	pids=""; \
	trap 'kill $$pids 2>/dev/null || true; wait' EXIT; \
	trap 'exit 0' INT TERM; \
	for port in $(CLUSTER_PORTS); do \
		$(PY) -m backend serve --host $(HOST) --port $$port & pids="$$pids $$!"; \
	done; \
	echo "cluster: $(words $(CLUSTER_PORTS)) processes on ports $(CLUSTER_PORTS) sharing $$LODESTAR_DATABASE_URL and $$LODESTAR_BROKER_URL (Ctrl-C stops them)"; \
	wait -n; echo "a server process exited: stopping the cluster" >&2; exit 1

test: install
	cd frontend && npm test --silent
	$(PY) -m pytest $(ARGS)

# The API and live suites once more on strawberry's stock executor (LODESTAR_STOCK_EXECUTOR=1,
# README "Dependencies"): what ships when an upgrade breaks the fast path. CI runs it after `make test`.
# The executor sits above the database: the API suite runs on SQLite only here.
test-stock: install
	LODESTAR_STOCK_EXECUTOR=1 LODESTAR_TEST_ENGINES=sqlite $(PY) -m pytest tests/api tests/live $(ARGS)

check: $(STAMP_PY) $(STAMP_NPM)
	$(PY) -m ruff check backend tests
	$(PY) -m ruff format --check backend tests
	$(PY) -m mypy
	$(PY) -m backend.api.export --check
	cd frontend && npm run --silent lint && npm run --silent format:check

lint: check

format: $(STAMP_PY)
	$(PY) -m ruff format backend tests
	$(PY) -m ruff check --fix backend tests

schema: $(STAMP_PY)
	$(PY) -m backend.api.export

bench: install
	$(PY) -m bench $(ARGS)

# The instrument runs end to end on the smallest size (no figure judged): CI runs it after `make test`.
bench-smoke: install
	$(PY) -m pytest bench/test_smoke.py

clean:
	rm -rf .venv frontend/node_modules frontend/dist
