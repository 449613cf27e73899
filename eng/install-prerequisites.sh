#!/usr/bin/env bash
# Installs what the AppHost's host-process mode needs: PostgreSQL and RabbitMQ from Debian 12 packages (procps for
# the RabbitMQ script's pkill), and
# the s3rver S3 emulator from npm (pinned in eng/s3rver/package-lock.json); and for the tests of deploy/,
# promtool and amtool (Debian's prometheus and prometheus-alertmanager packages); and for the browser test of
# Shop.Web, Debian's chromium (Playwright's own browser download does not work here, so the test points
# Playwright at /usr/bin/chromium). Idempotent and quick when all
# is present: apt-get runs only for missing packages, npm ci only when node_modules is out of date.
# No server is started here: apt on a machine without systemd starts none, and the AppHost runs private
# instances as executable resources (AppHost/Infrastructure/Scripts).
set -euo pipefail

script_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=eng/lib/install.sh
source "$script_dir/lib/install.sh"

# shellcheck disable=SC2207 # node_packages prints plain package names
packages=(postgresql rabbitmq-server procps chromium fonts-dejavu-core $(node_packages))

# promtool and amtool only if missing: the tests run them on deploy/prometheus and deploy/alertmanager.
command -v promtool >/dev/null 2>&1 || packages+=(prometheus)
command -v amtool >/dev/null 2>&1 || packages+=(prometheus-alertmanager)

apt_ensure "${packages[@]}"
npm_ensure "$script_dir/s3rver" node_modules/s3rver/bin/s3rver.js

step "prerequisites ready"
