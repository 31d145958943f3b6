"""Preferences kept in the history database, shared by the command line and the window."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the command line's parser lists SETTINGS without opening a store
    from circuit_timer.store.history import HistoryStore

ON_OFF = {"on": "on", "off": "off", "yes": "on", "no": "off", "true": "on", "false": "off"}


def _whole(low: int, high: int) -> Callable[[str], str]:
    def parse(text: str) -> str:
        digits = text.strip()
        # isdigit() alone lets "²" through, which int() then refuses: ASCII digits only,
        # and few enough that int() never meets a 4,300-digit string.
        if not (digits.isascii() and digits.isdecimal() and len(digits) <= 6):
            raise ValueError(f"must be a whole number from {low} to {high}")
        if not low <= int(digits) <= high:
            raise ValueError(f"must be a whole number from {low} to {high}")
        return str(int(digits))

    return parse


def _on_off(text: str) -> str:
    try:
        return ON_OFF[text.strip().lower()]
    except KeyError:
        raise ValueError("must be on or off") from None


@dataclass(frozen=True)
class Setting:
    """One preference: its default, what it means, and how to read a value for it."""

    default: str
    help: str
    parse: Callable[[str], str]


SETTINGS: dict[str, Setting] = {
    "weekly_target": Setting(
        "3", "sessions a week for the weekly streak when no plan is active", _whole(1, 14)
    ),
    "volume": Setting("80", "cue volume, 0 to 100", _whole(0, 100)),
    "voice": Setting("on", "spoken 'Next: ...' cues, where speech is available", _on_off),
    "countdown_beeps": Setting("on", "3-2-1 beeps before each change", _on_off),
}


def get(store: HistoryStore, key: str) -> str:
    """The value of ``key`` (its default when unset or unreadable)."""
    setting = SETTINGS[key]
    stored = store.setting(key)
    if stored is None:
        return setting.default
    try:
        return setting.parse(stored)
    except ValueError:
        return setting.default


def unreadable(store: HistoryStore, key: str) -> str | None:
    """The stored value of ``key`` when it is set but not valid (an old or imported
    value): the caller says once that the default is used instead."""
    stored = store.setting(key)
    if stored is None:
        return None
    try:
        SETTINGS[key].parse(stored)
    except ValueError:
        return stored
    return None


def put(store: HistoryStore, key: str, value: str) -> str:
    """Check and store ``value``; returns it as stored. ValueError if it is not valid."""
    clean = SETTINGS[key].parse(value)
    store.set_setting(key, clean)
    return clean


def is_on(store: HistoryStore, key: str) -> bool:
    """Whether an on/off setting is on."""
    return get(store, key) == "on"
