#!/usr/bin/env bash
# Proves the Windows build by running it: cross-builds the executable and the MSI with
# wix/build-windows.sh, then, in a fresh Wine prefix under Xvfb, runs the ignored `windows::`
# and `installer::` tests (tests/integration), which drive the real esafety-desk.exe through
# Wine: the command line on %LOCALAPPDATA%, paths with spaces, exit codes, the credential
# store, the set-up wizard's window, and the MSI installed, run and removed.
#
# Needs, once (as build-windows.sh, plus):
#   apt-get install wine64 wine xvfb xauth xdotool imagemagick
# Wine 8 (Debian 12) has no bcryptprimitives.dll, which Rust's standard library imports on
# Windows (ProcessPrng; every Windows 10 and 11 has it): a stand-in built from
# wix/wine/bcryptprimitives.c goes into the test prefix only.
set -euo pipefail
cd "$(dirname "$0")/.."

started=$SECONDS
bash wix/build-windows.sh
echo "windows: cross-build took $((SECONDS - started)) s"

target=x86_64-pc-windows-gnu
version=$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -n 1)
exe="$PWD/target/$target/release/esafety-desk.exe"
msi="$PWD/target/esafety-desk-$version-x64.msi"

work=$(mktemp -d)
xvfb_pid=
cleanup() {
  WINEPREFIX="$work/prefix" wineserver -k 2>/dev/null || true
  [[ -n $xvfb_pid ]] && kill "$xvfb_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

# A display for Wine and the window test.
for n in $(seq 90 140); do [[ -e /tmp/.X$n-lock ]] || break; done
export DISPLAY=:$n
Xvfb "$DISPLAY" -screen 0 1366x768x24 -nolisten tcp >/dev/null 2>&1 &
xvfb_pid=$!
for _ in $(seq 100); do xdpyinfo >/dev/null 2>&1 && break; sleep 0.1; done

export WINEPREFIX="$work/prefix" WINEARCH=win64 WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="
prefix_started=$SECONDS
wineboot --init >/dev/null 2>&1
wineserver -w
x86_64-w64-mingw32-gcc -O2 -shared -o "$WINEPREFIX/drive_c/windows/system32/bcryptprimitives.dll" \
  wix/wine/bcryptprimitives.c -ladvapi32
echo "windows: Wine prefix ready in $((SECONDS - prefix_started)) s ($(wine --version))"

tests_started=$SECONDS
ESAFETY_DESK_WINDOWS_EXE="$exe" ESAFETY_DESK_MSI="$msi" \
  cargo test --locked --test integration -- --ignored --test-threads=1 --nocapture windows:: installer::
echo "windows: the Windows tests took $((SECONDS - tests_started)) s; $((SECONDS - started)) s in all"
