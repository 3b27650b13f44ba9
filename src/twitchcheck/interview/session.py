"""An interview session as pure data, and what its answers say about each finding.

A :class:`Session` is the person (age, sex), the evidence of their opening complaint (ids and
states only — the free text itself is never kept) and the answers in the order given. Everything
else — the state of each finding, whether a screening question is waiting for its follow-ups, the
evidence to assess — is derived from it by :func:`derive`, so a session is stored, resumed and
rewound ("back") by its answers alone.

How an answer becomes evidence:

- a finding question: ``yes`` → present, ``no`` → absent, ``unknown`` → unknown;
- a choice: the chosen option's finding present, the other options absent; ``unknown`` → all
  unknown;
- a screen: ``no`` → every finding it covers (that applies to this person and is not yet
  answered) absent, ``unknown`` → all unknown; ``yes`` → the one finding present when only one is
  left, otherwise the screen stays *open* and its checklist ("which of these?") comes next;
- the checklist: the chosen findings present and the others absent; ``none`` → all absent (the
  person took the yes back); ``unknown`` → its findings are asked one by one until one is
  ``yes``. If every one is answered without a ``yes``, those answered ``unknown`` are recorded as
  present: the person said one of them holds and could not rule these out.
- **What the person wrote is never lost** (provenance is kept on every item: ``text`` for their
  own words, ``interview`` for an answer). "Don't know", a skipped question or a checklist item
  left unticked never removes a finding their words stated; only an explicit "no" to that
  finding contradicts it, and the contradiction is recorded (:class:`Conflict`), never silent.
  A red flag they wrote stays present even then: a stated danger sign can only raise the level.
- A specific finding entails the broader ones it ``implies`` in ``kb/`` (a foot that drags is
  weakness), so choosing it never leaves its parent absent; a "no" to the parent beside it is
  recorded as a conflict and the specific finding wins.
- One finding of an exclusive group present in the complaint ("for three months") makes the
  others absent.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Literal

from twitchcheck.engine.evidence import Evidence, Patient, State
from twitchcheck.errors import InterviewError
from twitchcheck.knowledge.model import KnowledgeBase
from twitchcheck.knowledge.questions import applies

from .catalogue import NO, NONE, UNKNOWN, WHICH, YES, catalogue

Stage = Literal["which", "one_by_one"]


@dataclass(frozen=True, slots=True)
class Reply:
    """One answer: the question id and the answer value (``yes``/``no``/``unknown``/option)."""

    question: str
    answer: str


@dataclass(frozen=True, slots=True)
class Session:
    """Everything an interview needs to continue, as plain immutable data.

    Attributes:
        patient: age (years, 0-120) and sex, either may be ``None``.
        opening: evidence read from the opening complaint (origin ``text``); never the text.
        replies: the answers, oldest first.
        knowledge_version: the knowledge base the session was started with (for the record).
    """

    patient: Patient
    opening: tuple[Evidence, ...] = ()
    replies: tuple[Reply, ...] = ()
    knowledge_version: str = ""


@dataclass(frozen=True, slots=True)
class Conflict:
    """Two things the person said about one finding that disagree, and which one was kept.

    Attributes:
        finding: the finding id.
        said: (state, origin) of what came first: their own words (``text``) or an answer
            about a more specific finding (``implied``).
        answered: (state, origin) of the answer that disagrees.
        kept: the state the assessment uses.
        why: ``red_flag`` (a stated danger sign is kept whatever the answer), ``answer`` (the
            later, explicit answer corrects the reading of their words), or ``implied`` (the
            specific finding entails this one).
    """

    finding: str
    said: tuple[State, str]
    answered: tuple[State, str]
    kept: State
    why: Literal["red_flag", "answer", "implied"]


@dataclass(frozen=True, slots=True)
class Record:
    """What the answers so far establish (built by :func:`derive`).

    Attributes:
        states: finding id → state given by an interview answer.
        text_states: finding id → state from the opening complaint.
        asked: question id → its answer, for every question answered.
        open_screen: a screen answered ``yes`` whose follow-ups are still being asked.
        open_stage: ``which`` (its checklist is next) or ``one_by_one``.
        open_members: the findings of ``open_screen`` still to pin down.
        red_flags: the findings marked ``red_flag`` in the knowledge base.
        confirm: findings the opening complaint cannot settle on its own: the red flags and
            every finding a screening question covers (the screen lists them for the person
            to confirm, at no extra question).
        merged: the evidence to assess (see the module docstring), by finding id.
        conflicts: where the person's words and answers disagree, and what was kept.
    """

    states: Mapping[str, State]
    text_states: Mapping[str, State]
    asked: Mapping[str, str]
    open_screen: str | None
    open_stage: Stage | None
    open_members: tuple[str, ...]
    red_flags: frozenset[str] = field(repr=False)
    confirm: frozenset[str] = field(repr=False)
    merged: Mapping[str, Evidence] = field(default_factory=lambda: MappingProxyType({}))
    conflicts: tuple[Conflict, ...] = ()

    def state(self, finding: str) -> State | None:
        """The finding's state as assessed (``merge``): an interview answer first, else the
        opening complaint; a "don't know" never hides what the opening complaint said, a "no"
        never removes a red flag the person stated, and a more specific finding present makes
        the findings it implies present. ``None`` when nothing is known about it."""
        e = self.merged.get(finding)
        return None if e is None else e.state

    def settled(self, finding: str) -> bool:
        """True when the finding need not be asked again.

        An interview answer settles it (``unknown`` included: the person said they do not know).
        The opening complaint settles a finding only when no screening question covers it and
        it is not a red flag. Reading free text can go wrong both ways ("no weakness", "my face
        feels weird"), and a screen asks its findings anyway, so what the text says about them
        is listed for the person to confirm ("you mentioned this").
        """
        if finding in self.states:
            return True
        return finding not in self.confirm and self.text_states.get(finding) in (
            "present",
            "absent",
        )

    @property
    def evidence(self) -> tuple[Evidence, ...]:
        """The evidence to assess, sorted by finding id (see the module docstring)."""
        return tuple(self.merged[k] for k in sorted(self.merged))

    @property
    def present(self) -> frozenset[str]:
        return frozenset(fid for fid, e in self.merged.items() if e.state == "present")

    def unsure_red_flags(self) -> tuple[str, ...]:
        """Red flags the person answered "don't know" to, with nothing else settling them."""
        return tuple(
            fid
            for fid in sorted(self.red_flags)
            if self.states.get(fid) == "unknown"
            and (e := self.merged.get(fid)) is not None
            and e.state == "unknown"
        )


def merge(
    kb: KnowledgeBase, text_states: Mapping[str, State], states: Mapping[str, State]
) -> tuple[dict[str, Evidence], list[Conflict]]:
    """The evidence to assess from the opening complaint and the answers, with the conflicts.

    - an answer ``unknown`` never hides what the text said (present or absent);
    - text ``present`` against an answer ``absent``: a red flag stays present, anything else
      takes the answer; both are recorded as a :class:`Conflict`;
    - otherwise the answer wins (it was asked of the person directly);
    - then every present finding makes the findings it ``implies`` present (transitively),
      recording a conflict where one of them was said to be absent.
    """
    merged: dict[str, Evidence] = {
        fid: Evidence(fid, st, "text") for fid, st in text_states.items()
    }
    conflicts: list[Conflict] = []
    for fid, answered in states.items():
        said = text_states.get(fid)
        if answered == "unknown" and said is not None:
            continue
        if said == "present" and answered == "absent":
            keep_said = kb.findings[fid].red_flag
            conflicts.append(
                Conflict(
                    fid,
                    ("present", "text"),
                    ("absent", "interview"),
                    "present" if keep_said else "absent",
                    "red_flag" if keep_said else "answer",
                )
            )
            if keep_said:
                continue
        merged[fid] = Evidence(fid, answered, "interview")
    todo = [fid for fid, e in merged.items() if e.state == "present"]
    while todo:
        child = merged[todo.pop()]
        for parent in kb.findings[child.id].implies:
            before = merged.get(parent)
            if before is not None and before.state == "present":
                continue
            if before is not None and before.state == "absent":
                conflicts.append(
                    Conflict(
                        parent,
                        ("present", "implied"),
                        ("absent", before.origin),
                        "present",
                        "implied",
                    )
                )
            merged[parent] = Evidence(parent, "present", child.origin)
            todo.append(parent)
    return merged, conflicts


_STATE: dict[str, State] = {YES: "present", NO: "absent", UNKNOWN: "unknown"}


def _open_findings(
    kb: KnowledgeBase, session: Session, record: Record, findings: tuple[str, ...]
) -> list[str]:
    """Those of ``findings`` that apply to this person and are not settled yet."""
    age, sex = session.patient.age, session.patient.sex
    return [
        f
        for f in findings
        if applies(kb.findings[f].applies_to, age, sex) and not record.settled(f)
    ]


def derive(kb: KnowledgeBase, session: Session) -> Record:
    """Replay the answers of ``session`` into a :class:`Record`.

    Raises:
        InterviewError: an answer names a question the knowledge base does not have, or an
            answer value that question does not take (a stored session from another kb).
    """
    cat = catalogue(kb)
    states: dict[str, State] = {}
    text_states: dict[str, State] = {e.id: e.state for e in session.opening}
    # One finding of an exclusive group present means the others are absent (at most one holds).
    for e in session.opening:
        group = kb.findings[e.id].exclusive_group if e.state == "present" else None
        if group is not None:
            for fid, f in kb.findings.items():
                if f.exclusive_group == group and fid != e.id:
                    text_states.setdefault(fid, "absent")
    asked: dict[str, str] = {}
    open_screen: str | None = None
    stage: Stage | None = None
    open_members: list[str] = []
    group_unknown: list[str] = []
    red_flags = frozenset(fid for fid, f in kb.findings.items() if f.red_flag)
    confirm = red_flags | frozenset(cat.screens_of)
    # A live view of the answers so far (it shares the dicts), to ask what is settled mid-replay.
    probe = Record(states, text_states, asked, None, None, (), red_flags, confirm)

    for r in session.replies:
        q = cat.questions.get(r.question)
        value = q.accepts(r.answer) if q is not None else None
        if q is None or value is None:
            raise InterviewError(
                f"answer {r.question}={r.answer!r} does not fit this knowledge base ({kb.version})"
            )
        asked[q.id] = value
        if q.kind == "checklist":
            follow_up = open_screen is not None and q.id == open_screen + WHICH
            members = open_members if follow_up else _open_findings(kb, session, probe, q.findings)
            chosen = set() if value in (NONE, UNKNOWN) else set(value.split(","))
            if not chosen <= set(members):
                raise InterviewError(f"answer to {q.id!r} names a finding not asked about")
            if value == UNKNOWN and follow_up:
                stage = "one_by_one"
                continue
            entailed = _entailed(kb, chosen)
            for fid in members:
                if fid in chosen:
                    states[fid] = "present"
                elif value == UNKNOWN:
                    states[fid] = "unknown"
                elif text_states.get(fid) == "present" or fid in entailed:
                    # An item left unticked never takes back what their words (or a more
                    # specific item they chose) said; it is simply not answered here.
                    continue
                else:
                    states[fid] = "absent"
            if follow_up:
                open_screen, stage, open_members = None, None, []
        elif q.kind == "finding":
            fid = q.id
            states[fid] = _STATE[r.answer]
            if stage == "one_by_one" and fid in open_members:
                open_members.remove(fid)
                if r.answer == UNKNOWN:
                    group_unknown.append(fid)
                if r.answer == YES:
                    open_screen, stage, open_members, group_unknown = None, None, [], []
                elif not open_members:
                    # A yes to the screen that no follow-up confirmed: keep it, conservatively.
                    for g in group_unknown:
                        states[g] = "present"
                    open_screen, stage, group_unknown = None, None, []
        elif q.kind == "choice":
            for fid in q.findings:
                if r.answer == UNKNOWN:
                    states[fid] = "unknown"
                else:
                    states[fid] = "present" if fid == r.answer else "absent"
        else:
            covered = _open_findings(kb, session, probe, q.findings)
            if r.answer == NO:
                states.update(dict.fromkeys(covered, "absent"))
            elif r.answer == UNKNOWN:
                states.update(dict.fromkeys(covered, "unknown"))
            elif len(covered) == 1:
                states[covered[0]] = "present"
            elif covered:
                open_screen, stage, open_members, group_unknown = q.id, "which", covered, []
    merged, conflicts = merge(kb, text_states, states)
    return Record(
        states=MappingProxyType(states),
        text_states=MappingProxyType(text_states),
        asked=MappingProxyType(asked),
        open_screen=open_screen,
        open_stage=stage,
        open_members=tuple(open_members),
        red_flags=red_flags,
        confirm=confirm,
        merged=MappingProxyType(merged),
        conflicts=tuple(conflicts),
    )


def _entailed(kb: KnowledgeBase, chosen: set[str]) -> frozenset[str]:
    """Every finding the ``chosen`` ones imply, transitively."""
    out: set[str] = set()
    todo = list(chosen)
    while todo:
        for parent in kb.findings[todo.pop()].implies:
            if parent not in out:
                out.add(parent)
                todo.append(parent)
    return frozenset(out)


def open_findings(kb: KnowledgeBase, session: Session, record: Record, question: str) -> list[str]:
    """The findings a screen or checklist would still record for this person, in kb order."""
    return _open_findings(kb, session, record, catalogue(kb).questions[question].findings)
