#!/usr/bin/env bash
# Tipline benchmark: builds the jar, starts it on a fresh embedded PostgreSQL, and drives it.
#   bench/run.sh load  [clients] [seconds]   submissions and follow-ups (server heap 1 GiB)
#   bench/run.sh large                        one 1 GiB attachment (server heap capped at 256 MiB)
#   bench/run.sh hpke                         one HPKE seal, pure-Java against native X25519
#   bench/run.sh cases [count]                seeds 1,000,000 cases; inbox, overview, deadline job
#   bench/run.sh account [clients] [seconds]  the public account page, a post and the feed (pages kept in memory)
#   bench/run.sh account-uncached [...]       the same with every request rendered afresh
# Prints figures; never fails on time. Traffic goes to localhost only.
# SERVER_OPTS adds JVM options to the server (e.g. a JFR recording); KEEP_LOG=<file> keeps its log.
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:-load}
clients=${2:-32}
seconds=${3:-30}
for candidate in /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/temurin-25-jdk-*; do
  if [ -x "$candidate/bin/java" ]; then export JAVA_HOME="$candidate"; break; fi
done
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"

if [ "$mode" = hpke ]; then
  classpath=$(./mvnw -q -B -ntp dependency:build-classpath -Dmdep.outputFile=/dev/stdout -Dmdep.includeScope=runtime 2>/dev/null)
  echo "machine: $(nproc) cores, $(uname -sr), java $("$JAVA" -version 2>&1 | head -1)"
  "$JAVA" -cp "$classpath" bench/HpkeSeal.java java
  "$JAVA" -cp "$classpath" bench/HpkeSeal.java conscrypt
  exit 0
fi

if [ ! -f target/tipline-0.1.0-SNAPSHOT.jar ] || [ -n "${REBUILD:-}" ]; then
  ./mvnw -q -B -DskipTests package
fi

work=$(mktemp -d /tmp/tipline-bench.XXXXXX)
port=18080
heap=-Xmx1g
extra=()
if [ "$mode" = large ]; then
  heap=-Xmx256m
  extra=(--tipline.uploads.max-file-size=2GB --tipline.uploads.max-request-size=2GB)
fi
if [ "$mode" = account-uncached ]; then
  extra=(--tipline.publishing.page-cache=PT0S)
fi
if [ "$mode" = cases ]; then
  # the overview is counted afresh on every request here, so its figures are the counting's own
  extra=(--tipline.cases.deadline-check=PT30S --tipline.cases.overview-cache=PT0S
    --logging.level.org.tipline.cases.DeadlineWatch=INFO)
fi
"$JAVA" $heap ${SERVER_OPTS:-} -jar target/tipline-0.1.0-SNAPSHOT.jar \
  --server.port=$port \
  --tipline.database.embedded.data-directory="$work/postgres" \
  --tipline.secrets.directory="$work/secrets" \
  --tipline.blobs.directory="$work/blobs" \
  --tipline.intake.reports-per-source=0 \
  --logging.level.root=WARN "${extra[@]}" > "$work/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; wait $server 2>/dev/null || true; if [ -n "${KEEP_LOG:-}" ]; then cp "$work/server.log" "$KEEP_LOG"; fi; rm -rf "$work"' EXIT

for _ in $(seq 1 120); do
  code=$(grep -oE '[0-9A-F]{5}-[0-9A-F]{5}-[0-9A-F]{5}-[0-9A-F]{5}' "$work/server.log" | head -1 || true)
  [ -n "$code" ] && break
  sleep 0.5
done
[ -n "$code" ] || { echo "server did not start"; cat "$work/server.log"; exit 1; }

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(uname -sr), java $("$JAVA" -version 2>&1 | head -1)"
echo "server: $heap, embedded PostgreSQL 17, data in $work"
if [ "$mode" = cases ]; then
  classpath=$(./mvnw -q -B -ntp dependency:build-classpath -Dmdep.outputFile=/dev/stdout -Dmdep.includeScope=runtime 2>/dev/null)
  "$JAVA" -Xmx512m -cp "$classpath" bench/CaseBench.java "http://localhost:$port" "$code" "$work/postgres" "$work/secrets" "$work/server.log" "${2:-1000000}"
  exit 0
fi
"$JAVA" -Xmx512m -Dclk.tck="$(getconf CLK_TCK)" -Dpostgres.data="$work/postgres" bench/LoadDriver.java "http://localhost:$port" "$code" "${mode%-uncached}" "$clients" "$seconds" "$server"
