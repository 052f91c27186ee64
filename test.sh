#!/usr/bin/env bash
# Runs every test in the solution: unit, bUnit component, integration (WebApplicationFactory) and
# browser tests (Playwright driving Chromium). Installs Debian's chromium first when no browser is
# found and we are root. Ends with one line "N passed, N failed, N skipped".
set -uo pipefail
cd "$(dirname "$0")"

find_browser() {
  if [ -n "${PLAYWRIGHT_CHROMIUM_EXECUTABLE:-}" ]; then
    [ -x "$PLAYWRIGHT_CHROMIUM_EXECUTABLE" ] && return 0
    echo "PLAYWRIGHT_CHROMIUM_EXECUTABLE=$PLAYWRIGHT_CHROMIUM_EXECUTABLE is not an executable file." >&2
    return 1
  fi
  [ -x /usr/bin/chromium ] || ls "${HOME}"/.cache/ms-playwright/chromium-*/chrome-linux/chrome >/dev/null 2>&1
}

if ! find_browser; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
    echo "== Installing Debian's chromium for the browser tests"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq && apt-get install -y -qq chromium >/dev/null || { echo "apt-get install chromium failed" >&2; exit 1; }
  else
    echo "No Chromium found for the browser tests. Install Debian's 'chromium' package (sudo apt-get install chromium)" >&2
    echo "or point PLAYWRIGHT_CHROMIUM_EXECUTABLE at a Chromium binary, then run ./test.sh again." >&2
    exit 1
  fi
fi

# The SigV4 and sign-in tests check us against AWS's own SDK for Python (botocore/boto3): the machines'
# Python usually has them, else Debian's packages. Without them those tests are skipped with the reason.
if ! python3 -c 'import boto3, botocore' >/dev/null 2>&1; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
    echo "== Installing Debian's python3-botocore and python3-boto3 (AWS's SDK for Python, the oracle of the AWS wire tests)"
    export DEBIAN_FRONTEND=noninteractive
    { apt-get update -qq && apt-get install -y -qq python3-botocore python3-boto3 >/dev/null; } \
      || { echo "apt-get install python3-boto3 failed" >&2; exit 1; }
  else
    echo "Python's boto3/botocore is missing: the tests that use AWS's SDK for Python will be skipped." >&2
    echo "Install Debian's 'python3-boto3' (sudo apt-get install python3-boto3) to run them." >&2
  fi
fi

# The AWS CLI v2 tests run Debian's awscli (2.9) at /usr/bin/aws against the app (a pip-installed v1 'aws' elsewhere
# on PATH does not count). Without it they are skipped with the reason.
if ! /usr/bin/aws --version 2>/dev/null | grep -q '^aws-cli/2\.'; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
    echo "== Installing Debian's awscli (the AWS CLI v2, for the aws sso tests)"
    export DEBIAN_FRONTEND=noninteractive
    { apt-get update -qq && apt-get install -y -qq awscli >/dev/null; } \
      || { echo "apt-get install awscli failed" >&2; exit 1; }
  else
    echo "The AWS CLI v2 is not at /usr/bin/aws: the aws sso tests will be skipped." >&2
    echo "Install Debian's 'awscli' (sudo apt-get install awscli) to run them." >&2
  fi
fi

# The data-layer tests run on SQLite always and on PostgreSQL when IDENTITYCENTER_TEST_POSTGRES
# holds a connection string. As root we start a throwaway cluster for them (installing postgresql).
started_postgres=""
if [ -z "${IDENTITYCENTER_TEST_POSTGRES:-}" ]; then
  if [ "$(id -u)" = "0" ]; then
    echo "== Starting a throwaway PostgreSQL for the data-layer tests"
    if IDENTITYCENTER_TEST_POSTGRES=$(bash tests/postgres/start-test-postgres.sh); then
      export IDENTITYCENTER_TEST_POSTGRES
      started_postgres=yes
    elif [ "${CI:-}" = "true" ]; then
      echo "PostgreSQL could not be started, and CI must run the data tests on both providers." >&2
      exit 1
    else
      echo "PostgreSQL could not be started; its tests will be skipped." >&2
    fi
  else
    echo "IDENTITYCENTER_TEST_POSTGRES is not set and we are not root: the PostgreSQL tests will be skipped." >&2
    echo "Run as root, or set IDENTITYCENTER_TEST_POSTGRES to a connection string of a disposable database." >&2
  fi
fi

log=$(mktemp)
cleanup() {
  rm -f "$log"
  if [ -n "$started_postgres" ]; then bash tests/postgres/stop-test-postgres.sh >/dev/null 2>&1 || true; fi
}
trap cleanup EXIT
# The crash test times every restart (ready within 10 s): it runs after the rest, alone on the machine,
# so the other test hosts' load is not counted against the app's start-up.
dotnet test IdentityCenter.sln --filter "FullyQualifiedName!~IdentityCenter.CrashTests" "$@" 2>&1 | tee "$log"
rc=${PIPESTATUS[0]}
# The compiler and MSBuild servers the build left running hold memory and wake up; stop them first.
dotnet build-server shutdown >/dev/null 2>&1 || true
dotnet test tests/IdentityCenter.CrashTests --no-build "$@" 2>&1 | tee -a "$log"
crash_rc=${PIPESTATUS[0]}
[ "$rc" -ne 0 ] || rc=$crash_rc

# dotnet test prints one "Passed!/Failed!  - Failed: n, Passed: n, Skipped: n" line per test assembly.
lines=$(grep -E '^(Passed|Failed)! +- ' "$log" || true)
sum() { echo "$lines" | grep -oE "$1: +[0-9]+" | grep -oE '[0-9]+' | awk '{s+=$1} END {print s+0}'; }
passed=$(sum Passed); failed=$(sum Failed); skipped=$(sum Skipped)
if [ "$rc" -ne 0 ] && [ "$failed" -eq 0 ]; then
  failed=1  # the build or a test host failed before any test could report
  echo "dotnet test exited with $rc before reporting a failed test (build error or crashed test host)." >&2
fi
echo "$passed passed, $failed failed, $skipped skipped"
exit "$rc"
