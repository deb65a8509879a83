#!/usr/bin/env bash
# Linux build: the frozen program in dist/hubdesk/ (`hubdesk` for the window, `hubdesk-cli` for commands)
# and dist/hubdesk-<version>-linux-x86_64.tar.gz with the .desktop file, the icons and install.sh.
# Needs the project and PyInstaller in the active Python: pip install -e . pyinstaller
set -euo pipefail
cd "$(dirname "$0")/.."
python=${PYTHON:-python}
version=$(sed -n 's/^__version__ = "\(.*\)"$/\1/p' hubdesk/__init__.py)

"$python" -m PyInstaller --noconfirm --clean --log-level WARN \
    --distpath dist --workpath build/pyinstaller installer/hubdesk.spec
test -x dist/hubdesk/hubdesk && test -x dist/hubdesk/hubdesk-cli

name="hubdesk-$version"
stage="build/tarball/$name"
rm -rf build/tarball
mkdir -p "$stage/icons"
cp -al dist/hubdesk "$stage/hubdesk"   # hard links: no second copy of the folder on disk
cp installer/hubdesk.desktop "$stage/"
cp installer/install-linux.sh "$stage/install.sh"
cp resources/icons/hubdesk-*.png resources/icons/hubdesk.svg "$stage/icons/"
tarball="dist/$name-linux-$(uname -m).tar.gz"
tar -C build/tarball -czf "$tarball" "$name"
rm -rf build/tarball
echo "built dist/hubdesk/ ($(du -sh dist/hubdesk | cut -f1)) and $tarball ($(du -h "$tarball" | cut -f1))"
