"""Turn located YAML data into a Circuit or Plan, or into problems with places.

Three passes: a structural pass on the raw data (doses, duplicate ids, one of two
keys), pydantic for types and keys, then checks that need clean values (days
before the race, images, size). Each problem points at the key or value at fault.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Iterator, Sequence
from pathlib import Path as FsPath
from typing import Any

from pydantic import BaseModel, ValidationError

from circuit_timer.core import values
from circuit_timer.core.ladder import ladder_shape_problems
from circuit_timer.core.model import Circuit, Exercise, Plan
from circuit_timer.core.problems import FileProblems, Problem
from circuit_timer.core.suggest import closest
from circuit_timer.core.timeline import TimelineTooLong, compile_timeline
from circuit_timer.core.yaml_source import Located
from circuit_timer.core.yaml_source import Path as DataPath

DOSE_KEYS = ("work", "reps", "tempo", "hold")
DOSE_HELP = "give one dose: 'work' (timed), 'reps' with or without 'tempo', or 'hold' (+ 'reps')"
MAX_SEGMENTS = 20_000

_WHAT = {
    "Circuit": "the circuit",
    "Plan": "the plan",
    "Defaults": "'defaults'",
    "Block": "this block",
    "Exercise": "this exercise",
    "Week": "this week",
    "Session": "this session",
    "Adjustment": "this adjustment",
    "Progression": "this ladder",
}


class _Collector:
    def __init__(self, path: str, located: Located) -> None:
        self.path = path
        self.located = located
        self.problems: list[Problem] = []

    def at_value(self, where: DataPath, message: str) -> None:
        self.problems.append(Problem(self.path, *self.located.value_at(where), message))

    def at_key(self, where: DataPath, message: str) -> None:
        self.problems.append(Problem(self.path, *self.located.key_at(where), message))

    def later_key(self, where: DataPath, keys: Sequence[str]) -> str:
        """Of ``keys`` under ``where``, the one written last (the one to blame)."""
        return max(keys, key=lambda k: self.located.key_at((*where, k)))


def _items(data: Any, key: str) -> Iterator[tuple[int, dict[str, Any]]]:
    """Index and mapping of each mapping in the list ``data[key]``, skipping the rest."""
    if isinstance(data, dict) and isinstance(data.get(key), list):
        for i, item in enumerate(data[key]):
            if isinstance(item, dict):
                yield i, item


def _check_dose(out: _Collector, where: DataPath, exercise: dict[str, Any]) -> None:
    given = [k for k in DOSE_KEYS if k in exercise]
    if not given:
        name = exercise.get("id")
        label = f"exercise '{name}'" if isinstance(name, str) else "this exercise"
        out.at_value(where, f"{label} has no dose: {DOSE_HELP}")
    elif "work" in given and len(given) > 1:
        other = out.later_key(where, given)
        pair = sorted(given, key=lambda k: out.located.key_at((*where, k)))
        out.at_key(
            (*where, other),
            f"'{pair[0]}' and '{pair[1]}' are two doses; a timed exercise has only 'work'. "
            f"{DOSE_HELP[0].upper()}{DOSE_HELP[1:]}",
        )
    elif "hold" in given and "tempo" in given:
        other = out.later_key(where, ["hold", "tempo"])
        out.at_key((*where, other), "a 'hold' has no 'tempo': hold for 'hold' seconds instead")
    elif "tempo" in given and "reps" not in given:
        out.at_key((*where, "tempo"), "'tempo' needs 'reps': how many reps at this tempo?")


def _check_open_only(out: _Collector, where: DataPath, exercise: dict[str, Any]) -> None:
    """'test: true' and 'pace' belong to open rep sets: 'reps' without 'tempo'."""
    other = next((k for k in ("tempo", "work", "hold") if k in exercise), None)
    if other is None:
        return  # An open rep set, or no dose at all (said already).
    if exercise.get("test") is True:
        out.at_key(
            (*where, "test"),
            "a test is an open rep set to failure ('reps' without 'tempo'); "
            f"this exercise has '{other}'",
        )
    if "pace" in exercise:
        out.at_key(
            (*where, "pace"),
            "'pace' is a beat for an open rep set ('reps' without 'tempo'); "
            f"this exercise has '{other}'",
        )


def _non_empty(out: _Collector, data: dict[str, Any], where: DataPath, key: str) -> None:
    if key in data and data[key] == []:
        out.at_value((*where, key), f"'{key}' must not be empty")


def _structure_circuit(out: _Collector, data: dict[str, Any]) -> None:
    _non_empty(out, data, (), "blocks")
    seen: dict[str, DataPath] = {}
    for b, block in _items(data, "blocks"):
        _non_empty(out, block, ("blocks", b), "exercises")
        for e, exercise in _items(block, "exercises"):
            where: DataPath = ("blocks", b, "exercises", e)
            _check_dose(out, where, exercise)
            _check_open_only(out, where, exercise)
            ex_id = exercise.get("id")
            if isinstance(ex_id, str):
                if ex_id in seen:
                    line = out.located.value_at((*seen[ex_id], "id"))[0]
                    out.at_value(
                        (*where, "id"),
                        f"duplicate exercise id '{ex_id}' (first used at line {line}); "
                        "ids must be unique within a circuit",
                    )
                else:
                    seen[ex_id] = where


def _structure_plan(out: _Collector, data: dict[str, Any]) -> None:
    _non_empty(out, data, (), "weeks")
    seen: dict[Any, int] = {}
    for w, week in _items(data, "weeks"):
        weeks_out = week.get("weeks_out")
        if isinstance(weeks_out, int) and not isinstance(weeks_out, bool):
            if weeks_out in seen:
                out.at_value(
                    ("weeks", w, "weeks_out"),
                    f"weeks_out {weeks_out} is given twice (first at line {seen[weeks_out]})",
                )
            else:
                seen[weeks_out] = out.located.value_at(("weeks", w, "weeks_out"))[0]
        for s, session in _items(week, "sessions"):
            where: DataPath = ("weeks", w, "sessions", s)
            has = [k for k in ("day", "days_before_race") if k in session]
            if len(has) == 2:
                out.at_key(
                    (*where, out.later_key(where, has)),
                    "give either 'day' or 'days_before_race', not both",
                )
            elif not has:
                out.at_value(where, "this session needs a 'day' (mon..sun) or a 'days_before_race'")


def _unwrap(tp: Any) -> Any:
    while True:
        origin = typing.get_origin(tp)
        if origin is typing.Annotated:
            tp = typing.get_args(tp)[0]
        elif origin in (typing.Union, types.UnionType):
            tp = next(a for a in typing.get_args(tp) if a is not type(None))
        else:
            return tp


def _model_at(root: type[BaseModel], loc: tuple[Any, ...]) -> type[BaseModel] | None:
    tp: Any = root
    for part in loc:
        tp = _unwrap(tp)
        origin = typing.get_origin(tp)
        if origin is list:
            tp = typing.get_args(tp)[0]
        elif origin is dict:
            tp = typing.get_args(tp)[1]
        elif isinstance(tp, type) and issubclass(tp, BaseModel) and isinstance(part, str):
            field = tp.model_fields.get(part)
            if field is None:
                return None
            tp = field.annotation
        else:
            return None
    tp = _unwrap(tp)
    return tp if isinstance(tp, type) and issubclass(tp, BaseModel) else None


def _name(loc: tuple[Any, ...]) -> str:
    if not loc:
        return "the file"
    last = loc[-1]
    if isinstance(last, int):
        parent = f"'{loc[-2]}'" if len(loc) > 1 else "the list"
        return f"item {last + 1} of {parent}"
    return f"'{last}'"


def _pydantic_problems(
    out: _Collector, root: type[BaseModel], data: dict[str, Any]
) -> BaseModel | None:
    try:
        return root.model_validate(data)
    except ValidationError as exc:
        errors = exc.errors(include_url=False)
    for error in errors:
        loc = tuple(error["loc"])
        kind = error["type"]
        if loc and loc[-1] == "[key]":
            key = loc[-2]
            out.at_key(loc[:-1], f"key {key!r} of '{loc[-3]}': {error['msg']}")
        elif kind == "missing":
            model = _model_at(root, loc[:-1])
            what = _WHAT.get(model.__name__, "this mapping") if model else "this mapping"
            out.at_value(loc[:-1], f"{what} is missing required key '{loc[-1]}'")
        elif kind == "extra_forbidden":
            model = _model_at(root, loc[:-1])
            allowed = list(model.model_fields) if model else []
            close = closest(str(loc[-1]), allowed)
            hint = f" (did you mean '{close}'?)" if close else f"; allowed: {', '.join(allowed)}"
            out.at_key(loc, f"unknown key '{loc[-1]}'{hint}")
        elif kind in ("model_type", "dict_type", "model_attributes_type"):
            got = values.describe(error.get("input"))
            out.at_value(loc, f"{_name(loc)} must be a mapping of keys to values; got {got}")
        elif kind == "list_type":
            got = values.describe(error.get("input"))
            out.at_value(loc, f"{_name(loc)} must be a list; got {got}")
        elif error.get("input", "") is None and loc and isinstance(loc[-1], str):
            # "reps:" with nothing after it: the key is the thing to look at.
            out.at_key(loc, f"{_name(loc)} {error['msg']}")
        else:
            out.at_value(loc, f"{_name(loc)} {error['msg']}")
    return None


def _check_images(out: _Collector, circuit: Circuit, folder: FsPath) -> None:
    base = folder.resolve()
    for b, block in enumerate(circuit.blocks):
        for e, exercise in enumerate(block.exercises):
            if exercise.image is None:
                continue
            where = ("blocks", b, "exercises", e, "image")
            target = (base / exercise.image).resolve()
            if FsPath(exercise.image).is_absolute():
                out.at_value(
                    where, f"image {exercise.image!r} must be relative to the circuit's folder"
                )
            elif not target.is_relative_to(base):
                out.at_value(where, f"image {exercise.image!r} leads outside the circuit's folder")
            elif target.is_dir():
                out.at_value(where, f"image {exercise.image!r} is a folder, not a file")
            elif not target.is_file():
                out.at_value(where, f"image {exercise.image!r} does not exist")


def _segment_bound(circuit: Circuit) -> int:
    """An upper bound on the segments: each work or hold with the pause before it, plus a
    switch per side and the prepare. The exact count decides when this is over."""
    total = 1
    for block in circuit.blocks:
        per_round = 0
        for ex in block.exercises:
            holds = (ex.reps or 1) if ex.dose == "hold" else 1
            per_round += ex.sets * (2 if ex.sides == "each" else 1) * 2 * holds
        total += block.rounds * (per_round + 2)
    return total


def _check_plan_days(out: _Collector, plan: Plan) -> None:
    for w, week in enumerate(plan.weeks):
        low, high = 7 * week.weeks_out, 7 * week.weeks_out + 6
        for s, session in enumerate(week.sessions):
            days = session.days_before_race
            if days is not None and not low <= days <= high:
                out.at_value(
                    ("weeks", w, "sessions", s, "days_before_race"),
                    f"days_before_race {days} is not in week {week.weeks_out} out "
                    f"(days {low} to {high} before the race)",
                )


def parse_document(
    located: Located, path: str, default_id: str, folder: FsPath | None = None
) -> Circuit | Plan:
    """Validate the data of one file as a circuit or a plan; raise FileProblems if bad."""
    out = _Collector(path, located)
    data = located.data
    if not isinstance(data, dict):
        out.at_value(
            (),
            f"a circuit or plan file must be a mapping with a 'blocks:' or 'weeks:' key; "
            f"got {values.describe(data)}",
        )
        raise FileProblems(out.problems)
    if "blocks" in data and "weeks" in data:
        out.at_key(
            (out.later_key((), ["blocks", "weeks"]),),
            "a file is either a circuit ('blocks:') or a plan ('weeks:'), not both",
        )
        raise FileProblems(out.problems)
    if "blocks" not in data and "weeks" not in data:
        for key in data:
            close = closest(str(key), ["blocks", "weeks"])
            if close:
                out.at_key((key,), f"unknown key '{key}' (did you mean '{close}'?)")
                break
        else:
            out.at_value((), "no 'blocks:' (a circuit) or 'weeks:' (a plan) at the top of the file")
        raise FileProblems(out.problems)
    root: type[Circuit] | type[Plan] = Circuit if "blocks" in data else Plan

    if "format" in data:
        # A newer format may add keys we do not know: say so once, not once per key.
        try:
            root.model_validate({"format": data["format"]})
        except ValidationError as exc:
            for error in exc.errors(include_url=False):
                if error["loc"] == ("format",):
                    out.at_value(("format",), f"'format' {error['msg']}")
                    raise FileProblems(out.problems) from None

    data = dict(data)
    bad_file_name = False
    if "id" not in data:
        try:
            data["id"] = values.parse_slug(default_id)
        except ValueError:
            bad_file_name = True
            out.at_value(
                (),
                f"the file name {default_id!r} is not a valid id; add an 'id:' key "
                "(lowercase letters, digits and dashes)",
            )
    if root is Plan and "title" not in data and isinstance(data.get("id"), str):
        data["title"] = data["id"]

    if root is Circuit:
        _structure_circuit(out, data)
    else:
        _structure_plan(out, data)
    model = _pydantic_problems(out, root, data)
    if bad_file_name:
        # Already said: the file name cannot serve as the id.
        out.problems = [p for p in out.problems if "missing required key 'id'" not in p.message]
    if isinstance(model, Circuit):
        if folder is not None:
            _check_images(out, model, folder)
        try:
            # Only a circuit with sound doses can be compiled; and only one that might
            # be too long needs it (compiling every file costs a quarter of a load).
            if not out.problems and _segment_bound(model) > MAX_SEGMENTS:
                compile_timeline(model, max_segments=MAX_SEGMENTS)
        except TimelineTooLong:
            out.at_key(
                ("blocks",),
                f"this circuit is too long: it has more than {MAX_SEGMENTS} segments "
                "(work, holds, rests and switches)",
            )
    elif isinstance(model, Plan):
        _check_plan_days(out, model)
        for where, message in ladder_shape_problems(model):
            out.at_value(where, message)
    if out.problems or model is None:
        raise FileProblems(out.problems)
    assert isinstance(model, Circuit | Plan)
    return model


def exercise_by_id(circuit: Circuit, exercise_id: str) -> Exercise | None:
    """The exercise with ``exercise_id`` in ``circuit``, or None."""
    for block in circuit.blocks:
        for exercise in block.exercises:
            if exercise.id == exercise_id:
                return exercise
    return None
