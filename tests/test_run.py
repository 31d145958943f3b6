"""The terminal runner as a user runs it: in a pipe, on a real (pseudo) terminal, killed."""

from __future__ import annotations

import contextlib
import json
import os
import select
import signal
import struct
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest

from circuit_timer.core.library import load_library
from circuit_timer.core.planned_sets import planned_sets
from circuit_timer.files import paths
from circuit_timer.store.history import HistoryStore
from tests.sample_circuits import SHORT

if sys.platform != "win32":
    import fcntl
    import pty
    import termios

PTY = "a pseudo-terminal"


def cli(home: Path, *args: str, **kwargs: object) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "circuit_timer", *args],
        stdin=kwargs.pop("stdin", subprocess.DEVNULL),  # type: ignore[arg-type]
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "CIRCUIT_TIMER_HOME": str(home)},
        **kwargs,  # type: ignore[arg-type]
    )


def history(home: Path) -> list[dict[str, object]]:
    result = subprocess.run(
        [sys.executable, "-m", "circuit_timer", "history", "--json"],
        capture_output=True,
        text=True,
        env={**os.environ, "CIRCUIT_TIMER_HOME": str(home)},
        check=True,
    )
    rows: list[dict[str, object]] = json.loads(result.stdout)
    return rows


def test_a_whole_circuit_in_a_pipe_completes_and_is_recorded_set_by_set(
    private_home: Path,
) -> None:
    process = cli(private_home, "run", "pf-crash-course", "--speed", "1000", "--auto")
    out, err = process.communicate(timeout=60)
    assert process.returncode == 0, err
    assert out.splitlines()[-1].endswith("finished: completed")
    assert "Traceback" not in err
    [session] = history(private_home)
    assert session["status"] == "completed" and session["circuit_id"] == "pf-crash-course"
    circuit = load_library(paths.bundled_circuits_dir(), None).circuit("pf-crash-course")
    assert circuit is not None
    with HistoryStore.in_folder(private_home) as store:
        stored = [(s.block, s.round, s.exercise_id, s.set_number, s.side, s.reps_done)
                  for s in store.sets()]  # fmt: skip
    assert stored == [
        (p.block, p.round, p.exercise_id, p.set_number, p.side, p.reps_target)
        for p in planned_sets(circuit)
    ]


@pytest.mark.posix_only("SIGKILL")
def test_sigkill_mid_circuit_keeps_every_reported_set_and_shows_partial(
    private_home: Path,
) -> None:
    circuit = load_library(paths.bundled_circuits_dir(), None).circuit("pf-crash-course")
    assert circuit is not None
    names = {e.name: e.id for block in circuit.blocks for e in block.exercises}
    # As a context manager its pipes are closed, not left to the garbage collector.
    with cli(private_home, "run", "pf-crash-course", "--speed", "300", "--auto") as process:
        assert process.stdout is not None
        reported: list[str] = []
        while len(reported) < 6:
            line = process.stdout.readline()
            assert line, "the runner ended before six sets"
            if " set done: " in line:
                # "Single-leg heel raise, towel under the toes, set 2/3 left, ...": the name
                # (which may hold a comma) and the set number.
                name, rest = line.split(" set done: ")[1].rsplit(", set ", 1)
                reported.append(f"{names[name]} set {rest.split('/')[0]}/")
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=10)
    with HistoryStore.in_folder(private_home) as store:
        assert store.integrity_ok()
        saved = [
            f"{s.exercise_id} set {s.set_number}/" for s in store.sets()
        ]  # fmt: skip
        for line in reported:
            exercise, rest = line.split(" set ")
            assert any(s.startswith(f"{exercise} set {rest.split('/')[0]}/") for s in saved), line
        assert len(store.sets()) >= len(reported)
    [session] = history(private_home)
    assert session["status"] == "partial"


@pytest.fixture
def ctrl_c_as_on_a_terminal() -> Iterator[None]:
    """Children get Ctrl-C's default action, as a runner at a terminal has it.

    A test run started in the background of a shell without job control ignores SIGINT,
    and an ignored signal stays ignored in every child: the runner would rightly not
    stop. A Python handler in this process is reset to the default in a child at exec.
    """
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    yield
    signal.signal(signal.SIGINT, previous)


@pytest.mark.usefixtures("ctrl_c_as_on_a_terminal")
@pytest.mark.parametrize(
    "how", [getattr(signal, n) for n in ("SIGINT", "SIGHUP", "SIGTERM") if hasattr(signal, n)]
)
@pytest.mark.posix_only("POSIX signals sent to a child")
def test_interrupted_runs_are_saved_as_partial_and_exit_3(private_home: Path, how: int) -> None:
    process = cli(private_home, "run", "calf-achilles", "--speed", "50", "--auto")
    assert process.stdout is not None
    while " set done: " not in process.stdout.readline():
        pass
    process.send_signal(how)
    try:
        out, err = process.communicate(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()  # never leave it running into the next test
        process.communicate()
        raise
    assert process.returncode == 3, err
    assert "finished: partial" in out
    [session] = history(private_home)
    assert session["status"] == "partial" and int(session["sets"]) >= 1  # type: ignore[call-overload]


def test_run_errors_are_one_line(private_home: Path) -> None:
    for args, message in [
        (("run", "pf-crash-corse"), "did you mean 'pf-crash-course'"),
        (("run",), "no active plan"),
        (("run", "pf-crash-course", "--speed", "fast"), "--speed must be a number"),
    ]:
        process = cli(private_home, *args)
        _, err = process.communicate(timeout=30)
        assert process.returncode == 1, args
        assert message in err and "Traceback" not in err


@pytest.mark.parametrize("form", ["relative", "absolute"])
def test_run_takes_a_circuit_file_by_relative_or_absolute_path(
    private_home: Path, tmp_path: Path, form: str
) -> None:
    folder = tmp_path / "elsewhere" / "mine"
    folder.mkdir(parents=True)
    (folder / "short.yaml").write_text(SHORT)
    argument = "mine/short.yaml" if form == "relative" else str(folder / "short.yaml")
    process = cli(private_home, "run", argument, "--speed", "1000", "--auto", "--no-sound",
                  cwd=folder.parent)  # fmt: skip
    out, err = process.communicate(timeout=60)
    assert process.returncode == 0, err
    assert out.splitlines()[-1].endswith("finished: completed")
    [session] = history(private_home)
    # The file's id is its name: it is recorded as that circuit, and not copied anywhere.
    assert (session["circuit_id"], session["status"], session["sets"]) == ("short", "completed", 2)
    assert not (private_home / "circuits").exists()


def test_run_file_errors_are_one_line(private_home: Path, tmp_path: Path) -> None:
    (tmp_path / "broken.yaml").write_text("title: Broken\nblocks: []\n")
    plan = paths.bundled_circuits_dir() / "plans" / "pf-crash-course-4-weeks.yaml"
    for argument, message in [
        ("missing.yaml", "missing.yaml: no such file"),
        ("broken.yaml", "broken.yaml has problems; fix them first"),
        (str(plan), "is a plan, not a circuit"),
    ]:
        process = cli(private_home, "run", argument, "--no-sound", cwd=tmp_path)
        _, err = process.communicate(timeout=30)
        assert process.returncode == 1, argument
        assert message in err and "Traceback" not in err, err


def test_without_a_circuit_it_runs_todays_plan_session_and_records_the_plan(
    private_home: Path,
) -> None:
    race = date.today() + timedelta(days=28)
    start = cli(private_home, "plan", "start", "pf-crash-course-4-weeks", "--race-date", str(race))
    start.communicate(timeout=30)
    # Race day is a Sunday 4 weeks on only sometimes; find whether today has a session.
    today_json = subprocess.run(
        [sys.executable, "-m", "circuit_timer", "plan", "today", "--json"],
        capture_output=True, text=True, check=True,
        env={**os.environ, "CIRCUIT_TIMER_HOME": str(private_home)},
    )  # fmt: skip
    sessions = json.loads(today_json.stdout)["sessions"]
    process = cli(private_home, "run", "--speed", "1000", "--auto")
    _, err = process.communicate(timeout=60)
    if not sessions:
        assert process.returncode == 1 and "no plan session left for today" in err
        return
    assert process.returncode == 0, err
    [session] = history(private_home)
    assert session["plan_id"] == "pf-crash-course-4-weeks"
    assert session["plan_week"] == sessions[0]["weeks_out"]


class PtyReader:
    """Reads a child's pseudo-terminal, keeping what arrived after each needle.

    Output often lands in one chunk with the next prompt in it; a reader that threw the
    rest of the chunk away would wait for a prompt it had already read.
    """

    def __init__(self, fd: int) -> None:
        self.fd = fd
        self.pending = b""

    def read_until(self, needle: bytes, timeout: float = 20.0) -> bytes:
        deadline = time.monotonic() + timeout
        while needle not in self.pending:
            left = deadline - time.monotonic()
            assert left > 0, f"never saw {needle!r} in {self.pending[-500:]!r}"
            ready, _, _ = select.select([self.fd], [], [], left)
            if ready:
                try:
                    chunk = os.read(self.fd, 4096)
                except OSError:
                    chunk = b""
                assert chunk, f"the terminal closed before {needle!r}: {self.pending[-500:]!r}"
                self.pending += chunk
        end = self.pending.index(needle) + len(needle)
        seen, self.pending = self.pending[:end], self.pending[end:]
        return seen


@pytest.mark.posix_only(PTY)
def test_keys_on_a_real_terminal(private_home: Path) -> None:
    """Space pauses, + counts, Enter marks an open set done, q finishes early (exit 3)."""
    pid, fd = pty.fork()
    if pid == 0:  # the child: the runner on a pseudo-terminal
        os.environ["CIRCUIT_TIMER_HOME"] = str(private_home)
        os.execv(sys.executable, [sys.executable, "-m", "circuit_timer", "run",
                                  "heel-raise-test", "--speed", "20", "--no-sound"])  # fmt: skip
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 160, 0, 0))
    term = PtyReader(fd)
    try:
        term.read_until(b"Enter done")
        os.write(fd, b" ")  # pause
        term.read_until(b"PAUSED")
        os.write(fd, b" ")  # resume
        # Wait for the open set (the warm-up raises, both legs), count two reps, done.
        term.read_until(b"reps 0/10")
        os.write(fd, b"++")
        term.read_until(b"reps 2/10")
        os.write(fd, b"\r")
        term.read_until(b"set done: Heel raise on both legs, set 1/1, 2/10 reps")
        os.write(fd, b"q")
        term.read_until(b"finished: partial")
        # With a keyboard, pain during and after are asked; Enter skips (absent, not 0).
        term.read_until(b"Pain during this session, 0-10 (Enter to skip): ")
        os.write(fd, b"\r")
        term.read_until(b"Pain after this session, 0-10 (Enter to skip): ")
        os.write(fd, b"11\r")
        term.read_until(b"a whole number from 0 to 10, or Enter to skip")
        os.write(fd, b"4\r")
        term.read_until(b"4/10: acceptable")
        term.read_until(b"1 set saved to your history")
    except BaseException:
        os.kill(pid, signal.SIGKILL)  # never leave the child waiting for a key
        raise
    finally:
        _, status = os.waitpid(pid, 0)
        os.close(fd)
    assert os.waitstatus_to_exitcode(status) == 3
    with HistoryStore.in_folder(private_home) as store:
        [done] = store.sets()
        assert (done.exercise_id, done.reps_done) == ("double-leg-heel-raise", 2)
        [session] = store.sessions()
        assert session.status == "partial"
        assert (session.pain_during, session.pain_after) == (None, 4)


@pytest.mark.posix_only(PTY)
@pytest.mark.parametrize(("answer", "kept"), [(b"\r", False), (b"y\r", True)])
def test_an_early_finish_with_no_set_is_kept_only_when_the_runner_says_so(
    private_home: Path, answer: bytes, kept: bool
) -> None:
    pid, fd = pty.fork()
    if pid == 0:
        os.environ["CIRCUIT_TIMER_HOME"] = str(private_home)
        os.execv(sys.executable, [sys.executable, "-m", "circuit_timer", "run",
                                  "heel-raise-test", "--no-sound"])  # fmt: skip
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 160, 0, 0))
    term = PtyReader(fd)
    try:
        term.read_until(b"Enter done")
        os.write(fd, b"q")
        term.read_until(b"Keep this session in your history? [y/N] ")
        os.write(fd, answer)
        if kept:  # a kept session gets the pain questions; skip both
            term.read_until(b"Pain during")
            os.write(fd, b"\r")
            term.read_until(b"Pain after")
            os.write(fd, b"\r")
        else:
            term.read_until(b"Nothing saved: no set was completed.")
        term.read_until(b"0 sets saved to your history")
    except BaseException:
        os.kill(pid, signal.SIGKILL)
        raise
    finally:
        _, status = os.waitpid(pid, 0)
        os.close(fd)
    assert os.waitstatus_to_exitcode(status) == 3
    sessions = history(private_home)
    if kept:
        [session] = sessions
        assert session["status"] == "partial" and session["pain_after"] is None
    else:
        assert sessions == []


@pytest.mark.linux_only("an ALSA configuration with no device")
def test_no_sound_device_gives_a_notice_and_the_run_completes(
    private_home: Path, tmp_path: Path
) -> None:
    (private_home / "circuits").mkdir()
    (private_home / "circuits" / "short.yaml").write_text(SHORT)
    empty = tmp_path / "no-devices.conf"
    empty.write_text("# no pcm devices at all\n")
    process = subprocess.Popen(
        [sys.executable, "-m", "circuit_timer", "run", "short", "--speed", "2"],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={
            **os.environ,
            "CIRCUIT_TIMER_HOME": str(private_home),
            "ALSA_CONFIG_PATH": str(empty),
        },
    )
    out, err = process.communicate(timeout=60)
    assert process.returncode == 0, err
    assert err.count("cues are visual only") == 1
    assert "Traceback" not in err
    assert out.splitlines()[-1].endswith("finished: completed")
    [session] = history(private_home)
    assert session["status"] == "completed" and session["sets"] == 2


def test_no_keyboard_notice_only_when_the_circuit_has_open_rep_sets(
    private_home: Path,
) -> None:
    (private_home / "circuits").mkdir()
    (private_home / "circuits" / "short.yaml").write_text(SHORT)
    # short: a timed set and a tempo set, nothing that waits for Enter.
    process = cli(private_home, "run", "short", "--speed", "1000", "--no-sound")
    out, err = process.communicate(timeout=60)
    assert process.returncode == 0, err
    assert "no keyboard input" not in err
    # The set lines name the exercise as the runner knows it, not by its id.
    assert "set done: Hops, set 1/1, " in out and "set done: Raise, set 1/1, 1/1 reps" in out
    assert "Hops, 2 s" in out and "Raise, 1 rep at 1-0-1" in out
    # heel-raise-test has open rep sets: they are marked done at target, and it says so once.
    process = cli(private_home, "run", "heel-raise-test", "--speed", "1000", "--no-sound")
    out, err = process.communicate(timeout=60)
    assert process.returncode == 0, err
    assert err.count("no keyboard input: open rep sets are marked done at their target") == 1
    assert "set done: Heel raise on both legs, set 1/1, 10/10 reps" in out


@pytest.mark.linux_only("ALSA's file sink and sox")
def test_a_run_with_sound_plays_the_cues_into_the_alsa_sink(
    private_home: Path, tmp_path: Path
) -> None:
    from tests.audio.helpers import require_simpleaudio, require_tool

    require_simpleaudio()
    sox = require_tool("sox")
    (private_home / "circuits").mkdir()
    (private_home / "circuits" / "short.yaml").write_text(SHORT)
    sink = tmp_path / "out.wav"
    conf = tmp_path / "asoundrc"
    conf.write_text(
        f'pcm.!default {{ type file; slave.pcm "null"; file "{sink}"; format "wav" }}\n'
    )
    process = subprocess.Popen(
        [sys.executable, "-m", "circuit_timer", "run", "short", "--speed", "2", "--no-voice"],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={
            **os.environ,
            "CIRCUIT_TIMER_HOME": str(private_home),
            "ALSA_CONFIG_PATH": f"/usr/share/alsa/alsa.conf:{conf}",
        },
    )
    _, err = process.communicate(timeout=60)
    assert process.returncode == 0, err
    assert "visual only" not in err
    # The sink keeps the last sound played: the workout-done fanfare, about 1.24 s.
    stat = subprocess.run([sox, str(sink), "-n", "stat"], capture_output=True, text=True)
    length = next(
        float(line.split(":")[1]) for line in stat.stderr.splitlines() if line.startswith("Length")
    )
    assert 1.0 < length < 1.5, stat.stderr


def _pty_runner(home: Path, *args: str) -> tuple[int, int]:
    pid, fd = pty.fork()
    if pid == 0:  # the child: the runner on a pseudo-terminal
        os.environ["CIRCUIT_TIMER_HOME"] = str(home)
        os.execv(sys.executable, [sys.executable, "-m", "circuit_timer", "run", *args])
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 160, 0, 0))
    return pid, fd


@pytest.mark.posix_only(PTY)
@pytest.mark.usefixtures("ctrl_c_as_on_a_terminal")
def test_a_second_sigterm_while_finishing_still_ends_finished_early(private_home: Path) -> None:
    process = cli(private_home, "run", "calf-achilles", "--speed", "50", "--auto")
    assert process.stdout is not None
    while " set done: " not in process.stdout.readline():
        pass
    # Signals sent back to back merge into one: keep sending until it ends, so that
    # later ones land while the first is being handled and the run is finishing.
    deadline = time.monotonic() + 20
    while process.poll() is None and time.monotonic() < deadline:
        process.send_signal(signal.SIGTERM)
        time.sleep(0.002)
    try:
        out, err = process.communicate(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.communicate()
        raise
    assert "internal error" not in err
    assert process.returncode == 3, err
    assert "finished: partial" in out
    [session] = history(private_home)
    assert session["status"] == "partial" and int(session["sets"]) >= 1  # type: ignore[call-overload]


@pytest.mark.posix_only(PTY)
def test_closing_the_terminal_ends_finished_early_with_the_sets_kept(private_home: Path) -> None:
    pid, fd = _pty_runner(private_home, "heel-raise-test", "--speed", "20", "--no-sound")
    term = PtyReader(fd)
    try:
        term.read_until(b"reps 0/10")
        os.write(fd, b"\r")
        term.read_until(b"set done: Heel raise on both legs")
    except BaseException:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        raise
    finally:
        os.close(fd)  # the terminal window closes: the child gets SIGHUP
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 3
    [session] = history(private_home)
    assert session["status"] == "partial" and session["sets"] == 1


def _runner_as_a_shell_job(home: Path, *args: str) -> tuple[int, int]:
    """The runner in its own foreground process group under a parent in its session, as
    a shell starts a job: only then does Ctrl-Z really stop it (a process group with no
    such parent ignores stop signals)."""
    pid, fd = pty.fork()
    if pid == 0:
        job = os.fork()
        if job == 0:
            signal.signal(signal.SIGTTOU, signal.SIG_IGN)
            os.setpgid(0, 0)
            os.tcsetpgrp(0, os.getpid())
            signal.signal(signal.SIGTTOU, signal.SIG_DFL)
            os.environ["CIRCUIT_TIMER_HOME"] = str(home)
            os.execv(sys.executable, [sys.executable, "-m", "circuit_timer", "run", *args])
        _, status = os.waitpid(job, 0)
        os._exit(os.waitstatus_to_exitcode(status))
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 160, 0, 0))
    return pid, fd


def _wait_for_line_mode(fd: int, on: bool) -> None:
    deadline = time.monotonic() + 20
    while bool(termios.tcgetattr(fd)[3] & termios.ICANON) != on:
        assert time.monotonic() < deadline, f"line-by-line mode never became {on}"
        time.sleep(0.05)


@pytest.mark.posix_only(PTY)
def test_after_a_stop_and_continue_keys_act_at_once_and_nothing_typed_meanwhile_fires(
    private_home: Path,
) -> None:
    pid, fd = _runner_as_a_shell_job(private_home, "heel-raise-test", "--speed", "20",
                                     "--no-sound")  # fmt: skip
    term = PtyReader(fd)
    try:
        term.read_until(b"Enter done")
        job = os.tcgetpgrp(fd)
        os.killpg(job, signal.SIGTSTP)  # Ctrl-Z
        _wait_for_line_mode(fd, True)  # the shell has its terminal back as it was
        os.write(fd, b"q")  # typed at the shell while the runner is stopped
        os.killpg(job, signal.SIGCONT)  # fg
        _wait_for_line_mode(fd, False)
        os.write(fd, b" ")  # pause: at once, with no Enter
        seen = term.read_until(b"PAUSED")
        assert b"finished" not in seen  # the q typed while stopped did not fire
        os.write(fd, b"q")
        term.read_until(b"finished: partial")
        term.read_until(b"[y/N] ")
        os.write(fd, b"\r")
        term.read_until(b"0 sets saved to your history")
    except BaseException:
        os.kill(pid, signal.SIGKILL)
        with contextlib.suppress(OSError):
            os.killpg(os.tcgetpgrp(fd), signal.SIGKILL)
        raise
    finally:
        _, status = os.waitpid(pid, 0)
        os.close(fd)
    assert os.waitstatus_to_exitcode(status) == 3


def _plan_with_two_clean_sessions(home: Path) -> None:
    """Today is 28 days out, after two sessions with every rep and pain after 2/10."""
    now = date.today()
    race, start = str(now + timedelta(days=28)), str(now - timedelta(days=4))
    steps: list[tuple[str, ...]] = [
        ("plan", "start", "pf-crash-course-4-weeks", "--race-date", race, "--as-of", start)
    ]
    for back in (4, 2):
        day = str(now - timedelta(days=back))
        steps.append(("pain", "2", "--date", day, "--as-of", day))
        steps.append(("log", "pf-crash-course", "--date", day, "--pain", "2", "--as-of", day))
    for step in steps:
        process = cli(home, *step)
        _, err = process.communicate(timeout=30)
        assert process.returncode == 0, err


@pytest.mark.parametrize("as_written", [False, True])
def test_a_run_of_today_s_plan_session_records_its_ladder_step(
    private_home: Path, as_written: bool
) -> None:
    _plan_with_two_clean_sessions(private_home)
    extra = ["--as-written"] if as_written else []
    process = cli(private_home, "run", "--speed", "1000", "--auto", "--no-sound", *extra)
    out, err = process.communicate(timeout=60)
    assert process.returncode == 0, err
    said = "Running the plan as written" if as_written else "Adapted to your last sessions:"
    assert said in out.splitlines()[0]
    ran = history(private_home)[0]
    assert ran["source"] == "app" and ran["status"] == "completed"
    with HistoryStore.in_folder(private_home) as store:
        steps = store.ladder_steps("pf-crash-course-4-weeks", ran_on(ran), ran_on(ran))
        heel_sets = [s for s in store.sets(session_uuid=str(ran["uuid"]))
                     if s.exercise_id == "towel-heel-raise"]  # fmt: skip
    assert steps == {ran["uuid"]: {"towel-heel-raise": None if as_written else 1}}
    # 3 x 12 each side as written; the earned 4 x 10 adapted.
    assert len(heel_sets) == (6 if as_written else 8)
    assert {s.reps_target for s in heel_sets} == {12 if as_written else 10}


def ran_on(row: dict[str, object]) -> date:
    return date.fromisoformat(str(row["date"]))
