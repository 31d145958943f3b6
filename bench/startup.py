"""How long the app takes from launch to its first painted window, and its peak memory,
beside a bare PySide6 window measured in the same run.

Each launch is a fresh interpreter (a subprocess of this script, offscreen, with a private
CIRCUIT_TIMER_HOME and XDG_CONFIG_HOME in a temporary folder, so no first-run dialog
blocks and no user data is touched). The parent notes the monotonic clock just before
starting the child; the child notes it when the main window gets its first paint event,
reports its peak memory (ru_maxrss) and exits. Launch to first paint is the difference.
The two kinds of launch are interleaved, 7 each, after one warm-up launch of each (which
also creates the app's history database, so the runs measure a returning user).

The app is started the way ``run_app`` starts it (``make_application``,
``favour_cue_thread``, ``MainWindow(speed=1.0)``, ``show()``), without the first-run dialog.
The bare window is a QApplication and a QMainWindow holding a QLabel.

    .venv/bin/python bench/startup.py
    .venv/bin/python bench/startup.py --runs 3     # quicker, below the 7 asked for

It always exits 0: it is a benchmark, run by hand, not a test.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

RUNS = 7
TARGET_RATIO = 1.5
CHILD_TIMEOUT_S = 60
KINDS = ("bare", "app")


# -- the child: one launch ----------------------------------------------------------------


def vm_hwm_kib() -> int | None:
    """Peak resident set size from /proc (Linux), in KiB."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return None


def child(kind: str) -> int:
    """Open one window, note when it is first painted, print the figures as JSON, exit."""
    started = time.monotonic()  # the interpreter has started and run this far
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

    imported = time.monotonic()
    painted: list[float] = []

    class FirstPaint(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint and not painted:
                painted.append(time.monotonic())
                QTimer.singleShot(0, QApplication.quit)
            return False

    window: QMainWindow
    if kind == "bare":
        app = QApplication(["bare-window"])
        window = QMainWindow()
        window.setWindowTitle("bare")
        window.setCentralWidget(QLabel("A bare PySide6 window"))
        window.resize(1100, 760)
    else:
        from circuit_timer.session.cue_scheduler import favour_cue_thread
        from circuit_timer.ui.app import make_application
        from circuit_timer.ui.main_window import MainWindow

        imported = time.monotonic()
        app = make_application()
        favour_cue_thread()
        window = MainWindow(speed=1.0)
    built = time.monotonic()
    watcher = FirstPaint()
    window.installEventFilter(watcher)
    window.show()
    QTimer.singleShot(CHILD_TIMEOUT_S * 1000, QApplication.quit)  # never hang the bench
    app.exec()
    usage = resource.getrusage(resource.RUSAGE_SELF)
    print(
        json.dumps(
            {
                "kind": kind,
                "started": started,
                "imported": imported,
                "built": built,
                "painted": painted[0] if painted else None,
                "maxrss_kib": usage.ru_maxrss,  # KiB on Linux
                "vm_hwm_kib": vm_hwm_kib(),
                "cpu_s": usage.ru_utime + usage.ru_stime,
            }
        ),
        flush=True,
    )
    return 0


# -- the parent: launches and statistics -------------------------------------------------


@dataclass
class Launch:
    """One launch, seconds from the parent's Popen."""

    kind: str
    to_main_s: float  # interpreter start-up until this script's code ran
    to_imported_s: float  # ... until PySide6 (and for the app, circuit_timer's UI) imported
    to_built_s: float  # ... until the window was built (imports and construction)
    to_paint_s: float  # ... until its first paint event: the figure judged
    wall_s: float  # ... until the process had exited
    maxrss_mib: float
    cpu_s: float


def environment(home: Path) -> dict[str, str]:
    """The child's environment: offscreen, private data and config folders."""
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["CIRCUIT_TIMER_HOME"] = str(home / "data")
    env["XDG_CONFIG_HOME"] = str(home / "config")
    env["XDG_CACHE_HOME"] = str(home / "cache")
    env.pop("PYTHONPROFILEIMPORTTIME", None)
    return env


def launch(kind: str, env: dict[str, str], extra: Sequence[str] = ()) -> tuple[Launch, str]:
    """Start one child and measure it; also return its stderr."""
    script = str(Path(__file__).resolve())
    started = time.monotonic()
    proc = subprocess.Popen(
        [sys.executable, *extra, script, "--child", kind],
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
    figures = json.loads(lines[-1])
    if figures["painted"] is None:
        raise RuntimeError(f"{kind} window was never painted within {CHILD_TIMEOUT_S} s")
    return (
        Launch(
            kind=kind,
            to_main_s=figures["started"] - started,
            to_imported_s=figures["imported"] - started,
            to_built_s=figures["built"] - started,
            to_paint_s=figures["painted"] - started,
            wall_s=ended - started,
            maxrss_mib=figures["maxrss_kib"] / 1024,
            cpu_s=figures["cpu_s"],
        ),
        err,
    )


def import_times(env: dict[str, str], top: int = 12) -> list[tuple[str, float]]:
    """`python -X importtime` of one app launch: import time (self, summed) per package.

    Self times are summed per top-level package name, so what circuit_timer pulls in
    (pyqtgraph, numpy, pydantic) shows under its own name. importtime itself slows the
    imports down, so read the shares, not the absolute numbers.
    """
    _, err = launch("app", env, ("-X", "importtime"))
    per_package: dict[str, float] = {}
    for line in err.splitlines():
        if not line.startswith("import time:") or "cumulative" in line:
            continue
        _, _, rest = line.partition(":")
        self_us, _cumulative_us, name = rest.split("|")
        package = name.strip().split(".")[0]
        per_package[package] = per_package.get(package, 0.0) + int(self_us) / 1000
    return sorted(per_package.items(), key=lambda item: -item[1])[:top]


def machine_info() -> dict[str, Any]:
    """Where and when this was measured."""
    from PySide6 import __version__ as pyside

    return {
        "date": datetime.now().astimezone().isoformat(timespec="seconds"),
        "platform": platform.platform(),
        "machine": platform.machine(),
        "cpus": os.cpu_count(),
        "python": f"{platform.python_implementation()} {platform.python_version()}",
        "pyside6": pyside,
    }


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    """The command line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--runs", type=int, default=RUNS, help="launches of each kind")
    parser.add_argument("--json", metavar="FILE", help="also write the results here")
    parser.add_argument("--child", choices=KINDS, help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    """Launch, print, optionally write JSON; always 0."""
    args = parse_args(argv)
    if args.child:
        return child(args.child)
    info = machine_info()
    print("circuit-timer start-up benchmark")
    print(f"date     {info['date']}")
    print(f"machine  {info['platform']}, {info['cpus']} CPUs")
    print(f"python   {info['python']}, PySide6 {info['pyside6']}, QT_QPA_PLATFORM=offscreen")
    print(f"runs     {args.runs} launches of each kind, interleaved, after 1 warm-up of each")
    if args.runs != RUNS:
        print(f"NOTE     {args.runs} runs, not the {RUNS} the issue asks for: indicative only")
    print()
    launches: list[Launch] = []
    imports: list[tuple[str, float]] = []
    with tempfile.TemporaryDirectory(prefix="ct-bench-startup-") as name:
        env = environment(Path(name))
        print("warming up ...", flush=True)
        for kind in KINDS:
            launch(kind, env)
        for n in range(args.runs):
            print(f"run {n + 1}/{args.runs} ...", flush=True)
            for kind in KINDS if n % 2 == 0 else KINDS[::-1]:
                launches.append(launch(kind, env)[0])
        medians = {
            kind: {
                field: statistics.median(getattr(x, field) for x in launches if x.kind == kind)
                for field in (
                    "to_main_s",
                    "to_imported_s",
                    "to_built_s",
                    "to_paint_s",
                    "wall_s",
                    "maxrss_mib",
                    "cpu_s",
                )
            }
            for kind in KINDS
        }
        paint_ratio = medians["app"]["to_paint_s"] / medians["bare"]["to_paint_s"]
        memory_ratio = medians["app"]["maxrss_mib"] / medians["bare"]["maxrss_mib"]
        missed = paint_ratio > TARGET_RATIO or memory_ratio > TARGET_RATIO
        if missed:
            print("profiling one app launch with -X importtime ...", flush=True)
            imports = import_times(env)
    print()

    head = (
        f"{'window':<8} {'python up ms':>12} {'imported ms':>11} {'built ms':>9} "
        f"{'first paint ms':>14} {'exit ms':>8} {'CPU s':>6} {'peak RSS MiB':>12}"
    )
    print(f"medians of {args.runs}, from the parent's Popen")
    print(head)
    print("-" * len(head))
    for kind in KINDS:
        m = medians[kind]
        print(
            f"{kind:<8} {m['to_main_s'] * 1000:>12.0f} {m['to_imported_s'] * 1000:>11.0f} "
            f"{m['to_built_s'] * 1000:>9.0f} "
            f"{m['to_paint_s'] * 1000:>14.0f} {m['wall_s'] * 1000:>8.0f} {m['cpu_s']:>6.2f} "
            f"{m['maxrss_mib']:>12.1f}"
        )
    print()
    print("every launch, first paint ms (peak RSS MiB)")
    for kind in KINDS:
        runs = [x for x in launches if x.kind == kind]
        print(
            f"  {kind:<5} "
            + "  ".join(f"{x.to_paint_s * 1000:.0f} ({x.maxrss_mib:.0f})" for x in runs)
        )
    print()
    if imports:
        print("app launch, -X importtime, self ms summed per package (top 12):")
        for package, ms in imports:
            print(f"  {package:<28} {ms:>8.1f}")
        print()
    print("targets")
    bare, app = medians["bare"], medians["app"]
    print(
        f"  {'PASS' if paint_ratio <= TARGET_RATIO else 'MISS'}  launch to first paint: app "
        f"{app['to_paint_s'] * 1000:.0f} ms = {paint_ratio:.2f}x the bare window's "
        f"{bare['to_paint_s'] * 1000:.0f} ms (target <= {TARGET_RATIO:g}x)"
    )
    print(
        f"  {'PASS' if memory_ratio <= TARGET_RATIO else 'MISS'}  peak memory: app "
        f"{app['maxrss_mib']:.1f} MiB = {memory_ratio:.2f}x the bare window's "
        f"{bare['maxrss_mib']:.1f} MiB (target <= {TARGET_RATIO:g}x)"
    )
    if args.json:
        with open(args.json, "w", encoding="utf-8") as out:
            json.dump(
                {
                    "machine": info,
                    "runs": args.runs,
                    "launches": [asdict(x) for x in launches],
                    "medians": medians,
                    "paint_ratio": paint_ratio,
                    "memory_ratio": memory_ratio,
                    "target_ratio": TARGET_RATIO,
                    "import_times_ms": imports,
                },
                out,
                indent=2,
            )
        print(f"\nwrote {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
