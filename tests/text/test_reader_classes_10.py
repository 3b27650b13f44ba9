"""Issue 12 and 16: classes of error of the lay-text reader, tenth set (found on the development
vignettes' texts, fresh vignette batch 1 included: the step from what a person types to the
findings the engine weighs).

Each test names one class and reads phrasings written for the test (not the vignettes'), with
controls.
"""

from __future__ import annotations

from datetime import date

import pytest

from tests.text.reading import states_on
from twitchcheck import KnowledgeBase
from twitchcheck.text import parse

TODAY = date(2026, 12, 7)
_states = states_on(TODAY)


@pytest.mark.parametrize(
    "text",
    [
        "you can watch the muscle flicker in my calf",
        "I can watch the muscle flicker when I sit still",
        "my thigh twitches and I can observe it jumping, I can see them jumping",
    ],
)
def test_watching_a_twitch_is_seeing_it_not_an_ability(kb: KnowledgeBase, text: str) -> None:
    assert _states(kb, text).get("twitch_visible") == "present", text


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        ("my forearms ache and twitch", "twitch_arms"),
        ("both calves are sore and keep twitching", "twitch_legs"),
        ("my thighs burn and twitch after work", "twitch_legs"),
    ],
)
def test_a_site_joined_by_and_to_its_twitch_verb_twitches(
    kb: KnowledgeBase, text: str, finding: str
) -> None:
    assert _states(kb, text).get(finding) == "present", text


@pytest.mark.parametrize(
    ("text", "not_there"),
    [
        ("my legs ache and my arms twitch", "twitch_legs"),
        ("my calves cramp and my arms twitch", "twitch_legs"),
    ],
)
def test_an_and_before_a_new_subject_or_site_joins_nothing(
    kb: KnowledgeBase, text: str, not_there: str
) -> None:
    assert not_there not in _states(kb, text), text


@pytest.mark.parametrize(
    "text",
    [
        "sleeping maybe 4 hours a night with the new job",
        "only sleeping perhaps 3 hours, my calves twitch",
    ],
)
def test_a_doubt_that_rounds_a_number_doubts_the_amount(kb: KnowledgeBase, text: str) -> None:
    assert _states(kb, text).get("trigger_sleep_loss") == "present", text


def test_a_doubt_of_the_finding_itself_still_doubts(kb: KnowledgeBase) -> None:
    assert _states(kb, "maybe my arms are weaker, hard to say").get("weakness") == "unknown"


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        ("I caught polio as a baby in Lagos and my right leg stayed thin", "polio_history"),
        ("been smoking 25 a day since I was a teenager", "smoker"),
        ("had polio as a toddler, now my arm is twitching", "polio_history"),
    ],
)
def test_the_writers_own_early_years_are_no_child(
    kb: KnowledgeBase, text: str, finding: str
) -> None:
    result = parse(kb, text, today=TODAY)
    assert not result.about_other, text
    assert {e.id: e.state for e in result.evidence}.get(finding) == "present", text


def test_a_baby_of_the_writers_is_still_a_child(kb: KnowledgeBase) -> None:
    assert parse(kb, "my baby's legs twitch in her sleep", today=TODAY).about_other


def test_a_relative_who_always_said_it_reports_the_persons_own_history(
    kb: KnowledgeBase,
) -> None:
    states = _states(kb, "my dad always said I had polio when I was tiny, now my leg twitches")
    assert states.get("polio_history") == "present"


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        ("the doctor tested my reflexes and said they were brisk", "brisk_reflexes"),
        ("GP checked my reflexes and they were brisk", "brisk_reflexes"),
        ("the GP couldn't get any reflexes at my ankles", "reduced_reflexes"),
        ("I have to wait ages for my wee to start and my legs are weak", "bladder_bowel"),
        ("it takes forever to start peeing since the back pain", "bladder_bowel"),
        ("the pain goes from my buttock down the back of my leg", "sciatica"),
        ("a week ago I had a heavy cold, now my legs are weak", "recent_viral_illness"),
        ("I was given Ayurvedic pills for my joints", "lead_exposure"),
        ("when I put my heel down my foot bounces up and down by itself", "clonus"),
        ("my thighs look thin compared to last year", "muscle_wasting"),
        ("my neurologist raised my pyridostigmine and now I twitch", "med_new_medicine"),
        ("the GP gave me antibiotics for my chest and now my arms twitch", "med_new_medicine"),
    ],
)
def test_phrasings_of_findings_the_vignettes_showed_missing(
    kb: KnowledgeBase, text: str, finding: str
) -> None:
    assert _states(kb, text).get(finding) == "present", text


@pytest.mark.parametrize(
    ("text", "not_there"),
    [
        ("it takes forever to start the car in the morning", "med_new_medicine"),
        ("takes me ages to start peeing", "med_new_medicine"),
        ("I had a cold shower after the gym", "recent_viral_illness"),
        ("I had a cold sore last month", "recent_viral_illness"),
        ("our son hit every milestone, sat at 6 months and walked at 12", "milestones_delayed"),
        ("I went for a brisk walk and my calf twitched", "brisk_reflexes"),
    ],
)
def test_controls_that_name_no_such_finding(kb: KnowledgeBase, text: str, not_there: str) -> None:
    assert _states(kb, text).get(not_there) != "present", text


def test_a_ssri_taken_for_long_is_its_class_not_a_new_medicine(kb: KnowledgeBase) -> None:
    # the corpus guide: a medicine of a class is that class, and a recent change only when the
    # text says it was started or changed lately (test_reader_classes_14)
    states = _states(kb, "I have been on sertraline for a long time")
    assert states.get("med_ssri") == "present"
    assert "med_new_medicine" not in states


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        ("my arms are getting weaker like my mum's did before she passed", "weakness"),
        ("I choke on drinks, the same as my grandad did", "swallowing_difficulty"),
        ("my speech is slurred, similar to my uncle", "speech_difficulty"),
        ("I'm terrified it's MND like my neighbour had", "anxious_mood"),
    ],
)
def test_a_finding_compared_with_someone_else_is_the_writers_own(
    kb: KnowledgeBase, text: str, finding: str
) -> None:
    assert _states(kb, text).get(finding) == "present", text


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        ("my brother's legs are weak", "weakness"),
        ("my legs are fine but my mum's are weak", "weakness"),
    ],
)
def test_a_relatives_own_finding_stays_theirs(kb: KnowledgeBase, text: str, finding: str) -> None:
    states = _states(kb, text)
    assert states.get(finding) != "present", text


def test_a_friends_illness_is_no_family_history(kb: KnowledgeBase) -> None:
    states = _states(kb, "my calves twitch and I'm scared it's ALS, a colleague had it")
    assert "family_history_neuromuscular" not in states
    assert _states(kb, "I twitch and my aunt had ALS").get("family_history_neuromuscular") == (
        "present"
    )


@pytest.mark.parametrize(
    "text",
    [
        "my right foot has started to drag when I walk, it's getting worse",
        "my grip has gone weak. It keeps getting worse.",
        "I'm struggling with the stairs more and more",
    ],
)
def test_getting_worse_said_of_a_weakness_just_named_is_progression(
    kb: KnowledgeBase, text: str
) -> None:
    assert _states(kb, text).get("weakness_progressive") == "present", text


@pytest.mark.parametrize(
    "text",
    [
        "my legs feel a bit weak and my calf twitches, it's getting worse",
        "the twitching is getting worse",
        "I twitch more and more",
    ],
)
def test_getting_worse_said_of_a_twitch_is_no_progressive_weakness(
    kb: KnowledgeBase, text: str
) -> None:
    assert "weakness_progressive" not in _states(kb, text), text


def test_a_fever_in_the_simple_past_is_a_recent_illness(kb: KnowledgeBase) -> None:
    assert _states(kb, "ten days ago I had a fever, now my legs are weak").get(
        "recent_viral_illness"
    ) == ("present")
    assert "recent_viral_illness" not in _states(kb, "I've had a fever for two days")


def test_a_quinolone_antibiotic_is_read(kb: KnowledgeBase) -> None:
    states = _states(kb, "on levofloxacin for a chest infection and my arms are jerking")
    assert states.get("med_fluoroquinolone") == "present"


def test_a_later_activity_time_does_not_date_a_weakness(kb: KnowledgeBase) -> None:
    states = _states(kb, "arms tired and weak by bedtime, but I still swim for an hour daily")
    assert "weakness_over_days" not in states
    assert _states(kb, "Since yesterday, my legs are weak").get("weakness_over_days") == "present"


@pytest.mark.parametrize(
    ("text", "finding", "state"),
    [
        ("I walk up to the fourth floor every day, calves twitch", "difficulty_rising", None),
        ("it is hard to get up from the floor now", "difficulty_rising", "present"),
        ("getting up from the floor is no problem", "difficulty_rising", "absent"),
        ("my hand is weak and I keep dropping my keys", "dropping_things", "present"),
    ],
)
def test_common_words_of_a_finding_said_of_something_else(
    kb: KnowledgeBase, text: str, finding: str, state: str | None
) -> None:
    assert _states(kb, text).get(finding) == state, text


def test_a_relative_who_says_something_of_an_illness_does_not_have_it(kb: KnowledgeBase) -> None:
    states = _states(kb, "my brother reckons twitching means MND and now I'm scared")
    assert "family_history_neuromuscular" not in states
    assert _states(kb, "my brother had MND").get("family_history_neuromuscular") == "present"


@pytest.mark.parametrize(
    ("text", "finding", "age"),
    [
        ("Care worker. My client is 58 and her legs have gone weak this week.", "weakness", 58.0),
        ("Resident, 91, choked on his porridge twice today.", "swallowing_difficulty", 91.0),
        ("Handover: Mrs P (84) could not get up from the chair, needed two staff.", None, 84.0),
        ("Ward nurse. Pt 47F, her speech is slurred since lunch.", "speech_difficulty", 47.0),
        (
            "PE teacher - one of my girls (12) says her feet are numb after every lesson.",
            "numbness_tingling",
            12.0,
        ),
    ],
)
def test_a_professional_writes_about_the_person_in_their_care(
    kb: KnowledgeBase, text: str, finding: str | None, age: float
) -> None:
    result = parse(kb, text, today=TODAY)
    assert result.about_other, text
    assert result.age == age, text
    if finding is not None:
        states = {e.id: e.state for e in result.evidence}
        assert states.get(finding) == "present", text


def test_a_patients_illness_is_no_family_history(kb: KnowledgeBase) -> None:
    assert "family_history_neuromuscular" not in _states(
        kb, "I'm a nurse and my patient had ALS, now my own calf twitches"
    )


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        ("hurt my back at the gym and it's agony especially at night", "back_pain_night"),
        ("my back's been killing me all week", "back_pain_night"),
        ("legs weak and I pissed myself in the queue without feeling it", "bladder_bowel"),
    ],
)
def test_more_lay_words_for_danger_signs(kb: KnowledgeBase, text: str, finding: str) -> None:
    assert _states(kb, text).get(finding) == "present", text


def test_a_support_worker_for_someone_writes_about_them(kb: KnowledgeBase) -> None:
    result = parse(
        kb, "I'm a support worker for a 52 year old man, his left leg drags", today=TODAY
    )
    assert result.about_other
    assert result.age == 52.0
    assert {e.id: e.state for e in result.evidence}.get("foot_drop") == "present"


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        ("my calf muscles have become thin over the year", "muscle_wasting"),
        ("my arms are weak and every month the weakness is becoming more", "weakness_progressive"),
    ],
)
def test_change_over_months_in_plain_words(kb: KnowledgeBase, text: str, finding: str) -> None:
    assert _states(kb, text).get(finding) == "present", text
