#!/usr/bin/env bash
# Runs the whole test suite: unit tests, then integration tests against the real Docker engine and
# runtime images, which it installs, starts and builds first when they are missing.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-prerequisites.sh
scripts/build-images.sh
scripts/export-rootfs.sh   # the integration suite runs on both engines

export JAVA_HOME="$(scripts/java-home.sh)"
exec ./mvnw -B clean verify "$@"
