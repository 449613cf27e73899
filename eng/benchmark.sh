#!/usr/bin/env bash
# The benchmark of issue 16 (Benchmarks/Alexandrite.Benchmarks): BenchmarkDotNet over the in-process hot paths, then
# the load driver against the running system (the AppHost, started once per telemetry setting: off, 0.1, 1.0, then
# three times more for the cost comparison, with one Shop.Api instance for each setting side by side), and one summary with the issue's goals next to each figure, also
# written to .local/benchmarks/summary.txt with the services' logs and the watchdog's query plans. A full run takes
# about 50 minutes (each start waits up to 3 minutes for the runtime to finish compiling) and wants the machine to
# itself.
#   eng/benchmark.sh            the full run
#   eng/benchmark.sh --smoke    a few minutes, every part run briefly (the figures mean nothing)
#   eng/benchmark.sh system --rates 20,40 --settings 0.1    any of the benchmark's own options (see BenchmarkOptions.cs)
#   eng/benchmark.sh cost --settings off,0.1                 only the cost comparison
# Not part of the test run (eng/test.sh, .ci/run).
set -euo pipefail
cd "$(dirname "$0")/.."

eng/install-prerequisites.sh
# Release: BenchmarkDotNet refuses unoptimized code, and the services run as built (the AppHost runs them --no-build).
dotnet build Benchmarks/Alexandrite.Benchmarks/Alexandrite.Benchmarks.csproj -c Release --nologo -v quiet -clp:ErrorsOnly
exec dotnet Benchmarks/Alexandrite.Benchmarks/bin/Release/net10.0/Alexandrite.Benchmarks.dll "$@"
