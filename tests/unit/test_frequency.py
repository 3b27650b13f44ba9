"""Probabilities framed as natural frequencies, rounded, capped (kb/display.yaml); the page's
JavaScript applies the same rules and the browser tests check its output against the cap."""

from __future__ import annotations

import functools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import KB_DIR
from twitchcheck.assessment.frequency import frame
from twitchcheck.knowledge.display import DisplayFile
from twitchcheck.knowledge.loader import load_knowledge


@functools.cache
def _display() -> DisplayFile:
    d = load_knowledge(KB_DIR).display
    assert d is not None
    return d


@pytest.fixture(scope="module")
def display() -> DisplayFile:
    return _display()


@pytest.mark.parametrize(
    ("p", "amount"),
    [
        (0.0, "fewer than 1 in 10,000"),
        (0.00006, "about 1 in 10,000"),
        (0.004, "about 4 in 1,000"),
        (0.005, "about 1 in 100"),  # halves round up, as in JavaScript
        (0.034, "about 3 in 100"),
        (0.12, "about 10 in 100"),
        (0.43, "about 45 in 100"),
        (0.66, "about 65 in 100"),
        (0.68, "at least 70 in 100"),
        (0.98, "at least 70 in 100"),
    ],
)
def test_examples(display: DisplayFile, p: float, amount: str) -> None:
    assert frame(p, display).amount == amount


def test_the_cap_says_a_doctor_must_examine(display: DisplayFile) -> None:
    framed = frame(0.98, display)
    assert framed.capped and "doctor who examines you" in framed.text
    assert "%" not in framed.text
    assert "before any answers" in frame(0.001, display, "base_rate").text


@given(st.floats(min_value=0.0, max_value=1.0))
def test_never_above_the_cap_and_monotone(p: float) -> None:
    d = _display()
    f = frame(p, d)
    assert f.count / f.per <= d.cap.value + 1e-9
    higher = frame(min(1.0, p + 0.05), d)
    assert higher.count / higher.per >= f.count / f.per - 0.051
