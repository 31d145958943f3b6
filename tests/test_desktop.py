"""`make install-desktop` installs the app with pipx outside the checkout, then runs that
installed command's install-desktop; and the desktop entry matches what the app sets.
(The entry, icon and metainfo themselves: tests/commands/test_desktop.py.)"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.desktop_entry import entry_of
from tests.paths import REPO

# A freedesktop desktop entry and pipx under make: Linux only.
pytestmark = pytest.mark.linux_only("desktop entries (make install-desktop)")

MAKE = shutil.which("make")
SH = shutil.which("sh") or "/bin/sh"


def make_install_desktop(path: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    if MAKE is None:
        pytest.skip("make is not installed")
    env = {**os.environ, "PATH": path, "HOME": str(tmp_path / "home")}
    return subprocess.run(
        [
            MAKE,
            "-s",
            "-C",
            str(REPO),
            "install-desktop",
            "SKIP_SYSTEM=1",
            f"PYTHON={sys.executable}",
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )


def fake(path: Path, body: str) -> None:
    path.write_text(f"#!{SH}\n{body}\n")
    path.chmod(0o755)


def test_make_install_desktop_runs_the_pipx_installed_command(tmp_path: Path) -> None:
    # A pipx that logs what it is asked and keeps its commands in a folder of its own,
    # with a circuit-timer there that logs how it was run: no real install happens.
    tools, pipx_bin = tmp_path / "tools", tmp_path / "pipx-bin"
    tools.mkdir()
    pipx_bin.mkdir()
    log = tmp_path / "log"
    fake(
        tools / "pipx",
        f'echo "pipx $*" >> "{log}"\nif [ "$1" = environment ]; then echo "{pipx_bin}"; fi',
    )
    fake(pipx_bin / "circuit-timer", f'echo "$0 $*" >> "{log}"')
    result = make_install_desktop(f"{tools}{os.pathsep}/usr/bin{os.pathsep}/bin", tmp_path)
    assert result.returncode == 0, result.stderr
    assert log.read_text().splitlines() == [
        f"pipx install --force --python {sys.executable} .",
        "pipx environment --value PIPX_BIN_DIR",
        f"{pipx_bin}/circuit-timer install-desktop",
    ]


def test_make_install_desktop_without_pipx_says_what_to_do(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    result = make_install_desktop(str(tmp_path / "empty"), tmp_path)
    assert result.returncode != 0
    assert "install-desktop: pipx is missing: apt-get install pipx" in result.stderr
    assert "circuit-timer install-desktop" in result.stderr


def test_the_entry_matches_what_the_app_sets() -> None:
    # In a child process: make_application renames the QApplication, and the tests' one
    # must keep its own name (QSettings() files are named after it).
    code = (
        "from circuit_timer.ui.app import make_application\n"
        "app = make_application()\n"
        "print(app.applicationName(), app.desktopFileName(), app.windowIcon().isNull())\n"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60
    )
    assert out.returncode == 0, out.stderr
    name, desktop_file, icon_null = out.stdout.split()
    template = entry_of(REPO / "assets" / "circuit-timer.desktop")
    # Qt's WM_CLASS class is the application name; Wayland's app id is the desktop file name.
    assert template["StartupWMClass"] == name
    assert desktop_file == "circuit-timer" and template["Icon"] == desktop_file
    assert icon_null == "False"
