#!/usr/bin/env bash
# Install the system packages in scripts/system-packages.txt that are missing.
# As root, or with password-less sudo, this runs apt-get; otherwise it prints the exact
# command to run and fails, so `make` stops before building a venv that cannot work.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
mapfile -t wanted < <(grep -vE '^\s*(#|$)' "$here/system-packages.txt")

if ! command -v dpkg-query >/dev/null 2>&1; then
    echo "setup: not a Debian/Ubuntu system; install the equivalents of:" >&2
    echo "  ${wanted[*]}" >&2
    echo "setup: then run make again with SKIP_SYSTEM=1" >&2
    exit 1
fi

installed() {
    # Ubuntu 24.04 renamed some libraries with a t64 suffix; either name will do.
    local name
    for name in "$1" "${1}t64"; do
        if [ "$(dpkg-query -W -f='${db:Status-Abbrev}' "$name" 2>/dev/null | cut -c1-2)" = "ii" ]; then
            return 0
        fi
    done
    return 1
}

missing=()
for pkg in "${wanted[@]}"; do
    installed "$pkg" || missing+=("$pkg")
done

if [ "${#missing[@]}" -eq 0 ]; then
    exit 0
fi

command_line="apt-get install -y --no-install-recommends ${missing[*]}"
if [ "$(id -u)" -eq 0 ]; then
    sudo=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    sudo=(sudo)
else
    echo "setup: these system packages are missing: ${missing[*]}" >&2
    echo "setup: install them with:" >&2
    echo "  sudo apt-get update && sudo $command_line" >&2
    exit 1
fi

echo "setup: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
# shellcheck disable=SC2086
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
