#!/usr/bin/env bash
# Exports each runtime image's filesystem to a directory for the bubblewrap engine, so both engines
# run programs on the very same files. Skipped for an image whose export is already up to date
# (same image id); FORCE=1 re-exports. Needs the images (scripts/build-images.sh) and Docker.
# Usage: scripts/export-rootfs.sh [name...]   (names of images/ directories; default: every image)
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib/images.sh

ROOTFS_DIR="${BWRAP_ROOTFS_DIR:-/var/lib/code-runner/rootfs}"
mkdir -p "$ROOTFS_DIR"

for tag in $(runtime_images); do
  dir=$(recipe_of "$tag")
  if [ $# -gt 0 ] && [[ " $* " != *" ${dir#images/} "* ]]; then continue; fi
  name=$(rootfs_name_of "$tag")
  target="$ROOTFS_DIR/$name"
  id=$(docker image inspect --format '{{.Id}}' "$tag")
  if [ "${FORCE:-0}" != 1 ] && [ -f "$target.id" ] && [ "$(cat "$target.id")" = "$id" ]; then
    echo "$name up to date, skipped"; continue
  fi
  echo "Exporting $tag to $target"
  tmp="$target.tmp"
  rm -rf "$tmp"; mkdir -p "$tmp"
  container=$(docker create "$tag")
  docker export "$container" | tar -x -C "$tmp"
  docker rm "$container" >/dev/null
  docker image inspect --format '{{range .Config.Env}}{{println .}}{{end}}' "$tag" > "$target.env"
  rm -rf "$target"; mv "$tmp" "$target"
  echo "$id" > "$target.id"
done
