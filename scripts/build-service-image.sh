#!/usr/bin/env bash
# Builds the service image code-runner/service:<version> (and :latest) with no registry: a Java
# runtime jlinked from the build JDK with just the modules the service uses, the service jar, and
# bubblewrap, on the project's own Debian base (built by scripts/build-images.sh when missing).
# FORCE=1 rebuilds an existing image.
set -euo pipefail
cd "$(dirname "$0")/.."

export JAVA_HOME="$(scripts/java-home.sh)"
version=$(sed -n '/<artifactId>code-runner<\/artifactId>/{n;s:.*<version>\(.*\)</version>.*:\1:p}' pom.xml)
tag="code-runner/service:$version"
export DOCKER_BUILDKIT=0
if [ "${FORCE:-0}" != 1 ] && docker image inspect "$tag" >/dev/null 2>&1; then
  echo "$tag present, skipped"; exit 0
fi
scripts/build-images.sh >/dev/null   # the Debian base
ls target/code-runner-*.jar >/dev/null 2>&1 || ./mvnw -q -B -DskipTests package

context=$(mktemp -d /var/tmp/code-runner-service.XXXXXX)
trap 'rm -rf "$context"' EXIT
# Spring, Tomcat, JNA and docker-java need these modules (java.desktop for java.beans).
"$JAVA_HOME/bin/jlink" --add-modules java.base,java.compiler,java.desktop,java.instrument,java.logging,java.management,java.naming,java.net.http,java.prefs,java.rmi,java.scripting,java.security.jgss,java.security.sasl,java.sql,java.transaction.xa,java.xml,jdk.crypto.ec,jdk.management,jdk.naming.dns,jdk.net,jdk.unsupported,jdk.zipfs \
  --strip-debug --no-man-pages --no-header-files --compress=zip-6 --output "$context/runtime"
cp target/code-runner-*.jar "$context/code-runner.jar"
cp deploy/Dockerfile.local "$context/Dockerfile"
docker build -q --network host -t "$tag" -t code-runner/service:latest "$context" >/dev/null
echo "Built $tag ($(docker image inspect --format '{{.Size}}' "$tag" | awk '{printf "%d MB", $1/1000000}'))"
