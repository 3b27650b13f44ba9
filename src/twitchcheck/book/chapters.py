"""The pages of the knowledge book, built from a validated knowledge base (no I/O)."""

from __future__ import annotations

from twitchcheck.knowledge.checks import Number, iter_numbers
from twitchcheck.knowledge.model import KnowledgeBase
from twitchcheck.knowledge.schema import Condition, Finding, Rule, RuleCase, RuleWhen

from .annotations import annotations_page
from .cite import basis, likelihood_ratios, source
from .document import Block, Bullets, Code, Heading, Page, Para, Ref, Strong, Table, Text


def _finding_ref(kb: KnowledgeBase, fid: str) -> Text:
    return (Ref(fid, "findings", f"finding-{fid}"), f" — {kb.findings[fid].label}")


def _condition_ref(kb: KnowledgeBase, cid: str) -> Ref:
    return Ref(kb.conditions[cid].name, "conditions", f"condition-{cid}")


def _codes(codes: dict[str, list[str]]) -> str:
    return "; ".join(f"{k.upper()} {', '.join(v)}" for k, v in codes.items() if v) or "—"


def index(kb: KnowledgeBase) -> Page:
    numbers = list(
        iter_numbers(
            conditions=kb.conditions, findings=kb.findings, policy=kb.policy, defaults=kb.defaults
        )
    )
    estimates = sum(n.citation.estimate for n in numbers)
    blocks: list[Block] = [
        Heading(1, "twitchcheck knowledge book"),
        Para((f"Knowledge version {kb.version}. ", kb.policy.disclaimer)),
        Para(
            (
                f"{len(kb.conditions)} causes, {len(kb.findings)} findings, {len(kb.rules)} "
                f"triage rules, {len(kb.sources)} sources; {len(numbers)} numbers, of which ",
                Ref(f"{estimates} are estimates", "estimates"),
                " (our judgement, each with the basis it rests on; highlighted wherever shown).",
            )
        ),
        Heading(2, "How to read it"),
        Bullets(
            (
                (
                    Strong("Prior"),
                    ": the share of people of an age band reporting twitching whose twitching "
                    "has this cause, times a multiplier for sex.",
                ),
                (
                    Strong("Likelihood p"),
                    ": the probability that a person whose twitching has this cause has the "
                    "finding. A cause that gives none uses the finding's ",
                    Strong("background"),
                    " rate (the leak).",
                ),
                (
                    Strong("LR+ / LR−"),
                    ": how much the finding being present / absent multiplies the odds of the "
                    "cause: p / background and (1 − p) / (1 − background).",
                ),
                (
                    Strong("Triage"),
                    ": the strictest of the red-flag rules that fire and the probability path; "
                    "see ",
                    Ref("Triage", "triage"),
                    ".",
                ),
            )
        ),
        Heading(2, "Causes"),
        Table(
            ("cause", "group", "severity", "care", "prior (range over age bands)", "likelihoods"),
            tuple(
                (
                    (_condition_ref(kb, cid),),
                    (c.group,),
                    (c.severity,),
                    (c.care,),
                    (_prior_range(c),),
                    (str(len(c.likelihoods)),),
                )
                for cid, c in kb.conditions.items()
            ),
        ),
        Heading(2, "Age bands"),
        Table(
            ("band", "ages (years)", "label"),
            tuple(
                (
                    (Code(b.id),),
                    (f"{b.min_age:g} to under {b.max_age:g}",),
                    (b.label + (" (used when age is unknown)" if b.id == kb.default_band else ""),),
                )
                for b in kb.age_bands
            ),
        ),
    ]
    return Page("index", "Overview", tuple(blocks))


def _prior_range(c: Condition) -> str:
    values = c.prior.by_age.model_dump().values()
    return f"{min(values):g} – {max(values):g}"


def _condition_blocks(kb: KnowledgeBase, cid: str, c: Condition) -> list[Block]:
    blocks: list[Block] = [
        Heading(2, f"{c.name} ({cid})", f"condition-{cid}"),
        Para((Strong("Clinical name: "), c.clinical_name)),
        Para((c.summary,)),
        Table(
            ("group", "severity", "care if likely", "specialist", "codes"),
            (
                (
                    (c.group,),
                    (c.severity,),
                    (c.care,),
                    (c.specialist,),
                    (_codes(c.codes.model_dump()),),
                ),
            ),
        ),
    ]
    if c.emergency_at is not None:
        blocks.append(
            Para(
                (
                    Strong("Time-critical: "),
                    f"at probability {c.emergency_at.value:g} or more the level is emergency (see ",
                    Ref("the probability path", "triage", "probability-path"),
                    ").",
                )
            )
        )
    if c.exposure:
        had = " or ".join(kb.findings[f].label for f in c.exposure)
        blocks.append(
            Para(
                (
                    Strong("Needs an exposure: "),
                    f"{had}. While none is answered the cause is shown as 'only if this applies "
                    "to you', with the question still to ask.",
                )
            )
        )
    family = kb.display.family_of().get(cid) if kb.display is not None else None
    if family is not None:
        others = [m for m in family.members if m != cid]
        blocks.append(
            Para(
                (
                    Strong("Shown to a person as one line: "),
                    f"'{family.name}', with ",
                    *_join([_condition_ref(kb, m) for m in others]),
                    " (their probabilities added, the likeliest named under it); its own "
                    "numbers stay apart in the engine, the API and the clinician's view.",
                )
            )
        )
    if c.tests:
        blocks.append(
            Para(("Tests a doctor may consider: " + ", ".join(kb.tests[t].name for t in c.tests),))
        )
    if c.self_care:
        blocks.append(Heading(3, "Self-care advice"))
        blocks.append(Bullets(tuple((line,) for line in c.self_care)))
    blocks.append(Heading(3, "Sources of the entry"))
    blocks.append(Bullets(tuple(source(kb, s) for s in c.sources)))
    blocks.append(Heading(3, "Prior"))
    by_age = c.prior.by_age.model_dump()
    blocks.append(
        Table(
            ("age band", "prior share"),
            (
                *(((Code(b),), (f"{v:g}",)) for b, v in by_age.items()),
                ((Code("sex: female"),), (f"× {c.prior.sex.female:g}",)),
                ((Code("sex: male"),), (f"× {c.prior.sex.male:g}",)),
            ),
        )
    )
    blocks.append(Para((Strong("Source: "), *source(kb, c.prior.source), ". ", *basis(c.prior))))
    blocks.append(Heading(3, "Likelihoods"))
    rows = []
    for lk in c.likelihoods:
        bg = kb.findings[lk.finding].background.p
        plus, minus = likelihood_ratios(lk.p, bg)
        rows.append(
            (
                _finding_ref(kb, lk.finding),
                (f"{lk.p:g}",),
                (f"{bg:g}",),
                (plus,),
                (minus,),
                source(kb, lk.source),
                basis(lk),
            )
        )
    blocks.append(
        Table(("finding", "p", "background", "LR+", "LR−", "source", "basis"), tuple(rows))
    )
    return blocks


def _peak_band(c: Condition) -> str:
    """The age band(s) where the cause's prior (new presentations by age) is highest."""
    by_age = c.prior.by_age.model_dump()
    top = max(by_age.values())
    return ", ".join(b for b, v in by_age.items() if v == top)


def _lasting_from(f: Finding) -> float:
    return f.lasting.min_days if f.lasting is not None else 0.0


def _onset_and_tempo(kb: KnowledgeBase) -> list[Block]:
    """One table: each cause's onset age (where its prior peaks) and its tempo distribution."""
    members = [fid for fid, f in kb.findings.items() if f.exclusive_group == "duration"]
    # shortest first (by the days each duration starts at)
    durations = sorted(members, key=lambda fid: _lasting_from(kb.findings[fid]))
    rows: list[tuple[Text, ...]] = []
    for cid, c in kb.conditions.items():
        t = c.tempo
        if t is None:
            continue
        rows.append(
            (
                (_condition_ref(kb, cid),),
                (_peak_band(c),),
                *((f"{t.duration.get(fid, 0.0):g}",) for fid in durations),
                (f"{t.sudden_onset:g}",),
                source(kb, t.source),
                basis(t),
            )
        )
    header = (
        "cause",
        "prior peaks at",
        *(kb.findings[fid].label for fid in durations),
        "sudden onset",
        "source",
        "basis",
    )
    return [
        Heading(2, "Onset and tempo", "onset-and-tempo"),
        Para(
            (
                "Where each cause's prior (new presentations by age) peaks, and its tempo: how "
                "long the symptoms have lasted when people ask (the shares sum to 1) and how "
                "often they began suddenly. Each share is the cause's likelihood for that finding.",
            )
        ),
        Table(header, tuple(rows)),
    ]


def conditions(kb: KnowledgeBase) -> Page:
    blocks: list[Block] = [
        Heading(1, "Causes"),
        Para(("Every cause with its prior and every likelihood it gives, each with its source.",)),
        Para(_join([_condition_ref(kb, cid) for cid in kb.conditions], " · ")),
        *_onset_and_tempo(kb),
    ]
    for cid, c in kb.conditions.items():
        blocks += _condition_blocks(kb, cid, c)
    return Page("conditions", "Causes", tuple(blocks))


def _finding_blocks(kb: KnowledgeBase, fid: str, f: Finding) -> list[Block]:
    facts: list[Text] = [
        (Strong("Question: "), f.question),
        (Strong("Clinician label: "), f.clinician_label),
        (Strong("Category: "), f.category),
        (Strong("Codes: "), _codes(f.codes.model_dump())),
    ]
    if f.red_flag:
        facts.append(
            (Strong("Red flag"), ": on its own it fires a triage rule at urgent or above.")
        )
    if f.exclusive_group:
        facts.append((Strong("Exclusive group: "), Code(f.exclusive_group)))
    if f.applies_to:
        facts.append((Strong("Asked only of: "), _applies(f.applies_to.model_dump())))
    if f.lay_phrases:
        facts.append((Strong("Lay phrases: "), "; ".join(f.lay_phrases)))
    if f.help:
        facts.append((Strong("Why we ask: "), f.help))
    bg = f.background
    facts.append(
        (Strong(f"Background rate {bg.p:g}"), " — ", *source(kb, bg.source), ". ", *basis(bg))
    )
    if f.share_of_broader is not None:
        share = f.share_of_broader
        facts.append(
            (
                Strong(f"Share of the broader finding {share.p:g}"),
                " (for a cause that gives no number: background + share × the cause's excess"
                " of the broader finding) — ",
                *source(kb, share.source),
                ". ",
                *basis(share),
            )
        )
    blocks: list[Block] = [
        Heading(2, f"{f.label} ({fid})", f"finding-{fid}"),
        Bullets(tuple(facts)),
    ]
    users = [
        (cid, lk) for cid, c in kb.conditions.items() for lk in c.likelihoods if lk.finding == fid
    ]
    if users:
        rows = []
        for cid, lk in users:
            plus, minus = likelihood_ratios(lk.p, bg.p)
            rows.append(((_condition_ref(kb, cid),), (f"{lk.p:g}",), (plus,), (minus,), basis(lk)))
        blocks.append(Table(("cause", "p", "LR+", "LR−", "basis"), tuple(rows)))
    rules = [r for r in kb.rules if fid in (*r.when.all, *r.when.any)]
    if rules:
        blocks.append(
            Para(
                (
                    "Triage rules that look at it: ",
                    *_join([Ref(r.id, "triage", f"rule-{r.id}") for r in rules]),
                )
            )
        )
    return blocks


def _applies(app: dict[str, object]) -> str:
    parts = []
    if app.get("sex"):
        parts.append(f"{app['sex']}s")
    if app.get("min_age") is not None:
        parts.append(f"aged {app['min_age']:g} or more")
    if app.get("max_age") is not None:
        parts.append(f"under {app['max_age']:g} years")
    return ", ".join(parts) or "everyone"


def _join(refs: list[Ref], sep: str = ", ") -> Text:
    out: list[Ref | str] = []
    for i, r in enumerate(refs):
        if i:
            out.append(sep)
        out.append(r)
    return tuple(out)


def findings(kb: KnowledgeBase) -> Page:
    blocks: list[Block] = [
        Heading(1, "Findings"),
        Para(
            (
                "Every finding: how it is asked, its codes, its background rate and the causes "
                "that give it a likelihood.",
            )
        ),
        Para(_join([Ref(fid, "findings", f"finding-{fid}") for fid in kb.findings], " · ")),
    ]
    for fid, f in kb.findings.items():
        blocks += _finding_blocks(kb, fid, f)
    return Page("findings", "Findings", tuple(blocks))


def _when(w: RuleWhen) -> str:
    parts = []
    if w.all:
        parts.append("all of: " + ", ".join(w.all))
    if w.any:
        parts.append(f"at least {w.at_least} of: " + ", ".join(w.any))
    if w.min_age is not None:
        parts.append(f"age ≥ {w.min_age:g}")
    if w.max_age is not None:
        parts.append(f"age < {w.max_age:g}")
    if w.sex:
        parts.append(f"sex {w.sex}")
    return "; ".join(parts)


def _case(case: RuleCase) -> Text:
    who = ", ".join(
        x for x in (f"age {case.age:g}" if case.age is not None else "", case.sex or "") if x
    )
    present = ", ".join(case.present) or "nothing"
    return ((f"{who}: " if who else "") + f"present {present}",)


def _rule_blocks(kb: KnowledgeBase, r: Rule) -> list[Block]:
    return [
        Heading(3, f"{r.title} ({r.id})", f"rule-{r.id}"),
        Bullets(
            (
                (Strong("Level: "), r.level),
                (Strong("Fires when: "), _when(r.when)),
                (Strong("Advice: "), r.advice),
                (Strong("Source: "), *source(kb, r.source)),
            )
        ),
        Para((Strong("Cases that must fire"),)),
        Bullets(tuple(_case(c) for c in r.cases.fire)),
        Para((Strong("Near misses that must not fire"),)),
        Bullets(tuple(_case(c) for c in r.cases.no_fire)),
    ]


def triage(kb: KnowledgeBase) -> Page:
    p = kb.policy
    blocks: list[Block] = [
        Heading(1, "Triage"),
        Para(
            (
                "The level is the strictest of every red-flag rule that fires (rules look only at "
                "present findings, age and sex, so they can only raise it) and the probability "
                "path; self-care when nothing fires.",
            )
        ),
        Heading(2, "Levels"),
        Table(
            ("level", "label", "advice"),
            tuple(((Code(lv.id),), (lv.label,), (lv.advice,)) for lv in p.levels),
        ),
        Heading(2, "Probability path", "probability-path"),
        Table(
            ("id", "raises to", "when causes needing at least", "reach", "source", "basis"),
            tuple(
                (
                    (Code(pr.id),),
                    (pr.level,),
                    (pr.care_at_least,),
                    (f"{pr.threshold.value:g}",),
                    source(kb, pr.threshold.source),
                    basis(pr.threshold),
                )
                for pr in p.probability_rules
            ),
        ),
        Para(
            (
                "Time-critical causes: when one of these causes on its own reaches its "
                "probability, the level is emergency. Its probability leaves out any present "
                "red flag it is not the likeliest cause of (those set the level through the "
                "red-flag rules), so that a red flag never lowers the level.",
            )
        ),
        Table(
            ("cause", "raises to", "when its probability reaches", "source", "basis"),
            tuple(
                (
                    (_condition_ref(kb, cid),),
                    ("emergency",),
                    (f"{c.emergency_at.value:g}",),
                    source(kb, c.emergency_at.source),
                    basis(c.emergency_at),
                )
                for cid, c in kb.conditions.items()
                if c.emergency_at is not None
            ),
        ),
        Heading(2, "Red-flag rules"),
    ]
    for r in kb.rules:
        blocks += _rule_blocks(kb, r)
    blocks += [
        Heading(2, "Display settings"),
        Para(("Wording and presentation, not clinical figures: they carry no source.",)),
        Bullets(
            (
                *((f"{w.at_least:g} and above: “{w.words}”",) for w in p.probability_words),
                (
                    f"next steps draw on the top {p.next_steps.top_conditions} causes, "
                    f"{p.next_steps.self_care_per_condition} self-care lines each",
                ),
                (
                    f"reassurance for {', '.join(p.reassurance.conditions)} below probability "
                    f"{p.reassurance.below:g}, never while a red flag the person has speaks for "
                    f"it (“rare at this age” when the band's prior is below "
                    f"{p.reassurance.rare_prior_below:g} and below "
                    f"{p.reassurance.rare_relative_below:g} × its average over the age bands)",
                ),
            )
        ),
    ]
    return Page("triage", "Triage", tuple(blocks))


def sources(kb: KnowledgeBase) -> Page:
    numbers = list(
        iter_numbers(
            conditions=kb.conditions, findings=kb.findings, policy=kb.policy, defaults=kb.defaults
        )
    )
    cited: dict[str, int] = {}
    for n in numbers:
        cited[n.citation.source] = cited.get(n.citation.source, 0) + 1
    for r in kb.rules:
        cited[r.source] = cited.get(r.source, 0) + 1
    rows = tuple(
        (
            (Code(s.id),),
            source(kb, s.id)[:1],
            (s.publisher,),
            (s.kind,),
            (s.accessed.isoformat(),),
            (str(cited.get(s.id, 0)),),
        )
        for s in kb.sources.values()
    )
    blocks: list[Block] = [
        Heading(1, "Sources"),
        Para(("Every source the knowledge base cites, and how many numbers and rules cite it.",)),
        Table(("id", "title", "publisher", "kind", "accessed", "numbers and rules"), rows),
    ]
    # an anchor per source, so that every citation can point at its entry
    anchors = tuple(
        (
            Heading(4, f"{s.id}: {s.title}", f"source-{s.id}"),
            Para((*source(kb, s.id)[:1], f" — {s.publisher}")),
        )
        for s in kb.sources.values()
    )
    for pair in anchors:
        blocks += pair
    return Page("sources", "Sources", tuple(blocks))


def _estimate_rows(kb: KnowledgeBase) -> list[tuple[Text, ...]]:
    """One row per estimate; a prior's by-age and sex values (one citation) share one row."""
    groups: dict[tuple[str, int], list[Number]] = {}
    for n in iter_numbers(
        conditions=kb.conditions, findings=kb.findings, policy=kb.policy, defaults=kb.defaults
    ):
        if n.citation.estimate:
            groups.setdefault((n.where.split(": ", 1)[0], id(n.citation)), []).append(n)
    rows: list[tuple[Text, ...]] = []
    for group in groups.values():
        first = group[0]
        if len(group) == 1:
            where, value = first.where, f"{first.value:g}"
        else:
            values = [n.value for n in group if ".by_age." in n.where] or [n.value for n in group]
            where = f"{first.where.split(': ', 1)[0]}: prior (by age and sex)"
            value = f"{min(values):g} – {max(values):g} by age"
        rows.append(
            ((Code(where),), (value,), source(kb, first.citation.source), basis(first.citation))
        )
    return rows


def estimates(kb: KnowledgeBase) -> Page:
    rows = _estimate_rows(kb)
    count = sum(
        n.citation.estimate
        for n in iter_numbers(
            conditions=kb.conditions, findings=kb.findings, policy=kb.policy, defaults=kb.defaults
        )
    )
    return Page(
        "estimates",
        "Estimates",
        (
            Heading(1, "Estimates"),
            Para(
                (
                    f"{count} numbers are our judgement rather than a figure a source states "
                    f"({len(rows)} rows below: a prior's values share one row). Each says what it "
                    "rests on; these are the numbers to replace first when better evidence "
                    "appears (the benchmark's sensitivity analysis shows which matter most).",
                )
            ),
            Table(("where", "value", "source", "basis"), tuple(rows)),
        ),
    )


def pages(kb: KnowledgeBase) -> list[Page]:
    """Every page, in reading order."""
    out = [index(kb), conditions(kb), findings(kb), triage(kb)]
    annotated = annotations_page(kb)
    if annotated is not None:
        out.append(annotated)
    return [*out, sources(kb), estimates(kb)]
