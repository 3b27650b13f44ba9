"""The opening complaint goes through twitchcheck.text when it exists, and gives nothing when it
does not (the interview never parses text itself)."""

from __future__ import annotations

import sys
import types
from dataclasses import dataclass

import pytest

from twitchcheck import Evidence, KnowledgeBase
from twitchcheck.errors import UnknownIdError
from twitchcheck.interview import next_step, start
from twitchcheck.interview.opening import TEXT_MODULE, read_opening

TEXT = "my left eyelid has been flickering for three days"


@dataclass
class FakeParse:
    evidence: tuple[Evidence, ...]
    age: float | None = 31
    sex: str | None = "female"


def test_without_the_text_reader_the_text_gives_no_evidence(
    kb: KnowledgeBase, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, TEXT_MODULE, None)  # import now raises ModuleNotFoundError
    opening = read_opening(kb, TEXT)
    assert opening.evidence == () and not opening.reader
    session = start(kb, age=30, sex="female", text=TEXT)
    assert session.opening == ()
    assert next_step(kb, session).question is not None  # the interview asks everything itself


def test_with_a_text_reader_its_evidence_opens_the_interview(
    kb: KnowledgeBase, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake = types.ModuleType(TEXT_MODULE)
    seen: list[str] = []

    def parse(_kb: KnowledgeBase, text: str) -> FakeParse:
        seen.append(text)
        return FakeParse((Evidence("twitch_eyelid", "present"), Evidence("HP:0001324", "absent")))

    fake.parse = parse  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, TEXT_MODULE, fake)
    session = start(kb, sex="male", text=TEXT)
    assert seen == [TEXT]
    assert {(e.id, e.state, e.origin) for e in session.opening} == {
        ("twitch_eyelid", "present", "text"), ("weakness", "absent", "text"),
    }  # fmt: skip
    assert session.patient.age == 31  # the text filled in the age ...
    assert session.patient.sex == "male"  # ... but what the person gave wins
    assert read_opening(kb, "   ").evidence == ()


def test_a_reader_returning_unknown_ids_is_an_error_not_silence(
    kb: KnowledgeBase, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake = types.ModuleType(TEXT_MODULE)
    fake.parse = lambda _kb, _t: FakeParse((Evidence("no_such_finding", "present"),))  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, TEXT_MODULE, fake)
    with pytest.raises(UnknownIdError):
        read_opening(kb, TEXT)


def test_the_real_reader_when_installed(kb: KnowledgeBase) -> None:
    pytest.importorskip(TEXT_MODULE)
    opening = read_opening(kb, TEXT)
    if not opening.reader:
        pytest.skip("twitchcheck.text has no parse() yet")
    assert all(e.origin == "text" for e in opening.evidence)
    assert "twitch_eyelid" in {e.id for e in opening.evidence if e.state == "present"}


def test_reader_available_follows_the_module(monkeypatch: pytest.MonkeyPatch) -> None:
    from twitchcheck.interview.opening import reader_available

    monkeypatch.setitem(sys.modules, TEXT_MODULE, None)
    assert not reader_available()
    fake = types.ModuleType(TEXT_MODULE)
    fake.parse = lambda _kb, _t: FakeParse(())  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, TEXT_MODULE, fake)
    assert reader_available()
