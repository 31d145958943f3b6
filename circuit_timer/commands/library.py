"""Library commands: validate, list, show, schema, new."""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
from pathlib import Path
from typing import Any

from circuit_timer.commands.common import (
    EXIT_OK,
    EXIT_PROBLEM,
    EXIT_USAGE,
    CommandError,
    find_entry,
    print_json,
    say,
    user_library,
    warn,
)
from circuit_timer.core.describe import (
    TEXT_WIDTH,
    describe_circuit,
    describe_plan,
    minutes,
    plan_length,
)
from circuit_timer.core.library import Entry, Library, find_files
from circuit_timer.core.model import Circuit, Plan
from circuit_timer.core.schema import file_schema
from circuit_timer.core.starter import readable_id
from circuit_timer.core.timeline import compile_timeline
from circuit_timer.files import paths
from circuit_timer.files.new_circuit import BUNDLED, StarterError, create_starter, ids_in_use


def _named_files(arguments: list[str]) -> list[tuple[Path, str]]:
    named: list[tuple[Path, str]] = []
    for argument in arguments:
        path = Path(argument)
        if path.is_dir():
            named.extend(
                (p, os.path.join(argument, str(p.relative_to(path)))) for p in find_files(path)
            )
        elif path.is_file():
            named.append((path, argument))
        else:
            raise CommandError(f"{argument}: no such file or folder", EXIT_USAGE)
    seen: set[Path] = set()
    unique = []
    for path, shown in named:
        if path.resolve() not in seen:
            seen.add(path.resolve())
            unique.append((path, shown))
    return unique


def cmd_validate(args: argparse.Namespace) -> int:
    """Validate files and folders; problems go to stderr, one per line."""
    named = _named_files(args.paths)
    library = user_library(named)
    shown = {s for _, s in named}
    problems = [p for p in library.problems if p.path in shown]
    if problems:
        warn(problems)
        bad = len({p.path for p in problems})
        print(
            f"{len(problems)} problem{'s' * (len(problems) != 1)} in {bad} of {len(named)} "
            f"file{'s' * (len(named) != 1)}",
            file=sys.stderr,
        )
        return EXIT_PROBLEM
    kinds = [e.kind for e in library.entries.values() if e.shown_path in shown]
    circuits, plans = kinds.count("circuit"), kinds.count("plan")
    print(
        f"{len(named)} file{'s' * (len(named) != 1)} valid: "
        f"{circuits} circuit{'s' * (circuits != 1)}, {plans} plan{'s' * (plans != 1)}"
    )
    return EXIT_OK


def _entry_json(entry: Entry) -> dict[str, Any]:
    doc = entry.document
    data: dict[str, Any] = {
        "id": entry.id,
        "title": doc.title,
        "kind": entry.kind,
        "source": "bundled" if entry.origin == "bundled" else "user",
        "path": str(entry.path),
        "shadows_bundled": entry.shadows_bundled,
        "summary": doc.summary,
        "tags": list(doc.tags),
    }
    if isinstance(doc, Circuit):
        seconds = compile_timeline(doc).estimated_seconds
        data["estimated_minutes"] = minutes(seconds)
        data["estimated_seconds"] = seconds
        data["equipment"] = list(doc.equipment)
    else:
        data["estimated_minutes"] = None
        data["estimated_seconds"] = None
        data["weeks"] = len(doc.weeks)
        data["length"] = plan_length(doc)
    return data


def cmd_list(args: argparse.Namespace) -> int:
    """List every usable circuit and plan; broken files are reported on stderr."""
    library = user_library()
    warn(library.problems)
    rows = [_entry_json(e) for e in library.sorted_entries()]
    if args.json:
        print_json(rows)
        return EXIT_OK
    if not rows:
        print("The library is empty.")
        return EXIT_OK
    lengths = [
        f"{r['estimated_minutes']:>3} min" if r["kind"] == "circuit" else r["length"] for r in rows
    ]
    width = max(len(r["id"]) for r in rows)
    long = max(len(length) for length in lengths)
    for row, length in zip(rows, lengths, strict=True):
        columns = f"{row['id']:<{width}}  {row['kind']:<7}  {length:<{long}}  {row['source']:<7}"
        hides = f"  (hides the bundled {row['kind']})" if row["shadows_bundled"] else ""
        say(f"{columns}  {row['title']}{hides}")
    print(f"\nYour circuits: {paths.user_circuits_dir()}")
    return EXIT_OK


def _plan_json(plan: Plan, library: Library) -> dict[str, Any]:
    from circuit_timer.core.adjust import apply_session

    weeks = []
    for week in sorted(plan.weeks, key=lambda w: -w.weeks_out):
        sessions = []
        for session in week.sessions:
            circuit = library.circuit(session.circuit)
            seconds = (
                compile_timeline(apply_session(circuit, session)).estimated_seconds
                if circuit
                else None
            )
            sessions.append(
                {
                    "day": session.day,
                    "days_before_race": session.days_before_race,
                    "circuit": session.circuit,
                    "scale": session.scale,
                    "adjust": {
                        k: v.model_dump(exclude_none=True) for k, v in session.adjust.items()
                    },
                    "estimated_seconds": seconds,
                }
            )
        weeks.append({"weeks_out": week.weeks_out, "label": week.label, "sessions": sessions})
    return {
        "id": plan.id,
        "title": plan.title,
        "kind": "plan",
        "summary": plan.summary,
        "weeks": weeks,
    }


def text_width() -> int:
    """The terminal's width for wrapped text, at most ``TEXT_WIDTH`` (a pipe gets that)."""
    return min(TEXT_WIDTH, shutil.get_terminal_size((TEXT_WIDTH, 24)).columns)


def cmd_show(args: argparse.Namespace) -> int:
    """Show one circuit (readable, notes included, or its timeline as JSON) or plan."""
    library = user_library()
    entry = find_entry(library, args.target)
    doc = entry.document
    if isinstance(doc, Circuit):
        timeline = compile_timeline(doc)
        if args.json:
            print_json(timeline.to_json())
        else:
            say(describe_circuit(doc, timeline, text_width()))
    else:
        if args.json:
            print_json(_plan_json(doc, library))
        else:
            say(describe_plan(doc, library.circuit, text_width()))
    return EXIT_OK


def cmd_schema(args: argparse.Namespace) -> int:
    """Print the JSON Schema editors use to complete and check circuit files."""
    print(json.dumps(file_schema(), indent=2))
    return EXIT_OK


MAX_NAME = 100


def cmd_new(args: argparse.Namespace) -> int:
    """Write a starter circuit into the user library and print its path."""
    if len(args.name) > MAX_NAME:
        # The id becomes the file name, and most file systems stop at 255 bytes.
        raise CommandError(
            f"NAME must be 1 to {MAX_NAME} characters, not {len(args.name)}", EXIT_USAGE
        )
    folder = paths.user_circuits_dir()
    used = ids_in_use(folder)
    try:
        target = create_starter(args.name, folder)
    except StarterError as exc:
        status = EXIT_USAGE if "no letters or digits" in str(exc) else EXIT_PROBLEM
        raise CommandError(str(exc), status) from None
    wanted = readable_id(args.name)
    if wanted in used:
        holder = used[wanted]
        whose = holder if holder == BUNDLED else f"your file {holder}"
        print(f"note: '{wanted}' is taken by {whose}; this circuit's id is '{target.stem}'",
              file=sys.stderr)  # fmt: skip
    elif not wanted:
        print(f"note: the name has no Latin letters; this circuit's id is '{target.stem}'",
              file=sys.stderr)  # fmt: skip
    print(target)
    return EXIT_OK


__all__ = ["EXIT_PROBLEM"]
