#!/bin/bash
# Unlock to dashboard as the co-ordinator sees it: the app is started on a vault under Xvfb,
# the passphrase typed, and the time taken from pressing Enter until the screen stops changing
# (the dashboard with all its cards and charts drawn): the screen is read every few
# milliseconds, and the answer is the first read equal to the one 3 s later. Medians of RUNS
# unlocks (default 5), beside the key derivation alone (`cargo bench --bench vault -- unlock`).
#
# The demo vault by default; VAULT=DIR measures another (its passphrase in PASSPHRASE).
# Needs Xvfb, xdotool and xwd (Debian: xvfb xdotool x11-apps). Run from the repository's top:
#   bash tests/benches/unlock-to-dashboard.sh
set -euo pipefail
runs=${RUNS:-5}
# APP=PATH measures another build of the app (e.g. the last release, to compare).
app=${APP:-}
if [[ -z $app ]]; then
  cargo build --release --quiet
  app=target/release/esafety-desk
fi
work=$(mktemp -d)
trap 'kill "$xvfb" 2>/dev/null || true; rm -rf "$work"' EXIT
vault=${VAULT:-}
passphrase=${PASSPHRASE:-demo}
if [[ -z $vault ]]; then
  vault=$work/demo
  "$app" demo --quiet --data-dir "$vault" >/dev/null
fi

display=:$((90 + RANDOM % 50))
Xvfb "$display" -screen 0 1366x768x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
sleep 1
export DISPLAY=$display

screen_digest() { xwd -root -silent | md5sum | cut -c1-32; }

# One unlock: milliseconds from Enter to the screen's last change.
unlock_once() {
  local pid window
  "$app" --data-dir "$vault" >/dev/null 2>&1 &
  pid=$!
  until window=$(xdotool search --onlyvisible --name "E-Safety Desk" 2>/dev/null | head -1) &&
    [[ -n $window ]]; do sleep 0.02; done
  sleep 1.5
  xdotool windowactivate --sync "$window" 2>/dev/null || xdotool windowfocus "$window"
  xdotool type --delay 20 "$passphrase"
  local shots=() stamps=() begin
  begin=$(date +%s%N)
  xdotool key Return
  local until_ns=$((begin + 12000000000))
  while (($(date +%s%N) < until_ns)); do
    stamps+=("$(date +%s%N)")
    shots+=("$(screen_digest)")
  done
  sleep 3
  local final
  final=$(screen_digest)
  kill "$pid"
  wait "$pid" 2>/dev/null || true
  local i last=-1
  for ((i = ${#shots[@]} - 1; i >= 0; i--)); do
    [[ ${shots[i]} == "$final" ]] || break
    last=$i
  done
  if ((last < 0)); then
    echo "the screen was still changing 12 s after Enter" >&2
    echo 99999
    return
  fi
  echo $(((stamps[last] - begin) / 1000000))
}

median() { sort -n | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}'; }

results=()
for _ in $(seq "$runs"); do results+=("$(unlock_once)"); done
echo "unlock to dashboard: ${results[*]} ms; median $(printf '%s\n' "${results[@]}" | median) ms"
