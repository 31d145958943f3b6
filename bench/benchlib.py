"""What every benchmark prints with its results: where and when it was measured."""

from __future__ import annotations

import os
import platform
from datetime import datetime
from typing import Any


def machine_info() -> dict[str, Any]:
    """Where and when this was measured."""
    return {
        "date": datetime.now().astimezone().isoformat(timespec="seconds"),
        "platform": platform.platform(),
        "machine": platform.machine(),
        "cpus": os.cpu_count(),
        "python": f"{platform.python_implementation()} {platform.python_version()}",
    }
