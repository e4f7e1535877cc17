#!/usr/bin/env bash
# Builds the service image code-runner/service:<version> (and :latest) with no registry: a Java
# runtime jlinked from the build JDK with just the modules the service uses, the service jar, and
# bubblewrap, on the project's own Debian base (built by scripts/build-images.sh when missing);
# and the images of the compose profile "replicas": code-runner/redis and code-runner/lb (nginx).
# An image is rebuilt when what it is made of changed (the jar, the Dockerfile), or with FORCE=1.
set -euo pipefail
cd "$(dirname "$0")/.."

export JAVA_HOME="$(scripts/java-home.sh)"
version=$(sed -n '/<artifactId>code-runner<\/artifactId>/{n;s:.*<version>\(.*\)</version>.*:\1:p}' pom.xml)
tag="code-runner/service:$version"
export DOCKER_BUILDKIT=0
scripts/build-images.sh >/dev/null   # the Debian base
base=code-runner/debian-base:bookworm

# Builds <tag> from <dir> unless an image with the same content label exists.
build() { # tag dir content-digest
  if [ "${FORCE:-0}" != 1 ] && [ "$(docker image inspect --format '{{index .Config.Labels "dev.coderunner.content"}}' "$1" 2>/dev/null)" = "$3" ]; then
    echo "$1 present, skipped"; return 0
  fi
  docker build -q --network host --build-arg BASE="$base" --label "dev.coderunner.content=$3" -t "$1" "$2" >/dev/null
  echo "Built $1 ($(docker image inspect --format '{{.Size}}' "$1" | awk '{printf "%d MB", $1/1000000}'))"
}
digest() { cat "$@" | sha256sum | cut -c1-16; }

build code-runner/redis:latest deploy/redis "$(digest deploy/redis/Dockerfile)"
build code-runner/lb:latest deploy/lb "$(digest deploy/lb/Dockerfile deploy/lb/nginx.conf)"

ls target/code-runner-*.jar >/dev/null 2>&1 || ./mvnw -q -B -DskipTests package
content=$(digest target/code-runner-*.jar deploy/Dockerfile.local)
if [ "${FORCE:-0}" != 1 ] && [ "$(docker image inspect --format '{{index .Config.Labels "dev.coderunner.content"}}' "$tag" 2>/dev/null)" = "$content" ]; then
  echo "$tag present, skipped"; exit 0
fi
context=$(mktemp -d /var/tmp/code-runner-service.XXXXXX)
trap 'rm -rf "$context"' EXIT
# Spring, Tomcat, JNA and docker-java need these modules (java.desktop for java.beans).
"$JAVA_HOME/bin/jlink" --add-modules java.base,java.compiler,java.desktop,java.instrument,java.logging,java.management,java.naming,java.net.http,java.prefs,java.rmi,java.scripting,java.security.jgss,java.security.sasl,java.sql,java.transaction.xa,java.xml,jdk.crypto.ec,jdk.management,jdk.naming.dns,jdk.net,jdk.unsupported,jdk.zipfs \
  --strip-debug --no-man-pages --no-header-files --compress=zip-6 --output "$context/runtime"
cp target/code-runner-*.jar "$context/code-runner.jar"
cp deploy/Dockerfile.local "$context/Dockerfile"
docker build -q --network host --label "dev.coderunner.content=$content" -t "$tag" -t code-runner/service:latest "$context" >/dev/null
echo "Built $tag ($(docker image inspect --format '{{.Size}}' "$tag" | awk '{printf "%d MB", $1/1000000}'))"
