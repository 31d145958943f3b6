#!/usr/bin/env bash
# Fail early, with a clear message, when the Python that will build the venv is too old.
set -euo pipefail
python="${1:-python3}"
if ! "$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
    echo "setup: circuit-timer needs Python 3.11 or newer; '$python' is $("$python" --version 2>&1)." >&2
    echo "setup: install a newer Python and run: make PYTHON=python3.11 ..." >&2
    exit 1
fi
