"""core imports no Qt, SQLite or audio, at run time too (import-linter checks the source)."""

from __future__ import annotations

import subprocess
import sys
import textwrap

from tests.paths import REPO


def test_core_loads_and_compiles_with_qt_sqlite_and_audio_unimportable() -> None:
    script = textwrap.dedent(
        """
        import importlib, pkgutil, sys
        class Refuse:
            def find_spec(self, name, path=None, target=None):
                if name.split(".")[0] in {"PySide6", "shiboken6", "sqlite3", "_sqlite3",
                                          "simpleaudio"}:
                    raise ImportError(f"core must not import {name}")
        sys.meta_path.insert(0, Refuse())
        import circuit_timer.core as core
        for info in pkgutil.walk_packages(core.__path__, "circuit_timer.core."):
            importlib.import_module(info.name)
        from circuit_timer.core.library import load_library
        from circuit_timer.core.timeline import compile_timeline
        from circuit_timer.files.paths import bundled_circuits_dir
        lib = load_library(bundled_circuits_dir(), None)
        assert not lib.problems, lib.problems
        compile_timeline(lib.circuit("pf-crash-course"))
        print("ok")
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=REPO, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"


def test_no_module_is_over_400_lines() -> None:
    """A module that grows past this is doing more than one job: split it by subject."""
    package = REPO / "circuit_timer"
    sizes = {
        str(path.relative_to(REPO)): len(path.read_text(encoding="utf-8").splitlines())
        for path in package.rglob("*.py")
    }
    assert len(sizes) > 100  # the walk found the package
    assert {name: n for name, n in sizes.items() if n > 400} == {}
