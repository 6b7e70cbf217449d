#!/usr/bin/env bash
# Town pages served by gunicorn on this machine's cores, SQLite, measured with wrk on loopback
# (goal: at least 300 requests/s with p99 under 100 ms).
#   bench/town_page.sh [seconds] [connections]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-20}
connections=${2:-8}
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk"; exit 1; }
var=$(mktemp -d /tmp/austausch-bench.XXXXXX)
export AUSTAUSCH_VAR_DIR=$var DATABASE_URL=sqlite:///$var/bench.sqlite3
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
.venv/bin/austausch migrate -v0
.venv/bin/austausch registry import >/dev/null
.venv/bin/austausch serve --port "$port" --workers "$(nproc)" >"$var/serve.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$var"' EXIT
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$port/de/" >/dev/null && break; sleep 0.2; done
# A Lua script spreads the requests over many real town pages, not one cached row.
keys=$(.venv/bin/python - <<'PY'
import csv, random
rows = list(csv.DictReader(open("austausch/registry/data/municipalities.csv", encoding="utf-8")))
print(" ".join(row["key"] for row in random.Random(3).sample(rows, 500)))
PY
)
cat >"$var/pages.lua" <<LUA
keys = {}
for key in string.gmatch("$keys", "%S+") do table.insert(keys, key) end
counter = 0
request = function()
  counter = counter + 1
  return wrk.format("GET", "/de/municipalities/" .. keys[(counter % #keys) + 1] .. "/")
end
LUA
curl -sf "http://127.0.0.1:$port/de/municipalities/DE-15002000/" >/dev/null
wrk -t2 -c"$connections" -d"${seconds}s" --latency -s "$var/pages.lua" "http://127.0.0.1:$port" | tee "$var/wrk.txt"
rps=$(awk '/Requests\/sec/ {print $2}' "$var/wrk.txt")
p99=$(awk '$1 == "99%" {print $2}' "$var/wrk.txt")
echo "town pages: $rps requests/s (goal 300, ratio $(python3 -c "print(round($rps / 300, 2))")), p99 $p99 (goal 100ms)"
