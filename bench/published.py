"""Published accuracy figures of symptom checkers, apps and physicians (see the project's anchors).

Every figure comes from a different vignette set than ours (general primary care, not twitching),
so the comparison places twitchcheck among them; it does not rank them.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Figure:
    """One published figure.

    Attributes:
        measure: the key of our matching measure in ``metrics.accuracy``.
        who: the tools or people measured, and the study.
        value: the figure as a share (0-1).
        note: the exact wording when it differs from ours.
        url: where the figure is published.
    """

    measure: str
    who: str
    value: float
    note: str
    url: str


SEMIGRAN_2015 = "https://pmc.ncbi.nlm.nih.gov/articles/PMC4496786"
SEMIGRAN_2016 = "https://jamanetwork.com/journals/jamainternalmedicine/fullarticle/2565684"
HILL_2020 = (
    "https://www.mja.com.au/journal/2020/212/11/"
    "quality-diagnosis-and-triage-advice-provided-free-online-symptom-checkers-and"
)
GILBERT_2020 = "https://bmjopen.bmj.com/content/10/12/e040269"
GILBERT_2020_AU = "https://www.medrxiv.org/highwire/citation/86833/papers"
SCHMIEDING_2022 = "https://jmir.org/2022/5/e31810"
KOPKA_2022 = "https://pmc.ncbi.nlm.nih.gov/articles/PMC9607917"
EL_OSTA_2022 = "https://medrxiv.org/content/10.1101/2021.07.29.21261320v1.full.txt"

FIGURES: tuple[Figure, ...] = (
    Figure("top1", "23 symptom checkers (Semigran 2015)", 0.34, "45 vignettes", SEMIGRAN_2015),
    Figure("top1", "36 symptom checkers (Hill 2020)", 0.36, "48 vignettes", HILL_2020),
    Figure(
        "top1", "Ada (Gilbert 2020, Australian vignettes)", 0.65, "48 vignettes", GILBERT_2020_AU
    ),
    Figure("top1", "234 physicians (Semigran 2016)", 0.721, "same 45 vignettes", SEMIGRAN_2016),
    Figure("top3", "23 symptom checkers (Semigran 2016)", 0.512, "", SEMIGRAN_2016),
    Figure("top3", "36 symptom checkers (Hill 2020)", 0.52, "", HILL_2020),
    Figure("top3", "Ada, best app (Gilbert 2020)", 0.705, "200 vignettes", GILBERT_2020),
    Figure(
        "top3", "other apps, best of them (Gilbert 2020)", 0.43, "range 23.5–43 %", GILBERT_2020
    ),
    Figure("top3", "GPs (Gilbert 2020)", 0.821, "± 5.2", GILBERT_2020),
    Figure("top3", "234 physicians (Semigran 2016)", 0.843, "", SEMIGRAN_2016),
    Figure("top10", "36 symptom checkers (Hill 2020)", 0.58, "", HILL_2020),
    Figure("triage_exact", "23 symptom checkers (Semigran 2015)", 0.57, "3 levels", SEMIGRAN_2015),
    Figure("triage_exact", "36 symptom checkers (Hill 2020)", 0.49, "4 levels", HILL_2020),
    Figure(
        "triage_exact", "22 triage apps in 2020 (Schmieding 2022)", 0.558, "median", SCHMIEDING_2022
    ),
    Figure("triage_exact", "Ada (Gilbert 2020, Australian vignettes)", 0.63, "", GILBERT_2020_AU),
    Figure("triage_safe_gilbert", "GPs (Gilbert 2020)", 0.97, "± 2.5", GILBERT_2020),
    Figure("triage_safe_gilbert", "Ada (Gilbert 2020)", 0.97, "apps 80.0–97.8 %", GILBERT_2020),
    Figure("triage_safe_gilbert", "Buoy, lowest app (Gilbert 2020)", 0.80, "", GILBERT_2020),
    Figure("under_triage", "Healthily, best (El-Osta 2022)", 0.286, "Ada 43.3 %", EL_OSTA_2022),
    Figure("under_triage", "Babylon, worst (El-Osta 2022)", 0.475, "", EL_OSTA_2022),
    Figure(
        "emergency_sensitivity",
        "symptom checkers (Semigran 2015)",
        0.80,
        "emergent appropriate",
        SEMIGRAN_2015,
    ),
    Figure("emergency_sensitivity", "symptom checkers (Hill 2020)", 0.63, "", HILL_2020),
    Figure(
        "emergency_sensitivity",
        "triage apps in 2020 (Schmieding 2022)",
        0.60,
        "'miss > 40 %' → < 60 %",
        SCHMIEDING_2022,
    ),
    Figure("emergency_sensitivity", "91 laypeople (Kopka 2022)", 0.675, "", KOPKA_2022),
    Figure(
        "appropriate_routine",
        "symptom checkers (Semigran 2015)",
        0.55,
        "non-emergent",
        SEMIGRAN_2015,
    ),
    Figure("appropriate_routine", "symptom checkers (Hill 2020)", 0.30, "non-urgent", HILL_2020),
    Figure("appropriate_urgent", "symptom checkers (Hill 2020)", 0.56, "", HILL_2020),
    Figure("appropriate_self_care", "symptom checkers (Semigran 2015)", 0.33, "", SEMIGRAN_2015),
    Figure("appropriate_self_care", "symptom checkers (Hill 2020)", 0.40, "", HILL_2020),
)
