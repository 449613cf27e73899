# Shared by eng/install-prerequisites.sh and eng/render-diagrams.sh: install Debian packages and pinned npm
# folders only when something is missing or out of date, so a second run takes a fraction of a second.
# Source it; it defines functions and sets nothing else.

step() { printf '==> %s\n' "$*"; }

# dpkg-query prints "install ok installed" only for a fully installed package.
is_installed() {
  [[ $(dpkg-query -W -f='${Status}' "$1" 2>/dev/null || true) == "install ok installed" ]]
}

# The packages for Node and npm, when the machine has none: a newer Node from elsewhere (e.g. NodeSource,
# which bundles npm) is fine.
node_packages() {
  if ! command -v node >/dev/null 2>&1; then
    echo nodejs npm
  elif ! command -v npm >/dev/null 2>&1; then
    echo npm
  fi
}

# apt_ensure PACKAGE...: installs the packages that are missing (as root, or through sudo).
apt_ensure() {
  local sudo_cmd=() missing=() package
  [[ $(id -u) -eq 0 ]] || sudo_cmd=(sudo)
  for package in "$@"; do
    is_installed "$package" || missing+=("$package")
  done

  if ((${#missing[@]} == 0)); then
    step "apt: $* already installed"
  else
    step "apt: installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    "${sudo_cmd[@]}" apt-get update -qq
    "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
}

# npm_ensure DIR MARKER: `npm ci` in DIR unless DIR/node_modules already matches the committed lock.
# npm ci leaves a copy of the lock in node_modules/.package-lock.json; node_modules is up to date when every
# package installed there is the locked version, every locked package is installed except optional ones for
# other platforms, and the lock still matches package.json. MARKER is a file that must exist once installed.
# Extra environment for npm (PUPPETEER_SKIP_DOWNLOAD=1, say) is taken from the caller's environment.
npm_ensure() {
  local dir="$1" marker="$2" hidden_lock="$1/node_modules/.package-lock.json"
  if [[ -f "$hidden_lock" && -e "$dir/$marker" ]] &&
     node -e '
       const fs = require("fs");
       const read = f => JSON.parse(fs.readFileSync(f, "utf8"));
       const [manifest, lock, hidden] = process.argv.slice(1).map(read);
       const locked = Object.entries(lock.packages).filter(([p]) => p !== "");
       const same = Object.entries(hidden.packages).every(([p, v]) =>
           lock.packages[p] && lock.packages[p].version === v.version && lock.packages[p].integrity === v.integrity)
         && locked.every(([p, v]) => v.optional || p in hidden.packages)
         && JSON.stringify(manifest.dependencies) === JSON.stringify(lock.packages[""].dependencies);
       process.exit(same ? 0 : 1);
     ' "$dir/package.json" "$dir/package-lock.json" "$hidden_lock"; then
    step "npm: ${dir#"$PWD"/}/node_modules up to date"
  else
    step "npm: installing into ${dir#"$PWD"/}/node_modules"
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
  fi
}
