#!/usr/bin/env bash
# The run command: installs what is missing, builds, and starts the AppHost, the one way Alexandrite runs (F5 in
# an IDE starts the same AppHost). Without a container runtime its infrastructure runs as host processes
# (PostgreSQL, RabbitMQ, s3rver), with one as containers; Infrastructure__Mode=Containers|Processes forces a mode.
# The dashboard is at http://127.0.0.1:18888 (the "http" launch profile: no developer certificate is needed); the
# AppHost prints its login link, then, once everything is healthy, the sign-in users and an access token per role.
# Ctrl+C or SIGTERM stops everything it started. Arguments are passed on to the AppHost.
set -euo pipefail
cd "$(dirname "$0")/.."

eng/install-prerequisites.sh
dotnet build AppHost/AppHost.csproj --nologo -v quiet -clp:ErrorsOnly
exec dotnet run --project AppHost --no-build --launch-profile http -- "$@"
