"""What every command shares: the library as the user has it, and printing."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, TypeAlias

from circuit_timer import paths
from circuit_timer.core.library import Entry, Library, load_library
from circuit_timer.core.problems import Problem
from circuit_timer.core.suggest import closest
from circuit_timer.store.errors import StoreError
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
    try:
        store = HistoryStore.in_folder(paths.user_home())
    except StoreError as exc:
        raise CommandError(str(exc)) from None
    for notice in store.notices:
        print(f"circuit-timer: {notice}", file=sys.stderr)
    return store


def user_library(named: Sequence[tuple[Path, str]] = ()) -> Library:
    """The bundled library merged with the user's circuits (and any named files)."""
    return load_library(paths.bundled_circuits_dir(), paths.user_circuits_dir(), named)


def find_circuit(library: Library, circuit_id: str) -> Entry:
    """The library entry of circuit ``circuit_id``, or a one-line error with a suggestion."""
    entry = library.entries.get(circuit_id)
    if entry is None or entry.kind != "circuit":
        circuits = [e.id for e in library.entries.values() if e.kind == "circuit"]
        near = closest(circuit_id, circuits)
        hint = f" (did you mean '{near}'?)" if near else "; see: circuit-timer list"
        raise CommandError(f"no circuit '{circuit_id}'{hint}")
    return entry


def warn(problems: Iterable[Problem]) -> None:
    """Print problems on stderr, one line each."""
    for problem in problems:
        print(problem, file=sys.stderr)


def print_json(data: Any) -> None:
    """Pretty JSON on stdout."""
    json.dump(data, sys.stdout, indent=2, ensure_ascii=False)
    sys.stdout.write("\n")
