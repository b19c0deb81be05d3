#!/usr/bin/env bash
# Draw the PNG icons with ImageMagick primitives, the same shapes as
# assets/icons/testimony-vault.svg (ImageMagick here has no SVG reader).
set -euo pipefail
cd "$(dirname "$0")/../assets/icons"
convert -size 256x256 xc:none \
  -fill '#1d4a5a' -draw 'roundrectangle 8,8 248,248 44,44' \
  -fill '#f4f1ea' -draw 'polygon 68,40 160,40 196,76 196,212 68,212' \
  -fill '#c9c2b2' -draw 'polygon 160,40 160,76 196,76' \
  -fill '#8a9aa3' -draw 'roundrectangle 88,92 172,102 5,5' \
  -draw 'roundrectangle 88,114 152,124 5,5' -draw 'roundrectangle 88,136 128,146 5,5' \
  -fill none -stroke '#e0a526' -strokewidth 12 -draw 'arc 150,108 202,160 180,360' \
  -draw 'line 150,134 150,152' -draw 'line 202,134 202,152' -stroke none \
  -fill '#e0a526' -draw 'roundrectangle 136,148 216,212 10,10' \
  -fill '#1d4a5a' -draw 'circle 176,174 176,183' -draw 'roundrectangle 172,176 180,198 3,3' \
  testimony-vault-256.png
for s in 128 64 48; do
  convert testimony-vault-256.png -resize ${s}x${s} testimony-vault-$s.png
done
