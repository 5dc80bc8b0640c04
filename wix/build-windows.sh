#!/usr/bin/env bash
# Builds the Windows release: esafety-desk.exe cross-compiled from Debian for x86_64-pc-windows-gnu,
# then the MSI from wix/main.wxs with wixl. Run from anywhere; writes target/esafety-desk-VERSION-x64.msi.
#
# Needs, once:
#   rustup target add x86_64-pc-windows-gnu
#   apt-get install gcc-mingw-w64-x86-64 binutils-mingw-w64-x86-64 wixl perl make
# The first build compiles SQLCipher and OpenSSL for Windows too (measured: 14 min 31 s clean on 2 cores, with wixl).
set -euo pipefail
cd "$(dirname "$0")/.."

target=x86_64-pc-windows-gnu
version=$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -n 1)

# The MinGW tools for the C parts (SQLCipher, OpenSSL) and the link; winresource finds
# x86_64-w64-mingw32-windres by itself for the icon and version information.
export CC_x86_64_pc_windows_gnu=x86_64-w64-mingw32-gcc
export AR_x86_64_pc_windows_gnu=x86_64-w64-mingw32-ar
export CARGO_TARGET_X86_64_PC_WINDOWS_GNU_LINKER=x86_64-w64-mingw32-gcc

cargo build --release --locked --target "$target"

bin_dir="target/$target/release"   # wixl takes relative source paths only
# The user guide the build script made from the README, beside the executable (the newest, in
# case an older build left its own output folder).
guide=$(ls -t "$bin_dir"/build/esafety-desk-*/out/user-guide.html | head -n 1)
cp "$guide" "$bin_dir/user-guide.html"
msi="target/esafety-desk-$version-x64.msi"
wixl -a x64 -D Version="$version" -D CargoTargetBinDir="$bin_dir" -o "$msi" wix/main.wxs

ls -l "$bin_dir/esafety-desk.exe" "$bin_dir/user-guide.html" "$msi"
