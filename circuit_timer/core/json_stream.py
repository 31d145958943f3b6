"""Reading one JSON object a member at a time, and its arrays an element at a time.

An export can be many megabytes; ``json.loads`` holds the whole text and every object
built from it at once (about eight times the file). This reader holds one element's text
at a time, whatever the layout (one record a line, or indented over many), using the
standard library's decoder on a sliding window of the text.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any

CHUNK = 1 << 16
# One record (a session with its notes) is far smaller; a larger one is not an export.
MAX_RECORD = 16_000_000
_SPACE = " \t\n\r"


class JsonStreamError(ValueError):
    """The text is not valid JSON, at ``line`` and ``column`` (both from 1)."""

    def __init__(self, message: str, line: int, column: int) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column


class JsonStream:
    """A JSON object read from ``read`` (a text file's read) member by member: for each
    name from ``names()`` the caller takes the value with ``value()`` or ``elements()``."""

    def __init__(self, read: Callable[[int], str]) -> None:
        self._read = read
        self._buf = ""
        self._pos = 0
        self._line = 1  # the line and column (from 0) of self._buf[0]
        self._column = 0
        self._eof = False
        self._decoder = json.JSONDecoder()

    def _error(self, message: str, pos: int | None = None) -> JsonStreamError:
        at = self._pos if pos is None else pos
        line = self._line + self._buf.count("\n", 0, at)
        newline = self._buf.rfind("\n", 0, at)
        column = at - newline if newline >= 0 else self._column + at + 1
        return JsonStreamError(message, line, column)

    def _more(self) -> bool:
        """Read more text, dropping what was used; False at the end of the file."""
        if self._eof:
            return False
        newline = self._buf.rfind("\n", 0, self._pos)
        self._line += self._buf.count("\n", 0, self._pos)
        self._column = self._pos - newline - 1 if newline >= 0 else self._column + self._pos
        self._buf = self._buf[self._pos :]
        self._pos = 0
        text = self._read(max(CHUNK, len(self._buf)))  # doubling: no quadratic re-reads
        if not text:
            self._eof = True
            return False
        self._buf += text
        return True

    def _peek(self) -> str:
        """The next character that is not white space ("" at the end)."""
        while True:
            while self._pos < len(self._buf) and self._buf[self._pos] in _SPACE:
                self._pos += 1
            if self._pos < len(self._buf):
                return self._buf[self._pos]
            if not self._more():
                return ""

    def _expect(self, char: str, what: str) -> None:
        if self._peek() != char:
            raise self._error(f"expected {what}")
        self._pos += 1

    def _decode(self) -> tuple[Any, str]:
        """The next value and its text."""
        self._peek()
        while True:
            try:
                value, end = self._decoder.raw_decode(self._buf, self._pos)
            except json.JSONDecodeError as exc:
                if self._eof:
                    raise self._error(exc.msg, exc.pos) from None
                if len(self._buf) - self._pos > MAX_RECORD:
                    raise self._error(f"a value over {MAX_RECORD // 1_000_000} MB") from None
                self._more()
                continue
            # A value reaching the end of the text read so far may go on ("12" of "123").
            if end < len(self._buf) or self._eof:
                text = self._buf[self._pos : end]
                self._pos = end
                return value, text
            self._more()

    def names(self) -> Iterator[str]:
        """The object's member names, in order; each value must be taken before the next."""
        self._expect("{", "'{' (a JSON object)")
        if self._peek() == "}":
            self._pos += 1
        else:
            while True:
                if self._peek() != '"':
                    raise self._error("expected a name in double quotes")
                name, _ = self._decode()
                self._expect(":", "':'")
                yield str(name)
                if self._peek() == ",":
                    self._pos += 1
                    continue
                self._expect("}", "',' or '}'")
                break
        if self._peek() != "":
            raise self._error("extra data after the object")

    def value(self) -> tuple[Any, str]:
        """The current member's value, whole, and its text."""
        return self._decode()

    def elements(self) -> Iterator[str]:
        """The text of each element of the current member's array, one at a time."""
        self._expect("[", "'[' (a list)")
        if self._peek() == "]":
            self._pos += 1
            return
        while True:
            yield self._decode()[1]
            if self._peek() == ",":
                self._pos += 1
                continue
            self._expect("]", "',' or ']'")
            return
