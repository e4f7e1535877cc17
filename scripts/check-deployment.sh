#!/usr/bin/env bash
# Checks the deployment files for real, as CI runs them: the systemd unit verifies, the service
# image builds with no registry, the compose stack comes up, runs a Python hello and goes away
# leaving nothing behind, and deploy/install.sh installs and starts a working service.
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME="$(scripts/java-home.sh)"
fail() { echo "check-deployment: $*" >&2; exit 1; }
hello() { # url key
  curl -fsS "$1/execute" -H 'Content-Type: application/json' -H "X-API-Key: $2" \
    -d '{"language":"python","code":"print(\"Hello World\")"}' | grep -q '"output":"Hello World\\n"'
}
await_ready() { # url
  for _ in $(seq 1 180); do curl -fsS "$1/readyz" >/dev/null 2>&1 && return 0; sleep 1; done
  return 1
}

echo "== systemd unit"
unit=$(mktemp --suffix=.service)
sed "s|/opt/code-runner/java/bin/java|$JAVA_HOME/bin/java|" deploy/systemd/code-runner.service > "$unit"
if command -v systemd-analyze >/dev/null 2>&1; then
  out=$(systemd-analyze verify "$unit" 2>&1 | grep -v "code-runner.env" || true)
  [ -z "$out" ] || fail "systemd-analyze verify: $out"
  echo "systemd-analyze verify: no findings"
else
  echo "systemd-analyze not installed: skipped"
fi
rm -f "$unit"

echo "== service image"
scripts/build-service-image.sh

echo "== compose (Docker engine)"
command -v docker-compose >/dev/null 2>&1 || { apt-get update -qq; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends docker-compose >/dev/null; }
key="compose-$RANDOM$RANDOM"
export EXECUTION_API_KEY="$key" PORT=18094 INSTANCE_NAME=code-runner-compose-check DOCKER_GID="$(stat -c %g /var/run/docker.sock)"
compose() { docker-compose -p code-runner-check -f deploy/compose.yaml "$@"; }
compose up -d
trap 'compose down -v --remove-orphans >/dev/null 2>&1 || true' EXIT
await_ready http://127.0.0.1:18094 || { compose logs --tail 50; fail "the compose stack did not become ready"; }
hello http://127.0.0.1:18094 "$key" || fail "the compose stack did not run a Python hello"
rss=$(docker stats --no-stream --format '{{.MemUsage}}' "$(compose ps -q code-runner)" | cut -d/ -f1)
echo "Python hello through compose: ok; service container memory $rss"
compose down -v --remove-orphans
trap - EXIT
[ -z "$(docker ps -aq --filter label=com.docker.compose.project=code-runner-check)" ] || fail "compose left containers"
[ -z "$(docker ps -aq --filter label=dev.coderunner.instance=code-runner-compose-check)" ] || fail "sandboxes left behind"
[ -z "$(docker volume ls -q --filter label=dev.coderunner.instance=code-runner-compose-check)" ] || fail "volumes left behind"
echo "compose down: nothing left behind"

echo "== compose profile replicas (two replicas, Redis, nginx)"
export LB_PORT=18096 INSTANCE_NAME=code-runner-replicas-check
replicas() { docker-compose -p code-runner-replicas-check -f deploy/compose.yaml --profile replicas "$@"; }
replicas up -d redis replica-1 replica-2 lb
trap 'replicas down -v --remove-orphans >/dev/null 2>&1 || true' EXIT
await_ready http://127.0.0.1:18096 || { replicas logs --tail 50; fail "the replicas did not become ready"; }
ids=()
for i in 1 2 3 4 5 6; do
  id=$(curl -fsS http://127.0.0.1:18096/submissions -H 'Content-Type: application/json' -H "X-API-Key: $key" \
    -d "{\"language\":\"python\",\"code\":\"print($i * 7)\"}" | sed -n 's/.*"id":"\([^"]*\)".*/\1/p')
  [ -n "$id" ] || fail "a submission through the load balancer was refused"
  ids+=("$id")
done
for i in 1 2 3 4 5 6; do
  # Read through the balancer, so from either replica, whichever ran it.
  curl -fsS "http://127.0.0.1:18096/submissions/${ids[$((i-1))]}?wait=60" -H "X-API-Key: $key" \
    | grep -q "\"stdout\":\"$((i * 7))\\\\n\"" || fail "submission $i did not finish with its output through the load balancer"
done
echo "six submissions through nginx over two replicas and Redis: all DONE with their output"
# A streamed run through nginx: the first line is there well before the last (nothing buffers it).
curl -fsSN http://127.0.0.1:18096/execute -H 'Content-Type: application/json' -H 'Accept: application/x-ndjson' \
  -H "X-API-Key: $key" -d '{"language":"python","code":"import time\nprint(1, flush=True)\ntime.sleep(2)\nprint(2)"}' \
  | while IFS= read -r line; do echo "$(date +%s%N) $line"; done > /tmp/code-runner-stream.log
first=$(grep -m1 '"type":"stdout"' /tmp/code-runner-stream.log | cut -d' ' -f1)
last=$(grep '"type":"result"' /tmp/code-runner-stream.log | cut -d' ' -f1)
[ -n "$first" ] && [ -n "$last" ] && [ $(( (last - first) / 1000000 )) -ge 1500 ] \
  || { cat /tmp/code-runner-stream.log; fail "a streamed run through nginx was buffered or broken"; }
echo "a streamed run through nginx: output arrived $(( (last - first) / 1000000 )) ms before its result"
replicas down -v --remove-orphans
trap - EXIT
[ -z "$(docker ps -aq --filter label=com.docker.compose.project=code-runner-replicas-check)" ] || fail "the replicas profile left containers"
for n in 1 2; do
  [ -z "$(docker ps -aq --filter label=dev.coderunner.instance=code-runner-replicas-check-$n)" ] || fail "replica $n left sandboxes"
done
echo "replicas down: nothing left behind"

echo "== deploy/install.sh"
PORT=18095 SANDBOX_BACKEND=bwrap deploy/install.sh | tee /tmp/code-runner-install.log
line=$(grep -o "curl -s http://127.0.0.1:18095/execute.*" /tmp/code-runner-install.log)
bash -c "$line" | grep -q '"output":"42\\n"' || fail "the curl line install.sh printed did not run"
echo "install.sh: the printed curl line runs"
if systemctl is-active --quiet code-runner 2>/dev/null; then systemctl stop code-runner; else pkill -TERM -f /opt/code-runner/code-runner.jar || true; fi
