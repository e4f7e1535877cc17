#!/usr/bin/env bash
# Installs and starts what the service and its tests need on a Debian/Ubuntu host:
# the Docker engine (Debian's docker.io), debootstrap (to build runtime images without a registry)
# and bubblewrap. Idempotent: anything already present is left alone.
set -euo pipefail

need=()
command -v dockerd     >/dev/null 2>&1 || need+=(docker.io)
command -v debootstrap >/dev/null 2>&1 || need+=(debootstrap)
command -v bwrap       >/dev/null 2>&1 || need+=(bubblewrap)
command -v curl        >/dev/null 2>&1 || need+=(curl)
# debootstrap checks the Debian archive's signatures (Ubuntu hosts lack the keyring by default).
[ -f /usr/share/keyrings/debian-archive-keyring.gpg ] || need+=(debian-archive-keyring)

if [ ${#need[@]} -gt 0 ]; then
  sudo_cmd=""; [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  echo "Installing: ${need[*]}"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

"$(dirname "$0")/start-docker.sh"
