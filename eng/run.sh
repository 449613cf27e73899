#!/usr/bin/env bash
# The Docker-free run: installs what is missing, builds, then starts private Postgres, RabbitMQ and S3
# processes and the four services on 127.0.0.1 (Shop.Web 5100, Shop.Api 5101, Mes.Api 5102, Crm.Api 5103).
# Ctrl+C or SIGTERM stops everything it started. OTEL_*, Telemetry__* and Journey__* variables are passed on to
# the services, e.g. OTEL_EXPORTER_OTLP_ENDPOINT=http://127.0.0.1:4317 for a local Jaeger or collector.
set -euo pipefail
cd "$(dirname "$0")/.."

eng/install-prerequisites.sh
dotnet build LocalRun/LocalRun.csproj --nologo -v quiet -clp:ErrorsOnly
# The runner itself, not `dotnet run`, receives the signals: it stops the services and servers by PID.
exec dotnet LocalRun/bin/Debug/net10.0/Alexandrite.LocalRun.dll "$@"
