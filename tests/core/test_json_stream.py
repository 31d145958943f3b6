"""The streaming JSON reader: the same values as json.loads, in any layout, and errors
at the line and column json.loads gives."""

from __future__ import annotations

import io
import json
from typing import Any

import pytest

from circuit_timer.core import json_stream
from circuit_timer.core.json_stream import JsonStream, JsonStreamError

DOC = {
    "format": "x",
    "version": 123,
    "rows": [{"n": i, "text": 'é ✓ " \\n' * i} for i in range(40)],
    "empty": [],
    "settings": {"k": "v"},
    "last": 12345,
}


def walk(text: str) -> dict[str, Any]:
    reader = JsonStream(io.StringIO(text).read)
    out: dict[str, Any] = {}
    for name in reader.names():
        if name in ("rows", "empty"):
            out[name] = [json.loads(t) for t in reader.elements()]
        else:
            out[name] = reader.value()[0]
    return out


@pytest.fixture(params=[json_stream.CHUNK, 5])
def chunk(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> int:
    """The normal read size, and one so small every value spans several reads."""
    monkeypatch.setattr(json_stream, "CHUNK", request.param)
    return int(request.param)


@pytest.mark.parametrize("indent", [None, 0, 2])
def test_any_layout_reads_as_json_loads_does(chunk: int, indent: int | None) -> None:
    assert walk(json.dumps(DOC, indent=indent, ensure_ascii=False)) == DOC


def test_one_record_a_line_reads_too(chunk: int) -> None:
    rows = ",\n".join(json.dumps(r) for r in DOC["rows"])  # type: ignore[attr-defined]
    text = '{"rows": [\n' + rows + "\n]}\n"
    assert walk(text) == {"rows": DOC["rows"]}


@pytest.mark.parametrize(
    "text",
    [
        '{"a": [1,2',
        '{"a" 1}',
        '{"a": 1} x',
        '{\n  "rows": [1\n 2]}',
        "",
        '{"a": {"b": }}',
        '{\n\n   "a": tru}',
        '{"a": 1,}',
    ],
)
def test_bad_json_is_refused_where_json_loads_refuses_it(chunk: int, text: str) -> None:
    with pytest.raises(json.JSONDecodeError) as expected:
        json.loads(text)
    with pytest.raises(JsonStreamError) as found:
        walk(text)
    assert found.value.line == expected.value.lineno
    if text.startswith('{"a": {') or "tru" in text or text.startswith('{"a": [1,2'):
        # The decoder's own errors: the same column too.
        assert found.value.column == expected.value.colno


def test_what_is_not_an_object_is_refused() -> None:
    with pytest.raises(JsonStreamError, match="a JSON object"):
        walk("[1]")


def test_a_value_over_the_limit_is_refused_without_reading_on(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(json_stream, "MAX_RECORD", 100)
    monkeypatch.setattr(json_stream, "CHUNK", 50)
    read: list[int] = []
    source = io.StringIO('{"rows": ["' + "x" * 10_000 + '"]}')

    def counted(n: int) -> str:
        text = source.read(n)
        read.append(len(text))
        return text

    reader = JsonStream(counted)
    with pytest.raises(JsonStreamError, match="a value over"):
        for name in reader.names():
            list(reader.elements()) if name == "rows" else reader.value()
    assert sum(read) < 10_000
