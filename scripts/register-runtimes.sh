#!/usr/bin/env bash
# Registers the OCI runtimes the Docker engine can run sandboxes under (DOCKER_RUNTIME) with dockerd:
#   runsc  gVisor's user-space kernel; it needs --network=none on a host whose containers have no
#          network (it refuses to share the root network namespace otherwise);
#   crun   a C runtime that creates containers about twice as fast as runc. crun 1.8 refuses a
#          host with hybrid cgroups (v1 controllers plus a unified v2 mount) while any controller
#          sits on the v2 side; such a controller (Debian's kernels leave hugetlb there) is given a
#          v1 hierarchy of its own, which is what crun asks for and changes nothing for runc.
# Entries are merged into /etc/docker/daemon.json (other settings kept); dockerd reloads its runtimes
# on SIGHUP, so nothing running is disturbed. Idempotent; a runtime that is not installed is skipped.
set -euo pipefail

config=/etc/docker/daemon.json
sudo_cmd=""; [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
registered() { docker info --format '{{range $name, $_ := .Runtimes}}{{$name}} {{end}}' 2>/dev/null; }

# Moves every controller of a hybrid host's v2 mount to a v1 hierarchy of its own (crun needs none on v2).
v2_controllers_to_v1() {
  local unified=/sys/fs/cgroup/unified controller
  [ -f "$unified/cgroup.controllers" ] || return 0
  for controller in $(cat "$unified/cgroup.controllers"); do
    $sudo_cmd mkdir -p "/sys/fs/cgroup/$controller"
    $sudo_cmd mount -t cgroup -o "$controller" cgroup "/sys/fs/cgroup/$controller" || return 1
  done
}

wanted=()
command -v runsc >/dev/null 2>&1 && wanted+=('runsc={"path":"/usr/bin/runsc","runtimeArgs":["--network=none"]}')
if command -v crun >/dev/null 2>&1; then
  if v2_controllers_to_v1; then
    wanted+=('crun={"path":"'"$(command -v crun)"'"}')
  else
    echo "crun not registered: this host's cgroup v2 controllers cannot be moved to v1" >&2
  fi
fi
missing=()
for entry in "${wanted[@]}"; do
  registered | grep -qw "${entry%%=*}" || missing+=("$entry")
done
[ ${#missing[@]} -gt 0 ] || exit 0

$sudo_cmd mkdir -p /etc/docker
merged=$(node -e '
  const fs = require("fs");
  const file = process.argv[1];
  const config = fs.existsSync(file) && fs.readFileSync(file, "utf8").trim() ? JSON.parse(fs.readFileSync(file, "utf8")) : {};
  config.runtimes = config.runtimes || {};
  for (const entry of process.argv.slice(2)) {
    const at = entry.indexOf("=");
    config.runtimes[entry.slice(0, at)] = JSON.parse(entry.slice(at + 1));
  }
  process.stdout.write(JSON.stringify(config, null, 2) + "\n");
' "$config" "${missing[@]}")
printf '%s' "$merged" | $sudo_cmd tee "$config" >/dev/null
$sudo_cmd kill -HUP "$(pgrep -x dockerd | head -1)"
for _ in $(seq 1 20); do
  ok=yes
  for entry in "${missing[@]}"; do registered | grep -qw "${entry%%=*}" || ok=""; done
  [ -n "$ok" ] && exit 0
  sleep 0.5
done
echo "dockerd did not pick up the runtimes in $config" >&2
exit 1
