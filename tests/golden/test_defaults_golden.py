"""Hand-computed posteriors with a group default (``kb/defaults.yaml``) on the worked-example kb.

The small kb (tests/golden/kb_small, see test_posterior_golden; priors a 0.6, b 0.3, c 0.1, all
three of group ``harmless``) gets a tempo finding t, background 0.2. Cause b states p(t|b) = 0.4;
a and c give no number and inherit the harmless default, ratio 0.5: p(t|a) = p(t|c) = 0.2 · 0.5
= 0.1.

t present:
    a: 0.6 · 0.1 = 0.06     b: 0.3 · 0.4 = 0.12     c: 0.1 · 0.1 = 0.01     total 0.19
    P(a) = 0.315789..., P(b) = 0.631578..., P(c) = 0.052631...
t absent:
    a: 0.6 · 0.9 = 0.54     b: 0.3 · 0.6 = 0.18     c: 0.1 · 0.9 = 0.09     total 0.81
    P(a) = 0.666666..., P(b) = 0.222222..., P(c) = 0.111111...

Without the default (the old silent leak, p = background 0.2) t present would give a and b the
same weight 0.12: the default is what lets "not listed" count against a cause.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import SMALL_KB_DIR
from twitchcheck import Evidence, KnowledgeBase, Patient, explain, load_knowledge, update

T = """id: t
category: symptom
label: "Finding t, a tempo"
question: "Do you have t?"
clinician_label: "Finding t"
codes: {}
lay_phrases: ["phrase t"]
red_flag: false
background: {p: 0.2, source: textbook}
"""

DEFAULTS = """tempo_findings: [t]
defaults:
  - groups: [harmless]
    findings: [t]
    ratio: 0.5
    source: textbook
    estimate: true
    basis: "Half the background for a harmless cause that does not list t."
  - groups: [harmless]
    findings: rest
    ratio: 1.0
    source: textbook
    estimate: true
    basis: "Neutral."
"""

PATIENT = Patient(40, "female")


@pytest.fixture(scope="module")
def kb(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeBase:
    kb_dir = Path(tmp_path_factory.mktemp("defaults")) / "kb"
    shutil.copytree(SMALL_KB_DIR, kb_dir)
    (kb_dir / "findings" / "t.yaml").write_text(T)
    (kb_dir / "defaults.yaml").write_text(DEFAULTS)
    b = kb_dir / "conditions" / "b.yaml"
    b.write_text(b.read_text() + "  - {finding: t, p: 0.4, source: textbook}\n")
    return load_knowledge(kb_dir, require=frozenset())


def test_unstated_tempo_finding_inherits_the_group_default(kb: KnowledgeBase) -> None:
    assert kb.likelihood["a"]["t"] == pytest.approx(0.1)
    assert kb.likelihood["b"]["t"] == pytest.approx(0.4)
    assert kb.likelihood["c"]["t"] == pytest.approx(0.1)
    assert kb.inherited["a"]["t"].ratio == 0.5
    assert "t" not in kb.inherited["b"]  # b states its own number
    assert "y" not in kb.inherited["a"]  # a states the red flag y itself
    assert kb.inherited["c"]["y"].ratio == 1.0  # c does not: the neutral rest entry


def test_posterior_with_the_default(kb: KnowledgeBase) -> None:
    present = update(kb, PATIENT, [Evidence("t", "present")]).probabilities
    assert present["a"] == pytest.approx(0.06 / 0.19, abs=1e-9)
    assert present["b"] == pytest.approx(0.12 / 0.19, abs=1e-9)
    assert present["c"] == pytest.approx(0.01 / 0.19, abs=1e-9)
    absent = update(kb, PATIENT, [Evidence("t", "absent")]).probabilities
    assert absent["a"] == pytest.approx(0.54 / 0.81, abs=1e-9)
    assert absent["b"] == pytest.approx(0.18 / 0.81, abs=1e-9)
    assert absent["c"] == pytest.approx(0.09 / 0.81, abs=1e-9)


def test_the_explanation_cites_the_default(kb: KnowledgeBase) -> None:
    ex = explain(kb, PATIENT, [Evidence("t", "present")], "a")
    [term] = [t for t in ex.terms if t.finding == "t"]
    assert term.ratio == pytest.approx(0.5)
    assert term.source == "textbook" and term.estimate
    assert term.basis == "Half the background for a harmless cause that does not list t."
