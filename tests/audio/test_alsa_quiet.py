"""Quieting libasound while probing for a device: its error printer is swapped for one
that drops messages inside the block only, and put back even when the block fails."""

from __future__ import annotations

from typing import Any

import pytest

from circuit_timer.audio import alsa_quiet


class FakeLibasound:
    def __init__(self) -> None:
        self.handlers: list[Any] = []

    def snd_lib_error_set_handler(self, handler: Any) -> None:
        self.handlers.append(handler)


def test_the_quiet_handler_is_set_inside_and_alsas_own_put_back_after(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    lib = FakeLibasound()
    monkeypatch.setattr(alsa_quiet, "_libasound", lambda: lib)
    with alsa_quiet.quiet_alsa():
        assert lib.handlers == [alsa_quiet._QUIET]
    assert lib.handlers == [alsa_quiet._QUIET, None]


def test_the_printer_is_put_back_when_the_probe_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    lib = FakeLibasound()
    monkeypatch.setattr(alsa_quiet, "_libasound", lambda: lib)
    with pytest.raises(OSError), alsa_quiet.quiet_alsa():
        raise OSError("no card")
    assert lib.handlers[-1] is None


def test_without_libasound_the_block_still_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(alsa_quiet, "_libasound", lambda: None)
    ran = []
    with alsa_quiet.quiet_alsa():
        ran.append(True)
    assert ran == [True]


def test_the_quiet_handler_takes_alsas_arguments_and_drops_them() -> None:
    # Called as libasound would: file, line, function, error, format.
    assert alsa_quiet._QUIET(b"confmisc.c", 855, b"parse_card", -2, b"cannot find card") is None
