"""Reading an installed desktop entry the way the freedesktop spec does (a helper, not a
test module): tests/commands/test_desktop.py and tests/test_wheel.py use it."""

from __future__ import annotations

from pathlib import Path

from tests.paths import linux_tool


def tool(name: str, package: str) -> str:
    """The path of a validator the tests run: skipped off Linux, a failure on Linux when
    it is missing (scripts/system-packages.txt lists it)."""
    return linux_tool(name, package)


def entry_of(path: Path) -> dict[str, str]:
    """The [Desktop Entry] group's keys, values as written."""
    keys: dict[str, str] = {}
    group = None
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("[") and line.endswith("]"):
            group = line[1:-1]
        elif group == "Desktop Entry" and "=" in line and not line.startswith("#"):
            key, value = line.split("=", 1)
            keys[key] = value
    return keys


def unescape(value: str) -> str:
    """A desktop entry string value's escapes (\\s \\n \\t \\r \\\\)."""
    out, i = [], 0
    while i < len(value):
        if value[i] == "\\" and i + 1 < len(value):
            out.append({"s": " ", "n": "\n", "t": "\t", "r": "\r", "\\": "\\"}[value[i + 1]])
            i += 2
        else:
            out.append(value[i])
            i += 1
    return "".join(out)


def exec_args(value: str) -> list[str]:
    """Exec split into arguments the way the desktop entry spec reads it."""
    text = unescape(value)
    args: list[str] = []
    current: list[str] | None = None
    quoted = False
    i = 0
    while i < len(text):
        c = text[i]
        if quoted and c == "\\" and text[i + 1 : i + 2] in ('"', "`", "$", "\\"):
            current = [*(current or []), text[i + 1]]
            i += 2
            continue
        if c == '"':
            quoted = not quoted
            current = current or []
        elif c == " " and not quoted:
            if current is not None:
                args.append("".join(current))
            current = None
        else:
            current = [*(current or []), c]
        i += 1
    assert not quoted, f"unbalanced quotes in {value!r}"
    if current is not None:
        args.append("".join(current))
    return [a.replace("%%", "%") for a in args]
