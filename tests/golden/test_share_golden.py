"""Hand-computed leak of a kind with ``share_of_broader`` on the worked-example kb.

The small kb (tests/golden/kb_small, see test_posterior_golden: priors a 0.6, b 0.3, c 0.1;
p(y|a) = 0.1, p(y|b) = 0.9, p(y|c) = 0.5 = b(y)) gets w, a kind of y with background 0.1 and a
share of y of 0.5, that no cause gives a number for. Where a cause makes y likelier than the
background, w takes the background plus half the excess; elsewhere it follows y's ratio:

    a (0.1 < 0.5): 0.1 · 0.1 / 0.5 = 0.02
    b (0.9 > 0.5): 0.1 + 0.5 · (0.9 − 0.5) = 0.3      (without the share: 0.1 · 0.9 / 0.5 = 0.18)
    c (0.5 = 0.5): 0.1                                 (no excess: w says nothing about c)

w present: a 0.6 · 0.02 = 0.012, b 0.3 · 0.3 = 0.09, c 0.1 · 0.1 = 0.01, total 0.112:
    P(a) = 0.107142..., P(b) = 0.803571..., P(c) = 0.089285...
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import small_kb_with
from tests.golden.test_hierarchy_golden import W as HIERARCHY_W
from twitchcheck import Evidence, KnowledgeBase, Patient, update
from twitchcheck.errors import KnowledgeError

# w of the hierarchy golden test, with a share of y
W = HIERARCHY_W.replace(
    "implies: [y]\n", "implies: [y]\nshare_of_broader: {p: 0.5, source: textbook}\n"
)


@pytest.fixture(scope="module")
def kb(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeBase:
    return small_kb_with(Path(tmp_path_factory.mktemp("share")), {"w": W})


def test_a_kind_takes_its_share_of_a_causes_excess(kb: KnowledgeBase) -> None:
    assert kb.likelihood["a"]["w"] == pytest.approx(0.02)
    assert kb.likelihood["b"]["w"] == pytest.approx(0.3)
    assert kb.likelihood["c"]["w"] == pytest.approx(0.1)


def test_the_posterior_with_the_kind_present(kb: KnowledgeBase) -> None:
    post = update(kb, Patient(40, "female"), [Evidence("w", "present")])
    assert post.probabilities["a"] == pytest.approx(0.012 / 0.112, abs=1e-9)
    assert post.probabilities["b"] == pytest.approx(0.09 / 0.112, abs=1e-9)
    assert post.probabilities["c"] == pytest.approx(0.01 / 0.112, abs=1e-9)


def test_a_share_needs_a_broader_finding(tmp_path: Path) -> None:
    with pytest.raises(KnowledgeError, match="share_of_broader needs implies"):
        small_kb_with(tmp_path, {"w": W.replace("implies: [y]\n", "")})
