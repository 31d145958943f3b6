"""`circuit-timer sheet ID FILE.pdf`: the PDF read back as text (pdftotext) has every
exercise of the circuit and every session date of the plan; A4 or Letter; the race date
used is said; errors are one line, and a failed write leaves the old file whole.

The command runs in-process through the ``cli`` fixture; ``qapp`` makes the Qt
application first, as the window would, so the command reuses it (a test in a child
process checks that it makes its own, offscreen, with no display).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from circuit_timer.core.dates import day_text
from circuit_timer.core.library import Library, load_library
from circuit_timer.core.schedule import default_race_date, plan_schedule
from circuit_timer.files import paths
from circuit_timer.ui import sheet_pdf
from tests.commandline import Cli
from tests.paths import REPO
from tests.pdf_reading import page_size, pdf_words

LIBRARY = load_library(paths.bundled_circuits_dir(), None)
PLAN = "pf-crash-course-4-weeks"
CIRCUIT = "pf-crash-course"
AS_OF = "2026-11-22"

pytestmark = pytest.mark.usefixtures("qapp")


def exercise_names(library: Library, circuit_id: str) -> list[str]:
    circuit = library.circuit(circuit_id)
    assert circuit is not None
    return [ex.name for block in circuit.blocks for ex in block.exercises]


def test_a_circuit_sheet_has_every_exercise_on_an_a4_page(cli: Cli, tmp_path: Path) -> None:
    out = tmp_path / "out.pdf"
    status, stdout, err = cli.run("sheet", CIRCUIT, str(out), "--as-of", "2026-11-30")
    assert (status, stdout.strip(), err) == (0, str(out), "")
    text = pdf_words(out)
    names = exercise_names(LIBRARY, CIRCUIT)
    assert len(names) == 9
    for name in names:
        assert name in text, name
    assert "Printed Mon 30 Nov 2026" in text and "Page 1 of" in text
    assert "A4" in page_size(out)


def test_letter_paper(cli: Cli, tmp_path: Path) -> None:
    out = tmp_path / "out.pdf"
    cli.ok("sheet", CIRCUIT, str(out), "--paper", "letter")
    assert page_size(out) == "612 x 792 pts (letter)"


def test_the_followed_plan_has_every_date_plan_status_gives(cli: Cli, tmp_path: Path) -> None:
    cli.ok("plan", "start", PLAN, "--race-date", "2026-12-20", "--as-of", AS_OF)
    out = tmp_path / "out.pdf"
    # A later day: the sheet still counts from the start, as `plan status` does.
    status, _, err = cli.run("sheet", PLAN, str(out), "--as-of", "2026-11-30")
    assert status == 0
    assert err == "Race date used: Sun 20 Dec 2026 (the race of the plan you follow)\n"
    sessions = json.loads(cli.ok("plan", "status", "--json", "--as-of", "2026-11-30"))["sessions"]
    assert len(sessions) == 12  # the first three of week 4 were before the start
    text = pdf_words(out)
    for session in sessions:
        assert day_text(date.fromisoformat(session["date"])) in text, session
    assert "Race on Sun 20 Dec 2026 (the race of the plan you follow)" in text
    for name in exercise_names(LIBRARY, "heel-raise-test"):
        assert name not in text  # a plan sheet lists sessions, not their exercises


def test_race_counts_a_plan_not_followed_from_today(cli: Cli, tmp_path: Path) -> None:
    out = tmp_path / "out.pdf"
    status, _, err = cli.run("sheet", PLAN, str(out), "--race", "2026-12-13", "--as-of", AS_OF)
    assert status == 0
    assert err == "Race date used: Sun 13 Dec 2026 (the date given with --race)\n"
    plan = LIBRARY.plan(PLAN)
    assert plan is not None
    schedule = plan_schedule(plan, date(2026, 12, 13), date(2026, 11, 22))
    text = pdf_words(out)
    assert schedule and all(day_text(p.date) in text for p in schedule)
    # Started three weeks out: week 4's sessions are not on the sheet.
    first_weeks = plan_schedule(plan, date(2026, 12, 13), date(2026, 11, 9))
    assert {p.date for p in first_weeks} - {p.date for p in schedule}
    assert "4 weeks out: Load" not in text and "3 weeks out: Load" in text


def test_without_a_race_the_sheet_counts_as_if_started_today(cli: Cli, tmp_path: Path) -> None:
    out = tmp_path / "out.pdf"
    status, _, err = cli.run("sheet", PLAN, str(out), "--as-of", AS_OF)
    plan = LIBRARY.plan(PLAN)
    assert plan is not None
    race = default_race_date(plan, date(2026, 11, 22))
    assert status == 0 and err.startswith(f"Race date used: {day_text(race, year=True)} (no race")
    assert day_text(race, year=True) in pdf_words(out)


def test_the_followed_race_wins_over_race_and_says_so(cli: Cli, tmp_path: Path) -> None:
    cli.ok("plan", "start", PLAN, "--race-date", "2026-12-20", "--as-of", AS_OF)
    status, _, err = cli.run(
        "sheet", PLAN, str(tmp_path / "o.pdf"), "--race", "2026-12-27", "--as-of", AS_OF
    )
    assert status == 0
    assert err.splitlines() == [
        "circuit-timer: note: --race 2026-12-27 not used: you follow this plan toward 2026-12-20",
        "Race date used: Sun 20 Dec 2026 (the race of the plan you follow)",
    ]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["no-such-thing", "{tmp}/o.pdf"], "no circuit or plan 'no-such-thing'"),
        ([CIRCUIT, "{tmp}/missing/o.pdf"], "cannot write {tmp}/missing/o.pdf: no folder"),
        ([CIRCUIT, "{tmp}"], "{tmp} is a folder"),
        ([PLAN, "{tmp}/o.pdf", "--race", "2020-01-01"], "the race date 2020-01-01 has passed"),
        ([CIRCUIT, "{tmp}/o.pdf", "--as-of", "yesterday"], "--as-of must be a date"),
    ],
)
def test_errors_are_one_line(cli: Cli, tmp_path: Path, args: list[str], message: str) -> None:
    status, out, err = cli.run("sheet", *(a.format(tmp=tmp_path) for a in args))
    assert (status, out) == (1, "")
    assert err.count("\n") == 1 and "Traceback" not in err
    assert message.format(tmp=tmp_path) in err
    assert not list(tmp_path.glob("*.pdf")) and not list(tmp_path.glob(".*part"))


def test_a_failed_write_leaves_the_old_file_whole(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out.pdf"
    out.write_bytes(b"the old sheet")

    def fail(*_args: object) -> None:
        raise sheet_pdf.SheetWriteError("the PDF writer could not start")

    monkeypatch.setattr(sheet_pdf, "_paint", fail)
    status, _, err = cli.run("sheet", CIRCUIT, str(out))
    assert status == 1
    assert err == f"circuit-timer: cannot write {out}: the PDF writer could not start\n"
    assert out.read_bytes() == b"the old sheet"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["home", "out.pdf"]  # no .part


def test_the_command_reuses_the_running_application(cli: Cli, tmp_path: Path) -> None:
    running = QApplication.instance()
    cli.ok("sheet", CIRCUIT, str(tmp_path / "o.pdf"))
    assert QApplication.instance() is running


def test_no_display_needed_and_the_environment_left_alone(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.pop("QT_QPA_PLATFORM", None)
    script = (
        "import os, sys\n"
        "from circuit_timer.cli import main\n"
        "status = main(['sheet', 'pf-crash-course', sys.argv[1]])\n"
        "print(status, os.environ.get('QT_QPA_PLATFORM'))\n"
    )
    out = tmp_path / "o.pdf"
    result = subprocess.run(
        [sys.executable, "-c", script, str(out)],
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [str(out), "0 None"]
    assert "Single-leg Romanian deadlift" in pdf_words(out)
