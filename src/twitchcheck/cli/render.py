"""Rich terminal rendering of assessments, explanations and catalogues (calm, plain words).

A person reads each probability as a natural frequency with the cap of ``kb/display.yaml``
("about 3 in 100 people with answers like yours"), exactly as on the web page; the exact figures
stay in ``--json`` and in ``explain`` (the clinician's view).
"""

from __future__ import annotations

from typing import Literal

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from twitchcheck.assessment.frequency import frame
from twitchcheck.assessment.result import (
    Assessment,
    ConditionResult,
    LayLine,
)
from twitchcheck.engine.explain import Explanation, Term
from twitchcheck.knowledge.model import KnowledgeBase

_LEVEL_STYLE = {
    "emergency": "bold white on red",
    "urgent": "bold black on dark_orange",
    "routine": "bold black on yellow",
    "self_care": "bold black on green",
}
_SHOWN_CONDITIONS = 6
_SHOWN_TERMS = 4
_BAR_WIDTH = 24


def _console() -> Console:
    return Console(highlight=False, soft_wrap=False)


def _label(kb: KnowledgeBase, finding_id: str) -> str:
    return kb.findings[finding_id].label


def _bar(p: float) -> Text:
    filled = round(p * _BAR_WIDTH)
    bar = Text("█" * filled, style="cyan")
    bar.append("░" * (_BAR_WIDTH - filled), style="grey50")
    return bar


def _percent(p: float) -> str:
    return "<0.1%" if p < 0.001 else f"{p:.1%}"


def _people(kb: KnowledgeBase, p: float, who: Literal["people", "base_rate"] = "people") -> str:
    """``p`` as a person should read it: a capped natural frequency (a percentage only for a
    knowledge base without ``display.yaml``)."""
    return frame(p, kb.display, who).text if kb.display is not None else _percent(p)


def _amount(kb: KnowledgeBase, p: float) -> str:
    """``p`` as a bare capped frequency ("about 3 in 100"), for a line under one that said whom
    the frequencies are about."""
    return frame(p, kb.display).amount if kb.display is not None else _percent(p)


def _shown(kb: KnowledgeBase, p: float) -> float:
    """The probability the bar may show: never above the display cap."""
    return min(p, kb.display.cap.value) if kb.display is not None else p


def _strength(ratio: float) -> str:
    times = ratio if ratio >= 1 else 1 / ratio
    return f"×{times:.1f}" if times < 10 else f"×{times:.0f}"


def _term_line(kb: KnowledgeBase, t: Term) -> str:
    what = _label(kb, t.finding)
    said = what if t.state == "present" else f"you said no to '{what}'"
    est = ", estimate" if t.estimate else ""
    return f"{said} ({_strength(t.ratio)}; source: {t.source}{est})"


def _head(kb: KnowledgeBase, name: str, p: float, words: str) -> list[Text]:
    head = Text()
    head.append(name, style="bold")
    head.append("  ")
    head.append(_bar(_shown(kb, p)))
    head.append(f"  {words}", style="italic")
    return [head, Text(f"    {_people(kb, p)}")]


def _line_block(kb: KnowledgeBase, line: LayLine, result: Assessment) -> Group:
    """A cause's block, or a family's: its summed line, then each member with its own share,
    the likeliest with its reasons."""
    if isinstance(line, ConditionResult):
        return _condition_block(kb, line)
    by_id = {c.id: c for c in result.conditions}
    blocks: list[Group | Text] = [Group(*_head(kb, line.name, line.probability, line.words))]
    for k, cid in enumerate(line.members):
        member = by_id[cid]
        share = _amount(kb, member.probability)
        lead = "    mostly" if k == 0 else "    also"
        blocks.append(Text(f"{lead}: {member.name} ({share})", style="bold" if k == 0 else ""))
        if k == 0:
            blocks.append(_reasons(kb, member, indent="      "))
    return Group(*blocks)


def _condition_block(kb: KnowledgeBase, c: ConditionResult) -> Group:
    return Group(*_head(kb, c.name, c.probability, c.words), _reasons(kb, c))


def _reasons(kb: KnowledgeBase, c: ConditionResult, indent: str = "    ") -> Group:
    """What a cause holds on, speaks for and against it, and a feared cause's base rate."""
    lines: list[Text] = []
    if c.exposure_unknown:
        had = " or ".join(_label(kb, f) for f in c.exposure_unknown)
        note = f"{indent}only if this applies to you: {had} (not asked yet)"
        lines.append(Text(note, style="yellow"))
    for t in c.supporting[:_SHOWN_TERMS]:
        lines.append(Text(f"{indent}+ speaks for it: {_term_line(kb, t)}", style="green"))
    for t in c.opposing[:_SHOWN_TERMS]:
        lines.append(Text(f"{indent}− speaks against it: {_term_line(kb, t)}", style="magenta"))
    if c.id in kb.policy.reassurance.conditions:
        # A feared cause is never shown without its base rate and what speaks against it.
        if not c.opposing:
            lines.append(Text(f"{indent}− nothing you told us speaks against it", style="magenta"))
        lines.append(Text(f"{indent}{_people(kb, c.prior, 'base_rate')}", style="grey50"))
    return Group(*lines)


def render_assessment(kb: KnowledgeBase, result: Assessment) -> None:
    """Print the triage banner, likely causes, next steps and the disclaimer."""
    con = _console()
    tri = result.triage
    banner = Text(f" {tri.label.upper()} ", style=_LEVEL_STYLE[tri.level])
    body = [banner, Text(tri.advice, style="bold")]
    rule_reasons = [r for r in tri.reasons if r.kind == "rule" and r.level == tri.level]
    for r in rule_reasons or [r for r in tri.reasons if r.level == tri.level]:
        why = ", ".join(_label(kb, f) for f in r.findings) if r.findings else ""
        if r.kind == "probability":
            names = ", ".join(kb.conditions[c].name for c in r.conditions)
            why = f"{_people(kb, r.probability or 0.0)} have a cause that needs a doctor ({names})"
        body.append(Text(f"• {r.title}: {why}  [source: {r.source}]"))
        if r.advice and r.advice != tri.advice:
            body.append(Text(f"  {r.advice}", style="italic"))
    con.print(Panel(Group(*body), title="How urgent is this?", border_style="bold"))

    lines_all = result.lay_lines()
    shown = lines_all[:_SHOWN_CONDITIONS]
    blocks: list[Group | Text] = [_line_block(kb, line, result) for line in shown]
    rest = len(lines_all) - len(shown)
    if rest > 0:
        blocks.append(
            Text(f"{rest} other causes were considered and are less likely.", style="grey50")
        )
    for calm in result.reassurance:
        because = [_term_line(kb, t) for t in calm.against[:_SHOWN_TERMS]]
        if calm.rare_at_this_age:
            because.append("it is rare at this age")
        blocks.append(
            Text(
                f"{calm.name} is unlikely here ({_people(kb, calm.probability)}): "
                + "; ".join(because)
                + ".",
                style="bold green",
            )
        )
        feared = next((c for c in result.conditions if c.id == calm.condition), None)
        if feared is not None:
            blocks.append(
                Text(f"  For comparison: {_people(kb, feared.prior, 'base_rate')}.", style="green")
            )
    con.print(
        Panel(
            Group(*blocks),
            title="Likely causes (probabilities are estimates, not certainties)",
            border_style="cyan",
        )
    )

    steps = result.next_steps
    lines: list[Text] = [Text(steps.advice, style="bold")]
    if steps.specialist and steps.specialist != "gp" and steps.level != "emergency":
        pretty = steps.specialist.replace("_", " ")
        lines.append(Text(f"Your doctor may involve a {pretty}."))
    if steps.tests:
        lines.append(Text("Tests a doctor may consider:"))
        lines += [Text(f"  • {name} — {why}") for _, name, why in steps.tests]
    if steps.self_care:
        lines.append(Text("What you can do yourself:"))
        lines += [Text(f"  • {line}") for line in steps.self_care]
    con.print(Panel(Group(*lines), title="What next?", border_style="green"))
    con.print(Text(result.disclaimer, style="italic grey50"))


def render_explanation(kb: KnowledgeBase, ex: Explanation) -> None:
    """Print the prior, every likelihood-ratio term with its source, and the result."""
    con = _console()
    cond = kb.conditions[ex.condition]
    con.print(Text(f"{cond.name} ({cond.clinical_name})", style="bold"))
    est = " (estimate)" if ex.prior_estimate else ""
    con.print(
        f"Prior for age band {ex.band}: weight {ex.prior_weight:.3g}, "
        f"{ex.prior_probability:.2%} of all causes — source: {ex.prior_source}{est}"
    )
    if ex.prior_basis:
        con.print(Text(f"  basis: {ex.prior_basis}", style="grey50"))
    table = Table(title="Evidence, one likelihood ratio each")
    for col in ("finding", "state", "P(f|cause)", "P(f|background)", "ratio", "source"):
        table.add_column(col)
    for t in ex.terms:
        style = {"for": "green", "against": "magenta"}.get(t.direction, "")
        table.add_row(
            _label(kb, t.finding),
            t.state,
            f"{t.likelihood:.3g}",
            f"{t.background:.3g}",
            f"{t.ratio:.3g}",
            t.source + (" (est.)" if t.estimate else ""),
            style=style,
        )
    con.print(table)
    con.print(Text(f"Probability after the evidence: {ex.probability:.2%}", style="bold"))


def render_findings(kb: KnowledgeBase) -> None:
    table = Table(title=f"{len(kb.findings)} findings")
    for col in ("id", "question", "codes", "red flag"):
        table.add_column(col)
    for f in kb.findings.values():
        codes = ", ".join(f.codes.all())
        table.add_row(f.id, f.question, codes, "yes" if f.red_flag else "")
    _console().print(table)


def render_conditions(kb: KnowledgeBase) -> None:
    table = Table(title=f"{len(kb.conditions)} conditions")
    for col in ("id", "name", "group", "ICD-10-CM", "SNOMED CT", "care"):
        table.add_column(col)
    for c in kb.conditions.values():
        table.add_row(
            c.id, c.name, c.group, ", ".join(c.codes.icd10cm), ", ".join(c.codes.snomed), c.care
        )
    _console().print(table)
