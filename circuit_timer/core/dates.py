"""Dates in words, the same in every locale, for the window and the command line alike.

The day and month names are spelled out here, never taken from ``strftime``'s ``%a``/``%b``
or from QLocale: both follow LC_TIME, which Qt sets from the environment when the window
starts, and every other word on screen is English.

Two forms, as each face has always shown them: the window writes the day as a number
("Tue 1 Dec"); the command line pads it to two digits ("Tue 01 Dec") so its columns of
dates line up in a terminal.
"""

from __future__ import annotations

from datetime import date

DAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
MONTH_NAMES = ("Jan", "Feb", "Mar", "Apr", "May", "Jun",
               "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")  # fmt: skip
FULL_DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
FULL_MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July",
                    "August", "September", "October", "November", "December")  # fmt: skip


def day_month(day: date, *, padded: bool = False) -> str:
    """ "1 Dec"; ``padded``: "01 Dec"."""
    number = f"{day.day:02d}" if padded else str(day.day)
    return f"{number} {MONTH_NAMES[day.month - 1]}"


def day_text(day: date, *, year: bool = False, padded: bool = False) -> str:
    """ "Tue 1 Dec"; with ``year``: "Tue 1 Dec 2026"; ``padded``: "Tue 01 Dec"."""
    text = f"{DAY_NAMES[day.weekday()]} {day_month(day, padded=padded)}"
    return f"{text} {day.year}" if year else text


def long_date(day: date) -> str:
    """ "Saturday 28 November": the Today page's date, in full."""
    return f"{FULL_DAY_NAMES[day.weekday()]} {day.day} {FULL_MONTH_NAMES[day.month - 1]}"


def countdown_text(days: int) -> str:
    """ "19 days to go", "today", "3 days ago"."""
    if days == 0:
        return "today"
    # Not describe.plural: this module stays free of the model, for the lightest import.
    count = f"{abs(days)} day{'s' * (abs(days) != 1)}"
    return f"{count} to go" if days > 0 else f"{count} ago"
