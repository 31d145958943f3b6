"""Where things live: the shipped library, schema and assets, and the user's data folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from circuit_timer.files import paths


def test_the_shipped_folders_are_there() -> None:
    assert any(paths.bundled_circuits_dir().glob("*.yaml"))
    assert paths.assets_dir().is_dir()
    assert paths.schema_file().is_file()
    assert paths.schema_file().name == "circuit-timer.schema.json"


def test_the_home_variable_chooses_the_user_folder(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv(paths.HOME_ENV, str(tmp_path / "mine"))
    assert paths.user_home() == tmp_path / "mine"
    assert paths.user_circuits_dir() == tmp_path / "mine" / "circuits"


def test_a_home_with_a_tilde_is_the_users_own(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv(paths.HOME_ENV, "~/timer")
    assert paths.user_home() == tmp_path / "timer"


def test_without_the_variable_the_platforms_data_folder_is_used(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv(paths.HOME_ENV)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert paths.user_home() == tmp_path / "data" / "circuit-timer"


def test_a_home_of_an_unknown_user_is_a_home_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(paths.HOME_ENV, "~nosuchuser-circuit-timer/x")
    with pytest.raises(paths.HomeError, match="cannot find that home folder"):
        paths.user_home()
