#!/usr/bin/env bash
# Install the Debian/Ubuntu packages for building and testing (scripts/debian-packages.txt).
set -euo pipefail
cd "$(dirname "$0")"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
mapfile -t PACKAGES < <(grep -v '^#' debian-packages.txt | tr ' ' '\n' | grep -v '^$')
$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends "${PACKAGES[@]}"
