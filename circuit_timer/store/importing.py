"""Import an export: streamed a row at a time, each row checked, all in one transaction.

The file is read with a bounded window (core/json_stream.py), not whole, so memory stays
near one row's size whatever the file's. Each row is checked as it comes and written in
the same transaction; the first bad row (or bad JSON) rolls everything back, so a bad
file still changes nothing. Only rows whose identity is new are added: importing the
same file twice adds nothing, a session already here gets no sets from the file, and an
enrolment from the file never takes over from the plan followed here unless asked.
A session's ladder steps come with it, as its sets do (they are not counted apart).
"""

from __future__ import annotations

import io
import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from pydantic import BaseModel, ConfigDict, TypeAdapter, ValidationError

from circuit_timer.core.history_file import (
    FILE_FORMAT,
    EnrolmentRow,
    ExportedAt,
    LadderStepRow,
    PainRow,
    SessionRow,
    SetRow,
    Version,
)
from circuit_timer.core.json_stream import JsonStream, JsonStreamError
from circuit_timer.store.errors import StoreError
from circuit_timer.store.history import HistoryStore
from circuit_timer.store.importing_rows import RowWriter
from circuit_timer.store.settings import SETTINGS

# The largest export an import reads.
MAX_IMPORT_BYTES = 200_000_000

_ROWS: dict[str, type[BaseModel]] = {
    "sessions": SessionRow,
    "sets": SetRow,
    "ladder_steps": LadderStepRow,
    "pain_entries": PainRow,
    "plan_enrolments": EnrolmentRow,
}
_SETTINGS = TypeAdapter(dict[str, str], config=ConfigDict(strict=True))
_HEAD: dict[str, TypeAdapter[Any]] = {"version": Version, "exported_at": ExportedAt}


@dataclass(frozen=True)
class ImportResult:
    """How many rows an import added, and how many it found already there.

    ``plans_ended``: enrolments the file had as current, added as ended because a plan is
    being followed here (an import never switches the runner's plan unless asked).
    ``plan_replaced``: with ``replace_plan``, the plan followed here that was ended.
    """

    sessions: int
    sets: int
    pain_entries: int
    plan_enrolments: int
    skipped: int
    plans_ended: int = 0
    plan_replaced: str | None = field(default=None)

    @property
    def added(self) -> int:
        """Rows added in all."""
        return self.sessions + self.sets + self.pain_entries + self.plan_enrolments


def import_file(store: HistoryStore, source: Path, *, replace_plan: bool = False) -> ImportResult:
    """Add what is new in an export to the history (idempotent). With ``replace_plan``, a
    plan the file has as current replaces the one followed here (which ends, kept)."""
    with _opened(source) as text, store.transaction() as conn:
        writer = RowWriter(conn, replace_plan=replace_plan)
        _read_into(JsonStream(text.read), writer, source)
        counts = writer.counts
    return ImportResult(
        counts["sessions"], counts["sets"], counts["pain"], counts["plans"],
        counts["skipped"], counts["ended"], writer.replaced,
    )  # fmt: skip


def _read_into(reader: JsonStream, writer: RowWriter, source: Path) -> None:
    seen: set[str] = set()
    try:
        for name in reader.names():
            if not seen and name != "format":
                raise StoreError(_not_an_export(source))
            seen.add(name)
            if name == "format":
                if reader.value()[0] != FILE_FORMAT:
                    raise StoreError(_not_an_export(source))
            elif name in _HEAD:
                _check(source, name, _HEAD[name].validate_json, reader.value()[1])
            elif name == "settings":
                writer.settings(_settings(source, reader))
            elif name in _ROWS:
                model = _ROWS[name]
                for i, text in enumerate(reader.elements()):
                    row = _check(source, f"{name}[{i}]", model.model_validate_json, text)
                    writer.row(name, i, row, source)
            else:
                raise StoreError(f"{source}: {name}: not part of a history export")
    except JsonStreamError as exc:
        if not seen and exc.message.startswith("expected '{'"):
            raise StoreError(_not_an_export(source)) from None  # a list, a number, nothing
        raise StoreError(
            f"{source}:{exc.line}:{exc.column}: not valid JSON: {exc.message}"
        ) from None
    except UnicodeDecodeError:
        raise StoreError(f"cannot read {source}: not UTF-8 text") from None
    except OSError as exc:
        raise StoreError(f"cannot read {source}: {exc.strerror}") from None
    if not seen:
        raise StoreError(_not_an_export(source))
    for name in _HEAD:
        if name not in seen:
            raise StoreError(f"{source}: {name}: Field required")


def _check(source: Path, where: str, validate: Any, text: str) -> Any:
    """``validate(text)``, or the first problems in one line each, named by field."""
    try:
        return validate(text)
    except ValidationError as exc:
        lines = []
        for error in exc.errors(include_url=False)[:20]:
            path = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in error["loc"])
            lines.append(f"{source}: {where}{path}: {error['msg']}")
        raise StoreError("\n".join(lines)) from None


def _settings(source: Path, reader: JsonStream) -> dict[str, str]:
    values: dict[str, str] = _check(
        source,
        "settings",
        lambda text: _SETTINGS.validate_json(text, strict=True),
        reader.value()[1],
    )
    for key, value in values.items():
        if key in SETTINGS:
            try:
                SETTINGS[key].parse(value)
            except ValueError as exc:
                raise StoreError(f"{source}: settings.{key}: {exc}, not {value!r}") from None
    return values


def _not_an_export(source: Path) -> str:
    return f"{source}: not a circuit-timer history export (no format '{FILE_FORMAT}')"


@contextmanager
def _opened(source: Path) -> Iterator[TextIO]:
    """The export as UTF-8 text, read no further than ``MAX_IMPORT_BYTES``; a FIFO (which
    would hang), a device (/dev/zero would fill the memory) or a folder is refused."""
    try:
        # Non-blocking, so opening a FIFO with no writer returns at once instead of waiting
        # (Windows has no FIFOs, and no O_NONBLOCK; there O_BINARY keeps the bytes as they are).
        flags = getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
        fd = os.open(source, os.O_RDONLY | flags)
    except OSError as exc:
        raise StoreError(f"cannot read {source}: {exc.strerror}") from None
    try:
        info = os.fstat(fd)
    except OSError as exc:
        os.close(fd)
        raise StoreError(f"cannot read {source}: {exc.strerror}") from None
    if not stat.S_ISREG(info.st_mode):
        os.close(fd)
        kind = _KINDS.get(stat.S_IFMT(info.st_mode), "a special file")
        raise StoreError(f"cannot import {source}: it is {kind}, not an export file")
    if info.st_size > MAX_IMPORT_BYTES:
        os.close(fd)
        raise StoreError(_too_big(source))
    raw = _Bounded(os.fdopen(fd, "rb"), source)
    with io.TextIOWrapper(io.BufferedReader(raw), encoding="utf-8", newline="") as text:
        yield text


def _too_big(source: Path) -> str:
    return (
        f"cannot import {source}: it is over {MAX_IMPORT_BYTES // 1_000_000} MB, "
        "the most import reads"
    )


class _Bounded(io.RawIOBase):
    """A file read no further than ``MAX_IMPORT_BYTES`` (it may grow while it is read)."""

    def __init__(self, inner: io.BufferedReader, source: Path) -> None:
        self._inner = inner
        self._source = source
        self._count = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        n = self._inner.readinto(buffer)
        self._count += n
        if self._count > MAX_IMPORT_BYTES:
            raise StoreError(_too_big(self._source))
        return n

    def close(self) -> None:
        self._inner.close()
        super().close()


_KINDS = {
    stat.S_IFDIR: "a folder",
    stat.S_IFIFO: "a FIFO (named pipe)",
    stat.S_IFCHR: "a device",
    stat.S_IFBLK: "a device",
    stat.S_IFSOCK: "a socket",
}


def ended_note(result: ImportResult) -> str:
    """The line telling the runner what became of the plans the file had as current."""
    if result.plan_replaced:
        return (
            f"The plan you followed here ({result.plan_replaced}) was ended and kept in your "
            "history; the imported plan replaces it."
        )
    n = result.plans_ended
    if not n:
        return ""
    return (
        f"{n} plan{'s' * (n != 1)} the file had as current {'were' if n != 1 else 'was'} "
        "added as ended: the plan you follow here stays."
    )
