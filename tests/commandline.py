"""The command line run in the test's own process (a helper, not a test module)."""

from __future__ import annotations

import io
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from pathlib import Path

import pytest


@dataclass
class Cli:
    """circuit-timer's command line run in this process, in the test's private home."""

    capsys: pytest.CaptureFixture[str]

    def run(self, *args: str) -> tuple[int, str, str]:
        """The exit status, standard output and standard error of one command."""
        # Imported here, not at the top: conftest must not load the whole app before a
        # test that checks what importing a module pulls in.
        from circuit_timer.cli import main

        try:
            status = main(list(args))
        except SystemExit as exc:  # argparse usage errors
            status = int(exc.code or 0)
        out, err = self.capsys.readouterr()
        return status, out, err

    def ok(self, *args: str) -> str:
        """The standard output of a command that must succeed without a traceback."""
        status, out, err = self.run(*args)
        assert status == 0, err
        assert "Traceback" not in err
        return out


def run_in(home: Path, *args: str) -> tuple[int, str, str]:
    """One command run in this process on the data folder ``home`` (not the test's own):
    its exit status, standard output and standard error. For a next start after a run
    that was killed: the same code as a new process, without an interpreter's start-up."""
    from circuit_timer.cli import main

    out, err = io.StringIO(), io.StringIO()
    with pytest.MonkeyPatch.context() as patch, redirect_stdout(out), redirect_stderr(err):
        patch.setenv("CIRCUIT_TIMER_HOME", str(home))
        status = main(list(args))
    return status, out.getvalue(), err.getvalue()
