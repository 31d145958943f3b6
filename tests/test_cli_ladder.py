"""`validate` on a plan's ladders: one FILE:LINE:COL line per problem, as for the rest."""

from __future__ import annotations

from pathlib import Path

from tests.commandline import Cli

CIRCUIT = """\
title: Mine
blocks:
  - exercises:
      - {id: raise, name: Raise, sets: 3, reps: 12, tempo: 3-2-3}
      - {id: hop, name: Hop, sets: 3, work: 10}
"""
PLAN = """\
weeks:
  - weeks_out: 2
    sessions:
      - {day: mon, circuit: mine}
progression:
  raise:
    steps:
      - {sets: 3, reps: 12, load: 12RM}
      - {sets: 4, reps: 10, load: 10RM}
  hop:
    steps:
      - {sets: 3}
      - {reps: 20}
"""


def test_validate_points_at_a_bad_ladder_step(cli: Cli, tmp_path: Path) -> None:
    circuit, plan = tmp_path / "mine.yaml", tmp_path / "plan.yaml"
    circuit.write_text(CIRCUIT)
    plan.write_text(PLAN)
    status, out, err = cli.run("validate", str(plan), str(circuit))
    assert status == 1 and out == ""
    assert err.splitlines() == [
        f"{plan}:13:10: 'hop' is timed ('work'), so a ladder cannot set 'reps' on it "
        "(it can set: sets, work, load)",
        "1 problem in 1 of 2 files",
    ]
    plan.write_text(PLAN.split("  hop:")[0])
    status, out, _ = cli.run("validate", str(plan), str(circuit))
    assert status == 0 and out.strip() == "2 files valid: 1 circuit, 1 plan"
