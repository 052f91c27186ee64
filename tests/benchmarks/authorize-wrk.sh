#!/usr/bin/env bash
# Authorize and GetRoleCredentials benchmark: builds IdentityCenter's benchmark host in Release, starts the real app
# on Kestrel (SQLite in a temporary folder, a fixed benchmark access model in place of the access-model component),
# registers a resource service, signs a benchmark user in through the SSO-OIDC device flow, measures credential
# issuance per second, issues one credential, and runs wrk (64 connections, 30 s, loopback) against POST /api/authorize
# (bare token, and a forwarded request presigned by the AWS SDK), GET /aws/sso/federation/credentials, S3 GetObject of a
# small object presigned by the AWS SDK, and the benchmark host's own constant-JSON endpoint /api/bare (POST and GET) in the same run. Prints requests/s, latency percentiles and
# whether the targets are met: authorize >= half the bare requests/s and <= 2x its median latency; signed authorize
# >= 0.6x and <= 2x; GetRoleCredentials >= 10,000/s; S3 GetObject >= 0.5x GET /api/bare (measured again right before it); no errors; >= 1,000 credential issues/s.
# Needs wrk (apt-get install wrk). Options are passed through: --port, --duration, --connections, --threads, --issue-seconds.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
command -v wrk >/dev/null || { echo "wrk is not installed: apt-get install -y wrk" >&2; exit 1; }
project="$here/IdentityCenter.AuthorizeBench/IdentityCenter.AuthorizeBench.csproj"
dotnet build "$project" -c Release -nologo -v q >&2
dll="$here/IdentityCenter.AuthorizeBench/bin/Release/net10.0/IdentityCenter.AuthorizeBench.dll"
cd "$(dirname "$dll")"
exec dotnet "$dll" "$@"
