"""The interview's triage floors: what the person said is never lowered by what they answer.

Two floors, worded and sourced in ``kb/questions/policy.yaml`` (``stated_floor``,
``unsure_red_flag``), join the red-flag rules and the probability path in
``triage.rules.evaluate``; like the rules, they can only raise the level:

- **stated**: the level of the opening words alone (what ``assess --text`` gives for them). The
  red flags read from the words stay present in the evidence anyway (``session.merge``); this
  floor also keeps a level the words reached through the probability of a serious cause.
- **unsure**: a red flag the person answered "don't know" to, with nothing else settling it,
  floors the level at ``routine`` ("you were not sure about …; a doctor can check it").
"""

from __future__ import annotations

from twitchcheck.engine.posterior import Posterior, update
from twitchcheck.knowledge.model import KnowledgeBase
from twitchcheck.triage.rules import RANK, Reason, TriageResult, evaluate

from .catalogue import catalogue
from .session import Record, Session


def opening_triage(kb: KnowledgeBase, session: Session) -> TriageResult | None:
    """The triage of the opening words alone; ``None`` when they gave no evidence."""
    if not session.opening:
        return None
    return evaluate(kb, session.patient, update(kb, session.patient, session.opening))


def floors(
    kb: KnowledgeBase, session: Session, record: Record, posterior: Posterior
) -> tuple[Reason, ...]:
    """The floor reasons that apply to this session (see the module docstring).

    The stated floor is listed only where it raises the level: where the evidence already
    reaches the level of the opening words, its own reasons say it better.
    """
    policy = catalogue(kb).policy
    out: list[Reason] = []
    unsure = record.unsure_red_flags()
    if unsure:
        rule = policy.unsure_red_flag
        labels = "; ".join(kb.findings[f].label for f in unsure)
        out.append(
            Reason(
                "unsure",
                "unsure_red_flag",
                rule.level,
                rule.title,
                rule.advice.replace("{findings}", labels),
                rule.source,
                findings=unsure,
            )
        )
    said = opening_triage(kb, session)
    if (
        said is not None
        and RANK[said.level] > RANK[evaluate(kb, session.patient, posterior, out).level]
    ):
        stated = policy.stated_floor
        findings = tuple(
            dict.fromkeys(f for r in said.reasons if r.level == said.level for f in r.findings)
        ) or tuple(e.id for e in session.opening if e.state == "present")
        out.append(
            Reason(
                "stated",
                "stated_floor",
                said.level,
                stated.title,
                stated.advice,
                stated.source,
                findings=findings,
            )
        )
    return tuple(out)
