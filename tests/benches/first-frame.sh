#!/bin/bash
# The app's cold start against an empty iced window built with the same iced features and font
# (tests/benches/empty_window.rs): the time from spawn until the window is mapped on an X
# display, and the resident memory two seconds after, for the set-up wizard (an empty data
# folder), the unlock screen (the demo vault) and the empty window; medians of RUNS starts
# (default 7) and the ratios to the empty window.
#
# Needs Xvfb and xdotool (Debian: xvfb xdotool). Run from the repository's top:
#   bash tests/benches/first-frame.sh
set -euo pipefail
runs=${RUNS:-7}
cargo build --release --quiet
cargo build --release --quiet --features first-frame-bench --example empty-window
app=target/release/esafety-desk
empty=target/release/examples/empty-window
work=$(mktemp -d)
trap 'kill "$xvfb" 2>/dev/null || true; rm -rf "$work"' EXIT
"$app" demo --data-dir "$work/demo" >/dev/null

display=:$((90 + RANDOM % 50))
Xvfb "$display" -screen 0 1366x768x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
sleep 1
export DISPLAY=$display

# One start of "$@" (a window titled $1): milliseconds to mapped, then KiB resident after 2 s.
start_once() {
  local title=$1
  shift
  local begin end pid
  begin=$(date +%s%N)
  "$@" >/dev/null 2>&1 &
  pid=$!
  # Polled every 5 ms: xdotool's own --sync waits half a second between looks.
  until xdotool search --onlyvisible --name "$title" >/dev/null 2>&1; do sleep 0.005; done
  end=$(date +%s%N)
  sleep 2
  echo "$(( (end - begin) / 1000000 )) $(awk '/VmRSS/ {print $2}' "/proc/$pid/status")"
  kill "$pid"
  wait "$pid" 2>/dev/null || true
}

# The median of the numbers on standard input.
median() { sort -n | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}'; }

measure() {
  local name=$1
  shift
  local results=()
  for _ in $(seq "$runs"); do
    rm -rf "$work/empty-folder"
    results+=("$(start_once "$@")")
  done
  local ms kib
  ms=$(printf '%s\n' "${results[@]}" | cut -d' ' -f1 | median)
  kib=$(printf '%s\n' "${results[@]}" | cut -d' ' -f2 | median)
  echo "$name $ms $kib"
}

empty_line=$(measure "empty window" "Empty window" "$empty")
wizard_line=$(measure "set-up wizard" "E-Safety Desk" "$app" --data-dir "$work/empty-folder")
unlock_line=$(measure "unlock screen" "E-Safety Desk" "$app" --data-dir "$work/demo")
read -r _ _ base_ms base_kib <<<"$empty_line"
printf '%-16s %8s %10s %8s\n' "" "mapped" "resident" "ratio"
for line in "$empty_line" "$wizard_line" "$unlock_line"; do
  name=${line% * *}
  read -r ms kib <<<"${line##"$name" }"
  ratio=$(awk -v a="$ms" -v b="$base_ms" 'BEGIN {printf "%.2f", a / b}')
  printf '%-16s %6s ms %7s KiB %7s×\n' "$name" "$ms" "$kib" "$ratio"
done
echo "(medians of $runs starts; ratios are of the time to mapped; the empty window: $base_kib KiB)"
