"""The circuit and plan model: frozen pydantic models that also give the JSON Schema.

Field types carry their own validators (see ``values``) so every message speaks
the circuit author's language, and the schema matches what the loader accepts.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, PlainValidator, WithJsonSchema
from pydantic_core import PydanticCustomError

from circuit_timer.core import values

FORMAT_VERSION = 1

BLOCK_KINDS = ("warmup", "rehab", "strength", "plyometric", "mobility", "cooldown")
SIDES = ("both", "each")
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")

SideChoice = Literal["both", "each"]
BlockKind = Literal["warmup", "rehab", "strength", "plyometric", "mobility", "cooldown"]
Weekday = Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]


def _rule(check: Any) -> Any:
    """Wrap a ``values`` parser so its ValueError becomes a clean pydantic error."""

    def validate(value: Any) -> Any:
        try:
            return check(value)
        except ValueError as exc:
            raise PydanticCustomError("circuit_format", "{reason}", {"reason": str(exc)}) from None

    return PlainValidator(validate)


_DURATION_SCHEMA = {
    "anyOf": [
        {"type": "integer", "minimum": 0, "maximum": values.MAX_DURATION},
        {"type": "string", "pattern": values.DURATION_PATTERN},
    ],
    "description": "Seconds: 45, or '45s', '2m', '1m30s', '1:30'. At most 3600 s.",
}

Duration = Annotated[
    int,
    _rule(lambda v: values.parse_duration(v, positive=False)),
    WithJsonSchema(_DURATION_SCHEMA),
]
PositiveDuration = Annotated[
    int,
    _rule(lambda v: values.parse_duration(v, positive=True)),
    WithJsonSchema(
        {**_DURATION_SCHEMA, "description": "Above 0. " + _DURATION_SCHEMA["description"]}
    ),
]
Count = Annotated[
    int,
    _rule(values.parse_count),
    WithJsonSchema({"type": "integer", "minimum": 1, "maximum": values.MAX_COUNT}),
]
_TEMPO_SCHEMA = {
    "anyOf": [
        {"type": "string", "pattern": values.TEMPO_PATTERN},
        {
            "type": "array",
            "items": {"type": "integer", "minimum": 0, "maximum": values.MAX_TEMPO_PHASE},
            "minItems": 3,
            "maxItems": 4,
        },
    ],
    "description": "Seconds up-hold-down and an optional pause: '3-2-3' or [3, 2, 3].",
}
Tempo = Annotated[tuple[int, ...], _rule(values.parse_tempo), WithJsonSchema(_TEMPO_SCHEMA)]
Slug = Annotated[
    str,
    _rule(values.parse_slug),
    WithJsonSchema({"type": "string", "pattern": values.SLUG_PATTERN}),
]
Text = Annotated[str, _rule(values.parse_text), WithJsonSchema({"type": "string", "minLength": 1})]
SecondsPerRep = Annotated[
    float,
    _rule(values.parse_positive_number),
    WithJsonSchema({"type": "number", "exclusiveMinimum": 0}),
]
Side = Annotated[
    SideChoice,
    _rule(lambda v: values.parse_choice(v, SIDES)),
    WithJsonSchema({"enum": list(SIDES)}),
]
Kind = Annotated[
    BlockKind,
    _rule(lambda v: values.parse_choice(v, BLOCK_KINDS)),
    WithJsonSchema({"enum": list(BLOCK_KINDS)}),
]
WeeksOut = Annotated[
    int,
    _rule(lambda v: values.parse_count(v, low=0, high=52)),
    WithJsonSchema({"type": "integer", "minimum": 0, "maximum": 52}),
]


# Optional keys: absent means None, but an explicit null ("reps:" left empty) is an
# error, so a half-written dose never passes as "not given".
MaybeDuration = Annotated[
    int | None,
    _rule(lambda v: values.parse_duration(v, positive=False)),
    WithJsonSchema(_DURATION_SCHEMA),
]
MaybePositiveDuration = Annotated[
    int | None,
    _rule(lambda v: values.parse_duration(v, positive=True)),
    WithJsonSchema(
        {**_DURATION_SCHEMA, "description": "Above 0. " + _DURATION_SCHEMA["description"]}
    ),
]
MaybeCount = Annotated[
    int | None,
    _rule(values.parse_count),
    WithJsonSchema({"type": "integer", "minimum": 1, "maximum": values.MAX_COUNT}),
]
MaybeTempo = Annotated[
    tuple[int, ...] | None, _rule(values.parse_tempo), WithJsonSchema(_TEMPO_SCHEMA)
]
MaybeText = Annotated[
    str | None, _rule(values.parse_text), WithJsonSchema({"type": "string", "minLength": 1})
]
Flag = Annotated[bool, _rule(values.parse_flag), WithJsonSchema({"type": "boolean"})]
MaybePace = Annotated[
    int | None,
    _rule(values.parse_pace),
    WithJsonSchema(
        {
            "type": "integer",
            "minimum": values.MIN_PACE,
            "maximum": values.MAX_PACE,
            "description": "Beats per minute: a metronome for an open rep set.",
        }
    ),
]
MaybeScale = Annotated[
    float | None,
    _rule(lambda v: values.parse_positive_number(v, high=2)),
    WithJsonSchema({"type": "number", "exclusiveMinimum": 0, "maximum": 2}),
]
MaybeDay = Annotated[
    Weekday | None,
    _rule(lambda v: values.parse_choice(v, WEEKDAYS)),
    WithJsonSchema({"enum": list(WEEKDAYS)}),
]
MaybeDaysBeforeRace = Annotated[
    int | None,
    _rule(lambda v: values.parse_count(v, low=0, high=52 * 7 + 6)),
    WithJsonSchema({"type": "integer", "minimum": 0, "maximum": 52 * 7 + 6}),
]


def _check_format(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"must be a whole number; got {values.describe(value)}")
    if value > FORMAT_VERSION:
        raise ValueError(
            f"is {value}: newer than this circuit-timer understands (it reads format "
            f"{FORMAT_VERSION}); update circuit-timer to use this file"
        )
    if value < 1:
        raise ValueError(f"must be {FORMAT_VERSION}; got {value}")
    return value


FormatVersion = Annotated[
    int, _rule(_check_format), WithJsonSchema({"type": "integer", "const": FORMAT_VERSION})
]


class _Strict(BaseModel):
    # Validators are built at the first validation, not on import: importing the model
    # (as every face does) then costs no schema building before the window can paint.
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Defaults(_Strict):
    """Circuit-wide timings; every key optional."""

    prepare: Duration = 10
    rest: Duration = 30
    rest_between_exercises: Duration = 30
    rest_between_rounds: MaybeDuration = None
    rest_between_reps: Duration = 5
    switch_sides: Duration = 5
    seconds_per_rep: SecondsPerRep = 3

    @property
    def round_rest(self) -> int:
        """Rest between rounds: ``rest_between_exercises`` unless set."""
        if self.rest_between_rounds is None:
            return self.rest_between_exercises
        return self.rest_between_rounds


DoseKind = Literal["timed", "tempo", "open", "hold"]


class Exercise(_Strict):
    """One exercise and its dose (exactly one of timed, tempo reps, open reps, holds).

    ``test`` marks a measurement: an open rep set done to failure, whose reps are only
    what the runner counts. ``pace`` is a metronome (beats per minute) for an open rep
    set. The loader allows both only on open rep sets.
    """

    id: Slug
    name: Text
    sets: Count = 1
    reps: MaybeCount = None
    tempo: MaybeTempo = None
    work: MaybePositiveDuration = None
    hold: MaybePositiveDuration = None
    sides: Side = "both"
    rest: MaybeDuration = None
    load: MaybeText = None
    cues: list[Text] = []
    notes: MaybeText = None
    image: MaybeText = None
    test: Flag = False
    pace: MaybePace = None

    @property
    def dose(self) -> DoseKind:
        """Which of the four doses this exercise has."""
        if self.work is not None:
            return "timed"
        if self.hold is not None:
            return "hold"
        if self.tempo is not None:
            return "tempo"
        return "open"


class Block(_Strict):
    """A group of exercises run ``rounds`` times, circuit style."""

    title: MaybeText = None
    kind: Kind = "strength"
    rounds: Count = 1
    rest_between_rounds: MaybeDuration = None
    exercises: list[Exercise]


class Circuit(_Strict):
    """A circuit file: a top-level ``blocks:`` key."""

    format: FormatVersion = FORMAT_VERSION
    id: Slug
    title: Text
    summary: MaybeText = None
    tags: list[Text] = []
    equipment: list[Text] = []
    defaults: Defaults = Defaults()
    blocks: list[Block]

    def block_title(self, index: int) -> str:
        """A block's title, "Block N" (1-based) when the file gives none."""
        return self.blocks[index].title or f"Block {index + 1}"

    def rest_between_rounds(self, index: int) -> int:
        """Rest between rounds of block ``index``: its own, else the circuit default."""
        own = self.blocks[index].rest_between_rounds
        return self.defaults.round_rest if own is None else own

    def exercise_rest(self, exercise: Exercise) -> int:
        """Rest between sets of ``exercise``."""
        return self.defaults.rest if exercise.rest is None else exercise.rest


class Adjustment(_Strict):
    """A plan's per-session change to one exercise."""

    sets: MaybeCount = None
    reps: MaybeCount = None
    work: MaybePositiveDuration = None
    hold: MaybePositiveDuration = None
    load: MaybeText = None


class Progression(_Strict):
    """A ladder of doses for one exercise that the progression rule moves along.

    ``steps`` are doses from lightest to heaviest (each sets what ``adjust`` may set);
    ``back`` is what "step back" means below the first step (its keys over the first
    step's); ``circuits`` limits the ladder to those circuits of the plan (default:
    every circuit of the plan that has the exercise).
    """

    steps: list[Adjustment]
    back: Adjustment | None = None
    circuits: list[Slug] | None = None


class Session(_Strict):
    """One planned session: a circuit on a weekday or an exact day before the race."""

    day: MaybeDay = None
    days_before_race: MaybeDaysBeforeRace = None
    circuit: Slug
    adjust: dict[Slug, Adjustment] = {}
    scale: MaybeScale = None


class Week(_Strict):
    """The 7 days that end ``7 * weeks_out`` days before race day."""

    weeks_out: WeeksOut
    label: MaybeText = None
    sessions: list[Session] = []


class Plan(_Strict):
    """A plan file: a top-level ``weeks:`` key."""

    format: FormatVersion = FORMAT_VERSION
    id: Slug
    title: Text
    summary: MaybeText = None
    tags: list[Text] = []
    weeks: list[Week]
    progression: dict[Slug, Progression] = {}
