#!/bin/sh
# Pins the images by digest (issue 7, L10): resolves every `image: name:tag` of compose.yml and the
# Dockerfile's `ARG NODE_IMAGE=name:tag` to the digest the registry serves for that tag today, and
# rewrites them as name:tag@sha256:… (already pinned ones are resolved again from their tag). Run it
# on a machine with Docker, review the diff (`git diff docker/`), test the stack, commit. Re-run it to
# take security updates of the base images: a digest never changes under you, so nothing changes
# until you do. Usage: docker/pin-images.sh
set -eu
here=$(cd "$(dirname "$0")" && pwd)
command -v docker >/dev/null || { echo 'pin-images.sh: needs docker' >&2 && exit 1; }

digest_of() {
  docker pull -q "$1" >/dev/null
  # RepoDigests holds name@sha256:… of the index the tag points at (every architecture).
  docker image inspect --format '{{range .RepoDigests}}{{println .}}{{end}}' "$1" | sed -n 's/^[^@]*@//p' | head -n 1
}

pin() { # file, sed pattern prefix (text before the image), image reference
  file=$1 prefix=$2 ref=$3
  tag=${ref%%@*}
  digest=$(digest_of "$tag")
  case $digest in sha256:*) ;; *) echo "pin-images.sh: no digest for $tag" >&2 && exit 1 ;; esac
  tmp="$file.new"
  awk -v line="$prefix$ref" -v pinned="$prefix$tag@$digest" '$0 == line { print pinned; next } { print }' "$file" >"$tmp"
  cat "$tmp" >"$file" && rm -f "$tmp"
  echo "$tag -> $tag@$digest"
}

grep -E '^    image: [a-z0-9./_-]+:[^$]+$' "$here/compose.yml" | sed 's/^    image: //' | sort -u |
  while read -r ref; do pin "$here/compose.yml" '    image: ' "$ref"; done
ref=$(sed -n 's/^ARG NODE_IMAGE=//p' "$here/Dockerfile")
pin "$here/Dockerfile" 'ARG NODE_IMAGE=' "$ref"
