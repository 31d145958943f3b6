"""The circuit library: bundled files, the user's files and files named on a command line.

A broken file is reported and skipped; everything else still loads. A user file
overrides a bundled one with the same id (and is marked ``shadows_bundled``), and a file
named on the command line overrides both (it is the one being checked).
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from circuit_timer.core.adjust import adjustment_problem
from circuit_timer.core.ladder import ladder_circuit_problems
from circuit_timer.core.model import Circuit, Plan
from circuit_timer.core.problems import FileProblems, Problem
from circuit_timer.core.suggest import closest
from circuit_timer.core.validation import exercise_by_id, parse_document
from circuit_timer.core.yaml_source import MAX_FILE_BYTES, Located, read_yaml_bytes

Origin = Literal["bundled", "user", "file"]
YAML_SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True)
class Entry:
    """One loaded circuit or plan file."""

    document: Circuit | Plan
    path: Path
    shown_path: str
    origin: Origin
    located: Located = field(repr=False, compare=False)
    # sha256 (hex) of the bytes that were parsed, so a session records the file that ran
    # even when the file changes after loading.
    digest: str = field(repr=False)
    # A user (or named) file with a bundled id: the bundled file is hidden by it, and a
    # bundled plan built on it now runs this one (or fails its checks).
    shadows_bundled: bool = False

    @property
    def id(self) -> str:
        """The file's id (its ``id:`` or its file name)."""
        return self.document.id

    @property
    def kind(self) -> Literal["circuit", "plan"]:
        """ "circuit" or "plan", from the top-level key."""
        return "circuit" if isinstance(self.document, Circuit) else "plan"


@dataclass
class Library:
    """Every usable circuit and plan by id, and the problems of the files left out."""

    entries: dict[str, Entry] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    files: list[str] = field(default_factory=list)

    def circuit(self, circuit_id: str) -> Circuit | None:
        """The circuit with ``circuit_id``, or None."""
        entry = self.entries.get(circuit_id)
        return entry.document if entry and isinstance(entry.document, Circuit) else None

    def plan(self, plan_id: str) -> Plan | None:
        """The plan with ``plan_id``, or None."""
        entry = self.entries.get(plan_id)
        return entry.document if entry and isinstance(entry.document, Plan) else None

    def sorted_entries(self) -> list[Entry]:
        """Circuits first, then plans, each by id."""
        return sorted(self.entries.values(), key=lambda e: (e.kind != "circuit", e.id))


def find_files(folder: Path) -> list[Path]:
    """YAML files under ``folder``, in a stable order, skipping hidden files and folders."""
    found = [
        p
        for p in folder.rglob("*")
        if p.suffix in YAML_SUFFIXES
        and p.is_file()
        and not any(part.startswith(".") for part in p.relative_to(folder).parts)
    ]
    return sorted(found)


def load_file(path: Path, shown_path: str, origin: Origin = "file") -> Entry:
    """Load and validate one file; raise FileProblems (with places) if it is bad."""
    try:
        with path.open("rb") as handle:
            # One byte past the limit is enough to refuse an oversized file.
            raw = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise FileProblems([Problem(shown_path, 1, 1, f"cannot read: {exc.strerror}")]) from None
    located = read_yaml_bytes(raw, shown_path)
    try:
        document = parse_document(located, shown_path, path.stem, folder=path.parent)
    except FileProblems:
        if located.exact:
            raise
        # Read again so problems under an alias point at the alias itself.
        located = read_yaml_bytes(raw, shown_path, exact=True)
        document = parse_document(located, shown_path, path.stem, folder=path.parent)
    return Entry(document, path, shown_path, origin, located, hashlib.sha256(raw).hexdigest())


def _check_plan(entry: Entry, library: Library) -> list[Problem]:
    plan = entry.document
    assert isinstance(plan, Plan)
    problems: list[Problem] = []

    def at(where: tuple[str | int, ...], message: str, key: bool = False) -> None:
        place = entry.located.key_at(where) if key else entry.located.value_at(where)
        problems.append(Problem(entry.shown_path, *place, message))

    circuit_ids = [e.id for e in library.entries.values() if e.kind == "circuit"]
    for w, week in enumerate(plan.weeks):
        for s, session in enumerate(week.sessions):
            where: tuple[str | int, ...] = ("weeks", w, "sessions", s)
            circuit = library.circuit(session.circuit)
            if circuit is None:
                if library.plan(session.circuit) is not None:
                    at((*where, "circuit"), f"'{session.circuit}' is a plan, not a circuit")
                    continue
                near = closest(session.circuit, circuit_ids)
                hint = f" (did you mean '{near}'?)" if near else ""
                at((*where, "circuit"), f"unknown circuit '{session.circuit}'{hint}")
                continue
            for exercise_id, change in session.adjust.items():
                exercise = exercise_by_id(circuit, exercise_id)
                if exercise is None:
                    ids = [ex.id for b in circuit.blocks for ex in b.exercises]
                    near = closest(exercise_id, ids)
                    hint = f" (did you mean '{near}'?)" if near else ""
                    at(
                        (*where, "adjust", exercise_id),
                        f"circuit '{circuit.id}' has no exercise '{exercise_id}'{hint}",
                        key=True,
                    )
                    continue
                for key in change.model_dump(exclude_none=True):
                    reason = adjustment_problem(exercise, key)
                    if reason:
                        at((*where, "adjust", exercise_id, key), reason, key=True)
    for place, message, on_key in ladder_circuit_problems(plan, library.circuit):
        at(place, message, key=on_key)
    return problems


def _id_place(entry: Entry) -> tuple[int, int]:
    return entry.located.value_at(("id",)) if "id" in entry.located.data else (1, 1)


def _read_exact(entry: Entry) -> Located | None:
    """The entry's file read again so problems under an alias point at the alias itself;
    None when it is gone or no longer the file that was loaded (keep the places found)."""
    try:
        raw = entry.path.read_bytes()
    except OSError:
        return None
    if hashlib.sha256(raw).hexdigest() != entry.digest:
        return None
    return read_yaml_bytes(raw, entry.shown_path, exact=True)


def load_library(
    bundled: Path | None,
    user: Path | None,
    named: Sequence[tuple[Path, str]] = (),
) -> Library:
    """Load the bundled and user folders and the ``named`` (path, shown path) files."""
    library = Library()
    named_paths = {p.resolve() for p, _ in named}
    sources: list[tuple[Origin, Sequence[tuple[Path, str]]]] = []
    folders: tuple[tuple[Origin, Path | None], ...] = (("bundled", bundled), ("user", user))
    for origin, folder in folders:
        if folder is not None and folder.is_dir():
            files = [(p, str(p)) for p in find_files(folder) if p.resolve() not in named_paths]
            sources.append((origin, files))
    sources.append(("file", named))

    for origin, source_files in sources:
        taken: dict[str, Entry] = {}
        for path, shown in source_files:
            library.files.append(shown)
            try:
                entry = load_file(path, shown, origin)
            except FileProblems as exc:
                library.problems.extend(exc.problems)
                continue
            if entry.id in taken:
                first = taken[entry.id]
                library.problems.append(
                    Problem(
                        shown,
                        *_id_place(entry),
                        f"duplicate id '{entry.id}': {first.shown_path} already has it",
                    )
                )
                continue
            taken[entry.id] = entry
        for entry_id, entry in taken.items():
            # Later origins override earlier ones: user over bundled, named over both.
            hidden = library.entries.get(entry_id)
            if hidden is not None and (hidden.origin == "bundled" or hidden.shadows_bundled):
                entry = dataclasses.replace(entry, shadows_bundled=True)
            library.entries[entry_id] = entry

    for entry in [e for e in library.entries.values() if e.kind == "plan"]:
        problems = _check_plan(entry, library)
        exact = _read_exact(entry) if problems and not entry.located.exact else None
        if exact is not None:
            problems = _check_plan(dataclasses.replace(entry, located=exact), library)
        if problems:
            library.problems.extend(problems)
            del library.entries[entry.id]
    library.problems.sort()
    return library
