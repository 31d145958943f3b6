"""The history export file (JSON): one list per table, rows identified by uuid.

Import validates the whole file against these models before writing anything. Every
number and date is bounded as it is at the command line, so the history maths never see
a rep count of 2^63 or a race in year 9999; a value outside is named with its range.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    AwareDatetime,
    BaseModel,
    ConfigDict,
    Field,
    TypeAdapter,
    model_validator,
)
from pydantic_core import PydanticCustomError

from circuit_timer.core.records import MAX_LOAD_KG

FILE_FORMAT = "circuit-timer-history"
# 2: each set says whether its exercise is a test and whether its reps were counted.
# 3: each set can say the load the runner used (load_kg, or bodyweight).
# 4: per plan session, the ladder step each laddered exercise was prescribed (ladder_steps).
FILE_VERSION = 4

# The command line's ranges (commands/dates.py, log --count): the same at every door.
EARLIEST = date(1970, 1, 1)
LATEST = date(2100, 12, 31)
RACE_AHEAD = timedelta(days=730)
MAX_REPS = 1000
# Blocks, rounds and sets are at most 100 in a circuit (200 once a plan scales sets).
MAX_COUNT = 1000
MAX_SET_SECONDS = 86_400.0  # a set longer than a day is not a set
MAX_WEEKS_OUT = 52
# A ladder step: -1 the step below the first, then 0 up; no ladder is near 20 steps long.
MAX_LADDER_STEP = 20


def _within(low: Any, high: Any) -> AfterValidator:
    """A check that names the range: "must be from 0 to 1000, not 9223372036854775807"."""

    def check(value: Any) -> Any:
        # A datetime is compared by its day; NaN compares false and is refused too.
        day = value.date() if isinstance(value, datetime) else value
        if not low <= day <= high:
            raise PydanticCustomError(
                "out_of_range",
                "must be from {low} to {high}, not {value}",
                {"low": str(low), "high": str(high), "value": str(value)},
            )
        return value

    return AfterValidator(check)


def _load_in_range(value: float) -> float:
    # Above 0 (no added load is bodyweight, not 0 kg) and at most what the store takes.
    if not 0 < value <= MAX_LOAD_KG:
        raise PydanticCustomError(
            "out_of_range",
            "must be above 0 and at most {high}, not {value}",
            {"high": f"{MAX_LOAD_KG:g}", "value": str(value)},
        )
    return value


Pain = Annotated[int, _within(0, 10)]
LoadKg = Annotated[float, AfterValidator(_load_in_range)]
Reps = Annotated[int, _within(0, MAX_REPS)]
Uuid = Annotated[str, Field(min_length=1, max_length=64)]
Day = Annotated[date, _within(EARLIEST, LATEST)]
Moment = Annotated[AwareDatetime, _within(EARLIEST, LATEST)]


class _Row(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class SessionRow(_Row):
    """A session as exported."""

    uuid: Uuid
    circuit_id: str
    circuit_title: str | None = None
    circuit_hash: str | None = None
    plan_id: str | None = None
    plan_week: Annotated[int, _within(0, MAX_WEEKS_OUT)] | None = None
    started_at: Moment
    ended_at: Moment | None = None
    local_date: Day
    status: Literal["completed", "partial"]
    source: str = "app"
    notes: str | None = None
    pain_during: Pain | None = None
    pain_after: Pain | None = None


class SetRow(_Row):
    """A set as exported, tied to its session by uuid."""

    session_uuid: Uuid
    block: Annotated[int, _within(0, MAX_COUNT)]
    round: Annotated[int, _within(1, MAX_COUNT)]
    exercise_id: str
    exercise_name: str | None = None
    set_number: Annotated[int, _within(1, MAX_COUNT)]
    side: Literal["left", "right"] | None = None
    reps_target: Reps | None = None
    reps_done: Reps | None = None
    seconds: Annotated[float, _within(0.0, MAX_SET_SECONDS)] | None = None
    load: str | None = None
    dose: Literal["timed", "tempo", "open", "hold"] | None = None
    recorded_at: Moment
    # Absent in a version 1 file: the import then decides as the store's migration did.
    test: bool | None = None
    counted: bool | None = None
    # Absent before version 3: no load was entered.
    load_kg: LoadKg | None = None
    bodyweight: bool = False

    @model_validator(mode="after")
    def _one_load(self) -> SetRow:
        if self.bodyweight and self.load_kg is not None:
            raise PydanticCustomError(
                "two_loads",
                "load_kg must be empty when bodyweight is true, not {kg}",
                {"kg": str(self.load_kg)},
            )
        return self


class LadderStepRow(_Row):
    """The ladder step a plan session prescribed one laddered exercise, tied to its
    session by uuid (``step`` None: the runner ran the plan as written)."""

    session_uuid: Uuid
    exercise_id: Annotated[str, Field(min_length=1, max_length=200)]
    step: Annotated[int, _within(-1, MAX_LADDER_STEP)] | None


class PainRow(_Row):
    """A pain entry as exported."""

    uuid: Uuid
    date: Day
    kind: Literal["morning", "during", "after"]
    value: Pain
    recorded_at: Moment


class EnrolmentRow(_Row):
    """A plan enrolment as exported."""

    uuid: Uuid
    plan_id: str
    race_date: Day
    started_on: Day
    ended_on: Day | None = None
    created_at: Moment

    @model_validator(mode="after")
    def _race_in_reach(self) -> EnrolmentRow:
        # A plan counts back from its race: one started over two years before it is a typo
        # whose schedule would walk thousands of days.
        if self.race_date > self.started_on + RACE_AHEAD:
            raise PydanticCustomError(
                "race_too_far",
                "race_date must be at most two years after started_on ({latest}), not {race}",
                {"latest": str(self.started_on + RACE_AHEAD), "race": str(self.race_date)},
            )
        return self


class HistoryFile(_Row):
    """A whole export."""

    format: Literal["circuit-timer-history"]
    version: Annotated[int, Field(ge=1, le=FILE_VERSION)]
    exported_at: Moment
    sessions: list[SessionRow] = []
    sets: list[SetRow] = []
    ladder_steps: list[LadderStepRow] = []  # absent before version 4
    pain_entries: list[PainRow] = []
    plan_enrolments: list[EnrolmentRow] = []
    settings: dict[str, str] = {}


# The file's own fields, checked one at a time as an import streams the file.
Version: TypeAdapter[int] = TypeAdapter(
    Annotated[int, _within(1, FILE_VERSION)], config=ConfigDict(strict=True)
)
ExportedAt: TypeAdapter[datetime] = TypeAdapter(Moment, config=ConfigDict(strict=True))
