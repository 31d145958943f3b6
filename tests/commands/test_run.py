"""What `circuit-timer run` chooses to run, and the file it records as run."""

from __future__ import annotations

import argparse
import hashlib
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest

from circuit_timer.commands.common import CommandError, user_library
from circuit_timer.commands.run import _choice, _choose
from circuit_timer.core.model import Circuit
from circuit_timer.store.history import HistoryStore
from tests.commandline import Cli

MINE = """\
id: mine
title: {title}
blocks:
  - exercises:
      - {{id: hops, name: Hops, work: 30}}
"""


def args(circuit: str | None = None, as_of: date | None = None) -> argparse.Namespace:
    return argparse.Namespace(circuit=circuit, as_of=as_of.isoformat() if as_of else None)


def test_a_named_circuit_records_the_hash_of_the_file_as_loaded(private_home: Path) -> None:
    path = private_home / "circuits" / "mine.yaml"
    path.parent.mkdir()
    path.write_text(MINE.format(title="As loaded"))
    loaded = path.read_bytes()
    library = user_library()
    path.write_text(MINE.format(title="Edited before the start"))
    with HistoryStore.in_folder(private_home) as store:
        circuit, origin = _choose(args("mine"), library, store)
    assert circuit.title == "As loaded"
    assert origin.circuit_hash == hashlib.sha256(loaded).hexdigest()


def test_without_a_circuit_today_s_plan_session_runs_with_its_plan_and_week(
    private_home: Path,
) -> None:
    today = date(2026, 11, 25)  # a Wednesday, 18 days (week 2 out) before Sunday 13 Dec
    library = user_library()
    with HistoryStore.in_folder(private_home) as store:
        store.enrol("pf-crash-course-4-weeks", today + timedelta(days=18), today)
        circuit, origin = _choose(args(as_of=today), library, store)
        assert circuit.id == "pf-crash-course"
        assert (origin.plan_id, origin.plan_week) == ("pf-crash-course-4-weeks", 2)
        assert origin.circuit_hash == library.entries["pf-crash-course"].digest
        with pytest.raises(CommandError, match="no plan session left for today; next: "):
            _choose(args(as_of=today + timedelta(days=1)), library, store)


def _two_clean_sessions(cli: Cli) -> date:
    """A plan whose session today (28 days out) follows two logged with every rep done,
    pain after 2/10 and steady morning pain: the heel raise has earned its next step."""
    now = date.today()
    race = now + timedelta(days=28)
    cli.ok("plan", "start", "pf-crash-course-4-weeks", "--race-date", race.isoformat(),
           "--as-of", (now - timedelta(days=4)).isoformat())  # fmt: skip
    for back in (4, 2):
        day = (now - timedelta(days=back)).isoformat()
        cli.ok("pain", "2", "--date", day, "--as-of", day)
        cli.ok("log", "pf-crash-course", "--date", day, "--pain", "2", "--as-of", day)
    return now


def _heel_raise(circuit: Circuit) -> tuple[int, int | None]:
    [exercise] = [
        ex for block in circuit.blocks for ex in block.exercises if ex.id == "towel-heel-raise"
    ]
    return exercise.sets, exercise.reps


def test_today_s_plan_session_runs_adapted_or_as_written(private_home: Path, cli: Cli) -> None:
    now = _two_clean_sessions(cli)
    library = user_library()
    with HistoryStore.in_folder(private_home) as store:
        adapted = _choice(args(as_of=now), library, store)
        plain = argparse.Namespace(circuit=None, as_of=now.isoformat(), as_written=True)
        written = _choice(plain, library, store)
    assert _heel_raise(adapted.circuit) == (4, 10) and adapted.origin.ladder_steps == {
        "towel-heel-raise": 1
    }
    assert adapted.said is not None
    assert adapted.said.startswith("Adapted to your last sessions: Single-leg heel raise")
    assert "4 x 10, load: 10RM (advance)" in adapted.said and "--as-written" in adapted.said
    # As written, 28 days out is still week 4's 3 x 12; the choice is what is recorded.
    assert _heel_raise(written.circuit) == (3, 12)
    assert written.origin.ladder_steps == {"towel-heel-raise": None}
    assert written.said == "Running the plan as written, as you chose (recorded with the session)."
    # The same session of the same plan; only the steps its start record carries differ.
    assert replace(adapted.origin, ladder_steps={}) == replace(written.origin, ladder_steps={})
