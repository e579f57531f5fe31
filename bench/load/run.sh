#!/usr/bin/env bash
# Load test of Mille Jours on PostgreSQL (see README.md): serve, run Locust, stop the server.
# Usage: bench/load/run.sh DATABASE_URL [USERS] [DURATION]   e.g. ... 100 4m
# Traffic only to 127.0.0.1; the run is bounded in time (DURATION) and users (USERS).
set -euo pipefail
cd "$(dirname "$0")/../.."
db_url=${1:?DATABASE_URL attendu (postgres://…)}
users=${2:-100}
duration=${3:-4m}
port=${MJ_LOAD_PORT:-8765}
out=${MJ_LOAD_OUT:-/tmp/mj-load}
export DATABASE_URL=$db_url MILLEJOURS_DEMO=1 DEBUG=0
mkdir -p "$out"
if .venv/bin/millejours help serve >/dev/null 2>&1; then
  .venv/bin/millejours serve --bind "127.0.0.1:$port" --workers 2 >"$out/server.log" 2>&1 &
else
  .venv/bin/gunicorn millejours.wsgi -w 2 --threads 4 -b "127.0.0.1:$port" >"$out/server.log" 2>&1 &
fi
server=$!
trap 'kill "$server" 2>/dev/null || true' EXIT
for _ in $(seq 60); do curl -fso /dev/null "http://127.0.0.1:$port/comptes/connexion/" && break; sleep 1; done
uptime | tee "$out/load-before.txt"
status=0
.venv/bin/locust -f bench/load/locustfile.py --headless -H "http://127.0.0.1:$port" \
  -u "$users" -r 5 -t "$duration" --stop-timeout 10 --csv "$out/stats" --only-summary >"$out/locust.txt" 2>&1 || status=$?
tail -n 60 "$out/locust.txt"
uptime | tee "$out/load-after.txt"
exit $status
