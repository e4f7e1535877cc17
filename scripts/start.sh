#!/usr/bin/env bash
# Starts the service, preparing whatever is missing first: Docker, the runtime images, an API key.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-prerequisites.sh
scripts/build-images.sh
backend="${SANDBOX_BACKEND:-$(sed -n 's/^SANDBOX_BACKEND=//p' .env 2>/dev/null || true)}"
if [ "${backend:-docker}" = bwrap ]; then
  scripts/export-rootfs.sh
fi

if [ -z "${EXECUTION_API_KEY:-}" ] && ! grep -qs '^EXECUTION_API_KEY=.' .env; then
  key=$(head -c 32 /dev/urandom | base64 | tr -d '/+=\n' | cut -c1-40)
  [ -f .env ] || cp .env.example .env
  if grep -qs '^EXECUTION_API_KEY=' .env; then
    sed -i "s|^EXECUTION_API_KEY=.*|EXECUTION_API_KEY=$key|" .env
  else
    echo "EXECUTION_API_KEY=$key" >> .env
  fi
  echo "Generated an API key and saved it in .env (shown once): $key"
fi

export JAVA_HOME="$(scripts/java-home.sh)"
./mvnw -q -B -DskipTests package
exec "$JAVA_HOME/bin/java" -jar target/code-runner-*.jar
