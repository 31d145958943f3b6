#!/usr/bin/env bash
# Install circuit-timer's desktop entry and icon for this user (no root needed):
#   $XDG_DATA_HOME/applications/circuit-timer.desktop
#   $XDG_DATA_HOME/icons/hicolor/scalable/apps/circuit-timer.svg
# ($XDG_DATA_HOME defaults to ~/.local/share.)
#
# Usage: scripts/install-desktop.sh [PATH-TO-circuit-timer]
# Without an argument it uses this checkout's .venv/bin/circuit-timer, else the
# circuit-timer on PATH (installed with pip or pipx). `make install-desktop` passes the
# venv's one. Running it again replaces both files.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
assets="$root/assets"
name=circuit-timer

die() {
    echo "install-desktop: $*" >&2
    exit 1
}

# Which circuit-timer the entry starts.
if [ "$#" -gt 1 ]; then
    die "usage: $0 [PATH-TO-circuit-timer]"
elif [ "$#" -eq 1 ]; then
    program=$1
elif [ -x "$root/.venv/bin/$name" ]; then
    program="$root/.venv/bin/$name"
elif command -v "$name" >/dev/null 2>&1; then
    program="$(command -v "$name")"
else
    die "no circuit-timer to start: run 'make install-desktop', or pass its path"
fi
# Absolute, because the menu does not start it from here (and may not have this PATH).
case "$program" in
    /*) ;;
    */*) program="$(cd "$(dirname "$program")" && pwd)/$(basename "$program")" ;;
    *) program="$(command -v "$program" || true)" ;;
esac
if [ -z "$program" ] || [ ! -f "$program" ] || [ ! -x "$program" ]; then
    die "${1:-circuit-timer} is not an executable file"
fi
case "$program" in
    *$'\n'* | *$'\r'*) die "cannot write a path with a line break into a desktop entry" ;;
esac

# The desktop entry spec ignores a relative XDG_DATA_HOME; so do we.
data="${XDG_DATA_HOME:-}"
case "$data" in
    /*) ;;
    *) data="${HOME:?HOME is not set}/.local/share" ;;
esac
apps="$data/applications"
icons="$data/icons/hicolor"
entry="$apps/$name.desktop"
icon="$icons/scalable/apps/$name.svg"

# Exec is quoted the spec's way when the path has any character it reserves (a space,
# quotes, $ ...): inside double quotes, escape " ` $ and \ with a backslash. Then "%"
# becomes "%%" (it starts field codes) and, as in any string value, "\" becomes "\\".
exec_value=$program
if [[ ! $exec_value =~ ^[A-Za-z0-9/._+,:@=-]+$ ]]; then
    exec_value=${exec_value//\\/\\\\}
    exec_value=${exec_value//\"/\\\"}
    exec_value=${exec_value//\`/\\\`}
    exec_value=${exec_value//\$/\\\$}
    exec_value="\"$exec_value\""
fi
exec_value=${exec_value//%/%%}
exec_value=${exec_value//\\/\\\\}
# TryExec is a plain path: only the string escape applies.
try_value=${program//\\/\\\\}

# Bash 5.2 treats "&" in a substitution's replacement as the match unless it is quoted;
# the replacements below are quoted, and this turns the feature off where it exists.
shopt -u patsub_replacement 2>/dev/null || true
template="$(<"$assets/$name.desktop")"
# The template's comments are about the template; the entry gets a line of its own.
text="# Installed by circuit-timer's scripts/install-desktop.sh
[Desktop Entry]${template#*"[Desktop Entry]"}"
text=${text//@EXEC@/"$exec_value"}
text=${text//@TRYEXEC@/"$try_value"}

mkdir -p "$apps" "$(dirname "$icon")"
# Written beside the target and moved into place, so a menu never reads half a file.
tmp="$(mktemp "$apps/.$name.desktop.XXXXXX")"
trap 'rm -f "$tmp"' EXIT
printf '%s\n' "$text" >"$tmp"
chmod 0644 "$tmp"
mv -f "$tmp" "$entry"
trap - EXIT
cp -f "$assets/$name.svg" "$icon"
chmod 0644 "$icon"

if command -v desktop-file-validate >/dev/null 2>&1; then
    desktop-file-validate "$entry" || die "$entry is not a valid desktop entry (see above)"
fi
# The caches are optional: menus and icon themes work without them, only slower.
if command -v update-desktop-database >/dev/null 2>&1; then
    update-desktop-database -q "$apps" ||
        echo "install-desktop: update-desktop-database failed; the entry still works" >&2
fi
# A changed folder date tells icon themes to look again.
touch "$icons"
# Only an existing cache is refreshed: GTK trusts a cache newer than the theme folder,
# and icons other programs add later to a subfolder do not change that folder's date,
# so creating one here could hide their icons.
if [ -f "$icons/icon-theme.cache" ] && command -v gtk-update-icon-cache >/dev/null 2>&1; then
    gtk-update-icon-cache -q -f -t "$icons" ||
        echo "install-desktop: gtk-update-icon-cache failed; the icon still works" >&2
fi

echo "Installed $entry"
echo "  (starts $program)"
echo "Installed $icon"
printf 'To remove them: rm %q %q\n' "$entry" "$icon"
