"""The YAML reading: libyaml (fast) and the pure-Python parser give the same data and places."""

from __future__ import annotations

import pytest

from circuit_timer.core import yaml_nodes, yaml_source
from circuit_timer.core.library import find_files
from tests.paths import REPO

FILES = find_files(REPO / "circuits") + find_files(REPO / "tests" / "data" / "valid")


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_both_parsers_agree(path: object, monkeypatch: pytest.MonkeyPatch) -> None:
    raw = path.read_bytes()  # type: ignore[attr-defined]
    assert yaml_nodes._fast_node(raw.decode()) is not None  # the fast path is taken
    fast = yaml_source.read_yaml_bytes(raw, "f.yaml")
    monkeypatch.setattr(yaml_nodes, "_CLoader", None)
    slow = yaml_source.read_yaml_bytes(raw, "f.yaml")
    assert fast.data == slow.data
    assert fast.values == slow.values
    assert fast.keys == slow.keys


def test_aliases_are_placed_exactly_when_asked() -> None:
    text = b"base: &b {sets: 2}\nother: *b\nmore: [1, *b]\n"
    fast = yaml_source.read_yaml_bytes(text, "f.yaml")
    assert not fast.exact  # libyaml placed the aliased values at the anchor
    exact = yaml_source.read_yaml_bytes(text, "f.yaml", exact=True)
    assert exact.exact and exact.data == fast.data
    assert exact.values[("other",)] == (2, 8)  # the alias, not the anchored mapping
    assert exact.values[("more", 1)] == (3, 11)


def test_deep_flow_nesting_never_reaches_libyaml() -> None:
    assert yaml_nodes._fast_node("a: " + "[" * 600 + "]" * 600) is None
