"""The ``twitchcheck`` command: one Typer sub-app per command group, composed here."""

from __future__ import annotations

import typer

from . import assess as assess_cmd
from . import batch as batch_cmd
from . import catalog as catalog_cmd
from . import fhir as fhir_cmd
from . import interview as interview_cmd
from . import kb as kb_cmd
from . import parse as parse_cmd
from . import serve as serve_cmd

app = typer.Typer(
    name="twitchcheck",
    help=(
        "Open, evidence-based assessment of muscle twitching: how urgent it is, the likely "
        "causes and why, and what to do next. Decision support, not a diagnosis."
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)
app.command("assess")(assess_cmd.assess)
app.command("explain")(assess_cmd.explain_cmd)
app.command("parse")(parse_cmd.parse_cmd)
app.command("findings")(catalog_cmd.findings)
app.command("conditions")(catalog_cmd.conditions)
app.command("batch")(batch_cmd.batch)
app.command("interview")(interview_cmd.interview)
app.add_typer(kb_cmd.app, name="kb")
app.add_typer(fhir_cmd.app, name="fhir")
app.command("serve")(serve_cmd.serve)


def run() -> None:
    """Console-script entry point."""
    app()
