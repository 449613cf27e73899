#!/usr/bin/env bash
# RabbitMQ as a host process of the AppHost (Infrastructure/RabbitMqProcessResource.cs): Debian's server with the
# management plugin, a private node in $DATA_DIR (HOME for its Erlang cookie, database, configuration) with its own
# epmd, everything on 127.0.0.1 and on the ports DCP chose. Runs /usr/lib/rabbitmq/bin/rabbitmq-server directly:
# the /usr/sbin wrapper switches to user rabbitmq and redirects the logs.
# https://www.rabbitmq.com/docs/configure#supported-environment-variables
set -euo pipefail
: "${DATA_DIR:?}" "${RABBITMQ_NODE_PORT:?}" "${MANAGEMENT_PORT:?}" "${ERL_EPMD_PORT:?}" "${RABBITMQ_DIST_PORT:?}"

server=/usr/lib/rabbitmq/bin/rabbitmq-server
if [[ ! -x "$server" ]]; then
  echo "No RabbitMQ server at $server: run eng/install-prerequisites.sh." >&2
  exit 1
fi

mkdir -p "$DATA_DIR/home" "$DATA_DIR/mnesia"
# Written at every start: the ports change between runs. Logs to the console, which the dashboard shows.
cat >"$DATA_DIR/rabbitmq.conf" <<CONF
listeners.tcp.1 = 127.0.0.1:$RABBITMQ_NODE_PORT
management.tcp.ip = 127.0.0.1
management.tcp.port = $MANAGEMENT_PORT
loopback_users = none
log.console = true
log.console.level = info
log.file = false
CONF
echo '[rabbitmq_management].' >"$DATA_DIR/enabled_plugins"
: >"$DATA_DIR/rabbitmq-env.conf"

# The system's /etc/rabbitmq stays out; the node name is fixed, so the database in mnesia/ is the same node's next time.
export HOME="$DATA_DIR/home"
export RABBITMQ_NODENAME=alexandrite@localhost
export RABBITMQ_NODE_IP_ADDRESS=127.0.0.1
export RABBITMQ_CONFIG_FILE="$DATA_DIR/rabbitmq.conf"
export RABBITMQ_CONF_ENV_FILE="$DATA_DIR/rabbitmq-env.conf"
export RABBITMQ_ADVANCED_CONFIG_FILE="$DATA_DIR/advanced.config"
export RABBITMQ_ENABLED_PLUGINS_FILE="$DATA_DIR/enabled_plugins"
export RABBITMQ_MNESIA_BASE="$DATA_DIR/mnesia"
export RABBITMQ_LOG_BASE="$DATA_DIR/logs"
export ERL_EPMD_ADDRESS=127.0.0.1
# Erlang distribution listens on every interface unless told otherwise. https://www.erlang.org/doc/apps/kernel/kernel_app.html
export RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1} -start_epmd false"

# Its own epmd, a child of this script: the node would otherwise start a daemon that outlives the AppHost.
epmd -port "$ERL_EPMD_PORT" -address 127.0.0.1 &
epmd_pid=$!
for _ in $(seq 100); do
  (exec 3<>"/dev/tcp/127.0.0.1/$ERL_EPMD_PORT") 2>/dev/null && break
  sleep 0.1
done

"$server" 2>&1 &
server_pid=$!

# A graceful stop takes RabbitMQ 7 s and more, longer than the orchestrator waits for a process it stops (about 10 s,
# then the Stop command fails): after a few seconds' grace the node is killed. Durable queues and persistent
# messages survive that (they are on disk before the broker confirms them); unacknowledged deliveries come again.
stop_grace_tenths=30
stop() {
  kill -TERM "$server_pid" 2>/dev/null || true
  for _ in $(seq "$stop_grace_tenths"); do
    kill -0 "$server_pid" 2>/dev/null || break
    sleep 0.1
  done
  pkill -KILL -P "$server_pid" 2>/dev/null || true
  kill -KILL "$server_pid" 2>/dev/null || true
  wait "$server_pid" || true
  kill -TERM "$epmd_pid" 2>/dev/null || true
}
trap 'stop; exit 143' TERM INT

status=0
wait "$server_pid" || status=$?
kill -TERM "$epmd_pid" 2>/dev/null || true
exit "$status"
