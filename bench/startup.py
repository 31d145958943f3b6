"""How long the app takes from launch to its first paint and to its library listed, and
its peak memory, beside a bare PySide6 window launched the same way in the same run.

Each launch is a fresh interpreter running this script as a child, with a private
CIRCUIT_TIMER_HOME, XDG_CONFIG_HOME and XDG_CACHE_HOME in a temporary folder (the
first-run screen marked as seen, no user data touched) and bytecode cached there after
the warm-up, as an installed app has it. The parent reads the monotonic clock (one clock
for every process on Linux) just before starting the child, so each figure counts the
fork, the interpreter's own start-up and the imports.

The child makes the QApplication, wraps ``QWidget.show`` so the first QMainWindow shown
gets an event filter, and then either shows a QMainWindow holding a QLabel (``bare``) or
runs the app as ``circuit-timer`` does (``cli.main([])``, which reuses that
QApplication). What it notes, all in the bench, nothing in the product:

- first paint: the main window's first Paint event (Qt paints a window's widgets parent
  first, so this is the start of the first frame); "frame done" is the zero-timer that
  runs once that frame has been painted and flushed.
- library listed: the later of the first paint and the library page's list
  (``window.library_page.list``) first holding a row: looked at when the window sends
  ``library_listed`` (the page is built only then, after the first paint), and watched
  through its model's ``rowsInserted`` if still empty. The bare window's figure is its
  first paint.
- peak memory: ``ru_maxrss`` of the child, read when it is about to exit, after the
  window has stayed up ``--settle`` seconds past the library listed (so work deferred
  past the first paint, such as reading the history, is counted).

    .venv/bin/python bench/startup.py                # offscreen, as the other benches
    xvfb-run -a .venv/bin/python bench/startup.py --platform xcb   # a real X server

It always exits 0: it is a benchmark, run by hand, not a test.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import benchlib

RUNS = 7
SETTLE_S = 1.0
CHILD_TIMEOUT_S = 60
KINDS = ("bare", "app")
PROGRAM = "circuit-timer"  # the QApplication's argv[0], as make_application gives it
TARGETS = {"first paint": 1.5, "library listed": 2.0, "peak memory": 1.5}
# Modules the first paint does not need; the child says which were loaded by then.
DEFERRABLE = ("pyqtgraph", "numpy", "PySide6.QtDBus", "yaml", "pydantic")
MARKS = ("started", "shown", "painted", "frame", "listed")


# -- the child: one launch ----------------------------------------------------------------


def child(kind: str, settle_s: float) -> int:
    """Show one window, note the moments, print them as JSON and exit."""
    marks: dict[str, float] = {"started": time.monotonic()}
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QWidget

    app = QApplication([PROGRAM])
    loaded: dict[str, Any] = {}
    cpu: dict[str, float] = {}  # the child's own CPU seconds, from its start
    problems: list[str] = []

    class Probe(QObject):
        """Watches the first main window shown; quits once it is painted and listed."""

        window: QMainWindow | None = None

        def attach(self, window: QMainWindow) -> None:
            marks["shown"] = time.monotonic()
            self.window = window
            window.installEventFilter(self)
            if kind == "bare":
                return
            # The library page is built when the library is loaded, after the first
            # paint: asking for it here would build it first. Its list is found once
            # the window says it is loaded, and watched from then on if still empty.
            listed = getattr(window, "library_listed", None)
            if listed is None:
                problems.append("the main window has no library_listed signal to watch")
                QTimer.singleShot(0, app.quit)
                return
            listed.connect(self.watch_list)

        def watch_list(self) -> None:
            view = getattr(getattr(self.window, "library_page", None), "list", None)
            if view is None:
                problems.append("the main window has no library_page.list to watch")
                QTimer.singleShot(0, app.quit)
                return
            self.view = view
            view.model().rowsInserted.connect(self.rows)
            self.rows()

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            first = "painted" not in marks
            if first and watched is self.window and event.type() == QEvent.Type.Paint:
                marks["painted"] = time.monotonic()
                cpu["painted"] = time.process_time()
                loaded.update({name: name in sys.modules for name in DEFERRABLE})
                loaded["modules"] = len(sys.modules)
                QTimer.singleShot(0, self.frame_done)
            return False

        def frame_done(self) -> None:
            marks["frame"] = time.monotonic()
            self.finish_when_ready()

        def rows(self, *_inserted: object) -> None:
            if "rows" not in marks and self.view.count() > 0:
                marks["rows"] = time.monotonic()
                self.finish_when_ready()

        def finish_when_ready(self) -> None:
            if "frame" in marks and (kind == "bare" or "rows" in marks):
                QTimer.singleShot(round(settle_s * 1000), app.quit)

    probe = Probe()
    show = QWidget.show

    def show_and_watch(widget: QWidget) -> None:
        if isinstance(widget, QMainWindow) and probe.window is None:
            probe.attach(widget)
        show(widget)

    QWidget.show = show_and_watch  # type: ignore[method-assign]
    QTimer.singleShot(CHILD_TIMEOUT_S * 1000, app.quit)  # never hang the bench
    if kind == "bare":
        window = QMainWindow()
        window.setWindowTitle("bare")
        window.setCentralWidget(QLabel("A bare PySide6 window"))
        window.resize(1100, 760)
        window.show()
        app.exec()
    else:
        from circuit_timer.cli import main as circuit_timer

        circuit_timer([])  # returns when the probe quits the app's event loop
    if "painted" in marks and (kind == "bare" or "rows" in marks):
        marks["listed"] = max(marks["painted"], marks.get("rows", 0.0))
    usage = resource.getrusage(resource.RUSAGE_SELF)
    figures = {
        "kind": kind,
        "marks": marks,
        "maxrss_kib": usage.ru_maxrss,  # KiB on Linux
        "cpu_s": usage.ru_utime + usage.ru_stime,
        "cpu_paint_ms": cpu.get("painted", 0.0) * 1000,
        "loaded": loaded,
        "problems": problems,
    }
    print(json.dumps(figures), flush=True)
    return 0


def seed_settings() -> int:
    """Mark the first-run screen as seen, with the app's own function and settings."""
    from PySide6.QtCore import QCoreApplication, QSettings

    from circuit_timer.ui.first_run import mark_shown

    QCoreApplication([PROGRAM])
    mark_shown(QSettings(PROGRAM, PROGRAM))  # make_application's organisation and name
    return 0


# -- the parent: launches and statistics -------------------------------------------------


def environment(home: Path, platform: str) -> dict[str, str]:
    """The child's environment: private data, config, cache and bytecode folders."""
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = platform
    env["CIRCUIT_TIMER_HOME"] = str(home / "data")
    env["XDG_CONFIG_HOME"] = str(home / "config")
    env["XDG_CACHE_HOME"] = str(home / "cache")
    # Bytecode written once in the warm-up and read by every timed launch, as an installed
    # app has it; without this a shell with PYTHONDONTWRITEBYTECODE compiles every module
    # on every launch.
    env["PYTHONPYCACHEPREFIX"] = str(home / "pycache")
    for name in ("PYTHONDONTWRITEBYTECODE", "PYTHONPROFILEIMPORTTIME"):
        env.pop(name, None)
    return env


def launch(
    kind: str, env: dict[str, str], settle_s: float, extra: Sequence[str] = ()
) -> tuple[dict[str, Any], str]:
    """Start one child; its figures with the marks made relative to the Popen, and stderr."""
    command = [sys.executable, *extra, str(Path(__file__).resolve()), "--child", kind]
    started = time.monotonic()
    proc = subprocess.Popen(
        [*command, "--settle", str(settle_s)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    out, err = proc.communicate(timeout=CHILD_TIMEOUT_S * 2)
    ended = time.monotonic()
    lines = [line for line in out.splitlines() if line.startswith("{")]
    if proc.returncode != 0 or not lines:
        raise RuntimeError(f"{kind} launch failed ({proc.returncode}):\n{err[-2000:]}")
    figures: dict[str, Any] = json.loads(lines[-1])
    if figures["problems"]:
        raise RuntimeError(f"{kind} launch: {'; '.join(figures['problems'])}")
    marks = figures["marks"]
    if not marks.get("painted") or not marks.get("listed"):
        raise RuntimeError(f"{kind}: not painted and listed within {CHILD_TIMEOUT_S} s")
    figures["ms"] = {name: (marks[name] - started) * 1000 for name in MARKS}
    figures["ms"]["exit"] = (ended - started) * 1000
    figures["maxrss_mib"] = figures["maxrss_kib"] / 1024
    return figures, err


def import_times(env: dict[str, str], top: int = 14) -> list[tuple[str, float]]:
    """`python -X importtime` of one app launch: self time summed per package.

    circuit_timer is split by subpackage (circuit_timer.ui, .core ...). importtime slows
    the imports down, so read the shares, not the absolute numbers.
    """
    _, err = launch("app", env, 0.0, ("-X", "importtime"))
    per_package: dict[str, float] = {}
    for line in err.splitlines():
        if not line.startswith("import time:") or "cumulative" in line:
            continue
        self_us, _cumulative_us, name = line.partition(":")[2].split("|")
        parts = name.strip().split(".")
        package = ".".join(parts[:2]) if parts[0] == "circuit_timer" else parts[0]
        per_package[package] = per_package.get(package, 0.0) + int(self_us) / 1000
    return sorted(per_package.items(), key=lambda item: -item[1])[:top]


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    """The command line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--runs", type=int, default=RUNS, help="launches of each kind")
    parser.add_argument(
        "--settle", type=float, default=SETTLE_S, help="seconds up after the library listed"
    )
    parser.add_argument(
        "--platform",
        default="offscreen",
        help="QT_QPA_PLATFORM of the launches (xcb needs a DISPLAY, e.g. under xvfb-run)",
    )
    parser.add_argument("--json", metavar="FILE", help="also write the results here")
    parser.add_argument("--child", choices=(*KINDS, "seed"), help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def report(args: argparse.Namespace, runs: list[dict[str, Any]]) -> dict[str, Any]:
    """Print the table and the verdicts; return what --json writes."""
    columns = (*MARKS, "exit")
    med: dict[str, dict[str, float]] = {}
    for kind in KINDS:
        mine = [r for r in runs if r["kind"] == kind]
        med[kind] = {c: statistics.median(r["ms"][c] for r in mine) for c in columns}
        med[kind]["cpu_s"] = statistics.median(r["cpu_s"] for r in mine)
        med[kind]["cpu_paint_ms"] = statistics.median(r["cpu_paint_ms"] for r in mine)
        med[kind]["maxrss_mib"] = statistics.median(r["maxrss_mib"] for r in mine)
    print(f"medians of {args.runs}, ms from the parent's Popen")
    head = (
        f"{'window':<7} {'python up':>9} {'shown':>6} {'first paint':>11} {'frame done':>10} "
        f"{'library listed':>14} {'exit':>6} {'CPU to paint':>12} {'peak RSS MiB':>12}"
    )
    print(head)
    print("-" * len(head))
    for kind in KINDS:
        m = med[kind]
        print(
            f"{kind:<7} {m['started']:>9.0f} {m['shown']:>6.0f} {m['painted']:>11.0f} "
            f"{m['frame']:>10.0f} {m['listed']:>14.0f} {m['exit']:>6.0f} "
            f"{m['cpu_paint_ms']:>12.0f} {m['maxrss_mib']:>12.1f}"
        )
    print()
    print("every launch: first paint / library listed ms (peak RSS MiB)")
    for kind in KINDS:
        mine = [r for r in runs if r["kind"] == kind]
        print(
            f"  {kind:<5} "
            + "  ".join(
                f"{r['ms']['painted']:.0f}/{r['ms']['listed']:.0f} ({r['maxrss_mib']:.0f})"
                for r in mine
            )
        )
    cpu_ratio = med["app"]["cpu_paint_ms"] / med["bare"]["cpu_paint_ms"]
    print(
        f"CPU time to the first paint (the process's own, less sensitive to a busy machine "
        f"than the clock): app {cpu_ratio:.2f}x the bare window's"
    )
    loaded = [r["loaded"] for r in runs if r["kind"] == "app"][-1]
    names = ", ".join(f"{n} {'yes' if loaded[n] else 'no'}" for n in DEFERRABLE)
    print(f"\napp, loaded at its first paint: {names}; {loaded['modules']} modules in all")
    bare, app = med["bare"], med["app"]
    ratios = {
        "first paint": (app["painted"], bare["painted"], "ms"),
        "library listed": (app["listed"], bare["painted"], "ms"),
        "peak memory": (app["maxrss_mib"], bare["maxrss_mib"], "MiB"),
    }
    verdicts = {}
    print("\ntargets (the bare window's figure for the library listed is its first paint)")
    for name, (value, theirs, unit) in ratios.items():
        ratio = value / theirs
        verdicts[name] = {"app": value, "bare": theirs, "ratio": ratio, "target": TARGETS[name]}
        verdict = "PASS" if ratio <= TARGETS[name] else "MISS"
        print(
            f"  {verdict}  {name}: app {value:.1f} {unit} = {ratio:.2f}x the bare window's "
            f"{theirs:.1f} {unit} (target <= {TARGETS[name]:g}x)"
        )
    return {"medians": med, "verdicts": verdicts}


def main(argv: Sequence[str] | None = None) -> int:
    """Launch, print, optionally write JSON; always 0."""
    args = parse_args(argv)
    if args.child == "seed":
        return seed_settings()
    if args.child:
        return child(args.child, args.settle)
    from PySide6 import __version__ as pyside

    info = {**benchlib.machine_info(), "pyside6": pyside, "platform_qpa": args.platform}
    print("circuit-timer start-up benchmark")
    print(f"date     {info['date']}")
    print(f"machine  {info['platform']}, {info['cpus']} CPUs, load {os.getloadavg()[0]:.2f}")
    print(f"python   {info['python']}, PySide6 {pyside}, QT_QPA_PLATFORM={args.platform}")
    print(f"runs     {args.runs} launches of each kind, interleaved, after 1 warm-up of each")
    if args.runs != RUNS:
        print(f"NOTE     {args.runs} runs, not the {RUNS} the issue asks for: indicative only")
    print()
    runs: list[dict[str, Any]] = []
    imports: list[tuple[str, float]] = []
    with tempfile.TemporaryDirectory(prefix="ct-bench-startup-") as name:
        env = environment(Path(name), args.platform)
        seed = [sys.executable, str(Path(__file__).resolve()), "--child", "seed"]
        subprocess.run(seed, env={**env, "QT_QPA_PLATFORM": "offscreen"}, check=True)
        print("warming up (bytecode, the history database) ...", flush=True)
        for kind in KINDS:
            launch(kind, env, 0.0)
        for n in range(args.runs):
            print(f"run {n + 1}/{args.runs} ...", flush=True)
            for kind in KINDS if n % 2 == 0 else KINDS[::-1]:
                runs.append(launch(kind, env, args.settle)[0])
        print()
        results = report(args, runs)
        if any(v["ratio"] > v["target"] for v in results["verdicts"].values()):
            print("\nprofiling one more app launch with -X importtime ...", flush=True)
            imports = import_times(env)
            print("self ms summed per package (circuit_timer per subpackage):")
            for package, ms in imports:
                print(f"  {package:<28} {ms:>8.1f}")
    if args.json:
        with open(args.json, "w", encoding="utf-8") as out:
            json.dump(
                {"machine": info, "runs": runs, **results, "import_times_ms": imports},
                out,
                indent=2,
            )
        print(f"\nwrote {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
