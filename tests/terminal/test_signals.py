"""SIGTERM and SIGHUP finish once; stop and continue keep the keys one at a time."""

from __future__ import annotations

import os
import pty
import select
import signal
import termios
from collections.abc import Iterator

import pytest

from circuit_timer.terminal.signals import FINISH_SIGNALS, Hangup, cbreak, raise_hangup


@pytest.fixture
def keep_handlers() -> Iterator[None]:
    saved = {sig: signal.getsignal(sig) for sig in (*FINISH_SIGNALS, signal.SIGCONT)}
    yield
    for sig, handler in saved.items():
        signal.signal(sig, handler)


@pytest.mark.usefixtures("keep_handlers")
def test_the_first_sigterm_finishes_and_later_ones_are_ignored() -> None:
    signal.signal(signal.SIGTERM, raise_hangup)
    with pytest.raises(Hangup, match="SIGTERM"):
        os.kill(os.getpid(), signal.SIGTERM)
        signal.pthread_sigmask(signal.SIG_SETMASK, [])  # a point where handlers run
    for sig in FINISH_SIGNALS:
        assert signal.getsignal(sig) == signal.SIG_IGN
    os.kill(os.getpid(), signal.SIGTERM)  # would end the test run if not ignored


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
