#!/usr/bin/env bash
# Stops the moto that start.sh started on port $1 (else $MOTO_PORT, else 5055).
set -euo pipefail
port="${1:-${MOTO_PORT:-5055}}"
pidfile="${MOTO_STATE_DIR:-/tmp}/moto-$port.pid"
[ -f "$pidfile" ] || exit 0
pid="$(cat "$pidfile")"
rm -f "$pidfile"
kill "$pid" 2>/dev/null || exit 0
for _ in $(seq 1 50); do
  kill -0 "$pid" 2>/dev/null || exit 0
  sleep 0.1
done
kill -9 "$pid" 2>/dev/null || true
