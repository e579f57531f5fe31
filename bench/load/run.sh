#!/usr/bin/env bash
# Load test of Mille Jours on PostgreSQL (see README.md): serve, run Locust, stop the server.
# Usage: bench/load/run.sh DATABASE_URL [USERS] [DURATION]   e.g. ... 100 4m
# Traffic only to 127.0.0.1; the run is bounded in time (DURATION) and users (USERS).
# The server, its worker and scheduler, PostgreSQL and Locust share the machine's cores as
# the OS schedules them (measured best on 2 cores). MJ_LOAD_PIN=1 pins the server and Locust
# to separate cores instead (MJ_LOAD_SERVER_CPUS, default 0; MJ_LOAD_LOCUST_CPUS, default
# the last core); PostgreSQL is never pinned.
set -euo pipefail
cd "$(dirname "$0")/../.."
db_url=${1:?DATABASE_URL attendu (postgres://…)}
users=${2:-100}
duration=${3:-4m}
port=${MJ_LOAD_PORT:-8765}
out=${MJ_LOAD_OUT:-/tmp/mj-load}
export DATABASE_URL=$db_url MILLEJOURS_DEMO=1 DEBUG=0 MJ_LOAD_OUT=$out
# A data directory of the run's own: the access-log anchors written there belong to THIS
# database (a directory shared with another copy reads as a truncated log: correctly).
export MILLEJOURS_DATA_DIR=${MILLEJOURS_DATA_DIR:-$out/data}
mkdir -p "$out" "$MILLEJOURS_DATA_DIR"
cores=$(nproc 2>/dev/null || echo 1)
server_pin=() locust_pin=()
if [[ ${MJ_LOAD_PIN:-0} != 0 && $cores -ge 2 ]] && command -v taskset >/dev/null; then
  server_pin=(taskset -c "${MJ_LOAD_SERVER_CPUS:-0}")
  locust_pin=(taskset -c "${MJ_LOAD_LOCUST_CPUS:-$((cores - 1))}")
fi
echo "serveur : ${server_pin[*]:-non épinglé} ; locust : ${locust_pin[*]:-non épinglé}" | tee "$out/pinning.txt"
# The nightly pre-aggregated indicators, as in production (the scheduler runs it at 03:00).
.venv/bin/millejours jobs run indicators_snapshot >"$out/snapshot.json" 2>&1 \
  || echo "indicators_snapshot a échoué : les indicateurs seront comptés en direct" >&2
# A scheduler started on a database where the periodic jobs never ran catches them all up at
# once (calendar refresh, reminders, retention…): one pass before the measure, so that the
# run measures the day's traffic, not a first start.
.venv/bin/millejours scheduler --once >"$out/scheduler-once.log" 2>&1 || true
if .venv/bin/millejours help serve >/dev/null 2>&1; then
  # 2 workers × 4 threads; keep-alive: serve's default (75 s, above the 1–5 s think time).
  "${server_pin[@]}" .venv/bin/millejours serve --bind "127.0.0.1:$port" --workers 2 --threads 4 \
    >"$out/server.log" 2>&1 &
else
  "${server_pin[@]}" .venv/bin/gunicorn millejours.wsgi -w 2 --threads 4 --keep-alive 75 \
    -b "127.0.0.1:$port" >"$out/server.log" 2>&1 &
fi
server=$!
# The background worker and the scheduler run beside the server, as in production (the
# health page then answers 200: worker heartbeat and scheduler's last run are fresh).
.venv/bin/millejours db_worker --queue-name "*" >"$out/worker.log" 2>&1 &
worker=$!
.venv/bin/millejours scheduler >"$out/scheduler.log" 2>&1 &
scheduler=$!
trap 'kill "$server" "$worker" "$scheduler" 2>/dev/null || true; wait 2>/dev/null || true' EXIT
for _ in $(seq 60); do curl -fso /dev/null "http://127.0.0.1:$port/comptes/connexion/" && break; sleep 1; done
curl -s "http://127.0.0.1:$port/sante/" >"$out/health-before.json" || true
uptime | tee "$out/load-before.txt"
status=0
"${locust_pin[@]}" .venv/bin/locust -f bench/load/locustfile.py --headless -H "http://127.0.0.1:$port" \
  -u "$users" -r 5 -t "$duration" --stop-timeout 10 --csv "$out/stats" --only-summary >"$out/locust.txt" 2>&1 || status=$?
tail -n 80 "$out/locust.txt"
uptime | tee "$out/load-after.txt"
curl -s "http://127.0.0.1:$port/sante/" >"$out/health-after.json" || true
exit $status
