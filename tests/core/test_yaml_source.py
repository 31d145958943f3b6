"""read_yaml_bytes loads PyYAML at the first read, not on import: the window imports the
library's types long before it reads a file."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

from tests.paths import REPO


def test_yaml_is_imported_at_the_first_read_only() -> None:
    script = """
        import json, sys
        from circuit_timer.core.library import load_library
        from circuit_timer.core.yaml_source import read_yaml_bytes

        imported = "yaml" in sys.modules
        located = read_yaml_bytes(b"title: A\\nblocks: []\\n", "a.yaml")
        print(json.dumps([imported, "yaml" in sys.modules, located.data]))
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
    assert json.loads(result.stdout) == [False, True, {"title": "A", "blocks": []}]
