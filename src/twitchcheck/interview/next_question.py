"""The next question, why it is asked, and when to stop.

**Which question.** For every question that may still be asked, each possible answer is tried on
the engine's posterior (``belief``). A question scores

    gain about the cause (bits) + triage_weight × gain about the triage level (bits)

so one whose answer can change how urgent this is comes before one that only reorders the causes.

**When to stop** (numbers from ``kb/questions/policy.yaml``):

1. Never while a screening question is waiting for its follow-up.
2. **Safety rule.** Never at ``self_care`` or ``routine`` while a red-flag finding that applies to
   this person has no answer (``unknown`` counts only when the person said "don't know"). We ask
   them at every level, in fact — several emergency rules need two red flags together — and the
   ``always_ask`` screens too, whatever the numbers below say.
3. Never while the triage is unsettled: for some question left, the chance that its answer raises
   the level to routine / urgent / emergency reaches ``settle_below``; or a rule above the level
   now that needs several answers at once is within reach (:func:`within_reach`).
4. Then stop when the top cause has reached ``confident_at`` and no single answer would change the
   leading three causes with a chance of ``top3_settle_below``; or when no question scores
   ``min_gain``; or after ``max_questions`` answers.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, replace
from types import MappingProxyType
from typing import Literal

import numpy as np
import numpy.typing as npt

from twitchcheck.engine.posterior import update
from twitchcheck.knowledge.model import KnowledgeBase
from twitchcheck.knowledge.questions import applies
from twitchcheck.triage.rules import RANK, Level, evaluate

from . import belief as b
from .catalogue import NO, NONE, WHICH, YES, Catalogue, Question, catalogue
from .floors import floors
from .session import Record, Session, derive, open_findings

StopReason = Literal[
    "emergency", "confident", "nothing_worth_asking", "question_limit", "nothing_left"
]
AskReason = Literal["follow_up", "triage", "red_flag", "most_informative"]
RAISES: tuple[Level, ...] = ("routine", "urgent", "emergency")


@dataclass(frozen=True, slots=True)
class Outcome:
    """One possible answer and what it would do.

    Attributes:
        answer: ``yes``, ``no`` or a choice option's value.
        probability: how likely this answer is, given everything so far.
        probs: the cause probabilities after it (in ``belief.tables().conditions`` order).
        levels: (share of this answer, triage level) pairs; a screen's ``yes`` is split by which
            of its findings would be the one present.
    """

    answer: str
    probability: float
    probs: b.Vector
    levels: tuple[tuple[float, Level], ...]


@dataclass(frozen=True, slots=True)
class Scored:
    question: Question
    outcomes: tuple[Outcome, ...]
    gain: float
    triage_gain: float
    score: float
    raise_risk: Mapping[Level, float]
    rank_risk: float


@dataclass(frozen=True, slots=True)
class Rationale:
    """Why a question is asked, derived from the engine.

    Attributes:
        text: one or two plain sentences.
        towards: answer → the cause that answer would make more likely than any other.
        separates: (cause a yes points to, cause a no points to), when both move noticeably.
        levels: answer → the triage level it would give at least.
        help: the knowledge base's own reason for the question (may be empty).
    """

    text: str
    towards: Mapping[str, str]
    separates: tuple[str, str] | None
    levels: Mapping[str, Level]
    help: str


@dataclass(frozen=True, slots=True)
class Step:
    """Where the interview stands: the next question, or why it is done.

    Attributes:
        question: the question to ask next; ``None`` when done.
        rationale: why that question (``None`` when done).
        done: whether the interview has ended.
        reason: a ``StopReason`` when done, else an ``AskReason``.
        asked: answers given so far.
        remaining: a rough estimate of the questions still to come, this one included (a
            progress hint, not a promise).
        level: the triage level with the answers so far.
        top: the three most likely causes so far.
        known: for a checklist, the options already known to hold (from the person's own
            words, or entailed by a more specific answer): shown ticked, never taken back.
    """

    question: Question | None
    rationale: Rationale | None
    done: bool
    reason: str
    asked: int
    remaining: int
    level: Level
    top: tuple[str, ...]
    known: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class _Context:
    kb: KnowledgeBase
    cat: Catalogue
    session: Session
    record: Record
    tables: b.Tables
    weights: b.Vector  # includes the open screen's "at least one" term
    closed: b.Vector  # without it
    probs: b.Vector
    present: frozenset[str]
    scored: frozenset[str]  # present findings the engine scores (not entailed by others)
    level: Level


def _candidates(ctx: _Context) -> list[Question]:
    """Every question that may be asked now (see the module docstring).

    A finding covered by a screen that applies to this person is asked through it — the screen,
    or its checklist when one of its findings is already known to be present — and on its own
    only if it is still open after that.
    """
    kb, cat, rec, session = ctx.kb, ctx.cat, ctx.record, ctx.session
    age, sex = session.patient.age, session.patient.sex
    if rec.open_screen is not None:
        if rec.open_stage == "which":
            return [_restrict(cat.questions[rec.open_screen + WHICH], rec.open_members)]
        return [cat.questions[f] for f in rec.open_members]
    out: list[Question] = []
    for q in cat.questions.values():
        if q.id in rec.asked or q.id.endswith(WHICH) or not q.applies(age, sex):
            continue
        if q.kind in ("screen", "checklist"):
            members = open_findings(kb, session, rec, q.id)
            if not members:
                continue
            if q.kind == "checklist":
                out.append(_restrict(q, members))
            elif len(q.findings) > 1 and any(rec.state(f) == "present" for f in q.findings):
                # "Any of these?" makes no sense once one is known: ask which of the rest.
                which = q.id + WHICH
                if which not in rec.asked:
                    out.append(_restrict(cat.questions[which], members))
            else:
                out.append(q)
        elif q.kind == "choice":
            if not any(rec.state(f) == "present" for f in q.findings) and not all(
                rec.settled(f) for f in q.findings
            ):
                out.append(q)
        elif not rec.settled(q.id) and all(
            s in rec.asked or s + WHICH in rec.asked or not cat.questions[s].applies(age, sex)
            for s in cat.screens_of.get(q.id, ())
        ):
            # Covered findings left over once their screen has been asked (one by one after
            # a "don't know which" stopped at the first yes) are asked on their own.
            out.append(q)
    return out


def _restrict(q: Question, members: list[str] | tuple[str, ...]) -> Question:
    """A checklist showing only the findings still open for this person."""
    keep = set(members)
    options = tuple(o for o in q.options if o.value in keep)
    return replace(q, options=options, findings=tuple(o.value for o in options))


def _covered(ctx: _Context, q: Question) -> list[str]:
    if q.kind == "checklist":
        return list(q.findings)
    if q.kind == "screen":
        return open_findings(ctx.kb, ctx.session, ctx.record, q.id)
    return [f for f in q.findings if not ctx.record.settled(f)]


class _Rows:
    """Candidate answers as rows of one matrix, so all are scored in one go (``belief``)."""

    def __init__(self) -> None:
        self.rows: list[b.Vector] = []
        self.presents: list[frozenset[str]] = []

    def add(self, weights: b.Vector, present: frozenset[str]) -> int:
        self.rows.append(weights)
        self.presents.append(present)
        return len(self.rows) - 1


@dataclass(frozen=True, slots=True)
class _Plan:
    """How one question's answers map to rows: (answer, row, [rows splitting its level])."""

    question: Question
    answers: tuple[tuple[str, int, tuple[int, ...]], ...]
    gain_rows: tuple[tuple[int, int], ...]  # checklists: (yes row, no row) per finding


def _plan(ctx: _Context, q: Question, rows: _Rows) -> _Plan:
    t, w, present = ctx.tables, ctx.weights, ctx.present
    answers: list[tuple[str, int, tuple[int, ...]]] = []
    gain_rows: list[tuple[int, int]] = []
    if q.kind == "finding":
        f = q.id
        if ctx.record.open_screen is not None:  # one by one: a yes closes the open screen
            rest = [m for m in ctx.record.open_members if m != f]
            yes, no = b.yes_term(t, f, ctx.scored), b.no_term(t, f, ctx.scored)
            no_w = ctx.closed + no + (b.some_of(t, rest) if rest else -np.inf)
            answers.append((YES, rows.add(ctx.closed + yes, present | t.with_broader(f)), ()))
            answers.append((NO, rows.add(no_w, present), ()))
        else:
            yes, no = b.yes_term(t, f, ctx.scored), b.no_term(t, f, ctx.scored)
            answers.append((YES, rows.add(w + yes, present | t.with_broader(f)), ()))
            answers.append((NO, rows.add(w + no, present), ()))
    elif q.kind == "screen":
        covered = _covered(ctx, q)
        # A yes is split by which finding would be the one present, weighed by its own chance.
        subs = tuple(
            rows.add(w + b.yes_term(t, f, ctx.scored), present | t.with_broader(f)) for f in covered
        )
        answers.append((YES, rows.add(w + b.some_of(t, covered), present), subs))
        answers.append((NO, rows.add(w + b.none_of(t, covered), present), ()))
    else:
        # A choice; or a checklist, tried as "none of them" or exactly one of them chosen (the
        # answers that carry most of the probability when each finding is uncommon).
        opts = [o.value for o in q.options]
        absent_all = b.none_of(t, opts)
        for o in opts:
            # o present (and what it implies), the other options absent.
            others = [x for x in opts if x != o and x not in t.broader[o]]
            ow = w + b.none_of(t, others) + b.yes_term(t, o, ctx.scored)
            answers.append((o, rows.add(ow, present | t.with_broader(o)), ()))
        if q.kind == "checklist":
            answers.append((NONE, rows.add(w + absent_all, present), ()))
            gain_rows = [
                (rows.add(w + t.log_p[f], present), rows.add(w + t.log_q[f], present)) for f in opts
            ]
    return _Plan(q, tuple(answers), tuple(gain_rows))


def _score_all(ctx: _Context, questions: list[Question]) -> list[Scored]:
    """Score every candidate: try each answer on the posterior, all answers as one matrix."""
    rows = _Rows()
    plans = [_plan(ctx, q, rows) for q in questions]
    matrix = np.vstack(rows.rows)
    total = float(b.logsumexp(ctx.weights))
    chance = np.exp(b.logsumexp(matrix) - total)  # P(this answer | all so far)
    probs = b.probabilities(matrix)
    ent = b.entropy(probs)
    lv = b.levels(ctx.kb, ctx.tables, ctx.session.patient, probs, rows.presents)
    top3 = _top3_mask(probs)
    now_top3 = _top3_mask(ctx.probs[np.newaxis, :])[0]
    changed = np.any(top3 != now_top3, axis=1)
    now = float(b.entropy(ctx.probs))
    policy = ctx.cat.policy
    scored: list[Scored] = []
    for plan in plans:
        kept = [(a, i, subs) for a, i, subs in plan.answers if chance[i] > 1e-12]
        # Choices: the model gives some weight to "none" or "two" of the options; renormalise.
        mass = float(sum(chance[i] for _, i, _ in kept)) or 1.0
        outcomes: list[Outcome] = []
        for answer_, i, subs in kept:
            if subs:
                shares = np.array([chance[j] for j in subs])
                shares = shares / (shares.sum() or 1.0)
                levels = tuple((float(sh), lv[j]) for sh, j in zip(shares, subs, strict=True))
            else:
                levels = ((1.0, lv[i]),)
            outcomes.append(Outcome(answer_, float(chance[i]) / mass, probs[i], levels))
        rows_of = [i for _, i, _ in kept]
        if plan.gain_rows:
            # Several findings may be chosen together: bound the gain by the sum of what each
            # finding alone would tell (never more than all there is to know).
            each = [
                max(0.0, now - chance[y] * ent[y] - chance[n] * ent[n]) for y, n in plan.gain_rows
            ]
            gain = min(now, float(sum(each)))
        else:
            after = sum(
                o.probability * float(ent[i]) for o, i in zip(outcomes, rows_of, strict=True)
            )
            gain = max(0.0, now - after)
        by_level: dict[Level, float] = {}
        for o in outcomes:
            for share, level in o.levels:
                by_level[level] = by_level.get(level, 0.0) + o.probability * share
        triage_gain = -sum(p * math.log2(p) for p in by_level.values() if p > 0.0)
        risk = {
            target: sum(p for level, p in by_level.items() if RANK[level] >= RANK[target])
            if RANK[target] > RANK[ctx.level]
            else 0.0
            for target in RAISES
        }
        moved = [o.probability for o, i in zip(outcomes, rows_of, strict=True) if changed[i]]
        score = gain + policy.triage_weight.value * triage_gain
        scored.append(
            Scored(
                plan.question,
                tuple(outcomes),
                gain,
                triage_gain,
                score,
                MappingProxyType(risk),
                float(sum(moved)),
            )
        )
    return scored


def _top3_mask(probs: b.Matrix) -> npt.NDArray[np.bool_]:
    """Per row, which causes are among the three most likely."""
    k = min(3, probs.shape[1])
    idx = np.argpartition(-probs, k - 1, axis=1)[:, :k]
    mask = np.zeros(probs.shape, dtype=bool)
    np.put_along_axis(mask, idx, True, axis=1)
    return mask


def _chance(s: Scored, answer: str) -> float:
    return next((o.probability for o in s.outcomes if o.answer == answer), 0.0)


def _rationale(ctx: _Context, s: Scored) -> Rationale:
    kb, conds = ctx.kb, ctx.tables.conditions
    towards: dict[str, str] = {}
    for o in s.outcomes:
        moves = o.probs - ctx.probs
        best = int(np.argmax(moves))
        if moves[best] > 0.005:
            towards[o.answer] = conds[best]
    levels: dict[str, Level] = {
        o.answer: min((lvl for _, lvl in o.levels), key=lambda lv: RANK[lv]) for o in s.outcomes
    }
    separates: tuple[str, str] | None = None
    if YES in towards and NO in towards and towards[YES] != towards[NO]:
        separates = (towards[YES], towards[NO])
    parts: list[str] = []
    if separates is not None:
        a, c = (kb.conditions[x].name for x in separates)
        parts.append(f"It helps tell {a} (more likely with a yes) from {c} (with a no).")
    elif towards:
        names = sorted({kb.conditions[x].name for x in towards.values()})
        parts.append(f"Your answer changes how likely {' or '.join(names)} is.")
    if len(set(levels.values())) > 1:
        worst = max(levels.values(), key=lambda lv: RANK[lv])
        label = next(lv.label for lv in kb.policy.levels if lv.id == worst)
        parts.append(f"It can change how soon you should see a doctor (up to: {label}).")
    if not parts:
        parts.append("It makes sure nothing that needs a doctor has been missed.")
    return Rationale(
        text=" ".join(parts),
        towards=MappingProxyType(towards),
        separates=separates,
        levels=MappingProxyType(levels),
        help=s.question.help,
    )


def _context(kb: KnowledgeBase, session: Session) -> _Context:
    cat = catalogue(kb)
    record = derive(kb, session)
    t = b.tables(kb)
    # The current level comes from the engine itself, so the stop rule sees exactly the triage
    # the final result will show; the working posterior scores the engine's normalised evidence.
    posterior = update(kb, session.patient, record.evidence)
    closed = b.with_evidence(t, b.prior(kb, session.patient), posterior.evidence)
    weights = closed
    if record.open_screen is not None:  # "at least one of them is present"
        weights = closed + b.some_of(t, record.open_members)
    level = evaluate(kb, session.patient, posterior, floors(kb, session, record, posterior)).level
    return _Context(
        kb=kb,
        cat=cat,
        session=session,
        record=record,
        tables=t,
        weights=weights,
        closed=closed,
        probs=b.probabilities(weights),
        present=record.present,
        scored=frozenset(e.id for e in posterior.evidence if e.scored and e.state == "present"),
        level=level,
    )


def unanswered_red_flags(kb: KnowledgeBase, session: Session, record: Record) -> list[str]:
    """Red-flag findings that apply to this person and have no answer yet (the safety rule)."""
    age, sex = session.patient.age, session.patient.sex
    return [
        f
        for f in sorted(record.red_flags)
        if applies(kb.findings[f].applies_to, age, sex) and not record.settled(f)
    ]


def next_step(kb: KnowledgeBase, session: Session) -> Step:
    """The next question to ask, with its rationale — or that the interview is done, and why.

    Deterministic: the same knowledge base and session always give the same step.

    Raises:
        KnowledgeError: the knowledge base has no questions (``kb/questions/``).
        InterviewError: the session's answers do not fit this knowledge base.
    """
    ctx = _context(kb, session)
    policy = ctx.cat.policy
    asked = len(session.replies)
    top_probs = sorted(zip(ctx.probs.tolist(), ctx.tables.conditions, strict=True), reverse=True)
    top = tuple(c for _, c in top_probs[:3])
    if ctx.level == "emergency":
        # Emergency first: no question may stand between the person and what to do now.
        return Step(None, None, True, "emergency", asked, 0, ctx.level, top)
    # The safety rule asks for red flags below urgent; we ask them at every level, because
    # several emergency rules need two red flags together (bladder trouble with weakness).
    mandatory = set(unanswered_red_flags(kb, session, ctx.record))
    cands = _candidates(ctx)
    if not cands:
        return Step(None, None, True, "nothing_left", asked, 0, ctx.level, top)
    scored = _score_all(ctx, cands)
    best = max(scored, key=_rank)

    def ask(s: Scored, reason: AskReason, remaining: int) -> Step:
        rationale = _rationale(ctx, s)
        q = s.question
        known = tuple(f for f in q.findings if ctx.record.state(f) == "present" or f in ctx.present)
        known = known if q.kind == "checklist" else ()
        return Step(q, rationale, False, reason, asked, remaining, ctx.level, top, known)

    resolving = [
        s for s in scored if s.question.always_ask or mandatory & set(_covered(ctx, s.question))
    ]
    unsettled = [
        s
        for s in scored
        if any(s.raise_risk[t] >= getattr(policy.settle_below, t).value for t in RAISES)
    ]
    # Answers that raise the level only together (weakness over days *and* lost reflexes; a
    # statin *and* cramps) are invisible one question at a time: a rule within reach keeps them
    # coming.
    known_ids = {s.question.id for s in unsettled}
    unsettled += [s for s in within_reach(ctx, scored) if s.question.id not in known_ids]
    needed = {s.question.id for s in resolving + unsettled}
    worth = [s for s in scored if s.score >= policy.min_gain.value and s.question.id not in needed]
    # A hint, not a promise: the questions that must still come, and a few about the cause.
    left = len(needed) + (0 if top_probs[0][0] >= policy.confident_at.value else min(3, len(worth)))
    # Past the question limit only the questions that must come are asked.
    left = min(left, max(policy.max_questions.value - asked, len(needed)))
    if ctx.record.open_screen is not None:
        # Follow-ups first; one by one, the likeliest to be the one present closes it soonest.
        follow = max(scored, key=lambda s: (_chance(s, YES), s.question.id))
        return ask(follow, "follow_up", left)

    # Questions about the cause stop here; the triage must be settled and the red flags
    # answered before the interview may end.
    stop: StopReason | None = None
    if top_probs[0][0] >= policy.confident_at.value and all(
        s.rank_risk < policy.top3_settle_below.value for s in scored
    ):
        stop = "confident"
    elif best.score < policy.min_gain.value:
        stop = "nothing_worth_asking"
    elif asked >= policy.max_questions.value:
        stop = "question_limit"
    if stop is None:
        return ask(best, "most_informative", max(left, 1))
    if unsettled:
        return ask(max(unsettled, key=_rank), "triage", left)
    if resolving:
        return ask(max(resolving, key=_rank), "red_flag", left)
    return Step(None, None, True, stop, asked, 0, ctx.level, top)


def within_reach(ctx: _Context, scored: list[Scored]) -> list[Scored]:
    """The questions towards a rule above the current level that the answers still to come
    could fire.

    A rule is within reach when its level is above the level now, every finding it still needs
    can be asked (none answered, none "don't know"), and the chance that the answers would
    complete it, under the working posterior (one cause, findings independent given the cause),
    reaches ``settle_below`` of its level (1 % for an emergency, 3 % for urgent, 20 % for
    routine). A finding whose broader finding is already present is weighed given that one
    (``p(f | c) / p(broader | c)``). This catches what ``raise_risk`` cannot: rules that need
    two or more answers at once (a statin *and* cramps; weakness over days *and* lost reflexes).
    The questions returned are those about the findings the rule needs in full (its ``all``),
    or, once those are present, about its ``any``.
    """
    kb, t = ctx.kb, ctx.tables
    settle = ctx.cat.policy.settle_below
    age, sex = ctx.session.patient.age, ctx.session.patient.sex
    askable: dict[str, list[Scored]] = {}
    for s in scored:
        for f in _covered(ctx, s.question):
            askable.setdefault(f, []).append(s)
    present = ctx.record.present | ctx.present
    post = ctx.probs
    out: dict[str, Scored] = {}
    for rule in kb.rules:
        when = rule.when
        if RANK[rule.level] <= RANK[ctx.level] or not when.matches(
            frozenset((*when.all, *when.any)), age, sex
        ):
            continue  # no higher than the level now, or not for this person's age and sex
        threshold = getattr(settle, rule.level).value
        missing = [f for f in when.all if f not in present]
        have = sum(f in present for f in when.any)
        need = max(0, when.at_least - have) if when.any else 0
        pool = [f for f in when.any if f not in present and f in askable]
        if (
            (not missing and need == 0)
            or need > len(pool)
            or any(f not in askable for f in missing)
        ):
            continue  # fired already, or cannot be completed by asking
        chance = np.ones(len(t.conditions), dtype=np.float64)
        for f in missing:
            chance *= _given_present(t, f, present)
        if need:
            chance *= _at_least(need, [_given_present(t, f, present) for f in pool])
        if float(post @ chance) >= threshold:
            # What the rule needs in full first: a no to one of those puts it out of reach.
            for f in missing or pool:
                for s in askable[f]:
                    out.setdefault(s.question.id, s)
    return list(out.values())


def _given_present(t: b.Tables, f: str, present: frozenset[str]) -> b.Vector:
    """Per cause: P(f | its nearest present broader finding, cause), or P(f | cause)."""
    parent = next((p for p in t.broader[f] if p in present), None)
    if parent is None:
        return t.p[f]
    return np.minimum(t.p[f] / t.p[parent], 1.0)


def _at_least(k: int, ps: list[b.Vector]) -> b.Vector:
    """Per cause: P(at least ``k`` of independent findings present), by the Poisson-binomial
    recursion over the counts 0..k (a count of k or more is kept as k)."""
    dist = [np.ones_like(ps[0])] + [np.zeros_like(ps[0]) for _ in range(k)]
    for p in ps:
        for j in range(k, 0, -1):
            dist[j] = dist[j] * (1.0 if j == k else 1.0 - p) + dist[j - 1] * p
        dist[0] = dist[0] * (1.0 - p)
    return dist[k]


def _rank(s: Scored) -> tuple[float, str]:
    return (s.score, s.question.id)
