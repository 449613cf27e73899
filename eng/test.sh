#!/usr/bin/env bash
# Builds and tests the whole solution: the unit tests and the end-to-end tests on the AppHost (Tests/AspireTests:
# Aspire.Hosting.Testing starts it with its dashboard, its infrastructure as host processes on a machine without
# a container runtime).
# Ends with the line "N passed, N failed, N skipped".
set -uo pipefail
cd "$(dirname "$0")/.."

eng/install-prerequisites.sh || exit 1
dotnet build Alexandrite.Aspire.sln --nologo -v quiet -clp:ErrorsOnly || { echo "0 passed, 1 failed, 0 skipped"; exit 1; }

log=$(mktemp)
dotnet test Alexandrite.Aspire.sln --no-build --nologo "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

# vstest prints one "Passed!/Failed!  - Failed: F, Passed: P, Skipped: S, Total: T" line per test assembly.
read -r passed failed skipped < <(awk -F'[:,]' '/ - Failed: +[0-9]+, Passed: +[0-9]+, Skipped: +[0-9]+/ {
    for (i = 1; i <= NF; i++) { gsub(/ /, "", $i) }
    for (i = 1; i < NF; i++) {
      if ($i ~ /Failed$/) f += $(i + 1); if ($i == "Passed") p += $(i + 1); if ($i == "Skipped") s += $(i + 1)
    }
  } END { printf "%d %d %d\n", p, f, s }' "$log")
rm -f "$log"

# A test host that crashed reports no summary line: never let that pass as green.
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  echo "dotnet test exited with $status without reporting a failed test (a crashed test host?)"
  failed=1
fi
echo "$passed passed, $failed failed, $skipped skipped"
exit "$status"
