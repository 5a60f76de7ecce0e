# Tandem: `make run` serves the app, `make test` runs every check. Both install what they need.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

PORT ?= 8000
HOST ?= 127.0.0.1
PYTHON ?= python3
UV_VERSION := 0.13.9

STAMPS := .make
TOOLS := $(STAMPS)/tools
UV := $(TOOLS)/bin/uv
VENV := backend/.venv
PY := $(VENV)/bin/python
FRONTEND_SOURCES := $(shell find frontend/src frontend/public -type f 2>/dev/null) \
	frontend/index.html frontend/vite.config.ts frontend/scripts/precompress.mjs $(wildcard frontend/tsconfig*.json)

export UV_PROJECT_ENVIRONMENT := $(abspath $(VENV))
# Python writes and reuses its bytecode caches (__pycache__, ignored by git) even where the shell sets
# PYTHONDONTWRITEBYTECODE, as this machine's does: without them every process compiles SQLAlchemy,
# Litestar and the app from source again, and pytest rewrites every test module again. Measured here:
# importing the app 1.5 s -> 0.8 s, start-up to a healthy server 2.0 s -> 1.1 s, collecting the API
# suite 6.6 s -> 3.2 s, in each of the many processes `make test` starts.
export PYTHONDONTWRITEBYTECODE :=
TIMED := scripts/timed-stage
# The API suites run on every core (pytest-xdist: one database and one app per worker).
TEST_JOBS ?= auto
PYTEST_API = $(VENV)/bin/pytest -q -n $(TEST_JOBS) --dist worksteal
# `make run TANDEM_DATABASE_URL=...` reaches the app through the environment.
export TANDEM_DATABASE_URL

.PHONY: help run serve install migrate frontend openapi client test lint typecheck check-client \
	bytecode test-api-sqlite test-api-postgres test-fuzz test-fuzz-sqlite test-fuzz-postgres test-ops test-e2e test-deps clean \
	bench test-fast

help:
	@echo "make run        install, migrate the SQLite database, build the frontend, serve on http://$(HOST):$(PORT)"
	@echo "make test       install what the tests need, then run every check"
	@echo "make test-fast  lint, types and the SQLite API suite in parallel (the everyday loop)"

# --- installing ---------------------------------------------------------------------------------
$(UV):
	@mkdir -p $(STAMPS)
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/pip install --quiet --disable-pip-version-check "uv==$(UV_VERSION)"

$(STAMPS)/backend: $(UV) backend/pyproject.toml backend/uv.lock
	cd backend && ../$(UV) sync --locked --quiet
	@touch $@

$(STAMPS)/node: frontend/package.json frontend/package-lock.json
	@mkdir -p $(STAMPS)
	cd frontend && npm ci --no-audit --no-fund --loglevel=error
	@touch $@

install: $(STAMPS)/backend $(STAMPS)/node

# --- building -----------------------------------------------------------------------------------
frontend/dist/index.html: $(STAMPS)/node $(FRONTEND_SOURCES)
	cd frontend && npm run build --silent

frontend: frontend/dist/index.html

migrate: $(STAMPS)/backend
	$(PY) -m tandem migrate

# Regenerates the OpenAPI schema and the typed client from the backend (commit both).
client: $(STAMPS)/backend $(STAMPS)/node
	$(PY) -m tandem openapi frontend/openapi.json
	cd frontend && npm run generate --silent

# --- running ------------------------------------------------------------------------------------
run: install migrate frontend
	$(PY) -m tandem serve --host $(HOST) --port $(PORT)

# --- testing ------------------------------------------------------------------------------------
$(STAMPS)/system: scripts/ensure-system-packages.sh
	@mkdir -p $(STAMPS)
	scripts/ensure-system-packages.sh
	@touch $@

# Compiles, before the processes that import them start side by side, the app and the tests (on both
# cores; files that are up to date are skipped) and what importing the app loads (its caches are written
# as it imports). Not all of site-packages: `uv sync --compile-bytecode` compiles 5,000 files, 7 s here.
bytecode: $(STAMPS)/backend
	@$(PY) -m compileall -q -j 0 backend/tandem tests >/dev/null
	@$(PY) -c "import tandem.app"

test-deps: install $(STAMPS)/system

lint: test-deps
	$(TIMED) lint sh -c '$(VENV)/bin/ruff check . && $(VENV)/bin/ruff format --check . && cd frontend && npm run lint --silent'

typecheck: test-deps
	$(TIMED) typecheck sh -c 'cd backend && .venv/bin/mypy && cd ../frontend && npm run typecheck --silent'

# Fails when the committed schema or the generated client no longer match the backend.
check-client: test-deps
	$(TIMED) check-client scripts/check-client.sh

test-api-sqlite: test-deps
	$(TIMED) api-sqlite env TANDEM_TEST_DB=sqlite $(PYTEST_API) tests/api tests/structure tests/deploy

test-api-postgres: test-deps
	$(TIMED) api-postgres env TANDEM_TEST_DB=postgres scripts/with-postgres.sh $(PYTEST_API) tests/api

# A bounded schemathesis run on each database (fixed seed, FUZZ_SECONDS each), signed in as a member.
FUZZ_SECONDS ?= 75
test-fuzz: test-fuzz-sqlite test-fuzz-postgres

test-fuzz-sqlite: test-deps
	$(TIMED) fuzz-sqlite env TANDEM_TEST_DB=sqlite $(PY) -m tests.fuzz.run_schemathesis --max-time $(FUZZ_SECONDS)

test-fuzz-postgres: test-deps
	$(TIMED) fuzz-postgres env TANDEM_TEST_DB=postgres scripts/with-postgres.sh $(PY) -m tests.fuzz.run_schemathesis --max-time $(FUZZ_SECONDS)

# Real processes: two instances on PostgreSQL with a private Redis behind a proxy, draining, migrations
# at once, backups under writes (about two minutes).
test-ops: test-deps
	$(TIMED) ops env TANDEM_TEST_DB=postgres scripts/with-postgres.sh $(VENV)/bin/pytest tests/ops -q

test-e2e: test-deps frontend
	$(TIMED) e2e $(VENV)/bin/pytest tests/e2e -p no:asyncio -W "ignore::pytest.PytestConfigWarning" -q

# Every stage, in two lanes at once (scripts/test-lanes): one PostgreSQL server serves them all.
# The installs, the frontend build and the bytecode first, three at a time (npm ci and a Debian install,
# mostly downloads, do not wait for uv or for each other), then the lanes.
test:
	@$(MAKE) --no-print-directory --jobs=3 --output-sync=target test-deps frontend bytecode
	@mkdir -p $(STAMPS); rm -f $(STAMPS)/stage-times
	@speed=$$(scripts/machine-speed); \
	  began=$$(date +%s); status=0; scripts/with-postgres.sh scripts/test-lanes || status=$$?; \
	  echo "Time of each stage (two lanes at once; cpu is the stage's user + system time):"; \
	  cat $(STAMPS)/stage-times; echo "checks took $$(( $$(date +%s) - began )) s; $$speed"; \
	  [ $$status -eq 0 ] && echo "All checks passed."; exit $$status

# The everyday loop: lint, types and the SQLite API suite in parallel. One domain's tests in seconds:
#   make test-fast K=ideas     (runs the API tests whose names match, on SQLite)
test-fast: test-deps bytecode
	$(VENV)/bin/ruff check . && $(VENV)/bin/ruff format --check .
	cd backend && .venv/bin/mypy
	TANDEM_TEST_DB=sqlite $(PYTEST_API) tests/api tests/structure $(if $(K),-k "$(K)")

clean:
	rm -rf $(STAMPS) $(VENV) frontend/node_modules frontend/dist

# Prints throughput and latency as ratios to two bare probes (a few minutes; asserts nothing, not part
# of `make test`). `make bench BENCH_ARGS="--db sqlite --couples 1000 --seconds 5"`; see benchmarks/bench.py.
BENCH_ARGS ?=
bench: $(STAMPS)/backend frontend
	@command -v wrk >/dev/null || apt-get install -y wrk
	$(PY) benchmarks/bench.py $(BENCH_ARGS)
