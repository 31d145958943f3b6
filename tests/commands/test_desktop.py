"""`circuit-timer install-desktop`: a valid desktop entry, the icon and AppStream metainfo
under the user's data folder, from the package's own assets, starting a circuit-timer
that exists (the running one unless --program names another)."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from circuit_timer import __version__
from circuit_timer.commands.desktop import COMPONENT_ID, DESKTOP_ID, METAINFO
from tests.commandline import Cli
from tests.desktop_entry import entry_of, exec_args, tool, unescape
from tests.paths import REPO

ASSETS = REPO / "assets"
ICON = ASSETS / "circuit-timer.svg"


def venv_program() -> Path:
    """The circuit-timer installed beside the Python running the tests."""
    program = Path(sys.executable).parent / "circuit-timer"
    assert program.is_file(), f"{program} is missing: install the package (make setup)"
    return program


def subprocess_run(argv: list[str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(argv, capture_output=True, text=True, timeout=60, env=os.environ)


@pytest.fixture
def data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private XDG_DATA_HOME (and HOME), as the command sees them."""
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    return tmp_path / "data"


def installed(data: Path) -> tuple[Path, Path, Path]:
    return (
        data / "applications" / DESKTOP_ID,
        data / "icons" / "hicolor" / "scalable" / "apps" / "circuit-timer.svg",
        data / "metainfo" / METAINFO,
    )


def test_install_desktop_writes_a_valid_entry_icon_and_metainfo(cli: Cli, data: Path) -> None:
    validate = tool("desktop-file-validate", "desktop-file-utils")
    out = cli.ok("install-desktop")
    entry, icon, metainfo = installed(data)
    assert icon.read_bytes() == ICON.read_bytes()
    assert metainfo.read_bytes() == (ASSETS / METAINFO).read_bytes()
    for path in (entry, icon, metainfo):
        assert f"Installed {path}\n" in out
        assert path.stat().st_mode & 0o777 == 0o644

    checked = subprocess_run([validate, str(entry)])
    assert (checked.returncode, checked.stdout, checked.stderr) == (0, "", "")

    keys = entry_of(entry)
    (program,) = exec_args(keys["Exec"])
    # In-process the running command is the venv's (pytest is argv[0]).
    assert Path(program) == venv_program() and f"(starts {program})" in out
    assert unescape(keys["TryExec"]) == program
    assert keys["Icon"] == icon.stem == entry.stem
    assert keys["Type"] == "Application" and keys["Terminal"] == "false"
    assert keys["Name"] == "circuit-timer" and keys["StartupWMClass"] == "circuit-timer"
    assert "@" not in entry.read_text()  # every placeholder filled in

    cli.ok("install-desktop")  # running it again just replaces the files
    assert sorted(p.name for p in entry.parent.iterdir() if p.suffix == ".desktop") == [DESKTOP_ID]
    assert [p.name for p in metainfo.parent.iterdir()] == [METAINFO]


def test_the_installed_metainfo_passes_appstreamcli(cli: Cli, data: Path) -> None:
    appstreamcli = tool("appstreamcli", "appstream")
    cli.ok("install-desktop")
    _, _, metainfo = installed(data)
    checked = subprocess_run([appstreamcli, "validate", "--no-net", str(metainfo)])
    assert checked.returncode == 0, checked.stdout + checked.stderr
    # Not even a warning; infos (a tag newer than this appstreamcli knows) are allowed.
    assert not [line for line in checked.stdout.splitlines() if line[:2] in ("W:", "E:")]


def test_the_metainfo_names_the_entry_the_version_and_real_screenshots() -> None:
    root = ET.parse(ASSETS / METAINFO).getroot()
    assert root.get("type") == "desktop-application"
    assert root.findtext("id") == COMPONENT_ID
    assert root.findtext("launchable[@type='desktop-id']") == DESKTOP_ID
    assert (ASSETS / DESKTOP_ID).is_file()
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    assert root.findtext("project_license") == project["license"]
    [release] = root.findall("releases/release")
    assert release.get("version") == project["version"] == __version__
    assert root.find("content_rating[@type='oars-1.1']") is not None
    homepage = root.findtext("url[@type='homepage']")
    assert homepage == project["urls"]["Homepage"]
    images = [i.text or "" for i in root.iter("image")]
    assert images and root.find("screenshots/screenshot[@type='default']") is not None
    for url in images:
        assert url.startswith("https://") and "/docs/screenshots/" in url
        # Each is a picture `make screenshots` renders into the repository.
        assert (REPO / "docs" / "screenshots" / url.rsplit("/", 1)[1]).is_file(), url


def test_the_data_folder_defaults_to_local_share(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    # The spec ignores a relative XDG_DATA_HOME, and so does the command.
    monkeypatch.setenv("XDG_DATA_HOME", "relative/data")
    monkeypatch.chdir(tmp_path)
    cli.ok("install-desktop")
    share = tmp_path / "home" / ".local" / "share"
    for path in installed(share):
        assert path.is_file()
    assert not (tmp_path / "relative").exists()


def test_the_running_script_is_the_program_the_entry_starts(
    cli: Cli, data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # As a console script (pipx's ~/.local/bin link, say), argv[0] is its path.
    script = tmp_path / "bin" / "circuit-timer"
    script.parent.mkdir()
    script.symlink_to(venv_program())
    monkeypatch.setattr(sys, "argv", [str(script), "install-desktop"])
    cli.ok("install-desktop")
    entry, _, _ = installed(data)
    # The link itself, not what it points at: pipx upgrades keep the link.
    assert exec_args(entry_of(entry)["Exec"]) == [str(script)]


def test_a_path_with_reserved_characters_is_quoted(cli: Cli, data: Path, tmp_path: Path) -> None:
    validate = tool("desktop-file-validate", "desktop-file-utils")
    # "@TRYEXEC@" in the path: the template's placeholders are filled in once, not twice.
    folder = tmp_path / "my apps" / 'it\'s $HOME & 100% `x` \\ "q" @TRYEXEC@'
    folder.mkdir(parents=True)
    program = folder / "circuit-timer"
    program.write_text("#!/bin/sh\nexit 0\n")
    program.chmod(0o755)
    cli.ok("install-desktop", "--program", str(program))
    entry, _, _ = installed(data)
    keys = entry_of(entry)
    assert exec_args(keys["Exec"]) == [str(program)]
    assert unescape(keys["TryExec"]) == str(program)
    checked = subprocess_run([validate, str(entry)])
    assert (checked.returncode, checked.stdout, checked.stderr) == (0, "", "")


def test_it_works_without_the_optional_tools(
    cli: Cli, data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # No desktop-file-validate, update-desktop-database or gtk-update-icon-cache.
    (tmp_path / "empty").mkdir()
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    cli.ok("install-desktop", "--program", str(venv_program()))
    for path in installed(data):
        assert path.is_file()


def test_a_program_that_is_not_there_is_refused(cli: Cli, data: Path, tmp_path: Path) -> None:
    missing = tmp_path / "nowhere" / "circuit-timer"
    status, out, err = cli.run("install-desktop", "--program", str(missing))
    assert (status, out) == (1, "")
    assert err == f"circuit-timer: {missing} is not an executable file\n"
    assert not data.exists()


def test_a_path_with_a_line_break_is_refused(cli: Cli, data: Path, tmp_path: Path) -> None:
    program = tmp_path / "two\nlines" / "circuit-timer"
    program.parent.mkdir()
    program.write_text("#!/bin/sh\n")
    program.chmod(0o755)
    status, _, err = cli.run("install-desktop", "--program", str(program))
    assert status == 1
    assert err == "circuit-timer: cannot write a path with a line break into a desktop entry\n"
    assert not data.exists()


def test_a_data_folder_that_cannot_be_written_is_one_line(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    monkeypatch.setenv("XDG_DATA_HOME", str(blocker))
    status, _, err = cli.run("install-desktop")
    assert status == 1 and len(err.splitlines()) == 1
    assert err.startswith("circuit-timer: cannot install the desktop entry: ")
    assert "Traceback" not in err
