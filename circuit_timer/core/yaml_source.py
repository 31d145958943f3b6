"""Read a YAML file safely into plain data plus the place of every key and value.

The reading itself (PyYAML, in ``yaml_nodes``) is imported on the first read: the window
imports this module's types long before any file is read, and paints sooner without YAML.
Big files are refused here, before any parsing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from circuit_timer.core.problems import FileProblems, Problem

MAX_FILE_BYTES = 1024 * 1024
# A real circuit has a few thousand values at most; this bounds the work an alias
# bomb or a giant flat list can cause before we refuse the file.
MAX_VALUES = 50_000

Path = tuple[str | int, ...]


@dataclass
class Located:
    """Plain data read from a file, with 1-based (line, col) of every value and key."""

    data: Any
    values: dict[Path, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Path, tuple[int, int]] = field(default_factory=dict)
    # False when libyaml resolved aliases: values reached through one are placed at the
    # anchor, not the alias. Read again with exact=True before reporting problems.
    exact: bool = True

    def value_at(self, path: Path) -> tuple[int, int]:
        """Place of the value at ``path``, or of its nearest located ancestor."""
        while path not in self.values and path:
            path = path[:-1]
        return self.values.get(path, (1, 1))

    def key_at(self, path: Path) -> tuple[int, int]:
        """Place of the key whose value is at ``path`` (falls back to the value)."""
        return self.keys.get(path) or self.value_at(path)


def _decode(raw: bytes, path: str) -> str:
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        line_start = before.rfind(b"\n") + 1
        col = len(before[line_start:].decode("utf-8", errors="replace")) + 1
        bad = raw[exc.start : exc.start + 1].hex()
        raise FileProblems(
            [Problem(path, line, col, f"not UTF-8 text (byte 0x{bad}); save the file as UTF-8")]
        ) from None


def read_yaml_bytes(raw: bytes, path: str, *, exact: bool = False) -> Located:
    """Parse ``raw`` (the bytes of the file at ``path``) or raise FileProblems.

    With ``exact``, the pure-Python parser places every value reached through an alias at
    the alias; otherwise libyaml is used where it can be (see ``Located.exact``).
    """
    if len(raw) > MAX_FILE_BYTES:
        message = f"file is larger than the limit of {MAX_FILE_BYTES} bytes (1 MiB); refused"
        raise FileProblems([Problem(path, 1, 1, message)])
    text = _decode(raw, path)
    from circuit_timer.core.yaml_nodes import parse

    return parse(text, path, exact=exact)
