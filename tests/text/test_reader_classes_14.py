"""Text path of the vignettes: classes of misreading found where a development vignette's text
lost what its structured findings say, each in phrasings written for the test, with controls.

- A time that opens its sentence after its own cue words ("For the past six weeks ...") dates
  all the sentence says, the twitching included.
- A word of another finding standing on both sides of a twitch word shares its subject: "my thigh
  muscles twitch and feel stiff" twitches in the thighs.
- A named medicine said to be started or changed lately is a recent medicine change as well as
  its class (kb ``started_within_days``); one taken for years, or a start of something else, is
  not.
- Big, firm calves are read at any age (Becker dystrophy, Isaacs syndrome), and a few lay
  phrases (a CK "over" a number, rippling "non-stop", "I can see it flicking").
"""

from __future__ import annotations

from datetime import date

import pytest

from tests.text.reading import states_on
from twitchcheck import KnowledgeBase
from twitchcheck.text import parse

TODAY = date(2026, 12, 8)
_states = states_on(TODAY)


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        ("For the past six weeks I've felt shaky and my muscles twitch all over", "duration_weeks"),
        ("Over the last four months I've had cramps and twitching in my calves", "duration_months"),
        ("In the last few days I've been jittery and my arms keep twitching", "duration_days"),
    ],
)
def test_a_time_opening_the_sentence_dates_the_twitching(
    kb: KnowledgeBase, text: str, finding: str
) -> None:
    assert _states(kb, text).get(finding) == "present", text


def test_a_time_of_an_old_illness_opening_the_sentence_does_not(kb: KnowledgeBase) -> None:
    # "now" starts a clause anew: the years are the back pain's
    states = _states(kb, "For years I've had back pain, and now my calf twitches")
    assert states.get("duration_months") != "present"


@pytest.mark.parametrize(
    ("text", "site", "other"),
    [
        ("my thigh muscles twitch and feel stiff", "twitch_legs", "stiffness"),
        (
            "both legs went numb, and my calf muscles jump and twitch and feel stiff",
            "twitch_legs",
            "stiffness",
        ),
    ],
)
def test_a_finding_around_the_twitch_word_shares_its_site(
    kb: KnowledgeBase, text: str, site: str, other: str
) -> None:
    states = _states(kb, text)
    assert states.get(site) == "present", text
    assert states.get(other) == "present", text


def test_another_finding_still_parts_a_site_from_a_distant_twitch(kb: KnowledgeBase) -> None:
    states = _states(kb, "my arms feel weak and my legs twitch")
    assert states.get("twitch_legs") == "present"
    assert states.get("twitch_arms") != "present"


@pytest.mark.parametrize(
    ("text", "medicine"),
    [
        ("I started sertraline a month ago and my legs jerk at night", "med_ssri"),
        ("my GP started me on a low dose of citalopram ten days ago", "med_ssri"),
        ("since starting fluoxetine a fortnight ago my calves twitch", "med_ssri"),
        ("was put on prednisolone 30mg five days ago, now my arms twitch", "med_steroids"),
        ("a cholesterol tablet, simvastatin, the GP started about a month ago", "med_statin"),
        ("the doctor doubled my furosemide last week and my calves cramp", "med_diuretic"),
    ],
)
def test_a_medicine_started_lately_is_a_recent_change_and_its_class(
    kb: KnowledgeBase, text: str, medicine: str
) -> None:
    states = _states(kb, text)
    assert states.get(medicine) == "present", text
    assert states.get("med_new_medicine") == "present", text


@pytest.mark.parametrize(
    "text",
    [
        "I've been on sertraline for years and my calves twitch",
        "I started sertraline in 2019, the twitching is new",
        "started prednisolone eight months ago for my lungs, calves twitch now",
        "on atorvastatin for ages and started getting cramps two weeks ago",
        "I haven't started the statin yet, my legs have twitched for 2 weeks",
    ],
)
def test_a_medicine_not_started_lately_is_no_recent_change(kb: KnowledgeBase, text: str) -> None:
    assert _states(kb, text).get("med_new_medicine") != "present", text


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        ("I'm 30 and my calves are big and firm", "calf_enlargement"),
        ("26M, my calves are big and firm though I never train them", "calf_enlargement"),
        ("bloods showed a CK over 2000", "lab_high_ck"),
        ("my cheek has been rippling non-stop for a week", "twitch_continuous_rippling"),
        ("my thigh has started twitching, I can see it flicking", "twitch_visible"),
        ("my eyelid jumps and people can see it", "twitch_visible"),
    ],
)
def test_lay_phrases_of_the_vignettes(kb: KnowledgeBase, text: str, finding: str) -> None:
    assert _states(kb, text).get(finding) == "present", text


# --- fresh batch 26's development messages: who a finding belongs to ---------------------------


def _person(kb: KnowledgeBase, text: str) -> tuple[bool, float | None]:
    result = parse(kb, text, today=TODAY)
    return result.about_other, result.age


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        (
            "Writing for my gran, she's 84. She keeps asking for my grandad who passed, and this "
            "morning her legs buckled under her",
            "weakness",
        ),
        (
            "This is for my mum, 79, on water tablets. She's been muddled all week, calling for "
            "my dad",
            "confusion",
        ),
        ("Our daughter is 9. At bedtime she says 'mum, my feet are burning'", "burning_feet"),
        (
            "I'm a foster carer. The 6 year old girl staying with us had a tummy bug and now she "
            "can't get up the stairs",
            "difficulty_stairs",
        ),
        ("My granddaughter (3) had a cold last week and now her legs hurt", "pain"),
    ],
)
def test_the_person_spoken_for_keeps_their_finding(
    kb: KnowledgeBase, text: str, finding: str
) -> None:
    assert _states(kb, text).get(finding) == "present", text


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        ("My mum is 80. My dad had weak legs before he died", "weakness"),
        ("My nan is 90, she is fine but my grandad is muddled", "confusion"),
        ("My legs twitch. My dad I think had trouble swallowing", "swallowing_difficulty"),
    ],
)
def test_a_relatives_finding_stays_theirs(kb: KnowledgeBase, text: str, finding: str) -> None:
    assert _states(kb, text).get(finding) != "present", text


def test_a_carers_child_and_their_age(kb: KnowledgeBase) -> None:
    text = "I'm a foster carer. The 6 year old girl staying with us has twitchy legs"
    assert _person(kb, text) == (True, 6.0)


def test_a_grandchilds_age_in_brackets(kb: KnowledgeBase) -> None:
    text = "My grandson (4) had flu. His calves are sore and I think I saw them twitching"
    assert _person(kb, text) == (True, 4.0)


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        (
            "I can't get up out of the sofa without hauling myself up on the arm",
            "difficulty_rising",
        ),
        ("My son is 5 months. His cry has gone quieter this week", "infant_weak_cry"),
        ("after the thyroid operation my hands seized into a cramp", "tetany"),
    ],
)
def test_lay_phrases_of_batch_26(kb: KnowledgeBase, text: str, finding: str) -> None:
    assert _states(kb, text).get(finding) == "present", text


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        (
            "my calves twitch after training. i drink 2 energy drinks a day. its been going on "
            "about 3 weeks",
            "duration_weeks",
        ),
        ("My eyelid jumps. Had it for a month now.", "duration_weeks"),
    ],
)
def test_the_time_of_it_after_the_twitching_is_the_twitchings(
    kb: KnowledgeBase, text: str, finding: str
) -> None:
    states = _states(kb, text)
    assert states.get(finding) == "present", text
    assert states.get("duration_days") != "present", text  # "2 energy drinks a day" is a rate


def test_the_time_of_it_after_another_complaint_is_not(kb: KnowledgeBase) -> None:
    states = _states(kb, "My back hurts. It's been like this for a year. My calf twitches.")
    assert states.get("duration_months") != "present"


@pytest.mark.parametrize(
    "text",
    [
        "Dad (79) has gone very weak over the last few months, and his arms twitch",
        "over the past year my grip has slowly faded and my forearm twitches",
        "in the last 6 months my legs have got weaker and my calves twitch",
    ],
)
def test_weakness_come_on_over_months_is_progressive(kb: KnowledgeBase, text: str) -> None:
    states = _states(kb, text)
    assert states.get("weakness_progressive") == "present", text
    assert states.get("weakness_over_days") != "present", text


@pytest.mark.parametrize(
    "text",
    [
        "my legs have been weak for 3 months, calves twitch",  # stable, no change
        "my legs went weak three weeks ago and my calves twitch",  # a point, not a span
    ],
)
def test_weakness_dated_without_a_gradual_change_is_not_progressive(
    kb: KnowledgeBase, text: str
) -> None:
    assert _states(kb, text).get("weakness_progressive") != "present", text


def test_weakness_come_on_over_days_stays_over_days(kb: KnowledgeBase) -> None:
    states = _states(kb, "my legs have got weaker over the last 5 days and they twitch")
    assert states.get("weakness_over_days") == "present"
    assert states.get("weakness_progressive") != "present"


@pytest.mark.parametrize(
    ("text", "age"),
    [
        ("I'm eighty-nine and my legs have been twitching since Friday", 89.0),
        ("This is for my mother, she is seventy two. Her calves twitch at night.", 72.0),
        ("I'm sixty and my eyelid flickers", 60.0),
    ],
)
def test_an_age_in_number_words(kb: KnowledgeBase, text: str, age: float) -> None:
    assert parse(kb, text, today=TODAY).age == age, text


def test_number_words_that_are_no_age(kb: KnowledgeBase) -> None:
    result = parse(kb, "twenty minutes after the gym my calves twitch", today=TODAY)
    assert result.age is None


def test_an_age_before_a_pronoun_is_no_self_description(kb: KnowledgeBase) -> None:
    # "86 he ..." is someone's age and the next sentence's subject, not "86, male" of the writer
    result = parse(kb, "write down dad is eighty six he keeps twitching in his sleep", today=TODAY)
    assert (result.about_other, result.age) != (False, 86.0)
