"""User text made safe to show or hand on: no terminal control codes, no live formulas.

Circuit titles, notes and exercise names come from files and imports the runner may not
have written; printed raw, an ESC sequence could retitle or clear their terminal, and a
CSV cell starting with ``=`` runs as a formula in a spreadsheet.
"""

from __future__ import annotations

import re

# C0 (except tab and newline), DEL and C1: the bytes a terminal acts on.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Spreadsheets read a cell starting with these as a formula (tab and CR too, per OWASP).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def printable(text: str) -> str:
    """``text`` without control characters (newline and tab kept)."""
    return _CONTROL.sub("", text)


def csv_cell(value: object) -> object:
    """A CSV cell no spreadsheet runs: text starting like a formula gets a leading quote."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value
