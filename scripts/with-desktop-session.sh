#!/usr/bin/env bash
# Runs a command inside a throwaway desktop session, as a parent's machine would offer it:
# a private D-Bus session bus, an unlocked gnome-keyring (secret-service, where the app keeps
# its database key), a notification daemon (dunst) and, when no display is set, Xvfb.
# Nothing of the caller's own keyring or display is touched: the keyring lives in a temp dir.
#
#   scripts/with-desktop-session.sh cargo nextest run --workspace
set -euo pipefail

if [[ -z "${HOUVAST_IN_DESKTOP_SESSION:-}" ]]; then
  session_dir=$(mktemp -d -t houvast-session.XXXXXX)
  export HOUVAST_SESSION_DIR="$session_dir"
  export XDG_DATA_HOME="$session_dir/data" XDG_CONFIG_HOME="$session_dir/config"
  export XDG_CACHE_HOME="$session_dir/cache"
  export XDG_RUNTIME_DIR="$session_dir/run"
  mkdir -p "$XDG_DATA_HOME/dbus-1/services" "$XDG_CONFIG_HOME" "$XDG_CACHE_HOME" "$XDG_RUNTIME_DIR"
  chmod 700 "$XDG_RUNTIME_DIR"
  # No person sits at this session to type a keyring password: a prompt must fail at once
  # (the caller sees "keychain locked") rather than wait forever in an invisible window. And
  # if the unlocked keyring daemon started below dies, D-Bus must not start a fresh, locked
  # one on demand. These files shadow the system's
  # (the session bus reads $XDG_DATA_HOME/dbus-1/services before /usr/share).
  for name in org.gnome.keyring.SystemPrompter org.gnome.keyring.PrivatePrompter; do
    printf '[D-BUS Service]\nName=%s\nExec=/bin/false\n' "$name" \
      >"$XDG_DATA_HOME/dbus-1/services/$name.service"
  done
  # gnome-keyring-daemon has been seen to die when a client is SIGKILLed in the middle of a
  # call (the restore kill test does that 25 times): D-Bus then starts it again on demand,
  # unlocked with the same password, so the keyring file's entries stay readable.
  keyring_start="$session_dir/keyring-daemon.sh"
  printf '#!/bin/sh\necho -n houvast-test | exec gnome-keyring-daemon --foreground --unlock --components=secrets\n' \
    >"$keyring_start"
  chmod +x "$keyring_start"
  for name in org.freedesktop.secrets org.gnome.keyring; do
    printf '[D-BUS Service]\nName=%s\nExec=%s\n' "$name" "$keyring_start" \
      >"$XDG_DATA_HOME/dbus-1/services/$name.service"
  done
  export HOUVAST_IN_DESKTOP_SESSION=1
  status=0
  dbus-run-session -- "$0" "$@" || status=$?
  rm -rf "$session_dir"
  exit "$status"
fi

pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT

# The password only protects this throwaway keyring; --unlock creates it unlocked. In the
# foreground, so `$!` is this session's daemon: looking it up by name would find (and at the
# end kill) the daemon of another session running at the same time, whose tests would then
# meet a locked keyring.
echo -n houvast-test | gnome-keyring-daemon --foreground --unlock --components=secrets >/dev/null 2>&1 &
pids+=($!)
# Ready when the default collection exists (the keychain's first call would otherwise race
# the daemon's start).
keyring_ready() {
  # NameHasOwner first: asking the service itself before our daemon holds the name would make
  # D-Bus start a second one.
  dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
    org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null | grep -q 'boolean true' &&
  dbus-send --session --print-reply --dest=org.freedesktop.secrets /org/freedesktop/secrets \
    org.freedesktop.Secret.Service.ReadAlias string:default 2>/dev/null | grep -q 'collection/login'
}
for _ in $(seq 100); do keyring_ready && break; sleep 0.05; done
keyring_ready || { echo "with-desktop-session: gnome-keyring did not start" >&2; exit 1; }

if [[ -z "${DISPLAY:-}" ]]; then
  for n in $(seq 90 130); do
    [[ -e /tmp/.X11-unix/X$n || -e /tmp/.X$n-lock ]] && continue
    Xvfb ":$n" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
    pids+=($!)
    export DISPLAY=":$n"
    break
  done
  for _ in $(seq 50); do xdpyinfo >/dev/null 2>&1 && break; sleep 0.1; done
fi

# Services D-Bus starts on demand (portals, the accessibility bus) should see the display too.
dbus-update-activation-environment DISPLAY XDG_RUNTIME_DIR >/dev/null 2>&1 || true

dunst >"$HOUVAST_SESSION_DIR/dunst.log" 2>&1 &
pids+=($!)
sleep 0.3

"$@"
