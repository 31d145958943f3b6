"""PyYAML's nodes made into plain located data: the loader behind ``read_yaml_bytes``.

PyYAML's composer gives us nodes with marks; we turn them into plain values ourselves
(never through a constructor that could build objects), so we can refuse hostile input
early: explicit object tags, duplicate keys and alias expansions that would blow up
("billion laughs"). Imported on the first read, so starting the window loads no YAML.
"""

from __future__ import annotations

from typing import Any

import yaml
from yaml.composer import Composer
from yaml.constructor import SafeConstructor
from yaml.events import AliasEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.parser import Parser
from yaml.reader import Reader
from yaml.resolver import Resolver
from yaml.scanner import Scanner

from circuit_timer.core.problems import FileProblems, Problem
from circuit_timer.core.yaml_source import MAX_VALUES, Located, Path

_YAML = "tag:yaml.org,2002:"
_SCALAR_TAGS = {_YAML + t for t in ("str", "int", "float", "bool", "null", "timestamp")}
_ALLOWED_TAGS = _SCALAR_TAGS | {_YAML + "seq", _YAML + "map", _YAML + "merge"}


class _AliasRef(Node):
    """An alias as it appears in the text, so errors can point at the ``*name``."""

    id = "alias"

    def __init__(self, target: Node, mark: yaml.Mark) -> None:
        super().__init__(target.tag, target.value, mark, mark)
        self.target = target


class _Composer(Composer):
    def compose_node(self, parent: Node | None, index: Any) -> Node | None:
        if self.check_event(AliasEvent):  # type: ignore[attr-defined]
            event = self.get_event()  # type: ignore[attr-defined]
            if event.anchor not in self.anchors:
                raise yaml.composer.ComposerError(
                    None, None, f"found undefined alias '*{event.anchor}'", event.start_mark
                )
            return _AliasRef(self.anchors[event.anchor], event.start_mark)
        return super().compose_node(parent, index)


class _Loader(Reader, Scanner, Parser, _Composer, Resolver):
    def __init__(self, text: str) -> None:
        Reader.__init__(self, text)
        Scanner.__init__(self)
        Parser.__init__(self)
        _Composer.__init__(self)
        Resolver.__init__(self)


_scalars = SafeConstructor()
# libyaml, where PyYAML was built with it; the pure-Python parser otherwise.
_CLoader: Any = getattr(yaml, "CSafeLoader", None)
MAX_FAST_FLOW_OPENERS = 500


def _short_tag(tag: str) -> str:
    """A tag as it was most likely written: ``!!python/object`` rather than its URI."""
    return "!!" + tag[len(_YAML) :] if tag.startswith(_YAML) else tag


def _where(mark: yaml.Mark | None) -> tuple[int, int]:
    if mark is None:
        return (1, 1)
    return (mark.line + 1, mark.column + 1)


class _Fail(Exception):
    def __init__(self, place: tuple[int, int], message: str) -> None:
        super().__init__(message)
        self.place = place
        self.message = message


class _Builder:
    """Turns a node tree into plain values, recording where each came from."""

    def __init__(self, note_shared: bool = False) -> None:
        self.note_shared = note_shared
        self.seen: set[int] = set()
        self.out = Located(None)
        self.count = 0
        self.aliases = 0
        # Where the outermost alias being expanded was written: an alias bomb is
        # reported there, not deep inside the anchored data.
        self.alias_place: tuple[int, int] | None = None

    def build(self, node: Node, path: Path, place: tuple[int, int] | None = None) -> Any:
        self.count += 1
        if self.count > MAX_VALUES:
            if self.aliases:
                raise _Fail(
                    self.alias_place or place or _where(node.start_mark),
                    f"aliases expand to more than {MAX_VALUES} values; refusing the file "
                    "(an alias bomb?)",
                )
            raise _Fail(_where(node.start_mark), f"more than {MAX_VALUES} values; file refused")
        if self.note_shared:
            # libyaml hands back the anchored node itself for an alias.
            if id(node) in self.seen:
                self.out.exact = False
            self.seen.add(id(node))
        self.out.values[path] = place or _where(node.start_mark)
        if isinstance(node, _AliasRef):
            self.aliases += 1
            outermost = self.alias_place is None
            if outermost:
                self.alias_place = _where(node.start_mark)
            try:
                return self.build(node.target, path, place or _where(node.start_mark))
            finally:
                if outermost:
                    self.alias_place = None
        if node.tag not in _ALLOWED_TAGS:
            raise _Fail(
                _where(node.start_mark),
                f"tag '{_short_tag(node.tag)}' is not allowed: circuit files hold plain data only",
            )
        if isinstance(node, ScalarNode):
            return self._scalar(node)
        if isinstance(node, SequenceNode):
            return [self.build(item, (*path, i)) for i, item in enumerate(node.value)]
        if isinstance(node, MappingNode):
            return self._mapping(node, path)
        raise _Fail(_where(node.start_mark), "unexpected YAML node")  # pragma: no cover

    def _scalar(self, node: ScalarNode) -> Any:
        if node.tag == _YAML + "timestamp":
            # A date is never meaningful in these files; keep the text the author wrote.
            return node.value
        if node.tag == _YAML + "merge":
            raise _Fail(_where(node.start_mark), "'<<' can only be used as a key")
        try:
            return _scalars.construct_object(node, deep=True)
        except (yaml.YAMLError, ValueError, OverflowError) as exc:
            raise _Fail(_where(node.start_mark), f"bad value {node.value!r}: {exc}") from None

    def _mapping(self, node: MappingNode, path: Path) -> dict[str, Any]:
        result: dict[str, Any] = {}
        first_seen: dict[str, tuple[int, int]] = {}
        merged: list[tuple[MappingNode, tuple[int, int]]] = []
        for key_node, value_node in node.value:
            if key_node.tag == _YAML + "merge":
                merged.extend(self._merge_sources(value_node))
                continue
            key = self._key(key_node)
            key_place = _where(key_node.start_mark)
            if key in first_seen:
                line, _col = first_seen[key]
                raise _Fail(key_place, f"duplicate key '{key}' (first given at line {line})")
            first_seen[key] = key_place
            self.out.keys[(*path, key)] = key_place
            result[key] = self.build(value_node, (*path, key))
        # Merged keys ("<<: *base") fill in only what the mapping does not set itself.
        for source, alias_place in merged:
            for key_node, value_node in source.value:
                if key_node.tag == _YAML + "merge":
                    merged.extend(self._merge_sources(value_node))
                    continue
                key = self._key(key_node)
                if key in result:
                    continue
                self.out.keys[(*path, key)] = alias_place
                result[key] = self.build(value_node, (*path, key), alias_place)
        return result

    def _merge_sources(self, node: Node) -> list[tuple[MappingNode, tuple[int, int]]]:
        place = _where(node.start_mark)
        target = node.target if isinstance(node, _AliasRef) else node
        if isinstance(node, _AliasRef):
            self.aliases += 1
        if isinstance(target, MappingNode):
            return [(target, place)]
        if isinstance(target, SequenceNode):
            sources: list[tuple[MappingNode, tuple[int, int]]] = []
            for item in target.value:
                sources.extend(self._merge_sources(item))
            return sources
        raise _Fail(place, "'<<' must be followed by a mapping or a list of mappings")

    def _key(self, node: Node) -> str:
        while isinstance(node, _AliasRef):
            node = node.target
        if not isinstance(node, ScalarNode):
            raise _Fail(_where(node.start_mark), "a key must be plain text, not a list or mapping")
        if node.tag not in _ALLOWED_TAGS:
            raise _Fail(_where(node.start_mark), f"tag '{_short_tag(node.tag)}' is not allowed")
        # Keys are compared as written: "on:" stays "on", not YAML 1.1's True.
        return str(node.value)


def _tab_message(text: str, mark: yaml.Mark) -> str:
    """What a tab the scanner stopped at means: YAML indents with spaces only, and an
    editor that shows a tab as spaces hides it, so say it plainly."""
    lines = text.splitlines()
    line = lines[mark.line] if mark.line < len(lines) else ""
    if line[: mark.column].strip(" \t") == "":
        return "a tab in the indentation; use spaces for indentation, not tabs"
    return "a tab where YAML needs a space; use spaces, not tabs"


def _fast_node(text: str) -> Node | None:
    """The node tree from libyaml (about 8 times faster), or None to use the Python path.

    The Python path handles anything that could be hostile or wrong: an alias bomb (its
    expansion is counted and placed), deep flow nesting (libyaml recurses in C), and
    every error, so that messages and places are the same whichever parser ran.
    """
    if _CLoader is None:
        return None
    if text.count("[") + text.count("{") > MAX_FAST_FLOW_OPENERS:
        return None
    try:
        node: Node | None = yaml.compose(text, Loader=_CLoader)
    except yaml.YAMLError:
        return None
    return node


def parse(text: str, path: str, *, exact: bool = False) -> Located:
    """Parse ``text`` (the decoded file at ``path``) or raise FileProblems; see
    ``read_yaml_bytes``."""
    loader: _Loader | None = None
    try:
        fast = None if exact else _fast_node(text)
        if fast is not None:
            try:
                builder = _Builder(note_shared=True)
                builder.out.data = builder.build(fast, ())
                return builder.out
            except (_Fail, RecursionError):
                pass  # the Python path says exactly what and where
        # The reader checks for control characters as soon as it is made.
        loader = _Loader(text)
        node: Node | None = loader.get_single_node()
        if node is None:
            raise FileProblems([Problem(path, 1, 1, "file is empty")])
        builder = _Builder()
        builder.out.data = builder.build(node, ())
        return builder.out
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        message = exc.problem or exc.context or "YAML syntax error"
        if exc.context and exc.problem:
            message = f"{exc.problem} ({exc.context})"
        if "expected <block end>" in message or "mapping values are not allowed" in message:
            message += "; check the indentation"
        if "character '\\t'" in message and mark is not None:
            message = _tab_message(text, mark)
        raise FileProblems(
            [Problem(path, *_where(mark), f"YAML syntax error: {message}")]
        ) from None
    except yaml.reader.ReaderError as exc:
        before = text[: exc.position]
        line = before.count("\n") + 1
        col = exc.position - (before.rfind("\n") + 1) + 1
        message = f"character U+{exc.character:04X} is not allowed in YAML text"
        raise FileProblems([Problem(path, line, col, message)]) from None
    except yaml.YAMLError as exc:
        raise FileProblems([Problem(path, 1, 1, f"YAML error: {exc}")]) from None
    except _Fail as exc:
        raise FileProblems([Problem(path, *exc.place, exc.message)]) from None
    except RecursionError:
        raise FileProblems([Problem(path, 1, 1, "nesting too deep; file refused")]) from None
    finally:
        # The shared constructor caches every node it builds: let them go.
        _scalars.constructed_objects.clear()
        if loader is not None:
            loader.dispose()
