"""Dates in words: the window's and the command line's forms, English in every locale."""

from __future__ import annotations

import locale
import shutil
import subprocess
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest

from circuit_timer.cli import main
from circuit_timer.core.dates import countdown_text, day_month, day_text

GERMAN = "de_DE.UTF-8"


def test_the_windows_form_writes_the_day_as_a_number() -> None:
    assert day_text(date(2026, 12, 1)) == "Tue 1 Dec"
    assert day_text(date(2026, 12, 20), year=True) == "Sun 20 Dec 2026"
    assert day_month(date(2026, 3, 7)) == "7 Mar"


def test_the_command_lines_form_pads_the_day_so_columns_line_up() -> None:
    assert day_text(date(2026, 12, 1), padded=True) == "Tue 01 Dec"
    assert day_text(date(2026, 12, 1), year=True, padded=True) == "Tue 01 Dec 2026"
    assert day_month(date(2026, 3, 7), padded=True) == "07 Mar"
    assert len({len(day_text(date(2026, 11, d), padded=True)) for d in range(1, 31)}) == 1


def test_every_day_and_month_has_its_english_name() -> None:
    week = [day_text(date(2026, 11, 30) + timedelta(days=n)) for n in range(7)]
    assert [w.split()[0] for w in week] == ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    months = [day_month(date(2026, m, 1)).split()[1] for m in range(1, 13)]
    assert months == [
        "Jan",
        "Feb",
        "Mar",
        "Apr",
        "May",
        "Jun",
        "Jul",
        "Aug",
        "Sep",
        "Oct",
        "Nov",
        "Dec",
    ]


@pytest.mark.parametrize(
    ("days", "words"), [(0, "today"), (1, "1 day to go"), (19, "19 days to go"), (-1, "1 day ago")]
)
def test_countdown(days: int, words: str) -> None:
    assert countdown_text(days) == words


@pytest.fixture(scope="module")
def german_locales(tmp_path_factory: pytest.TempPathFactory) -> Path | None:
    """Where a German locale was built for these tests (None: one is installed)."""
    saved = locale.setlocale(locale.LC_TIME)
    try:
        locale.setlocale(locale.LC_TIME, GERMAN)
        return None
    except locale.Error:
        pass
    finally:
        locale.setlocale(locale.LC_TIME, saved)
    localedef = shutil.which("localedef")
    if localedef is None:
        pytest.skip("no German locale and no localedef to build one")
    folder = tmp_path_factory.mktemp("locales")
    built = subprocess.run(
        [localedef, "-i", "de_DE", "-f", "UTF-8", str(folder / GERMAN)],
        capture_output=True,
        check=False,
    )
    if not (folder / GERMAN).is_dir():
        pytest.skip(f"localedef could not build {GERMAN}: {built.stderr.decode()[-200:]}")
    return folder


@pytest.fixture
def german_time(german_locales: Path | None, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """LC_TIME set to German for the test (as Qt sets it from LANG when the window starts)."""
    if german_locales is not None:
        # glibc reads LOCPATH on each setlocale call.
        monkeypatch.setenv("LOCPATH", str(german_locales))
    saved = locale.setlocale(locale.LC_TIME)
    locale.setlocale(locale.LC_TIME, GERMAN)
    try:
        # The locale took: strftime now says German words.
        assert f"{date(2026, 12, 1):%a %b}" == "Di Dez"
        yield
    finally:
        locale.setlocale(locale.LC_TIME, saved)


def test_the_words_stay_english_under_a_german_locale(german_time: None) -> None:
    assert day_text(date(2026, 12, 1), year=True) == "Tue 1 Dec 2026"
    assert day_text(date(2026, 12, 1), padded=True) == "Tue 01 Dec"
    assert day_month(date(2026, 3, 7), padded=True) == "07 Mar"


def test_the_command_line_says_its_dates_in_english_under_a_german_locale(
    german_time: None, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["plan", "start", "pf-crash-course-4-weeks", "--race-date", "2026-12-20"]
    assert main([*argv, "--as-of", "2026-11-16"]) == 0
    assert main(["plan", "status", "--as-of", "2026-11-29"]) == 0
    out = capsys.readouterr().out
    assert "toward your race on Sun 20 Dec 2026 (34 days)." in out
    assert "Tue 17 Nov  heel-raise-test" in out and "Tue 01 Dec  heel-raise-test" in out
