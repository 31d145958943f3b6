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
        "    from .test_main_window import start\n"
        "from tests.ui.driving import open_window\n"
        "from tests.paths import REPO\n"
    )
    found = {owning_test_module(name) for _, name in imported(source, "tests.ui.test_example")}
    assert found == {
        None,
        "tests.core.test_engine",
        "tests.core.test_timeline",
        "tests.core.test_malformed",
        "tests.ui.test_main_window",
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


PACKAGE = REPO / "circuit_timer"

# Modules that hold no logic of their own, so no test module of their own: each is tested
# through the modules that use it.
NO_MIRROR_NEEDED = {
    # `python -m circuit_timer`: one line calling cli.main (tests/test_cli.py runs it).
    "circuit_timer/__main__.py",
    # The engine's event types: frozen dataclasses, no behaviour.
    "circuit_timer/core/events.py",
    # The browse pages' colour constants.
    "circuit_timer/ui/page_colours.py",
}


def mirror_of(module: Path) -> Path:
    """Where the tests of ``module`` live: circuit_timer/X/Y.py in tests/X/test_Y.py."""
    relative = module.relative_to(PACKAGE)
    return TESTS / relative.parent / f"test_{relative.name}"


def test_the_mirror_of_a_module_is_its_test_module_in_the_same_folder() -> None:
    assert mirror_of(PACKAGE / "ui" / "heatmap.py") == TESTS / "ui" / "test_heatmap.py"
    assert mirror_of(PACKAGE / "cli.py") == TESTS / "test_cli.py"


def test_every_module_with_logic_has_a_mirror_test_module() -> None:
    """A reader looking for a module's tests finds them where the module is; a new module
    with logic comes with its own test module."""
    missing = sorted(
        str(module.relative_to(REPO))
        for module in PACKAGE.rglob("*.py")
        if module.name != "__init__.py"
        and str(module.relative_to(REPO)) not in NO_MIRROR_NEEDED
        and not mirror_of(module).is_file()
    )
    assert missing == []


def test_the_allow_list_names_only_modules_that_exist_without_a_mirror() -> None:
    """Once a listed module is gone or gets its own test module, it leaves the list."""
    stale = sorted(
        name
        for name in NO_MIRROR_NEEDED
        if not (REPO / name).is_file() or mirror_of(REPO / name).is_file()
    )
    assert stale == []
