"""The merged library: bundled, user and named files; overrides; duplicates; merge keys."""

from __future__ import annotations

import hashlib
import textwrap
from pathlib import Path

from circuit_timer.core.library import load_library

CIRCUIT = """\
id: {id}
title: {title}
blocks:
  - exercises:
      - {{id: pogo, name: Pogo hops, work: 30}}
"""


def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(textwrap.dedent(text))
    return path


def test_user_file_overrides_bundled_file_with_the_same_id(tmp_path: Path) -> None:
    bundled, user = tmp_path / "bundled", tmp_path / "user"
    write(bundled, "a.yaml", CIRCUIT.format(id="a", title="Bundled A"))
    write(bundled, "b.yaml", CIRCUIT.format(id="b", title="Bundled B"))
    write(user, "mine.yaml", CIRCUIT.format(id="a", title="My A"))
    library = load_library(bundled, user)
    assert library.problems == []
    assert library.entries["a"].document.title == "My A"
    assert library.entries["a"].origin == "user"
    assert library.entries["b"].origin == "bundled"
    # The window and `list` mark the file that hides a bundled one.
    assert library.entries["a"].shadows_bundled
    assert not library.entries["b"].shadows_bundled


def test_a_named_file_over_a_shadowing_user_file_still_shadows_the_bundled_one(
    tmp_path: Path,
) -> None:
    bundled, user = tmp_path / "bundled", tmp_path / "user"
    write(bundled, "a.yaml", CIRCUIT.format(id="a", title="Bundled A"))
    write(user, "mine.yaml", CIRCUIT.format(id="a", title="My A"))
    named = write(tmp_path, "named.yaml", CIRCUIT.format(id="a", title="Named A"))
    write(user, "own.yaml", CIRCUIT.format(id="own", title="Own"))
    library = load_library(bundled, user, [(named, "named.yaml")])
    assert library.entries["a"].origin == "file" and library.entries["a"].shadows_bundled
    assert not library.entries["own"].shadows_bundled


def test_id_defaults_to_the_file_name(tmp_path: Path) -> None:
    write(
        tmp_path,
        "calf-work.yaml",
        "title: C\nblocks:\n  - exercises:\n      - {id: a, name: A, work: 5}\n",
    )
    assert list(load_library(tmp_path, None).entries) == ["calf-work"]


def test_duplicate_ids_in_one_folder_keep_the_first_and_report_the_second(tmp_path: Path) -> None:
    write(tmp_path, "a.yaml", CIRCUIT.format(id="same", title="First"))
    write(tmp_path, "b.yaml", CIRCUIT.format(id="same", title="Second"))
    library = load_library(tmp_path, None)
    assert library.entries["same"].document.title == "First"
    [problem] = library.problems
    assert (Path(problem.path).name, problem.line, problem.col) == ("b.yaml", 1, 5)
    assert "duplicate id 'same'" in problem.message


def test_plans_resolve_against_user_circuits_and_subfolders(tmp_path: Path) -> None:
    user = tmp_path / "user"
    write(user, "mine.yaml", CIRCUIT.format(id="mine", title="Mine"))
    write(
        user / "deep" / "er",
        "my-plan.yaml",
        """\
        title: My plan
        weeks:
          - weeks_out: 0
            sessions:
              - {days_before_race: 3, circuit: mine, adjust: {pogo: {work: 20}}}
        """,
    )
    library = load_library(None, user)
    assert library.problems == []
    assert library.plan("my-plan") is not None


def test_a_plan_with_a_bad_reference_is_left_out_and_reported(tmp_path: Path) -> None:
    write(
        tmp_path,
        "plan.yaml",
        "weeks:\n  - weeks_out: 1\n    sessions:\n      - {day: mon, circuit: nope}\n",
    )
    library = load_library(tmp_path, None)
    assert library.entries == {}
    assert [(p.line, p.col) for p in library.problems] == [(4, 29)]  # the value "nope"


def test_hidden_files_and_other_suffixes_are_ignored(tmp_path: Path) -> None:
    write(tmp_path, ".#a.yaml", "garbage: [")
    write(tmp_path / ".git", "x.yaml", "garbage: [")
    write(tmp_path, "notes.txt", "garbage: [")
    write(tmp_path, "b.yml", CIRCUIT.format(id="b", title="B"))
    library = load_library(tmp_path, None)
    assert library.problems == []
    assert list(library.entries) == ["b"]


def test_anchors_and_merge_keys_work(tmp_path: Path) -> None:
    write(
        tmp_path,
        "merge.yaml",
        """\
        title: Merge
        blocks:
          - exercises:
              - &raise {id: raise-left, name: Heel raise, reps: 12, tempo: 3-2-3}
              - <<: *raise
                id: raise-again
                reps: 10
        """,
    )
    library = load_library(tmp_path, None)
    assert library.problems == []
    circuit = library.circuit("merge")
    assert circuit is not None
    second = circuit.blocks[0].exercises[1]
    assert (second.id, second.reps, second.tempo) == ("raise-again", 10, (3, 2, 3))


def test_a_problem_inside_merged_data_points_at_the_alias(tmp_path: Path) -> None:
    write(
        tmp_path,
        "merge.yaml",
        """\
        title: Merge
        base: &base {sets: 0}
        blocks:
          - exercises:
              - <<: *base
                id: a
                name: A
                work: 30
        """,
    )
    library = load_library(tmp_path, None)
    places = [(p.line, p.col, p.message.split(" ")[0]) for p in library.problems]
    assert (2, 1, "unknown") in places
    assert (5, 13, "'sets'") in places  # the *base alias


def test_image_must_be_a_relative_file_inside_the_folder(tmp_path: Path) -> None:
    (tmp_path / "pics").mkdir()
    (tmp_path / "pics" / "hop.png").write_bytes(b"png")
    body = "title: I\nblocks:\n  - exercises:\n      - {{id: a, name: A, work: 5, image: {}}}\n"
    cases = {
        "pics/hop.png": None,
        str(tmp_path / "pics" / "hop.png"): "must be relative",
        "pics": "is a folder",
        "../outside.png": "leads outside",
        "pics/nope.png": "does not exist",
    }
    for n, (image, expected) in enumerate(cases.items()):
        write(tmp_path, f"c{n}.yaml", body.format(image))
        library = load_library(tmp_path, None)
        mine = [p for p in library.problems if p.path.endswith(f"c{n}.yaml")]
        if expected is None:
            assert mine == []
        else:
            assert len(mine) == 1 and expected in mine[0].message, mine
            assert (mine[0].line, mine[0].col) == (4, 42)  # the image value


def test_a_file_name_that_is_no_id_gets_one_message(tmp_path: Path) -> None:
    write(
        tmp_path,
        "My Circuit.yaml",
        "title: M\nblocks:\n  - exercises:\n      - {id: a, name: A, work: 5}\n",
    )
    [problem] = load_library(tmp_path, None).problems
    assert "file name 'My Circuit' is not a valid id" in problem.message


def test_the_segment_limit_counts_real_segments(tmp_path: Path) -> None:
    # 100 rounds x 1 exercise x 99 holds + 98 rests between them + 1 round rest = 19,900.
    fits = (
        "title: F\nblocks:\n  - rounds: 100\n    exercises:\n"
        "      - {id: a, name: A, hold: 1, reps: 100}\n"
    )
    write(tmp_path, "fits.yaml", fits.replace("reps: 100", "reps: 99"))
    write(tmp_path, "long.yaml", fits.replace("reps: 100", "reps: 100, sides: each"))
    library = load_library(tmp_path, None)
    assert "fits" in library.entries
    [problem] = library.problems
    assert problem.path.endswith("long.yaml") and "too long" in problem.message


def test_an_entry_carries_the_digest_of_the_bytes_it_was_loaded_from(tmp_path: Path) -> None:
    user = tmp_path / "user"
    path = write(user, "a.yaml", CIRCUIT.format(id="a", title="As loaded"))
    loaded = path.read_bytes()
    library = load_library(None, user)
    path.write_text(CIRCUIT.format(id="a", title="Edited after loading"))
    entry = library.entries["a"]
    assert entry.digest == hashlib.sha256(loaded).hexdigest()
    assert entry.digest != hashlib.sha256(path.read_bytes()).hexdigest()
