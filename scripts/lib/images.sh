# Runtime images as the language registry names them: src/main/resources/languages.yml is the one
# source of image tags. The recipe of image <prefix>/<name>:<tag> is images/<name>/Dockerfile.
# Sourced by the scripts that build, export or measure images.
REGISTRY_FILE="${REGISTRY_FILE:-src/main/resources/languages.yml}"

# Every image the registry names, once each.
runtime_images() {
  sed -n 's/^ *image: *"\{0,1\}\([^"]*\)"\{0,1\} *$/\1/p' "$REGISTRY_FILE" | sort -u
}

# The image of one language id, e.g. image_of python -> code-runner/python:3.11
image_of() {
  awk -v lang="$1" '
    /^    [a-z0-9_-]+:/ { current = $1; sub(":", "", current) }
    current == lang && /^ +image:/ { gsub(/"/, "", $2); print $2; exit }
  ' "$REGISTRY_FILE"
}

# The recipe directory of an image: images/<last path segment of its name>.
recipe_of() {
  local name="${1%%:*}"
  echo "images/${name##*/}"
}

# The directory under BWRAP_ROOTFS_DIR that holds an image's exported filesystem.
rootfs_name_of() {
  echo "$1" | tr '/:@' '___'
}
