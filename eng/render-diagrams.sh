#!/usr/bin/env bash
# Renders the C4 diagrams of docs/architecture to SVG and PNG for slides: every ```mermaid block preceded by a
# line "<!-- diagram: NAME -->" in docs/architecture/*.md becomes docs/architecture/images/NAME.svg and NAME.png.
# The Markdown stays the source (GitHub renders it); the images are regenerated from it, never edited.
#
# Installs what it needs, separately from eng/install-prerequisites.sh because CI never renders:
#   - Debian's chromium and fonts-dejavu-core (apt, as root or through sudo), as mermaid-cli's browser:
#     puppeteer cannot download its own here, so PUPPETEER_SKIP_DOWNLOAD=1 and eng/diagrams/puppeteer-config.json
#     point it at /usr/bin/chromium;
#   - mermaid-cli, pinned in eng/diagrams/package-lock.json (npm ci, only when node_modules is out of date).
#
# Usage: eng/render-diagrams.sh            # everything
#        eng/render-diagrams.sh context     # only the diagrams whose name contains "context"
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tools="$root/eng/diagrams"
sources="$root/docs/architecture"
images="$sources/images"
filter="${1:-}"

# shellcheck source=eng/lib/install.sh
source "$root/eng/lib/install.sh"

# shellcheck disable=SC2207 # node_packages prints plain package names
apt_ensure chromium fonts-dejavu-core $(node_packages)
PUPPETEER_SKIP_DOWNLOAD=1 npm_ensure "$tools" node_modules/.bin/mmdc

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# Each marked block goes to $work/NAME.mmd; a name used twice is an error, not a silent overwrite.
for markdown in "$sources"/*.md; do
  awk -v out="$work" -v file="$markdown" '
    match($0, /^<!-- diagram: [a-z0-9-]+ -->$/) { name = substr($0, 15, length($0) - 18); want = 1; next }
    want && /^```mermaid[[:space:]]*$/ {
      path = out "/" name ".mmd"
      if ((getline line < path) > 0) { printf "%s: diagram %s is defined twice\n", file, name > "/dev/stderr"; exit 1 }
      close(path)
      inside = 1; want = 0; next
    }
    inside && /^```[[:space:]]*$/ { inside = 0; close(path); next }
    inside { print > path; next }
    want && NF { printf "%s: <!-- diagram: %s --> is not followed by a ```mermaid block\n", file, name > "/dev/stderr"; exit 1 }
  ' "$markdown"
done

shopt -s nullglob
diagrams=("$work"/*.mmd)
if ((${#diagrams[@]} == 0)); then
  echo "No <!-- diagram: NAME --> blocks found in $sources/*.md" >&2
  exit 1
fi

mkdir -p "$images"
if [[ -z "$filter" ]]; then
  # Images of diagrams that no longer exist would linger on slides: a full run leaves only what it rendered.
  for image in "$images"/*.svg "$images"/*.png; do
    [[ -f "$work/$(basename "${image%.*}").mmd" ]] || rm -f "$image"
  done
fi

mmdc=("$tools/node_modules/.bin/mmdc" --puppeteerConfigFile "$tools/puppeteer-config.json" --backgroundColor white --quiet)
rendered=0
start=$SECONDS
for diagram in "${diagrams[@]}"; do
  name="$(basename "$diagram" .mmd)"
  [[ -z "$filter" || "$name" == *"$filter"* ]] || continue
  step "rendering $name"
  "${mmdc[@]}" --input "$diagram" --output "$images/$name.svg"
  # Twice the pixels: legible on a projector; the width only caps the page, the diagram sets its own size.
  "${mmdc[@]}" --input "$diagram" --output "$images/$name.png" --width 2400 --scale 2
  rendered=$((rendered + 1))
done

if ((rendered == 0)); then
  echo "No diagram name contains '$filter'." >&2
  exit 1
fi
step "$rendered diagrams rendered to docs/architecture/images in $((SECONDS - start)) s"
