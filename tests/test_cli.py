"""The command line as a user runs it: exit codes, output streams, JSON shapes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.commandline import Cli
from tests.paths import DATA, REPO

MALFORMED = DATA / "malformed"


def test_validate_bundled_folder(cli: Cli) -> None:
    status, out, err = cli.run("validate", str(REPO / "circuits"))
    assert status == 0
    assert err == ""
    assert out.strip().endswith("plans") and "valid" in out and len(out.splitlines()) == 1


def test_validate_reports_one_line_per_problem_and_exits_1(
    cli: Cli,
) -> None:
    bad = MALFORMED / "unknown-key.yaml"
    status, out, err = cli.run("validate", str(bad), str(DATA / "valid"))
    assert status == 1
    assert out == ""
    lines = err.splitlines()
    assert lines[:2] == [
        f"{bad}:6:9: unknown key 'rpes' (did you mean 'reps'?)",
        f"{bad}:7:9: 'tempo' needs 'reps': how many reps at this tempo?",
    ]
    assert lines[2] == "2 problems in 1 of 2 files"


def test_validate_usage_errors_exit_2(cli: Cli) -> None:
    assert cli.run("validate")[0] == 2
    status, _, err = cli.run("validate", "no/such/file.yaml")
    assert status == 2
    assert "no such file" in err


def test_plan_named_with_its_circuit_on_one_command_line(cli: Cli, tmp_path: Path) -> None:
    circuit = tmp_path / "mine.yaml"
    circuit.write_text("title: Mine\nblocks:\n  - exercises:\n      - {id: a, name: A, work: 9}\n")
    plan = tmp_path / "plan.yaml"
    plan.write_text("weeks:\n  - weeks_out: 0\n    sessions:\n      - {day: mon, circuit: mine}\n")
    assert cli.run("validate", str(plan))[0] == 1
    status, out, _ = cli.run("validate", str(plan), str(circuit))
    assert status == 0
    assert out.strip() == "2 files valid: 1 circuit, 1 plan"


def test_list_json_lists_every_bundled_circuit_and_plan(
    cli: Cli,
) -> None:
    status, out, _ = cli.run("list", "--json")
    assert status == 0
    rows = json.loads(out)
    files = list((REPO / "circuits").rglob("*.yaml"))
    assert len(rows) == len(files)
    by_id = {r["id"]: r for r in rows}
    flagship = by_id["pf-crash-course"]
    assert (flagship["kind"], flagship["source"]) == ("circuit", "bundled")
    assert 25 <= flagship["estimated_minutes"] <= 35
    assert by_id["pf-crash-course-4-weeks"]["kind"] == "plan"
    assert all(set(r) >= {"id", "title", "kind", "estimated_minutes", "source"} for r in rows)


def test_list_shows_user_files_and_reports_broken_ones(cli: Cli, private_home: Path) -> None:
    user = private_home / "circuits"
    user.mkdir()
    (user / "mine.yaml").write_text(
        "title: Mine\nblocks:\n  - exercises:\n      - {id: a, name: A, work: 9}\n"
    )
    (user / "broken.yaml").write_bytes((MALFORMED / "duplicate-key.yaml").read_bytes())
    status, out, err = cli.run("list", "--json")
    assert status == 0
    rows = {r["id"]: r for r in json.loads(out)}
    assert rows["mine"]["source"] == "user"
    assert "pf-crash-course" in rows
    assert f"{user / 'broken.yaml'}:7:9: duplicate key 'reps'" in err


def test_show_json_is_the_timeline(cli: Cli) -> None:
    status, out, _ = cli.run("show", "pf-crash-course", "--json")
    assert status == 0
    data = json.loads(out)
    assert data["id"] == "pf-crash-course"
    assert data["segments"][0]["kind"] == "prepare"
    assert data["segments"][-1]["kind"] in ("work", "hold")
    assert data["estimated_seconds"] == pytest.approx(
        sum(s["seconds"] if s["seconds"] is not None else s["reps"] * 3 for s in data["segments"])
    )


def test_show_readable_and_by_path(cli: Cli) -> None:
    status, out, _ = cli.run("show", str(REPO / "circuits" / "heel-raise-test.yaml"))
    assert status == 0
    assert "each side" in out and "About" in out and "clinician" in out
    status, out, _ = cli.run("show", "pf-crash-course-4-weeks")
    assert status == 0
    assert "race week" in out


def test_show_prints_every_exercises_notes_wrapped_under_it(
    cli: Cli,
) -> None:
    status, out, _ = cli.run("show", "pf-crash-course")
    assert status == 0
    lines = out.splitlines()
    # Under its exercise line, before the cues: the red flags that come before the hops.
    pogo = next(i for i, line in enumerate(lines) if line.startswith("   - Pogo hops:"))
    assert lines[pogo + 2].startswith("       notes: Red flags, before your first hops")
    assert lines[pogo + 3].startswith(" " * 14) and not lines[pogo + 3].startswith(" " * 15)
    text = " ".join(out.split())
    assert "you cannot bear weight" in text
    assert "Its benefit over stretching showed at 3 months, not earlier" in text
    assert "Repeat 3 times a day, once before the first steps in the morning" in text
    # Wrapped to a terminal's width (88 when there is no terminal), cues included.
    assert max(len(line) for line in lines if "notes:" in line or line.startswith(" " * 14)) <= 88


def test_show_plan_names_the_adjusted_exercise(cli: Cli) -> None:
    status, out, _ = cli.run("show", "pf-crash-course-4-weeks")
    assert status == 0
    assert "Single-leg heel raise, towel under the toes: 4 x 10 reps at tempo 3-2-3" in out
    assert "half the sets" in out and "heel-raise-test" in out
    assert "towel-heel-raise:" not in out and "sets x" not in out


def test_plan_status_lists_the_left_right_checks(cli: Cli, private_home: Path) -> None:
    start = ("plan", "start", "pf-crash-course-4-weeks", "--race-date", "2026-12-20")
    assert cli.run(*start, "--as-of", "2026-11-15")[0] == 0
    status, out, _ = cli.run("plan", "status", "--json", "--as-of", "2026-11-15")
    assert status == 0
    checks = [s for s in json.loads(out)["sessions"] if s["circuit_id"] == "heel-raise-test"]
    # 33 days out, before the first session; 19 days out, before the sets drop.
    assert [(s["date"], s["weeks_out"]) for s in checks] == [("2026-11-17", 4), ("2026-12-01", 2)]
    status, out, _ = cli.run("plan", "status", "--as-of", "2026-11-15")
    assert "Tue 17 Nov  heel-raise-test" in out and "Tue 01 Dec  heel-raise-test" in out


def test_show_unknown_id_suggests(cli: Cli) -> None:
    status, _, err = cli.run("show", "pf-crash-corse")
    assert status == 1
    assert "did you mean 'pf-crash-course'" in err


def test_new_writes_a_valid_starter_and_never_overwrites(cli: Cli, private_home: Path) -> None:
    status, out, _ = cli.run("new", "Hip strength")
    assert status == 0
    path = Path(out.strip())
    assert path == private_home / "circuits" / "hip-strength.yaml"
    assert cli.run("validate", str(path))[0] == 0
    assert cli.run("show", "hip-strength")[0] == 0
    original = path.read_text()
    # The same name again: a circuit of its own, and the first file untouched.
    status, out, err = cli.run("new", "Hip strength")
    assert status == 0
    assert Path(out.strip()) == private_home / "circuits" / "hip-strength-2.yaml"
    assert f"'hip-strength' is taken by your file {path}" in err
    assert path.read_text() == original
    assert cli.run("new", "!!!")[0] == 2


def test_new_where_the_data_folder_cannot_be_written_says_so(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A data folder path that runs through a file cannot be created, even by root.
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    monkeypatch.setenv("CIRCUIT_TIMER_HOME", str(blocker / "home"))
    status, out, err = cli.run("new", "x")
    assert (status, out) == (1, "")
    assert "cannot write" in err and "Traceback" not in err


def test_schema_is_json_for_circuits_and_plans(cli: Cli) -> None:
    status, out, _ = cli.run("schema")
    assert status == 0
    schema = json.loads(out)
    assert {"Circuit", "Plan", "Exercise"} <= set(schema["$defs"])


def test_module_entry_point_and_no_traceback_on_internal_error(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "circuit_timer", "list"],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=tmp_path,
    )
    assert result.returncode == 0
    assert "pf-crash-course" in result.stdout


def test_new_never_shadows_the_bundled_library(cli: Cli, private_home: Path) -> None:
    status, out, err = cli.run("new", "PF crash course")
    assert status == 0
    assert Path(out.strip()).name == "pf-crash-course-2.yaml"
    assert "'pf-crash-course' is taken by the bundled library" in err
    rows = {r["id"]: r for r in json.loads(cli.run("list", "--json")[1])}
    # The bundled circuit and the bundled plan built on it are still there, as they were.
    assert rows["pf-crash-course"]["source"] == "bundled"
    assert rows["pf-crash-course-4-weeks"]["source"] == "bundled"
    assert rows["pf-crash-course-2"]["title"] == "PF crash course"
    assert not any(r["shadows_bundled"] for r in rows.values())


@pytest.mark.parametrize(
    ("title", "first", "second"),
    [
        ("\u00dcn\u00efc\u00f6d\u00e9 \u00c7ircuit", "unicode-circuit", "unicode-circuit-2"),
        ("\u65e5\u672c\u8a9e\u306e\u30b5\u30fc\u30ad\u30c3\u30c8", "circuit", "circuit-2"),
    ],
    ids=["accents", "no-latin"],
)
def test_new_gives_non_ascii_titles_a_readable_id_and_keeps_the_title(
    cli: Cli, title: str, first: str, second: str
) -> None:
    for expected in (first, second):
        status, out, _ = cli.run("new", title)
        assert status == 0
        path = Path(out.strip())
        assert path.stem == expected
        assert cli.run("validate", str(path))[0] == 0
    rows = {r["id"]: r for r in json.loads(cli.run("list", "--json")[1])}
    assert rows[first]["title"] == rows[second]["title"] == title


def test_list_marks_a_user_file_that_shadows_a_bundled_id(cli: Cli, private_home: Path) -> None:
    user = private_home / "circuits"
    user.mkdir()
    text = (REPO / "circuits" / "runners-knee.yaml").read_text()
    (user / "knee.yaml").write_text(text.replace("title: Runner's knee", "title: My knee"))
    status, out, _ = cli.run("list")
    assert status == 0
    [line] = [line for line in out.splitlines() if line.startswith("runners-knee ")]
    assert "user" in line and line.endswith("My knee  (hides the bundled circuit)")
    rows = {r["id"]: r for r in json.loads(cli.run("list", "--json")[1])}
    assert rows["runners-knee"]["shadows_bundled"] is True
    assert rows["pf-crash-course"]["shadows_bundled"] is False


def test_list_says_how_long_a_plan_runs_as_its_weeks_are_counted(
    cli: Cli,
) -> None:
    status, out, _ = cli.run("list")
    assert status == 0
    [line] = [line for line in out.splitlines() if line.startswith("pf-crash-course-4-weeks")]
    # Sold as "3-4 weeks to race day": weeks 4 to 1 out, then the race week; never "5 weeks".
    assert "4 weeks + race week" in line and "5 weeks" not in line
    rows = {r["id"]: r for r in json.loads(cli.run("list", "--json")[1])}
    assert rows["stronger-feet-8-weeks"]["length"] == "7 weeks + race week"


def test_output_in_a_legacy_code_page_replaces_what_it_cannot_encode(tmp_path: Path) -> None:
    # A pipe on Windows writes cp1252, which has no arrow: '?' instead, not a crash.
    circuit = tmp_path / "arrow.yaml"
    circuit.write_text(
        "title: Knee → hip\nblocks:\n  - exercises:\n      - {id: hops, name: Hops, work: 20}\n",
        encoding="utf-8",
    )
    env = {**os.environ, "PYTHONIOENCODING": "cp1252", "CIRCUIT_TIMER_HOME": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-m", "circuit_timer", "show", str(circuit)],
        capture_output=True, env=env, timeout=60, cwd=tmp_path,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr.decode("cp1252")
    assert b"Knee ? hip" in result.stdout
