#!/usr/bin/env bash
# Makes sure a Redis server answers on 127.0.0.1:6379 (REDIS_URL=redis://127.0.0.1:6379 for the
# service; the Redis integration tests use it). When none does, starts Debian's redis-server on
# loopback only, as a daemon, without persistence: submissions need only live while they are kept.
set -euo pipefail

if redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; then
  exit 0
fi
sudo_cmd=""; [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
if command -v systemctl >/dev/null 2>&1 && systemctl is-system-running >/dev/null 2>&1; then
  $sudo_cmd systemctl start redis-server || true
fi
if ! redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; then
  echo "Starting redis-server on 127.0.0.1:6379 (log in /var/log/redis-code-runner.log)"
  $sudo_cmd redis-server --bind 127.0.0.1 --port 6379 --daemonize yes --save '' --appendonly no \
    --logfile /var/log/redis-code-runner.log
fi
for _ in $(seq 1 40); do
  redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1 && exit 0
  sleep 0.25
done
echo "Redis did not come up; see /var/log/redis-code-runner.log" >&2
exit 1
