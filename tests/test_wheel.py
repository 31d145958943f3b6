"""The wheel is the application: installed into a fresh venv outside the checkout, its
`circuit-timer` lists and runs the bundled library from any folder and installs a desktop
entry and AppStream metainfo that point at that installed command."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from tests.desktop_entry import entry_of, exec_args, tool
from tests.paths import REPO


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(out), str(REPO)],
        check=True,
        timeout=300,
    )
    [built] = out.glob("circuit_timer-*.whl")
    return built


def test_wheel_contains_circuits_schema_and_assets(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "circuit_timer/circuits/pf-crash-course.yaml" in names
    assert "circuit_timer/circuits/plans/pf-crash-course-4-weeks.yaml" in names
    assert "circuit_timer/schema/circuit-timer.schema.json" in names
    # What the window and install-desktop read at run time.
    for asset in REPO.joinpath("assets").rglob("*"):
        if asset.is_file():
            assert f"circuit_timer/{asset.relative_to(REPO).as_posix()}" in names


def run(argv: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(argv, capture_output=True, text=True, cwd=cwd, env=env, timeout=120)


def test_the_installed_wheel_runs_from_elsewhere_and_installs_its_desktop_entry(
    wheel: Path, tmp_path: Path
) -> None:
    validate = tool("desktop-file-validate", "desktop-file-utils")
    appstreamcli = tool("appstreamcli", "appstream")
    venv = tmp_path / "venv"
    python, program = venv / "bin" / "python", venv / "bin" / "circuit-timer"
    # Without pip of its own (ensurepip alone takes seconds): the checkout's pip installs
    # into it with --python. The one install: the built wheel itself, offline. Its
    # dependencies (PySide6 alone is 84 MB to unpack) are the checkout venv's, reached
    # through a .pth written after the install, so pip neither sees nor touches the
    # checkout's editable circuit-timer; a .pth entry's own .pth files are not read, so
    # the editable one does not load.
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True,
                   timeout=120)  # fmt: skip
    pip = [sys.executable, "-m", "pip", "--python", str(python)]
    subprocess.run([*pip, "install", "--quiet", "--no-deps", "--no-index", str(wheel)],
                   check=True, timeout=300)  # fmt: skip
    site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
        capture_output=True, text=True, check=True, timeout=60,
    ).stdout.strip()  # fmt: skip
    Path(site, "checkout-dependencies.pth").write_text(sysconfig.get_path("purelib") + "\n")

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "XDG_DATA_HOME")}
    env |= {"CIRCUIT_TIMER_HOME": str(tmp_path / "home"), "HOME": str(tmp_path / "user")}

    # The package imported is the wheel's, in the new venv, not the checkout's.
    where = run([str(python), "-c", "import circuit_timer; print(circuit_timer.__file__)"],
                elsewhere, env)  # fmt: skip
    assert where.returncode == 0, where.stderr
    assert Path(where.stdout.strip()).is_relative_to(venv), where.stdout
    # The wheel's declared dependencies are met by what it runs with.
    checked = run([*pip, "check"], elsewhere, env)
    assert checked.returncode == 0, checked.stdout + checked.stderr

    listed = run([str(program), "list", "--json"], elsewhere, env)
    assert listed.returncode == 0, listed.stderr
    rows = {r["id"]: r for r in json.loads(listed.stdout)}
    assert rows["pf-crash-course"]["source"] == "bundled"
    assert Path(rows["pf-crash-course"]["path"]).is_relative_to(venv)
    assert len(rows) == len(list((REPO / "circuits").rglob("*.yaml")))

    # The whole 16-minute check, its clock 1000 times faster.
    ran = run([str(program), "run", "heel-raise-test", "--auto", "--no-sound", "--speed", "1000"],
              elsewhere, env)  # fmt: skip
    assert ran.returncode == 0, ran.stderr
    assert ran.stdout.splitlines()[-1].endswith("finished: completed")
    assert "Traceback" not in ran.stderr

    env["XDG_DATA_HOME"] = str(tmp_path / "data")
    installed = run([str(program), "install-desktop"], elsewhere, env)
    assert installed.returncode == 0, installed.stderr
    entry = tmp_path / "data" / "applications" / "circuit-timer.desktop"
    [metainfo] = (tmp_path / "data" / "metainfo").glob("*.metainfo.xml")
    assert (tmp_path / "data/icons/hicolor/scalable/apps/circuit-timer.svg").is_file()
    valid = run([validate, str(entry)], elsewhere, env)
    assert (valid.returncode, valid.stdout, valid.stderr) == (0, "", "")
    valid = run([appstreamcli, "validate", "--no-net", str(metainfo)], elsewhere, env)
    assert valid.returncode == 0, valid.stdout + valid.stderr
    # The menu starts the installed command, wherever the checkout goes.
    assert exec_args(entry_of(entry)["Exec"]) == [str(program)]
