#!/usr/bin/env bash
# Runs a command with TANDEM_TEST_POSTGRES_URL pointing at a real PostgreSQL server.
# Uses the server on 127.0.0.1:5432 when it answers (trust auth, user postgres); otherwise starts a
# private throw-away cluster on a spare port and stops it afterwards.
set -euo pipefail

if [ -n "${TANDEM_TEST_POSTGRES_URL:-}" ]; then
  exec "$@"
fi

if pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null && psql -h 127.0.0.1 -U postgres -d postgres -Atc 'select 1' >/dev/null 2>&1; then
  db=postgres
  psql -h 127.0.0.1 -U postgres -d test -Atc 'select 1' >/dev/null 2>&1 && db=test
  export TANDEM_TEST_POSTGRES_URL="postgresql+asyncpg://postgres@127.0.0.1:5432/${db}"
  exec "$@"
fi

bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [ -z "$bin" ]; then
  echo "No PostgreSQL server is reachable and none is installed (scripts/ensure-system-packages.sh installs one)." >&2
  exit 1
fi
port=55432
while (echo >/dev/tcp/127.0.0.1/$port) 2>/dev/null; do port=$((port + 1)); done
cluster=$(mktemp -d /tmp/tandem-pg.XXXXXX)
run_as=()
if [ "$(id -u)" -eq 0 ]; then
  id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
  chown postgres "$cluster"
  run_as=(runuser -u postgres --)
fi
stop() {
  "${run_as[@]}" "$bin/pg_ctl" -D "$cluster/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$cluster"
}
trap stop EXIT
echo "Starting a private PostgreSQL cluster on 127.0.0.1:$port"
"${run_as[@]}" "$bin/initdb" -D "$cluster/data" -U postgres --auth=trust >/dev/null
"${run_as[@]}" "$bin/pg_ctl" -D "$cluster/data" -l "$cluster/log" -w \
  -o "-c listen_addresses=127.0.0.1 -c port=$port -c fsync=off -c unix_socket_directories=$cluster" start >/dev/null
export TANDEM_TEST_POSTGRES_URL="postgresql+asyncpg://postgres@127.0.0.1:${port}/postgres"
"$@"
