#!/usr/bin/env bash
# Prints a JAVA_HOME whose java is version 25 or newer (the lowest the project supports): $JAVA_HOME if it qualifies, else the java
# on PATH, else the newest JDK under /usr/lib/jvm. Fails with a message when there is none.
set -euo pipefail

major() { "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p'; }
ok() { [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] && [ "$(major "$1")" -ge 25 ] 2>/dev/null; }

candidates=()
[ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
if command -v javac >/dev/null 2>&1; then candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")"); fi
for dir in $(ls -d /usr/lib/jvm/*/ 2>/dev/null | sort -rV); do candidates+=("${dir%/}"); done

for home in "${candidates[@]}"; do
  if ok "$home"; then echo "$home"; exit 0; fi
done
echo "No JDK 25 or newer found (checked JAVA_HOME, PATH and /usr/lib/jvm). Install one, or set JAVA_HOME." >&2
exit 1
