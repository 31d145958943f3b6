"""The user's own circuit files: making a starter circuit in the user library."""

from __future__ import annotations

from pathlib import Path

from circuit_timer import paths
from circuit_timer.core.starter import starter_circuit
from circuit_timer.core.values import slugify


class StarterError(Exception):
    """The starter circuit could not be written; the message says why."""


def create_starter(name: str, folder: Path | None = None) -> Path:
    """Write a starter circuit called ``name`` into the user library; return its path."""
    circuit_id = slugify(name)
    if not circuit_id:
        raise StarterError(f"{name!r} has no letters or digits to make an id from")
    folder = folder or paths.user_circuits_dir()
    target = folder / f"{circuit_id}.yaml"
    if target.exists():
        raise StarterError(f"{target} already exists; pick another name or edit that file")
    schema = paths.schema_file().resolve().as_uri()
    text = starter_circuit(circuit_id, name.strip(), schema, str(target))
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with target.open("x", encoding="utf-8") as handle:
            handle.write(text)
    except OSError as exc:
        raise StarterError(f"cannot write {target}: {exc.strerror}") from None
    return target
