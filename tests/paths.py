"""Where the tests find the repository, their data files and the Linux-only tools some of
them drive (a helper, not a test module)."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"

# The tests that drive Linux's own tools (Xvfb and xcb, dbus-daemon, ALSA with sox,
# espeak-ng, desktop-file-validate, appstreamcli, pdftotext) run on Linux only; on
# macOS and Windows they are skipped, saying why. On Linux they are never skipped: a
# missing tool fails the test and names the package to install.
ON_LINUX = sys.platform.startswith("linux")


def linux_only(why: str) -> None:
    """Skip the calling test off Linux, saying ``why`` it needs Linux."""
    if not ON_LINUX:
        pytest.skip(f"Linux only: {why}")


def linux_tool(name: str, package: str) -> str:
    """The path of ``name``, a Linux tool from Debian package ``package``: the test is
    skipped off Linux, and fails on Linux when the tool is missing."""
    linux_only(f"it runs {name} (Debian package {package})")
    found = shutil.which(name)
    if found is None:
        pytest.fail(
            f"{name} is not installed: apt-get install {package} (scripts/system-packages.txt)"
        )
    return found
