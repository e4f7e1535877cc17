#!/usr/bin/env bash
# Installs and starts what the service and its tests need on a Debian/Ubuntu host:
# the Docker engine (Debian's docker.io), debootstrap (to build runtime images without a registry),
# bubblewrap, gVisor's runsc and crun registered with dockerd as runtimes (DOCKER_RUNTIME), and
# redis-server (the broker of submissions shared by replicas, REDIS_URL), started on loopback, and
# Node.js with npm (the tests drive the Piston API with the real npm clients), and Debian's headless
# Chromium with its WebDriver (PlaygroundIT drives the playground page in a real browser).
# Idempotent: anything already present is left alone.
set -euo pipefail

need=()
command -v dockerd     >/dev/null 2>&1 || need+=(docker.io)
command -v debootstrap >/dev/null 2>&1 || need+=(debootstrap)
command -v bwrap       >/dev/null 2>&1 || need+=(bubblewrap)
command -v runsc       >/dev/null 2>&1 || need+=(runsc)
command -v crun        >/dev/null 2>&1 || need+=(crun)
command -v curl        >/dev/null 2>&1 || need+=(curl)
command -v redis-server >/dev/null 2>&1 || need+=(redis-server)
command -v setsid      >/dev/null 2>&1 || need+=(util-linux)
command -v node        >/dev/null 2>&1 || need+=(nodejs)
command -v npm         >/dev/null 2>&1 || need+=(npm)
[ -x /usr/bin/chromium ]     || need+=(chromium)
[ -x /usr/bin/chromedriver ] || need+=(chromium-driver)
# libseccomp compiles the bwrap engine's seccomp policy (apt itself depends on it, so it is rarely missing).
ls /usr/lib/*/libseccomp.so.2 >/dev/null 2>&1 || need+=(libseccomp2)
# debootstrap checks the Debian archive's signatures (Ubuntu hosts lack the keyring by default).
[ -f /usr/share/keyrings/debian-archive-keyring.gpg ] || need+=(debian-archive-keyring)

sudo_cmd=""; [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
if [ ${#need[@]} -gt 0 ]; then
  echo "Installing: ${need[*]}"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

"$(dirname "$0")/start-docker.sh"
"$(dirname "$0")/register-runtimes.sh"
"$(dirname "$0")/start-redis.sh"
