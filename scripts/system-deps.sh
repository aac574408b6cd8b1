#!/usr/bin/env bash
# Debian/Ubuntu packages that Qt's wheels (and the bundle build) need at run time, and the
# tools the tests use to read printed cards back (poppler-utils: pdftoppm; zbar-tools: zbarimg),
# the real display the journey tests run on (xvfb, openbox, xdotool, imagemagick's import,
# x11-utils' xwininfo) and faketime for `make test-dates`.
# Installs only what is missing, and only when run as root with apt-get;
# otherwise prints the command for an administrator and carries on.
set -u
packages=(libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libfreetype6
          libdbus-1-3 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0
          libxcb-xinerama0 libxcb-randr0 libxcb-render-util0 libxcb-image0 libxcb-xkb1
          libx11-xcb1 fonts-dejavu-core binutils poppler-utils zbar-tools
          xvfb openbox xdotool imagemagick x11-utils faketime)
command -v dpkg-query >/dev/null 2>&1 || exit 0
missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# libglib2.0-0 is renamed libglib2.0-0t64 on newer releases: either will do.
if ! dpkg-query -W -f='${Status}' libglib2.0-0 2>/dev/null | grep -q "ok installed" &&
   ! dpkg-query -W -f='${Status}' libglib2.0-0t64 2>/dev/null | grep -q "ok installed"; then
    missing+=(libglib2.0-0)
fi
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    echo "Qt needs these system packages: sudo apt-get install ${missing[*]}" >&2
    exit 0
fi
echo "Installing system packages: ${missing[*]}" >&2
apt-get update -qq >&2
for p in "${missing[@]}"; do
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$p" >/dev/null 2>&1 ||
        { [ "$p" = libglib2.0-0 ] && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libglib2.0-0t64 >/dev/null 2>&1; } ||
        echo "Could not install $p" >&2
done
exit 0
