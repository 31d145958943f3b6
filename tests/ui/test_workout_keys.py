"""The workout page's keys: one key, one act; the finish question and the notes first."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pytest
from PySide6.QtCore import Qt

from circuit_timer.ui.workout_keys import handle_key

K = Qt.Key


@dataclass
class Recorder:
    """Stands in for the controller, the finish bar and the notes panel: records calls."""

    calls: list[tuple[str, tuple[Any, ...]]] = field(default_factory=list)

    def __getattr__(self, name: str) -> Any:
        def record(*args: Any, **keywords: Any) -> None:
            self.calls.append((name, (*args, *keywords.items())))

        return record


@dataclass
class FakePage:
    controller: Recorder | None = field(default_factory=Recorder)
    asking: bool = False
    reading: bool = False
    finish_bar: Recorder = field(default_factory=Recorder)
    notes_panel: Recorder = field(default_factory=Recorder)
    toggled: int = 0

    def toggle_notes(self) -> None:
        self.toggled += 1


def press(page: FakePage, key: K) -> bool:
    return handle_key(page, key)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("key", "call"),
    [
        (K.Key_Space, ("toggle_pause", ())),
        (K.Key_Return, ("done", ())),
        (K.Key_Enter, ("done", ())),
        (K.Key_Up, ("count_rep", (1,))),
        (K.Key_Plus, ("count_rep", (1,))),
        (K.Key_Equal, ("count_rep", (1,))),
        (K.Key_Down, ("count_rep", (-1,))),
        (K.Key_Minus, ("count_rep", (-1,))),
        (K.Key_Right, ("skip", ())),
        (K.Key_Left, ("back", ())),
    ],
)
def test_each_key_does_one_thing(key: K, call: tuple[str, tuple[Any, ...]]) -> None:
    page = FakePage()
    assert press(page, key)
    assert page.controller is not None and page.controller.calls == [call]


def test_other_keys_and_a_page_without_a_workout_do_nothing() -> None:
    page = FakePage()
    assert not press(page, K.Key_X)
    assert not press(FakePage(controller=None), K.Key_Space)
    assert page.controller is not None and page.controller.calls == []


@pytest.mark.parametrize("key", [K.Key_Escape, K.Key_Return, K.Key_Enter])
def test_while_asking_escape_and_enter_mean_keep_going(key: K) -> None:
    page = FakePage(asking=True)
    assert press(page, key)
    assert page.finish_bar.calls == [("choose_keep", ())]
    assert page.controller is not None and page.controller.calls == []  # Enter is not Done


def test_i_opens_and_closes_the_notes() -> None:
    page = FakePage()
    assert press(page, K.Key_I) and press(page, K.Key_I)
    assert page.toggled == 2


def test_while_reading_escape_closes_the_notes_and_page_keys_scroll_them() -> None:
    page = FakePage(reading=True)
    assert press(page, K.Key_PageDown) and press(page, K.Key_PageUp)
    assert press(page, K.Key_Escape)
    assert page.notes_panel.calls == [
        ("page", (("down", True),)),
        ("page", (("down", False),)),
        ("close_panel", ()),
    ]
    assert not press(FakePage(), K.Key_Escape)  # not reading: Escape means nothing
