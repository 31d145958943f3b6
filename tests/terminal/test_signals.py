"""SIGTERM and SIGHUP finish once; stop and continue keep the keys one at a time."""

from __future__ import annotations

import importlib.util
import io
import os
import select
import signal
import sys
from collections.abc import Iterator

import pytest

from circuit_timer.terminal import signals
from circuit_timer.terminal.signals import FINISH_SIGNALS, Hangup, cbreak, raise_hangup

if sys.platform != "win32":
    import pty
    import termios


@pytest.fixture
def keep_handlers() -> Iterator[None]:
    extra = [signal.SIGCONT] if hasattr(signal, "SIGCONT") else []
    saved = {sig: signal.getsignal(sig) for sig in (*FINISH_SIGNALS, *extra)}
    yield
    for sig, handler in saved.items():
        signal.signal(sig, handler)


@pytest.mark.posix_only("os.kill sends SIGTERM to itself only on POSIX")
@pytest.mark.usefixtures("keep_handlers")
def test_the_first_sigterm_finishes_and_later_ones_are_ignored() -> None:
    signal.signal(signal.SIGTERM, raise_hangup)
    with pytest.raises(Hangup, match="SIGTERM"):
        os.kill(os.getpid(), signal.SIGTERM)
        signal.pthread_sigmask(signal.SIG_SETMASK, [])  # a point where handlers run
    for sig in FINISH_SIGNALS:
        assert signal.getsignal(sig) == signal.SIG_IGN
    os.kill(os.getpid(), signal.SIGTERM)  # would end the test run if not ignored


@pytest.mark.posix_only("a pseudo-terminal and SIGCONT")
@pytest.mark.usefixtures("keep_handlers")
def test_on_continue_keys_are_one_at_a_time_again_and_what_was_typed_is_dropped() -> None:
    master, slave = pty.openpty()
    with os.fdopen(slave, "r", closefd=True) as keys:
        before = termios.tcgetattr(slave)
        on_continue = signal.getsignal(signal.SIGCONT)
        assert before[3] & termios.ICANON
        with cbreak(keys):
            assert not termios.tcgetattr(slave)[3] & termios.ICANON
            # While stopped, the shell put the line mode back and the runner typed.
            mode = termios.tcgetattr(slave)
            mode[3] |= termios.ICANON
            termios.tcsetattr(slave, termios.TCSANOW, mode)
            os.write(master, b"q")
            os.kill(os.getpid(), signal.SIGCONT)
            signal.pthread_sigmask(signal.SIG_SETMASK, [])
            assert not termios.tcgetattr(slave)[3] & termios.ICANON
            assert select.select([slave], [], [], 0.2)[0] == []  # the q is gone
            os.write(master, b" ")
            assert os.read(slave, 1) == b" "  # a key arrives with no Enter
        assert termios.tcgetattr(slave)[3] == before[3]
        assert signal.getsignal(signal.SIGCONT) == on_continue  # the handler is put back
    os.close(master)


def test_on_windows_ctrl_break_and_sigterm_finish_and_the_console_is_left_alone(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.delattr(signal, "SIGHUP", raising=False)
    monkeypatch.setattr(signal, "SIGBREAK", 21, raising=False)
    spec = importlib.util.spec_from_file_location("signals_on_windows", signals.__file__)
    assert spec is not None and spec.loader is not None
    on_windows = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(on_windows)
    assert on_windows.FINISH_SIGNALS == (21, signal.SIGTERM)
    with on_windows.cbreak(io.StringIO()):  # no termios there: nothing to set or restore
        pass
    on_windows.drop_dead_terminal()  # no hangup there either


def test_on_posix_sighup_and_sigterm_finish() -> None:
    if os.name == "posix":
        assert FINISH_SIGNALS == (signal.SIGHUP, signal.SIGTERM)
    else:
        assert signal.SIGTERM in FINISH_SIGNALS
