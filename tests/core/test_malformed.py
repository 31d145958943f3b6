"""Malformed and hostile circuit and plan files: each problem pinned to LINE:COL and message.

Every file in tests/data/malformed is here; a new file there without an entry fails.
Plans are checked beside tests/data/valid/basic.yaml, the circuit they refer to.
"""

from __future__ import annotations

import subprocess
import sys
import tracemalloc
from pathlib import Path
from typing import Any

import pytest

from circuit_timer.core import yaml_nodes, yaml_source
from circuit_timer.core.library import load_library
from circuit_timer.core.yaml_source import MAX_FILE_BYTES
from tests.core.malformed_corpus import BASIC, EXPECTED, MALFORMED


def problems_of(path: Path) -> list[tuple[int, int, str]]:
    library = load_library(None, None, [(BASIC, "basic.yaml"), (path, path.name)])
    return [(p.line, p.col, p.message) for p in library.problems if p.path == path.name]


def test_every_file_in_the_corpus_is_pinned() -> None:
    assert sorted(p.name for p in MALFORMED.glob("*.yaml")) == sorted(EXPECTED)
    assert len(EXPECTED) >= 25


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_malformed_file(name: str) -> None:
    assert problems_of(MALFORMED / name) == EXPECTED[name]


def test_the_good_file_beside_them_is_valid() -> None:
    library = load_library(None, None, [(BASIC, "basic.yaml")])
    assert library.problems == []
    assert library.circuit("basic") is not None


def test_two_mebibyte_file_is_refused_at_once(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    big.write_text("title: Big\n" + "# padding\n" * (2 * 1024 * 1024 // 10) + "blocks: []\n")
    assert big.stat().st_size > 2 * 1024 * 1024 - 20
    assert problems_of(big) == [
        (1, 1, f"file is larger than the limit of {MAX_FILE_BYTES} bytes (1 MiB); refused")
    ]


def test_alias_bomb_is_refused_after_bounded_work_with_little_memory(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Bound the work, not the time: speed is for bench/, and a loaded machine is slow.
    visits = 0
    build = yaml_nodes._Builder.build

    def counting(self: yaml_nodes._Builder, *args: Any, **kwargs: Any) -> Any:
        nonlocal visits
        visits += 1
        return build(self, *args, **kwargs)

    monkeypatch.setattr(yaml_nodes._Builder, "build", counting)
    tracemalloc.start()
    problems = problems_of(MALFORMED / "alias-bomb.yaml")
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert problems and "alias bomb" in problems[0][2]
    # A few passes (libyaml, then the pure-Python path for places), each stopped at the limit.
    assert 0 < visits <= 3 * (yaml_source.MAX_VALUES + 1)
    assert peak < 64 * 1024 * 1024


def test_deep_nesting_is_refused_not_crashed(tmp_path: Path) -> None:
    deep = tmp_path / "deep.yaml"
    deep.write_text("title: Deep\nblocks: " + "[" * 100_000 + "]" * 100_000 + "\n")
    problems = problems_of(deep)
    assert len(problems) == 1
    assert problems[0][:2] == (1, 1)


def test_object_tag_constructs_nothing(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    evil = tmp_path / "evil.yaml"
    evil.write_text(f"title: !!python/object/apply:os.system ['touch {marker}']\nblocks: []\n")
    assert problems_of(evil)[0][:2] == (1, 8)
    assert not marker.exists()


def test_a_broken_file_does_not_take_the_library_down(tmp_path: Path) -> None:
    folder = tmp_path / "lib"
    folder.mkdir()
    (folder / "good.yaml").write_text(BASIC.read_text())
    for name in ("not-utf8.yaml", "alias-bomb.yaml", "syntax-error.yaml", "empty.yaml"):
        (folder / name).write_bytes((MALFORMED / name).read_bytes())
    library = load_library(folder, None)
    assert list(library.entries) == ["good"]
    assert {Path(p.path).name for p in library.problems} == {
        "not-utf8.yaml",
        "alias-bomb.yaml",
        "syntax-error.yaml",
        "empty.yaml",
    }


def test_validate_prints_no_traceback_for_any_malformed_file() -> None:
    files = [str(p) for p in sorted(MALFORMED.glob("*.yaml"))]
    result = subprocess.run(
        [sys.executable, "-m", "circuit_timer", "validate", str(BASIC), *files],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stdout == ""
    problem_lines = [line for line in result.stderr.splitlines() if ".yaml:" in line]
    assert len(problem_lines) == sum(len(v) for v in EXPECTED.values())
