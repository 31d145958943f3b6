"""terminal/keys.py: keys and lines waited for with select on POSIX; on Windows (taken here
with sys.platform changed) a console asked with a fake msvcrt, a pipe read by a thread."""

from __future__ import annotations

import os
import sys
import time
import types
from collections.abc import Iterator
from typing import TextIO

import pytest

from circuit_timer.terminal import keys as keys_module
from circuit_timer.terminal.keys import Keys


@pytest.fixture
def pipe() -> Iterator[tuple[TextIO, TextIO]]:
    """A pipe's reading and writing ends as text files."""
    read_fd, write_fd = os.pipe()
    with os.fdopen(read_fd, "r") as reader, os.fdopen(write_fd, "w") as writer:
        yield reader, writer


def test_posix_waits_for_a_line_then_reads_it(pipe: tuple[TextIO, TextIO]) -> None:
    reader, writer = pipe
    keys = Keys(reader, interactive=False)
    assert not keys.wait(0)
    writer.write("s\n")
    writer.flush()
    assert keys.wait(5)
    assert keys.read_line() == "s\n"


def test_posix_reads_one_key_at_a_time(pipe: tuple[TextIO, TextIO]) -> None:
    reader, writer = pipe
    keys = Keys(reader, interactive=True)
    writer.write(" q")
    writer.flush()
    assert keys.wait(5)
    assert keys.read_key() == " "
    assert keys.read_key() == "q"


class FakeMsvcrt(types.ModuleType):
    """A console with the keys in ``typed``, arriving after ``polls`` kbhit calls."""

    def __init__(self, typed: str, polls: int = 0) -> None:
        super().__init__("msvcrt")
        self.typed = list(typed)
        self.polls = polls
        self.asked = 0

    def kbhit(self) -> bool:
        self.asked += 1
        return self.asked > self.polls and bool(self.typed)

    def getwch(self) -> str:
        return self.typed.pop(0)


def test_a_windows_console_is_asked_for_key_presses(
    pipe: tuple[TextIO, TextIO], monkeypatch: pytest.MonkeyPatch
) -> None:
    console = FakeMsvcrt("\r ", polls=3)
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setitem(sys.modules, "msvcrt", console)
    monkeypatch.setattr(keys_module, "POLL_SECONDS", 0.0)
    keys = Keys(pipe[0], interactive=True)
    assert keys.wait(None)
    assert console.asked == 4
    assert keys.read_key() == "\r"  # Enter, as the console gives it: done
    assert keys.read_key() == " "
    assert not keys.wait(0)


def test_a_pipe_on_windows_is_read_by_a_thread(
    pipe: tuple[TextIO, TextIO], monkeypatch: pytest.MonkeyPatch
) -> None:
    reader, writer = pipe
    monkeypatch.setattr(sys, "platform", "win32")
    keys = Keys(reader, interactive=False)
    assert not keys.wait(0)
    writer.write("b\nq\n")
    writer.flush()
    assert keys.wait(5)
    assert keys.read_line() == "b\n"
    assert keys.wait(5)
    assert keys.read_line() == "q\n"
    writer.close()
    assert keys.wait(5)
    assert keys.read_line() == ""  # the end of the input


def test_sleep_on_windows_does_not_select_on_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    slept: list[float] = []
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setattr(time, "sleep", slept.append)
    keys_module.sleep(0.25)
    assert slept == [0.25]
