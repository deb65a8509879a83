#!/bin/sh
# Installs hubdesk for the current user from the unpacked tarball: the program in ~/.local/opt/hubdesk,
# `hubdesk` and `hubdesk-cli` in ~/.local/bin, a menu entry and its icon. Running it again upgrades:
# the old program files go first. The data folder (~/.local/share/hubdesk: the database, its backups,
# the log) is never touched.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
prefix=${PREFIX:-$HOME/.local}
rm -rf "$prefix/opt/hubdesk"
mkdir -p "$prefix/opt" "$prefix/bin" "$prefix/share/applications"
cp -a "$here/hubdesk" "$prefix/opt/hubdesk"
ln -sf "$prefix/opt/hubdesk/hubdesk" "$prefix/bin/hubdesk"
ln -sf "$prefix/opt/hubdesk/hubdesk-cli" "$prefix/bin/hubdesk-cli"
for png in "$here"/icons/hubdesk-*.png; do
    size=${png##*-}; size=${size%.png}
    mkdir -p "$prefix/share/icons/hicolor/${size}x${size}/apps"
    cp "$png" "$prefix/share/icons/hicolor/${size}x${size}/apps/hubdesk.png"
done
mkdir -p "$prefix/share/icons/hicolor/scalable/apps"
cp "$here/icons/hubdesk.svg" "$prefix/share/icons/hicolor/scalable/apps/hubdesk.svg"
sed "s|@PROGRAM@|$prefix/opt/hubdesk/hubdesk|g" "$here/hubdesk.desktop" \
    > "$prefix/share/applications/hubdesk.desktop"
echo "hubdesk installed in $prefix/opt/hubdesk; open it from the menu or with: $prefix/bin/hubdesk"
