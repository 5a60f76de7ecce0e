#!/usr/bin/env bash
# Fails when the committed OpenAPI schema or the generated client no longer match the backend.
set -euo pipefail
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
backend/.venv/bin/python -m tandem openapi "$tmp/openapi.json"
diff -u frontend/openapi.json "$tmp/openapi.json" || { echo "frontend/openapi.json is stale: run make client"; exit 1; }
frontend/node_modules/.bin/openapi-typescript "$tmp/openapi.json" -o "$tmp/schema.d.ts" >/dev/null
diff -u frontend/src/api/schema.d.ts "$tmp/schema.d.ts" || { echo "frontend/src/api/schema.d.ts is stale: run make client"; exit 1; }
echo "generated client is current"
