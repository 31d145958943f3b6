"""What every command shares: the library as the user has it, and printing."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeAlias

from circuit_timer.core.suggest import closest
from circuit_timer.files import paths
from circuit_timer.store.errors import StoreError

if TYPE_CHECKING:
    # Imported where used: the parser (commands/arguments.py) imports this module, and
    # `--help` or the window must not pay for the models and the store.
    from circuit_timer.core.library import Entry, Library
    from circuit_timer.core.problems import Problem
    from circuit_timer.store.history import HistoryStore

# argparse's sub-parser type is only subscriptable for the type checker.
SubParsers: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"

EXIT_OK = 0
EXIT_PROBLEM = 1
EXIT_USAGE = 2


class CommandError(Exception):
    """A failure the user can act on: printed as one line, with an exit status."""

    def __init__(self, message: str, status: int = EXIT_PROBLEM) -> None:
        super().__init__(message)
        self.status = status


def open_store() -> HistoryStore:
    """The runner's history database; what it had to say on opening goes to stderr."""
    from circuit_timer.store.history import HistoryStore

    try:
        store = HistoryStore.in_folder(paths.user_home())
    except StoreError as exc:
        raise CommandError(str(exc)) from None
    for notice in store.notices:
        print(f"circuit-timer: {notice}", file=sys.stderr)
    return store


def user_library(named: Sequence[tuple[Path, str]] = ()) -> Library:
    """The bundled library merged with the user's circuits (and any named files)."""
    from circuit_timer.core.library import load_library

    return load_library(paths.bundled_circuits_dir(), paths.user_circuits_dir(), named)


def _named_entry(target: str) -> Entry:
    """The file at ``target``, loaded with the library it may refer to (its plans' circuits)."""
    path = Path(target)
    if not path.is_file():
        raise CommandError(f"{target}: no such file")
    library = user_library([(path, target)])
    own = [p for p in library.problems if p.path == target]
    if own:
        warn(own)
        raise CommandError(f"{target} has problems; fix them first")
    for entry in library.entries.values():
        if entry.shown_path == target:
            return entry
    raise CommandError(f"{target}: not loaded")  # pragma: no cover


def is_file_argument(target: str) -> bool:
    """True when ``target`` names a file rather than an id (a YAML name, a path, a file)."""
    from circuit_timer.core.library import YAML_SUFFIXES

    path = Path(target)
    return path.suffix in YAML_SUFFIXES or os.sep in target or path.is_file()


def find_entry(library: Library, target: str) -> Entry:
    """The circuit or plan with id ``target``, or in the file at ``target``; else a one-line
    error with a suggestion."""
    if is_file_argument(target):
        return _named_entry(target)
    entry = library.entries.get(target)
    if entry is None:
        broken = [p for p in library.problems if Path(p.path).stem == target]
        if broken:
            warn(broken)
            raise CommandError(f"'{target}' has problems; fix them first")
        near = closest(target, library.entries)
        hint = f" (did you mean '{near}'?)" if near else "; see: circuit-timer list"
        raise CommandError(f"no circuit or plan '{target}'{hint}")
    return entry


def find_circuit(library: Library, target: str) -> Entry:
    """The circuit with id ``target``, or in the file at ``target``; else a one-line error."""
    if is_file_argument(target):
        named = _named_entry(target)
        if named.kind != "circuit":
            raise CommandError(f"{target} is a plan, not a circuit")
        return named
    entry = library.entries.get(target)
    if entry is None or entry.kind != "circuit":
        circuits = [e.id for e in library.entries.values() if e.kind == "circuit"]
        near = closest(target, circuits)
        hint = f" (did you mean '{near}'?)" if near else "; see: circuit-timer list"
        raise CommandError(f"no circuit '{target}'{hint}")
    return entry


def warn(problems: Iterable[Problem]) -> None:
    """Print problems on stderr, one line each."""
    from circuit_timer.core.text_clean import printable

    # A problem quotes the file's own text, which may carry escape sequences.
    for problem in problems:
        print(printable(str(problem)), file=sys.stderr)


# Slower than 1/100 the clock's times overflow the platform's time_t (1e-300 did); faster
# than 10000x no cue can be heard or drawn.
SPEED_RANGE = (0.01, 10_000.0)


def parse_speed(text: str) -> float:
    """``--speed X``: a number from 0.01 to 10000, or a one-line error."""
    try:
        speed = float(text)
    except ValueError:
        raise CommandError(f"--speed must be a number, not {text!r}") from None
    low, high = SPEED_RANGE
    if not low <= speed <= high:  # NaN fails this too
        raise CommandError(f"--speed must be from {low:g} to {high:g}, not {text}")
    return speed


def say(text: str) -> None:
    """Print ``text`` with user text's control characters removed: a title or note from
    a shared file must not retitle, clear or reprogram the runner's terminal."""
    from circuit_timer.core.text_clean import printable

    print(printable(text))


def print_json(data: Any) -> None:
    """Pretty JSON on stdout."""
    import json  # here: the parser and the window import this module

    json.dump(data, sys.stdout, indent=2, ensure_ascii=False)
    sys.stdout.write("\n")
