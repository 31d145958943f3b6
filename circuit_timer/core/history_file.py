"""The history export file (JSON): one list per table, rows identified by uuid.

Import validates the whole file against these models before writing anything.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

FILE_FORMAT = "circuit-timer-history"
# 2: each set says whether its exercise is a test and whether its reps were counted.
FILE_VERSION = 2

Pain = Annotated[int, Field(ge=0, le=10)]
Uuid = Annotated[str, Field(min_length=1, max_length=64)]


class _Row(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class SessionRow(_Row):
    """A session as exported."""

    uuid: Uuid
    circuit_id: str
    circuit_title: str | None = None
    circuit_hash: str | None = None
    plan_id: str | None = None
    plan_week: int | None = None
    started_at: AwareDatetime
    ended_at: AwareDatetime | None = None
    local_date: date
    status: Literal["completed", "partial"]
    source: str = "app"
    notes: str | None = None
    pain_during: Pain | None = None
    pain_after: Pain | None = None


class SetRow(_Row):
    """A set as exported, tied to its session by uuid."""

    session_uuid: Uuid
    block: Annotated[int, Field(ge=0)]
    round: Annotated[int, Field(ge=1)]
    exercise_id: str
    exercise_name: str | None = None
    set_number: Annotated[int, Field(ge=1)]
    side: Literal["left", "right"] | None = None
    reps_target: Annotated[int, Field(ge=0)] | None = None
    reps_done: Annotated[int, Field(ge=0)] | None = None
    seconds: Annotated[float, Field(ge=0)] | None = None
    load: str | None = None
    dose: Literal["timed", "tempo", "open", "hold"] | None = None
    recorded_at: AwareDatetime
    # Absent in a version 1 file: the import then decides as the store's migration did.
    test: bool | None = None
    counted: bool | None = None


class PainRow(_Row):
    """A pain entry as exported."""

    uuid: Uuid
    date: date
    kind: Literal["morning", "during", "after"]
    value: Pain
    recorded_at: AwareDatetime


class EnrolmentRow(_Row):
    """A plan enrolment as exported."""

    uuid: Uuid
    plan_id: str
    race_date: date
    started_on: date
    ended_on: date | None = None
    created_at: AwareDatetime


class HistoryFile(_Row):
    """A whole export."""

    format: Literal["circuit-timer-history"]
    version: Annotated[int, Field(ge=1, le=FILE_VERSION)]
    exported_at: AwareDatetime
    sessions: list[SessionRow] = []
    sets: list[SetRow] = []
    pain_entries: list[PainRow] = []
    plan_enrolments: list[EnrolmentRow] = []
    settings: dict[str, str] = {}
