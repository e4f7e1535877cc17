#!/usr/bin/env bash
# Runs the whole test suite: unit tests, then the integration suite on each engine (Docker, bwrap,
# Docker with gVisor, and its runtime-dependent part under crun) against the real engines and runtime images, which it installs, starts and
# builds first when they are missing; then the deployment files for real (scripts/check-deployment.sh:
# service image, compose, install.sh; DEPLOYMENT_CHECK=0 skips it), then a one-minute soak on Docker
# and on bwrap (SOAK_MINUTES, 0 to skip). Arguments go to Maven.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-prerequisites.sh
scripts/build-images.sh
scripts/export-rootfs.sh   # the integration suite runs on both engines
# The real npm clients of the compatibility APIs, at the versions the lockfile pins.
(cd src/test/node && npm ci --no-audit --no-fund --loglevel=error)

export JAVA_HOME="$(scripts/java-home.sh)"
./mvnw -B clean verify "$@"

if [ "${DEPLOYMENT_CHECK:-1}" != 0 ]; then
  scripts/check-deployment.sh
fi

minutes="${SOAK_MINUTES:-1}"
if [ "$minutes" != 0 ]; then
  SANDBOX_BACKEND=docker scripts/soak.sh "$minutes"
  SANDBOX_BACKEND=bwrap scripts/soak.sh "$minutes"
fi
