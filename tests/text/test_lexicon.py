"""One vocabulary: every lay phrase in kb/findings reads back as its own finding.

A phrase added to one finding that another finding's phrases swallow, or that the parser cannot
reach, fails here with the file and phrase named.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import KB_DIR
from twitchcheck import KnowledgeBase, load_knowledge
from twitchcheck.text import parse
from twitchcheck.text.language import load_language
from twitchcheck.text.pipeline import parser_for

_KB = load_knowledge(KB_DIR)
_PRONOUNS = {"he", "his", "him", "she", "her"}


def _phrases() -> list[tuple[str, str, str]]:
    out = []
    for fid, f in _KB.findings.items():
        if f.lasting is not None:
            continue  # durations are read from time expressions (tested in test_parse.py)
        out += [(fid, p, "present") for p in f.lay_phrases]
        out += [(fid, p, "absent") for p in f.lay_normal]
    return out


@pytest.mark.kb
@pytest.mark.parametrize(("finding", "phrase", "state"), _phrases())
def test_every_lay_phrase_reads_back(
    kb: KnowledgeBase, finding: str, phrase: str, state: str
) -> None:
    f = kb.findings[finding]
    text = phrase
    twitch = set(load_language().twitch_words)
    if f.category == "location" and not twitch & set(phrase.split()):
        text = f"{phrase} twitching"  # a bare site ("calf") needs a twitch word
    bare = {e.phrase for e in parser_for(kb).lexicon.entries if e.bare and e.finding == finding}
    if state == "absent" and phrase in bare:
        text = f"I can {phrase} fine"  # an activity alone says nothing ("climb stairs")
    if f.category == "infant" or _PRONOUNS & set(phrase.split()):
        text = f"My son is 1. {text}"  # said of a child, by a parent
    got = {e.id: e.state for e in parse(kb, text).evidence}
    assert got.get(finding) == state, f"kb/findings/{finding}.yaml: {phrase!r} read as {got}"


def test_the_lexicon_holds_no_phrase_outside_the_kb(kb: KnowledgeBase) -> None:
    kb_phrases = {
        (fid, p) for fid, f in kb.findings.items() for p in [*f.lay_phrases, *f.lay_normal]
    }
    for entry in parser_for(kb).lexicon.entries:
        assert (entry.finding, entry.phrase) in kb_phrases


def test_language_rules_name_no_finding(kb: KnowledgeBase) -> None:
    rules = (load_language().model_dump_json()).lower()
    for fid in kb.findings:
        assert f'"{fid}"' not in rules


def test_a_phrase_in_two_findings_or_both_lists_is_refused(tmp_path: Path) -> None:
    import shutil

    from twitchcheck.errors import KnowledgeError

    root = tmp_path / "kb"
    shutil.copytree(KB_DIR, root)
    weakness = root / "findings" / "weakness.yaml"
    text = weakness.read_text()
    weakness.write_text(text.replace("lay_normal:\n", 'lay_normal:\n  - "lost strength"\n', 1))
    with pytest.raises(KnowledgeError, match="'lost strength' is in lay_phrases and lay_normal"):
        load_knowledge(root)
    weakness.write_text(text.replace("lay_normal:\n", 'lay_normal:\n  - "pins and needles"\n', 1))
    with pytest.raises(KnowledgeError, match="'pins and needles' is also a phrase"):
        load_knowledge(root)
