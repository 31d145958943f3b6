"""`make install-desktop`: scripts/install-desktop.sh writes a valid desktop entry and the
icon under the user's data folder, pointing at a circuit-timer that exists."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.paths import REPO, linux_tool

# A freedesktop desktop entry, installed by a bash script.
pytestmark = pytest.mark.linux_only("desktop entries (scripts/install-desktop.sh)")

SCRIPT = REPO / "scripts" / "install-desktop.sh"
ICON = REPO / "assets" / "circuit-timer.svg"
# Found before any test narrows PATH.
BASH = shutil.which("bash") or "/bin/bash"


def validator() -> str:
    return linux_tool("desktop-file-validate", "desktop-file-utils")


def venv_program() -> Path:
    """The circuit-timer installed beside the Python running the tests."""
    program = Path(sys.executable).parent / "circuit-timer"
    assert program.is_file(), f"{program} is missing: install the package (make setup)"
    return program


def install(
    tmp_path: Path, *args: str | Path, path: str | None = None, xdg: bool = True
) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "XDG_DATA_HOME"}
    env["HOME"] = str(tmp_path / "home")
    if xdg:
        env["XDG_DATA_HOME"] = str(tmp_path / "data")
    if path is not None:
        env["PATH"] = path
    return subprocess.run(
        [BASH, str(SCRIPT), *map(str, args)], capture_output=True, text=True, env=env,
        timeout=60,
    )  # fmt: skip


def entry_of(path: Path) -> dict[str, str]:
    """The [Desktop Entry] group's keys, values as written."""
    keys: dict[str, str] = {}
    group = None
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("[") and line.endswith("]"):
            group = line[1:-1]
        elif group == "Desktop Entry" and "=" in line and not line.startswith("#"):
            key, value = line.split("=", 1)
            keys[key] = value
    return keys


def unescape(value: str) -> str:
    """A desktop entry string value's escapes (\\s \\n \\t \\r \\\\)."""
    out, i = [], 0
    while i < len(value):
        if value[i] == "\\" and i + 1 < len(value):
            out.append({"s": " ", "n": "\n", "t": "\t", "r": "\r", "\\": "\\"}[value[i + 1]])
            i += 2
        else:
            out.append(value[i])
            i += 1
    return "".join(out)


def exec_args(value: str) -> list[str]:
    """Exec split into arguments the way the desktop entry spec reads it."""
    text = unescape(value)
    args: list[str] = []
    current: list[str] | None = None
    quoted = False
    i = 0
    while i < len(text):
        c = text[i]
        if quoted and c == "\\" and text[i + 1 : i + 2] in ('"', "`", "$", "\\"):
            current = [*(current or []), text[i + 1]]
            i += 2
            continue
        if c == '"':
            quoted = not quoted
            current = current or []
        elif c == " " and not quoted:
            if current is not None:
                args.append("".join(current))
            current = None
        else:
            current = [*(current or []), c]
        i += 1
    assert not quoted, f"unbalanced quotes in {value!r}"
    if current is not None:
        args.append("".join(current))
    return [a.replace("%%", "%") for a in args]


def test_install_desktop_writes_a_valid_entry_and_the_icon(tmp_path: Path) -> None:
    validate = validator()
    result = install(tmp_path, venv_program())
    assert result.returncode == 0, result.stderr
    entry = tmp_path / "data" / "applications" / "circuit-timer.desktop"
    icon = tmp_path / "data" / "icons" / "hicolor" / "scalable" / "apps" / "circuit-timer.svg"
    assert entry.is_file() and icon.is_file()
    assert icon.read_bytes() == ICON.read_bytes()
    assert f"Installed {entry}" in result.stdout and f"Installed {icon}" in result.stdout

    checked = subprocess.run([validate, str(entry)], capture_output=True, text=True)
    assert (checked.returncode, checked.stdout, checked.stderr) == (0, "", "")

    keys = entry_of(entry)
    (program,) = exec_args(keys["Exec"])
    assert Path(program).is_absolute() and Path(program) == venv_program()
    assert os.access(program, os.X_OK)
    assert unescape(keys["TryExec"]) == program
    assert keys["Icon"] == icon.stem == entry.stem
    assert keys["Type"] == "Application" and keys["Terminal"] == "false"
    assert keys["Name"] == "circuit-timer" and keys["StartupWMClass"] == "circuit-timer"
    assert "@" not in entry.read_text()  # every placeholder filled in

    again = install(tmp_path, venv_program())  # running it again just replaces both
    assert again.returncode == 0, again.stderr
    assert sorted(p.name for p in entry.parent.iterdir() if p.suffix == ".desktop") == [
        "circuit-timer.desktop"
    ]


def test_the_data_folder_defaults_to_local_share_and_the_program_to_one_found(
    tmp_path: Path,
) -> None:
    # No argument: this checkout's .venv, else the circuit-timer on PATH.
    path = f"{venv_program().parent}{os.pathsep}{os.environ.get('PATH', '')}"
    result = install(tmp_path, path=path, xdg=False)
    assert result.returncode == 0, result.stderr
    entry = tmp_path / "home" / ".local" / "share" / "applications" / "circuit-timer.desktop"
    assert (tmp_path / "home/.local/share/icons/hicolor/scalable/apps/circuit-timer.svg").is_file()
    (program,) = exec_args(entry_of(entry)["Exec"])
    assert Path(program).is_absolute() and Path(program).name == "circuit-timer"
    assert os.access(program, os.X_OK)


def test_a_path_with_reserved_characters_is_quoted(tmp_path: Path) -> None:
    validate = validator()
    folder = tmp_path / "my apps" / "it's $HOME & 100%"
    folder.mkdir(parents=True)
    program = folder / "circuit-timer"
    program.write_text("#!/bin/sh\nexit 0\n")
    program.chmod(0o755)
    result = install(tmp_path, program)
    assert result.returncode == 0, result.stderr
    entry = tmp_path / "data" / "applications" / "circuit-timer.desktop"
    assert exec_args(entry_of(entry)["Exec"]) == [str(program)]
    checked = subprocess.run([validate, str(entry)], capture_output=True, text=True)
    assert (checked.returncode, checked.stdout, checked.stderr) == (0, "", "")


def test_it_works_without_the_optional_tools(tmp_path: Path) -> None:
    # A PATH with only the basic tools the script needs: no desktop-file-validate,
    # update-desktop-database or gtk-update-icon-cache.
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for tool in ("dirname", "basename", "mkdir", "mktemp", "chmod", "mv", "cp", "touch", "rm"):
        found = shutil.which(tool)
        assert found is not None, tool
        (bin_dir / tool).symlink_to(found)
    result = install(tmp_path, venv_program(), path=str(bin_dir))
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "data" / "applications" / "circuit-timer.desktop").is_file()
    assert (tmp_path / "data/icons/hicolor/scalable/apps/circuit-timer.svg").is_file()


def test_a_program_that_is_not_there_is_refused(tmp_path: Path) -> None:
    result = install(tmp_path, tmp_path / "nowhere" / "circuit-timer")
    assert result.returncode == 1
    assert "is not an executable file" in result.stderr
    assert not (tmp_path / "data").exists()


def test_the_entry_matches_what_the_app_sets(tmp_path: Path) -> None:
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
