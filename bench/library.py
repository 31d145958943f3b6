"""How long loading and validating a large circuit library takes.

Generates 500 valid circuits of realistic size into a temporary folder (blocks and
exercises drawn from the bundled circuits, with their cues and notes, at varied doses:
reps, tempo, timed work, holds, one side or each), then times ``load_library`` on that
folder (median of 5), the cost per file, and how the time splits between reading the
YAML, pydantic validation and compiling the timeline.

    .venv/bin/python bench/library.py
    .venv/bin/python bench/library.py --files 100      # fewer files, to try it out

It always exits 0: it is a benchmark, run by hand, not a test.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import pstats
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import benchlib
import yaml

from circuit_timer.core.library import load_library
from circuit_timer.core.model import Circuit
from circuit_timer.core.timeline import compile_timeline
from circuit_timer.core.validation import MAX_SEGMENTS, parse_document
from circuit_timer.core.yaml_source import read_yaml_bytes
from circuit_timer.files import paths

FILES = 500
REPEATS = 5
TARGET_SECONDS = 1.0
HEADER = (
    "# yaml-language-server: $schema=../schema/circuit-timer.schema.json\n"
    "# Not a substitute for a clinician: see a physio or doctor if pain is sharp, worsening,"
    " or does not settle.\n"
)


# -- the generated library ------------------------------------------------------------


def exercise_pool() -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Every exercise and every block of the bundled circuits, as plain data."""
    exercises: list[dict[str, Any]] = []
    blocks: list[dict[str, Any]] = []
    for path in sorted(paths.bundled_circuits_dir().glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for block in data.get("blocks", []):
            blocks.append({k: v for k, v in block.items() if k != "exercises"})
            exercises.extend(block["exercises"])
    return exercises, blocks


def vary_dose(exercise: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    """The exercise with a new, valid dose: reps (maybe tempo), timed work, or holds."""
    out = {k: v for k, v in exercise.items() if k not in ("reps", "tempo", "work", "hold")}
    out.pop("image", None)  # the image files are not copied
    kind = rng.choice(("reps", "reps", "tempo", "work", "hold"))
    if kind in ("reps", "tempo"):
        out["reps"] = rng.randint(6, 15)
        if kind == "tempo":
            out["tempo"] = rng.choice(("3-1-3", "2-0-2", "3-2-3", "1-1-3"))
    elif kind == "work":
        out["work"] = rng.choice((20, 30, 45, "1m", "1m30s"))
    else:
        out["hold"] = rng.choice((10, 20, 30, 45))
        out["reps"] = rng.randint(2, 5)
    out["sets"] = rng.randint(1, 4)
    out["sides"] = rng.choice(("both", "both", "each"))
    out["rest"] = rng.choice((10, 15, 30, 45, 60))
    return out


def make_circuit(n: int, pool: list[dict[str, Any]], kinds: list[dict[str, Any]],
                 rng: random.Random) -> dict[str, Any]:  # fmt: skip
    """One circuit: 2-4 blocks of 2-4 exercises, about the size of the bundled ones."""
    blocks = []
    for b in range(rng.randint(2, 4)):
        head = rng.choice(kinds)
        block: dict[str, Any] = {"title": head.get("title", f"Block {b + 1}")}
        if "kind" in head:
            block["kind"] = head["kind"]
        if rng.random() < 0.3:
            block["rounds"] = rng.randint(2, 3)
        chosen = rng.sample(pool, rng.randint(2, 4))
        block["exercises"] = [
            {**vary_dose(ex, rng), "id": f"{ex['id']}-{b + 1}-{k + 1}"}
            for k, ex in enumerate(chosen)
        ]
        blocks.append(block)
    return {
        "format": 1,
        "id": f"generated-{n:04d}",
        "title": f"Generated circuit {n}",
        "summary": "A circuit made by the library benchmark from the bundled exercises.",
        "tags": rng.sample(["strength", "rehab", "mobility", "race-prep", "feet", "hips"], 2),
        "equipment": rng.sample(["step", "towel", "resistance band", "backpack", "chair"], 2),
        "defaults": {"prepare": 10, "rest": 30, "rest_between_exercises": 15},
        "blocks": blocks,
    }


def generate(folder: Path, count: int, seed: int) -> list[Path]:
    """Write ``count`` circuits into ``folder``."""
    rng = random.Random(seed)
    pool, kinds = exercise_pool()
    written = []
    for n in range(count):
        data = make_circuit(n, pool, kinds, rng)
        path = folder / f"{data['id']}.yaml"
        text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=88)
        path.write_text(HEADER + text, encoding="utf-8")
        written.append(path)
    return written


# -- timing -------------------------------------------------------------------------------


def timed(action: Callable[[], object], repeats: int) -> list[float]:
    """Seconds of each of ``repeats`` runs of ``action``, after one warm-up run."""
    action()
    runs = []
    for _ in range(repeats):
        started = time.perf_counter()
        action()
        runs.append(time.perf_counter() - started)
    return runs


@dataclass
class Phases:
    """Seconds for all files in each phase of loading, timed apart (median of 3)."""

    read_files: float
    yaml: float
    validate_total: float  # parse_document: structure checks, pydantic and compile
    pydantic: float  # Circuit.model_validate on the parsed data
    compile: float  # compile_timeline on the validated circuits


def phases(files: Sequence[Path]) -> Phases:
    """Time each phase on its own, in the order load_library runs them."""
    raws = [(p, p.read_bytes()) for p in files]
    located = [(p, read_yaml_bytes(raw, str(p))) for p, raw in raws]
    circuits = [Circuit.model_validate(loc.data) for _, loc in located]

    def med(action: Callable[[], object]) -> float:
        return statistics.median(timed(action, 3))

    return Phases(
        read_files=med(lambda: [p.read_bytes() for p in files]),
        yaml=med(lambda: [read_yaml_bytes(raw, str(p)) for p, raw in raws]),
        validate_total=med(
            lambda: [parse_document(loc, str(p), p.stem, folder=p.parent) for p, loc in located]
        ),
        pydantic=med(lambda: [Circuit.model_validate(loc.data) for _, loc in located]),
        compile=med(lambda: [compile_timeline(c, max_segments=MAX_SEGMENTS) for c in circuits]),
    )


def profile_shares(folder: Path) -> tuple[dict[str, float], str]:
    """Share of one profiled load_library spent under YAML, pydantic and compile."""
    profiler = cProfile.Profile()
    profiler.enable()
    load_library(folder, None)
    profiler.disable()
    stats = pstats.Stats(profiler)
    raw: dict[Any, Any] = stats.stats  # type: ignore[attr-defined]
    total = max(ct for (_, _, name), (_, _, _, ct, _) in raw.items() if name == "load_library")

    def cumulative(file_end: str, function: str) -> float:
        return sum(
            ct
            for (file, _, name), (_, _, _, ct, _) in raw.items()
            if name == function and file.endswith(file_end)
        )

    shares = {
        "YAML (read_yaml_bytes)": cumulative("yaml_source.py", "read_yaml_bytes"),
        "pydantic (model_validate)": cumulative("main.py", "model_validate"),
        "compile (compile_timeline)": cumulative("timeline.py", "compile_timeline"),
    }
    shares["everything else"] = total - sum(shares.values())
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("tottime").print_stats(10)
    text = out.getvalue()
    start = text.find("   ncalls")
    return {k: v / total for k, v in shares.items()}, text[start:].rstrip()


# -- output -------------------------------------------------------------------------------


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    """The command line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--files", type=int, default=FILES, help="circuits to generate")
    parser.add_argument("--repeats", type=int, default=REPEATS, help="timed loads")
    parser.add_argument("--seed", type=int, default=1, help="seed of the generated circuits")
    parser.add_argument("--json", metavar="FILE", help="also write the results here")
    return parser.parse_args(argv)


def machine_info() -> dict[str, Any]:
    """Where and when this was measured, and what this benchmark depends on."""
    return {
        **benchlib.machine_info(),
        "pyyaml": f"{yaml.__version__} (libyaml available: {yaml.__with_libyaml__})",
    }


def main(argv: Sequence[str] | None = None) -> int:
    """Generate, time, print, optionally write JSON; always 0."""
    args = parse_args(argv)
    info = machine_info()
    print("circuit-timer library benchmark")
    print(f"date     {info['date']}")
    print(f"machine  {info['platform']}, {info['cpus']} CPUs")
    print(f"python   {info['python']}, PyYAML {info['pyyaml']}")
    if args.files != FILES:
        print(f"NOTE     {args.files} files, not the {FILES} the issue asks for: indicative only")
    print()
    with tempfile.TemporaryDirectory(prefix="ct-bench-library-") as name:
        folder = Path(name)
        files = generate(folder, args.files, args.seed)
        library = load_library(folder, None)
        sizes = [p.stat().st_size for p in files]
        exercises = [
            sum(len(b.exercises) for b in e.document.blocks)
            for e in library.entries.values()
            if isinstance(e.document, Circuit)
        ]
        segments = [
            len(compile_timeline(e.document).segments)
            for e in library.entries.values()
            if isinstance(e.document, Circuit)
        ]
        print(
            f"library  {len(files)} generated circuits, {sum(sizes) / 1e6:.2f} MB; per file "
            f"{min(sizes):,}-{max(sizes):,} bytes (median {statistics.median(sizes):,.0f}), "
            f"{min(exercises)}-{max(exercises)} exercises, "
            f"{min(segments)}-{max(segments)} timeline segments"
        )
        print(f"loaded   {len(library.entries)} circuits, {len(library.problems)} problems")
        for problem in library.problems[:5]:
            print(f"  problem: {problem}")
        print()
        print(f"timing load_library ({args.repeats} runs) ...", flush=True)
        runs = timed(lambda: load_library(folder, None), args.repeats)
        median = statistics.median(runs)
        print("timing each phase ...", flush=True)
        split = phases(files)
        shares, top = profile_shares(folder)
    per_file_ms = median / len(files) * 1000
    met = median < TARGET_SECONDS

    print()
    head = f"{'figure':<38} {'value':>12} {'target':>10}  verdict"
    print(head)
    print("-" * len(head))
    print(
        f"{'load_library, all files (median)':<38} {median:>10.3f} s {'< 1 s':>10}  "
        f"{'PASS' if met else 'MISS'}"
    )
    print(f"{'  best / worst of ' + str(len(runs)):<38} {min(runs):>6.3f}/{max(runs):.3f} s")
    print(f"{'  per file':<38} {per_file_ms:>9.2f} ms {TARGET_SECONDS / FILES * 1000:>7.1f} ms")
    print()
    print(f"each phase alone, all {len(files)} files (median of 3):")
    rows = [
        ("read the files", split.read_files),
        ("YAML: read_yaml_bytes", split.yaml),
        ("validate: parse_document", split.validate_total),
        ("  of which pydantic model_validate", split.pydantic),
        ("  of which compile_timeline", split.compile),
    ]
    for label, seconds in rows:
        print(
            f"  {label:<36} {seconds:>7.3f} s {seconds / len(files) * 1000:>7.2f} ms/file "
            f"{seconds / median * 100:>5.0f}% of a load"
        )
    print()
    print("share of one profiled load_library (cProfile, cumulative):")
    for label, share in shares.items():
        print(f"  {label:<36} {share * 100:>5.0f}%")
    print()
    print("profile of one load_library (own time, top 10):")
    print(top)
    print()
    print("targets")
    print(
        f"  {'PASS' if met else 'MISS'}  load and validate {len(files)} circuits: "
        f"{median:.3f} s (target < {TARGET_SECONDS:g} s)"
        + ("" if args.files == FILES else f" [only {args.files} files]")
    )
    if args.json:
        with open(args.json, "w", encoding="utf-8") as out:
            json.dump(
                {
                    "machine": info,
                    "files": len(files),
                    "bytes": sum(sizes),
                    "loaded": len(library.entries),
                    "problems": [str(p) for p in library.problems],
                    "runs_s": runs,
                    "median_s": median,
                    "per_file_ms": per_file_ms,
                    "phases_s": asdict(split),
                    "profile_shares": shares,
                    "target_s": TARGET_SECONDS,
                    "met": met,
                },
                out,
                indent=2,
            )
        print(f"\nwrote {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
