"""FHIR R4 QuestionnaireResponse in and out, for the Questionnaire of ``fhir_r4``.

:func:`from_questionnaire_response` reads answers the way the interview does: a finding question
yes → present, no → absent; a screen no → every finding it covers (that applies to the person)
absent, unknown → unknown, yes → the follow-ups decide, and when no follow-up is yes, the
findings not answered no are recorded as present (the person said one of them holds: the
conservative reading); a choice → the chosen finding present, the other options absent.
``valueBoolean`` is accepted wherever yes / no is.

:func:`to_questionnaire_response` writes patient and evidence back as answers;
``from_questionnaire_response(to_questionnaire_response(x))`` gives ``x`` back for every present
and absent finding the questionnaire can express.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from twitchcheck.engine.evidence import Evidence, Patient, State
from twitchcheck.errors import InteropError
from twitchcheck.knowledge.model import KnowledgeBase

from . import terminology as t
from .fhir_r4 import AGE, SEX, Question, enabled, question_index, to_questionnaire
from .fhir_validation import validate
from .record import Mapped, RecordInput, Unmapped, make_patient, resolve

DOCUMENT = "QuestionnaireResponse"
FORMAT = "fhir-r4-questionnaire-response"
RESPONSE_STATUSES = ("in-progress", "completed", "amended", "stopped")
_STATE_ANSWER = {"present": t.YES, "absent": t.NO, "unknown": t.UNKNOWN}


# -- reading a QuestionnaireResponse -----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Answered:
    link: str
    path: str  # of the answer ($.item[1].item[0].answer[0])
    answer: dict[str, Any]


def _walk(items: Any, path: str) -> Iterator[tuple[dict[str, Any], str]]:
    for i, item in enumerate(items or []):
        here = f"{path}.item[{i}]"
        yield item, here
        yield from _walk(item.get("item"), here)
        for j, answer in enumerate(item.get("answer") or []):
            yield from _walk(answer.get("item"), f"{here}.answer[{j}]")


def from_questionnaire_response(kb: KnowledgeBase, data: Any) -> RecordInput:
    """Read a FHIR R4 QuestionnaireResponse (parsed JSON) as patient and evidence.

    Items are matched by ``linkId`` to the twitchcheck Questionnaire; a linkId that is a finding
    id or one of its codes is read as that finding's yes / no question. Other items are listed
    in the record's ``unmapped``.

    Raises:
        InteropError: not a valid QuestionnaireResponse, an answer of the wrong kind, or two
            answers that contradict each other; the message names the JSON path.
    """
    validate(DOCUMENT, data, "QuestionnaireResponse")
    status = data.get("status")
    if status == "entered-in-error":
        raise InteropError(DOCUMENT, "$.status", "a response entered in error cannot be assessed")
    if status not in RESPONSE_STATUSES:
        raise InteropError(DOCUMENT, "$.status", f"expected one of {', '.join(RESPONSE_STATUSES)}")
    index = question_index(kb)
    answered: list[_Answered] = []
    unmapped: list[Unmapped] = []
    for item, path in _walk(data.get("item"), "$"):
        answers = item.get("answer") or []
        link = item["linkId"]
        if not answers:
            continue
        if len(answers) > 1:
            raise InteropError(DOCUMENT, f"{path}.answer", "expected one answer")
        answered.append(_Answered(link, f"{path}.answer[0]", answers[0]))

    age: float | None = None
    sex: str | None = None
    age_path = "$"
    for a in answered:
        if a.link == AGE:
            age, age_path = _age(a), a.path
        elif a.link == SEX:
            sex = _sex(a)
    patient = make_patient(DOCUMENT, age, sex, age_path)

    candidates: list[Mapped] = []
    by_link = {a.link: a for a in answered}
    for a in answered:
        if a.link in (AGE, SEX):
            continue
        q = index.get(a.link)
        if q is None:
            fid = kb.resolve_finding(a.link)
            if fid is None:
                unmapped.append(
                    Unmapped(a.path, a.link, "not a question of the twitchcheck questionnaire")
                )
                continue
            q = Question("finding", (fid,), ())
        if not enabled(q, patient.age, patient.sex):
            unmapped.append(Unmapped(a.path, a.link, "not asked of this person (age or sex)"))
            continue
        candidates += _read(kb, index, q, a, by_link, patient)
    evidence, used, superseded = resolve(DOCUMENT, candidates)
    subject = data.get("subject", {}).get("reference")
    return RecordInput(
        format=FORMAT,
        patient=patient,
        evidence=evidence,
        mapped=used,
        unmapped=(*unmapped, *superseded),
        subject=subject if isinstance(subject, str) else None,
    )


def _read(
    kb: KnowledgeBase,
    index: Mapping[str, Question],
    q: Question,
    a: _Answered,
    by_link: Mapping[str, _Answered],
    patient: Patient,
) -> list[Mapped]:
    if q.kind == "finding":
        return [Mapped(a.path, a.link, q.findings[0], _yes_no(a), "answer")]
    if q.kind == "choice":
        value = a.answer.get("valueCoding")
        if isinstance(value, dict) and value.get("system") == t.FINDING_SYSTEM:
            chosen = value.get("code")
            if chosen not in q.findings:
                raise InteropError(DOCUMENT, f"{a.path}.valueCoding.code", "not an option here")
            return [
                Mapped(a.path, a.link, fid, "present" if fid == chosen else "absent", "answer")
                for fid in q.findings
            ]
        if _yes_no(a) != "unknown":
            raise InteropError(DOCUMENT, a.path, "expected one of the options or unknown")
        return [Mapped(a.path, a.link, fid, "unknown", "answer") for fid in q.findings]
    # A screen: no / unknown cover every applicable finding; yes leaves it to the follow-ups.
    state = _yes_no(a)
    applicable = [
        fid
        for fid in q.findings
        if enabled(index.get(f"{a.link}.{fid}", q), patient.age, patient.sex)
    ]
    if state != "present":
        return [Mapped(a.path, a.link, fid, state, "answer") for fid in applicable]
    follow = {fid: by_link.get(f"{a.link}.{fid}") for fid in applicable}
    states = {fid: _yes_no(f) if f else "unknown" for fid, f in follow.items()}
    if "present" in states.values():
        return []
    # Yes, but no follow-up says which: keep every one not ruled out (conservative).
    return [
        Mapped(a.path, a.link, fid, "present", "answer")
        for fid, s in states.items()
        if s != "absent"
    ]


def _yes_no(a: _Answered) -> State:
    if isinstance(a.answer.get("valueBoolean"), bool):
        return "present" if a.answer["valueBoolean"] else "absent"
    value = a.answer.get("valueCoding")
    if isinstance(value, dict):
        state = t.answer_state(value.get("system"), value.get("code"))
        if state is not None:
            return state
    raise InteropError(DOCUMENT, a.path, "expected a yes / no / unknown answer")


def _age(a: _Answered) -> float:
    for key in ("valueDecimal", "valueInteger"):
        value = a.answer.get(key)
        if isinstance(value, int | float) and not isinstance(value, bool):
            return float(value)
    quantity = a.answer.get("valueQuantity")
    if isinstance(quantity, dict) and "value" in quantity:
        unit = quantity.get("code") or quantity.get("unit") or "a"
        factor = {"a": 1.0, "mo": 1 / 12, "wk": 7 / 365.25, "d": 1 / 365.25}.get(str(unit))
        if factor is None:
            raise InteropError(DOCUMENT, f"{a.path}.valueQuantity.code", "expected a, mo, wk or d")
        return float(quantity["value"]) * factor
    raise InteropError(DOCUMENT, a.path, "expected the age as valueDecimal or valueInteger")


def _sex(a: _Answered) -> str | None:
    value = a.answer.get("valueCoding")
    if not isinstance(value, dict):
        raise InteropError(DOCUMENT, a.path, "expected the sex as valueCoding")
    code = value.get("code")
    if code in ("female", "male"):
        return str(code)
    if code in ("other", "unknown"):
        return None
    raise InteropError(DOCUMENT, f"{a.path}.valueCoding.code", "expected female or male")


# -- writing a QuestionnaireResponse ------------------------------------------------------------


def to_questionnaire_response(
    kb: KnowledgeBase,
    patient: Patient,
    evidence: Iterable[Evidence],
    *,
    subject: str | None = None,
    authored: str | None = None,
) -> tuple[dict[str, Any], tuple[str, ...]]:
    """Answers for the twitchcheck Questionnaire that say what ``patient`` and ``evidence`` say.

    Returns:
        ``(response, left_out)``: ``left_out`` names present/absent findings the questionnaire
        cannot express for this person (a question not asked at this age or sex; an absent
        finding whose screen has others not known to be absent; an absent option of a choice
        with none chosen).
    """
    states: dict[str, State] = {e.id: e.state for e in evidence}
    index = question_index(kb)
    left_out: set[str] = set()
    handled: set[str] = set()

    def answer_items(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
        out = []
        for item in items:
            link = item["linkId"]
            q = index.get(link)
            if item["type"] == "group":
                inner = answer_items(item.get("item", []))
                if inner:
                    out.append({"linkId": link, "item": inner})
                continue
            if q is None:
                continue
            answer = _answer_for(index, q, link, item, states, patient, handled)
            if answer is not None:
                out.append(answer)
        return out

    qr: dict[str, Any] = {
        "resourceType": "QuestionnaireResponse",
        "questionnaire": f"{t.QUESTIONNAIRE_URL}|{kb.version}",
        "status": "completed",
    }
    if subject:
        qr["subject"] = {"reference": subject}
    if authored:
        qr["authored"] = authored
    qr["item"] = answer_items(to_questionnaire(kb)["item"])
    left_out.update(f for f, s in states.items() if s != "unknown" and f not in handled)
    return qr, tuple(sorted(left_out))


def _answer_for(
    index: Mapping[str, Question],
    q: Question,
    link: str,
    item: dict[str, Any],
    states: Mapping[str, State],
    patient: Patient,
    handled: set[str],
) -> dict[str, Any] | None:
    if q.kind == "age":
        if patient.age is None:
            return None
        return {"linkId": link, "answer": [{"valueDecimal": patient.age}]}
    if q.kind == "sex":
        if patient.sex is None:
            return None
        return {"linkId": link, "answer": [{"valueCoding": t.coding(t.GENDER, patient.sex)}]}
    if not enabled(q, patient.age, patient.sex):
        return None
    if q.kind == "finding":
        fid = q.findings[0]
        if fid not in states or fid in handled:
            return None
        handled.add(fid)
        return {"linkId": link, "answer": [{"valueCoding": _STATE_ANSWER[states[fid]]}]}
    if q.kind == "choice":
        chosen = [f for f in q.findings if states.get(f) == "present"]
        if chosen:
            handled.update(q.findings)
            code = t.coding(t.FINDING_SYSTEM, chosen[0])
            return {"linkId": link, "answer": [{"valueCoding": code}]}
        if any(states.get(f) == "unknown" for f in q.findings):
            handled.update(f for f in q.findings if states.get(f) == "unknown")
            return {"linkId": link, "answer": [{"valueCoding": t.UNKNOWN}]}
        return None
    # A screen.
    follow_items = {c["linkId"]: c for c in item.get("item", []) if "code" in c}
    mine = [f for f in q.findings if f"{link}.{f}" in follow_items]
    applicable = [f for f in mine if enabled(index.get(f"{link}.{f}", q), patient.age, patient.sex)]
    known = {f: states[f] for f in applicable if f in states and f not in handled}
    if not known:
        return None
    if "present" in known.values():
        answers = []
        for f, s in known.items():
            handled.add(f)
            answers.append({"linkId": f"{link}.{f}", "answer": [{"valueCoding": _STATE_ANSWER[s]}]})
        return {"linkId": link, "answer": [{"valueCoding": t.YES, "item": answers}]}
    if len(known) == len(applicable) and set(known.values()) == {"absent"}:
        handled.update(known)
        return {"linkId": link, "answer": [{"valueCoding": t.NO}]}
    if len(known) == len(applicable) and set(known.values()) == {"unknown"}:
        handled.update(known)
        return {"linkId": link, "answer": [{"valueCoding": t.UNKNOWN}]}
    return None
