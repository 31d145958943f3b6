"""The user's own circuit files: making a starter circuit in the user library."""

from __future__ import annotations

from pathlib import Path

from circuit_timer.core.library import find_files, load_library
from circuit_timer.core.starter import has_name, new_circuit_id, starter_circuit
from circuit_timer.files import paths

BUNDLED = "the bundled library"


class StarterError(Exception):
    """The starter circuit could not be written; the message says why."""


def ids_in_use(folder: Path, bundled: Path | None = None) -> dict[str, str]:
    """Every id a new circuit must not take, with who has it: a bundled circuit or plan
    (a user file with its id would hide it, and any plan built on it), or a file of the
    user's (by its id, or by its file name, which a broken file still has)."""
    used: dict[str, str] = {}
    if folder.is_dir():
        for path in find_files(folder):
            used[path.stem] = str(path)
        for entry in load_library(None, folder).entries.values():
            used[entry.id] = str(entry.path)
    bundled = bundled if bundled is not None else paths.bundled_circuits_dir()
    for entry_id in load_library(bundled, None).entries:
        used[entry_id] = BUNDLED
    return used


def create_starter(name: str, folder: Path | None = None) -> Path:
    """Write a starter circuit called ``name`` into the user library; return its path.

    Its id is one of its own: never a bundled id nor one of the user's files.
    """
    if not has_name(name):
        raise StarterError(f"{name!r} has no letters or digits to make an id from")
    folder = folder or paths.user_circuits_dir()
    circuit_id = new_circuit_id(name, ids_in_use(folder))
    target = folder / f"{circuit_id}.yaml"
    schema = paths.schema_file().resolve().as_uri()
    text = starter_circuit(circuit_id, name.strip(), schema, str(target))
    try:
        folder.mkdir(parents=True, exist_ok=True)
        # "x": a file that appeared since we looked is never overwritten.
        with target.open("x", encoding="utf-8") as handle:
            handle.write(text)
    except FileExistsError:
        raise StarterError(
            f"{target} already exists; pick another name or edit that file"
        ) from None
    except OSError as exc:
        raise StarterError(f"cannot write {target}: {exc.strerror}") from None
    return target
