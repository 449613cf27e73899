#!/usr/bin/env bash
# PostgreSQL as a host process of the AppHost (Infrastructure/PostgresProcessResource.cs): Debian's server, a
# private cluster in $DATA_DIR, TCP on 127.0.0.1:$PGPORT only (the port DCP chose), the Unix socket inside the
# data folder. The cluster is created on the first start and kept; the superuser's password follows the AppHost's
# parameter at every start. postgres replaces this script (exec), so DCP's stop signal reaches the server itself.
# https://www.postgresql.org/docs/15/app-postgres.html
set -euo pipefail
: "${DATA_DIR:?}" "${PGPORT:?}" "${POSTGRES_PASSWORD:?}" "${MAX_CONNECTIONS:=100}"

bin=$(find /usr/lib/postgresql -mindepth 2 -maxdepth 2 -name bin 2>/dev/null | sort -V | tail -n 1)
if [[ -z "$bin" || ! -x "$bin/postgres" ]]; then
  echo "No PostgreSQL server under /usr/lib/postgresql/N/bin: run eng/install-prerequisites.sh." >&2
  exit 1
fi

cluster="$DATA_DIR/data"
socket="$DATA_DIR/socket"
mkdir -p "$cluster" "$socket"
chmod 700 "$cluster" "$socket"

# initdb and postgres refuse to run as root: as root they run as the postgres account of the Debian package,
# which must be able to reach the data folder (a temporary folder of the tests is often 0700).
as_server=()
if [[ $(id -u) -eq 0 ]]; then
  as_server=(setpriv --reuid=postgres --regid=postgres --init-groups)
  chmod o+x "$(dirname "$DATA_DIR")" "$DATA_DIR"
  chown postgres:postgres "$cluster" "$socket"
  if ! "${as_server[@]}" test -w "$cluster"; then
    echo "User postgres cannot reach $cluster: every folder above it needs o+x. Set Infrastructure:DataDirectory elsewhere." >&2
    exit 1
  fi
fi

if [[ ! -f "$cluster/PG_VERSION" ]]; then
  find "$cluster" -mindepth 1 -delete # an initdb that was interrupted: nothing worth keeping
  password_file=$(mktemp -p "$DATA_DIR")
  printf '%s' "$POSTGRES_PASSWORD" >"$password_file"
  [[ ${#as_server[@]} -eq 0 ]] || chown postgres:postgres "$password_file"
  # Trust on the private socket, scram-sha-256 over TCP. https://www.postgresql.org/docs/15/app-initdb.html
  "${as_server[@]}" "$bin/initdb" -D "$cluster" -U postgres --pwfile="$password_file" --auth-local=trust \
    --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 --no-sync --no-instructions
  rm -f "$password_file"
fi

# Single-user mode sets the password before the server listens (and recovers a cluster left by a killed run).
escaped=${POSTGRES_PASSWORD//\'/\'\'}
printf "ALTER ROLE postgres PASSWORD '%s';\n" "$escaped" |
  "${as_server[@]}" "$bin/postgres" --single -D "$cluster" -c fsync=off -c log_min_messages=warning postgres >/dev/null

# Development data: durability across a power cut is not worth the I/O (fsync=off). max_connections is the AppHost's
# Database:MaxConnections, which the services' pools are sized to fit. Logs to stdout: the dashboard shows a
# resource's stderr as errors.
exec "${as_server[@]}" "$bin/postgres" -D "$cluster" -c listen_addresses=127.0.0.1 -p "$PGPORT" -k "$socket" -c fsync=off \
  -c max_connections="$MAX_CONNECTIONS" 2>&1
