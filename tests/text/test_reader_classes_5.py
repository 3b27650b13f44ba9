"""Issue 12 / 16: classes of error of the lay-text reader, fifth set.

Found on the development vignettes read from text (their structured findings are the answer):
each test names one class and reads phrasings written for the test, with controls that must not
fire. Times without a number ("over the past year") and times that open the sentence; a
comparative of a word with a double letter ("stiffer"); "the muscles" referring back to a site;
sites joined by "and" or a comma, and sites after "in my"; twitching in three body regions as
widespread (kb ``lay_regions``); a time opening an adult's message is no baby's age; a prescriber
starting a named medicine; a few lay words (on edge, goes on while I sleep, a bouncing ankle).
"""

from __future__ import annotations

from datetime import date

import pytest

from tests.text.reading import states_on
from twitchcheck import KnowledgeBase
from twitchcheck.text import parse

TODAY = date(2026, 12, 7)
DURATIONS = {"duration_days", "duration_weeks", "duration_months"}

states = states_on(TODAY)


@pytest.mark.parametrize(
    ("text", "duration"),
    [
        ("Over the past year my arms have got weaker and the muscles twitch", "duration_months"),
        ("this past year my calves have twitched every day", "duration_months"),
        ("my calf has twitched for the best part of a year", "duration_months"),
        ("for most of this season my calves have cramped and twitched", "duration_months"),
        ("in the past month my thigh has been twitching", "duration_weeks"),
        ("my eyelid has twitched the past week", "duration_days"),
    ],
)
def test_a_time_with_no_number_is_read(kb: KnowledgeBase, text: str, duration: str) -> None:
    got = states(kb, text)
    assert got.get(duration) == "present", (text, got)
    assert not (DURATIONS - {duration}) & set(got), (text, got)


@pytest.mark.parametrize(
    "text",
    [
        "Over about six months I've become weak all over, my arm muscles look thinner and twitch",
        "For six months I've been getting weaker, and my arms twitch",
        "Over the past year my left hand has gone thin and weak and the muscles there twitch",
    ],
)
def test_a_time_opening_the_sentence_is_the_twitchings_too(kb: KnowledgeBase, text: str) -> None:
    assert states(kb, text).get("duration_months") == "present", text


@pytest.mark.parametrize(
    "text",
    [
        "I haven't been able to swallow since friday, and there's a twitch in my chin",
        "For years I've had back pain, and now my calf twitches",
        "For months my knee has ached but recently my thigh started twitching",
    ],
)
def test_a_time_of_another_symptoms_clause_is_still_not_the_twitchings(
    kb: KnowledgeBase, text: str
) -> None:
    got = states(kb, text)
    assert not DURATIONS & set(got), (text, got)


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        ("my legs have slowly got stiffer", "stiffness"),
        ("my hands are stiffer than they were", "stiffness"),
        ("my calves have got thinner", "muscle_wasting"),
    ],
)
def test_a_comparative_of_a_double_letter_word(kb: KnowledgeBase, text: str, finding: str) -> None:
    assert states(kb, text).get(finding) == "present", text


@pytest.mark.parametrize(
    ("text", "site"),
    [
        ("my arms have got weaker and thinner and the muscles twitch", "twitch_arms"),
        ("my left hand has gone thin and the muscles there twitch", "twitch_arms"),
        ("my calves ache a lot and those muscles keep twitching", "twitch_legs"),
    ],
)
def test_the_muscles_refers_back_to_the_site_named(kb: KnowledgeBase, text: str, site: str) -> None:
    assert states(kb, text).get(site) == "present", text


@pytest.mark.parametrize(
    ("text", "sites"),
    [
        ("my arm and leg muscles look thinner and twitch", {"twitch_arms", "twitch_legs"}),
        ("my calves, thighs and arms twitch", {"twitch_legs", "twitch_arms"}),
        ("I get twitches in my arms and stomach", {"twitch_arms", "twitch_trunk"}),
        ("twitching in my legs, arms and chest", {"twitch_legs", "twitch_arms", "twitch_trunk"}),
    ],
)
def test_sites_in_a_list_all_twitch(kb: KnowledgeBase, text: str, sites: set[str]) -> None:
    got = states(kb, text)
    assert all(got.get(s) == "present" for s in sites), (text, got)


def test_sites_in_a_denied_list_are_all_denied(kb: KnowledgeBase) -> None:
    got = states(kb, "my arm and leg muscles don't twitch")
    assert got.get("twitch_arms") == "absent" and got.get("twitch_legs") == "absent", got


@pytest.mark.parametrize(
    ("text", "not_site"),
    [
        ("my calves cramp and my arms twitch", "twitch_legs"),
        ("I have cramps in my calves and my arms twitch", "twitch_legs"),
        ("my back aches and my eyelid twitches", "twitch_trunk"),
        ("Finished a steroid course last week for my chest, and my thighs twitch", "twitch_trunk"),
        ("both legs went numb below the chest, my legs twitch", "twitch_trunk"),
    ],
)
def test_a_site_of_another_finding_does_not_twitch(
    kb: KnowledgeBase, text: str, not_site: str
) -> None:
    assert not_site not in states(kb, text), text


@pytest.mark.parametrize(
    "text",
    [
        "I get twitches and jerks in my arms, legs and stomach",
        "my calves, arms and back have been twitching",
        "my legs, arms and tummy keep twitching",
    ],
)
def test_three_body_regions_are_widespread(kb: KnowledgeBase, text: str) -> None:
    result = parse(kb, text, today=TODAY)
    got = {e.id: e.state for e in result.evidence}
    assert got.get("twitch_widespread") == "present", (text, got)
    mention = next(m for m in result.mentions if m.finding == "twitch_widespread")
    assert mention.quote in text  # shown with the words it came from


@pytest.mark.parametrize(
    "text",
    [
        "twitching in my arms and legs",
        "my dad has twitches in his arms, legs and back, mine are just in my calf",
        "no twitches in my arms, legs or back, only my eyelid",
    ],
)
def test_two_regions_or_someone_elses_are_not_widespread(kb: KnowledgeBase, text: str) -> None:
    assert states(kb, text).get("twitch_widespread") != "present", text


@pytest.mark.parametrize(
    "text",
    [
        "Two weeks ago my calf started twitching",
        "A month later the muscles in my arm started rippling",
        "3 months of twitching in my calves",
        "6 weeks now and my calf still twitches",
        "Four months ago I noticed my thumb twitching",
    ],
)
def test_a_time_opening_an_adults_message_is_no_babys_age(kb: KnowledgeBase, text: str) -> None:
    result = parse(kb, text, today=TODAY)
    assert result.age is None and not result.about_other, text


@pytest.mark.parametrize(
    ("text", "age"),
    [("6mo wont latch and is floppy", 0.5), ("8 weeks old, floppy and weak suck", 8 * 7 / 365.25)],
)
def test_a_babys_age_opening_the_message_still_is_one(
    kb: KnowledgeBase, text: str, age: float
) -> None:
    got = parse(kb, text, today=TODAY).age
    assert got is not None and got == pytest.approx(age, abs=0.02), text


@pytest.mark.parametrize(
    "text",
    [
        "My GP started me on sertraline three weeks ago and now my legs twitch",
        "the dermatologist put me on a week of steroid tablets",
        "I've been on simvastatin for years but my doctor doubled the dose",
    ],
)
def test_a_prescriber_starting_a_named_medicine_is_a_new_medicine(
    kb: KnowledgeBase, text: str
) -> None:
    assert states(kb, text).get("med_new_medicine") == "present", text


@pytest.mark.parametrize(
    "text",
    [
        "the twitching started me on a path of googling",
        "my wife put me on a diet and my calf twitches",
        "it started three weeks ago in my calf",
    ],
)
def test_no_named_medicine_no_new_medicine(kb: KnowledgeBase, text: str) -> None:
    assert "med_new_medicine" not in states(kb, text), text


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        ("I feel wired and on edge all the time", "anxious_mood"),
        ("my partner says it goes on while I sleep", "twitch_in_sleep"),
        ("my ankle kept bouncing when the doctor pushed my foot up", "clonus"),
    ],
)
def test_lay_words(kb: KnowledgeBase, text: str, finding: str) -> None:
    assert states(kb, text).get(finding) == "present", text


def test_the_edge_of_a_bed_is_no_worry(kb: KnowledgeBase) -> None:
    assert "anxious_mood" not in states(kb, "I sat on the edge of the bed and my calf twitched")


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        ("My legs feel heavy, though I can still do everything", "weakness"),
        ("calves twitch a lot but i can do everything i used to", "weakness"),
        ("It came on gradually, not all at once", "sudden_onset"),
        ("the twitching crept up on me over a few weeks", "sudden_onset"),
    ],
)
def test_normal_function_said_without_a_content_word(
    kb: KnowledgeBase, text: str, finding: str
) -> None:
    assert states(kb, text).get(finding) == "absent", text


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        ("I can do everything i used to but my hand is weak now", "weakness"),
        ("it didn't come on gradually, it was all of a sudden", "sudden_onset"),
    ],
)
def test_a_stated_problem_beside_such_words_stays_present(
    kb: KnowledgeBase, text: str, finding: str
) -> None:
    assert states(kb, text).get(finding) == "present", text
