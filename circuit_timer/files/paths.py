"""Where things live: the bundled library, its schema and assets, the user data folder."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "circuit-timer"
HOME_ENV = "CIRCUIT_TIMER_HOME"

_PACKAGE = Path(__file__).resolve().parent.parent


def _shipped(name: str) -> Path:
    """A data folder: inside the package when installed from a wheel, else the checkout's."""
    inside = _PACKAGE / name
    return inside if inside.is_dir() else _PACKAGE.parent / name


def bundled_circuits_dir() -> Path:
    """The bundled circuit and plan library."""
    return _shipped("circuits")


def assets_dir() -> Path:
    """Icons, sounds and other shipped files."""
    return _shipped("assets")


def schema_file() -> Path:
    """The JSON Schema file that bundled circuits name for editors."""
    return _shipped("schema") / "circuit-timer.schema.json"


class HomeError(Exception):
    """``$CIRCUIT_TIMER_HOME`` names a folder that cannot be found (``~nosuchuser``)."""


def user_home() -> Path:
    """The user data folder: ``$CIRCUIT_TIMER_HOME`` if set, else the platform's."""
    override = os.environ.get(HOME_ENV)
    if override:
        try:
            return Path(override).expanduser()
        except RuntimeError:
            # Path.expanduser's way of saying "no such user": never a traceback.
            raise HomeError(
                f"{HOME_ENV}={override}: cannot find that home folder; give a full path"
            ) from None
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def user_circuits_dir() -> Path:
    """The user's own circuits and plans."""
    return user_home() / "circuits"
