"""Preferences in the history file: checked on the way in, defaults when unset or spoilt."""

from __future__ import annotations

import pytest

from circuit_timer.store import settings
from circuit_timer.store.history import HistoryStore


def test_every_setting_reads_its_default_when_unset(store: HistoryStore) -> None:
    assert {key: settings.get(store, key) for key in settings.SETTINGS} == {
        "weekly_target": "3",
        "volume": "80",
        "voice": "on",
        "countdown_beeps": "on",
    }


@pytest.mark.parametrize(
    ("key", "given", "stored"),
    [
        ("weekly_target", "5", "5"),
        ("weekly_target", " 07 ", "7"),
        ("volume", "0", "0"),
        ("volume", "100", "100"),
        ("voice", "No", "off"),
        ("voice", "true", "on"),
        ("countdown_beeps", "off", "off"),
    ],
)
def test_a_value_is_stored_as_its_plain_form(
    store: HistoryStore, key: str, given: str, stored: str
) -> None:
    assert settings.put(store, key, given) == stored
    assert settings.get(store, key) == stored
    assert store.setting(key) == stored


@pytest.mark.parametrize(
    ("key", "given", "message"),
    [
        ("weekly_target", "0", "from 1 to 14"),
        ("weekly_target", "15", "from 1 to 14"),
        ("volume", "101", "from 0 to 100"),
        ("volume", "-1", "from 0 to 100"),
        ("volume", "loud", "whole number"),
        ("voice", "maybe", "on or off"),
    ],
)
def test_a_bad_value_is_refused_and_nothing_stored(
    store: HistoryStore, key: str, given: str, message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        settings.put(store, key, given)
    assert store.setting(key) is None


def test_a_spoilt_stored_value_reads_as_the_default(store: HistoryStore) -> None:
    store.set_setting("volume", "very loud")  # written by hand, or by an older version
    store.set_setting("voice", "perhaps")
    assert settings.get(store, "volume") == "80"
    assert settings.is_on(store, "voice")


def test_is_on_follows_the_stored_switch(store: HistoryStore) -> None:
    settings.put(store, "countdown_beeps", "off")
    assert not settings.is_on(store, "countdown_beeps")
    settings.put(store, "countdown_beeps", "yes")
    assert settings.is_on(store, "countdown_beeps")


@pytest.mark.parametrize("stored", ["²", "x", "0", "1" * 5000])
def test_an_unreadable_weekly_target_is_reported_and_reads_as_the_default(
    store: HistoryStore, stored: str
) -> None:
    store.set_setting("weekly_target", stored)
    assert settings.unreadable(store, "weekly_target") == stored
    assert settings.get(store, "weekly_target") == "3"
    assert store.weekly_target() == 3


def test_a_good_or_unset_weekly_target_is_not_unreadable(store: HistoryStore) -> None:
    assert settings.unreadable(store, "weekly_target") is None
    settings.put(store, "weekly_target", "5")
    assert settings.unreadable(store, "weekly_target") is None
