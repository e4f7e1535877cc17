#!/usr/bin/env bash
# Soak: starts the service on one engine (SANDBOX_BACKEND, default docker; DOCKER_RUNTIME too),
# drives a mixed hostile workload (hello, compiled programs, timeouts, memory bombs, output floods,
# fork bombs) at twice the load it admits for the given minutes, stops it with SIGTERM, and checks
# that it left nothing behind. Prints requests, status codes, statuses, admitted p50/p99 and the
# service's memory before and after. Fails on any 5xx, any wrong answer, any leftover, or memory
# growth over 25%.
# Usage: scripts/soak.sh [minutes]   (default 10; fractions allowed, e.g. 1 for CI)
set -euo pipefail
cd "$(dirname "$0")/.."

minutes="${1:-10}"
seconds=$(awk -v m="$minutes" 'BEGIN { printf "%d", m * 60 }')
engine="${SANDBOX_BACKEND:-docker}"
instance="soak-$engine${DOCKER_RUNTIME:+-$DOCKER_RUNTIME}"
port="${SOAK_PORT:-18093}"
key="soak-$RANDOM$RANDOM$RANDOM"
export JAVA_HOME="$(scripts/java-home.sh)"
ls target/code-runner-*.jar >/dev/null 2>&1 || ./mvnw -q -B -DskipTests package
mkdir -p target

echo "== soak on $engine${DOCKER_RUNTIME:+ ($DOCKER_RUNTIME)}, $minutes min"
env -i PATH="$PATH" HOME="${HOME:-/root}" SANDBOX_BACKEND="$engine" DOCKER_RUNTIME="${DOCKER_RUNTIME:-}" \
  EXECUTION_API_KEY="$key" PORT="$port" INSTANCE_NAME="$instance" BWRAP_CGROUP_NAME="$instance" \
  BWRAP_WORK_DIR="/run/$instance" "$JAVA_HOME/bin/java" -jar target/code-runner-*.jar > "target/$instance.log" 2>&1 &
service=$!
trap 'kill "$service" 2>/dev/null || true' EXIT
for _ in $(seq 1 240); do
  curl -fs "http://127.0.0.1:$port/health" >/dev/null 2>&1 && break
  kill -0 "$service" 2>/dev/null || { echo "the service did not start; see target/$instance.log" >&2; exit 1; }
  sleep 0.5
done

status=0
"$JAVA_HOME/bin/java" bench/Soak.java "http://127.0.0.1:$port" "$key" "$service" "$seconds" || status=1

kill -TERM "$service"
wait "$service" || true
trap - EXIT

leftovers=()
if [ "$engine" = bwrap ]; then
  for dir in "/sys/fs/cgroup/memory/$instance" "/sys/fs/cgroup/$instance"; do
    [ -d "$dir" ] && [ -n "$(find "$dir" -mindepth 1 -maxdepth 1 -type d 2>/dev/null)" ] && leftovers+=("cgroups under $dir")
  done
  [ -n "$(ls -A "/run/$instance" 2>/dev/null || true)" ] && leftovers+=("files under /run/$instance")
else
  [ -n "$(docker ps -aq --filter "label=dev.coderunner.instance=$instance")" ] && leftovers+=("containers")
  [ -n "$(docker volume ls -q --filter "label=dev.coderunner.instance=$instance")" ] && leftovers+=("volumes")
fi
if [ ${#leftovers[@]} -gt 0 ]; then
  echo "Left behind after a clean stop: ${leftovers[*]}" >&2
  status=1
else
  echo "Nothing left behind after a clean stop."
fi
exit "$status"
