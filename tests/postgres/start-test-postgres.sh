#!/usr/bin/env bash
# Starts a throwaway PostgreSQL cluster for the integration tests (run as root on Debian; installs the
# postgresql package when it is missing) and prints ONLY its connection string on stdout, e.g.
#   export IDENTITYCENTER_TEST_POSTGRES="$(bash tests/postgres/start-test-postgres.sh)"
# Everything else goes to stderr. Trust authentication on 127.0.0.1 only; fsync off (test data is disposable).
# Environment: IC_PG_PORT (default 5439), IC_PG_DATA (default /tmp/identitycenter-test-pg). Stop it with
# tests/postgres/stop-test-postgres.sh.
set -euo pipefail

port="${IC_PG_PORT:-5439}"
data="${IC_PG_DATA:-/tmp/identitycenter-test-pg}"
sock="${data}-sock"

if ! compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null; then
  echo "Installing PostgreSQL (apt-get)..." >&2
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
fi
bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
id postgres >/dev/null 2>&1 || { echo "The postgres system user is missing; reinstall the postgresql package." >&2; exit 1; }

if [ -f "$data/postmaster.pid" ] && su postgres -c "'$bin/pg_ctl' -D '$data' status" >/dev/null 2>&1; then
  echo "PostgreSQL already running in $data." >&2
else
  rm -rf "$data" "$sock"
  mkdir -p "$data" "$sock"
  chown postgres:postgres "$data" "$sock"
  su postgres -c "'$bin/initdb' -D '$data' -U postgres --auth=trust -E UTF8 --locale=C.UTF-8" >&2
  su postgres -c "'$bin/pg_ctl' -D '$data' -l '$data/server.log' -o '-p $port -k $sock -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200' -w start" >&2
fi

echo "PostgreSQL $("$bin/postgres" --version | awk '{print $3}') listening on 127.0.0.1:$port (data $data)." >&2
echo "Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"
