"""YAML of kb/ and rules.yaml: a key written twice in one mapping is refused, never a silent
override."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from twitchcheck.errors import KnowledgeError
from twitchcheck.knowledge.strict_yaml import load_strict
from twitchcheck.text.language import RULES_PATH, load_language


def test_a_repeated_key_is_refused() -> None:
    with pytest.raises(yaml.YAMLError, match="'trip' is written twice"):
        load_strict("senses:\n  trip: [road]\n  trip: [breaker]\n")


def test_distinct_keys_and_nested_mappings_load() -> None:
    data = load_strict("a: {x: 1}\nb: {x: 2}\nc: [1, 2]\n")
    assert data == {"a": {"x": 1}, "b": {"x": 2}, "c": [1, 2]}


def test_the_rules_file_with_a_repeated_key_is_a_knowledge_error(tmp_path: Path) -> None:
    text = RULES_PATH.read_text(encoding="utf-8")
    doubled = tmp_path / "rules.yaml"
    doubled.write_text(text + "\nplain_words: [again]\n", encoding="utf-8")
    with pytest.raises(KnowledgeError, match=r"rules\.yaml"):
        load_language(doubled)
