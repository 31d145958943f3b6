"""The circuit model builds its validators at the first validation, not on import."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

from tests.paths import REPO


def test_models_are_built_at_their_first_use() -> None:
    script = """
        import json
        from circuit_timer.core.model import Circuit, Plan

        before = [Circuit.__pydantic_complete__, Plan.__pydantic_complete__]
        exercise = {"id": "a", "name": "A", "work": "1m"}
        data = {"id": "c", "title": "A", "blocks": [{"exercises": [exercise]}]}
        circuit = Circuit.model_validate(data)
        work = circuit.blocks[0].exercises[0].work
        print(json.dumps([*before, Circuit.__pydantic_complete__, work]))
    """
    result = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(script)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == [False, False, True, 60]
