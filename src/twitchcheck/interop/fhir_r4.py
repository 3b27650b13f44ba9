"""The interview as a FHIR R4 Questionnaire, generated from ``kb/``.

:func:`to_questionnaire` builds it from the knowledge base alone:

- an *About you* group: age (decimal, LOINC 30525-0) and sex (administrative gender);
- one group per finding category, holding, in kb order:
  - each **screen** of ``kb/questions/screens``: one yes / no / unknown question covering several
    findings, with a follow-up item per finding (its own question, coded with HPO and SNOMED CT)
    enabled when the screen is answered yes; a one-finding screen asks that finding's question;
  - each **choice** of ``kb/questions/choices``: which one of an exclusive group holds, one
    answer option per finding, plus unknown;
  - every finding no screen or choice covers: its own yes / no / unknown question.
  With no ``kb/questions/`` this is simply one question per finding, grouped by category.
- Answers are LOINC Yes (LA33-6) / No (LA32-8) / Unknown (LA4489-6). Who may be asked
  (``applies_to``: sex, age limits) becomes ``enableWhen`` on the age and sex answers, and each
  ``help`` text a help display item (``questionnaire-itemControl`` = help).

:func:`question_index` reads the generated Questionnaire back into what each ``linkId`` asks, so
the response reader (``fhir_r4_response``) follows whatever the generator produces.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal, get_args

from twitchcheck.knowledge.model import KnowledgeBase
from twitchcheck.knowledge.schema import Applicability, FindingCategory

from . import terminology as t

AGE, SEX, PATIENT_GROUP = "age", "sex", "patient"
Kind = Literal["finding", "screen", "choice", "age", "sex"]
YES_NO_UNKNOWN = [{"valueCoding": t.YES}, {"valueCoding": t.NO}, {"valueCoding": t.UNKNOWN}]

# Group titles shown to the person, one per finding category (display text, not knowledge).
CATEGORY_TITLES: dict[str, str] = {
    "location": "Where is the twitching?",
    "duration": "How long has it lasted?",
    "character": "What is the twitching like?",
    "trigger": "What seems to set it off?",
    "medicine": "Medicines",
    "weakness": "Strength and muscle bulk",
    "symptom": "Other symptoms",
    "sign": "Examination findings (for a clinician)",
    "exposure": "Exposures",
    "history": "Medical history",
    "infant": "Babies and young children",
    "test_result": "Test results (blood tests)",
}
CATEGORIES: tuple[str, ...] = get_args(FindingCategory)


# -- the Questionnaire --------------------------------------------------------------------------


def to_questionnaire(kb: KnowledgeBase) -> dict[str, Any]:
    """The interview as a FHIR R4 Questionnaire (JSON), generated from ``kb/`` (module docstring).

    The same knowledge base always gives the same Questionnaire; ``version`` is the knowledge
    version, so a response can be matched to the questions it answered.
    """
    bank = kb.questions
    covered: set[str] = set()
    placed: dict[str, list[dict[str, Any]]] = {c: [] for c in CATEGORIES}
    for screen in bank.screens.values():
        covered.update(screen.findings)
        category = kb.findings[screen.findings[0]].category
        if len(screen.findings) == 1:
            fid = screen.findings[0]
            item = _finding_item(kb, fid, screen.id, screen.applies_to, screen.help)
            item["code"] = [t.coding(t.QUESTION_SYSTEM, screen.id), *item["code"]]
        else:
            text = screen.text or ""
            if screen.items:
                text += "\n" + "\n".join(f"• {line}" for line in screen.items)
            item = {
                "linkId": screen.id,
                "code": [t.coding(t.QUESTION_SYSTEM, screen.id)],
                "text": text,
                "type": "choice",
                "answerOption": YES_NO_UNKNOWN,
                **_enable(screen.applies_to),
                "item": [
                    _help(screen.id, screen.help),
                    *(
                        _finding_item(
                            kb,
                            fid,
                            f"{screen.id}.{fid}",
                            kb.findings[fid].applies_to,
                            kb.findings[fid].help,
                            after_yes=screen.id,
                        )
                        for fid in screen.findings
                    ),
                ],
            }
        placed[category].append(item)
    for choice in bank.choices.values():
        covered.update(o.finding for o in choice.options)
        category = kb.findings[choice.options[0].finding].category
        placed[category].append(
            {
                "linkId": choice.id,
                "code": [t.coding(t.QUESTION_SYSTEM, choice.id)],
                "text": choice.text,
                "type": "choice",
                "answerOption": [
                    *(
                        {"valueCoding": t.coding(t.FINDING_SYSTEM, o.finding, o.text)}
                        for o in choice.options
                    ),
                    {"valueCoding": t.UNKNOWN},
                ],
                **_enable(choice.applies_to),
                "item": [_help(choice.id, choice.help)],
            }
        )
    for fid, f in kb.findings.items():
        if fid not in covered:
            placed[f.category].append(_finding_item(kb, fid, fid, f.applies_to, f.help))
    groups = [
        {"linkId": f"category.{c}", "text": CATEGORY_TITLES[c], "type": "group", "item": items}
        for c, items in placed.items()
        if items
    ]
    return {
        "resourceType": "Questionnaire",
        "id": "twitchcheck-interview",
        "url": t.QUESTIONNAIRE_URL,
        "version": kb.version,
        "name": "TwitchcheckInterview",
        "title": "Muscle twitching: questions for an assessment",
        "status": "active",
        "subjectType": ["Patient"],
        "publisher": "twitchcheck",
        "description": (
            "The twitchcheck interview, generated from its knowledge base "
            f"({kb.version}). {kb.policy.disclaimer}"
        ),
        "item": [_patient_group(), *groups],
    }


def _patient_group() -> dict[str, Any]:
    return {
        "linkId": PATIENT_GROUP,
        "text": "About you",
        "type": "group",
        "item": [
            {
                "linkId": AGE,
                "code": [t.coding(t.LOINC, "30525-0", "Age")],
                "text": "How old are you, in years? (0.25 = three months)",
                "type": "decimal",
            },
            {
                "linkId": SEX,
                "code": [t.coding(t.LOINC, "46098-0", "Sex")],
                "text": "Sex",
                "type": "choice",
                "answerOption": [
                    {"valueCoding": t.coding(t.GENDER, "female", "Female")},
                    {"valueCoding": t.coding(t.GENDER, "male", "Male")},
                ],
            },
        ],
    }


def _finding_item(
    kb: KnowledgeBase,
    fid: str,
    link: str,
    applies_to: Applicability | None,
    help_text: str | None,
    *,
    after_yes: str | None = None,
) -> dict[str, Any]:
    f = kb.findings[fid]
    item: dict[str, Any] = {
        "linkId": link,
        "code": t.finding_concept(kb, fid)["coding"],
        "text": f.question,
        "type": "choice",
        "answerOption": YES_NO_UNKNOWN,
        **_enable(applies_to, after_yes),
    }
    if help_text:
        item["item"] = [_help(link, help_text)]
    return item


def _enable(app: Applicability | None, after_yes: str | None = None) -> dict[str, Any]:
    conditions: list[dict[str, Any]] = []
    if after_yes is not None:
        conditions.append({"question": after_yes, "operator": "=", "answerCoding": t.YES})
    if app is not None:
        if app.sex is not None:
            sex = t.coding(t.GENDER, app.sex)
            conditions.append({"question": SEX, "operator": "=", "answerCoding": sex})
        if app.min_age is not None:
            conditions.append({"question": AGE, "operator": ">=", "answerDecimal": app.min_age})
        if app.max_age is not None:
            conditions.append({"question": AGE, "operator": "<", "answerDecimal": app.max_age})
    if not conditions:
        return {}
    out: dict[str, Any] = {"enableWhen": conditions}
    if len(conditions) > 1:
        out["enableBehavior"] = "all"
    return out


def _help(link: str, text: str) -> dict[str, Any]:
    control = {"coding": [t.coding(t.ITEM_CONTROL, "help", "Help-Button")]}
    return {
        "linkId": f"{link}.help",
        "text": text,
        "type": "display",
        "extension": [{"url": t.ITEM_CONTROL_EXTENSION, "valueCodeableConcept": control}],
    }


# -- what each linkId means (read back from the generated Questionnaire) ------------------------


@dataclass(frozen=True, slots=True)
class Question:
    """What one ``linkId`` of the Questionnaire asks.

    Attributes:
        kind: ``finding`` (yes / no / unknown about one finding), ``screen`` (about several, with
            follow-ups), ``choice`` (which one of ``findings``), ``age`` or ``sex``.
        findings: the findings the answer speaks about (a choice's options, in order).
        enable: the item's ``enableWhen`` conditions on age and sex.
        screen: for a follow-up, the screen it follows.
    """

    kind: Kind
    findings: tuple[str, ...]
    enable: tuple[dict[str, Any], ...]
    screen: str | None = None


_index_cache: dict[str, Mapping[str, Question]] = {}


def question_index(kb: KnowledgeBase) -> Mapping[str, Question]:
    """linkId → :class:`Question`, read from :func:`to_questionnaire` (cached per kb version)."""
    cached = _index_cache.get(kb.version)
    if cached is not None:
        return cached
    out: dict[str, Question] = {}

    def visit(items: list[dict[str, Any]], screen: str | None) -> None:
        for item in items:
            link = item["linkId"]
            codes = {c["system"]: c["code"] for c in item.get("code", [])}
            enable = tuple(e for e in item.get("enableWhen", []) if e["question"] in (AGE, SEX))
            if link == AGE:
                out[link] = Question("age", (), ())
            elif link == SEX:
                out[link] = Question("sex", (), ())
            elif t.FINDING_SYSTEM in codes:
                out[link] = Question("finding", (codes[t.FINDING_SYSTEM],), enable, screen)
            elif item.get("type") == "choice" and t.QUESTION_SYSTEM in codes:
                options = tuple(
                    o["valueCoding"]["code"]
                    for o in item.get("answerOption", [])
                    if o["valueCoding"]["system"] == t.FINDING_SYSTEM
                )
                if options:
                    out[link] = Question("choice", options, enable)
                else:
                    # A screen: its follow-ups are the coded children (our finding code first).
                    follow = [c["code"][0]["code"] for c in item.get("item", []) if "code" in c]
                    out[link] = Question("screen", tuple(follow), enable)
            is_screen = link in out and out[link].kind == "screen"
            visit(item.get("item", []), link if is_screen else screen)

    visit(to_questionnaire(kb)["item"], None)
    _index_cache[kb.version] = out
    return out


def enabled(q: Question, age: float | None, sex: str | None) -> bool:
    """Whether the age/sex conditions of ``q`` hold (FHIR: an unanswered question fails them)."""
    for e in q.enable:
        if e["question"] == SEX:
            holds = sex == e["answerCoding"]["code"]
        elif age is None:
            holds = False
        elif e["operator"] == ">=":
            holds = age >= e["answerDecimal"]
        else:
            holds = age < e["answerDecimal"]
        if not holds:
            return False
    return True
