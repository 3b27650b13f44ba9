"""The knowledge book (site + Markdown) and the change log, built from the real knowledge base."""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

import pytest

from tests.conftest import SMALL_KB_DIR
from twitchcheck import KnowledgeBase, load_knowledge
from twitchcheck.book.changelog import diff, to_json, to_text
from twitchcheck.book.render import render_markdown, render_site
from twitchcheck.knowledge.checks import iter_numbers
from twitchcheck.knowledge.variant import with_numbers

URL = re.compile(r"""https?://[^\s"'<>()]+""")


@pytest.fixture(scope="module")
def site(kb: KnowledgeBase) -> dict[str, str]:
    return render_site(kb)


@pytest.fixture(scope="module")
def markdown(kb: KnowledgeBase) -> str:
    return render_markdown(kb)


def test_the_site_has_an_index_and_links_only_to_its_own_pages(site: dict[str, str]) -> None:
    assert "index.html" in site
    for text in site.values():
        for href in re.findall(r'href="([^"]+)"', text):
            target = html.unescape(href)
            if not target.startswith("http"):
                assert target.split("#")[0] in site, target


def test_every_condition_finding_rule_and_source_is_in_both_versions(
    kb: KnowledgeBase, site: dict[str, str], markdown: str
) -> None:
    whole = "".join(site.values())
    for cid in kb.conditions:
        assert f'id="condition-{cid}"' in site["conditions.html"]
        assert f'<a id="condition-{cid}"></a>' in markdown
    for fid in kb.findings:
        assert f'id="finding-{fid}"' in site["findings.html"]
        assert f'<a id="finding-{fid}"></a>' in markdown
    for rule in kb.rules:
        assert f'id="rule-{rule.id}"' in site["triage.html"]
        for case in [*rule.cases.fire, *rule.cases.no_fire]:
            assert ", ".join(case.present) in site["triage.html"]
    for source in kb.sources.values():
        assert html.escape(source.url) in whole
        assert source.url in markdown


def test_every_number_and_every_estimate_basis_is_shown(
    kb: KnowledgeBase, site: dict[str, str], markdown: str
) -> None:
    numbers = list(iter_numbers(conditions=kb.conditions, findings=kb.findings, policy=kb.policy))
    for n in numbers:
        if n.citation.estimate:
            assert n.citation.basis
            assert html.escape(n.citation.basis) in site["estimates.html"], n.where
    for cid, c in kb.conditions.items():
        for lk in c.likelihoods:
            assert f">{lk.p:g}<" in site["conditions.html"], (cid, lk.finding)


def test_no_external_request_and_no_url_but_the_sources(
    kb: KnowledgeBase, site: dict[str, str], markdown: str
) -> None:
    urls = {s.url for s in kb.sources.values()}
    for name, text in site.items():
        lowered = text.lower()
        for banned in ("<script", "<link", "<img", "<iframe", "@import", "url(", " src="):
            assert banned not in lowered, (name, banned)
        for found in URL.findall(html.unescape(text)):
            assert found in urls, (name, found)
    for found in URL.findall(markdown):
        assert found in urls, found


def test_diff_of_identical_versions_is_empty(kb: KnowledgeBase) -> None:
    d = diff(kb, kb)
    assert d.empty()
    assert "no changes" in to_text(d)


def test_diff_reports_a_changed_number_with_old_and_new_value(kb: KnowledgeBase) -> None:
    where = "kb/conditions/als.yaml: likelihoods.weakness"
    old = kb.likelihood["als"]["weakness"]
    new = (1 + old) / 2  # up: the kinds of weakness may not exceed weakness (kb check)
    d = diff(kb, with_numbers(kb, {where: new}))
    assert [(c.where, c.old, c.new) for c in d.numbers_changed] == [(where, old, new)]
    assert f"~ {where}: {old:g} → {new:g}" in to_text(d)
    data = to_json(d)
    assert data["numbers"]["changed"][0]["where"] == where
    assert data["conditions"] == {"added": [], "removed": [], "changed": []}


def test_diff_reports_added_removed_and_changed_records(tmp_path: Path) -> None:
    new_dir = tmp_path / "kb"
    shutil.copytree(SMALL_KB_DIR, new_dir)
    cond = new_dir / "conditions" / "a.yaml"
    cond.write_text(cond.read_text().replace("severity: mild", "severity: moderate"))
    sources = new_dir / "sources.yaml"
    sources.write_text(
        sources.read_text()
        + "  - id: extra\n    title: An extra source\n    publisher: tests\n"
        + "    url: https://example.org/extra\n    kind: paper\n    accessed: 2026-11-25\n"
    )
    old = load_knowledge(SMALL_KB_DIR, require=frozenset())
    new = load_knowledge(new_dir, require=frozenset())
    d = diff(old, new)
    assert d.records["sources"].added == ["extra"]
    assert [(c.id, c.fields) for c in d.records["conditions"].changed] == [
        ("a", {"severity": ("mild", "moderate")})
    ]
    assert not d.numbers_changed
    text = to_text(d)
    assert "+ source extra" in text
    assert "~ condition a: severity: mild → moderate" in text
    back = diff(new, old)
    assert back.records["sources"].removed == ["extra"]


def test_the_annotation_chapter_shows_provenance_model_and_every_disease(
    kb: KnowledgeBase, site: dict[str, str], markdown: str
) -> None:
    ann = kb.annotations
    assert ann is not None
    page = site["annotations.html"]
    assert f"HPO annotation release: <strong>{ann.release}</strong>" in page
    assert "twitchcheck kb import-annotations" in page
    for name, number in ann.model_numbers():
        assert f"<code>{name}</code>" in page
        assert f"source-{number.source}" in page
    for cid, cause in ann.causes.items():
        assert f'id="annotations-{cid}"' in page
        assert html.escape(ann.selection.causes[cid].basis) in page
        for d in cause.diseases:
            assert f'id="annotations-{d.id}"' in page
            # each annotated term of the disease is listed with its frequency as stated
            for t in d.terms:
                assert f"<code>{t.term}</code>" in page
    assert "# Disease annotations" in markdown
    counts = ann.counts()
    assert f"{counts['annotation_numbers']} annotated frequencies" in markdown


def test_a_kb_without_annotations_has_no_annotation_chapter(tmp_path: Path) -> None:
    root = tmp_path / "kb"
    shutil.copytree(Path(__file__).resolve().parents[2] / "kb", root)
    shutil.rmtree(root / "annotations")
    bare = load_knowledge(root)
    assert bare.annotations is None
    assert "annotations.html" not in render_site(bare)


def test_a_kinds_share_of_its_broader_finding_is_shown(
    kb: KnowledgeBase, site: dict[str, str]
) -> None:
    shared = {fid: f for fid, f in kb.findings.items() if f.share_of_broader is not None}
    assert shared
    for fid, f in shared.items():
        assert f.share_of_broader is not None
        words = f"Share of the broader finding {f.share_of_broader.p:g}"
        assert words in site["findings.html"], fid
