"""Reading a PDF the app wrote back with poppler's tools (a helper, not a test module)."""

from __future__ import annotations

import subprocess
import unicodedata
from pathlib import Path

from tests.paths import linux_tool


def poppler(tool: str, *args: str | Path) -> str:
    """What poppler-utils' ``tool`` prints for ``args``."""
    result = subprocess.run(
        [linux_tool(tool, "poppler-utils"), *map(str, args)],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return result.stdout


def pdf_words(path: Path) -> str:
    """The PDF's text, whitespace made single spaces (a name may wrap in its cell)."""
    return " ".join(unicodedata.normalize("NFKC", poppler("pdftotext", path, "-")).split())


def page_size(path: Path) -> str:
    """pdfinfo's page size, e.g. ``595 x 842 pts (A4)``."""
    [line] = [x for x in poppler("pdfinfo", path).splitlines() if x.startswith("Page size:")]
    return line.removeprefix("Page size:").strip()
