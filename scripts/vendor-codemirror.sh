#!/usr/bin/env bash
# Copies the CodeMirror 5 files the playground uses from the npm package into the service's own
# resources, unchanged, with their licence: the page loads nothing from anywhere else (no CDN), so
# it works offline and its Content-Security-Policy can allow only the service itself.
# Run it again to move to another 5.x version (and change VERSION below and in the README).
set -euo pipefail
cd "$(dirname "$0")/.."

VERSION=5.65.21
target=src/main/resources/playground/codemirror
files=(
  LICENSE
  lib/codemirror.js lib/codemirror.css
  addon/mode/simple.js           # rust's mode is built on it
  addon/edit/matchbrackets.js addon/edit/closebrackets.js
  mode/python/python.js mode/javascript/javascript.js mode/clike/clike.js mode/go/go.js
  mode/rust/rust.js mode/ruby/ruby.js mode/shell/shell.js
)

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "codemirror@$VERSION" >/dev/null && tar xzf "codemirror-$VERSION.tgz")

rm -rf "$target"
for file in "${files[@]}"; do
  mkdir -p "$target/$(dirname "$file")"
  cp "$work/package/$file" "$target/$file"
done
echo "$VERSION" > "$target/VERSION"
echo "CodeMirror $VERSION copied to $target"
