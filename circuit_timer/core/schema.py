"""The JSON Schema of circuit and plan files, for editors (yaml-language-server)."""

from __future__ import annotations

from typing import Any

from pydantic import TypeAdapter

from circuit_timer.core.ladder import MIN_STEPS
from circuit_timer.core.model import Circuit, Plan

SCHEMA_ID = "https://circuit-timer.invalid/schema/circuit-timer.schema.json"


def file_schema() -> dict[str, Any]:
    """One schema that accepts a circuit file or a plan file."""
    schema: dict[str, Any] = TypeAdapter(Circuit | Plan).json_schema(mode="validation")
    # Editors complete keys from these; the loader is stricter (doses, ids, places).
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "circuit-timer circuit or plan (format 1)",
        "description": "A circuit has a top-level 'blocks:' key, a plan a 'weeks:' key. "
        "See docs/circuit-format.md.",
        **schema,
    }
    # 'id' defaults to the file name, so editors must not demand it.
    for name in ("Circuit", "Plan"):
        required = schema["$defs"][name].get("required", [])
        schema["$defs"][name]["required"] = [k for k in required if k != "id"]
    schema["$defs"]["Plan"]["required"] = [
        k for k in schema["$defs"]["Plan"]["required"] if k != "title"
    ]
    # A ladder as the loader takes it: two steps or more, and no null for 'back' or
    # 'circuits' (left out instead).
    ladder = schema["$defs"]["Progression"]["properties"]
    ladder["steps"]["minItems"] = MIN_STEPS
    ladder["back"] = {"$ref": "#/$defs/Adjustment", "description": "Below the first step."}
    ladder["circuits"] = {**ladder["circuits"]["anyOf"][0], "minItems": 1, "uniqueItems": True}
    return schema
