"""Rules the tests themselves keep, so a reader can trust each module on its own."""

from __future__ import annotations

import ast
from pathlib import Path

from tests.paths import REPO

TESTS = REPO / "tests"


def module_name(path: Path) -> str:
    return ".".join(path.relative_to(REPO).with_suffix("").parts)


def imported(source: str, module: str) -> list[tuple[int, str]]:
    """(line, dotted name) of every import in ``source``, the code of ``module``, at any
    depth; relative imports resolved; ``from a import b`` gives both ``a`` and ``a.b``
    (``b`` may be a module)."""
    package = module.split(".")[:-1]
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            parts = package[: len(package) - node.level + 1] if node.level else []
            base = ".".join([*parts, *filter(None, [node.module])])
            found.append((node.lineno, base))
            found += [(node.lineno, f"{base}.{alias.name}") for alias in node.names]
    return found


def owning_test_module(dotted: str) -> str | None:
    """The test module (tests/**/test_*.py) that ``dotted`` is or lies in, if any."""
    parts = dotted.split(".")
    for end in range(1, len(parts) + 1):
        if (
            parts[end - 1].startswith("test_")
            and REPO.joinpath(*parts[:end]).with_suffix(".py").is_file()
        ):
            return ".".join(parts[:end])
    return None


def test_the_checker_sees_every_way_of_importing_a_test_module() -> None:
    source = (
        "from tests.core.test_engine import brief\n"
        "import tests.core.test_timeline\n"
        "from tests.core import test_malformed\n"
        "def f():\n"
        "    from .test_window import start\n"
        "from tests.ui.driving import open_window\n"
        "from tests.paths import REPO\n"
    )
    found = {owning_test_module(name) for _, name in imported(source, "tests.ui.test_example")}
    assert found == {
        None,
        "tests.core.test_engine",
        "tests.core.test_timeline",
        "tests.core.test_malformed",
        "tests.ui.test_window",
    }


def test_no_test_module_imports_from_another_test_module() -> None:
    """Shared helpers live in conftest.py fixtures or in helper modules (tests/paths.py,
    tests/sample_circuits.py, tests/ui/driving.py...), never in a test module that
    another reaches into: each test module can be read, moved or deleted on its own."""
    offences = []
    for path in sorted(TESTS.rglob("*.py")):
        me = module_name(path)
        for line, name in imported(path.read_text(), me):
            other = owning_test_module(name)
            if other is not None and other != me:
                offences.append(f"{path.relative_to(REPO)}:{line} imports {other}")
    assert offences == []
