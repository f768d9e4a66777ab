#!/usr/bin/env bash
# Installs what is missing on a Debian machine, and nothing that is already there.
#   scripts/ensure-deps.sh build    packages to build and run the app
#   scripts/ensure-deps.sh test     build + what the tests drive (Xvfb, keychain, WebDriver, ...)
#   scripts/ensure-deps.sh server   what the backend and its tests need
set -euo pipefail

build_pkgs=(libwebkit2gtk-4.1-dev libsoup-3.0-dev libgtk-3-dev librsvg2-dev libssl-dev
  libdbus-1-dev libayatana-appindicator3-dev build-essential pkg-config file)
desktop_pkgs=(xvfb xauth x11-utils dbus dbus-x11 gnome-keyring dunst libnotify-bin
  webkit2gtk-driver imagemagick procps desktop-file-utils dpkg-dev)
# Read aloud: the desktop's speech service and a voice with Dutch (the app needs them only at
# run time, talking to the daemon over its socket; nothing links against libspeechd).
speech_pkgs=(speech-dispatcher speech-dispatcher-espeak-ng espeak-ng)
server_pkgs=(postgresql chromium chromium-driver)

want=()
case "${1:-build}" in
  build) want=("${build_pkgs[@]}" "${speech_pkgs[@]}") ;;
  test) want=("${build_pkgs[@]}" "${desktop_pkgs[@]}" "${speech_pkgs[@]}" "${server_pkgs[@]}") ;;
  server) want=("${server_pkgs[@]}") ;;
  *) echo "usage: $0 build|test|server" >&2; exit 2 ;;
esac

missing=()
for p in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "Installing: ${missing[*]}"
  sudo=""; [[ $(id -u) -ne 0 ]] && sudo=sudo
  $sudo apt-get update -q
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

command -v node >/dev/null || { echo "node and npm are needed (Debian: apt-get install nodejs npm)" >&2; exit 1; }
command -v cargo >/dev/null || { echo "cargo is needed (rustup.rs)" >&2; exit 1; }

if [[ "${1:-build}" == test ]]; then
  command -v cargo-nextest >/dev/null || cargo install cargo-nextest --locked
  command -v tauri-driver >/dev/null || cargo install tauri-driver --locked
fi
exit 0
