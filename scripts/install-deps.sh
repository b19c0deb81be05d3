#!/usr/bin/env bash
# Debian/Ubuntu packages the tests need: a software GPU for egui_kittest
# rendering, Xvfb and the X libraries for running the real window, strace for
# the no-network check, and the `age` tool for the bundle interop test.
# Building needs none of them (eframe loads X11/Wayland/Vulkan at run time).
set -euo pipefail
PACKAGES=(
  ca-certificates pkg-config
  mesa-vulkan-drivers libvulkan1 libegl1 libegl-mesa0 libgl1-mesa-dri
  xvfb xauth libx11-6 libx11-xcb1 libxcursor1 libxrandr2 libxi6 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1
  strace age imagemagick
)
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends "${PACKAGES[@]}"
