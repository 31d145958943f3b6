"""The command line run in the test's own process (a helper, not a test module)."""

from __future__ import annotations

from dataclasses import dataclass

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
