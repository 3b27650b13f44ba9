"""``twitchcheck kb book`` and ``twitchcheck kb diff`` as a person runs them."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

from tests.adapters.test_cli import run
from tests.conftest import KB_DIR
from twitchcheck import KnowledgeBase


def test_book_writes_the_site_and_the_markdown(tmp_path: Path, kb: KnowledgeBase) -> None:
    out = tmp_path / "book"
    proc = run("kb", "book", "--out", str(out))
    assert proc.returncode == 0, proc.stderr
    assert (out / "index.html").is_file() and (out / "book.md").is_file()
    pages = {p.name for p in out.glob("*.html")}
    assert {"index.html", "conditions.html", "findings.html", "triage.html"} <= pages
    index = (out / "index.html").read_text()
    assert kb.version in index
    assert "<style>" in index and "<script" not in index
    # a split cause says which lay line it is summed into, and with which other causes
    book = (out / "book.md").read_text()
    section = book[book.index("(antidepressant_effect)") :]
    section = section[: section.index("### Sources of the entry")]
    assert "**Shown to a person as one line:** 'A side effect of a medicine'" in section
    assert "(#condition-corticosteroid_effect)" in section


def test_book_into_a_file_is_exit_2(tmp_path: Path) -> None:
    target = tmp_path / "not-a-folder"
    target.write_text("x")
    proc = run("kb", "book", "--out", str(target))
    assert proc.returncode == 2
    assert "not a folder" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_diff_finds_a_changed_number_in_a_copy(tmp_path: Path) -> None:
    new = tmp_path / "kb"
    shutil.copytree(KB_DIR, new)
    cond = new / "conditions" / "als.yaml"
    text = cond.read_text()
    match = re.search(r"(  - finding: weakness\n    p: )([0-9.]+)", text)
    assert match, "kb/conditions/als.yaml lists the weakness likelihood as `p:` on its own line"
    old_value = float(match.group(2))
    cond.write_text(text.replace(match.group(0), f"{match.group(1)}0.95", 1))

    proc = run("kb", "diff", str(KB_DIR), str(new))
    assert proc.returncode == 0, proc.stderr
    assert f"~ kb/conditions/als.yaml: likelihoods.weakness: {old_value:g} → 0.95" in proc.stdout
    assert "numbers: 0 added, 0 removed, 1 changed" in proc.stdout

    as_json = run("kb", "diff", str(KB_DIR), str(new), "--json")
    data = json.loads(as_json.stdout)
    assert data["numbers"]["changed"] == [
        {
            "where": "kb/conditions/als.yaml: likelihoods.weakness",
            "old": old_value,
            "new": 0.95,
            "old_source": data["numbers"]["changed"][0]["old_source"],
            "new_source": data["numbers"]["changed"][0]["old_source"],
            "old_estimate": data["numbers"]["changed"][0]["old_estimate"],
            "new_estimate": data["numbers"]["changed"][0]["old_estimate"],
            "basis_changed": False,
        }
    ]


def test_diff_with_a_missing_folder_is_exit_2(tmp_path: Path) -> None:
    proc = run("kb", "diff", str(tmp_path / "nowhere"), str(KB_DIR))
    assert proc.returncode == 2
    assert "not found" in proc.stderr
    assert "Traceback" not in proc.stderr
