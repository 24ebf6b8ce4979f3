"""Safe YAML reading that keeps every node's line and column for error messages.

PyYAML's loaders silently keep the last of two duplicate keys and, unless told otherwise, build
Python objects from tags. Here a document is composed into nodes (no construction), checked, and
converted by hand: only plain YAML types, no duplicate keys, bounded size, depth and aliases.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .errors import Problem

MAX_BYTES = 1_000_000
MAX_DEPTH = 40
MAX_NODES = 200_000  # after alias expansion: stops "billion laughs" long before memory suffers

_PLAIN_TAGS = {
    "tag:yaml.org,2002:str", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool", "tag:yaml.org,2002:null", "tag:yaml.org,2002:timestamp",
    "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq",
}

Loc = tuple[str | int, ...]


@dataclass
class Document:
    """A parsed YAML file: its data and the node tree that knows where each value was written."""

    path: str
    data: Any
    root: yaml.Node | None

    def mark(self, loc: Loc) -> tuple[int, int]:
        """1-based (line, col) of the value at ``loc``, or of its nearest written parent.

        A key points at where the key is written; a missing key at its parent's key.
        """
        node = self.root
        if node is None:
            return (1, 1)
        best = node.start_mark
        for part in loc:
            child = None
            if isinstance(node, yaml.MappingNode):
                for key, value in node.value:
                    if key.value == part:
                        child, best = value, key.start_mark
                        break
            elif (isinstance(node, yaml.SequenceNode) and isinstance(part, int)
                  and 0 <= part < len(node.value)):
                    child = node.value[part]
                    best = child.start_mark
            if child is None:
                break
            node = child
        return (best.line + 1, best.column + 1)

    def problem(self, loc: Loc, message: str) -> Problem:
        line, col = self.mark(loc)
        return Problem(self.path, line, col, where(loc), message)


def where(loc: Loc) -> str:
    """``('slides', 6, 'ages')`` -> ``slides[6].ages``."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def read_yaml(path: Path, shown: str) -> tuple[Document | None, list[Problem]]:
    """Parse one file. Returns the document (None if unusable) and every problem found."""

    def fail(message: str, line: int = 0, col: int = 0) -> tuple[None, list[Problem]]:
        return None, [Problem(shown, line, col, "", message)]

    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            return fail(f"file is {size:,} bytes; the limit is {MAX_BYTES:,}")
        raw = path.read_bytes()
    except OSError as exc:
        return fail(f"cannot read: {exc.strerror or exc}")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return fail(f"not valid UTF-8 (byte {exc.start}); save the file as UTF-8", line, 1)
    try:
        nodes = list(yaml.compose_all(text, Loader=yaml.SafeLoader))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        reason = exc.problem or exc.context or "invalid YAML"
        if "\t" in reason or "'\\t'" in reason:
            reason += " (use spaces, not tabs, to indent)"
        place = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        return fail(f"not valid YAML: {reason}", *place)
    except yaml.YAMLError as exc:
        return fail(f"not valid YAML: {exc}")
    if len(nodes) > 1:
        return fail("holds more than one YAML document; keep one per file")
    if not nodes or nodes[0] is None:
        return fail("file is empty")
    doc = Document(shown, None, nodes[0])
    problems: list[Problem] = []
    converter = _Converter(doc, problems)
    doc.data = converter.convert(nodes[0], (), 0)
    return (None if converter.fatal else doc), problems


class _Converter:
    """Node tree -> plain Python, reporting duplicates, foreign tags and limits as problems."""

    def __init__(self, doc: Document, problems: list[Problem]) -> None:
        self.doc, self.problems = doc, problems
        self.count = 0
        self.fatal = False
        self._scalars = yaml.SafeLoader("")

    def _stop(self, node: yaml.Node, message: str) -> None:
        self.fatal = True
        mark = node.start_mark
        self.problems.append(Problem(self.doc.path, mark.line + 1, mark.column + 1, "", message))

    def convert(self, node: yaml.Node, loc: Loc, depth: int) -> Any:
        if self.fatal:
            return None
        self.count += 1
        if self.count > MAX_NODES:
            self._stop(node, f"document expands to more than {MAX_NODES:,} values "
                             "(too many aliases?)")
            return None
        if depth > MAX_DEPTH:
            self._stop(node, f"nested deeper than {MAX_DEPTH} levels")
            return None
        if node.tag not in _PLAIN_TAGS:
            self._stop(node, f"tag {node.tag.replace('tag:yaml.org,2002:', '!!')} is not allowed; "
                             "only plain YAML values")
            return None
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, loc, depth)
        if isinstance(node, yaml.SequenceNode):
            return [self.convert(item, (*loc, i), depth + 1) for i, item in enumerate(node.value)]
        try:
            value = self._scalars.construct_object(node, deep=True)
        except (yaml.YAMLError, ValueError, OverflowError) as exc:
            mark = node.start_mark
            message = f"cannot read value {node.value!r}: {exc}"
            self.problems.append(Problem(self.doc.path, mark.line + 1, mark.column + 1,
                                         where(loc), message))
            return None
        return value

    def _mapping(self, node: yaml.MappingNode, loc: Loc, depth: int) -> dict[Any, Any]:
        if any(key.tag == "tag:yaml.org,2002:merge" for key, _ in node.value):
            self._stop(node, "merge keys (<<) are not supported; write the keys out")
            return {}
        out: dict[Any, Any] = {}
        first_line: dict[Any, int] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                self._stop(key_node, "keys must be plain words")
                return out
            key = self.convert(key_node, loc, depth + 1)
            if isinstance(key, (dict, list)) or key is None:
                key = key_node.value
            if key in first_line:
                mark = key_node.start_mark
                self.problems.append(Problem(
                    self.doc.path, mark.line + 1, mark.column + 1, where((*loc, str(key))),
                    f"duplicate key '{key}' (first at line {first_line[key]})"))
                continue
            first_line[key] = key_node.start_mark.line + 1
            out[key] = self.convert(value_node, (*loc, str(key)), depth + 1)
        return out
