"""The JSON Schema editors check circuit and plan files against: one schema for both, with
the keys the loader fills in (a circuit's id, a plan's id and title) not demanded."""

from __future__ import annotations

from typing import Any

from circuit_timer.core.schema import file_schema


def test_one_schema_takes_a_circuit_or_a_plan() -> None:
    schema = file_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    refs = {option["$ref"] for option in schema["anyOf"]}
    assert refs == {"#/$defs/Circuit", "#/$defs/Plan"}


def test_keys_the_loader_fills_in_are_not_required() -> None:
    defs: dict[str, Any] = file_schema()["$defs"]
    circuit, plan = defs["Circuit"]["required"], defs["Plan"]["required"]
    assert "id" not in circuit and "title" in circuit and "blocks" in circuit
    assert "id" not in plan and "title" not in plan and "weeks" in plan
    # The exercise's own id stays required: nothing else names it.
    assert "id" in defs["Exercise"]["required"]


def test_each_call_builds_a_fresh_schema() -> None:
    first = file_schema()
    first["$defs"]["Circuit"]["required"].append("id")
    assert "id" not in file_schema()["$defs"]["Circuit"]["required"]


def test_a_plan_may_have_ladders_as_the_loader_takes_them() -> None:
    defs: dict[str, Any] = file_schema()["$defs"]
    ladders = defs["Plan"]["properties"]["progression"]
    assert list(ladders["patternProperties"].values()) == [{"$ref": "#/$defs/Progression"}]
    ladder = defs["Progression"]
    assert ladder["required"] == ["steps"] and ladder["additionalProperties"] is False
    assert ladder["properties"]["steps"]["minItems"] == 2
    assert ladder["properties"]["steps"]["items"] == {"$ref": "#/$defs/Adjustment"}
    assert ladder["properties"]["back"]["$ref"] == "#/$defs/Adjustment"
    assert ladder["properties"]["circuits"]["type"] == "array"
