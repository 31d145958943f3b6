"""What `circuit-timer run` chooses to run, and the file it records as run."""

from __future__ import annotations

import argparse
import hashlib
from datetime import date, timedelta
from pathlib import Path

import pytest

from circuit_timer.commands.common import CommandError, user_library
from circuit_timer.commands.run import _choose
from circuit_timer.store.history import HistoryStore

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
