"""The ``circuit-timer`` command line: argument parsing and wiring, nothing else."""

from __future__ import annotations

import argparse
import codecs
import io
import os
import sys
import traceback
from collections.abc import Sequence

from circuit_timer import __version__
from circuit_timer.commands import app
from circuit_timer.commands.arguments import register_all
from circuit_timer.commands.common import EXIT_PROBLEM, CommandError
from circuit_timer.files.paths import HomeError
from circuit_timer.store.errors import StoreError

DEBUG_ENV = "CIRCUIT_TIMER_DEBUG"


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every command."""
    parser = argparse.ArgumentParser(
        prog="circuit-timer",
        description="An exercise-circuit timer for runners.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    register_all(sub)
    return parser


def tolerate_legacy_encodings() -> None:
    """Print "?" for a character the output cannot encode, rather than fail.

    A pipe on Windows writes in the ANSI code page (cp1252), which has no arrow, check
    mark or most scripts a circuit's title may hold; UTF-8 streams are left as they are.
    """
    for stream in (sys.stdout, sys.stderr):
        if not isinstance(stream, io.TextIOWrapper) or stream.errors != "strict":
            continue
        if codecs.lookup(stream.encoding).name != "utf-8":
            stream.reconfigure(errors="replace")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status (0 ok, 1 problem, 2 usage)."""
    tolerate_legacy_encodings()
    words = sys.argv[1:] if argv is None else list(argv)
    # No words, nothing to parse: the window does not wait for every command's parser.
    args = build_parser().parse_args(words) if words else argparse.Namespace()
    # No command: the desktop app, with the same one-line errors as every command.
    handler = getattr(args, "handler", None) or app.cmd_default
    try:
        status: int = handler(args)
        return status
    except CommandError as exc:
        print(f"circuit-timer: {exc}", file=sys.stderr)
        return exc.status
    except (StoreError, HomeError) as exc:
        print(f"circuit-timer: {exc}", file=sys.stderr)
        return EXIT_PROBLEM
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # Output piped into `head` and the like: not an error worth a traceback.
        sys.stderr.close()
        return EXIT_PROBLEM
    except Exception as exc:  # the promise: never a traceback for the user
        if os.environ.get(DEBUG_ENV):
            traceback.print_exc()
        print(
            f"circuit-timer: internal error: {type(exc).__name__}: {exc} "
            f"(set {DEBUG_ENV}=1 for details, and please report it)",
            file=sys.stderr,
        )
        return EXIT_PROBLEM
