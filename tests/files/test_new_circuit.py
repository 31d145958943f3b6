"""A starter circuit in the user library: an id of its own, never an overwritten file."""

from __future__ import annotations

from pathlib import Path

import pytest

from circuit_timer.core.library import load_library
from circuit_timer.files.new_circuit import BUNDLED, StarterError, create_starter, ids_in_use


def test_a_starter_is_a_valid_circuit_with_the_name_given(tmp_path: Path) -> None:
    path = create_starter("  Hip strength ", tmp_path / "circuits")
    assert path == tmp_path / "circuits" / "hip-strength.yaml"
    library = load_library(None, path.parent)
    assert library.problems == []
    assert library.entries["hip-strength"].document.title == "Hip strength"


def test_ids_in_use_names_the_bundled_ones_and_the_users_files(tmp_path: Path) -> None:
    folder = tmp_path / "circuits"
    mine = create_starter("Hip strength", folder)
    (folder / "broken.yaml").write_text("title: [unclosed\n")
    used = ids_in_use(folder)
    assert used["pf-crash-course"] == BUNDLED
    assert used["hip-strength"] == str(mine)
    assert used["broken"] == str(folder / "broken.yaml")  # by its file name


def test_a_taken_id_gives_the_starter_another(tmp_path: Path) -> None:
    folder = tmp_path / "circuits"
    first = create_starter("PF crash course", folder)  # a bundled id: not taken
    second = create_starter("PF crash course", folder)
    assert first.stem != "pf-crash-course"
    assert len({first, second}) == 2
    assert first.read_text() != second.read_text()


def test_a_name_without_letters_or_digits_is_refused(tmp_path: Path) -> None:
    with pytest.raises(StarterError, match="no letters or digits"):
        create_starter("!!!", tmp_path / "circuits")
    assert not (tmp_path / "circuits").exists()


def test_an_unwritable_folder_says_so_in_one_line(tmp_path: Path) -> None:
    blocked = tmp_path / "file-not-folder"
    blocked.write_text("")
    with pytest.raises(StarterError, match="cannot write") as caught:
        create_starter("Hip strength", blocked / "circuits")
    assert "\n" not in str(caught.value)
