# Helpers of bench/run (sourced; expects $bin, $results and the option variables it sets).

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }
rss_kib() { awk -v key="$2:" '$1 == key { print $2 }' "/proc/$1/status"; }
json() { python3 -c "import json,sys; print(json.load(sys.stdin)$1)"; }
figures() { echo "{\"scenario\":\"$1\",\"figures\":$2}"; }

# wrk (Debian's package) is the HTTP load generator: C, light on the client's share of the cores.
ensure_wrk() {
  command -v wrk >/dev/null && return
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo=sudo
  echo "installing wrk (apt-get)" >&2
  $sudo apt-get install -y wrk >/dev/null || { $sudo apt-get update >/dev/null && $sudo apt-get install -y wrk >/dev/null; }
}

# Tags each JSON line on stdin with the backend, prints it and appends it to $results.
collect() {
  python3 -c '
import json, sys
for line in sys.stdin:
    if line.strip():
        record = json.loads(line)
        record["backend"] = sys.argv[1]
        print(json.dumps(record), flush=True)
' "$1" | tee -a "$results"
}

# Seeds a fresh database, starts the server on it (pid in $server; on PostgreSQL without
# autovacuum an ANALYZE loop in $analyzer) and runs every scenario.
#   run_backend <sqlite|postgres> <database URL, empty for SQLite in the data dir>
run_backend() {
  local backend=$1 database_url=$2 work port started ready_ms key project events_project raw_url
  work=$(mktemp -d)
  port=$(free_port)
  export GLIDER_DATA_DIR="$work" GLIDER_API_RATE_LIMIT=0 GLIDER_LOG=warn
  if [ -n "$database_url" ]; then
    export GLIDER_DATABASE_URL="$database_url"; raw_url=$database_url
  else
    unset GLIDER_DATABASE_URL; raw_url="sqlite://$work/glider.db"
  fi
  echo "== $backend: seeding $work_items work items in $projects project(s)" >&2
  # The 1-minute load average every 5 s: the server and its clients make about 2–3 on their own;
  # well above that, something else on the machine shared the cores (see the spreads).
  # The SQLite WAL's size beside it: a WAL that checkpoints cannot reset (readers always on
  # an older snapshot) grows, and every read and write slows with it.
  ( while true; do
      echo "$(cut -d' ' -f1 /proc/loadavg) $(stat -c %s "$work/glider.db-wal" 2>/dev/null || echo 0)"
      sleep 5
    done ) >"$work/load" &
  sampler=$!
  "$bin/glider" migrate >/dev/null
  "$bin/glider" demo seed --projects "$projects" --work-items "$work_items" --slug bench --json \
    >"$work/seed.json" 2>"$work/seed.log" || { cat "$work/seed.log" >&2; return 1; }
  # PostgreSQL plans from statistics that autovacuum keeps fresh; where it is off (as on this
  # machine's instance) nothing updates them (without any, the list page sorted 10,000 rows
  # instead of walking the created_at index: 17 ms instead of 1 ms). Stand in for autovacuum:
  # VACUUM ANALYZE after the seed, then ANALYZE every 30 s while the scenarios grow the tables.
  if [ -n "$database_url" ] && [ "$(psql "$database_url" -Atc 'SHOW autovacuum')" = off ]; then
    psql "$database_url" -qc "VACUUM ANALYZE"
    ( while sleep 30; do psql "$database_url" -qc ANALYZE >/dev/null 2>&1 || true; done ) &
    analyzer=$!
  fi
  key=$(json '["api_key"]' <"$work/seed.json")
  project=$(json '["projects"][0]["id"]' <"$work/seed.json")

  started=$(date +%s%N)
  "$bin/glider" serve --listen "127.0.0.1:$port" >"$work/server.log" 2>&1 &
  server=$!
  until curl -sf "http://127.0.0.1:$port/ready" >/dev/null 2>&1; do sleep 0.005; done
  ready_ms=$(( ($(date +%s%N) - started) / 1000000 ))
  # The WebSocket and event-log scenarios write into a project of their own.
  events_project=$(curl -sf -X POST "http://127.0.0.1:$port/api/v1/workspaces/bench/projects/" \
    -H "X-Api-Key: $key" -H 'Content-Type: application/json' \
    -d '{"name":"Events","identifier":"EVT"}' | json '["id"]')
  sleep 1
  local idle_kib; idle_kib=$(rss_kib "$server" VmRSS)
  local target=(--base-url "http://127.0.0.1:$port" --api-key "$key" --workspace bench)
  local creates=2000 sockets=(1000 10000) http=(--runs "$runs")
  if $quick; then creates=500; sockets=(1000); http+=(--seconds 3 --requests 3000 --warmup-seconds 1); fi
  {
    figures server "{\"cold_start_ms\":$ready_ms,\"idle_rss_kib\":$idle_kib,\"binary_bytes\":$(stat -c %s "$bin/glider")}"
    python3 -c '
import json, sys
seed = json.load(open(sys.argv[1]))
print(json.dumps({"scenario": "seed", "figures": {
    "work_items": seed["work_items"], "projects": len(seed["projects"]),
    "list_project_items": seed["projects"][0]["work_items"],
    "seconds": seed["seconds"], "items_per_s": seed["items_per_s"]}}))' "$work/seed.json"
    python3 bench/http_load.py "${target[@]}" --project "$project" --database-url "$raw_url" \
      --bin "$bin" "${http[@]}"
    # VmHWM counts file pages too: on SQLite every pooled connection maps the database file
    # (mmap_size), so the anonymous (heap) part is given beside it.
    figures server_http_peak "{\"peak_rss_kib\":$(rss_kib "$server" VmHWM),\"rss_anon_kib\":$(rss_kib "$server" RssAnon),\"rss_file_kib\":$(rss_kib "$server" RssFile)}"
    "$bin/event-log" "${target[@]}" --project "$events_project" --creates "$creates"
    for n in "${sockets[@]}"; do
      "$bin/ws-fanout" "${target[@]}" --project "$events_project" --sockets "$n" --moves 100
    done
    figures server_peak "{\"peak_rss_kib\":$(rss_kib "$server" VmHWM)}"
    python3 -c '
import json, statistics, sys
samples = [line.split() for line in open(sys.argv[1]) if line.strip()]
load = [float(s[0]) for s in samples]
wal = [int(s[1]) for s in samples if len(s) > 1]
print(json.dumps({"scenario": "machine", "figures": {
    "loadavg_1m_median": statistics.median(load), "loadavg_1m_max": max(load),
    "wal_max_bytes": max(wal, default=0)}}))' "$work/load"
  } | collect "$backend"
  local warnings; warnings=$(grep -c 'WARN\|ERROR' "$work/server.log" || true)
  if [ "$warnings" -gt 0 ]; then
    echo "server log on $backend: $warnings warning/error lines; the first 5:" >&2
    # grep -m, not | head: head closing the pipe early would fail the script under pipefail.
    grep -m 5 'WARN\|ERROR' "$work/server.log" | cut -c1-1000 >&2
  fi
  kill "$server"; wait "$server" 2>/dev/null || true
  server=""
  kill "$sampler"; wait "$sampler" 2>/dev/null || true; sampler=""
  if [ -n "${analyzer:-}" ]; then kill "$analyzer"; wait "$analyzer" 2>/dev/null || true; analyzer=""; fi
  rm -rf "$work"
}
