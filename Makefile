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
	frontend/index.html frontend/vite.config.ts $(wildcard frontend/tsconfig*.json)

export UV_PROJECT_ENVIRONMENT := $(abspath $(VENV))
# `make run TANDEM_DATABASE_URL=...` reaches the app through the environment.
export TANDEM_DATABASE_URL

.PHONY: help run serve install migrate frontend openapi client test lint typecheck check-client \
	test-api-sqlite test-api-postgres test-e2e test-deps clean bench

help:
	@echo "make run    install, migrate the SQLite database, build the frontend, serve on http://$(HOST):$(PORT)"
	@echo "make test   install what the tests need, then run every check"

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

test-deps: install $(STAMPS)/system

lint: test-deps
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	cd frontend && npm run lint --silent

typecheck: test-deps
	cd backend && .venv/bin/mypy
	cd frontend && npm run typecheck --silent

# Fails when the committed schema or the generated client no longer match the backend.
check-client: test-deps
	@tmp=$$(mktemp -d); \
	$(PY) -m tandem openapi $$tmp/openapi.json; \
	diff -u frontend/openapi.json $$tmp/openapi.json || { echo "frontend/openapi.json is stale: run make client"; exit 1; }; \
	frontend/node_modules/.bin/openapi-typescript $$tmp/openapi.json -o $$tmp/schema.d.ts >/dev/null; \
	diff -u frontend/src/api/schema.d.ts $$tmp/schema.d.ts || { echo "frontend/src/api/schema.d.ts is stale: run make client"; exit 1; }; \
	rm -rf $$tmp; echo "generated client is current"

test-api-sqlite: test-deps
	TANDEM_TEST_DB=sqlite $(VENV)/bin/pytest tests/api tests/deploy -q

test-api-postgres: test-deps
	TANDEM_TEST_DB=postgres scripts/with-postgres.sh $(VENV)/bin/pytest tests/api -q

test-e2e: test-deps frontend
	$(VENV)/bin/pytest tests/e2e -p no:asyncio -W "ignore::pytest.PytestConfigWarning" -q

test: lint typecheck check-client test-api-sqlite test-api-postgres test-e2e
	@echo "All checks passed."

clean:
	rm -rf $(STAMPS) $(VENV) frontend/node_modules frontend/dist

# Prints latency figures (production argon2 parameters); not part of `make test`.
bench: $(STAMPS)/backend
	$(PY) benchmarks/api_latency.py
