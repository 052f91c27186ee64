#!/usr/bin/env bash
# Stops and deletes the throwaway cluster started by tests/postgres/start-test-postgres.sh.
set -euo pipefail
data="${IC_PG_DATA:-/tmp/identitycenter-test-pg}"
bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
if [ -n "$bin" ] && [ -f "$data/postmaster.pid" ]; then
  su postgres -c "'$bin/pg_ctl' -D '$data' -m fast -w stop" >&2
fi
rm -rf "$data" "${data}-sock"
