#!/usr/bin/env bash
# Smoke test of the frozen program (default dist/hubdesk) as a new office PC would run it: a fresh HOME,
# no display, nothing from the build machine's Python, and no system time-zone database (the bundled
# tzdata must do). Fails on the first step that does.
set -euo pipefail
dist=$(cd "${1:-dist/hubdesk}" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
mkdir home
export HOME="$work/home" XDG_DATA_HOME="$work/home/.local/share" XDG_CONFIG_HOME="$work/home/.config"
export XDG_CACHE_HOME="$work/home/.cache" HUBDESK_DATABASE="$work/home/demo.db"
export QT_QPA_PLATFORM=offscreen PYTHONTZPATH=""
unset PYTHONPATH PYTHONHOME VIRTUAL_ENV HUBDESK_BACKUP_DIR
# The demo has users: commands sign in as its administrator (README, "Users and roles").
(umask 077 && printf 'demo-admin\n' > "$work/password")
export HUBDESK_USER=admin HUBDESK_PASSWORD_FILE="$work/password"

step() { echo "-- $*"; }
step "hubdesk-cli --version"
"$dist/hubdesk-cli" --version
step "hubdesk-cli demo --no-gui"
"$dist/hubdesk-cli" demo --no-gui | tail -n 2
step "hubdesk-cli print registers --date 2026-11-24"
"$dist/hubdesk-cli" print registers --date 2026-11-24 -o registers.pdf
fonts=$(pdffonts registers.pdf | tail -n +3)
echo "$fonts"
# Columns of pdffonts: name type encoding emb sub uni object-id; every font must be embedded.
if [ -z "$fonts" ] || echo "$fonts" | awk '{ if ($(NF-4) != "yes") bad = 1 } END { exit !bad }'; then
    echo "smoke test: the registers PDF has a font that is not embedded (or no fonts at all)." >&2
    exit 1
fi
step "hubdesk --self-test"
"$dist/hubdesk" --self-test
echo "smoke test of $dist passed."
