#!/usr/bin/env bash
# Builds the runtime images the language registry names, without any container registry:
#   1. a Debian base image made by debootstrap + `docker import` (skipped when present);
#   2. each runtime image from images/<name>/Dockerfile, built FROM that local base, tagged as
#      src/main/resources/languages.yml names it (the one place image tags are written).
# On a machine that reaches a registry the same Dockerfiles build FROM debian:bookworm-slim
# (their default BASE), so both paths use one recipe.
# Usage: scripts/build-images.sh [name...]   (names of images/ directories; default: every image)
# An image built from the recipe as it is now is skipped (each image carries its recipe's hash as a
# label, so an edited recipe is rebuilt on the next run); FORCE=1 rebuilds.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib/images.sh

BASE_IMAGE="${RUNTIME_BASE_IMAGE:-code-runner/debian-base:bookworm}"
MIRROR="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
export DOCKER_BUILDKIT=0   # the classic builder needs no buildx plugin and no registry access

have_image() { docker image inspect "$1" >/dev/null 2>&1; }
# A hash of every file of a recipe directory, names included.
recipe_hash() { (cd "$1" && find . -type f | LC_ALL=C sort | xargs sha256sum | sha256sum | cut -c1-16); }
built_from() { docker image inspect --format '{{index .Config.Labels "dev.coderunner.recipe"}}' "$1" 2>/dev/null; }

if [ "${FORCE:-0}" = 1 ] || ! have_image "$BASE_IMAGE"; then
  echo "Building $BASE_IMAGE with debootstrap from $MIRROR"
  root=$(mktemp -d /var/tmp/code-runner-rootfs.XXXXXX)
  trap 'rm -rf "$root"' EXIT
  debootstrap --variant=minbase bookworm "$root" "$MIRROR" >/dev/null
  rm -rf "$root"/var/cache/apt/archives/*.deb "$root"/var/lib/apt/lists/*
  tar -C "$root" -c . | docker import \
      --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
      --change 'ENV LANG=C.UTF-8' \
      --change 'CMD ["/bin/bash"]' - "$BASE_IMAGE" >/dev/null
  rm -rf "$root"; trap - EXIT
fi

for tag in $(runtime_images); do
  dir=$(recipe_of "$tag")
  if [ $# -gt 0 ] && [[ " $* " != *" ${dir#images/} "* ]]; then continue; fi
  [ -f "$dir/Dockerfile" ] || { echo "no recipe $dir/Dockerfile for $tag" >&2; exit 1; }
  hash=$(recipe_hash "$dir")
  if [ "${FORCE:-0}" != 1 ] && [ "$(built_from "$tag")" = "$hash" ]; then
    echo "$tag up to date, skipped"; continue
  fi
  echo "Building $tag"
  start=$(date +%s)
  docker build -q --network host --build-arg BASE="$BASE_IMAGE" --label dev.coderunner.recipe="$hash" \
      -t "$tag" "$dir" >/dev/null
  echo "Built $tag in $(( $(date +%s) - start ))s"
done
