#!/usr/bin/env bash
# Makes sure a Docker engine answers on the default socket. When none runs, starts dockerd without
# a bridge network: sandboxes run with network mode "none", so the service needs no bridge, and
# hosts without iptables can run it.
set -euo pipefail

if docker_ok() { curl -fsS --unix-socket /var/run/docker.sock http://localhost/_ping >/dev/null 2>&1; }; docker_ok; then
  exit 0
fi
sudo_cmd=""; [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
if command -v systemctl >/dev/null 2>&1 && systemctl is-system-running >/dev/null 2>&1; then
  $sudo_cmd systemctl start docker || true
fi
if ! docker_ok; then
  echo "Starting dockerd (no bridge network, log in /var/log/dockerd.log)"
  $sudo_cmd sh -c 'nohup dockerd --bridge=none --iptables=false --ip6tables=false >/var/log/dockerd.log 2>&1 &'
fi
for _ in $(seq 1 60); do
  docker_ok && exit 0
  sleep 0.5
done
echo "Docker did not come up; see /var/log/dockerd.log" >&2
tail -20 /var/log/dockerd.log >&2 || true
exit 1
