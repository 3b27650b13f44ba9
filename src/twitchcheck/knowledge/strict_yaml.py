"""YAML read strictly: a key written twice in one mapping is an error, never a silent override
(the second ``trip:`` of a list of words would quietly drop the first)."""

from __future__ import annotations

from typing import Any

import yaml
from yaml.nodes import MappingNode


class _UniqueKeyLoader(yaml.SafeLoader):
    """``yaml.SafeLoader`` that refuses a key repeated within one mapping."""

    def construct_mapping(self, node: MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    "while reading a mapping",
                    node.start_mark,
                    f"the key {key!r} is written twice",
                    key_node.start_mark,
                )
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


def load_strict(text: str | bytes) -> Any:
    """Parse ``text`` as YAML (safe subset), refusing duplicate keys.

    Raises:
        yaml.YAMLError: the text is not YAML, or a mapping repeats a key.
    """
    return yaml.load(text, Loader=_UniqueKeyLoader)
