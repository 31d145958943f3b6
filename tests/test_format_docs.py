"""The format guide's example plan: valid, as the text describes it, and safe to copy."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from circuit_timer.core.adjust import apply_session
from circuit_timer.core.library import load_library
from circuit_timer.core.schedule import plan_schedule
from circuit_timer.core.timeline import compile_timeline
from circuit_timer.files import paths
from tests.paths import REPO

GUIDE = REPO / "docs" / "circuit-format.md"
RACE = date(2026, 5, 31)  # the guide's race day


def example_plan_text() -> str:
    blocks = re.findall(r"```yaml\n(.*?)```", GUIDE.read_text(encoding="utf-8"), re.S)
    [plan] = [b for b in blocks if "id: heel-pain-3-weeks" in b]
    return plan


def test_example_plan_is_valid_and_as_the_guide_says(tmp_path: Path) -> None:
    (tmp_path / "heel-pain-3-weeks.yaml").write_text(example_plan_text(), encoding="utf-8")
    library = load_library(paths.bundled_circuits_dir(), tmp_path)
    assert library.problems == []
    plan = library.plan("heel-pain-3-weeks")
    assert plan is not None
    schedule = plan_schedule(plan, RACE, date(2026, 5, 1))
    text = " ".join(GUIDE.read_text(encoding="utf-8").split())
    dates = ", ".join(f"{p.date:%a} {p.date.day} {p.date:%b}" for p in schedule)
    assert dates.rsplit(", ", 1)[0] + " and " + dates.rsplit(", ", 1)[1] in text
    lengths = []
    for planned in schedule:
        circuit = library.circuit(planned.circuit_id)
        assert circuit is not None
        run = apply_session(circuit, planned.session)
        lengths.append(compile_timeline(run).estimated_seconds)
        days_out = (RACE - planned.date).days
        exercises = {ex.id: ex for block in run.blocks for ex in block.exercises}
        if days_out <= 10:
            # The last 10 days: no hops, no 12RM raises, nothing to failure.
            assert "pogo-hops" not in exercises, planned.date
            assert all(ex.reps is None or ex.reps < 12 for ex in exercises.values())
            assert not any(ex.test for ex in exercises.values()), planned.date
    said = ", ".join(str(round(s)) for s in lengths)
    assert said.rsplit(", ", 1)[0] + " and " + said.rsplit(", ", 1)[1] + " s" in text


def test_the_ladder_example_is_valid_on_the_example_plan(tmp_path: Path) -> None:
    blocks = re.findall(r"```yaml\n(.*?)```", GUIDE.read_text(encoding="utf-8"), re.S)
    [ladder] = [b for b in blocks if b.startswith("progression:")]
    text = example_plan_text() + ladder
    (tmp_path / "heel-pain-3-weeks.yaml").write_text(text, encoding="utf-8")
    library = load_library(paths.bundled_circuits_dir(), tmp_path)
    assert library.problems == []
    plan = library.plan("heel-pain-3-weeks")
    assert plan is not None
    steps = plan.progression["towel-heel-raise"].steps
    assert [(s.sets, s.reps) for s in steps] == [(3, 12), (4, 10), (5, 8)]
