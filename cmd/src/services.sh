#!/usr/bin/env bash
# Starts MariaDB (127.0.0.1:3306, root, no password) and Redis (127.0.0.1:6379) when they are not answering.
# Used by .ci/run before the tests and by `make bench`.
set -euo pipefail

log() { printf '== %s\n' "$*"; }

if ! mysqladmin --protocol=tcp -h 127.0.0.1 -u root ping >/dev/null 2>&1; then
  log "starting MariaDB"
  start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd
  for _ in $(seq 1 60); do
    mysqladmin --protocol=tcp -h 127.0.0.1 -u root ping >/dev/null 2>&1 && break
    sleep 1
  done
  mysqladmin --protocol=tcp -h 127.0.0.1 -u root ping >/dev/null
fi

if ! redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; then
  log "starting Redis"
  redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no
  for _ in $(seq 1 30); do
    redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1 && break
    sleep 1
  done
  redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null
fi
