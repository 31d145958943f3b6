"""The command line's parser: each command's code is imported only when it runs."""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import textwrap

import pytest

from circuit_timer.cli import build_parser
from circuit_timer.commands.arguments import LazyHandler
from tests.commandline import Cli
from tests.paths import REPO


def _handlers(parser: argparse.ArgumentParser, path: str = "") -> dict[str, LazyHandler]:
    """Every command (``plan start``...) and the handler it runs."""
    found: dict[str, LazyHandler] = {}
    handler = parser.get_default("handler")
    if handler is not None:
        found[path] = handler
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                found |= _handlers(sub, f"{path} {name}".strip())
    return found


HANDLERS = _handlers(build_parser())


def test_every_command_has_a_handler() -> None:
    commands = {"validate", "list", "show", "schema", "new", "log", "history", "streak"}
    commands |= {"pain", "asymmetry", "export", "import", "run", "settings", "app", "sheet"}
    commands |= {"install-desktop"}
    commands |= {"plan start", "plan today", "plan status", "plan calendar", "plan stop"}
    assert set(HANDLERS) == commands


@pytest.mark.parametrize("command", sorted(HANDLERS))
def test_each_handler_names_a_function_of_its_command_module(command: str) -> None:
    handler = HANDLERS[command]
    assert isinstance(handler, LazyHandler)
    function = handler.resolve()
    assert callable(function)
    assert function.__module__ == f"circuit_timer.commands.{handler.module}"
    assert function.__name__ == handler.name


def test_the_parser_imports_no_command_code_models_or_store() -> None:
    script = """
        import json, sys
        from circuit_timer.cli import build_parser
        build_parser()
        heavy = ["pydantic", "yaml", "PySide6", "circuit_timer.core.model",
                 "circuit_timer.store.history", "circuit_timer.commands.library",
                 "circuit_timer.commands.history", "circuit_timer.commands.plan",
                 "circuit_timer.commands.run", "circuit_timer.commands.settings",
                 "circuit_timer.commands.sheet"]
        print(json.dumps([m for m in heavy if m in sys.modules]))
    """
    result = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(script)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == []


def test_no_words_opens_the_window_without_parsing(
    cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    # With no display, the window's one-line refusal shows that no words mean the app.
    for name in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY"):
        monkeypatch.delenv(name, raising=False)
    status, out, err = cli.run()
    assert status == 1 and out == ""
    assert err.startswith("circuit-timer: no display found (DISPLAY and WAYLAND_DISPLAY")
