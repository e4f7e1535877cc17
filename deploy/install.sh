#!/usr/bin/env bash
# Installs code-runner on a fresh Debian 12 or Ubuntu 24.04 host, from this checkout, and starts it:
# prerequisites (Docker, bubblewrap, gVisor, debootstrap), the runtime images and their root
# filesystems, the service jar with a jlinked Java runtime under /opt/code-runner, the systemd unit,
# a generated key in /etc/code-runner/code-runner.env. Prints the key once and a curl line.
# Every cloud recipe in DEPLOYMENT.md runs it as user-data. Idempotent: a second run upgrades the
# jar and keeps the key. Without a running systemd (a container, CI) it starts the service itself.
# Settings: SANDBOX_BACKEND (default bwrap), PORT (default 8080).
set -euo pipefail
cd "$(dirname "$0")/.."

prefix=/opt/code-runner
config=/etc/code-runner/code-runner.env
backend="${SANDBOX_BACKEND:-bwrap}"
port="${PORT:-8080}"
[ "$(id -u)" -eq 0 ] || { echo "run deploy/install.sh as root" >&2; exit 1; }

# A JDK 25 to build with; Debian 12 has none, so Adoptium's Temurin repository provides it.
if ! scripts/java-home.sh >/dev/null 2>&1; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends wget gpg ca-certificates >/dev/null
  wget -qO- https://packages.adoptium.net/artifactory/api/gpg/key/public | gpg --dearmor > /usr/share/keyrings/adoptium.gpg
  echo "deb [signed-by=/usr/share/keyrings/adoptium.gpg] https://packages.adoptium.net/artifactory/deb $(. /etc/os-release; echo "$VERSION_CODENAME") main" \
    > /etc/apt/sources.list.d/adoptium.list
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends temurin-25-jdk >/dev/null
fi
export JAVA_HOME="$(scripts/java-home.sh)"

scripts/install-prerequisites.sh
scripts/build-images.sh
[ "$backend" = bwrap ] && scripts/export-rootfs.sh
./mvnw -q -B -DskipTests package

mkdir -p "$prefix" /etc/code-runner /var/lib/code-runner
rm -rf "$prefix/java.new"
"$JAVA_HOME/bin/jlink" --add-modules java.base,java.compiler,java.desktop,java.instrument,java.logging,java.management,java.naming,java.net.http,java.prefs,java.rmi,java.scripting,java.security.jgss,java.security.sasl,java.sql,java.transaction.xa,java.xml,jdk.crypto.ec,jdk.management,jdk.naming.dns,jdk.net,jdk.unsupported,jdk.zipfs \
  --strip-debug --no-man-pages --no-header-files --compress=zip-6 --output "$prefix/java.new"
rm -rf "$prefix/java" && mv "$prefix/java.new" "$prefix/java"
install -m 0644 target/code-runner-*.jar "$prefix/code-runner.jar"
install -m 0644 DEPLOYMENT.md README.md "$prefix/"

if [ ! -f "$config" ]; then
  key=$(head -c 32 /dev/urandom | base64 | tr -d '/+=\n' | cut -c1-40)
  sed -e "s|^EXECUTION_API_KEY=.*|EXECUTION_API_KEY=$key|" -e "s|^SANDBOX_BACKEND=.*|SANDBOX_BACKEND=$backend|" \
      -e "s|^PORT=.*|PORT=$port|" deploy/systemd/code-runner.env > "$config"
  chmod 0600 "$config"
  echo "Generated an API key (shown once, kept in $config): $key"
fi
key=$(sed -n 's/^EXECUTION_API_KEY=//p' "$config")
port=$(sed -n 's/^PORT=//p' "$config")

state=$(systemctl is-system-running 2>/dev/null || true)
if [ "$state" = running ] || [ "$state" = degraded ]; then
  install -m 0644 deploy/systemd/code-runner.service /etc/systemd/system/code-runner.service
  systemctl daemon-reload
  systemctl enable code-runner >/dev/null
  systemctl restart code-runner
else
  # No systemd to supervise it: start it the way the unit would, logging to /var/log/code-runner.log.
  pkill -f "$prefix/code-runner.jar" 2>/dev/null && sleep 2 || true
  # exec: nothing of this script (its stdout included) stays attached to the service.
  (cd "$prefix" && set -a && . "$config" && set +a \
    && exec setsid "$prefix/java/bin/java" --enable-native-access=ALL-UNNAMED -jar "$prefix/code-runner.jar" \
      </dev/null >/var/log/code-runner.log 2>&1) &
fi

for _ in $(seq 1 240); do
  curl -fsS "http://127.0.0.1:$port/readyz" >/dev/null 2>&1 && break
  sleep 1
done
curl -fsS "http://127.0.0.1:$port/readyz" >/dev/null || { echo "code-runner did not become ready; see journalctl -u code-runner or /var/log/code-runner.log" >&2; exit 1; }
echo "code-runner is ready on port $port ($backend engine). Try:"
echo "  curl -s http://127.0.0.1:$port/execute -H 'Content-Type: application/json' -H 'X-API-Key: $key' -d '{\"language\":\"python\",\"code\":\"print(42)\"}'"
