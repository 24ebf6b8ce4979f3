"""Safe YAML reading that keeps every node's line and column for error messages.

PyYAML's loaders silently keep the last of two duplicate keys and, unless told otherwise, build
Python objects from tags. Here a document is composed into nodes (no construction), checked, and
converted by hand: only plain YAML types, no duplicate keys, bounded size, depth and aliases.

Nodes are composed from the parser's events by :func:`_compose`, a loop rather than PyYAML's
recursive composer: deep nesting cannot exhaust the stack, and the limits are enforced before
any value is built. libyaml parses the events when present (about 10x faster); on an error the
pure-Python parser runs again for its clearer message and exact position.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from talkdeck.errors import Problem
from talkdeck.library.files import NotRegular, TooLarge, read_regular
from talkdeck.showable import unshowable

# libyaml's parser when PyYAML was built with it, else the pure-Python one.
_FastParser: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

MAX_BYTES = 1_000_000
MAX_DEPTH = 40
MAX_ALIASES = 100
MAX_NODES = 200_000  # after alias expansion: stops "billion laughs" before any value is built

_PLAIN_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
}
_STR, _NULL = "tag:yaml.org,2002:str", "tag:yaml.org,2002:null"
_RESOLVER = yaml.resolver.Resolver()
# The node kind each standard tag may mark; any other pairing (`!!str [a, b]`) is refused.
_KIND_OF_TAG: dict[str, type] = {
    **dict.fromkeys(
        sorted(_PLAIN_TAGS - {"tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"}), yaml.ScalarNode
    ),
    "tag:yaml.org,2002:map": yaml.MappingNode,
    "tag:yaml.org,2002:seq": yaml.SequenceNode,
}
_WRITTEN = {
    yaml.ScalarNode: "a single value",
    yaml.SequenceNode: "a list",
    yaml.MappingNode: "a mapping",
}


def _short(tag: str) -> str:
    return tag.replace("tag:yaml.org,2002:", "!!")


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
            elif (
                isinstance(node, yaml.SequenceNode)
                and isinstance(part, int)
                and 0 <= part < len(node.value)
            ):
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


class LimitError(Exception):
    """A document too deep, too aliased or too large once expanded; refused before building."""

    def __init__(self, message: str, mark: Any) -> None:
        super().__init__(message)
        self.message, self.mark = message, mark


def _compose(text: str, parser: type) -> list[yaml.Node]:
    """Events -> node trees, one per document, enforcing depth, alias and expansion limits.

    Each open collection is a frame [node, anchor, items, expanded size]; an alias counts the
    expanded size of what it repeats, so a "billion laughs" stops after a few dozen events.
    """
    docs: list[yaml.Node] = []
    anchors: dict[str, tuple[yaml.Node, int]] = {}
    stack: list[list[Any]] = []
    aliases = total = 0
    for event in yaml.parse(text, Loader=parser):
        anchor = getattr(event, "anchor", None)
        if isinstance(event, yaml.AliasEvent):
            if anchor not in anchors:
                inside = any(frame[1] == anchor for frame in stack)
                why = "is inside the value it names" if inside else "is not defined above"
                raise LimitError(f"alias *{anchor} {why}", event.start_mark)
            aliases += 1
            if aliases > MAX_ALIASES:
                raise LimitError(
                    f"more than {MAX_ALIASES} aliases; write the values out", event.start_mark
                )
            node, size = anchors[anchor]
            added, anchor = size, None
        elif isinstance(event, yaml.ScalarEvent):
            tag = event.tag
            if tag is None or tag == "!":
                tag = _RESOLVER.resolve(yaml.ScalarNode, event.value, event.implicit)
            # libyaml's marks stand in for PyYAML's (types-PyYAML types them apart).
            start, end = event.start_mark, event.end_mark
            node = yaml.ScalarNode(tag, event.value, start, end, style=event.style)  # type: ignore[arg-type]
            size = added = 1
        elif isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
            if len(stack) > MAX_DEPTH:
                raise LimitError(f"nested deeper than {MAX_DEPTH} levels", event.start_mark)
            kind = (
                yaml.SequenceNode
                if isinstance(event, yaml.SequenceStartEvent)
                else yaml.MappingNode
            )
            tag = event.tag
            if tag is None or tag == "!":
                tag = _RESOLVER.resolve(kind, None, event.implicit)
            stack.append(
                [
                    kind(tag, [], event.start_mark, None, flow_style=event.flow_style),  # type: ignore[arg-type]
                    anchor,
                    [],
                    1,
                ]
            )
            total += 1
            continue
        elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
            node, anchor, items, size = stack.pop()
            node.end_mark = event.end_mark
            node.value = (
                items
                if isinstance(node, yaml.SequenceNode)
                else list(zip(items[::2], items[1::2], strict=True))
            )
            added = 0  # counted in total when it opened
        elif isinstance(event, yaml.DocumentStartEvent):
            anchors, total = {}, 0
            continue
        else:
            continue
        total += added
        if total > MAX_NODES:
            raise LimitError(
                f"document expands to more than {MAX_NODES:,} values (too many aliases?)",
                event.start_mark,
            )
        if anchor is not None:
            if anchor in anchors:
                raise LimitError(f"anchor &{anchor} is defined twice", node.start_mark)
            anchors[anchor] = (node, size)
        if stack:
            stack[-1][2].append(node)
            stack[-1][3] += size
        else:
            docs.append(node)
    return docs


def _parse(text: str) -> list[yaml.Node]:
    """Compose with libyaml; on a YAML error, again in pure Python for its clearer message."""
    try:
        return _compose(text, _FastParser)
    except yaml.YAMLError as fast_error:
        if _FastParser is yaml.SafeLoader:
            raise
        _compose(text, yaml.SafeLoader)  # raises the same error, better worded
        raise fast_error from None  # only libyaml refused it


def _yaml_error(exc: yaml.YAMLError, text: str) -> tuple[str, int, int]:
    """(message, line, col) for a parser error."""
    if isinstance(exc, yaml.reader.ReaderError):
        pos = exc.position
        line = text.count("\n", 0, pos) + 1
        col = pos - text.rfind("\n", 0, pos)
        char = f"U+{exc.character:04X}" if isinstance(exc.character, int) else "a control code"
        return f"not valid YAML: character {char} is not allowed; delete it", line, col
    if isinstance(exc, yaml.MarkedYAMLError):
        mark = exc.problem_mark or exc.context_mark
        reason = exc.problem or exc.context or "invalid YAML"
        if "'\\t'" in reason or "tab" in reason:
            reason += " (use spaces, not tabs, to indent)"
        place = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        return f"not valid YAML: {reason}", *place
    return f"not valid YAML: {exc}", 1, 1


def read_yaml(path: Path, shown: str) -> tuple[Document | None, list[Problem]]:
    """Parse one file. Returns the document (None if unusable) and every problem found."""

    def fail(message: str, line: int = 1, col: int = 1) -> tuple[None, list[Problem]]:
        return None, [Problem(shown, line, col, "", message)]

    try:
        raw = read_regular(path, MAX_BYTES)  # a FIFO or device is refused, never read
    except TooLarge as exc:
        if exc.size == MAX_BYTES + 1:  # it grew while being read
            return fail(f"file is over {MAX_BYTES:,} bytes, the limit")
        return fail(f"file is {exc.size:,} bytes; the limit is {MAX_BYTES:,}")
    except NotRegular as exc:
        return fail(exc.strerror or str(exc))
    except OSError as exc:
        return fail(f"cannot read: {exc.strerror or exc}")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        col = exc.start - raw.rfind(b"\n", 0, exc.start)
        return fail(f"not valid UTF-8 (byte {exc.start}); save the file as UTF-8", line, col)
    try:
        nodes = _parse(text)
    except LimitError as exc:
        return fail(exc.message, exc.mark.line + 1, exc.mark.column + 1)
    except yaml.YAMLError as exc:
        return fail(*_yaml_error(exc, text))
    except Exception as exc:  # whatever the parser raises is a problem, not a crash
        return fail(f"not valid YAML: {exc}")
    if len(nodes) > 1:
        mark = nodes[1].start_mark
        return fail("holds more than one YAML document; keep one per file", mark.line + 1)
    if not nodes or (nodes[0].tag == _NULL and nodes[0].value == ""):
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

    def _stop(self, node: yaml.Node, message: str, loc: Loc = ()) -> None:
        self.fatal = True
        mark = node.start_mark
        self.problems.append(
            Problem(self.doc.path, mark.line + 1, mark.column + 1, where(loc), message)
        )

    def convert(self, node: yaml.Node, loc: Loc, depth: int) -> Any:
        if self.fatal:
            return None
        # _compose already enforces both limits; these guard nodes built any other way.
        self.count += 1
        if self.count > MAX_NODES:
            self._stop(
                node, f"document expands to more than {MAX_NODES:,} values (too many aliases?)"
            )
            return None
        if depth > MAX_DEPTH:
            self._stop(node, f"nested deeper than {MAX_DEPTH} levels")
            return None
        kind = _KIND_OF_TAG.get(node.tag)
        if kind is not None and not isinstance(node, kind):
            # `title: !!str [a, b]`: the tag contradicts what is written; say so, once.
            self._stop(
                node,
                f"tag {_short(node.tag)} cannot mark {_WRITTEN[type(node)]}; remove the tag",
                loc,
            )
            return None
        if node.tag == _STR:  # the common case, without the constructor's bookkeeping
            bad = unshowable(node.value)
            if bad:
                mark = node.start_mark
                self.problems.append(
                    Problem(
                        self.doc.path,
                        mark.line + 1,
                        mark.column + 1,
                        where(loc),
                        f"holds {bad}, which a slide cannot show; delete it",
                    )
                )
            return node.value
        if node.tag not in _PLAIN_TAGS:
            self._stop(node, f"tag {_short(node.tag)} is not allowed; only plain YAML values")
            return None
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, loc, depth)
        if isinstance(node, yaml.SequenceNode):
            return [self.convert(item, (*loc, i), depth + 1) for i, item in enumerate(node.value)]
        try:
            return self._scalars.construct_object(node, deep=True)
        except Exception:  # PyYAML's constructors raise KeyError, IndexError...
            # 2026-02-30, a 5,000-digit number, `!!bool maybe`, `!!int ""`: keep the text as
            # written; the model then says what the field expects (or accepts it as text).
            return node.value

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
                self.problems.append(
                    Problem(
                        self.doc.path,
                        mark.line + 1,
                        mark.column + 1,
                        where((*loc, str(key))),
                        f"duplicate key '{key}' (first at line {first_line[key]})",
                    )
                )
                continue
            first_line[key] = key_node.start_mark.line + 1
            out[key] = self.convert(value_node, (*loc, str(key)), depth + 1)
        return out
