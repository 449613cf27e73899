#!/usr/bin/env bash
# Installs what the Docker-free run (LocalRun) needs: PostgreSQL and RabbitMQ from Debian 12 packages, and
# the s3rver S3 emulator from npm (pinned in eng/s3rver/package-lock.json). Idempotent and quick when all is
# present: apt-get runs only for missing packages, npm ci only when node_modules is out of date.
# No server is started here: apt on a machine without systemd starts none, and LocalRun runs private
# instances as plain processes.
set -euo pipefail

script_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
s3rver_dir="$script_dir/s3rver"

step() { printf '==> %s\n' "$*"; }

sudo_cmd=()
if [[ $(id -u) -ne 0 ]]; then
  sudo_cmd=(sudo)
fi

# dpkg-query prints "install ok installed" only for a fully installed package.
is_installed() {
  [[ $(dpkg-query -W -f='${Status}' "$1" 2>/dev/null || true) == "install ok installed" ]]
}

packages=(postgresql rabbitmq-server)
# Node only if missing: a newer Node from elsewhere (e.g. NodeSource, which bundles npm) is fine for s3rver.
if ! command -v node >/dev/null 2>&1; then
  packages+=(nodejs npm)
elif ! command -v npm >/dev/null 2>&1; then
  packages+=(npm)
fi

missing=()
for package in "${packages[@]}"; do
  is_installed "$package" || missing+=("$package")
done

if ((${#missing[@]} == 0)); then
  step "apt: ${packages[*]} already installed"
else
  step "apt: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  "${sudo_cmd[@]}" apt-get update -qq
  "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# npm ci leaves a copy of the lock in node_modules/.package-lock.json ("hidden lockfile"). node_modules is
# up to date when that copy lists the same packages at the same versions as the committed lock, and the lock
# still matches package.json's dependencies.
hidden_lock="$s3rver_dir/node_modules/.package-lock.json"
if [[ -f "$hidden_lock" && -f "$s3rver_dir/node_modules/s3rver/bin/s3rver.js" ]] &&
   node -e '
     const fs = require("fs");
     const read = f => JSON.parse(fs.readFileSync(f, "utf8"));
     const [manifest, lock, hidden] = process.argv.slice(1).map(read);
     const tree = l => JSON.stringify(Object.entries(l.packages).filter(([p]) => p !== "")
       .map(([p, v]) => [p, v.version, v.integrity]).sort());
     const same = tree(lock) === tree(hidden)
       && JSON.stringify(manifest.dependencies) === JSON.stringify(lock.packages[""].dependencies);
     process.exit(same ? 0 : 1);
   ' "$s3rver_dir/package.json" "$s3rver_dir/package-lock.json" "$hidden_lock"; then
  step "npm: eng/s3rver/node_modules up to date"
else
  step "npm: installing s3rver into eng/s3rver/node_modules"
  (cd "$s3rver_dir" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
fi

step "prerequisites ready"
