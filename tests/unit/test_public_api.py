"""The public API is declared once in twitchcheck/__init__.py; this test fails on drift."""

from __future__ import annotations

import importlib

import pytest

import twitchcheck

EXPECTED = {
    "Assessment",
    "ContradictionError",
    "Evidence",
    "InputError",
    "InvalidValueError",
    "KnowledgeBase",
    "KnowledgeError",
    "Patient",
    "Posterior",
    "State",
    "TriageResult",
    "TwitchcheckError",
    "UnknownIdError",
    "__version__",
    "assess",
    "evaluate",
    "explain",
    "load_knowledge",
    "update",
}


def test_all_is_exactly_the_public_api() -> None:
    assert set(twitchcheck.__all__) == EXPECTED
    assert len(twitchcheck.__all__) == len(set(twitchcheck.__all__))


@pytest.mark.parametrize("name", sorted(EXPECTED - {"__version__"}))
def test_every_exported_name_resolves_to_its_defining_module(name: str) -> None:
    value = getattr(twitchcheck, name)
    module = importlib.import_module(twitchcheck._EXPORTS[name])
    assert getattr(module, name) is value


def test_unknown_names_raise_attribute_error() -> None:
    with pytest.raises(AttributeError):
        _ = twitchcheck.not_a_public_name  # type: ignore[attr-defined]


def test_errors_form_one_tree() -> None:
    for name in ("KnowledgeError", "InputError", "UnknownIdError", "ContradictionError"):
        assert issubclass(getattr(twitchcheck, name), twitchcheck.TwitchcheckError)
    assert issubclass(twitchcheck.UnknownIdError, twitchcheck.InputError)
