"""Read a YAML file and remember where each entry starts, so problems can name a line."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .problems import Problem


class ContentLoader(yaml.SafeLoader):
    """SafeLoader that keeps dates as text: pydantic then checks them and names the field.

    (PyYAML itself raises a bare ValueError, with no line, on a date such as 2026-13-45.)
    """


ContentLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@dataclass
class YamlDocument:
    """The parsed data plus the line where each top-level entry starts (1-based)."""

    data: Any
    lines: dict[Any, int] = field(default_factory=dict)  # list index or mapping key -> line
    duplicate_keys: list[tuple[str, int]] = field(default_factory=list)  # (key, line)


def _top_level_lines(node: yaml.Node) -> tuple[dict[Any, int], list[tuple[str, int]]]:
    lines: dict[Any, int] = {}
    duplicates: list[tuple[str, int]] = []
    if isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            lines[index] = item.start_mark.line + 1
    elif isinstance(node, yaml.MappingNode):
        for key_node, _ in node.value:
            key = key_node.value
            line = key_node.start_mark.line + 1
            if key in lines:
                duplicates.append((str(key), line))
            else:
                lines[key] = line
    return lines, duplicates


def read_yaml(path: Path, shown_as: str) -> tuple[YamlDocument | None, list[Problem]]:
    """Parse `path`; on failure return no document and a problem naming the line."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None, [Problem(shown_as, message="the file is missing")]
    except (OSError, UnicodeDecodeError) as error:
        return None, [Problem(shown_as, message=f"the file cannot be read ({error})")]
    try:
        node = yaml.compose(text, Loader=ContentLoader)
        data = yaml.load(text, Loader=ContentLoader)  # ContentLoader is a SafeLoader
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"line {mark.line + 1}" if mark is not None else None
        reason = getattr(error, "problem", None) or str(error)
        return None, [Problem(shown_as, where, message=f"this is not valid YAML: {reason}")]
    except ValueError as error:  # a value YAML recognises but cannot build
        return None, [Problem(shown_as, message=f"this is not valid YAML: {error}")]
    if node is None:
        return YamlDocument(data=None), []
    lines, duplicates = _top_level_lines(node)
    return YamlDocument(data=data, lines=lines, duplicate_keys=duplicates), []
