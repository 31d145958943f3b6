"""A non-editable install carries the bundled library: circuits and assets are in the wheel."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

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
    assert any(n.startswith("circuit_timer/assets/") for n in names)


def test_pip_install_into_a_new_venv_then_list_from_elsewhere(wheel: Path, tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=120)
    pip = [str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet"]
    # The real `pip install .` of the issue, from the source tree, not editable.
    subprocess.run([*pip, str(REPO)], check=True, timeout=600)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {**os.environ, "CIRCUIT_TIMER_HOME": str(tmp_path / "home")}
    result = subprocess.run(
        [str(venv / "bin" / "circuit-timer"), "list", "--json"],
        capture_output=True,
        text=True,
        cwd=elsewhere,
        env=env,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    rows = {r["id"]: r for r in json.loads(result.stdout)}
    assert rows["pf-crash-course"]["source"] == "bundled"
    assert "site-packages" in rows["pf-crash-course"]["path"]
    assert len(rows) == len(list((REPO / "circuits").rglob("*.yaml")))
