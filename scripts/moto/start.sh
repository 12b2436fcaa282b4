#!/usr/bin/env bash
# Starts moto on 127.0.0.1 (port $1, else $MOTO_PORT, else 5055), seeded with seed-images.json, and waits
# until it answers. Prints the endpoint. The pid goes to $MOTO_STATE_DIR (default /tmp)/moto-<port>.pid.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
port="${1:-${MOTO_PORT:-5055}}"
state="${MOTO_STATE_DIR:-/tmp}"
pidfile="$state/moto-$port.pid"
log="$state/moto-$port.log"

if [ ! -x /usr/bin/moto_server ]; then
  echo "moto is not installed: run scripts/moto/install.sh" >&2
  exit 1
fi
if [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then
  echo "moto already running on port $port (pid $(cat "$pidfile"))" >&2
  exit 1
fi

# The system python, not a pyenv one: moto and its dependencies are Debian packages.
MOTO_AMIS_PATH="$here/seed-images.json" setsid /usr/bin/python3 "$here/server.py" -H 127.0.0.1 -p "$port" >"$log" 2>&1 </dev/null &
echo $! >"$pidfile"

for _ in $(seq 1 100); do
  if /usr/bin/python3 -c "import urllib.request,sys; urllib.request.urlopen('http://127.0.0.1:$port/moto-api/data.json', timeout=1)" 2>/dev/null; then
    echo "http://127.0.0.1:$port"
    exit 0
  fi
  if ! kill -0 "$(cat "$pidfile")" 2>/dev/null; then
    echo "moto exited during start-up:" >&2
    cat "$log" >&2
    rm -f "$pidfile"
    exit 1
  fi
  sleep 0.1
done
echo "moto did not answer on port $port within 10 s; log:" >&2
cat "$log" >&2
exit 1
